//! Randomness for query IDs, cookies and shuffling equal MX preferences:
//! [`OsRandom`], the operating system's generator.

use crate::stub::{OsRandom, RandomSource};

/// 64 random bits.
pub(crate) fn random_u64() -> u64 {
    OsRandom.next_u64()
}

/// A random query ID.
pub(crate) fn random_id() -> u16 {
    OsRandom.next_id()
}

/// A uniform random index below `bound` (which must not be 0).
pub(crate) fn random_below(bound: usize) -> usize {
    // Rejection sampling keeps it unbiased.
    let bound = bound as u64;
    let zone = u64::MAX - u64::MAX % bound;
    loop {
        let value = random_u64();
        if value < zone {
            return (value % bound) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_vary_and_indexes_stay_in_range() {
        let ids: std::collections::HashSet<u16> = (0..64).map(|_| random_id()).collect();
        // 64 draws from 65536 values: a repeat is possible, a handful is not.
        assert!(ids.len() > 56, "{} distinct IDs", ids.len());
        let mut seen = [0usize; 3];
        for _ in 0..3000 {
            seen[random_below(3)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 800), "{seen:?}");
    }
}
