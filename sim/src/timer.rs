//! Timer presets (RFC 6298 and Linux) and the timers an endpoint can arm.

use crate::time::{Duration, Instant};
use serde::{Deserialize, Serialize};

/// Which stack's timing the endpoints follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Current Linux: 4 linear SYN timeouts before backoff (`tcp_syn_linear_timeouts`),
    /// RTO_MIN 200 ms, TIME-WAIT 60 s.
    #[default]
    Linux,
    /// RFC 6298 / RFC 9293: pure exponential backoff, RTO_MIN 1 s, 2·MSL = 240 s.
    Rfc,
}

/// A retransmission schedule. After `t` expirations of the timer the next
/// wait is `initial << t.saturating_sub(linear)`, capped at `max`; the timer
/// that fires after `retries` expirations gives up. Linux counts expirations,
/// not transmissions: a SYN-ACK re-sent for a retransmitted SYN does not back off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub initial: Duration,
    pub linear: u32,
    pub retries: u32,
    pub max: Duration,
}

impl Backoff {
    /// From the initial RTO, the first `linear` gaps equal, then doubling up to RTO_MAX.
    const fn new(linear: u32, retries: u32) -> Backoff {
        Backoff {
            initial: INITIAL_RTO,
            linear,
            retries,
            max: RTO_MAX,
        }
    }

    pub fn gap(&self, expirations: u32) -> Duration {
        let shift = expirations.saturating_sub(self.linear).min(20);
        Duration(self.initial.0.saturating_mul(1u64 << shift)).min(self.max)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerProfile {
    pub preset: Preset,
    pub syn: Backoff,
    pub syn_ack: Backoff,
    /// Data and FIN retransmissions after the handshake.
    pub data: Backoff,
    pub rto_min: Duration,
    pub time_wait: Duration,
    /// Linux re-arms the SYN timer to TCP_TIMEOUT_MIN after a bad ACK in SYN-SENT.
    pub syn_sent_bad_ack_rearm: Option<Duration>,
}

const RTO_MAX: Duration = Duration::from_secs(120);
const INITIAL_RTO: Duration = Duration::from_secs(1);

/// The two profiles, made once: an endpoint refers to its own rather than
/// carry a copy (every run builds, and moves, two endpoints).
static LINUX: TimerProfile = TimerProfile::new(Preset::Linux);
static RFC: TimerProfile = TimerProfile::new(Preset::Rfc);

impl TimerProfile {
    pub fn of(preset: Preset) -> &'static TimerProfile {
        match preset {
            Preset::Linux => &LINUX,
            Preset::Rfc => &RFC,
        }
    }

    pub const fn new(preset: Preset) -> TimerProfile {
        match preset {
            Preset::Linux => TimerProfile {
                preset,
                // tcp_syn_retries 6 + tcp_syn_linear_timeouts 4: SYNs at 0,1,2,3,4,5,7,11,19,35,67 s; ETIMEDOUT at 131 s.
                syn: Backoff::new(4, 10),
                // tcp_synack_retries 5: SYN-ACKs at 0,1,3,7,15,31 s; the request is dropped at 63 s.
                syn_ack: Backoff::new(0, 5),
                // tcp_retries2 = 15 (Linux bounds it by time; counting is close enough here).
                data: Backoff::new(0, 15),
                rto_min: Duration::from_millis(200),
                time_wait: Duration::from_secs(60),
                // TCP_TIMEOUT_MIN is 2 jiffies; 2 ms at HZ=1000.
                syn_sent_bad_ack_rearm: Some(Duration::from_millis(2)),
            },
            Preset::Rfc => TimerProfile {
                preset,
                // RFC 6298: SYNs at 0,1,3,7,15,31,63 s; ETIMEDOUT at 127 s.
                syn: Backoff::new(0, 6),
                syn_ack: Backoff::new(0, 5),
                data: Backoff::new(0, 15),
                rto_min: Duration::from_secs(1),
                // 2·MSL, MSL = 2 minutes (RFC 9293 §3.4.2).
                time_wait: Duration::from_secs(240),
                syn_sent_bad_ack_rearm: None,
            },
        }
    }
}

/// Keepalive settings (RFC 9293 §3.8.4; Linux tcp_keepalive_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keepalive {
    pub idle: Duration,
    pub interval: Duration,
    pub probes: u32,
}

