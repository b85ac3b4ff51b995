//! Playing an endpoint: the student chooses each segment their side sends
//! and the simulator carries on from it (`synack_sim::play`). Each choice
//! is graded against what Linux would have sent there, field by field.
//! Pure, so links, reading the form and grading are tested natively.

use crate::quiz::FLAGS;
use synack_sim::play::{Decision, Move, Suggested, MAX_MOVES};
use synack_sim::trace::Trace;
use synack_sim::{Flags, Side};

/// A field of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveField {
    /// Whether to send at all, and with which flags.
    Flags,
    Seq,
    Ack,
    /// Data bytes.
    Len,
}

/// One field of one move, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveMark {
    pub field: MoveField,
    pub right: bool,
    /// What the student sent, and what Linux sends, in the numbering shown
    /// (flags as `[SYN, ACK]`; `None` for nothing sent).
    pub said: Option<String>,
    pub value: Option<String>,
}

/// One decision, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveGrade {
    pub decision: Decision,
    pub marks: Vec<MoveMark>,
}

impl MoveGrade {
    pub fn right(&self) -> bool {
        self.marks.iter().all(|m| m.right)
    }
}

/// Every decision so far, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub moves: Vec<MoveGrade>,
    pub relative: bool,
}

impl Graded {
    /// Moves right, of moves made.
    pub fn score(&self) -> (usize, usize) {
        let right = self.moves.iter().filter(|m| m.right()).count();
        (right, self.moves.len())
    }
}

/// What numbers are counted from, in the numbering shown: the played
/// side's ISN for its seq, the peer's for its ack (zero in absolute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bases {
    pub seq: u32,
    pub ack: u32,
}

impl Bases {
    pub fn of(trace: &Trace, relative: bool) -> Bases {
        let Some(p) = &trace.play else {
            return Bases::default();
        };
        if !relative {
            return Bases::default();
        }
        let peer = match p.side {
            Side::Client => trace.outcome.server.isn,
            Side::Server => trace.outcome.client.isn,
        };
        // The peer's first segment says where its numbers start, as the
        // trace's relative numbers count them.
        let peer_base = trace
            .segments
            .iter()
            .find(|s| s.from != p.side && !s.injected)
            .map_or(peer, |s| {
                if s.flags.contains(Flags::SYN) {
                    s.seq
                } else {
                    s.seq.wrapping_sub(1)
                }
            });
        Bases {
            seq: p.isn,
            ack: peer_base,
        }
    }
}

/// The flags a student may send: those of the quiz.
fn shown(f: Flags) -> Flags {
    f & FLAGS.iter().fold(Flags::empty(), |a, f| a | *f)
}

/// Grade each decision of a played run.
pub fn grade(trace: &Trace, relative: bool) -> Graded {
    let b = Bases::of(trace, relative);
    let moves = trace.play.as_ref().map_or(&[][..], |p| &p.decisions[..]);
    let moves = moves
        .iter()
        .map(|d| {
            let sent = d.chosen.map(|id| {
                let s = &trace.segments[id];
                Suggested {
                    flags: s.flags,
                    seq: s.seq,
                    ack: s.ack,
                    len: s.len,
                    reason: s.reason,
                }
            });
            MoveGrade {
                decision: d.clone(),
                marks: marks(sent.as_ref(), d.right.as_ref(), b),
            }
        })
        .collect();
    Graded { moves, relative }
}

fn marks(sent: Option<&Suggested>, right: Option<&Suggested>, b: Bases) -> Vec<MoveMark> {
    let flags = |s: &Suggested| shown(s.flags).to_string();
    let mut out = vec![MoveMark {
        field: MoveField::Flags,
        right: sent.map(|s| shown(s.flags)) == right.map(|s| shown(s.flags)),
        said: sent.map(flags),
        value: right.map(flags),
    }];
    // The numbers, where a segment was both due and sent.
    let (Some(s), Some(r)) = (sent, right) else {
        return out;
    };
    let seq = |x: &Suggested| x.seq.wrapping_sub(b.seq).to_string();
    out.push(MoveMark {
        field: MoveField::Seq,
        right: s.seq == r.seq,
        said: Some(seq(s)),
        value: Some(seq(r)),
    });
    let has_ack = |x: &Suggested| x.flags.contains(Flags::ACK);
    if has_ack(s) || has_ack(r) {
        let ack = |x: &Suggested| has_ack(x).then(|| x.ack.wrapping_sub(b.ack).to_string());
        out.push(MoveMark {
            field: MoveField::Ack,
            right: ack(s) == ack(r),
            said: ack(s),
            value: ack(r),
        });
    }
    if s.len != r.len {
        out.push(MoveMark {
            field: MoveField::Len,
            right: false,
            said: Some(s.len.to_string()),
            value: Some(r.len.to_string()),
        });
    }
    out
}

/// Why a move's form is refused before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No flag ticked: a segment has at least one (or send nothing).
    NoFlags,
    /// This field is not a whole number from 0 to 2^32 − 1 (data: to 1460).
    Number(MoveField),
}

fn number(text: &str, max: u32) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|&n| n <= max)
}

