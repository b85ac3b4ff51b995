//! The article's lessons as scenarios: a stable name (for `?scenario=`), a
//! title in English and 中文, and a preset config that stays editable.
//! Behaviour always comes from the simulator. The narrative that advances
//! with the run, and the note where the article is imprecise, are the
//! scenario's lesson (`crate::lesson`, `static/lessons/<name>.json`).

use crate::i18n::Lang;
use synack_sim::config::{
    DropRule, FloodConfig, HoldRule, Inject, KeepaliveConfig, Protocol, Write,
};
use synack_sim::{Config, Dir, Preset};

/// Text in both languages: `[English, 中文]`.
pub type Bi = [&'static str; 2];

pub fn pick(lang: Lang, text: &Bi) -> &'static str {
    match lang {
        Lang::En => text[0],
        Lang::Zh => text[1],
    }
}

/// A second run drawn beside the first, on the same clock.
pub struct Compare {
    /// Labels over the scenario's own run and over the other one.
    pub this: Bi,
    pub other: Bi,
    pub config: fn() -> Config,
}

pub struct Scenario {
    pub name: &'static str,
    pub title: Bi,
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
    c.server.syncookies = syncookies;
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
        title: ["The three-way handshake", "三次握手"],
        absolute: false,
        compare: None,
        config: Config::default,
    },
    Scenario {
        name: "syn-lost",
        title: ["Lost SYN", "SYN 丢失"],
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::C2s, 1)],
            ..Config::default()
        },
    },
    Scenario {
        name: "syn-ack-lost",
        title: ["Lost SYN-ACK", "SYN-ACK 丢失"],
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::S2c, 1)],
            ..Config::default()
        },
    },
    Scenario {
        name: "final-ack-lost",
        title: ["Lost final ACK", "第三次握手的 ACK 丢失"],
        absolute: false,
        compare: None,
        config: || Config {
            drop: vec![drop(Dir::C2s, 2)],
            ..Config::default()
        },
    },
    Scenario {
        name: "final-ack-lost-data",
        title: [
            "Lost final ACK, client sends data",
            "第三次握手的 ACK 丢失，客户端先发数据",
        ],
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
        title: ["Server unreachable", "服务器不可达"],
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
        title: ["Closed port", "端口未监听"],
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
        title: ["Keepalive: the client host dies", "保活：客户端主机宕机"],
        absolute: false,
        compare: None,
        config: keepalive_dead,
    },
    Scenario {
        name: "keepalive-ten-probes",
        title: [
            "Keepalive with 10 probes (the article)",
            "保活：10 个探测（文章的说法）",
        ],
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
        title: ["Keepalive: the client rebooted", "保活：客户端已重启"],
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
        title: ["Keepalive: the client is alive", "保活：客户端还活着"],
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
        title: [
            "Byte counting: ack names the next byte",
            "字节计数：ack 是期望的下一个字节",
        ],
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
        title: ["Simultaneous open", "同时打开"],
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
        title: [
            "Why three: an old duplicate SYN",
            "为什么是三次：旧的重复 SYN",
        ],
        absolute: true,
        compare: None,
        config: fig8,
    },
    Scenario {
        name: "two-way-old-duplicate",
        title: [
            "Why not two: an old duplicate SYN",
            "为什么不是两次：旧的重复 SYN",
        ],
        absolute: true,
        compare: Some(Compare {
            this: ["Two-way (hypothetical)", "两次握手（假想）"],
            other: ["Three-way (TCP)", "三次握手（TCP）"],
            config: fig8,
        }),
        config: || two_way(fig8()),
    },
    Scenario {
        name: "two-way-syn-ack-lost",
        title: [
            "Why not two: a lost SYN-ACK deadlocks",
            "为什么不是两次：SYN-ACK 丢失导致死锁",
        ],
        absolute: false,
        compare: Some(Compare {
            this: ["Two-way (hypothetical)", "两次握手（假想）"],
            other: ["Three-way (TCP)", "三次握手（TCP）"],
            config: syn_ack_lost_server_writes,
        }),
        config: || two_way(syn_ack_lost_server_writes()),
    },
    Scenario {
        name: "half-open-discovery",
        title: ["Half-open connection discovered", "发现半开连接"],
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
        title: [
            "RST against a passive SYN-RECEIVED",
            "RST 让被动的 SYN-RECEIVED 回到 LISTEN",
        ],
        absolute: true,
        compare: None,
        config: fig8,
    },
    Scenario {
        name: "syn-data",
        title: ["Why the SYN carries no data", "为什么 SYN 不携带数据"],
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
        title: [
            "SYN flood: the real client is turned away",
            "SYN 洪泛：真正的客户端被拒之门外",
        ],
        absolute: false,
        compare: None,
        config: || flood(false),
    },
    Scenario {
        name: "syn-cookies",
        title: [
            "SYN cookies: through the flood, with no state",
            "SYN cookie：无状态地穿过洪泛",
        ],
        absolute: false,
        compare: None,
        config: || flood(true),
    },
    Scenario {
        name: "fast-open",
        title: [
            "TCP Fast Open: data on the SYN with a cookie",
            "TCP Fast Open：带 cookie 的 SYN 携带数据",
        ],
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
        title: ["The four-way close", "四次挥手"],
        absolute: false,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.close_ms = Some(1000.0);
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
            let lesson = lesson::bundled(s.name).unwrap_or_else(|e| panic!("{}: {e}", s.name));
            assert!(!lesson.beats.is_empty(), "{}", s.name);
            let t = simulate(&(s.config)()).unwrap();
            for b in &lesson.beats {
                assert!(b.text.iter().all(|t| !t.trim().is_empty()), "{}", s.name);
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
        let lesson = lesson::bundled("syn-ack-lost").unwrap();
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
            let lesson = lesson::bundled(sc.name).unwrap();
            let t = run(sc.name);
            for b in &lesson.beats {
                for text in &b.text {
                    let filled = lesson::fill(text, &t, !sc.absolute);
                    assert!(!filled.contains('{'), "{}: {filled}", sc.name);
                }
            }
            assert_eq!(lesson::left_script(&t, &t), None);
        }
        // Byte counting in the article's absolute numbers, and in relative ones.
        let lesson = lesson::bundled("byte-counting").unwrap();
        let t = run("byte-counting");
        let ack = |relative| lesson::fill(&lesson.beats[2].text[0], &t, relative);
        assert!(ack(false).contains("ack 2000"), "{}", ack(false));
        assert!(ack(true).contains("ack 1001"), "{}", ack(true));
        let first = lesson::fill(&lesson.beats[0].text[0], &t, false);
        assert!(
            first.contains("ISN is 999") && first.contains("will be 1000"),
            "{first}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_lesson_opens_on_its_first_beat() {
        let lesson = lesson::bundled("handshake").unwrap();
        let t = run("handshake");
        assert_eq!(lesson.beat_at(&t, None).unwrap().0, 0, "before the SYN");
        assert_eq!(lesson.beat_at(&t, Some(0)).unwrap().1.at, At::Sent(0));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_lesson_file_belongs_to_a_scenario() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static/lessons");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let name = name.strip_suffix(".json").expect("only .json files");
            assert!(find(name).is_some(), "lessons/{name}.json has no scenario");
        }
    }
}
