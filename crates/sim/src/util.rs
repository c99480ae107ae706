//! Small helpers for seeded randomness: independent streams derived from one seed, weighted
//! choices and skewed picks.
//!
//! Every random decision in the simulator comes from a ChaCha8 generator (portable and
//! reproducible across platforms and `rand` versions) seeded from the world seed and a stream
//! number, so a chunk of the world renders the same whichever thread renders it.

use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub type Rng = ChaCha8Rng;

/// Mixes a seed with a stream and an index into a new seed (SplitMix64 finaliser), so that
/// neighbouring streams are unrelated.
pub fn mix(seed: u64, stream: u64, index: u64) -> u64 {
    let mut z = seed
        ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A generator for one stream of one world.
pub fn stream(seed: u64, stream: u64, index: u64) -> Rng {
    Rng::seed_from_u64(mix(seed, stream, index))
}

/// True with probability `p` (clamped to 0..=1).
pub fn chance(rng: &mut Rng, p: f64) -> bool {
    if p <= 0.0 {
        return false;
    }
    if p >= 1.0 {
        return true;
    }
    rng.random::<f64>() < p
}

/// A uniformly chosen element. Panics on an empty slice: every list passed here is a non-empty
/// constant or checked by its caller.
pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// An index chosen in proportion to `weights`; 0 when all weights are zero.
pub fn weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    if total == 0 {
        return 0;
    }
    let mut r = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        let w = u64::from(*w);
        if r < w {
            return i;
        }
        r -= w;
    }
    weights.len() - 1
}

/// An index in `0..len` skewed towards the start, as name frequencies are: the first entries
/// of a list are picked several times as often as the last.
pub fn skewed(rng: &mut Rng, len: usize) -> usize {
    let u: f64 = rng.random();
    ((u * u * 0.6 + u * 0.4) * len as f64).min(len as f64 - 1.0) as usize
}

/// A whole number in `lo..=hi`.
pub fn between(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..=hi)
    }
}

/// Shuffles a slice in place (Fisher–Yates).
pub fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u32> = (0..4).map(|_| stream(7, 1, 2).random()).collect();
        let b: Vec<u32> = (0..4).map(|_| stream(7, 1, 2).random()).collect();
        assert_eq!(a, b);
        assert_ne!(mix(7, 1, 2), mix(7, 1, 3));
        assert_ne!(mix(7, 1, 2), mix(7, 2, 2));
    }

    #[test]
    fn weighted_follows_weights() {
        let mut rng = stream(1, 0, 0);
        let mut counts = [0u32; 3];
        for _ in 0..10_000 {
            counts[weighted(&mut rng, &[1, 0, 3])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > counts[0] * 2, "{counts:?}");
        assert_eq!(weighted(&mut rng, &[0, 0]), 0);
    }

    #[test]
    fn skewed_stays_in_range_and_favours_the_start() {
        let mut rng = stream(1, 0, 0);
        let mut first_half = 0;
        for _ in 0..10_000 {
            let i = skewed(&mut rng, 10);
            assert!(i < 10);
            if i < 5 {
                first_half += 1;
            }
        }
        assert!(first_half > 6_000, "{first_half}");
    }
}
