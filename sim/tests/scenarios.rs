//! The reference's scenarios (shared/tcp-reference.md, "Scenarios a correct
//! simulator must reproduce"), segment by segment, with exact times.
//! Default link: one-way delay d = 50 ms. Numbers are relative unless a test says so.

use synack_sim::config::Config;
use synack_sim::trace::Trace;
use synack_sim::why::{Call, CallResult, Errno};
use synack_sim::{simulate, Side, State};

const C: Side = Side::Client;
const S: Side = Side::Server;
const MS: u64 = 1000;
const SEC: u64 = 1_000_000;

fn run(json: &str) -> Trace {
    let cfg: Config = serde_json::from_str(json).expect("test config parses");
    simulate(&cfg).expect("test config is valid")
}

/// (sent µs, from, flags, rel seq, rel ack, len, arrival µs or None if lost)
type Seg = (u64, Side, &'static str, u32, u32, u32, Option<u64>);

fn segments(t: &Trace) -> Vec<Seg> {
    t.segments
        .iter()
        .map(|s| {
            let flags: &'static str = Box::leak(s.flags.to_string().into_boxed_str());
            (
                s.sent_us,
                s.from,
                flags,
                s.rel_seq,
                s.rel_ack,
                s.len,
                s.arrive_us,
            )
        })
        .collect()
}

/// (µs, endpoint, to-state)
fn states(t: &Trace) -> Vec<(u64, Side, State)> {
    t.states
        .iter()
        .map(|s| (s.at_us, s.endpoint, s.to))
        .collect()
}

fn send_times(t: &Trace, side: Side) -> Vec<u64> {
    t.from_side(side).map(|s| s.sent_us).collect()
}

// ---------------------------------------------------------------------
// 1. Basic three-way handshake (RFC 9293 Fig. 6)
// ---------------------------------------------------------------------

#[test]
fn s01_basic_handshake() {
    let t = run("{}");
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 0, Some(50 * MS)),
            (50 * MS, S, "[SYN, ACK]", 0, 1, 0, Some(100 * MS)),
            (100 * MS, C, "[ACK]", 1, 1, 0, Some(150 * MS)),
        ]
    );
    assert_eq!(
        states(&t),
        vec![
            (0, S, State::Listen),
            (0, C, State::SynSent),
            (50 * MS, S, State::SynReceived),
            (100 * MS, C, State::Established),
            (150 * MS, S, State::Established),
        ]
    );
    // ack = seq + 1 in absolute numbers too: the SYN takes one sequence number.
    assert_eq!(t.segments[1].ack, t.segments[0].seq.wrapping_add(1));
    assert_eq!(t.segments[2].ack, t.segments[1].seq.wrapping_add(1));
    // Both retransmission timers are armed for 1 s and cancelled when answered.
    let armed: Vec<_> = t
        .timers
        .iter()
        .filter(|r| r.action == synack_sim::endpoint::TimerAction::Armed)
        .map(|r| (r.endpoint, r.at_us, r.expires_us))
        .collect();
    assert_eq!(armed, vec![(C, 0, SEC), (S, 50 * MS, SEC + 50 * MS)]);
    // The socket calls the article starts from.
    let calls: Vec<_> = t
        .calls
        .iter()
        .map(|c| (c.at_us, c.endpoint, c.call, c.result))
        .collect();
    assert!(calls.contains(&(0, C, Call::Connect, CallResult::Called)));
    assert!(calls.contains(&(100 * MS, C, Call::Connect, CallResult::Returned)));
    assert!(calls.contains(&(150 * MS, S, Call::Accept, CallResult::Returned)));
    assert_eq!(t.outcome.client.state, State::Established);
    assert_eq!(t.outcome.server.state, State::Established);
    assert!(t.outcome.client.error.is_none());
}

#[test]
fn syn_options_and_windows_are_linuxs() {
    let t = run("{}");
    let syn = &t.segments[0];
    assert_eq!(syn.window, 64240);
    let o = syn.options.expect("SYN carries options");
    assert_eq!((o.mss, o.sack_permitted, o.window_scale), (1460, true, 7));
    assert_eq!(t.segments[1].window, 65160);
    assert!(t.segments[2].options.is_none(), "options only on SYNs");
}

// ---------------------------------------------------------------------
// 2. Data on the third segment, then byte counting
// ---------------------------------------------------------------------

#[test]
fn s02_data_on_third_segment() {
    let t = run(r#"{"client":{"data":100,"writes":[{"at_ms":300,"bytes":50}]}}"#);
    let s = segments(&t);
    assert_eq!(s[2], (100 * MS, C, "[PSH, ACK]", 1, 1, 100, Some(150 * MS)));
    assert_eq!(s[3], (150 * MS, S, "[ACK]", 1, 101, 0, Some(200 * MS)));
    assert_eq!(
        s[4],
        (300 * MS, C, "[PSH, ACK]", 101, 1, 50, Some(350 * MS))
    );
    assert_eq!(s[5], (350 * MS, S, "[ACK]", 1, 151, 0, Some(400 * MS)));
    assert_eq!(s.len(), 6);
    // The server goes ESTABLISHED on the data-carrying ACK and delivers 100 bytes.
    assert!(states(&t).contains(&(150 * MS, S, State::Established)));
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Recv && c.bytes == 100 && c.at_us == 150 * MS));
}

// ---------------------------------------------------------------------
// 3. SYN lost once
// ---------------------------------------------------------------------

#[test]
fn s03_syn_lost_once() {
    let t = run(r#"{"drop":[{"dir":"c2s","nth":1}]}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 0, None),
            (SEC, C, "[SYN]", 0, 0, 0, Some(SEC + 50 * MS)),
            (
                SEC + 50 * MS,
                S,
                "[SYN, ACK]",
                0,
                1,
                0,
                Some(SEC + 100 * MS)
            ),
            (SEC + 100 * MS, C, "[ACK]", 1, 1, 0, Some(SEC + 150 * MS)),
        ]
    );
    assert_eq!(
        t.segments[1].seq, t.segments[0].seq,
        "same ISN on the retransmission"
    );
    assert!(t.segments[1].retransmission);
    assert_eq!(
        t.segments[1].reason.to_string(),
        "retransmission after RTO 1 s (SYN retransmission timer)"
    );
    assert!(t.segments[0].lost);
    assert!(states(&t).contains(&(SEC + 150 * MS, S, State::Established)));
}

