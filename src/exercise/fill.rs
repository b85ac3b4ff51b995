//! The fill-in exercise: the student types the header fields hidden on the
//! asked segments; each field is graded on its own, with the rule behind
//! the right value.

use super::why::{self, NumberWhy};
use super::Exercise;
use crate::quiz::FLAGS;
use synack_sim::trace::{Blanks, SegmentRecord, Trace};
use synack_sim::Flags;

/// A field of the header the student may be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Flags,
    Seq,
    Ack,
}

/// What the student gave for one segment: the flags ticked, the numbers typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub flags: Flags,
    pub seq: String,
    pub ack: String,
}

/// One field, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldGrade {
    pub field: Field,
    pub right: bool,
    /// What the student gave, as typed (flags as tcpdump would list them).
    pub said: String,
    /// The right value, in the numbering shown.
    pub value: String,
    /// For seq and ack: why the number is what it is.
    pub why: Option<NumberWhy>,
}

/// One segment's fields, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentGrade {
    pub id: usize,
    pub fields: Vec<FieldGrade>,
}

/// A checked exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub segments: Vec<SegmentGrade>,
    /// Whether the numbers were relative when it was checked.
    pub relative: bool,
}

impl Graded {
    /// Fields right, of fields asked.
    pub fn score(&self) -> (usize, usize) {
        let fields = self.segments.iter().flat_map(|s| &s.fields);
        let (right, total) = fields.fold((0, 0), |(r, t), f| (r + usize::from(f.right), t + 1));
        (right, total)
    }
}

/// The flags an exercise asks about: those a student can tick.
fn shown_flags(seg: &SegmentRecord) -> Flags {
    seg.flags & FLAGS.iter().fold(Flags::empty(), |a, f| a | *f)
}

/// The fields asked of one segment: ack only where the segment carries
/// one (unless its flags are asked too, which would tell).
pub fn fields(seg: &SegmentRecord, hide: Blanks) -> Vec<Field> {
    let mut out = Vec::new();
    if hide.flags {
        out.push(Field::Flags);
    }
    if hide.seq {
        out.push(Field::Seq);
    }
    if hide.ack && (hide.flags || seg.flags.contains(Flags::ACK)) {
        out.push(Field::Ack);
    }
    out
}

/// What is hidden on segment `id` until the exercise is checked.
pub fn blanks(ex: &Exercise, asked: &[usize], id: usize) -> Blanks {
    if asked.contains(&id) {
        ex.hide
    } else {
        Blanks::NONE
    }
}

/// A number as typed: a whole number from 0 to 2^32 − 1, spaces around allowed.
fn number(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// How "no acknowledgment" is written, and read (any dash).
pub const NONE: &str = "–";

fn is_none(text: &str) -> bool {
    matches!(text.trim(), "-" | "–" | "—")
}

/// Grade every asked segment's answer (a missing answer is all wrong).
pub fn grade(trace: &Trace, ex: &Exercise, answers: &[(usize, Answer)], relative: bool) -> Graded {
    let blank = Answer::default();
    let segments = ex
        .asked(trace.segments.len())
        .into_iter()
        .map(|id| {
            let seg = &trace.segments[id];
            let a = answers
                .iter()
                .find(|(i, _)| *i == id)
                .map_or(&blank, |(_, a)| a);
            let (seq, ack) = if relative {
                (seg.rel_seq, seg.rel_ack)
            } else {
                (seg.seq, seg.ack)
            };
            let fields = fields(seg, ex.hide)
                .into_iter()
                .map(|field| match field {
                    Field::Flags => FieldGrade {
                        field,
                        right: a.flags == shown_flags(seg),
                        said: a.flags.to_string(),
                        value: shown_flags(seg).to_string(),
                        why: None,
                    },
                    Field::Seq => FieldGrade {
                        field,
                        right: number(&a.seq) == Some(seq),
                        said: a.seq.trim().to_string(),
                        value: seq.to_string(),
                        why: Some(why::seq(trace, id, relative)),
                    },
                    Field::Ack => {
                        // Asked of a segment without ACK only when its flags
                        // are asked too: the right answer is then a dash,
                        // "none" (an empty box is no answer).
                        let has = seg.flags.contains(Flags::ACK);
                        FieldGrade {
                            field,
                            right: if has {
                                number(&a.ack) == Some(ack)
                            } else {
                                is_none(&a.ack)
                            },
                            said: a.ack.trim().to_string(),
                            value: if has { ack.to_string() } else { NONE.into() },
                            why: has.then(|| why::ack(trace, id, relative)),
                        }
                    }
                })
                .collect();
            SegmentGrade { id, fields }
        })
        .collect();
    Graded { segments, relative }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    fn answer(flags: Flags, seq: &str, ack: &str) -> Answer {
        Answer {
            flags,
            seq: seq.into(),
            ack: ack.into(),
        }
    }

    #[test]
    fn each_field_is_graded_on_its_own() {
        let t = simulate(&Config::default()).unwrap();
        let ex = Exercise::default(); // seq and ack, every segment
        let answers = vec![
            (0, answer(Flags::empty(), "0", "")),
            // The classic slip: ack = the SYN's seq, forgetting the one it takes.
            (1, answer(Flags::empty(), "0", "0")),
            (2, answer(Flags::empty(), " 1 ", "1")),
        ];
        let g = grade(&t, &ex, &answers, true);
        let marks: Vec<Vec<bool>> = g
            .segments
            .iter()
            .map(|s| s.fields.iter().map(|f| f.right).collect())
            .collect();
        // The SYN has no ack to ask; the SYN-ACK's ack is wrong.
        assert_eq!(marks, vec![vec![true], vec![true, false], vec![true, true]]);
        assert_eq!(g.score(), (4, 5));
        let wrong = &g.segments[1].fields[1];
        assert_eq!((wrong.said.as_str(), wrong.value.as_str()), ("0", "1"));
        assert_eq!(
            wrong.why,
            Some(NumberWhy::Follows {
                of: 0,
                base: 0,
                taken: 1
            })
        );
    }

    #[test]
    fn absolute_numbers_and_flags() {
        let t = simulate(&Config::default()).unwrap();
        let ex = Exercise {
            hide: Blanks {
                flags: true,
                seq: true,
                ack: true,
            },
            ask: vec![1],
            ..Exercise::default()
        };
        let syn = &t.segments[0];
        let right = answer(Flags::SYN, &syn.seq.to_string(), " - ");
        let g = grade(&t, &ex, &[(0, right)], false);
        assert_eq!(
            g.score(),
            (3, 3),
            "flags, seq, and a dash for ack: the SYN has none"
        );
        let g = grade(&t, &ex, &[(0, answer(Flags::SYN, "0", "5"))], false);
        assert_eq!(g.score(), (1, 3));
        // Nothing answered: every field wrong.
        assert_eq!(grade(&t, &ex, &[], false).score(), (0, 3));
        // Not a number is wrong, never a panic.
        let g = grade(&t, &ex, &[(0, answer(Flags::SYN, "１", "—"))], false);
        assert_eq!(g.score(), (2, 3));
    }
}
