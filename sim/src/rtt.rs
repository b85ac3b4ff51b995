//! The retransmission timeout an endpoint derives from round-trip samples,
//! and its exponential backoff (as smoltcp's `RttEstimator`).

use crate::time::Duration;
use crate::timer::{Preset, TimerProfile};

/// With no sample yet (RFC 6298 5.7): 3 s.
const RTO_FALLBACK: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RttEstimator {
    /// From the latest sample; none before the first.
    rto: Option<Duration>,
}

impl RttEstimator {
    /// A round-trip sample R. RFC 6298 (2.2) for one sample: RTO = R +
    /// max(G, 4·R/2), at least RTO_MIN; Linux: R + max(2R, 200 ms)
    /// (tcp_rtt_estimator, __tcp_set_rto).
    pub fn sample(&mut self, rtt: Duration, timers: &TimerProfile) {
        let r = rtt.micros();
        let rto = match timers.preset {
            Preset::Linux => r + (2 * r).max(timers.rto_min.micros()),
            Preset::Rfc => (3 * r).max(timers.rto_min.micros()),
        };
        self.rto = Some(Duration(rto).min(timers.data.max));
    }

    /// The data retransmission timeout after `backoff` expirations in a row:
    /// doubled each time, up to the profile's maximum.
    pub fn rto(&self, backoff: u32, timers: &TimerProfile) -> Duration {
        let base = self.rto.unwrap_or(RTO_FALLBACK);
        let shift = backoff.min(20);
        Duration(base.micros().saturating_mul(1 << shift)).min(timers.data.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sample_gives_linux_and_rfc_their_rto_and_it_backs_off() {
        let linux = TimerProfile::new(Preset::Linux);
        let mut e = RttEstimator::default();
        assert_eq!(e.rto(0, &linux), Duration::from_secs(3), "no sample yet");
        e.sample(Duration::from_millis(100), &linux);
        assert_eq!(
            e.rto(0, &linux),
            Duration::from_millis(300),
            "R + max(2R, 200 ms)"
        );
        assert_eq!(e.rto(2, &linux), Duration::from_millis(1200));
        assert_eq!(e.rto(30, &linux), Duration::from_secs(120), "capped");
        let rfc = TimerProfile::new(Preset::Rfc);
        e.sample(Duration::from_millis(100), &rfc);
        assert_eq!(
            e.rto(0, &rfc),
            Duration::from_secs(1),
            "at least RTO_MIN, 1 s"
        );
    }
}
