//! Exercises a teacher makes from a run: what the student is asked, and the
//! numbers each student gets. Pure (no DOM), so links, grading and the
//! per-student numbers are tested natively; the panel that shows an
//! exercise is fetched when first shown (`components::fill_panel`).
//!
//! Kinds: predicting each segment before it arrives is the quiz
//! (`quiz=1`, `crate::quiz`); filling in hidden header fields is
//! [`Kind::Fill`] (`exercise=fill`); putting shuffled segments in order is
//! [`Kind::Order`]; choosing what one endpoint sends is [`Kind::Play`].

pub mod fill;
pub mod order;
pub mod play;
pub mod student;
pub mod why;

pub use student::Vary;
use synack_sim::trace::Blanks;

/// What the student does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Type the header fields hidden on chosen segments.
    Fill,
    /// Put the chosen segments, shuffled, in the order they were sent.
    Order,
    /// Choose each segment one endpoint sends; the run carries on from it.
    Play,
    /// Predict each segment before it arrives: the quiz (`crate::quiz`),
    /// with each student's numbers and a score once every one is answered.
    Predict,
}

/// An exercise, as its link gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub kind: Kind,
    /// The header fields hidden on the asked segments (never none).
    pub hide: Blanks,
    /// The segments asked about, by number from 1 in the run; empty: every
    /// segment (the first [`MAX_ASKED`]).
    pub ask: Vec<u32>,
    /// Whose numbers these are: each student's run differs in what `vary`
    /// names. None: the run as the link gives it.
    pub student: Option<String>,
    pub vary: Vary,
    /// What the student gave, by place among the asked segments, and
    /// whether it was checked: a link (or an LMS's suspend data) that
    /// carries them opens where the student left off.
    pub answers: Vec<fill::Answer>,
    /// Putting in order: the student's order so far (segment numbers from 1).
    pub order: Vec<u32>,
    /// Playing an endpoint: the side played (its moves are the run's,
    /// `Config::play`).
    pub side: synack_sim::Side,
    /// Predicting: what the student predicted of each segment so far, by
    /// id (`None`: skipped).
    pub predicted: Vec<Option<crate::quiz::Prediction>>,
    pub checked: bool,
}

/// A checked exercise, of its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    Fill(fill::Graded),
    Order(order::Graded),
    Play(play::Graded),
    /// Segments predicted right (flags, numbers and state), of segments.
    Predict {
        right: usize,
        total: usize,
    },
}

impl Checked {
    /// Right, of asked (fields, places or moves).
    pub fn score(&self) -> (usize, usize) {
        match self {
            Checked::Fill(g) => g.score(),
            Checked::Order(g) => g.score(),
            Checked::Play(g) => g.score(),
            Checked::Predict { right, total } => (*right, *total),
        }
    }
}

/// Segments one exercise asks about, at most: a page of fields.
pub const MAX_ASKED: usize = 20;
/// A student identifier's length, at most, in characters.
pub const MAX_STUDENT: usize = 64;

impl Default for Exercise {
    fn default() -> Self {
        Exercise {
            kind: Kind::Fill,
            hide: Blanks {
                flags: false,
                seq: true,
                ack: true,
            },
            ask: Vec::new(),
            student: None,
            vary: Vary::default(),
            answers: Vec::new(),
            order: Vec::new(),
            side: synack_sim::Side::Server,
            predicted: Vec::new(),
            checked: false,
        }
    }
}

impl Kind {
    pub fn parse(v: &str) -> Option<Kind> {
        match v {
            "fill" => Some(Kind::Fill),
            "order" => Some(Kind::Order),
            "play" => Some(Kind::Play),
            "predict" => Some(Kind::Predict),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Fill => "fill",
            Kind::Order => "order",
            Kind::Play => "play",
            Kind::Predict => "predict",
        }
    }
}

