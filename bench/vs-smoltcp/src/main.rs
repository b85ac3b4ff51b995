//! Clean handshakes per second: synack's `simulate()` (the whole trace
//! recorded) against smoltcp completing handshakes between two of its
//! sockets over its loopback device. Alternating rounds, same machine,
//! one process; prints each and the ratio.
//! Usage: vs-smoltcp [handshakes] [rounds] [synack]
use smoltcp::iface::{Config, Interface, SocketSet};
use smoltcp::phy::{Loopback, Medium};
use smoltcp::socket::tcp;
use smoltcp::time::Instant as SmolInstant;
use smoltcp::wire::{HardwareAddress, IpAddress, IpCidr};
use std::hint::black_box;
use std::time::Instant;

/// synack: `n` clean handshakes, each a whole run with its trace.
fn synack(n: u64) -> f64 {
    let mut cfg = synack_sim::Config::default();
    let start = Instant::now();
    for seed in 0..n {
        cfg.seed = seed;
        let t = synack_sim::simulate(&cfg).expect("valid config");
        assert_eq!(t.segments.len(), 3);
        black_box(t);
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// smoltcp: `n` handshakes between a listening and a connecting socket on
/// one interface over its loopback device, fresh sockets each time.
fn smoltcp(n: u64) -> f64 {
    let mut device = Loopback::new(Medium::Ip);
    let mut iface = Interface::new(
        Config::new(HardwareAddress::Ip),
        &mut device,
        SmolInstant::from_millis(0),
    );
    iface.update_ip_addrs(|a| {
        a.push(IpCidr::new(IpAddress::v4(127, 0, 0, 1), 8)).unwrap();
    });
    let mut sockets = SocketSet::new(Vec::with_capacity(2));
    let buffer = || tcp::SocketBuffer::new(vec![0u8; 1024]);
    let start = Instant::now();
    for i in 0..n {
        let now = SmolInstant::from_millis(i as i64);
        let server = sockets.add(tcp::Socket::new(buffer(), buffer()));
        let client = sockets.add(tcp::Socket::new(buffer(), buffer()));
        sockets.get_mut::<tcp::Socket>(server).listen(1234).unwrap();
        let port = 49152 + (i % 16000) as u16;
        sockets
            .get_mut::<tcp::Socket>(client)
            .connect(iface.context(), (IpAddress::v4(127, 0, 0, 1), 1234), port)
            .unwrap();
        let mut polls = 0;
        loop {
            iface.poll(now, &mut device, &mut sockets);
            let up = |h| sockets.get::<tcp::Socket>(h).state() == tcp::State::Established;
            if up(client) && up(server) {
                break;
            }
            polls += 1;
            assert!(polls < 100, "smoltcp's handshake did not complete");
        }
        sockets.remove(server);
        sockets.remove(client);
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let rounds: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    // `synack` alone, for a profiler (perf record … vs-smoltcp N 1 synack).
    if args.next().as_deref() == Some("synack") {
        println!("  synack {:.2} M handshakes/s", synack(n) / 1e6);
        return;
    }
    let (mut best_synack, mut best_smol) = (0f64, 0f64);
    for round in 1..=rounds {
        let (a, b) = (synack(n), smoltcp(n));
        println!(
            "  round {round}: synack {:.2} M handshakes/s, smoltcp {:.2} M/s",
            a / 1e6,
            b / 1e6
        );
        best_synack = best_synack.max(a);
        best_smol = best_smol.max(b);
    }
    println!(
        "  best of {rounds}: synack {:.2} M/s, smoltcp {:.2} M/s, ratio {:.2}",
        best_synack / 1e6,
        best_smol / 1e6,
        best_synack / best_smol
    );
}
