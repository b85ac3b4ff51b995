//! The article's lessons as scenarios: a stable name (for `?scenario=`), a
//! title (its words in the catalogs), and a preset config that stays editable.
//! Behaviour always comes from the simulator. The narrative that advances
//! with the run, and the note where the article is imprecise, are the
//! scenario's lesson (`crate::lesson`, `static/lessons/<name>.json`).

use crate::i18n::{Lang, Strings};
use synack_sim::config::{
    DropRule, FloodConfig, HoldRule, Inject, KeepaliveConfig, Protocol, Write,
};
use synack_sim::{Config, Dir, Preset};

/// Which of the catalog's words a scenario shows (`i18n::catalog`).
pub type Words = fn(&Strings) -> &'static str;

/// Those words in `lang`.
pub fn say(lang: Lang, words: Words) -> &'static str {
    words(lang.s())
}

/// A second run drawn beside the first, on the same clock.
pub struct Compare {
    /// Labels over the scenario's own run and over the other one.
    pub this: Words,
    pub other: Words,
    pub config: fn() -> Config,
}

pub struct Scenario {
    pub name: &'static str,
    pub title: Words,
    pub compare: Option<Compare>,
    /// Show absolute sequence numbers (the article's example uses them).
    pub absolute: bool,
    pub config: fn() -> Config,
}

fn drop(dir: Dir, nth: u32) -> DropRule {
    DropRule { dir, nth }
}

/// RFC 9293 Fig. 8: ISS 100, an old SYN 90 in the network, the new SYN held back.
fn fig8() -> Config {
    Config {
        timers: Preset::Rfc,
        client: synack_sim::config::ClientConfig {
            isn: Some(100),
            ..Default::default()
        },
        server: synack_sim::config::ServerConfig {
            isn: Some(300),
            ..Default::default()
        },
        inject: vec![Inject {
            at_ms: 0.0,
            dir: Dir::C2s,
            flags: vec!["SYN".into()],
            seq: -10,
            ack: 0,
            len: 0,
        }],
        hold: vec![HoldRule {
            dir: Dir::C2s,
            nth: 1,
            extra_ms: 200.0,
        }],
        ..Config::default()
    }
}

fn two_way(mut c: Config) -> Config {
    c.protocol = Protocol::TwoWay;
    c
}

/// A lost SYN-ACK, with the server writing 100 bytes once it believes it is connected.
fn syn_ack_lost_server_writes() -> Config {
    let mut c = Config {
        drop: vec![drop(Dir::S2c, 1)],
        ..Config::default()
    };
    c.server.writes = vec![Write {
        at_ms: 100.0,
        bytes: 100,
    }];
    c
}

/// 10,000 spoofed SYNs at 2,000 a second; the real client connects at 0.5 s.
fn flood(syncookies: bool) -> Config {
    let mut c = Config {
        flood: Some(FloodConfig::default()),
        ..Config::default()
    };
    c.client.connect_ms = 500.0;
    c.server.syncookies = syncookies.into();
    c
}

fn keepalive_dead() -> Config {
    let mut c = Config::default();
    c.client.crash_ms = Some(1000.0);
    c.server.keepalive = Some(KeepaliveConfig::default());
    c
}

