//! Playing an endpoint (an exercise): one side's segments are a student's
//! choices. That side's TCP still runs, as a shadow: it hears every
//! segment that reaches the side and says what Linux would send, which is
//! the right answer each choice is graded against; what goes on the wire
//! is the choice, so the peer answers what the student sent, wrong choices
//! included.
//!
//! The student decides each time the shadow would send, and each time a
//! segment reaches their side and the shadow would send nothing (the right
//! answer is then to send nothing). A run with `moves` for the first k
//! decisions stops at decision k + 1 and says so (`PlayTrace::waiting`):
//! the page shows what happened so far and asks for the next move, then
//! runs again with one more. Same moves, same trace.

use crate::segment::{Flags, Segment, SynOptions};
use crate::side::Side;
use crate::why::Why;
use serde::{Deserialize, Serialize};

/// Decisions one exercise asks for, at most.
pub const MAX_MOVES: usize = 24;

/// The side a student plays and what they chose so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Play {
    pub side: Side,
    /// The student's choice at each decision, in order: a segment, or
    /// `None` to send nothing.
    #[serde(default)]
    pub moves: Vec<Option<Move>>,
}

/// A segment the student sends: numbers as they go on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub flags: Vec<String>,
    pub seq: u32,
    #[serde(default)]
    pub ack: u32,
    #[serde(default)]
    pub len: u32,
}

impl Move {
    pub fn flag_bits(&self) -> Flags {
        self.flags
            .iter()
            .filter_map(|f| Flags::parse_name(f))
            .fold(Flags::empty(), |a, f| a | f)
    }

    /// The segment on the wire: what the shadow would have sent where it
    /// would send (its window, options and timestamps), so a right move is
    /// the very segment Linux sends; otherwise Linux's usual fields.
    pub(crate) fn segment(&self, like: Option<&Segment>) -> Segment {
        let flags = self.flag_bits();
        let ack = if flags.contains(Flags::ACK) {
            self.ack
        } else {
            0
        };
        let mut seg = Segment::new(flags, crate::seq::SeqNum(self.seq), crate::seq::SeqNum(ack));
        seg.len = self.len;
        let syn = flags.contains(Flags::SYN);
        match like {
            Some(l) => {
                seg.window = l.window;
                seg.timestamps = l.timestamps;
                seg.syn_options = if syn {
                    l.syn_options.or(Some(LINUX_SYN_OPTIONS))
                } else {
                    None
                };
            }
            None => {
                seg.window = if syn { 65160 } else { 502 };
                seg.syn_options = syn.then_some(LINUX_SYN_OPTIONS);
            }
        }
        seg
    }
}

/// Whether a move is the segment Linux sends: its flags, numbers and data.
pub(crate) fn same(a: &Segment, b: &Segment) -> bool {
    (a.flags, a.seq, a.len) == (b.flags, b.seq, b.len)
        && (!a.flags.contains(Flags::ACK) || a.ack == b.ack)
}

const LINUX_SYN_OPTIONS: SynOptions = SynOptions {
    mss: 1460,
    sack_permitted: true,
    window_scale: 7,
    fast_open: false,
};

/// A segment the shadow would send, as the exercise shows and grades it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Suggested {
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub len: u32,
    pub reason: Why,
}

impl Suggested {
    pub(crate) fn of(seg: &Segment, why: Why) -> Suggested {
        Suggested {
            flags: seg.flags,
            seq: seg.seq.0,
            ack: if seg.flags.contains(Flags::ACK) {
                seg.ack.0
            } else {
                0
            },
            len: seg.len,
            reason: why,
        }
    }
}

/// One moment the student chooses what their side sends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub at_us: u64,
    /// The segment whose arrival asks it, if one did (else the side's own
    /// application or timer).
    pub prompt: Option<usize>,
    /// What Linux would send: the right answer (`None`: nothing).
    pub right: Option<Suggested>,
    /// The segment the student sent (its id in the trace), or `None`.
    pub chosen: Option<usize>,
}

/// What the played side did: each decision, and the one waiting, if the
/// run stopped there for the student's next move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayTrace {
    pub side: Side,
    pub decisions: Vec<Decision>,
    pub waiting: Option<Decision>,
    /// The played side's initial sequence number, as its TCP chose it
    /// (0 until it chose one): the student numbers their segments from it.
    pub isn: u32,
}

/// The run's side of the game: what the shadow wanted to send since it
/// last had the floor.
pub(crate) struct Puppet {
    pub side: Side,
    pub pending: Vec<(Segment, Why)>,
    pub stopped: bool,
}