// ---------------------------------------------------------------------
// 4. Server unreachable: every SYN lost
// ---------------------------------------------------------------------

#[test]
fn s04_unreachable_linux() {
    let t = run(r#"{"c2s":{"loss":1}}"#);
    let secs: Vec<u64> = send_times(&t, C).iter().map(|us| us / SEC).collect();
    assert_eq!(secs, [0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    assert!(t
        .segments
        .iter()
        .all(|s| s.flags.to_string() == "[SYN]" && s.rel_seq == 0 && s.lost));
    assert!(t.states_of(C).all(|s| s.to != State::Established));
    assert_eq!(states(&t).last(), Some(&(131 * SEC, C, State::Closed)));
    assert_eq!(t.outcome.client.error, Some(Errno::ETIMEDOUT));
    assert!(t.calls.iter().any(|c| c.at_us == 131 * SEC
        && c.call == Call::Connect
        && c.result == CallResult::Failed
        && c.errno == Some(Errno::ETIMEDOUT)));
}

#[test]
fn s04_unreachable_rfc() {
    let t = run(r#"{"timers":"rfc","c2s":{"loss":1}}"#);
    let secs: Vec<u64> = send_times(&t, C).iter().map(|us| us / SEC).collect();
    assert_eq!(secs, [0, 1, 3, 7, 15, 31, 63]);
    assert_eq!(states(&t).last(), Some(&(127 * SEC, C, State::Closed)));
    assert_eq!(t.outcome.client.error, Some(Errno::ETIMEDOUT));
}

// ---------------------------------------------------------------------
// 5. Closed port
// ---------------------------------------------------------------------

#[test]
fn s05_closed_port() {
    let t = run(r#"{"server":{"listening":false}}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 0, Some(50 * MS)),
            // Wireshark shows Seq=1 Ack=1 for this RST.
            (50 * MS, S, "[RST, ACK]", 1, 1, 0, Some(100 * MS)),
        ]
    );
    assert_eq!(t.segments[1].seq, 0, "absolute seq 0");
    assert_eq!(t.segments[1].ack, t.segments[0].seq.wrapping_add(1));
    assert_eq!(
        states(&t),
        vec![(0, C, State::SynSent), (100 * MS, C, State::Closed)]
    );
    assert_eq!(t.outcome.client.error, Some(Errno::ECONNREFUSED));
}

// ---------------------------------------------------------------------
// 6. SYN-ACK lost
// ---------------------------------------------------------------------

#[test]
fn s06_syn_ack_lost() {
    let t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 0, Some(50 * MS)),
            (50 * MS, S, "[SYN, ACK]", 0, 1, 0, None),
            (SEC, C, "[SYN]", 0, 0, 0, Some(SEC + 50 * MS)),
            // At 1+d the retransmitted SYN arrives exactly when the SYN-ACK timer
            // would fire: the arrival goes first, and Linux answers it at once.
            (
                SEC + 50 * MS,
                S,
                "[SYN, ACK]",
                0,
                1,
                0,
                Some(SEC + 100 * MS)
            ),
            (SEC + 100 * MS, C, "[ACK]", 1, 1, 0, Some(SEC + 150 * MS)),
        ]
    );
    assert_eq!(t.segments[3].reason_code, "synack-for-retransmitted-syn");
    assert!(t.segments[3].retransmission);
    // The SYN-ACK timer was restarted by that SYN, so it never fired.
    assert!(!t
        .timers
        .iter()
        .any(|r| r.endpoint == S && r.action == synack_sim::endpoint::TimerAction::Fired));
    assert!(states(&t).contains(&(SEC + 150 * MS, S, State::Established)));
}

#[test]
fn s06_syn_ack_lost_rfc_strict() {
    // RFC 9293 answers the retransmitted SYN (out of window) with a bare ACK, which
    // the client in SYN-SENT drops (it has no SYN). At the same instant, after the
    // arrival (tie rule), the server's own SYN-ACK timer fires and recovers.
    let t = run(r#"{"timers":"rfc","drop":[{"dir":"s2c","nth":1}]}"#);
    let s = segments(&t);
    assert_eq!(
        s[3],
        (SEC + 50 * MS, S, "[ACK]", 1, 1, 0, Some(SEC + 100 * MS))
    );
    assert_eq!(t.segments[3].reason_code, "out-of-window");
    assert_eq!(
        s[4],
        (
            SEC + 50 * MS,
            S,
            "[SYN, ACK]",
            0,
            1,
            0,
            Some(SEC + 100 * MS)
        )
    );
    assert_eq!(t.segments[4].reason_code, "retransmit");
    assert_eq!(
        s[5],
        (SEC + 100 * MS, C, "[ACK]", 1, 1, 0, Some(SEC + 150 * MS))
    );
}

// ---------------------------------------------------------------------
// 7. Final ACK lost, client silent
// ---------------------------------------------------------------------

#[test]
fn s07_final_ack_lost_client_silent() {
    let t = run(r#"{"drop":[{"dir":"c2s","nth":2}]}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 0, Some(50 * MS)),
            (50 * MS, S, "[SYN, ACK]", 0, 1, 0, Some(100 * MS)),
            (100 * MS, C, "[ACK]", 1, 1, 0, None),
            (
                SEC + 50 * MS,
                S,
                "[SYN, ACK]",
                0,
                1,
                0,
                Some(SEC + 100 * MS)
            ),
            (SEC + 100 * MS, C, "[ACK]", 1, 1, 0, Some(SEC + 150 * MS)),
        ]
    );
    assert!(t.segments[3].retransmission);
    assert_eq!(t.segments[4].reason_code, "challenge-ack-syn");
    assert!(states(&t).contains(&(100 * MS, C, State::Established)));
    assert!(states(&t).contains(&(SEC + 150 * MS, S, State::Established)));
    // After the first expiry the next SYN-ACK timer is 2 s away.
    assert!(t.timers.iter().any(|r| r.endpoint == S
        && r.action == synack_sim::endpoint::TimerAction::Armed
        && r.at_us == SEC + 50 * MS
        && r.expires_us == 3 * SEC + 50 * MS));
    // accept() returns only now; connect() returned at 2d.
    assert!(t
        .calls
        .iter()
        .any(|c| c.call == Call::Accept && c.at_us == SEC + 150 * MS));
}

