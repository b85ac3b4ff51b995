//! Putting shuffled segments in order: the asked segments come as cards
//! in an order drawn from the student (or the run's seed); the student
//! puts them in the order they were sent. Each place is graded, with what
//! ties the right segment to the one before it.

use super::student::{hash, Draws};
use super::Exercise;
use synack_sim::trace::Trace;

/// What ties a segment to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// It answers segment `of` (by id), which had to arrive first.
    Answers { of: usize },
    /// Its sender sent it after its own segment `of` (by id): a sender's
    /// segments leave in the order of their numbers.
    After { of: usize },
    /// The first segment of the run.
    First,
}

/// One place, graded.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The segment the student put here, and the one that was here (ids).
    pub said: usize,
    pub right: usize,
    pub tie: Tie,
}

impl Place {
    pub fn is_right(&self) -> bool {
        self.said == self.right
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub places: Vec<Place>,
}

impl Graded {
    /// Places right, of places.
    pub fn score(&self) -> (usize, usize) {
        let right = self.places.iter().filter(|p| p.is_right()).count();
        (right, self.places.len())
    }
}

/// The asked segments (ids) in the order the cards start in: drawn from
/// the student's identifier, or else the run's seed; never already right
/// (where two or more segments are asked).
pub fn shuffled(ex: &Exercise, trace_len: usize, seed: u64) -> Vec<usize> {
    let mut ids = ex.asked(trace_len);
    let key = ex.student.as_deref().map_or(seed, hash);
    // "order" in ASCII: the cards draw apart from the numbers (`student::vary`).
    let mut d = Draws(key ^ 0x006f_7264_6572);
    // Fisher-Yates.
    for i in (1..ids.len()).rev() {
        let j = (d.next() % (i as u64 + 1)) as usize;
        ids.swap(i, j);
    }
    if ids.len() > 1 && ids.windows(2).all(|w| w[0] < w[1]) {
        ids.rotate_left(1);
    }
    ids
}

/// The order on show: the student's (from a link or their moves) if it
/// names exactly the asked segments, else the shuffled start.
pub fn current(ex: &Exercise, trace_len: usize, seed: u64) -> Vec<usize> {
    let asked = ex.asked(trace_len);
    let given: Vec<usize> = ex.order.iter().map(|&n| n as usize - 1).collect();
    // The same segments (a link's order never repeats one).
    let same = given.len() == asked.len() && given.iter().all(|id| asked.contains(id));
    if !given.is_empty() && same {
        given
    } else {
        shuffled(ex, trace_len, seed)
    }
}

/// Why segment `id` comes where it does.
pub fn tie(trace: &Trace, id: usize) -> Tie {
    let seg = &trace.segments[id];
    if let Some(of) = seg.reply_to.filter(|&of| of < id) {
        return Tie::Answers { of };
    }
    match trace.segments[..id]
        .iter()
        .rposition(|s| s.from == seg.from)
    {
        Some(of) => Tie::After { of },
        None if id == 0 => Tie::First,
        None => Tie::After { of: id - 1 },
    }
}

/// Grade an order (segment ids, as placed) against the run.
pub fn grade(trace: &Trace, ex: &Exercise, order: &[usize]) -> Graded {
    let right = ex.asked(trace.segments.len());
    let places = right
        .iter()
        .enumerate()
        .map(|(k, &r)| Place {
            said: order.get(k).copied().unwrap_or(usize::MAX),
            right: r,
            tie: tie(trace, r),
        })
        .collect();
    Graded { places }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::Kind;
    use synack_sim::{simulate, Config};

    fn lesson() -> Trace {
        let mut c = Config::default();
        c.client.data = 100;
        c.client.close_ms = Some(500.0);
        simulate(&c).unwrap()
    }

    #[test]
    fn cards_start_shuffled_the_same_for_the_same_student() {
        let t = lesson();
        let ex = Exercise {
            kind: Kind::Order,
            student: Some("alice".into()),
            ..Exercise::default()
        };
        let a = shuffled(&ex, t.segments.len(), 1);
        assert_eq!(
            a,
            shuffled(&ex, t.segments.len(), 99),
            "the student decides, not the seed"
        );
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ex.asked(t.segments.len()));
        assert_ne!(a, sorted, "never already in order");
        let bob = Exercise {
            student: Some("bob".into()),
            ..ex.clone()
        };
        assert_ne!(a, shuffled(&bob, t.segments.len(), 1));
        // Two segments can only be swapped.
        let two = Exercise {
            ask: vec![1, 2],
            ..ex
        };
        assert_eq!(shuffled(&two, t.segments.len(), 1), vec![1, 0]);
    }

    #[test]
    fn each_place_is_graded_with_what_ties_it() {
        let t = lesson();
        let ex = Exercise {
            kind: Kind::Order,
            ask: vec![1, 2, 3],
            ..Exercise::default()
        };
        let g = grade(&t, &ex, &[0, 2, 1]);
        assert_eq!(g.score(), (1, 3));
        assert_eq!(g.places[0].tie, Tie::First);
        assert_eq!(
            g.places[1].tie,
            Tie::Answers { of: 0 },
            "the SYN-ACK answers the SYN"
        );
        assert_eq!(grade(&t, &ex, &[0, 1, 2]).score(), (3, 3));
        // A short order (a tampered link) is wrong where it is short, never a panic.
        assert_eq!(grade(&t, &ex, &[0]).score(), (1, 3));
        // The student's order is kept only if it names the asked segments.
        let mut mine = ex.clone();
        mine.order = vec![3, 1, 2];
        assert_eq!(current(&mine, t.segments.len(), 1), vec![2, 0, 1]);
        mine.order = vec![3, 1, 9];
        assert_ne!(current(&mine, t.segments.len(), 1), vec![2, 0, 8]);
    }
}