impl Puppet {
    pub fn new(side: Side) -> Puppet {
        Puppet {
            side,
            pending: Vec::new(),
            stopped: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Config};

    fn play(side: Side, moves: Vec<Option<Move>>) -> crate::trace::Trace {
        let cfg = Config {
            play: Some(Play { side, moves }),
            ..Config::default()
        };
        simulate(&cfg).unwrap()
    }

    fn sent(flags: &[&str], seq: u32, ack: u32) -> Option<Move> {
        Some(Move {
            flags: flags.iter().map(|f| f.to_string()).collect(),
            seq,
            ack,
            len: 0,
        })
    }

    #[test]
    fn right_moves_make_the_run_linux_makes() {
        let plain = simulate(&Config::default()).unwrap();
        // No moves yet: the client's SYN arrives, the run waits for the
        // server's answer, which is Linux's SYN-ACK.
        let t = play(Side::Server, vec![]);
        assert_eq!(t.segments.len(), 1);
        let p = t.play.as_ref().unwrap();
        let w = p.waiting.as_ref().expect("waits for a move");
        assert_eq!(w.prompt, Some(0));
        let right = w.right.unwrap();
        assert_eq!(right.flags, Flags::SYN | Flags::ACK);
        assert_eq!(right.ack, plain.segments[0].seq.wrapping_add(1));
        assert_eq!(right.seq, p.isn);
        assert_eq!(right.seq, plain.segments[1].seq);
        // Played as Linux plays it: the same segments, field for field.
        let t = play(
            Side::Server,
            vec![sent(&["SYN", "ACK"], right.seq, right.ack), None],
        );
        assert_eq!(t.segments.len(), 3);
        for (a, b) in t.segments.iter().zip(&plain.segments) {
            assert_eq!(
                (a.flags, a.seq, a.ack, a.window, a.options, a.rel_seq, a.rel_ack),
                (b.flags, b.seq, b.ack, b.window, b.options, b.rel_seq, b.rel_ack)
            );
        }
        // Linux's own segment keeps Linux's reason: a lesson's story fits.
        assert_eq!(t.segments[1].reason, plain.segments[1].reason);
        let p = t.play.unwrap();
        assert_eq!(p.waiting, None, "nothing more to decide");
        assert_eq!(p.decisions.len(), 2);
        assert_eq!(
            p.decisions[1].right, None,
            "the third segment needs no answer"
        );
        assert_eq!(p.decisions[1].prompt, Some(2));
        // The played side's states are not shown; the client's are.
        assert!(t.states.iter().all(|s| s.endpoint == Side::Client));
        assert_eq!(t.outcome.client.state, crate::State::Established);
    }

    #[test]
    fn a_wrong_move_is_sent_and_the_peer_answers_it() {
        let t = play(Side::Server, vec![]);
        let right = t.play.unwrap().waiting.unwrap().right.unwrap();
        // Acking seq + 0: the client in SYN-SENT resets it (RFC 9293 §3.10.7.3).
        let t = play(
            Side::Server,
            vec![sent(&["SYN", "ACK"], right.seq, right.ack - 1)],
        );
        let rst = &t.segments[2];
        assert_eq!(rst.from, Side::Client);
        assert!(rst.flags.contains(Flags::RST));
        assert_eq!(rst.seq, right.ack - 1, "a reset's seq is the bad ack");
        assert_eq!(t.segments[1].reason, Why::Played);
        let w = t.play.unwrap().waiting.unwrap();
        assert_eq!(w.prompt, Some(2), "the reset asks for the next move");
    }

    #[test]
    fn the_client_is_played_from_connect() {
        let plain = simulate(&Config::default()).unwrap();
        let t = play(Side::Client, vec![]);
        assert!(t.segments.is_empty());
        let w = t.play.unwrap().waiting.unwrap();
        assert_eq!(w.prompt, None, "connect() asks, not a segment");
        assert_eq!(w.right.unwrap().flags, Flags::SYN);
        assert_eq!(w.right.unwrap().seq, plain.segments[0].seq);
        // Sending nothing: the run goes on to the client's own SYN
        // retransmission timer, which asks again.
        let t = play(Side::Client, vec![None]);
        let w = t.play.unwrap().waiting.unwrap();
        assert_eq!(w.at_us, 1_000_000);
        assert_eq!(w.right.unwrap().flags, Flags::SYN);
    }

    #[test]
    fn moves_are_bounded_and_checked() {
        let mut cfg = Config {
            play: Some(Play {
                side: Side::Server,
                moves: vec![None; MAX_MOVES + 1],
            }),
            ..Config::default()
        };
        assert!(cfg.validate().is_err());
        cfg.play = Some(Play {
            side: Side::Server,
            moves: vec![sent(&["SYNN"], 0, 0)],
        });
        assert_eq!(cfg.validate().unwrap_err().field, "play.moves[0].flags");
        // Same moves, same trace.
        let a = play(Side::Server, vec![None, None, None]);
        let b = play(Side::Server, vec![None, None, None]);
        assert_eq!(a, b);
    }
}
