//! Initial sequence numbers as RFC 9293 §3.4.1 (RFC 6528) asks:
//! ISN = M + F(local, remote, secret), where M is a clock ticking every 4 µs and
//! F a keyed pseudorandom function. Linux uses SipHash too (`secure_tcp_seq`).

use crate::seq::SeqNum;
use crate::side::Addr;
use crate::time::Instant;
use core::hash::Hasher;
use siphasher::sip::SipHasher13;

/// The per-host secret. Derived from the run's seed, so ISNs are
/// unpredictable-looking yet the same for the same seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsnKey {
    k0: u64,
    k1: u64,
    /// A fixed F, to reproduce textbook figures with their absolute numbers.
    fixed: Option<u32>,
}

impl IsnKey {
    pub fn new(k0: u64, k1: u64) -> IsnKey {
        IsnKey {
            k0,
            k1,
            fixed: None,
        }
    }

    /// ISN = `isn` at time 0, still advancing with the 4 µs clock.
    pub fn fixed(isn: u32) -> IsnKey {
        IsnKey {
            k0: 0,
            k1: 0,
            fixed: Some(isn),
        }
    }

    pub fn isn(&self, now: Instant, local: Addr, remote: Addr) -> SeqNum {
        let m = (now.micros() / 4) as u32;
        if let Some(f) = self.fixed {
            return SeqNum(f.wrapping_add(m));
        }
        let mut h = SipHasher13::new_with_keys(self.k0, self.k1);
        h.write(&local.ip);
        h.write(&remote.ip);
        h.write_u32(u32::from(local.port) << 16 | u32::from(remote.port));
        let f = h.finish() as u32;
        SeqNum(f.wrapping_add(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{CLIENT_ADDR as A, SERVER_ADDR as B};

    #[test]
    fn isn_advances_with_the_clock_and_depends_on_the_tuple() {
        let key = IsnKey::new(1, 2);
        let t0 = key.isn(Instant(0), A, B);
        assert_eq!(
            key.isn(Instant(4_000), A, B) - t0,
            1000,
            "M ticks every 4 µs"
        );
        assert_ne!(key.isn(Instant(0), B, A), t0);
        assert_ne!(
            IsnKey::new(1, 3).isn(Instant(0), A, B),
            t0,
            "the secret matters"
        );
    }
}
