//! The run's own random numbers (ISN keys, timestamp offsets, the cookie
//! secret): the stream of rand_chacha's `ChaCha8Rng::seed_from_u64`, made
//! one 64-byte block at a time. A run draws 14 words at most, and
//! rand_chacha makes four blocks before the first word (an eighth of a
//! clean run's time). The links' jitter and loss keep rand_chacha itself.

/// A ChaCha8 stream (stream 0) keyed as rand_core's `seed_from_u64` keys it.
pub struct RunRng {
    key: [u32; 8],
    counter: u64,
    block: [u32; 16],
    /// The next word of `block` to hand out; 16: none left.
    at: usize,
}

const CONSTANTS: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

impl RunRng {
    pub fn seed_from_u64(mut state: u64) -> RunRng {
        // rand_core 0.9's SeedableRng::seed_from_u64: PCG32 fills the key.
        let mut key = [0u32; 8];
        for word in &mut key {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(11_634_580_027_462_260_723);
            let xorshifted = (((state >> 18) ^ state) >> 27) as u32;
            *word = xorshifted.rotate_right((state >> 59) as u32);
        }
        RunRng {
            key,
            counter: 0,
            block: [0; 16],
            at: 16,
        }
    }

    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.at == 16 {
            self.refill();
        }
        self.at += 1;
        self.block[self.at - 1]
    }

    /// Two words, the first the low half (as rand_core's BlockRng reads them).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let low = u64::from(self.next_u32());
        (u64::from(self.next_u32()) << 32) | low
    }

    #[inline(never)]
    fn refill(&mut self) {
        let mut input = [0u32; 16];
        input[..4].copy_from_slice(&CONSTANTS);
        input[4..12].copy_from_slice(&self.key);
        input[12] = self.counter as u32;
        input[13] = (self.counter >> 32) as u32;
        // Words 14 and 15: the stream, 0.
        let mut x = input;
        fn quarter(x: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
            x[a] = x[a].wrapping_add(x[b]);
            x[d] = (x[d] ^ x[a]).rotate_left(16);
            x[c] = x[c].wrapping_add(x[d]);
            x[b] = (x[b] ^ x[c]).rotate_left(12);
            x[a] = x[a].wrapping_add(x[b]);
            x[d] = (x[d] ^ x[a]).rotate_left(8);
            x[c] = x[c].wrapping_add(x[d]);
            x[b] = (x[b] ^ x[c]).rotate_left(7);
        }
        // ChaCha8: four double rounds.
        for _ in 0..4 {
            quarter(&mut x, 0, 4, 8, 12);
            quarter(&mut x, 1, 5, 9, 13);
            quarter(&mut x, 2, 6, 10, 14);
            quarter(&mut x, 3, 7, 11, 15);
            quarter(&mut x, 0, 5, 10, 15);
            quarter(&mut x, 1, 6, 11, 12);
            quarter(&mut x, 2, 7, 8, 13);
            quarter(&mut x, 3, 4, 9, 14);
        }
        for (out, (x, input)) in self.block.iter_mut().zip(x.iter().zip(input)) {
            *out = x.wrapping_add(input);
        }
        self.counter += 1;
        self.at = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_core::{RngCore, SeedableRng};

    #[test]
    fn the_same_stream_as_rand_chacha() {
        for seed in (0..2000).chain([u64::MAX, 1 << 53, 0xdead_beef_cafe]) {
            let (mut ours, mut theirs) =
                (RunRng::seed_from_u64(seed), ChaCha8Rng::seed_from_u64(seed));
            // A run's draws (u64 keys, u32 offsets), then on past a block's end.
            for i in 0..40 {
                if i % 3 == 2 {
                    assert_eq!(ours.next_u32(), theirs.next_u32(), "seed {seed}, draw {i}");
                } else {
                    assert_eq!(ours.next_u64(), theirs.next_u64(), "seed {seed}, draw {i}");
                }
            }
        }
    }
}
