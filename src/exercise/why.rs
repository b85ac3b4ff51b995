//! The rule behind a segment's seq and ack, as data: which earlier segment
//! the number follows from, and what that segment took. `i18n` makes the
//! words; the fill-in exercise shows them beside the right answer.

use synack_sim::trace::{SegmentRecord, Trace};
use synack_sim::Flags;

/// Why a number is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWhy {
    /// A SYN's seq: its sender's initial sequence number.
    Isn,
    /// `base + taken`: segment `of` (by id), sent earlier, took `taken`
    /// numbers (1 for a SYN or FIN, one per byte of data). For seq, `of`
    /// is the sender's own; for ack, the other side's, the last it took in.
    Follows { of: usize, base: u32, taken: u32 },
    /// A retransmission repeats segment `of`'s number.
    Repeats { of: usize },
    /// No earlier segment explains it (an RST's, a capture's first).
    Given,
}

/// The sequence numbers a segment takes: one per byte, one for SYN, one for FIN.
pub fn taken(s: &SegmentRecord) -> u32 {
    s.len + u32::from(s.flags.contains(Flags::SYN)) + u32::from(s.flags.contains(Flags::FIN))
}

fn numbers(s: &SegmentRecord, relative: bool) -> (u32, u32) {
    if relative {
        (s.rel_seq, s.rel_ack)
    } else {
        (s.seq, s.ack)
    }
}

/// Why segment `id`'s seq is what it is.
pub fn seq(trace: &Trace, id: usize, relative: bool) -> NumberWhy {
    let seg = &trace.segments[id];
    let (value, _) = numbers(seg, relative);
    let earlier = || {
        trace.segments[..id]
            .iter()
            .rev()
            .filter(|e| e.from == seg.from)
    };
    // A retransmission is best told as one: it repeats the segment it replaces.
    if seg.retransmission {
        if let Some(e) = earlier().find(|e| numbers(e, relative).0 == value && e.flags == seg.flags)
        {
            return NumberWhy::Repeats { of: e.id };
        }
    }
    if let Some(e) = earlier().find(|e| {
        let (s, _) = numbers(e, relative);
        taken(e) > 0 && s.wrapping_add(taken(e)) == value
    }) {
        let (base, _) = numbers(e, relative);
        return NumberWhy::Follows {
            of: e.id,
            base,
            taken: taken(e),
        };
    }
    if seg.flags.contains(Flags::SYN) {
        NumberWhy::Isn
    } else {
        NumberWhy::Given
    }
}

/// Why segment `id`'s ack is what it is: the next number its sender
/// expects from the other side, after the last segment it took in.
pub fn ack(trace: &Trace, id: usize, relative: bool) -> NumberWhy {
    let seg = &trace.segments[id];
    let (_, value) = numbers(seg, relative);
    // The other side's segments, in the sender's numbers (relative acks
    // count from the other side's ISN, as its relative seqs do).
    let found = trace.segments[..id].iter().rev().find(|e| {
        let (s, _) = numbers(e, relative);
        e.from != seg.from && taken(e) > 0 && s.wrapping_add(taken(e)) == value
    });
    match found {
        Some(e) => NumberWhy::Follows {
            of: e.id,
            base: numbers(e, relative).0,
            taken: taken(e),
        },
        None => NumberWhy::Given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    #[test]
    fn the_handshake_s_numbers_follow_from_the_syns() {
        let t = simulate(&Config::default()).unwrap();
        assert_eq!(seq(&t, 0, true), NumberWhy::Isn);
        assert_eq!(seq(&t, 1, false), NumberWhy::Isn);
        // The SYN-ACK acknowledges the SYN: its seq plus the one it took.
        assert_eq!(
            ack(&t, 1, true),
            NumberWhy::Follows {
                of: 0,
                base: 0,
                taken: 1
            }
        );
        // The final ACK: seq after the client's own SYN, ack after the server's.
        assert_eq!(
            seq(&t, 2, true),
            NumberWhy::Follows {
                of: 0,
                base: 0,
                taken: 1
            }
        );
        assert_eq!(
            ack(&t, 2, false),
            NumberWhy::Follows {
                of: 1,
                base: t.segments[1].seq,
                taken: 1
            }
        );
    }

    #[test]
    fn data_takes_a_number_per_byte_and_a_retransmission_repeats() {
        let cfg: Config =
            serde_json::from_str(r#"{"client":{"data":100},"drop":[{"dir":"c2s","nth":2}]}"#)
                .unwrap();
        let t = simulate(&cfg).unwrap();
        let data: Vec<usize> = t
            .segments
            .iter()
            .filter(|s| s.len == 100)
            .map(|s| s.id)
            .collect();
        assert!(data.len() >= 2, "the lost data is sent again");
        assert_eq!(seq(&t, data[1], true), NumberWhy::Repeats { of: data[0] });
        // The server's ACK of the data: 1 + 100.
        let acked = t
            .segments
            .iter()
            .find(|s| s.from == synack_sim::side::Side::Server && s.rel_ack == 101)
            .unwrap();
        assert_eq!(
            ack(&t, acked.id, true),
            NumberWhy::Follows {
                of: data[1],
                base: 1,
                taken: 100
            }
        );
    }
}
