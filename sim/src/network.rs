//! The network between the two hosts: per direction a one-way delay, jitter
//! and loss drawn from a seeded generator, plus explicit drops and holds.

use crate::config::{Dir, LinkConfig};
use crate::time::{Duration, Instant};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// Why a segment never arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Loss {
    /// Drawn from the link's loss probability.
    Random,
    /// Dropped on purpose (the config's `drop`, or a click in the UI).
    Dropped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Arrives(Instant),
    Lost(Loss),
}

pub struct Link {
    delay: Duration,
    jitter: Duration,
    loss: f64,
    /// Each direction has its own stream, so editing one leaves the other's draws alone.
    /// Seeded when first drawn from: a clean link never draws. Boxed: the
    /// generator is most of a link's size, and every run moves its links.
    rng: Option<Box<ChaCha8Rng>>,
    seed: u64,
    sent: u32,
    drops: Vec<u32>,
    delivers: Vec<u32>,
    holds: Vec<(u32, Duration)>,
}

/// Per-segment rules of one direction, by number (from 1).
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub drop: Vec<u32>,
    pub deliver: Vec<u32>,
    pub hold: Vec<(u32, f64)>,
}

impl Link {
    pub fn new(dir: Dir, cfg: &LinkConfig, seed: u64, rules: Rules) -> Link {
        let stream = match dir {
            Dir::C2s => 0x6332_7300,
            Dir::S2c => 0x7332_6300,
        };
        Link {
            delay: Duration::from_ms_f64(cfg.delay_ms),
            jitter: Duration::from_ms_f64(cfg.jitter_ms),
            loss: cfg.loss,
            rng: None,
            seed: seed ^ stream,
            sent: 0,
            drops: rules.drop,
            delivers: rules.deliver,
            holds: rules
                .hold
                .into_iter()
                .map(|(n, e)| (n, Duration::from_ms_f64(e)))
                .collect(),
        }
    }

    fn draw(&mut self) -> u64 {
        let seed = self.seed;
        self.rng
            .get_or_insert_with(|| Box::new(ChaCha8Rng::seed_from_u64(seed)))
            .next_u64()
    }

    /// A uniform number in [0, 1) from 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.draw() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One-way delay plus uniform jitter in [-jitter, +jitter], never below zero.
    fn travel_time(&mut self) -> Duration {
        let j = self.jitter.micros();
        let draw = self.draw();
        if j == 0 {
            return self.delay;
        }
        let offset = (draw % (2 * j + 1)) as i64 - j as i64;
        Duration((self.delay.micros() as i64 + offset).max(0) as u64)
    }

    /// A segment the endpoint sends now. Returns its number in this direction (from 1) and its fate.
    pub fn send(&mut self, now: Instant) -> (u32, Fate) {
        self.sent += 1;
        let nth = self.sent;
        // Always draw both numbers so that changing the loss rate does not
        // shift the jitter; a link with neither uses no draw, so it makes none
        // (a clean run generates no random block for its links).
        let (travel, lost) = if self.jitter == Duration::ZERO && self.loss == 0.0 {
            (self.delay, false)
        } else {
            (self.travel_time(), self.unit() < self.loss)
        };
        if self.drops.contains(&nth) {
            return (nth, Fate::Lost(Loss::Dropped));
        }
        if lost && !self.delivers.contains(&nth) {
            return (nth, Fate::Lost(Loss::Random));
        }
        let extra = self
            .holds
            .iter()
            .filter(|(n, _)| *n == nth)
            .fold(Duration::ZERO, |acc, (_, e)| acc + *e);
        (nth, Fate::Arrives(now + travel + extra))
    }

    /// A stale segment: it takes the plain delay and is never lost.
    pub fn inject(&self, now: Instant) -> Instant {
        now + self.delay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_in_range_and_loss_matches_rate() {
        let cfg = LinkConfig {
            delay_ms: 50.0,
            jitter_ms: 10.0,
            loss: 0.25,
        };
        let mut link = Link::new(Dir::C2s, &cfg, 7, Rules::default());
        let (mut lost, n) = (0, 20_000);
        for _ in 0..n {
            match link.send(Instant::ZERO).1 {
                Fate::Arrives(t) => assert!((40_000..=60_000).contains(&t.micros())),
                Fate::Lost(_) => lost += 1,
            }
        }
        let rate = lost as f64 / n as f64;
        assert!((0.23..0.27).contains(&rate), "loss rate {rate}");
    }

    #[test]
    fn explicit_drop_hits_only_the_nth() {
        let cfg = LinkConfig::default();
        let rules = Rules {
            drop: vec![2],
            ..Rules::default()
        };
        let mut link = Link::new(Dir::S2c, &cfg, 1, rules);
        assert!(matches!(link.send(Instant::ZERO), (1, Fate::Arrives(_))));
        assert_eq!(link.send(Instant::ZERO), (2, Fate::Lost(Loss::Dropped)));
        assert!(matches!(link.send(Instant::ZERO), (3, Fate::Arrives(_))));
    }
}
