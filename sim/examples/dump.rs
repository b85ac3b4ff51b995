//! Print a run as tcpdump lines plus states:
//! `cargo run -p synack-sim --example dump -- '{"seed":3}'`, or a capture
//! file's first connection as the page imports it:
//! `cargo run -p synack-sim --example dump -- tests/fixtures/linux-syn-ack-lost.pcap`.
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "{}".into());
    let trace = if arg.ends_with(".pcap") || arg.ends_with(".pcapng") {
        let bytes = std::fs::read(&arg).expect("a readable capture");
        let cap = synack_sim::import::read(&bytes).expect("a capture");
        let stream = &cap.streams[0];
        println!(
            "{}: {:?}",
            stream.name(),
            synack_sim::import::vantage(stream)
        );
        synack_sim::import::trace(stream)
    } else {
        let cfg: synack_sim::Config = serde_json::from_str(&arg).expect("config JSON");
        synack_sim::simulate(&cfg).expect("valid config")
    };
    for s in &trace.segments {
        let fate = match (s.arrive_us, s.lost) {
            (_, true) => "LOST".to_string(),
            (Some(t), _) => format!("arrives {}", synack_sim::Instant(t)),
            (None, _) => "not seen to arrive".into(),
        };
        println!(
            "#{:<3} {}  [{fate}] {}",
            s.id + 1,
            s.tcpdump(true),
            s.reason
        );
    }
    for st in &trace.states {
        println!(
            "{} {:?} {} -> {}  ({})",
            synack_sim::Instant(st.at_us),
            st.endpoint,
            st.from,
            st.to,
            st.rule
        );
    }
    for c in &trace.calls {
        println!(
            "{} {:?} {:?} {:?} {:?} {}",
            synack_sim::Instant(c.at_us),
            c.endpoint,
            c.call,
            c.result,
            c.errno,
            c.bytes
        );
    }
    println!(
        "outcome: {:?}  end {} events {}",
        trace.outcome,
        synack_sim::Instant(trace.end_us),
        trace.events_processed
    );
}