/// `seq,ack` (any of flags, seq, ack; at least one).
pub fn parse_hide(v: &str) -> Option<Blanks> {
    let mut b = Blanks::NONE;
    for field in v.split(',') {
        match field.trim() {
            "flags" => b.flags = true,
            "seq" => b.seq = true,
            "ack" => b.ack = true,
            _ => return None,
        }
    }
    b.any().then_some(b)
}

pub fn hide_text(b: Blanks) -> String {
    [(b.flags, "flags"), (b.seq, "seq"), (b.ack, "ack")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

/// `1,2,3`: segment numbers from 1, each at most once, at most [`MAX_ASKED`].
pub fn parse_ask(v: &str) -> Option<Vec<u32>> {
    let mut out: Vec<u32> = Vec::new();
    for n in v.split(',') {
        let n: u32 = n.trim().parse().ok()?;
        if !(1..=100_000).contains(&n) || out.contains(&n) || out.len() == MAX_ASKED {
            return None;
        }
        // Kept in order as they come (at most 20: no sort code needed).
        let at = out.partition_point(|&m| m < n);
        out.insert(at, n);
    }
    Some(out)
}

/// `3,1,2`: a student's order, the asked segments' numbers from 1.
pub fn parse_order(v: &str) -> Option<Vec<u32>> {
    let mut out: Vec<u32> = Vec::new();
    for n in v.split(',') {
        let n: u32 = n.trim().parse().ok()?;
        if !(1..=100_000).contains(&n) || out.contains(&n) || out.len() == MAX_ASKED {
            return None;
        }
        out.push(n);
    }
    Some(out)
}

pub fn ask_text(ask: &[u32]) -> String {
    ask.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// A student identifier as a link or an LMS gives it: trimmed, 1 to
/// [`MAX_STUDENT`] characters, no control characters (which no
/// identifier has, and which could hide what is shown).
pub fn parse_student(v: &str) -> Option<String> {
    let v = v.trim();
    let ok = !v.is_empty()
        && v.chars().count() <= MAX_STUDENT
        && !v
            .chars()
            .any(|c| c.is_control() || crate::i18n::is_bidi_control(c));
    ok.then(|| v.to_string())
}

/// A list a link carries: entries split by `,`, at most `max`, each read
/// by `entry` (`None` refuses the whole list); empty, no entries.
pub(crate) fn parse_list<T>(
    v: &str,
    max: usize,
    entry: impl Fn(&str) -> Option<T>,
) -> Option<Vec<T>> {
    if v.is_empty() {
        return Some(Vec::new());
    }
    let entries: Vec<&str> = v.split(',').collect();
    if entries.len() > max {
        return None;
    }
    entries.into_iter().map(entry).collect()
}

/// Flags by name joined with `+` (`SYN+ACK`); empty, none.
pub(crate) fn parse_flags(v: &str) -> Option<synack_sim::Flags> {
    let mut f = synack_sim::Flags::empty();
    if !v.is_empty() {
        for name in v.split('+') {
            f |= synack_sim::Flags::parse_name(name)?;
        }
    }
    Some(f)
}

/// The longest number a box may hold in a link (a u32 has 10 digits).
const MAX_TYPED: usize = 12;

/// `SYN+ACK/0/1,/1/1`: each asked segment's answer in order, flags by name
/// joined with `+`, then seq and ack as typed (at most 12 characters, no
/// `/` or `,`).
pub fn parse_answers(v: &str) -> Option<Vec<fill::Answer>> {
    parse_list(v, MAX_ASKED, |e| {
        let mut parts = e.split('/');
        let (flags, seq, ack) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || seq.len() > MAX_TYPED || ack.len() > MAX_TYPED {
            return None;
        }
        Some(fill::Answer {
            flags: parse_flags(flags)?,
            seq: seq.to_string(),
            ack: ack.to_string(),
        })
    })
}

pub fn answers_text(answers: &[fill::Answer]) -> String {
    let clean = |t: &str| -> String {
        t.trim()
            .chars()
            .filter(|c| !matches!(c, '/' | ','))
            .take(MAX_TYPED)
            .collect()
    };
    answers
        .iter()
        .map(|a| {
            format!(
                "{}/{}/{}",
                a.flags.names().join("+"),
                clean(&a.seq),
                clean(&a.ack)
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `SYN+ACK/0/1/ESTABLISHED,-`: each segment's prediction in order, flags
/// by name joined with `+`, seq, ack (empty: none) and the receiver's
/// state; `-` where the student skipped.
pub fn parse_predicted(v: &str) -> Option<Vec<Option<crate::quiz::Prediction>>> {
    parse_list(v, crate::quiz::MAX_PREDICTED, |e| {
        if e == "-" {
            return Some(None);
        }
        let parts: Vec<&str> = e.split('/').collect();
        let [flags, seq, ack, state] = parts[..] else {
            return None;
        };
        let number = |t: &str| -> Option<Option<u32>> {
            if t.is_empty() {
                Some(None)
            } else {
                t.parse().ok().map(Some)
            }
        };
        Some(Some(crate::quiz::Prediction {
            flags: parse_flags(flags)?,
            seq: number(seq)?,
            ack: number(ack)?,
            state: Some(*synack_sim::State::ALL.iter().find(|s| s.name() == state)?),
        }))
    })
}

pub fn predicted_text(predicted: &[Option<crate::quiz::Prediction>]) -> String {
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    predicted
        .iter()
        .map(|p| match p {
            None => "-".to_string(),
            Some(p) => format!(
                "{}/{}/{}/{}",
                p.flags.names().join("+"),
                n(p.seq),
                n(p.ack),
                p.state.map_or("", |s| s.name())
            ),
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl Exercise {
    /// The ids of the segments asked about in this run.
    pub fn asked(&self, segments: usize) -> Vec<usize> {
        if self.ask.is_empty() {
            (0..segments.min(MAX_ASKED)).collect()
        } else {
            self.ask
                .iter()
                .map(|&n| n as usize - 1)
                .filter(|&id| id < segments)
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_and_write_back() {
        let b = parse_hide("seq, ack").unwrap();
        assert_eq!(hide_text(b), "seq,ack");
        assert_eq!(
            parse_hide("flags"),
            Some(Blanks {
                flags: true,
                ..Blanks::NONE
            })
        );
        for bad in ["", "seq,window", "SEQ"] {
            assert_eq!(parse_hide(bad), None, "{bad:?}");
        }
        assert_eq!(parse_ask("3,1"), Some(vec![1, 3]));
        assert_eq!(ask_text(&[1, 3]), "1,3");
        for bad in ["", "0", "1,1", "x", "-1", "100001"] {
            assert_eq!(parse_ask(bad), None, "{bad:?}");
        }
        let many = (1..=21)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_ask(&many), None, "more than {MAX_ASKED}");
    }

    #[test]
    fn a_student_is_a_short_printable_name() {
        assert_eq!(parse_student("  s1234567 "), Some("s1234567".into()));
        assert_eq!(parse_student("王小明"), Some("王小明".into()));
        for bad in ["", "   ", "a\u{0}b", "a\nb", "x\u{202E}y"] {
            assert_eq!(parse_student(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_student(&"x".repeat(MAX_STUDENT)).map(|s| s.len()),
            Some(MAX_STUDENT)
        );
        assert_eq!(parse_student(&"x".repeat(MAX_STUDENT + 1)), None);
    }

    #[test]
    fn the_asked_segments_are_those_the_run_has() {
        let mut e = Exercise::default();
        assert_eq!(e.asked(3), vec![0, 1, 2]);
        assert_eq!(e.asked(50).len(), MAX_ASKED);
        e.ask = vec![2, 9];
        assert_eq!(e.asked(3), vec![1], "segment 9 is not in this run");
    }
}
