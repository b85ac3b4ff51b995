//! Quiz mode: before a segment arrives, predict its flags, seq and ack and
//! the state its receiver will be in; then see what was right, and why.
//! Grading is pure and tested natively.

use synack_sim::trace::Trace;
use synack_sim::{Flags, State};

/// Predictions a link carries, at most (a run's first segments).
pub const MAX_PREDICTED: usize = 200;

/// The flags a student may tick.
pub const FLAGS: [Flags; 5] = [Flags::SYN, Flags::ACK, Flags::FIN, Flags::RST, Flags::PSH];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    pub flags: Flags,
    pub seq: Option<u32>,
    pub ack: Option<u32>,
    /// None until the student chooses: the menu starts empty.
    pub state: Option<State>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grade {
    pub flags: bool,
    pub seq: bool,
    /// Only graded when the segment carries ACK.
    pub ack: bool,
    pub state: bool,
    /// What the student answered, shown beside the right values.
    pub answer: Prediction,
}

/// Why a field of the form is refused before grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// seq, or ack with ACK ticked, is not a whole number from 0 to 2^32 − 1.
    Number(&'static str),
    State,
}

/// Read the form: seq always, ack when the student ticked ACK, and a state.
pub fn read_form(
    flags: Flags,
    seq: &str,
    ack: &str,
    state: Option<State>,
) -> Result<Prediction, Missing> {
    let number = |name: &'static str, text: &str| {
        let t = text.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Missing::Number(name));
        }
        t.parse::<u32>().map_err(|_| Missing::Number(name))
    };
    let seq = number("seq", seq)?;
    let ack = if flags.contains(Flags::ACK) {
        Some(number("ack", ack)?)
    } else {
        None
    };
    Ok(Prediction {
        flags,
        seq: Some(seq),
        ack,
        state: Some(state.ok_or(Missing::State)?),
    })
}

impl Grade {
    pub fn all_right(&self) -> bool {
        self.flags && self.seq && self.ack && self.state
    }
}

/// The receiver's state once the segment has arrived (unchanged if it is
/// lost, or if it changes nothing).
pub fn receiver_state_after(trace: &Trace, id: usize) -> State {
    let seg = &trace.segments[id];
    let receiver = seg.from.peer();
    let until = seg.arrive_us.unwrap_or(seg.sent_us);
    let caused = trace
        .states
        .iter()
        .rfind(|c| c.endpoint == receiver && c.segment == Some(id));
    match caused {
        Some(c) => c.to,
        None => trace
            .states_of(receiver)
            .take_while(|c| c.at_us <= until)
            .last()
            .map_or(State::Closed, |c| c.to),
    }
}

/// The predictions made so far, by segment id: `Some(grade)`, or `None`
/// where the student skipped. (A vector by id: ids are small and dense.)
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grades(Vec<Option<Option<Grade>>>);

impl Grades {
    pub fn contains_key(&self, id: &usize) -> bool {
        self.get(id).is_some()
    }

    pub fn get(&self, id: &usize) -> Option<&Option<Grade>> {
        self.0.get(*id).and_then(Option::as_ref)
    }

    pub fn insert(&mut self, id: usize, grade: Option<Grade>) {
        if self.0.len() <= id {
            self.0.resize(id + 1, None);
        }
        self.0[id] = Some(grade);
    }

    /// Every answer, in segment order.
    pub fn values(&self) -> impl Iterator<Item = &Option<Grade>> {
        self.0.iter().flatten()
    }
}

/// Grade a prediction against the trace, in relative or absolute numbers.
pub fn grade(trace: &Trace, id: usize, p: &Prediction, relative: bool) -> Grade {
    let seg = &trace.segments[id];
    let (seq, ack) = if relative {
        (seg.rel_seq, seg.rel_ack)
    } else {
        (seg.seq, seg.ack)
    };
    let shown = seg.flags & FLAGS.iter().fold(Flags::empty(), |a, f| a | *f);
    Grade {
        flags: p.flags == shown,
        seq: p.seq == Some(seq),
        ack: !seg.flags.contains(Flags::ACK) || p.ack == Some(ack),
        state: p.state == Some(receiver_state_after(trace, id)),
        answer: *p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    #[test]
    fn grading_the_syn_ack() {
        let t = simulate(&Config::default()).unwrap();
        let right = Prediction {
            flags: Flags::SYN | Flags::ACK,
            seq: Some(0),
            ack: Some(1),
            state: Some(State::Established),
        };
        assert!(grade(&t, 1, &right, true).all_right());
        // The classic slip: ack = seq, forgetting that the SYN takes a number.
        let wrong = Prediction {
            ack: Some(0),
            ..right
        };
        let g = grade(&t, 1, &wrong, true);
        assert!(g.flags && g.seq && !g.ack && g.state);
        // The server after the final ACK arrives.
        assert_eq!(receiver_state_after(&t, 2), State::Established);
    }

    #[test]
    fn the_form_refuses_what_is_not_a_number_or_not_chosen() {
        let syn_ack = Flags::SYN | Flags::ACK;
        let state = Some(State::Established);
        assert_eq!(
            read_form(syn_ack, "0", "x1", state),
            Err(Missing::Number("ack"))
        );
        assert_eq!(
            read_form(syn_ack, "", "1", state),
            Err(Missing::Number("seq"))
        );
        assert_eq!(
            read_form(syn_ack, "-1", "1", state),
            Err(Missing::Number("seq"))
        );
        assert_eq!(
            read_form(syn_ack, "4294967296", "1", state),
            Err(Missing::Number("seq"))
        );
        assert_eq!(read_form(syn_ack, "0", "1", None), Err(Missing::State));
        // Without ACK ticked, the ack box is not read.
        let p = read_form(Flags::SYN, " 7 ", "junk", state).unwrap();
        assert_eq!((p.seq, p.ack), (Some(7), None));
    }

    #[test]
    fn a_lost_segment_changes_nothing_at_the_receiver() {
        let cfg: Config = serde_json::from_str(r#"{"drop":[{"dir":"s2c","nth":1}]}"#).unwrap();
        let t = simulate(&cfg).unwrap();
        assert_eq!(receiver_state_after(&t, 1), State::SynSent);
    }
}
