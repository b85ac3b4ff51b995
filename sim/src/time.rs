//! Simulated time. The core never reads a clock: every entry point takes `now`.

use core::fmt;
use core::ops::{Add, Sub};
use serde::{Deserialize, Serialize};

/// A point in simulated time, in microseconds since the start of the run.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Instant(pub u64);

/// A span of simulated time, in microseconds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Duration(pub u64);

impl Instant {
    pub const ZERO: Instant = Instant(0);

    pub const fn from_millis(ms: u64) -> Self {
        Instant(ms * 1000)
    }
    pub const fn micros(self) -> u64 {
        self.0
    }
    pub const fn millis(self) -> u64 {
        self.0 / 1000
    }
    /// Time elapsed since `earlier`, zero if `earlier` is in the future.
    pub fn since(self, earlier: Instant) -> Duration {
        Duration(self.0.saturating_sub(earlier.0))
    }
}

/// `x` rounded to the nearest whole number, halves away from zero, as
/// `f64::round` (validated times are never negative and far below 2^53).
/// Without SSE4.1 `round` is a library call, and every run makes a few.
pub fn round_whole(x: f64) -> u64 {
    // Through i64, whose conversions are single instructions on x86_64.
    let whole = x as i64;
    let rounded = if x - whole as f64 >= 0.5 {
        whole + 1
    } else {
        whole
    };
    rounded.max(0) as u64
}

impl Duration {
    pub const ZERO: Duration = Duration(0);

    /// A length given in milliseconds, to the nearest microsecond.
    pub fn from_ms_f64(ms: f64) -> Self {
        Duration(round_whole(ms * 1000.0))
    }

    /// A length given in seconds, to the nearest microsecond.
    pub fn from_secs_f64(s: f64) -> Self {
        Duration(round_whole(s * 1e6))
    }

    pub const fn from_micros(us: u64) -> Self {
        Duration(us)
    }
    pub const fn from_millis(ms: u64) -> Self {
        Duration(ms * 1000)
    }
    pub const fn from_secs(s: u64) -> Self {
        Duration(s * 1_000_000)
    }
    pub const fn micros(self) -> u64 {
        self.0
    }
    pub const fn millis(self) -> u64 {
        self.0 / 1000
    }
    pub fn saturating_mul(self, k: u64) -> Duration {
        Duration(self.0.saturating_mul(k))
    }
}

impl Add<Duration> for Instant {
    type Output = Instant;
    fn add(self, d: Duration) -> Instant {
        Instant(self.0.saturating_add(d.0))
    }
}

impl Sub<Instant> for Instant {
    type Output = Duration;
    fn sub(self, rhs: Instant) -> Duration {
        self.since(rhs)
    }
}

impl Add for Duration {
    type Output = Duration;
    fn add(self, d: Duration) -> Duration {
        Duration(self.0.saturating_add(d.0))
    }
}

impl fmt::Display for Instant {
    /// tcpdump-style seconds with microseconds: `1.050000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:06}", self.0 / 1_000_000, self.0 % 1_000_000)
    }
}

impl fmt::Display for Duration {
    /// Human scale: `200 ms`, `1 s`, `1.5 s`, `2 h 11 min 15 s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let us = self.0;
        if us < 1_000 {
            return write!(f, "{us} µs");
        }
        // Tenths and thousandths in integers: float printing would bring
        // 12 KB of code into the page for two digits.
        if us < 1_000_000 {
            let tenths = (us + 50) / 100;
            return if us % 1000 == 0 {
                write!(f, "{} ms", us / 1000)
            } else {
                write!(f, "{}.{} ms", tenths / 10, tenths % 10)
            };
        }
        let secs = us / 1_000_000;
        if secs < 3600 {
            return if us % 1_000_000 == 0 {
                write!(f, "{secs} s")
            } else {
                let ms = (us + 500) / 1000;
                write!(f, "{}.{:03} s", ms / 1000, ms % 1000)
            };
        }
        let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
        write!(f, "{h} h {m} min {s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_human_scale() {
        assert_eq!(Duration::from_millis(200).to_string(), "200 ms");
        assert_eq!(Duration::from_secs(2).to_string(), "2 s");
        assert_eq!(Duration::from_secs(7875).to_string(), "2 h 11 min 15 s");
        assert_eq!(Instant(1_050_000).to_string(), "1.050000");
    }
}

#[cfg(test)]
mod round_tests {
    use super::round_whole;

    #[test]
    fn rounds_as_f64_round_does() {
        for x in [
            0.0,
            0.4,
            0.5,
            0.49999999999999994,
            1.5,
            2.5,
            49.9995,
            50_000.5,
            1e12 + 0.5,
            4503599627370495.5,
        ] {
            assert_eq!(round_whole(x), x.round() as u64, "{x}");
        }
        for i in 0..100_000u64 {
            let x = i as f64 * 0.001 * 1000.0 + (i % 7) as f64 * 0.0625;
            assert_eq!(round_whole(x), x.round() as u64, "{x}");
        }
    }
}
