//! A listener's SYN queue, as far as a flood of spoofed SYNs fills it: each
//! half-open request holds a place until its SYN-ACK retries run out.

use crate::time::Instant;
use std::collections::VecDeque;

#[derive(Debug, Clone)]
pub struct SynQueue {
    backlog: u32,
    /// When each request leaves, oldest first.
    leaves_at: VecDeque<Instant>,
}

impl SynQueue {
    pub fn new(backlog: u32) -> SynQueue {
        SynQueue {
            backlog,
            leaves_at: VecDeque::new(),
        }
    }

    /// Full only beyond the backlog, as Linux's `inet_csk_reqsk_queue_is_full`
    /// compares with `>`: `listen(2)` holds 3 half-open requests (observed
    /// on 6.18, tcp-reference.md §7).
    pub fn is_full(&self) -> bool {
        self.len() > self.backlog
    }

    pub fn len(&self) -> u32 {
        self.leaves_at.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.leaves_at.is_empty()
    }

    /// A request takes a place until `until`.
    pub fn push(&mut self, until: Instant) {
        self.leaves_at.push_back(until);
    }

    /// Requests whose time is up leave. Returns whether any did.
    pub fn expire(&mut self, now: Instant) -> bool {
        let before = self.leaves_at.len();
        while self.leaves_at.front().is_some_and(|&t| t <= now) {
            self.leaves_at.pop_front();
        }
        self.leaves_at.len() != before
    }

    /// When the next request leaves.
    pub fn next_expiry(&self) -> Option<Instant> {
        self.leaves_at.front().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Duration;

    #[test]
    fn holds_backlog_plus_one_and_empties_as_requests_time_out() {
        let mut q = SynQueue::new(2);
        let t0 = Instant::ZERO;
        for i in 0..3 {
            assert!(!q.is_full());
            q.push(t0 + Duration::from_millis(100 + i));
        }
        assert!(q.is_full(), "3 requests in a queue of backlog 2");
        assert!(!q.expire(t0 + Duration::from_millis(99)));
        assert!(q.expire(t0 + Duration::from_millis(101)));
        assert_eq!((q.len(), q.is_full()), (1, false));
        assert_eq!(q.next_expiry(), Some(t0 + Duration::from_millis(102)));
    }
}
