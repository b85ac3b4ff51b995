//! The simulator against a real TCP stack, segment by segment.
//!
//! `scripts/kernel-check.sh` runs a scenario on this machine's Linux (on
//! loopback, in a network namespace), captures it, and runs the simulator
//! with the matching config; this module says whether the two agree. Each
//! side becomes a list of [`Observed`] segments: who sent it, its flags,
//! relative numbers, length, its options' kinds in order, SACK blocks, and when. They
//! must match one for one; times may differ only as a real timer can: late
//! by up to an eighth of the time elapsed (the kernel's timer wheel) plus a
//! tick per segment (and 30 ms for an application's own lateness), never early.

use crate::import::{self, Stream};
use crate::segment::Flags;
use crate::trace::{SegmentRecord, Trace};
use crate::Side;

/// One segment as both sides can be compared: what a capture shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub from: Side,
    pub flags: Flags,
    pub rel_seq: u32,
    pub rel_ack: u32,
    pub len: u32,
    /// TCP option kinds in header order (1 = NOP, 2 = MSS, 3 = window
    /// scale, 4 = SACK permitted, 5 = SACK, 8 = timestamps, 34 = Fast Open).
    pub options: Vec<u8>,
    /// SACK blocks, relative to the peer's ISN as the ACK is.
    pub sack: Vec<(u32, u32)>,
    /// Since the first segment.
    pub at_us: u64,
}

/// The option kinds of a TCP header's options, in order, up to End of List.
pub fn option_kinds(options: &[u8]) -> Vec<u8> {
    import::tcp_options(options).map(|(kind, _)| kind).collect()
}

/// A captured connection, as observed.
pub fn from_capture(stream: &Stream) -> Vec<Observed> {
    let trace = import::trace(stream);
    let t0 = trace.segments.first().map_or(0, |s| s.sent_us);
    let mut isn = Isns::default();
    trace
        .segments
        .iter()
        .map(|seg| {
            // Options start after the 20 fixed bytes of the TCP header.
            let options = stream
                .packet_of(seg)
                .and_then(|p| p.header.get(20..))
                .map(option_kinds)
                .unwrap_or_default();
            observed(seg, options, t0, &mut isn)
        })
        .collect()
}

/// Each side's latest ISN: numbers are relative to it, so that a new
/// request (a new ISN, whose value is random) compares as one.
#[derive(Default)]
struct Isns {
    client: Option<u32>,
    server: Option<u32>,
}

impl Isns {
    fn of(&mut self, side: Side) -> &mut Option<u32> {
        match side {
            Side::Client => &mut self.client,
            Side::Server => &mut self.server,
        }
    }
}

/// A simulated run, as a capture on loopback would observe it: every
/// segment sent, lost or not (a drop happens after the capture point), in
/// the order sent, as the trace keeps them.
pub fn from_simulation(trace: &Trace) -> Vec<Observed> {
    let sent: Vec<&SegmentRecord> = trace.segments.iter().filter(|s| !s.injected).collect();
    let t0 = sent.first().map_or(0, |s| s.sent_us);
    let mut isn = Isns::default();
    sent.into_iter()
        .map(|seg| {
            let options = option_kinds(crate::wire::tcp_header(seg).options.as_slice());
            observed(seg, options, t0, &mut isn)
        })
        .collect()
}

fn observed(seg: &SegmentRecord, options: Vec<u8>, t0: u64, isn: &mut Isns) -> Observed {
    if seg.flags.contains(Flags::SYN) {
        *isn.of(seg.from) = Some(seg.seq);
    }
    let (client, server) = (isn.client, isn.server);
    let from_isn = |n: u32, side| {
        let i = match side {
            Side::Client => client,
            Side::Server => server,
        };
        i.map_or(n, |i| n.wrapping_sub(i))
    };
    let rel_seq = from_isn(seg.seq, seg.from);
    let rel_ack = if seg.flags.contains(Flags::ACK) {
        from_isn(seg.ack, seg.from.peer())
    } else {
        0
    };
    Observed {
        from: seg.from,
        flags: seg.flags,
        rel_seq,
        rel_ack,
        len: seg.len,
        options,
        sack: seg
            .sack
            .as_slice()
            .iter()
            .map(|b| {
                let peer = seg.from.peer();
                (from_isn(b.left, peer), from_isn(b.right, peer))
            })
            .collect(),
        at_us: seg.sent_us.saturating_sub(t0),
    }
}

/// How far a real time may be from the simulator's.
#[derive(Debug, Clone, Copy)]
pub struct Tolerance {
    /// A timer tick (4 ms at HZ=250), allowed late once per segment so far.
    pub tick_us: u64,
    /// Scheduling noise either way (loopback, a loaded machine).
    pub noise_us: u64,
    /// How late a real application may act (a write, a close) on a loaded
    /// machine: python is scheduled when it is, so later segments follow.
    pub late_us: u64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            tick_us: 4_000,
            noise_us: 3_000,
            late_us: 30_000,
        }
    }
}

