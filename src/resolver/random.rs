//! Randomness for query IDs and for shuffling equal MX preferences.
//!
//! Read from `/dev/urandom` (the kernel's CSPRNG) where it exists. Elsewhere,
//! or if it cannot be read, std's `RandomState` — SipHash keyed from OS
//! randomness once per thread — hashes a counter and the time: not a CSPRNG,
//! but unpredictable to an off-path attacker. No dependency either way.

use core::hash::BuildHasher;
use core::sync::atomic::{AtomicU64, Ordering};
use std::collections::hash_map::RandomState;
use std::io::Read;
use std::time::SystemTime;

/// 64 random bits.
pub(crate) fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).is_ok() {
        return u64::from_ne_bytes(bytes);
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    RandomState::new().hash_one((count, SystemTime::now()))
}

/// A random query ID.
pub(crate) fn random_id() -> u16 {
    random_u64() as u16
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
