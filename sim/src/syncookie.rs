//! SYN cookies, as Linux builds them (net/ipv4/syncookies.c, simplified): the
//! listener puts the connection into its ISN and keeps no state at all.
//!
//! ISN = H1(tuple) + client ISN + (count << 24) + ((H2(tuple, count) + mss index) mod 2^24),
//! where count ticks every 60 s and a cookie is good for 2 ticks.

use crate::seq::SeqNum;
use crate::side::Addr;
use crate::time::Instant;
use core::hash::Hasher;
use siphasher::sip::SipHasher24;

/// The MSS values a cookie can carry: the client's MSS is rounded down to one.
pub const MSS_TABLE: [u16; 4] = [536, 1300, 1440, 1460];
const COUNT_PERIOD_US: u64 = 60_000_000;
/// MAX_SYNCOOKIE_AGE: a cookie from two counter ticks ago is still accepted.
const MAX_AGE: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieJar {
    k0: u64,
    k1: u64,
}

impl CookieJar {
    pub fn new(k0: u64, k1: u64) -> CookieJar {
        CookieJar { k0, k1 }
    }

    fn hash(&self, salt: u8, local: Addr, remote: Addr, count: u32) -> u32 {
        let mut h = SipHasher24::new_with_keys(self.k0 ^ u64::from(salt), self.k1);
        h.write(&local.ip);
        h.write(&remote.ip);
        h.write_u16(local.port);
        h.write_u16(remote.port);
        h.write_u32(count);
        h.finish() as u32
    }

    fn count(now: Instant) -> u32 {
        (now.micros() / COUNT_PERIOD_US) as u32
    }

    /// The cookie (our ISN) for a SYN from `remote` whose sequence number is `client_isn`.
    pub fn make(
        &self,
        now: Instant,
        local: Addr,
        remote: Addr,
        client_isn: SeqNum,
        mss: u16,
    ) -> SeqNum {
        let count = Self::count(now);
        let index = MSS_TABLE.iter().rposition(|&m| m <= mss).unwrap_or(0) as u32;
        let low = self.hash(2, local, remote, count).wrapping_add(index) & 0x00ff_ffff;
        SeqNum(
            self.hash(1, local, remote, 0)
                .wrapping_add(client_isn.0)
                .wrapping_add(count << 24)
                .wrapping_add(low),
        )
    }

    /// Check the cookie an ACK returns (`ack - 1`) against the client's ISN
    /// (`seq - 1`). Returns the MSS it carries if it is ours and fresh.
    pub fn check(
        &self,
        now: Instant,
        local: Addr,
        remote: Addr,
        client_isn: SeqNum,
        cookie: SeqNum,
    ) -> Option<u16> {
        let diff = cookie
            .0
            .wrapping_sub(self.hash(1, local, remote, 0))
            .wrapping_sub(client_isn.0);
        let now_count = Self::count(now);
        // The count travels in 8 bits: rebuild it from the nearest candidates.
        (0..=MAX_AGE).find_map(|age| {
            let count = now_count.checked_sub(age)?;
            if (diff >> 24) != (count & 0xff) {
                return None;
            }
            let index = diff.wrapping_sub(self.hash(2, local, remote, count)) & 0x00ff_ffff;
            MSS_TABLE.get(index as usize).copied()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{CLIENT_ADDR as C, SERVER_ADDR as S};

    #[test]
    fn a_cookie_checks_out_for_its_client_only_and_only_while_fresh() {
        let jar = CookieJar::new(7, 9);
        let t = Instant::from_millis(500);
        let cookie = jar.make(t, S, C, SeqNum(1234), 1460);
        assert_eq!(jar.check(t, S, C, SeqNum(1234), cookie), Some(1460));
        assert_eq!(
            jar.check(Instant::from_millis(150_000), S, C, SeqNum(1234), cookie),
            Some(1460),
            "2 ticks later"
        );
        assert_eq!(
            jar.check(Instant::from_millis(200_000), S, C, SeqNum(1234), cookie),
            None,
            "too old"
        );
        // Another client ISN shifts the counter byte or lands outside the 4-entry MSS
        // table (as in Linux, a guess succeeds with probability about 4 / 2^24).
        assert_eq!(
            jar.check(t, S, C, SeqNum(1234 + (1 << 24)), cookie),
            None,
            "another client ISN"
        );
        assert_eq!(jar.check(t, S, C, SeqNum(1234), cookie + 1), None, "forged");
        let other = Addr {
            ip: [203, 0, 113, 9],
            port: 50000,
        };
        assert_eq!(
            jar.check(t, S, other, SeqNum(1234), cookie),
            None,
            "another address"
        );
    }

    #[test]
    fn the_mss_is_rounded_down_to_the_table() {
        let jar = CookieJar::new(1, 2);
        let t = Instant::ZERO;
        let c = jar.make(t, S, C, SeqNum(5), 1400);
        assert_eq!(jar.check(t, S, C, SeqNum(5), c), Some(1300));
    }
}