/// What differs between a real segment and the simulator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Only the real run has this segment.
    OnlyReal,
    /// Only the simulator has it.
    OnlySimulated,
    /// These fields differ.
    Fields(Vec<&'static str>),
    /// The real one was sent earlier than any timer allows (µs).
    Early(u64),
    /// The real one was later than a timer's slack allows (µs).
    Late(u64),
}

/// The i-th segment of each side, and what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub real: Option<Observed>,
    pub simulated: Option<Observed>,
    pub differences: Vec<Difference>,
}

/// Compare a real run with a simulated one, segment by segment.
pub fn compare(real: &[Observed], simulated: &[Observed], tolerance: Tolerance) -> Vec<Row> {
    (0..real.len().max(simulated.len()))
        .map(|i| {
            let (r, s) = (real.get(i), simulated.get(i));
            let differences = match (r, s) {
                (Some(r), Some(s)) => differences(r, s, i as u64 + 1, tolerance),
                (Some(_), None) => vec![Difference::OnlyReal],
                (None, _) => vec![Difference::OnlySimulated],
            };
            Row {
                real: r.cloned(),
                simulated: s.cloned(),
                differences,
            }
        })
        .collect()
}

fn differences(r: &Observed, s: &Observed, n: u64, tolerance: Tolerance) -> Vec<Difference> {
    let mut fields = Vec::new();
    for (name, same) in [
        ("sender", r.from == s.from),
        ("flags", r.flags == s.flags),
        ("seq", r.rel_seq == s.rel_seq),
        ("ack", r.rel_ack == s.rel_ack),
        ("length", r.len == s.len),
        ("options", r.options == s.options),
        ("sack", r.sack == s.sack),
    ] {
        if !same {
            fields.push(name);
        }
    }
    let mut out = Vec::new();
    if !fields.is_empty() {
        out.push(Difference::Fields(fields));
    }
    let late_allowed = s.at_us / 8 + n * tolerance.tick_us + tolerance.noise_us + tolerance.late_us;
    if r.at_us + tolerance.noise_us < s.at_us {
        out.push(Difference::Early(s.at_us - r.at_us));
    } else if r.at_us > s.at_us + late_allowed {
        out.push(Difference::Late(r.at_us - s.at_us));
    }
    out
}

/// Whether every row agrees.
pub fn agree(rows: &[Row]) -> bool {
    rows.iter().all(|r| r.differences.is_empty())
}

/// One line per segment pair: the real one, the simulator's, and any difference.
pub fn table(rows: &[Row]) -> String {
    let show = |o: &Option<Observed>| match o {
        Some(o) => format!(
            "{:>9.3} {} {:<5} seq {:<4} ack {:<4} len {:<4} opt {:?}{}",
            o.at_us as f64 / 1e6,
            match o.from {
                Side::Client => "c>s",
                Side::Server => "s>c",
            },
            o.flags.tcpdump(),
            o.rel_seq,
            o.rel_ack,
            o.len,
            o.options,
            o.sack
                .iter()
                .map(|(l, r)| format!(" sack {l}:{r}"))
                .collect::<String>()
        ),
        None => "-".to_string(),
    };
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let verdict = if row.differences.is_empty() {
            "ok".to_string()
        } else {
            format!("DIFFERS {:?}", row.differences)
        };
        out += &format!(
            "{:>3} real {:<62} | synack {:<62} {verdict}\n",
            i + 1,
            show(&row.real),
            show(&row.simulated)
        );
    }
    out
}

/// A socket call's outcome as an application sees it: `connect ok`,
/// `connect ECONNREFUSED`, `accept ok`, `send ok`, `read data`, `read eof`,
/// `read ETIMEDOUT`, `close ok`.
pub type CallOutcome = (Side, String);

/// The calls of a simulated run that returned or failed, as outcomes.
pub fn calls_of(trace: &Trace) -> Vec<CallOutcome> {
    use crate::why::{Call, CallResult};
    let mut out: Vec<CallOutcome> = Vec::new();
    for c in &trace.calls {
        let outcome = match (c.result, c.errno) {
            (CallResult::Called, _) => continue,
            (CallResult::Failed, Some(e)) => e.name(),
            (CallResult::Failed, None) => "failed",
            (CallResult::Returned, _) if c.call == Call::Recv && c.bytes == 0 => "eof",
            (CallResult::Returned, _) if c.call == Call::Recv => "data",
            (CallResult::Returned, _) => "ok",
        };
        let line = format!("{} {outcome}", c.call.c_name());
        // One read() may return what several deliveries brought.
        if line == "read data" && out.last() == Some(&(c.endpoint, line.clone())) {
            continue;
        }
        out.push((c.endpoint, line));
    }
    out
}