pub const ALL: &[Scenario] = &[
    Scenario {
        name: "handshake",
        title: |s| s.scenario_handshake,
        absolute: false,
        compare: None,
        config: Config::default,
    },
    Scenario {
        name: "syn-lost",
        title: |s| s.scenario_syn_lost,
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::C2s, 1)],
            ..Config::default()
        },
    },
    Scenario {
        name: "syn-ack-lost",
        title: |s| s.scenario_syn_ack_lost,
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::S2c, 1)],
            ..Config::default()
        },
    },
    Scenario {
        name: "final-ack-lost",
        title: |s| s.scenario_final_ack_lost,
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::C2s, 2)],
            ..Config::default()
        },
    },
    Scenario {
        name: "final-ack-lost-data",
        title: |s| s.scenario_final_ack_lost_data,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config {
                drop: vec![drop(Dir::C2s, 2)],
                ..Config::default()
            };
            c.client.writes = vec![Write {
                at_ms: 200.0,
                bytes: 50,
            }];
            c
        },
    },
    Scenario {
        name: "unreachable",
        title: |s| s.scenario_unreachable,
        absolute: false,
        compare: None,
        config: || Config {
            c2s: synack_sim::config::LinkConfig {
                loss: 1.0,
                ..Default::default()
            },
            ..Config::default()
        },
    },
    Scenario {
        name: "closed-port",
        title: |s| s.scenario_closed_port,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.server.listening = false;
            c
        },
    },
    Scenario {
        name: "keepalive-dead-client",
        title: |s| s.scenario_keepalive_dead_client,
        absolute: false,
        compare: None,
        config: keepalive_dead,
    },
    Scenario {
        name: "keepalive-ten-probes",
        title: |s| s.scenario_keepalive_ten_probes,
        absolute: false,
        compare: None,
        config: || {
            let mut c = keepalive_dead();
            c.server.keepalive = Some(KeepaliveConfig {
                probes: 10,
                ..KeepaliveConfig::default()
            });
            c
        },
    },
    Scenario {
        name: "keepalive-rebooted-client",
        title: |s| s.scenario_keepalive_rebooted_client,
        absolute: false,
        compare: None,
        config: || {
            let mut c = keepalive_dead();
            c.client.reboot = true;
            c
        },
    },
    Scenario {
        name: "keepalive-live-client",
        title: |s| s.scenario_keepalive_live_client,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.server.keepalive = Some(KeepaliveConfig::default());
            c
        },
    },
    Scenario {
        name: "byte-counting",
        title: |s| s.scenario_byte_counting,
        absolute: true,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.isn = Some(999);
            c.client.data = 1000;
            c
        },
    },
    Scenario {
        name: "simultaneous-open",
        title: |s| s.scenario_simultaneous_open,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.server.listening = false;
            c.server.connect_ms = Some(0.0);
            c
        },
    },
    Scenario {
        name: "old-duplicate-syn",
        title: |s| s.scenario_old_duplicate_syn,
        absolute: true,
        compare: None,
        config: fig8,
    },
    Scenario {
        name: "two-way-old-duplicate",
        title: |s| s.scenario_two_way_old_duplicate,
        absolute: true,
        compare: Some(Compare {
            this: |s| s.compare_two_way,
            other: |s| s.compare_three_way,
            config: fig8,
        }),
        config: || two_way(fig8()),
    },
    Scenario {
        name: "two-way-syn-ack-lost",
        title: |s| s.scenario_two_way_syn_ack_lost,
        absolute: false,
        compare: Some(Compare {
            this: |s| s.compare_two_way,
            other: |s| s.compare_three_way,
            config: syn_ack_lost_server_writes,
        }),
        config: || two_way(syn_ack_lost_server_writes()),
    },
    Scenario {
        name: "half-open-discovery",
        title: |s| s.scenario_half_open_discovery,
        absolute: true,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.isn = Some(100);
            c.server.isn = Some(300);
            c.client.crash_ms = Some(1000.0);
            c.client.reboot = true;
            c.client.reconnect_ms = Some(2000.0);
            c
        },
    },
    Scenario {
        name: "rst-syn-received",
        title: |s| s.scenario_rst_syn_received,
        absolute: true,
        compare: None,
        config: fig8,
    },
    Scenario {
        name: "syn-data",
        title: |s| s.scenario_syn_data,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.syn_data = 100;
            c
        },
    },
    Scenario {
        name: "syn-flood",
        title: |s| s.scenario_syn_flood,
        absolute: false,
        compare: None,
        config: || flood(false),
    },
    Scenario {
        name: "syn-cookies",
        title: |s| s.scenario_syn_cookies,
        absolute: false,
        compare: None,
        config: || flood(true),
    },
    Scenario {
        name: "fast-open",
        title: |s| s.scenario_fast_open,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.syn_data = 100;
            c.client.fastopen_cookie = true;
            c.server.fastopen = true;
            c
        },
    },
    Scenario {
        name: "four-way-close",
        title: |s| s.scenario_four_way_close,
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.close_ms = Some(1000.0);
            // Four segments when the server's application closes after the
            // delayed ACK has gone; at once on end of file it is three (the
            // lesson's note).
            c.server.close_on_eof = false;
            c.server.close_ms = Some(1500.0);
            c
        },
    },
];

