//! Throughput of the simulator: 10,000 handshakes over lossy, jittery links,
//! each with data and a close. Run by scripts/bench.sh (a benchmark, not a test).
use std::time::Instant;
use synack_sim::config::{Config, LinkConfig};

fn main() {
    let runs: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let link = LinkConfig {
        delay_ms: 40.0,
        jitter_ms: 15.0,
        loss: 0.2,
    };
    let mut cfg = Config {
        c2s: link.clone(),
        s2c: link,
        ..Config::default()
    };
    cfg.client.data = 4000;
    cfg.client.close_ms = Some(5000.0);
    cfg.duration_ms = 600_000.0;
    let (mut segments, mut events) = (0u64, 0u64);
    let start = Instant::now();
    for seed in 0..runs {
        cfg.seed = seed;
        let t = synack_sim::simulate(&cfg).expect("valid config");
        segments += t.segments.len() as u64;
        events += u64::from(t.events_processed);
    }
    let secs = start.elapsed().as_secs_f64();
    println!("native simulation: {runs} handshakes (20% loss each way, 4000 bytes, close)");
    println!("  {segments} segments, {events} events in {secs:.3} s");
    println!(
        "  {:.0} segments/s, {:.0} events/s, {:.1} µs per handshake",
        segments as f64 / secs,
        events as f64 / secs,
        secs * 1e6 / runs as f64
    );
}