impl Default for Keepalive {
    fn default() -> Self {
        Keepalive {
            idle: Duration::from_secs(7200),
            interval: Duration::from_secs(75),
            probes: 9,
        }
    }
}

/// How long Linux holds back the ACK of a FIN (`TCP_DELACK_MIN`, HZ/25; seen
/// at 40–42 ms on 6.18 by scripts/kernel-check.sh, close-late).
pub const DELAYED_ACK: crate::time::Duration = crate::time::Duration::from_millis(40);

/// The granularity of Linux's timer wheel for a timer of `interval`
/// (kernel/time/timer.c, HZ = 250 as this kernel is built): level n holds
/// timeouts below 63·8^n jiffies, in buckets of 8^n jiffies, and a timer
/// runs when its bucket does, up to one bucket late (1 s: 32 ms buckets).
pub fn wheel_granularity(interval: crate::time::Duration) -> crate::time::Duration {
    const JIFFY_US: u64 = 4_000;
    let jiffies = interval.micros() / JIFFY_US;
    let mut bucket = 1u64;
    while jiffies >= 63 * bucket && bucket < 8u64.pow(8) {
        bucket *= 8;
    }
    crate::time::Duration(bucket * JIFFY_US)
}

/// What a timer is for. Names are what the trace and the UI show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TimerKind {
    #[serde(rename = "SYN retransmission")]
    SynRetransmit,
    #[serde(rename = "SYN-ACK retransmission")]
    SynAckRetransmit,
    #[serde(rename = "retransmission")]
    Retransmit,
    #[serde(rename = "keepalive")]
    Keepalive,
    #[serde(rename = "TIME-WAIT")]
    TimeWait,
    /// An ACK held back (Linux's delayed-ACK timer, 40 ms at first): a
    /// segment sent meanwhile carries it.
    #[serde(rename = "delayed ACK")]
    DelayedAck,
}

impl TimerKind {
    pub const fn name(self) -> &'static str {
        match self {
            TimerKind::SynRetransmit => "SYN retransmission",
            TimerKind::SynAckRetransmit => "SYN-ACK retransmission",
            TimerKind::Retransmit => "retransmission",
            TimerKind::Keepalive => "keepalive",
            TimerKind::TimeWait => "TIME-WAIT",
            TimerKind::DelayedAck => "delayed ACK",
        }
    }
}

/// An armed timer carries its deadline (as smoltcp's `Timer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Armed {
    pub kind: TimerKind,
    pub armed_at: Instant,
    pub expires_at: Instant,
}

impl Armed {
    /// The interval it was armed with: what a retransmission says it waited.
    pub fn interval(&self) -> crate::time::Duration {
        self.expires_at.since(self.armed_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wheel_granularity_grows_by_eight_per_level() {
        let g = |ms| wheel_granularity(crate::time::Duration::from_millis(ms)).micros() / 1000;
        assert_eq!(g(40), 4, "one jiffy below 252 ms");
        assert_eq!(g(1000), 32, "a 1 s timer: 32 ms buckets");
        assert_eq!(g(3000), 256);
        assert_eq!(g(60_000), 2048);
    }

    fn schedule(b: Backoff) -> (Vec<u64>, u64) {
        let (mut t, mut sends) = (0u64, vec![0u64]);
        loop {
            t += b.gap(sends.len() as u32 - 1).micros();
            if sends.len() as u32 > b.retries {
                return (
                    sends.iter().map(|us| us / 1_000_000).collect(),
                    t / 1_000_000,
                );
            }
            sends.push(t);
        }
    }

    #[test]
    fn linux_syn_schedule() {
        let (sends, give_up) = schedule(TimerProfile::new(Preset::Linux).syn);
        assert_eq!(sends, [0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
        assert_eq!(give_up, 131);
    }

    #[test]
    fn rfc_syn_schedule() {
        let (sends, give_up) = schedule(TimerProfile::new(Preset::Rfc).syn);
        assert_eq!(sends, [0, 1, 3, 7, 15, 31, 63]);
        assert_eq!(give_up, 127);
    }

    #[test]
    fn syn_ack_schedule() {
        let (sends, give_up) = schedule(TimerProfile::new(Preset::Linux).syn_ack);
        assert_eq!(sends, [0, 1, 3, 7, 15, 31]);
        assert_eq!(give_up, 63);
    }
}
