//! What Wireshark's TCP analysis would say of each segment: the tags a
//! student sees in a capture (`[TCP Retransmission]`, `[TCP Dup ACK]`, …),
//! derived from the trace so the diagram and the log can show the same.

use crate::segment::Flags;
use crate::trace::{SegmentRecord, Trace};
use crate::why::Why;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    /// Sent again because no acknowledgment came in time.
    Retransmission,
    /// Sent again although the peer had already acknowledged it, in an
    /// acknowledgment that was on its way: the timer fired too early.
    SpuriousRetransmission,
    /// A keepalive probe: one byte below what the peer expects.
    KeepAlive,
    /// The peer's answer to a keepalive probe.
    KeepAliveAck,
    /// An acknowledgment that repeats the last one: data is missing.
    DupAck,
    /// RFC 5961's answer to a SYN or RST it cannot trust.
    ChallengeAck,
}

impl Tag {
    pub const fn code(self) -> &'static str {
        match self {
            Tag::Retransmission => "retransmission",
            Tag::SpuriousRetransmission => "spurious-retransmission",
            Tag::KeepAlive => "keep-alive",
            Tag::KeepAliveAck => "keep-alive-ack",
            Tag::DupAck => "dup-ack",
            Tag::ChallengeAck => "challenge-ack",
        }
    }
}

/// Sequence space a segment takes: its data, plus one for SYN and for FIN.
fn seq_len(s: &SegmentRecord) -> u32 {
    s.len + u32::from(s.flags.contains(Flags::SYN)) + u32::from(s.flags.contains(Flags::FIN))
}

/// `a` at or after `b` in sequence space.
fn at_or_after(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) >= 0
}

/// Each segment's tag, by id.
pub fn tags(trace: &Trace) -> Vec<Option<Tag>> {
    let segs = &trace.segments;
    segs.iter()
        .map(|s| {
            match s.reason {
                Why::KeepaliveProbe { .. } => return Some(Tag::KeepAlive),
                Why::KeepaliveAck => return Some(Tag::KeepAliveAck),
                Why::ChallengeAckSyn | Why::ChallengeAckRst => return Some(Tag::ChallengeAck),
                Why::AckOutOfOrder => return Some(Tag::DupAck),
                _ => {}
            }
            if s.retransmission {
                let end = s.rel_seq.wrapping_add(seq_len(s));
                // An acknowledgment of all of it already on its way back
                // when the timer fired: sent before, arriving after.
                let acked = segs.iter().any(|p| {
                    p.from != s.from
                        && p.sent_us <= s.sent_us
                        && p.arrive_us.is_some_and(|a| a > s.sent_us)
                        && !p.lost
                        && p.flags.contains(Flags::ACK)
                        && at_or_after(p.rel_ack, end)
                });
                return Some(if acked {
                    Tag::SpuriousRetransmission
                } else {
                    Tag::Retransmission
                });
            }
            dup_ack(segs, s).then_some(Tag::DupAck)
        })
        .collect()
}

/// Wireshark's rule: a bare ACK with the same acknowledgment number and
/// window as the one before it from the same side, while the other side has
/// sent data beyond that number.
fn dup_ack(segs: &[SegmentRecord], s: &SegmentRecord) -> bool {
    if s.flags != Flags::ACK || s.len != 0 {
        return false;
    }
    let Some(prev) = segs[..s.id.min(segs.len())]
        .iter()
        .rev()
        .find(|p| p.from == s.from)
    else {
        return false;
    };
    prev.flags == Flags::ACK
        && prev.len == 0
        && prev.rel_ack == s.rel_ack
        && prev.window == s.window
        && segs[..s.id.min(segs.len())].iter().any(|p| {
            p.from != s.from && p.len > 0 && !at_or_after(s.rel_ack, p.rel_seq.wrapping_add(p.len))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Config};

    fn run(json: &str) -> Trace {
        simulate(&serde_json::from_str::<Config>(json).unwrap()).unwrap()
    }

    #[test]
    fn a_handshake_has_no_tags() {
        assert!(tags(&run("{}")).iter().all(Option::is_none));
    }

    #[test]
    fn a_retransmitted_syn_after_a_lost_syn_ack_is_a_retransmission() {
        let t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
        assert_eq!(tags(&t)[2], Some(Tag::Retransmission));
    }

    #[test]
    fn a_gap_makes_duplicate_acks_and_keepalives_are_named() {
        let t = run(r#"{"client":{"data":5000},"drop":[{"dir":"c2s","nth":3}]}"#);
        let tags = tags(&t);
        assert!(tags.contains(&Some(Tag::DupAck)), "{tags:?}");
        assert!(tags.contains(&Some(Tag::Retransmission)));
        let t = run(r#"{"client":{"crash_ms":1000},"server":{"keepalive":{}}}"#);
        assert!(super::tags(&t).contains(&Some(Tag::KeepAlive)));
    }

    #[test]
    fn a_retransmission_of_what_was_already_acknowledged_is_spurious() {
        // The two-way scenario's client, whose SYN was acknowledged by data
        // it could not accept, is only retransmitting.
        let two_way = run(r#"{"protocol":"two-way","drop":[{"dir":"s2c","nth":1}],
                "server":{"writes":[{"at_ms":100,"bytes":100}]}}"#);
        assert!(!tags(&two_way).contains(&Some(Tag::SpuriousRetransmission)));
        // The lost SYN-ACK's run, as if the SYN-ACK had only been slow: the
        // SYN timer fired while the acknowledgment was on its way.
        let mut t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
        t.segments[1].lost = false;
        t.segments[1].arrive_us = Some(1_020_000);
        assert_eq!(tags(&t)[2], Some(Tag::SpuriousRetransmission));
    }
}
