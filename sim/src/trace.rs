//! The output of a run: everything that happened, in the order it happened.
//! Field names are the JavaScript API's (docs/api.md).

use crate::endpoint::TimerAction;
use crate::network::Loss;
use crate::segment::{Flags, SackList, SynOptions, Timestamps};
use crate::side::Side;
use crate::state::State;
use crate::timer::TimerKind;
use crate::why::{Call, CallResult, Errno, Rule, Why};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentRecord {
    pub id: usize,
    pub from: Side,
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    /// As Wireshark shows them: each direction's ISN counts as 0.
    pub rel_seq: u32,
    pub rel_ack: u32,
    pub len: u32,
    pub window: u16,
    pub options: Option<SynOptions>,
    pub timestamps: Option<Timestamps>,
    /// SACK blocks (RFC 2018): what arrived beyond a gap, the most recent
    /// first, after a D-SACK (RFC 2883) reporting a duplicate.
    #[serde(skip_serializing_if = "SackList::is_empty")]
    pub sack: SackList,
    pub sent_us: u64,
    pub arrive_us: Option<u64>,
    pub lost: bool,
    /// `random` or `dropped` when lost.
    pub loss: Option<Loss>,
    /// Number of this segment in its direction, from 1 (what `drop[].nth` counts).
    pub nth: u32,
    pub retransmission: bool,
    /// A stale segment from the config's `inject`.
    pub injected: bool,
    /// Arrived at a host that had crashed: nobody read it.
    pub receiver_down: bool,
    /// Thrown away by the receiver without an answer (e.g. a full SYN queue).
    pub discarded: Option<crate::endpoint::Discard>,
    pub reason: Why,
    pub reason_code: &'static str,
    /// The segment whose arrival made the sender send this one.
    pub reply_to: Option<usize>,
    /// From a capture file: its own timestamp for this packet (µs since
    /// 1970), which the log shows as tcpdump does. Not in simulated runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured_us: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateChange {
    pub at_us: u64,
    pub endpoint: Side,
    pub from: State,
    pub to: State,
    pub rule: Rule,
    pub rule_code: &'static str,
    /// The arriving segment that caused it, if any.
    pub segment: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimerRecord {
    pub at_us: u64,
    pub endpoint: Side,
    pub timer: TimerKind,
    pub action: TimerAction,
    pub expires_us: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallRecord {
    pub at_us: u64,
    pub endpoint: Side,
    pub call: Call,
    pub result: CallResult,
    pub errno: Option<Errno>,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointOutcome {
    pub state: State,
    pub error: Option<Errno>,
    pub isn: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub client: EndpointOutcome,
    pub server: EndpointOutcome,
}

/// A SYN flood, in aggregate: 10,000 spoofed SYNs are counted, not listed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FloodTrace {
    pub backlog: u32,
    pub syncookies: bool,
    /// Whenever something changed: the queue length and the running counts.
    pub timeline: Vec<FloodPoint>,
    /// A sample of spoofed SYNs to draw: (sent, arrived) in µs.
    pub samples: Vec<(u64, u64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct FloodPoint {
    pub at_us: u64,
    /// Half-open connections in the SYN queue.
    pub queue: u32,
    pub arrived: u32,
    pub queued: u32,
    pub dropped: u32,
    pub cookies: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub segments: Vec<SegmentRecord>,
    pub states: Vec<StateChange>,
    pub timers: Vec<TimerRecord>,
    pub calls: Vec<CallRecord>,
    pub outcome: Outcome,
    /// Present when the config had a `flood`.
    pub flood: Option<FloodTrace>,
    /// Present when a student plays a side (`Config::play`); absent from
    /// the JSON otherwise, which stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play: Option<crate::play::PlayTrace>,
    /// Time of the last event processed.
    pub end_us: u64,
    /// Stopped by `max_events` rather than by running out of events or time.
    pub truncated: bool,
    pub events_processed: u32,
}

impl Trace {
    /// Segments sent by one side, in order.
    pub fn from_side(&self, side: Side) -> impl Iterator<Item = &SegmentRecord> {
        self.segments.iter().filter(move |s| s.from == side)
    }

    /// State changes of one side, in order.
    pub fn states_of(&self, side: Side) -> impl Iterator<Item = &StateChange> {
        self.states.iter().filter(move |s| s.endpoint == side)
    }

    /// Fill in relative numbers the way Wireshark does: a direction's base is
    /// the ISN of its first SYN, or its first seq minus one if it never sent a SYN first.
    pub(crate) fn fill_relative(&mut self) {
        // A played side's numbers count from the ISN its TCP chose, which
        // the student was given, whatever their first segment says.
        let played = self.play.as_ref().map(|p| (p.side, p.isn));
        let base = |side: Side| {
            if let Some((played, isn)) = played {
                if played == side && self.segments.iter().any(|s| s.from == side) {
                    return Some(isn);
                }
            }
            self.segments
                .iter()
                .find(|s| s.from == side && !s.injected)
                .map(|s| {
                    if s.flags.contains(Flags::SYN) {
                        s.seq
                    } else {
                        s.seq.wrapping_sub(1)
                    }
                })
        };
        let (c, s) = (base(Side::Client), base(Side::Server));
        for seg in &mut self.segments {
            let (mine, theirs) = match seg.from {
                Side::Client => (c, s),
                Side::Server => (s, c),
            };
            seg.rel_seq = seg.seq.wrapping_sub(mine.unwrap_or(0));
            seg.rel_ack = if seg.flags.contains(Flags::ACK) {
                // No segment yet from the peer: its base is our ack - 1, as Wireshark does.
                seg.ack
                    .wrapping_sub(theirs.unwrap_or(seg.ack.wrapping_sub(1)))
            } else {
                0
            };
        }
    }
}

/// Header fields printed as `?`: an exercise asks the student for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Blanks {
    pub flags: bool,
    pub seq: bool,
    pub ack: bool,
}

impl Blanks {
    pub const NONE: Blanks = Blanks {
        flags: false,
        seq: false,
        ack: false,
    };

    pub fn any(self) -> bool {
        self.flags || self.seq || self.ack
    }
}

impl SegmentRecord {
    /// The segment as it was sent (the record keeps all of it).
    pub fn segment(&self) -> crate::segment::Segment {
        crate::segment::Segment {
            flags: self.flags,
            seq: crate::seq::SeqNum(self.seq),
            ack: crate::seq::SeqNum(self.ack),
            window: self.window,
            len: self.len,
            syn_options: self.options,
            timestamps: self.timestamps,
            sack: self.sack,
        }
    }

    /// One tcpdump line, timed at sending: `0.000000 client > server: Flags [S], seq 0, win 64240, length 0`.
    pub fn tcpdump(&self, relative: bool) -> String {
        self.tcpdump_blanked(relative, Blanks::NONE)
    }

    /// The tcpdump line with some header fields written `?` (an exercise
    /// asks for them). SACK blocks, which tell sequence numbers too, are
    /// left out when seq or ack is blanked.
    pub fn tcpdump_blanked(&self, relative: bool, blanks: Blanks) -> String {
        let (seq, ack) = if relative {
            (self.rel_seq, self.rel_ack)
        } else {
            (self.seq, self.ack)
        };
        let number = |hidden: bool, n: u32| {
            if hidden {
                "?".to_string()
            } else {
                n.to_string()
            }
        };
        // A captured packet is shown at the time the file gives it, as
        // tcpdump prints it (time of day, UTC); a simulated one at its
        // sending on the run's clock.
        let t = match self.captured_us {
            Some(us) => {
                let (s, frac) = (us / 1_000_000, us % 1_000_000);
                format!(
                    "{:02}:{:02}:{:02}.{frac:06}",
                    s / 3600 % 24,
                    s / 60 % 60,
                    s % 60
                )
            }
            None => crate::time::Instant(self.sent_us).to_string(),
        };
        let to = match self.from {
            crate::side::Side::Client => "server",
            crate::side::Side::Server => "client",
        };
        let mut line = format!(
            "{t} {} > {to}: Flags [{}]",
            self.from.name(),
            if blanks.flags {
                "?".to_string()
            } else {
                self.flags.tcpdump()
            }
        );
        // With the flags blanked, whether seq and ack are printed would
        // tell them: then both always are.
        if self.len > 0 {
            line += &format!(
                ", seq {}:{}",
                number(blanks.seq, seq),
                number(blanks.seq, seq.wrapping_add(self.len))
            );
        } else if blanks.flags || self.flags.intersects(Flags::SYN | Flags::FIN | Flags::RST) {
            line += &format!(", seq {}", number(blanks.seq, seq));
        }
        if blanks.flags || self.flags.contains(Flags::ACK) {
            line += &format!(", ack {}", number(blanks.ack, ack));
        }
        line += &format!(", win {}", self.window);
        // The options the SYN carries, as tcpdump lists them: only those it
        // has (a capture's SYN may have no SACK, timestamps or scaling).
        if let Some(o) = self.options {
            let mut options = format!("mss {}", o.mss);
            if o.sack_permitted {
                options += ",sackOK";
            }
            if let Some(ts) = self.timestamps {
                options += &format!(",TS val {} ecr {}", ts.tsval, ts.tsecr);
            }
            if o.window_scale > 0 {
                options += &format!(",nop,wscale {}", o.window_scale);
            }
            if o.fast_open {
                options += ",tfo cookie";
            }
            line += &format!(", options [{options}]");
        } else if !self.sack.is_empty() && !blanks.seq && !blanks.ack {
            // SACK blocks are in the peer's numbers, relative as the ACK is.
            let base = self.ack.wrapping_sub(ack);
            let mut options = String::new();
            if let Some(ts) = self.timestamps {
                options += &format!("nop,nop,TS val {} ecr {},", ts.tsval, ts.tsecr);
            }
            options += &format!("nop,nop,sack {} ", self.sack.as_slice().len());
            for b in self.sack.as_slice() {
                let (l, r) = (b.left.wrapping_sub(base), b.right.wrapping_sub(base));
                options += &format!("{{{l}:{r}}}");
            }
            line += &format!(", options [{options}]");
        }
        line += &format!(", length {}", self.len);
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blanked_line_hides_only_its_blanks() {
        let t = crate::simulate(&crate::Config::default()).unwrap();
        let syn_ack = &t.segments[1];
        let line = syn_ack.tcpdump_blanked(
            true,
            Blanks {
                seq: true,
                ack: true,
                ..Blanks::NONE
            },
        );
        assert!(
            line.contains("Flags [S.], seq ?, ack ?, win 65160"),
            "{line}"
        );
        assert_eq!(
            syn_ack.tcpdump_blanked(true, Blanks::NONE),
            syn_ack.tcpdump(true)
        );
        // The flags blanked: seq and ack are both printed, so their presence tells nothing.
        let syn = t.segments[0].tcpdump_blanked(
            true,
            Blanks {
                flags: true,
                ..Blanks::NONE
            },
        );
        assert!(syn.contains("Flags [?], seq 0, ack 0,"), "{syn}");
    }
}
