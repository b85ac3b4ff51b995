//! Each student's own numbers: a student identifier (from the link or the
//! LMS) picks the ISNs, delays, payload sizes and the lost segment, so that
//! answers cannot be copied, and the page, which makes the same run from
//! the same identifier, knows the right ones.
//!
//! The identifier's bytes are hashed with 64-bit FNV-1a and drawn from with
//! SplitMix64: a few lines, the same on every platform and in every build,
//! and documented (docs/teachers.md) so a teacher can make any student's run.

use synack_sim::config::DropRule;
use synack_sim::{Config, Dir};

/// What differs from one student to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vary {
    /// The run's seed, so its ISNs and timestamps (and fixed ISNs too).
    pub isn: bool,
    /// Each direction's delay: 10 to 200 ms, in steps of 5.
    pub delay: bool,
    /// The bytes the client sends, where it sends any: 100 to 1400 a write.
    pub data: bool,
    /// Which segment is lost: the client's first or second, or the server's first.
    pub loss: bool,
}

impl Default for Vary {
    fn default() -> Self {
        Vary {
            isn: true,
            delay: true,
            data: true,
            loss: false,
        }
    }
}

const NAMES: [&str; 4] = ["isn", "delay", "data", "loss"];

impl Vary {
    fn flags(self) -> [bool; 4] {
        [self.isn, self.delay, self.data, self.loss]
    }

    /// `isn,delay` (any of isn, delay, data, loss), or `none`.
    pub fn parse(v: &str) -> Option<Vary> {
        let mut on = [false; 4];
        if v != "none" {
            for name in v.split(',') {
                let i = NAMES.iter().position(|n| *n == name.trim())?;
                on[i] = true;
            }
        }
        Some(Vary {
            isn: on[0],
            delay: on[1],
            data: on[2],
            loss: on[3],
        })
    }

    pub fn text(self) -> String {
        let names: Vec<&str> = NAMES
            .iter()
            .zip(self.flags())
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect();
        if names.is_empty() {
            "none".into()
        } else {
            names.join(",")
        }
    }
}

/// 64-bit FNV-1a of the identifier's UTF-8 bytes.
pub fn hash(student: &str) -> u64 {
    student.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64: one well-mixed number per call.
pub(crate) struct Draws(pub u64);

impl Draws {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// One of `count` values `from`, `from + step`, ...
    fn pick(&mut self, from: u64, step: u64, count: u64) -> u64 {
        from + step * (self.next() % count)
    }
}

/// The student's run: `config` with what `vary` names set from the
/// identifier alone, so that applying it twice changes nothing (a link
/// that carries the student's numbers and the student reads the same).
pub fn vary(config: &mut Config, student: &str, vary: Vary) {
    let mut d = Draws(hash(student));
    // Every number is drawn, used or not, so each keeps its place.
    let seed = d.next() >> 11; // within 2^53: links write it exactly.
    let isns = (d.next() as u32, d.next() as u32);
    let delays = (d.pick(10, 5, 39) as f64, d.pick(10, 5, 39) as f64);
    let data = d.pick(100, 1, 1301) as u32;
    let lost = [(Dir::C2s, 1), (Dir::S2c, 1), (Dir::C2s, 2)][d.next() as usize % 3];
    if vary.isn {
        config.seed = seed;
        // A lesson with textbook ISNs keeps them fixed, each student's own.
        if config.client.isn.is_some() {
            config.client.isn = Some(isns.0);
        }
        if config.server.isn.is_some() {
            config.server.isn = Some(isns.1);
        }
    }
    if vary.delay {
        config.c2s.delay_ms = delays.0;
        config.s2c.delay_ms = delays.1;
    }
    if vary.data {
        if config.client.data > 0 {
            config.client.data = data;
        }
        for w in &mut config.client.writes {
            w.bytes = d.pick(100, 1, 1301) as u32;
        }
    }
    if vary.loss {
        config.drop = vec![DropRule {
            dir: lost.0,
            nth: lost.1,
        }];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_as_published() {
        // The FNV reference values (Fowler, Noll, Vo).
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn each_student_their_own_run_the_same_every_time() {
        let base = Config {
            client: synack_sim::config::ClientConfig {
                data: 100,
                ..Default::default()
            },
            ..Config::default()
        };
        let all = Vary {
            loss: true,
            ..Vary::default()
        };
        let run = |who: &str| {
            let mut c = base.clone();
            vary(&mut c, who, all);
            c
        };
        let (a, b) = (run("alice"), run("bob"));
        assert_eq!(a, run("alice"), "the same student, the same run");
        assert_ne!(a.seed, b.seed);
        let ta = synack_sim::simulate(&a).unwrap();
        let tb = synack_sim::simulate(&b).unwrap();
        assert_ne!(ta.segments[0].seq, tb.segments[0].seq, "their ISNs differ");
        // Applied again, nothing changes: a link with the numbers reads the same.
        let mut again = a.clone();
        vary(&mut again, "alice", all);
        assert_eq!(again, a);
        // Within range, and a valid config.
        for who in ["alice", "bob", "s1", "王小明", "x"] {
            let c = run(who);
            assert!((10.0..=200.0).contains(&c.c2s.delay_ms) && c.c2s.delay_ms % 5.0 == 0.0);
            assert!((100..=1400).contains(&c.client.data));
            assert_eq!(c.drop.len(), 1);
            c.validate().unwrap();
        }
        // Over many students the numbers spread.
        let delays: std::collections::BTreeSet<u64> = (0..200)
            .map(|i| run(&format!("s{i}")).c2s.delay_ms as u64)
            .collect();
        assert!(delays.len() > 30, "{} delays", delays.len());
    }

    #[test]
    fn only_what_is_named_varies() {
        let base = Config::default();
        let mut c = base.clone();
        vary(&mut c, "alice", Vary::parse("delay").unwrap());
        assert_eq!((c.seed, c.client.data, &c.drop), (base.seed, 0, &base.drop));
        assert_ne!(
            (c.c2s.delay_ms, c.s2c.delay_ms),
            (base.c2s.delay_ms, base.s2c.delay_ms)
        );
        assert_eq!(Vary::parse("none").unwrap().text(), "none");
        assert_eq!(Vary::parse("loss,isn").unwrap().text(), "isn,loss");
        assert_eq!(Vary::parse("isn,speed"), None);
    }
}
