//! Reading captures: a generated file of many connections (one SYN each, as
//! a SYN flood or a port scan leaves) and one of one long connection. Prints
//! seconds per 100,000 connections and per million packets. Run by
//! scripts/bench.sh (a benchmark, not a test); `--write FILE N` writes the
//! many-connection file with N connections, for the page's benchmark.
use std::time::Instant;

/// A classic pcap of raw IPv4 packets (link type 101): `n` SYNs from as
/// many source ports and addresses, or `n` data segments of one connection.
fn capture(n: u32, one_connection: bool) -> Vec<u8> {
    let mut f = Vec::with_capacity(24 + n as usize * 56);
    for w in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, 101] {
        f.extend_from_slice(&w.to_le_bytes());
    }
    // The version/minor pair above is two u16s: 2, 4 little-endian.
    f[4..8].copy_from_slice(&[2, 0, 4, 0]);
    for i in 0..n {
        let (src, sport, flags, seq) = if one_connection {
            ([10, 0, 0, 1], 40000u16, 0x18u8, 1 + i * 100)
        } else {
            (
                [10, (i >> 16) as u8, (i >> 8) as u8, i as u8],
                1024 + (i % 60000) as u16,
                0x02,
                i,
            )
        };
        let mut ip = vec![0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0];
        ip.extend_from_slice(&src);
        ip.extend_from_slice(&[10, 255, 255, 254]);
        let mut tcp = Vec::new();
        tcp.extend_from_slice(&sport.to_be_bytes());
        tcp.extend_from_slice(&80u16.to_be_bytes());
        tcp.extend_from_slice(&seq.to_be_bytes());
        tcp.extend_from_slice(&0u32.to_be_bytes());
        tcp.extend_from_slice(&[0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
        let packet = [ip, tcp].concat();
        for w in [
            i / 1000,
            (i % 1000) * 1000,
            packet.len() as u32,
            packet.len() as u32,
        ] {
            f.extend_from_slice(&w.to_le_bytes());
        }
        f.extend_from_slice(&packet);
    }
    f
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--write") {
        let n = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100_000);
        std::fs::write(&args[2], capture(n, false)).expect("write the capture");
        return;
    }
    println!("capture import (native, classic pcap of raw IPv4):");
    for (n, one) in [(100_000, false), (300_000, false), (1_000_000, true)] {
        let bytes = capture(n, one);
        let start = Instant::now();
        let cap = synack_sim::import::read(&bytes).expect("a capture");
        let secs = start.elapsed().as_secs_f64();
        let size = bytes.len() as f64 / 1e6;
        let per_million = secs * 1e6 / cap.packets as f64;
        if one {
            println!("  {n} packets of one connection ({size:.1} MB): {secs:.3} s, {per_million:.3} s per million packets");
        } else {
            println!(
                "  {} connections, one SYN each ({size:.1} MB): {secs:.3} s, {:.3} s per 100,000 connections",
                cap.streams.len(),
                secs * 100_000.0 / cap.streams.len() as f64
            );
        }
    }
}