/// Compare the calls the real applications logged (lines `client connect
/// ok`, in their order) with the simulated run's. Only the calls an
/// application made are compared (a line `side call waiting` says it made
/// one that had not returned when the run ended). Each side's outcomes must
/// be the same, in the same order. Returns what differs, if anything.
pub fn compare_calls(real_log: &str, trace: &Trace) -> Result<Vec<CallOutcome>, String> {
    let mut real: Vec<CallOutcome> = Vec::new();
    let mut made: Vec<(Side, String)> = Vec::new();
    for line in real_log.lines().filter(|l| !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let (Some(side), Some(call), Some(outcome)) = (words.next(), words.next(), words.next())
        else {
            return Err(format!("calls log: `{line}` is not `side call outcome`"));
        };
        let side = match side {
            "client" => Side::Client,
            "server" => Side::Server,
            _ => return Err(format!("calls log: `{side}` is not client or server")),
        };
        made.push((side, call.to_string()));
        if outcome != "waiting" {
            real.push((side, format!("{call} {outcome}")));
        }
    }
    let simulated: Vec<CallOutcome> = calls_of(trace)
        .into_iter()
        .filter(|(side, line)| {
            let call = line.split(' ').next().unwrap_or_default();
            made.iter().any(|(s, c)| s == side && c == call)
        })
        .collect();
    for side in [Side::Client, Side::Server] {
        let of = |v: &[CallOutcome]| -> Vec<String> {
            v.iter()
                .filter(|c| c.0 == side)
                .map(|c| c.1.clone())
                .collect()
        };
        let (r, s) = (of(&real), of(&simulated));
        if r != s {
            return Err(format!(
                "{}'s calls differ: real [{}], synack [{}]",
                side.name(),
                r.join(", "),
                s.join(", ")
            ));
        }
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Config};

    #[test]
    fn option_kinds_are_read_in_order_with_nops() {
        // Linux's SYN: MSS, SACK permitted, timestamps, NOP, window scale.
        let syn = [
            2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
        ];
        assert_eq!(option_kinds(&syn), vec![2, 4, 8, 1, 3]);
        assert_eq!(
            option_kinds(&[1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0]),
            vec![1, 1, 8]
        );
        assert_eq!(option_kinds(&[0, 2, 4, 5, 180]), Vec::<u8>::new());
        assert_eq!(option_kinds(&[2, 0]), vec![2], "a bad length ends the walk");
    }

    /// The simulator's own capture, read back, agrees with the simulator:
    /// the comparison itself adds nothing.
    #[test]
    fn a_run_agrees_with_its_own_capture() {
        let config: Config = serde_json::from_str(
            // Loopback-like: links of 10 µs, and the loss on the capture's side.
            r#"{"c2s":{"delay_ms":0.01},"s2c":{"delay_ms":0.01},"drop":[{"dir":"c2s","nth":1}],
                "client":{"data":100,"close_ms":2000},"server":{"close_ms":2500}}"#,
        )
        .unwrap();
        let trace = simulate(&config).unwrap();
        let bytes = crate::pcap::pcap(&trace, crate::Capture::Client);
        let capture = import::read(&bytes).unwrap();
        let real = from_capture(&capture.streams[0]);
        let simulated = from_simulation(&trace);
        let rows = compare(&real, &simulated, Tolerance::default());
        assert!(agree(&rows), "{}", table(&rows));
        assert!(real.len() >= 8);
    }

    #[test]
    fn calls_compare_by_outcome_and_errno_for_the_calls_made() {
        let cfg: Config = serde_json::from_str(r#"{"server":{"listening":false}}"#).unwrap();
        let t = simulate(&cfg).unwrap();
        assert_eq!(
            compare_calls("client connect ECONNREFUSED\n", &t)
                .unwrap()
                .len(),
            1
        );
        let e = compare_calls("client connect ETIMEDOUT\n", &t).unwrap_err();
        assert!(
            e.contains("real [connect ETIMEDOUT], synack [connect ECONNREFUSED]"),
            "{e}"
        );
        // A call still waiting marks its kind: synack must not have returned it.
        let t = simulate(&Config::default()).unwrap();
        let log =
            "server accept waiting\nserver accept ok\nclient connect ok\nserver read waiting\n";
        assert!(compare_calls(log, &t).is_ok());
        let log = "server accept waiting\nclient connect ok\n";
        assert!(compare_calls(log, &t).is_err(), "synack's accept returned");
        assert!(compare_calls("nonsense\n", &t).is_err());
    }

    #[test]
    fn a_different_schedule_or_segment_is_found() {
        let run =
            |json: &str| from_simulation(&simulate(&serde_json::from_str(json).unwrap()).unwrap());
        let linux = run(r#"{"c2s":{"loss":1},"duration_ms":10000}"#);
        let rfc = run(r#"{"c2s":{"loss":1},"duration_ms":10000,"timers":"rfc"}"#);
        let rows = compare(&rfc, &linux, Tolerance::default());
        assert!(!agree(&rows), "1 s and 3 s RTOs differ:\n{}", table(&rows));
        // The real run (RFC: 3 s) is late against Linux's 1 s, never early.
        assert!(rows.iter().any(|r| r
            .differences
            .iter()
            .any(|d| matches!(d, Difference::Late(_)))));
        let refused = run(r#"{"server":{"listening":false}}"#);
        let rows = compare(&refused, &run("{}"), Tolerance::default());
        assert!(
            matches!(rows[1].differences[0], Difference::Fields(ref f) if f.contains(&"flags"))
        );
    }
}
