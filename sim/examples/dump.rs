//! Print a run as tcpdump lines plus states: `cargo run -p synack-sim --example dump -- '{"seed":3}'`.
fn main() {
    let json = std::env::args().nth(1).unwrap_or_else(|| "{}".into());
    let cfg: synack_sim::Config = serde_json::from_str(&json).expect("config JSON");
    let trace = synack_sim::simulate(&cfg).expect("valid config");
    for s in &trace.segments {
        let fate = match s.arrive_us {
            Some(t) => format!("arrives {}", synack_sim::Instant(t)),
            None => "LOST".into(),
        };
        println!("#{:<3} {}  [{fate}] {}", s.id, s.tcpdump(true), s.reason);
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
