//! An endpoint's timers, one slot per kind, armed, cancelled and expired in
//! one place (as quinn-proto's `TimerTable`): adding a timer is one slot,
//! not a field kept in step by hand in every place that lists them.

use crate::time::Instant;
use crate::timer::{Armed, TimerKind};

/// Where a timer lives. The SYN, SYN-ACK and data retransmission timers
/// share one slot, as Linux's `icsk_retransmit_timer` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    TimeWait,
    DelayedAck,
    Retransmit,
    Keepalive,
}

impl Slot {
    /// In the order timers due at the same instant run.
    pub const ALL: [Slot; 4] = [
        Slot::TimeWait,
        Slot::DelayedAck,
        Slot::Retransmit,
        Slot::Keepalive,
    ];

    pub const fn of(kind: TimerKind) -> Slot {
        match kind {
            TimerKind::SynRetransmit | TimerKind::SynAckRetransmit | TimerKind::Retransmit => {
                Slot::Retransmit
            }
            TimerKind::Keepalive => Slot::Keepalive,
            TimerKind::TimeWait => Slot::TimeWait,
            TimerKind::DelayedAck => Slot::DelayedAck,
        }
    }

    pub const fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Default)]
pub struct TimerTable {
    slots: [Option<Armed>; 4],
}

impl TimerTable {
    pub fn get(&self, slot: Slot) -> Option<Armed> {
        self.slots[slot.index()]
    }

    pub fn is_armed(&self, slot: Slot) -> bool {
        self.get(slot).is_some()
    }

    /// Arm a timer in its kind's slot; the one it replaces, if any.
    pub fn arm(&mut self, armed: Armed) -> Option<Armed> {
        self.slots[Slot::of(armed.kind).index()].replace(armed)
    }

    pub fn cancel(&mut self, slot: Slot) -> Option<Armed> {
        self.slots[slot.index()].take()
    }

    /// The slot's timer, taken out, if it has expired by `now`.
    pub fn take_expired(&mut self, slot: Slot, now: Instant) -> Option<Armed> {
        let i = slot.index();
        self.slots[i].filter(|t| t.expires_at <= now)?;
        self.slots[i].take()
    }

    /// When the earliest one expires.
    pub fn next_expiry(&self) -> Option<Instant> {
        self.next().map(|t| t.expires_at)
    }

    /// The one that expires first.
    pub fn next(&self) -> Option<Armed> {
        self.slots
            .iter()
            .flatten()
            .min_by_key(|t| t.expires_at)
            .copied()
    }

    /// Every armed timer, taken out (in `Slot::ALL` order).
    pub fn take_all(&mut self) -> Vec<Armed> {
        Slot::ALL.iter().filter_map(|&s| self.cancel(s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Duration;

    fn armed(kind: TimerKind, at_ms: u64) -> Armed {
        Armed {
            kind,
            armed_at: Instant::ZERO,
            expires_at: Instant::ZERO + Duration::from_millis(at_ms),
        }
    }

    #[test]
    fn retransmission_timers_share_a_slot_and_others_do_not() {
        let mut t = TimerTable::default();
        assert_eq!(t.arm(armed(TimerKind::SynRetransmit, 1000)), None);
        let replaced = t.arm(armed(TimerKind::Retransmit, 200));
        assert_eq!(replaced.map(|a| a.kind), Some(TimerKind::SynRetransmit));
        t.arm(armed(TimerKind::Keepalive, 7_200_000));
        t.arm(armed(TimerKind::DelayedAck, 40));
        assert_eq!(
            t.next_expiry(),
            Some(Instant::ZERO + Duration::from_millis(40))
        );
        let at = |ms| Instant::ZERO + Duration::from_millis(ms);
        assert_eq!(t.take_expired(Slot::Retransmit, at(199)), None);
        assert!(t.take_expired(Slot::Retransmit, at(200)).is_some());
        assert!(!t.is_armed(Slot::Retransmit));
        let all: Vec<_> = t.take_all().into_iter().map(|a| a.kind).collect();
        assert_eq!(all, vec![TimerKind::DelayedAck, TimerKind::Keepalive]);
        assert_eq!(t.next_expiry(), None);
    }
}