pub fn find(name: &str) -> Option<&'static Scenario> {
    ALL.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use crate::lesson::{self, At};
    use synack_sim::trace::Trace;
    use synack_sim::{simulate, Side, State};

    fn run(name: &str) -> Trace {
        simulate(&(find(name).expect("scenario exists").config)()).expect("valid config")
    }

    fn flags(t: &Trace) -> Vec<String> {
        t.segments
            .iter()
            .map(|s| format!("{}{}", s.from.name().chars().next().unwrap(), s.flags))
            .collect()
    }

    #[test]
    fn names_are_unique_and_url_safe() {
        for (i, s) in ALL.iter().enumerate() {
            assert!(
                s.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                s.name
            );
            assert!(
                ALL[i + 1..].iter().all(|o| o.name != s.name),
                "{} twice",
                s.name
            );
        }
    }

    // The lesson files are read from the source tree, natively.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_scenario_has_a_lesson_whose_beats_point_at_segments_that_exist() {
        for s in ALL {
            let lesson =
                lesson::bundled(s.name, Lang::En).unwrap_or_else(|e| panic!("{}: {e}", s.name));
            // The same beats at the same moments, and a note, in every language.
            let zh =
                lesson::bundled(s.name, Lang::Zh).unwrap_or_else(|e| panic!("{}: {e}", s.name));
            let moments = |l: &lesson::Lesson| l.beats.iter().map(|b| b.at).collect::<Vec<_>>();
            assert_eq!(moments(&lesson), moments(&zh), "{}", s.name);
            assert_eq!(lesson.note.is_some(), zh.note.is_some(), "{}", s.name);
            let t = simulate(&(s.config)()).unwrap();
            for b in lesson.beats.iter().chain(&zh.beats) {
                assert!(!b.text.trim().is_empty(), "{}", s.name);
                if let At::Sent(n) | At::Arrived(n) = b.at {
                    assert!(
                        n < t.segments.len(),
                        "{}: beat at segment {n} of {}",
                        s.name,
                        t.segments.len()
                    );
                }
            }
        }
    }

    #[test]
    fn handshake() {
        let t = run("handshake");
        assert_eq!(flags(&t), ["c[SYN]", "s[SYN, ACK]", "c[ACK]"]);
    }

    #[test]
    fn lost_segments() {
        let t = run("syn-lost");
        assert_eq!(flags(&t), ["c[SYN]", "c[SYN]", "s[SYN, ACK]", "c[ACK]"]);
        assert_eq!(t.segments[1].sent_us, 1_000_000);
        let t = run("syn-ack-lost");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[SYN]", "s[SYN, ACK]", "c[ACK]"]
        );
        assert!(t.segments[1].lost && t.segments[3].retransmission);
        let t = run("final-ack-lost");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[ACK]", "s[SYN, ACK]", "c[ACK]"]
        );
        assert_eq!(t.segments[3].sent_us, 1_050_000);
        let t = run("final-ack-lost-data");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[ACK]", "c[PSH, ACK]", "s[ACK]"]
        );
        assert_eq!(t.segments[4].rel_ack, 51);
        let t = run("unreachable");
        assert_eq!(t.segments.len(), 11);
        assert_eq!(t.outcome.client.error.map(|e| e.name()), Some("ETIMEDOUT"));
        assert_eq!(t.end_us, 131_000_000);
        let t = run("closed-port");
        assert_eq!(flags(&t), ["c[SYN]", "s[RST, ACK]"]);
        assert_eq!(
            t.outcome.client.error.map(|e| e.name()),
            Some("ECONNREFUSED")
        );
    }

    #[test]
    fn keepalive() {
        let t = run("keepalive-dead-client");
        assert_eq!(
            t.from_side(Side::Server)
                .filter(|s| s.reason_code == "keepalive-probe")
                .count(),
            9
        );
        assert_eq!(t.outcome.server.error.map(|e| e.name()), Some("ETIMEDOUT"));
        assert_eq!(t.states.last().unwrap().at_us, 150_000 + 7875 * 1_000_000);
        let t = run("keepalive-ten-probes");
        assert_eq!(
            t.from_side(Side::Server)
                .filter(|s| s.reason_code == "keepalive-probe")
                .count(),
            10
        );
        let t = run("keepalive-rebooted-client");
        assert_eq!(t.outcome.server.error.map(|e| e.name()), Some("ECONNRESET"));
        let t = run("keepalive-live-client");
        assert_eq!(t.segments[4].reason_code, "keepalive-ack");
        assert_eq!(t.outcome.server.state, State::Established);
    }

    #[test]
    fn byte_counting_is_the_articles_example() {
        let t = run("byte-counting");
        let data = &t.segments[2];
        assert_eq!((data.seq, data.len), (1000, 1000));
        assert_eq!(t.segments[3].ack, 2000);
    }

    #[test]
    fn more_of_rfc_9293() {
        let t = run("simultaneous-open");
        assert_eq!(t.segments.len(), 6);
        assert_eq!(t.outcome.client.state, State::Established);
        assert_eq!(t.outcome.server.state, State::Established);
        let t = run("old-duplicate-syn");
        let abs: Vec<_> = t
            .segments
            .iter()
            .map(|s| (s.flags.to_string(), s.seq, s.ack))
            .collect();
        assert_eq!(abs[1], ("[SYN]".into(), 90, 0));
        assert_eq!((abs[2].0.as_str(), abs[2].2), ("[SYN, ACK]", 91));
        assert_eq!(abs[3], ("[RST]".into(), 91, 0));
        assert_eq!((abs[4].0.as_str(), abs[4].2), ("[SYN, ACK]", 101));
        assert!(t
            .states
            .iter()
            .any(|c| c.rule_code == "rst-in-passive-syn-received"));
        let t = run("four-way-close");
        assert_eq!(
            flags(&t)[3..],
            ["c[FIN, ACK]", "s[ACK]", "s[FIN, ACK]", "c[ACK]"]
        );
        assert_eq!(t.outcome.client.state, State::Closed);
    }

    #[test]
    fn data_on_the_syn() {
        let t = run("syn-data");
        assert_eq!((t.segments[0].len, t.segments[1].rel_ack), (100, 1));
        assert_eq!((t.segments[2].rel_seq, t.segments[2].len), (1, 100));
        let t = run("fast-open");
        assert_eq!(t.segments[1].rel_ack, 101);
        assert_eq!(t.segments.len(), 3);
    }

    #[test]
    fn syn_flood_and_cookies() {
        let t = run("syn-flood");
        assert!(t.segments[0].discarded.is_some());
        assert!(t.states.iter().any(|c| c.endpoint == Side::Server
            && c.to == State::Established
            && c.at_us > 63_000_000));
        let t = run("syn-cookies");
        assert_eq!(t.segments[1].reason_code, "syn-cookie");
        assert_eq!(t.outcome.server.state, State::Established);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn narrative_follows_the_run() {
        let lesson = lesson::bundled("syn-ack-lost", Lang::En).unwrap();
        let t = run("syn-ack-lost");
        assert!(lesson.beat_at(&t, None).is_none(), "no start beat here");
        assert_eq!(lesson.beat_at(&t, Some(60_000)).unwrap().1.at, At::Sent(1));
        assert_eq!(
            lesson.beat_at(&t, Some(1_000_000)).unwrap().1.at,
            At::Sent(2)
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_number_in_a_lesson_comes_from_its_run() {
        for sc in ALL {
            let t = run(sc.name);
            for lang in [Lang::En, Lang::Zh] {
                for b in &lesson::bundled(sc.name, lang).unwrap().beats {
                    let filled = lesson::fill(&b.text, &t, !sc.absolute);
                    assert!(!filled.contains('{'), "{}: {filled}", sc.name);
                }
            }
            assert_eq!(lesson::left_script(&t, &t), None);
        }
        // Byte counting in the article's absolute numbers, and in relative ones.
        let lesson = lesson::bundled("byte-counting", Lang::En).unwrap();
        let t = run("byte-counting");
        let ack = |relative| lesson::fill(&lesson.beats[2].text, &t, relative);
        assert!(ack(false).contains("ack 2000"), "{}", ack(false));
        assert!(ack(true).contains("ack 1001"), "{}", ack(true));
        let first = lesson::fill(&lesson.beats[0].text, &t, false);
        assert!(
            first.contains("ISN is 999") && first.contains("will be 1000"),
            "{first}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_lesson_opens_on_its_first_beat() {
        let lesson = lesson::bundled("handshake", Lang::En).unwrap();
        let t = run("handshake");
        assert_eq!(lesson.beat_at(&t, None).unwrap().0, 0, "before the SYN");
        assert_eq!(lesson.beat_at(&t, Some(0)).unwrap().1.at, At::Sent(0));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_lesson_file_belongs_to_a_scenario() {
        for lang in ["en", "zh"] {
            let dir = format!("{}/static/lessons/{lang}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(dir).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                let name = name.strip_suffix(".txt").expect("only .txt files");
                assert!(
                    find(name).is_some(),
                    "lessons/{lang}/{name}.txt has no scenario"
                );
            }
        }
    }
}
