//! Print how a capture file imports: `cargo run -p synack-sim --example import_dump -- file.pcap`.
fn main() {
    let path = std::env::args().nth(1).expect("a capture file");
    let bytes = std::fs::read(&path).expect("readable");
    let cap = synack_sim::import::read(&bytes).expect("a capture");
    println!(
        "{} packets, {} streams, truncated: {}",
        cap.packets,
        cap.streams.len(),
        cap.truncated
    );
    for (i, stream) in cap.streams.iter().enumerate() {
        let t = synack_sim::import::trace(stream);
        println!("stream {i}: {:?}", synack_sim::import::vantage(stream));
        for s in &t.segments {
            let fate = match (s.arrive_us, s.lost) {
                (_, true) => "LOST".to_string(),
                (Some(a), _) => format!("arrives {}", synack_sim::Instant(a)),
                (None, _) => "unknown".into(),
            };
            println!(
                "#{:<3} {}  [{fate}] {}",
                s.id + 1,
                s.tcpdump(true),
                s.reason
            );
        }
        for c in &t.states {
            println!(
                "  {} {:?} {} -> {} ({})",
                synack_sim::Instant(c.at_us),
                c.endpoint,
                c.from,
                c.to,
                c.rule
            );
        }
    }
}
