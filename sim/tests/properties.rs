//! Properties over random configurations: determinism, termination, no
//! acknowledgment of unsent bytes, and only RFC 9293 state transitions.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::HashMap;
use synack_sim::config::{Config, DropRule, KeepaliveConfig, LinkConfig, Write};
use synack_sim::{simulate, Dir, Flags, Preset, Side, State};

fn link() -> impl Strategy<Value = LinkConfig> {
    (
        0.0..400.0f64,
        0.0..80.0f64,
        prop_oneof![Just(0.0), 0.0..0.7f64],
    )
        .prop_map(|(delay_ms, jitter_ms, loss)| LinkConfig {
            delay_ms,
            jitter_ms,
            loss,
        })
}

prop_compose! {
    fn config()(
        seed in any::<u32>(),
        rfc in any::<bool>(),
        c2s in link(),
        s2c in link(),
        drops in proptest::collection::vec((any::<bool>(), 1u32..12), 0..4),
        data in prop_oneof![Just(0u32), 1u32..5000],
        write in proptest::option::of((0.0..3000.0f64, 1u32..3000)),
        client_close in proptest::option::of(0.0..5000.0f64),
        server_close in proptest::option::of(0.0..5000.0f64),
        listening in prop_oneof![9 => Just(true), 1 => Just(false)],
        simultaneous in prop_oneof![9 => Just(false), 1 => Just(true)],
        keepalive in any::<bool>(),
        crash in proptest::option::of((0.0..2000.0f64, any::<bool>())),
    ) -> Config {
        let mut c = Config { seed: u64::from(seed), c2s, s2c, ..Config::default() };
        c.timers = if rfc { Preset::Rfc } else { Preset::Linux };
        c.drop = drops.into_iter().map(|(up, nth)| DropRule { dir: if up { Dir::C2s } else { Dir::S2c }, nth }).collect();
        c.client.data = data;
        c.client.writes = write.map(|(at_ms, bytes)| vec![Write { at_ms, bytes }]).unwrap_or_default();
        c.client.close_ms = client_close;
        c.server.close_ms = server_close;
        c.server.listening = listening;
        if simultaneous { c.server.connect_ms = Some(0.0); }
        if keepalive { c.server.keepalive = Some(KeepaliveConfig { idle_s: 60.0, interval_s: 10.0, probes: 3 }); }
        if let Some((at, reboot)) = crash { c.client.crash_ms = Some(at); c.client.reboot = reboot; }
        c.duration_ms = 400_000.0;
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn same_config_gives_same_trace(cfg in config()) {
        prop_assert_eq!(simulate(&cfg).unwrap(), simulate(&cfg).unwrap());
    }

    #[test]
    fn every_run_ends(cfg in config()) {
        let t = simulate(&cfg).unwrap();
        prop_assert!(t.events_processed <= cfg.max_events);
        prop_assert!(t.end_us <= (cfg.duration_ms * 1000.0) as u64);
        for s in &t.segments {
            prop_assert_eq!(s.lost, s.arrive_us.is_none());
            if let Some(a) = s.arrive_us { prop_assert!(a >= s.sent_us); }
        }
    }

    #[test]
    fn no_ack_acknowledges_a_byte_never_sent(cfg in config()) {
        let t = simulate(&cfg).unwrap();
        // Highest sequence number each side had sent (in relative numbers) up to each moment.
        for s in t.segments.iter().filter(|s| s.flags.contains(Flags::ACK) && !s.injected) {
            let peer = match s.from { Side::Client => Side::Server, Side::Server => Side::Client };
            let sent_end = t.segments.iter()
                .filter(|p| p.from == peer && !p.injected && p.sent_us <= s.sent_us)
                .map(|p| p.rel_seq.wrapping_add(p.len + u32::from(p.flags.contains(Flags::SYN)) + u32::from(p.flags.contains(Flags::FIN))))
                .max_by_key(|end| *end as i32);
            let Some(end) = sent_end else { continue };
            prop_assert!((s.rel_ack.wrapping_sub(end) as i32) <= 0,
                "segment {} from {:?} acks {} but the peer had sent only up to {}", s.id, s.from, s.rel_ack, end);
        }
    }

    #[test]
    fn states_change_only_along_rfc_transitions(cfg in config()) {
        let t = simulate(&cfg).unwrap();
        let mut current: HashMap<Side, State> = HashMap::new();
        for ch in &t.states {
            let from = *current.get(&ch.endpoint).unwrap_or(&State::Closed);
            prop_assert_eq!(ch.from, from, "state changes chain");
            prop_assert!(ch.from.can_move_to(ch.to), "{} -> {} is not an RFC transition", ch.from, ch.to);
            current.insert(ch.endpoint, ch.to);
        }
        for (side, outcome) in [(Side::Client, &t.outcome.client), (Side::Server, &t.outcome.server)] {
            prop_assert_eq!(outcome.state, *current.get(&side).unwrap_or(&State::Closed));
        }
    }
}