/// Read the move form: flags, seq, ack (with ACK), data bytes (empty: 0),
/// in the numbering shown.
pub fn read_move(flags: Flags, seq: &str, ack: &str, len: &str, b: Bases) -> Result<Move, Refused> {
    if flags.is_empty() {
        return Err(Refused::NoFlags);
    }
    let seq = number(seq, u32::MAX).ok_or(Refused::Number(MoveField::Seq))?;
    let ack = if flags.contains(Flags::ACK) {
        number(ack, u32::MAX).ok_or(Refused::Number(MoveField::Ack))?
    } else {
        0
    };
    let len = if len.trim().is_empty() {
        0
    } else {
        number(len, 1460).ok_or(Refused::Number(MoveField::Len))?
    };
    Ok(Move {
        flags: flags.names().iter().map(|n| n.to_string()).collect(),
        seq: seq.wrapping_add(b.seq),
        ack: if flags.contains(Flags::ACK) {
            ack.wrapping_add(b.ack)
        } else {
            0
        },
        len,
    })
}

/// `SYN+ACK/3000/1001/0,-`: each move's flags, seq, ack and data bytes as
/// they go on the wire; `-` for nothing sent.
pub fn parse_moves(v: &str) -> Option<Vec<Option<Move>>> {
    super::parse_list(v, MAX_MOVES, |e| {
        if e == "-" {
            return Some(None);
        }
        let parts: Vec<&str> = e.split('/').collect();
        let [flags, seq, ack, len] = parts[..] else {
            return None;
        };
        let flags = super::parse_flags(flags).filter(|f| !f.is_empty())?;
        Some(Some(Move {
            flags: flags.names().iter().map(|n| n.to_string()).collect(),
            seq: seq.parse().ok()?,
            ack: ack.parse().ok()?,
            len: len.parse().ok().filter(|&n: &u32| n <= 1460)?,
        }))
    })
}

pub fn moves_text(moves: &[Option<Move>]) -> String {
    moves
        .iter()
        .map(|m| match m {
            None => "-".to_string(),
            Some(m) => format!("{}/{}/{}/{}", m.flags.join("+"), m.seq, m.ack, m.len),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `client` or `server`.
pub fn parse_side(v: &str) -> Option<Side> {
    match v {
        "client" => Some(Side::Client),
        "server" => Some(Side::Server),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::play::Play;
    use synack_sim::{simulate, Config};

    fn played(side: Side, moves: Vec<Option<Move>>) -> Trace {
        simulate(&Config {
            play: Some(Play { side, moves }),
            ..Config::default()
        })
        .unwrap()
    }

    #[test]
    fn the_server_played_right_then_wrong() {
        let t = played(Side::Server, vec![]);
        let b = Bases::of(&t, true);
        // Relative numbers, as the student types them: the SYN-ACK is 0/1.
        let right = read_move(Flags::SYN | Flags::ACK, "0", "1", "", b).unwrap();
        let t = played(Side::Server, vec![Some(right.clone()), None]);
        let g = grade(&t, true);
        assert_eq!(g.score(), (2, 2));
        // Answering the SYN with a bare ACK, then acking seq + 0.
        let bare = read_move(Flags::ACK, "0", "1", "", b).unwrap();
        let t = played(Side::Server, vec![Some(bare)]);
        let g = grade(&t, true);
        assert_eq!(g.score(), (0, 1));
        let m = &g.moves[0].marks;
        assert_eq!(m[0].field, MoveField::Flags);
        assert_eq!(
            (m[0].said.as_deref(), m[0].value.as_deref()),
            (Some("[ACK]"), Some("[SYN, ACK]"))
        );
        assert!(m[1].right && m[2].right, "seq and ack were right");
        // Sending where nothing was due, and nothing where a segment was.
        let t = played(Side::Server, vec![Some(right.clone()), Some(right)]);
        let g = grade(&t, true);
        assert_eq!(g.score(), (1, 2));
        assert_eq!(g.moves[1].marks[0].value, None, "nothing was due");
    }

    #[test]
    fn the_form_is_read_or_refused() {
        let b = Bases { seq: 100, ack: 7 };
        let m = read_move(Flags::SYN | Flags::ACK, " 0 ", "1", "", b).unwrap();
        assert_eq!((m.seq, m.ack, m.len), (100, 8, 0));
        assert_eq!(m.flags, ["SYN", "ACK"]);
        assert_eq!(
            read_move(Flags::empty(), "0", "1", "", b),
            Err(Refused::NoFlags)
        );
        assert_eq!(
            read_move(Flags::ACK, "0", "x", "", b),
            Err(Refused::Number(MoveField::Ack))
        );
        assert_eq!(
            read_move(Flags::ACK, "0", "1", "1461", b),
            Err(Refused::Number(MoveField::Len))
        );
        // Without ACK the ack box is not read.
        assert!(read_move(Flags::SYN, "0", "junk", "", b).is_ok());
    }

    #[test]
    fn moves_round_trip_through_a_link() {
        let moves = parse_moves("SYN+ACK/3000/1001/0,-,ack/3001/1001/5").unwrap();
        assert_eq!(moves.len(), 3);
        assert_eq!(moves[1], None);
        assert_eq!(moves_text(&moves), "SYN+ACK/3000/1001/0,-,ACK/3001/1001/5");
        for bad in [
            "SYN",
            "SYN/1/2",
            "SYNN/1/2/0",
            "SYN/x/2/0",
            "SYN/1/2/1461",
            "SYN/1/2/0/9",
        ] {
            assert_eq!(parse_moves(bad), None, "{bad}");
        }
        assert_eq!(parse_moves(&["-"; MAX_MOVES + 1].join(",")), None);
        assert_eq!(parse_side("server"), Some(Side::Server));
        assert_eq!(parse_side("both"), None);
    }
}