// ---------------------------------------------------------------------
// 8. Final ACK lost, client sends data first
// ---------------------------------------------------------------------

#[test]
fn s08_final_ack_lost_client_sends_data() {
    let t =
        run(r#"{"drop":[{"dir":"c2s","nth":2}],"client":{"writes":[{"at_ms":200,"bytes":50}]}}"#);
    let s = segments(&t);
    assert_eq!(s[3], (200 * MS, C, "[PSH, ACK]", 1, 1, 50, Some(250 * MS)));
    assert_eq!(s[4], (250 * MS, S, "[ACK]", 1, 51, 0, Some(300 * MS)));
    assert_eq!(s.len(), 5, "no SYN-ACK is retransmitted");
    assert!(states(&t).contains(&(250 * MS, S, State::Established)));
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Recv && c.bytes == 50));
}

// ---------------------------------------------------------------------
// 9. Server gives up on the half-open connection
// ---------------------------------------------------------------------

#[test]
fn s09_server_gives_up_half_open() {
    let drops: Vec<String> = (2..=7)
        .map(|n| format!(r#"{{"dir":"c2s","nth":{n}}}"#))
        .collect();
    let t = run(&format!(
        r#"{{"drop":[{}],"client":{{"writes":[{{"at_ms":100000,"bytes":10}}]}}}}"#,
        drops.join(",")
    ));
    let synacks: Vec<u64> = t
        .from_side(S)
        .filter(|s| s.flags.to_string() == "[SYN, ACK]")
        .map(|s| s.sent_us)
        .collect();
    let d = 50 * MS;
    assert_eq!(
        synacks,
        [
            d,
            d + SEC,
            d + 3 * SEC,
            d + 7 * SEC,
            d + 15 * SEC,
            d + 31 * SEC
        ]
    );
    // At d+63 s the request is dropped silently: back to LISTEN, nothing sent.
    assert!(states(&t).contains(&(d + 63 * SEC, S, State::Listen)));
    assert!(!t.from_side(S).any(|s| s.sent_us == d + 63 * SEC));
    assert!(t.states_of(S).all(|s| s.to != State::Established));
    // The client's later data meets the listener: RST seq=SEG.ACK, ECONNRESET.
    let data = t.from_side(C).find(|s| s.len == 10).expect("client data");
    assert_eq!(data.sent_us, 100 * SEC);
    let rst = t.from_side(S).last().unwrap();
    assert_eq!(rst.flags.to_string(), "[RST]");
    assert_eq!(rst.seq, data.ack);
    assert_eq!(t.outcome.client.error, Some(Errno::ECONNRESET));
    assert_eq!(t.outcome.client.state, State::Closed);
    assert_eq!(t.outcome.server.state, State::Listen);
}

// ---------------------------------------------------------------------
// 10. Simultaneous open (Fig. 7)
// ---------------------------------------------------------------------

/// On loopback the server's SYN-ACK timer and the client's SYN timer fall
/// due 10 µs apart, in one bucket of Linux's timer wheel: they run together,
/// the server's (armed last) first, as kernel-check's first-syn-ack-lost
/// shows: 7 segments, not 5.
#[test]
fn timers_in_one_wheel_bucket_run_together_the_last_armed_first() {
    let t = run(
        r#"{"c2s":{"delay_ms":0.01},"s2c":{"delay_ms":0.01},"drop":[{"dir":"s2c","nth":1}],"duration_ms":3000}"#,
    );
    let order: Vec<_> = t
        .segments
        .iter()
        .map(|s| format!("{}{}", &s.from.name()[..1], s.flags))
        .collect();
    assert_eq!(
        order,
        [
            "c[SYN]",
            "s[SYN, ACK]",
            "s[SYN, ACK]",
            "c[SYN]",
            "c[ACK]",
            "s[SYN, ACK]",
            "c[ACK]"
        ]
    );
    // Both at the later one's time: the client's timer 10 µs late.
    assert_eq!(t.segments[2].sent_us, t.segments[3].sent_us);
    assert_eq!(t.segments[3].sent_us, SEC + 10);
    // Both SYN timers of a simultaneous open, armed in one instant: the
    // server's connect() came second, so its SYN goes first (kernel-check:
    // simultaneous-open).
    let t = run(
        r#"{"c2s":{"delay_ms":0.01},"s2c":{"delay_ms":0.01},"server":{"listening":false,"connect_ms":0},
            "drop":[{"dir":"c2s","nth":1},{"dir":"s2c","nth":1}],"duration_ms":3000}"#,
    );
    assert_eq!((t.segments[2].from, t.segments[3].from), (S, C));
    // Each last ACK reports the SYN that came again in the SYN-ACK as a
    // D-SACK block: [ISN, ISN + 1) of the peer.
    for ack in &t.segments[6..8] {
        let peer_isn = t.segments.iter().find(|s| s.from != ack.from).unwrap().seq;
        let b = ack.sack.as_slice();
        assert_eq!(b.len(), 1, "one D-SACK block");
        assert_eq!(
            (b[0].left, b[0].right),
            (peer_isn, peer_isn.wrapping_add(1))
        );
    }
    // Under the RFC preset each runs at its own time, the client's first.
    let t = run(
        r#"{"timers":"rfc","c2s":{"delay_ms":0.01},"s2c":{"delay_ms":0.01},"drop":[{"dir":"s2c","nth":1}],"duration_ms":3000}"#,
    );
    assert_eq!(t.segments[2].from, C);
}

#[test]
fn s10_simultaneous_open() {
    let t = run(r#"{"server":{"listening":false,"connect_ms":0}}"#);
    let s = segments(&t);
    assert_eq!(s.len(), 6);
    for side in [C, S] {
        let mine: Vec<_> = s.iter().filter(|x| x.1 == side).collect();
        assert_eq!(mine[0], &(0, side, "[SYN]", 0, 0, 0, Some(50 * MS)));
        assert_eq!(
            mine[1],
            &(50 * MS, side, "[SYN, ACK]", 0, 1, 0, Some(100 * MS))
        );
        assert_eq!(mine[2], &(100 * MS, side, "[ACK]", 1, 1, 0, Some(150 * MS)));
        let st: Vec<_> = t.states_of(side).map(|x| (x.at_us, x.to)).collect();
        assert_eq!(
            st,
            [
                (0, State::SynSent),
                (50 * MS, State::SynReceived),
                (100 * MS, State::Established)
            ]
        );
    }
    // The SYN-ACK repeats the same ISN.
    let c: Vec<_> = t.from_side(C).collect();
    assert_eq!(c[0].seq, c[1].seq);
}

// ---------------------------------------------------------------------
// 11. Old duplicate SYN (Fig. 8), absolute numbers
// ---------------------------------------------------------------------

const FIG8: &str = r#"{"timers":"rfc","client":{"isn":100},"server":{"isn":300},
  "inject":[{"at_ms":0,"dir":"c2s","flags":["SYN"],"seq":-10}],
  "hold":[{"dir":"c2s","nth":1,"extra_ms":200}]}"#;

#[test]
fn s11_old_duplicate_syn() {
    let t = run(FIG8);
    let abs: Vec<_> = t
        .segments
        .iter()
        .map(|s| (s.sent_us, s.from, s.flags.to_string(), s.seq, s.ack))
        .collect();
    let syn_ack1 = 300 + (50 * MS / 4) as u32; // the ISN clock ticks every 4 µs
    let syn_ack2 = 300 + (250 * MS / 4) as u32;
    assert_eq!(
        abs,
        vec![
            (0, C, "[SYN]".into(), 100, 0),
            (0, C, "[SYN]".into(), 90, 0),
            (50 * MS, S, "[SYN, ACK]".into(), syn_ack1, 91),
            (100 * MS, C, "[RST]".into(), 91, 0),
            (250 * MS, S, "[SYN, ACK]".into(), syn_ack2, 101),
            (300 * MS, C, "[ACK]".into(), 101, syn_ack2 + 1),
        ]
    );
    assert!(t.segments[1].injected);
    assert_eq!(t.segments[3].reason_code, "reset-bad-ack-syn-sent");
    assert_eq!(
        states(&t),
        vec![
            (0, S, State::Listen),
            (0, C, State::SynSent),
            (50 * MS, S, State::SynReceived),
            (150 * MS, S, State::Listen),
            (250 * MS, S, State::SynReceived),
            (300 * MS, C, State::Established),
            (350 * MS, S, State::Established),
        ]
    );
    // 17. The RST against a passive SYN-RECEIVED reaches no application.
    assert!(t.calls.iter().all(|c| c.errno.is_none()));
    assert_eq!(t.states[3].rule_code, "rst-in-passive-syn-received");
}

#[test]
fn s11_linux_retries_the_syn_soon_after_a_bad_ack() {
    let t = run(&FIG8.replace(r#""timers":"rfc","#, ""));
    // TCP_TIMEOUT_MIN: the SYN goes again 2 ms after the RST.
    let syn2 = t
        .from_side(C)
        .filter(|s| s.flags.to_string() == "[SYN]" && !s.injected)
        .nth(1);
    assert_eq!(syn2.map(|s| s.sent_us), Some(102 * MS));
    assert_eq!(t.outcome.client.state, State::Established);
    assert_eq!(t.outcome.server.state, State::Established);
}

// ---------------------------------------------------------------------
// 14. Keepalive, client host dead
// ---------------------------------------------------------------------

#[test]
fn s14_keepalive_dead_client() {
    let t = run(r#"{"client":{"crash_ms":1000},"server":{"keepalive":{}}}"#);
    let t0 = 150 * MS; // the server last heard from the client at 3d
    let probes: Vec<_> = t.from_side(S).skip(1).collect();
    assert_eq!(probes.len(), 10);
    for (i, p) in probes[..9].iter().enumerate() {
        assert_eq!(
            p.sent_us,
            t0 + 7200 * SEC + i as u64 * 75 * SEC,
            "probe {}",
            i + 1
        );
        assert_eq!(p.flags.to_string(), "[ACK]");
        assert_eq!(p.len, 0);
        assert_eq!(p.rel_seq, 0, "seq = SND.NXT - 1");
        assert!(p.receiver_down);
    }
    assert_eq!(probes[8].sent_us, t0 + 7800 * SEC);
    let rst = probes[9];
    assert_eq!(rst.flags.to_string(), "[RST, ACK]");
    assert_eq!(rst.sent_us, t0 + 7875 * SEC);
    // A socket's RST: NOP, NOP, TS and its window, as Linux 6.18 sends it
    // (scripts/kernel-check.sh, keepalive-silent-client).
    assert!(rst.timestamps.is_some());
    assert_eq!(rst.window, probes[8].window);
    assert_eq!(t.outcome.server.error, Some(Errno::ETIMEDOUT));
    assert!(states(&t).contains(&(t0 + 7875 * SEC, S, State::Closed)));
    assert!(states(&t).contains(&(SEC, C, State::Closed)));
}

#[test]
fn s14_keepalive_ten_probes_as_the_article_says() {
    let t = run(r#"{"client":{"crash_ms":1000},"server":{"keepalive":{"probes":10}}}"#);
    let last = t.from_side(S).last().unwrap();
    assert_eq!(last.sent_us, 150 * MS + (7200 + 10 * 75) * SEC);
    assert_eq!(
        t.from_side(S)
            .filter(|s| s.reason_code == "keepalive-probe")
            .count(),
        10
    );
}

#[test]
fn s14_keepalive_rebooted_client_answers_rst() {
    let t = run(r#"{"client":{"crash_ms":1000,"reboot":true},"server":{"keepalive":{}}}"#);
    let probe = t.from_side(S).nth(1).unwrap();
    let rst = t.from_side(C).last().unwrap();
    assert_eq!(rst.flags.to_string(), "[RST]");
    assert_eq!(rst.sent_us, probe.arrive_us.unwrap());
    assert_eq!(t.outcome.server.error, Some(Errno::ECONNRESET));
}

#[test]
fn s14_keepalive_live_client_answers_ack() {
    let t = run(r#"{"server":{"keepalive":{}},"duration_ms":20000000}"#);
    let probe = t.from_side(S).nth(1).unwrap();
    let answer = t.from_side(C).nth(2).unwrap();
    assert_eq!(answer.reason_code, "keepalive-ack");
    assert_eq!(answer.sent_us, probe.arrive_us.unwrap());
    // seq = the server's RCV.NXT, ack = the server's SND.NXT.
    assert_eq!((answer.rel_seq, answer.rel_ack), (1, 1));
    // The idle timer restarts: the next probe comes 7200 s after the answer arrived.
    let next = t.from_side(S).nth(2).unwrap();
    assert_eq!(next.sent_us, answer.arrive_us.unwrap() + 7200 * SEC);
    assert_eq!(t.outcome.server.state, State::Established);
}

// ---------------------------------------------------------------------
// Closing: Linux's three-segment close, the four-way one, TIME-WAIT
// ---------------------------------------------------------------------

/// A server that closes as soon as it reads end of file: Linux holds back
/// the ACK of the FIN (delayed ACK), so the server's FIN carries it: three
/// segments (kernel-check: close-at-once).
#[test]
fn a_server_closing_at_once_closes_in_three_segments() {
    let t = run(r#"{"client":{"close_ms":1000}}"#);
    let s = segments(&t);
    assert_eq!(s.len(), 6);
    assert_eq!(s[3], (SEC, C, "[FIN, ACK]", 1, 1, 0, Some(SEC + 50 * MS)));
    assert_eq!(
        s[4],
        (
            SEC + 50 * MS,
            S,
            "[FIN, ACK]",
            1,
            2,
            0,
            Some(SEC + 100 * MS)
        )
    );
    assert_eq!(
        s[5],
        (SEC + 100 * MS, C, "[ACK]", 2, 2, 0, Some(SEC + 150 * MS))
    );
    let tail: Vec<_> = states(&t).into_iter().skip(5).collect();
    assert_eq!(
        tail,
        vec![
            (SEC, C, State::FinWait1),
            (SEC + 50 * MS, S, State::CloseWait),
            (SEC + 50 * MS, S, State::LastAck),
            // FIN-WAIT-1 straight to TIME-WAIT: the FIN acks ours.
            (SEC + 100 * MS, C, State::FinWait2),
            (SEC + 100 * MS, C, State::TimeWait),
            (SEC + 150 * MS, S, State::Closed),
            // Linux TIME-WAIT is 60 s.
            (61 * SEC + 100 * MS, C, State::Closed),
        ]
    );
    // The delayed ACK was armed, then sent on the FIN.
    let delayed: Vec<_> = t
        .timers
        .iter()
        .filter(|r| r.timer == synack_sim::timer::TimerKind::DelayedAck)
        .map(|r| format!("{:?}", r.action))
        .collect();
    assert_eq!(delayed, ["Armed", "Cancelled"]);
}

/// A server whose application closes later: the ACK of the FIN goes when the
/// delayed-ACK timer fires, 40 ms on, and its FIN after: four segments
/// (kernel-check: close-late).
#[test]
fn four_way_close() {
    let t = run(r#"{"client":{"close_ms":1000},"server":{"close_on_eof":false,"close_ms":1500}}"#);
    let s = segments(&t);
    assert_eq!(s[3], (SEC, C, "[FIN, ACK]", 1, 1, 0, Some(SEC + 50 * MS)));
    assert_eq!(
        s[4],
        (SEC + 90 * MS, S, "[ACK]", 1, 2, 0, Some(SEC + 140 * MS))
    );
    assert_eq!(s[5], (1500 * MS, S, "[FIN, ACK]", 1, 2, 0, Some(1550 * MS)));
    assert_eq!(s[6], (1550 * MS, C, "[ACK]", 2, 2, 0, Some(1600 * MS)));
    let tail: Vec<_> = states(&t).into_iter().skip(5).collect();
    assert_eq!(
        tail,
        vec![
            (SEC, C, State::FinWait1),
            (SEC + 50 * MS, S, State::CloseWait),
            (SEC + 140 * MS, C, State::FinWait2),
            (1500 * MS, S, State::LastAck),
            (1550 * MS, C, State::TimeWait),
            (1600 * MS, S, State::Closed),
            (61 * SEC + 550 * MS, C, State::Closed),
        ]
    );
}

#[test]
fn time_wait_is_two_msl_under_rfc_timers() {
    let t = run(r#"{"timers":"rfc","client":{"close_ms":1000}}"#);
    assert_eq!(
        states(&t).last(),
        Some(&(241 * SEC + 100 * MS, C, State::Closed))
    );
}

#[test]
fn lost_data_is_retransmitted_after_the_rto() {
    // 100 ms RTT sample: Linux RTO = R + max(2R, 200 ms) = 300 ms.
    let t =
        run(r#"{"client":{"writes":[{"at_ms":500,"bytes":10}]},"drop":[{"dir":"c2s","nth":3}]}"#);
    let data: Vec<_> = t.from_side(C).filter(|s| s.len == 10).collect();
    assert_eq!(data.len(), 2);
    assert_eq!(data[1].sent_us, 800 * MS);
    assert!(data[1].retransmission);
    assert_eq!(t.from_side(S).last().unwrap().rel_ack, 11);
}

// ---------------------------------------------------------------------
// Other RFC rules
// ---------------------------------------------------------------------

#[test]
fn deliver_overrides_random_loss_for_one_segment() {
    let lossy = run(r#"{"c2s":{"loss":1}}"#);
    assert!(lossy.segments[0].lost);
    let t = run(r#"{"c2s":{"loss":1},"deliver":[{"dir":"c2s","nth":1}]}"#);
    assert!(!t.segments[0].lost, "the first SYN gets through");
    assert!(
        t.segments[2].lost,
        "the ACK (c2s #2) is still subject to loss"
    );
}

#[test]
fn same_config_same_trace() {
    let cfg = r#"{"seed":42,"c2s":{"delay_ms":30,"jitter_ms":20,"loss":0.3},
                 "s2c":{"delay_ms":70,"jitter_ms":5,"loss":0.3},"client":{"data":3000}}"#;
    assert_eq!(run(cfg), run(cfg));
    assert_ne!(
        run(cfg).outcome.client.isn,
        run(&cfg.replace("42", "43")).outcome.client.isn
    );
}

// ---------------------------------------------------------------------
// 12. Half-open discovery (Fig. 9)
// ---------------------------------------------------------------------

#[test]
fn s12_half_open_discovery() {
    let t = run(
        r#"{"client":{"isn":100,"crash_ms":1000,"reboot":true,"reconnect_ms":2000},"server":{"isn":300}}"#,
    );
    let s: Vec<_> = t
        .segments
        .iter()
        .skip(3)
        .map(|s| (s.sent_us, s.from, s.flags.to_string()))
        .collect();
    assert_eq!(
        s[0],
        (2 * SEC, C, "[SYN]".to_string()),
        "the rebooted client connects again"
    );
    assert_eq!(
        s[1],
        (2 * SEC + 50 * MS, S, "[ACK]".to_string()),
        "B answers the SYN with a challenge ACK"
    );
    assert_eq!(t.segments[4].reason_code, "challenge-ack-syn");
    // The challenge ACK carries B's old numbers: seq = B's SND.NXT, ack = B's RCV.NXT (= 101).
    assert_eq!(t.segments[4].ack, 101);
    assert_eq!(s[2], (2 * SEC + 100 * MS, C, "[RST]".to_string()));
    assert_eq!(t.segments[5].seq, 101, "RST seq = SEG.ACK");
    // B aborts; Linux retries the SYN at TCP_TIMEOUT_MIN, and the listener takes it.
    assert!(states(&t).contains(&(2 * SEC + 150 * MS, S, State::Closed)));
    assert_eq!(s[3].0, 2 * SEC + 102 * MS);
    assert_eq!(
        t.segments[6].reason.to_string(),
        "retransmission after RTO 2 ms (SYN retransmission timer)"
    );
    assert!(states(&t).contains(&(2 * SEC + 152 * MS, S, State::Listen)));
    assert_eq!(t.outcome.client.state, State::Established);
    assert_eq!(t.outcome.server.state, State::Established);
}

// ---------------------------------------------------------------------
// Why three and not two: the two-way thought experiment (reference §6)
// ---------------------------------------------------------------------

#[test]
fn two_way_old_duplicate_opens_a_connection_nobody_asked_for() {
    let cfg = FIG8.replace(
        r#""timers":"rfc","#,
        r#""timers":"rfc","protocol":"two-way","#,
    );
    let t = run(&cfg);
    // The stale SYN alone makes the server ESTABLISHED and accept() return.
    assert!(states(&t).contains(&(50 * MS, S, State::Established)));
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Accept && c.at_us == 50 * MS));
    // The client's RST then reaches an established connection: the application gets an error.
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.errno == Some(Errno::ECONNRESET) && c.at_us == 150 * MS));
    // No segment is ever a third ACK from the client.
    assert!(!t
        .from_side(C)
        .any(|s| s.reason_code == "complete-handshake"));
    // Three-way, the same stale SYN never got past SYN-RECEIVED.
    let three = run(FIG8);
    assert!(
        three
            .calls
            .iter()
            .filter(|c| c.call == Call::Accept)
            .count()
            == 1
    );
    assert!(three.calls.iter().all(|c| c.errno.is_none()));
}

#[test]
fn two_way_lost_syn_ack_deadlocks() {
    let t = run(r#"{"protocol":"two-way","drop":[{"dir":"s2c","nth":1}],
                  "server":{"writes":[{"at_ms":100,"bytes":100}]},"duration_ms":60000}"#);
    // The server believes it is connected and sends data from its ISN + 1 ...
    assert!(states(&t).contains(&(50 * MS, S, State::Established)));
    let data: Vec<_> = t.from_side(S).filter(|s| s.len == 100).collect();
    assert!(
        data.len() >= 3,
        "... and retransmits it, never acknowledged"
    );
    assert!(data.iter().all(|d| d.rel_seq == 1 && !d.lost));
    // The client never learns the server's ISN: it keeps sending SYNs and stays SYN-SENT.
    assert!(t.from_side(C).all(|s| s.flags.to_string() == "[SYN]"));
    assert!(t.states_of(C).all(|c| c.to == State::SynSent));
    // Every SYN draws only an ACK, which the client in SYN-SENT drops.
    assert!(
        t.from_side(S)
            .filter(|s| s.len == 0 && !s.flags.contains(synack_sim::Flags::SYN))
            .count()
            >= 5
    );
}

// ---------------------------------------------------------------------
// 16. Data on the SYN, without and with TCP Fast Open
// ---------------------------------------------------------------------

#[test]
fn s16_syn_data_without_fast_open_is_dropped_and_sent_again() {
    let t = run(r#"{"client":{"syn_data":100}}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 100, Some(50 * MS)),
            // Linux drops the data: the SYN-ACK acknowledges the SYN only.
            (50 * MS, S, "[SYN, ACK]", 0, 1, 0, Some(100 * MS)),
            // The client sends the 100 bytes again at seq 1.
            (100 * MS, C, "[PSH, ACK]", 1, 1, 100, Some(150 * MS)),
            (150 * MS, S, "[ACK]", 1, 101, 0, Some(200 * MS)),
        ]
    );
    assert_eq!(t.segments[1].reason_code, "synack-data-dropped");
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Recv && c.bytes == 100 && c.at_us == 150 * MS));
}

#[test]
fn s16_syn_data_with_a_fast_open_cookie_is_delivered_at_once() {
    let t = run(r#"{"client":{"syn_data":100,"fastopen_cookie":true},"server":{"fastopen":true}}"#);
    assert_eq!(
        segments(&t),
        vec![
            (0, C, "[SYN]", 0, 0, 100, Some(50 * MS)),
            (50 * MS, S, "[SYN, ACK]", 0, 101, 0, Some(100 * MS)),
            (100 * MS, C, "[ACK]", 101, 1, 0, Some(150 * MS)),
        ]
    );
    assert!(t.segments[0].options.unwrap().fast_open);
    // The server's application reads the data before the handshake has finished.
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Recv && c.bytes == 100 && c.at_us == 50 * MS));
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Accept && c.at_us == 50 * MS));
    assert_eq!(t.calls.iter().filter(|c| c.call == Call::Accept).count(), 1);
}

// ---------------------------------------------------------------------
// 15. SYN flood, backlog and SYN cookies (reference §7)
// ---------------------------------------------------------------------

const FLOOD: &str = r#"{"flood":{"syns":10000,"rate_per_s":2000},"client":{"connect_ms":500}"#;

#[test]
fn s15_a_syn_flood_fills_the_queue_and_turns_the_real_client_away() {
    let t = run(&format!(r#"{FLOOD},"server":{{"syncookies":false}}}}"#));
    let f = t.flood.as_ref().expect("flood aggregates");
    let last = f.timeline.last().unwrap();
    assert_eq!(last.arrived, 10_000);
    // Linux holds backlog + 1 (tcp-reference.md §7).
    assert_eq!(
        last.queued, 129,
        "the backlog's worth of spoofed SYNs, and one more, get a place"
    );
    assert_eq!(last.dropped, 10_000 - 129);
    assert_eq!(last.cookies, 0);
    assert!(
        f.timeline.iter().any(|p| p.queue == 129),
        "the queue fills up"
    );
    // The real client's SYNs are thrown away while the queue is full...
    let syns: Vec<_> = t
        .from_side(C)
        .filter(|s| s.flags.to_string() == "[SYN]")
        .collect();
    assert!(syns.len() >= 10);
    assert!(syns[..syns.len() - 1].iter().all(|s| s.discarded.is_some()));
    // ... until the spoofed requests time out (63 s after the first ones arrived).
    let joined = t
        .states
        .iter()
        .find(|c| c.endpoint == S && c.to == State::SynReceived)
        .unwrap();
    assert!(joined.at_us > 63 * SEC, "{}", joined.at_us);
    assert_eq!(t.outcome.client.state, State::Established);
}

#[test]
fn s15_syn_cookies_let_the_real_client_through_with_no_state_kept() {
    let t = run(&format!("{FLOOD}}}"));
    let f = t.flood.as_ref().unwrap();
    assert!(
        f.timeline.last().unwrap().cookies > 9000,
        "the overflow is answered with cookies"
    );
    let synack = t.from_side(S).next().unwrap();
    assert_eq!(synack.reason_code, "syn-cookie");
    assert_eq!(synack.sent_us, 550 * MS);
    // No state: the server stays in LISTEN and arms no SYN-ACK timer ...
    assert!(!t
        .timers
        .iter()
        .any(|r| r.endpoint == S && r.timer == synack_sim::timer::TimerKind::SynAckRetransmit));
    // ... until the ACK brings the cookie back: straight to ESTABLISHED.
    let st: Vec<_> = t.states_of(S).map(|c| (c.at_us, c.from, c.to)).collect();
    assert_eq!(st[1], (650 * MS, State::Listen, State::Established));
    assert_eq!(t.states_of(S).nth(1).unwrap().rule_code, "syn-cookie-ack");
    // The client's ack is the cookie + 1.
    assert_eq!(
        t.from_side(C).nth(1).unwrap().ack,
        synack.seq.wrapping_add(1)
    );
    // The cookie SYN-ACK carries timestamps like any SYN-ACK, and the
    // connection made from the cookie keeps them (Linux 6.18,
    // kernel-check's syn-cookie-final-ack-lost).
    assert!(synack.timestamps.is_some());
    assert!(t.segments.iter().all(|s| s.timestamps.is_some()));
    assert!(!t.truncated);
}

#[test]
fn s15_a_lost_cookie_ack_is_recovered_by_the_first_data() {
    // With cookies the server never retransmits: if the ACK is lost, the client's
    // first data segment, carrying the same ack, completes the connection.
    let t = run(
        r#"{"flood":{"syns":10000,"rate_per_s":2000},"drop":[{"dir":"c2s","nth":2}],
                  "client":{"connect_ms":500,"writes":[{"at_ms":800,"bytes":10}]}}"#,
    );
    assert_eq!(
        t.from_side(S)
            .filter(|s| s.reason_code == "syn-cookie")
            .count(),
        1,
        "never sent again"
    );
    let data = t.from_side(C).find(|s| s.len == 10).unwrap();
    assert!(t.states.iter().any(|c| c.endpoint == S
        && c.to == State::Established
        && c.at_us == data.arrive_us.unwrap()));
    assert!(t
        .calls
        .iter()
        .any(|c| c.endpoint == S && c.call == Call::Recv && c.bytes == 10));
}

// ---------------------------------------------------------------------
// Reordering: segments ahead of a gap are held (RFC 9293 §3.10.7.4)
// ---------------------------------------------------------------------

/// Bytes the server's application read, in total.
fn server_read(t: &Trace) -> u64 {
    t.calls
        .iter()
        .filter(|c| c.endpoint == S && c.call == Call::Recv)
        .map(|c| c.bytes)
        .sum()
}

#[test]
fn a_segment_after_a_lost_one_is_held_and_acknowledged_with_it() {
    // 3000 bytes: 1460 (on the third segment), 1460 (lost), 80.
    let t = run(r#"{"client":{"data":3000},"drop":[{"dir":"c2s","nth":3}]}"#);
    let acks: Vec<(u32, &str)> = t
        .from_side(S)
        .filter(|s| s.len == 0 && s.rel_ack > 1)
        .map(|s| (s.rel_ack, s.reason_code))
        .collect();
    assert_eq!(
        acks,
        [
            (1461, "ack-data"),
            (1461, "ack-out-of-order"),
            (3001, "ack-data"),
        ],
        "the duplicate ACK names the gap; the retransmission fills it and one ACK covers all"
    );
    let rtx: Vec<u32> = t
        .from_side(C)
        .filter(|s| s.retransmission)
        .map(|s| s.rel_seq)
        .collect();
    assert_eq!(rtx, [1461], "only the lost segment is sent again");
    assert_eq!(server_read(&t), 3000);
    let last_read = t
        .calls
        .iter()
        .rfind(|c| c.endpoint == S && c.call == Call::Recv);
    assert_eq!(
        last_read.map(|c| c.bytes),
        Some(1540),
        "one read() returns both"
    );
}

#[test]
fn jitter_reorders_a_burst_without_retransmissions() {
    let t = run(r#"{"client":{"data":140000},"c2s":{"jitter_ms":3}}"#);
    let arrivals: Vec<u64> = t
        .from_side(C)
        .filter(|s| s.len > 0)
        .filter_map(|s| s.arrive_us)
        .collect();
    assert!(
        arrivals.windows(2).any(|w| w[1] < w[0]),
        "the jitter does reorder the burst"
    );
    assert!(t.segments.iter().all(|s| !s.retransmission));
    assert_eq!(server_read(&t), 140_000);
    assert!(t.end_us < SEC, "done in {} µs", t.end_us);
}

#[test]
fn a_fin_ahead_of_a_gap_is_held_until_the_gap_fills() {
    // SYN, 1460 bytes, 540 bytes (lost), FIN: the FIN arrives first.
    let t = run(r#"{"client":{"data":2000,"close_ms":100},"drop":[{"dir":"c2s","nth":3}]}"#);
    let fin = t
        .from_side(C)
        .find(|s| s.flags.contains(synack_sim::Flags::FIN))
        .unwrap();
    let close_wait = t
        .states
        .iter()
        .find(|c| c.endpoint == S && c.to == State::CloseWait)
        .expect("the server sees the FIN");
    let rtx = t.from_side(C).find(|s| s.retransmission).unwrap();
    assert!(fin.arrive_us.unwrap() < rtx.sent_us);
    assert_eq!(
        Some(close_wait.at_us),
        rtx.arrive_us,
        "CLOSE-WAIT when the retransmission fills the gap, not when the FIN arrives"
    );
    assert_eq!(server_read(&t), 2000);
}

#[test]
fn data_in_flight_stays_within_the_peers_window() {
    // The server offers 65160 bytes: 44 segments of 1460 fit, the 45th waits
    // for the first ACK to reach the client.
    let t = run(r#"{"client":{"data":140000}}"#);
    let data: Vec<_> = t.from_side(C).filter(|s| s.len > 0).collect();
    let first_flight = data.iter().filter(|s| s.sent_us == 100 * MS).count();
    assert_eq!(first_flight, 44);
    let first_ack = t.from_side(S).find(|s| s.rel_ack > 1).unwrap();
    assert_eq!(Some(data[44].sent_us), first_ack.arrive_us);
    assert_eq!(server_read(&t), 140_000);
    assert!(t.segments.iter().all(|s| !s.retransmission));
}

/// Keepalive every second on both sides for ten days, with the most events
/// allowed: the run stops at the trace's segment limit and says so, so one
/// call cannot hold a page for seconds (issue 13).
#[test]
fn a_run_stops_at_its_segment_limit_and_says_so() {
    let t = run(r#"{"duration_ms":864000000,"max_events":1000000,
            "client":{"keepalive":{"idle_s":1,"interval_s":1,"probes":9}},
            "server":{"keepalive":{"idle_s":1,"interval_s":1,"probes":9}}}"#);
    assert_eq!(t.segments.len(), synack_sim::config::MAX_SEGMENTS);
    assert!(t.truncated);
}

#[test]
fn data_beyond_a_gap_is_reported_by_sack_blocks_and_a_repeat_by_a_dsack() {
    // Three segments of data; the second is lost, then both ACKs too, so
    // the first comes again as well.
    let t = run(
        r#"{"client":{"data":4380},"drop":[{"dir":"c2s","nth":3},{"dir":"s2c","nth":2},{"dir":"s2c","nth":3}],"duration_ms":3000}"#,
    );
    let isn = t.segments[0].seq;
    let rel =
        |b: &synack_sim::segment::SackBlock| (b.left.wrapping_sub(isn), b.right.wrapping_sub(isn));
    let acks: Vec<_> = t
        .segments
        .iter()
        .filter(|s| s.from == S && s.len == 0 && !s.flags.contains(synack_sim::Flags::SYN))
        .map(|s| {
            (
                s.rel_ack,
                s.sack.as_slice().iter().map(rel).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(acks[0], (1461, vec![]), "in order: no block");
    assert_eq!(
        acks[1],
        (1461, vec![(2921, 4381)]),
        "the third segment, beyond the gap"
    );
    // The repeat of the first segment: a D-SACK in front, then the block.
    assert_eq!(acks[2], (1461, vec![(1, 1461), (2921, 4381)]));
    // The gap filled: everything is acknowledged, no block is left.
    assert_eq!(acks[3], (4381, vec![]));
    // tcpdump shows the blocks as it shows the ACK: relative.
    let line = t
        .segments
        .iter()
        .find(|s| s.sack.as_slice().len() == 1)
        .unwrap()
        .tcpdump(true);
    assert!(
        line.contains(",nop,nop,sack 1 {2921:4381}], length 0"),
        "{line}"
    );
    // Timestamps echo the latest in-order segment's TSval (RFC 7323 §4.3).
    let data = t
        .segments
        .iter()
        .find(|s| s.from == C && s.len > 0)
        .unwrap();
    let first_ack = t
        .segments
        .iter()
        .find(|s| s.from == S && s.rel_ack == 1461)
        .unwrap();
    assert_eq!(
        first_ack.timestamps.unwrap().tsecr,
        data.timestamps.unwrap().tsval
    );
}

#[test]
fn syncookies_always_answers_every_syn_with_a_cookie_and_keeps_nothing() {
    // tcp_syncookies = 2, the final ACK lost: no SYN-ACK is repeated (no
    // request was kept); the data 1.5 s later returns the cookie and opens.
    let t = run(
        r#"{"server":{"syncookies":"always"},"client":{"writes":[{"at_ms":1500,"bytes":100}]},"drop":[{"dir":"c2s","nth":2}],"duration_ms":3000}"#,
    );
    assert_eq!(t.segments[1].reason_code, "syn-cookie-always");
    assert!(
        t.segments[1].timestamps.is_some(),
        "a cookie SYN-ACK keeps TS"
    );
    let server_timers = t.timers.iter().filter(|r| r.endpoint == S).count();
    assert_eq!(server_timers, 0, "no request, no SYN-ACK timer");
    assert_eq!(
        states(&t)
            .iter()
            .filter(|s| s.1 == S)
            .map(|s| s.2)
            .collect::<Vec<_>>(),
        [State::Listen, State::Established]
    );
    assert_eq!(t.states.last().unwrap().rule_code, "syn-cookie-ack");
    assert_eq!(t.segments.len(), 5);
    let bad =
        serde_json::from_str::<synack_sim::Config>(r#"{"server":{"syncookies":"sometimes"}}"#);
    assert!(bad
        .unwrap_err()
        .to_string()
        .contains("true, false or \"always\""));
}
