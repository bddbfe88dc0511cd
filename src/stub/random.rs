//! [`RandomSource`]: where query IDs, DNS cookies and 0x20 case bits come from.

/// A source of unpredictable bytes: query IDs (RFC 5452), client cookies
/// (RFC 7873) and the case of letters in a 0x20-randomised name.
///
/// The std feature brings [`OsRandom`], the operating system's generator.
/// A `no_std` caller plugs in its own — a hardware RNG, a CSPRNG seeded
/// from one — by implementing [`RandomSource::fill_bytes`], or by passing
/// a closure `FnMut(&mut [u8])`. Predictable IDs let off-path attackers
/// forge answers: do not plug in a counter.
///
/// ```
/// use dnswire::stub::RandomSource;
///
/// // A no_std board's RNG, say; here a toy xorshift for the sketch.
/// let mut state = 0x2545_f491_4f6c_dd1d_u64;
/// let mut rng = |out: &mut [u8]| {
///     for byte in out {
///         state ^= state << 13;
///         state ^= state >> 7;
///         state ^= state << 17;
///         *byte = state as u8;
///     }
/// };
/// let (a, b) = (rng.next_id(), rng.next_id());
/// assert_ne!(a, b);
/// ```
pub trait RandomSource {
    /// Fills `out` with random bytes.
    fn fill_bytes(&mut self, out: &mut [u8]);

    /// A random 16-bit query ID.
    fn next_id(&mut self) -> u16 {
        let mut bytes = [0u8; 2];
        self.fill_bytes(&mut bytes);
        u16::from_ne_bytes(bytes)
    }

    /// 64 random bits.
    fn next_u64(&mut self) -> u64 {
        let mut bytes = [0u8; 8];
        self.fill_bytes(&mut bytes);
        u64::from_ne_bytes(bytes)
    }
}

impl<F: FnMut(&mut [u8])> RandomSource for F {
    fn fill_bytes(&mut self, out: &mut [u8]) {
        self(out)
    }
}

/// The operating system's random bytes (`std` feature): `/dev/urandom`,
/// the kernel's CSPRNG, where it exists. Elsewhere, or if it cannot be
/// read, std's `RandomState` — SipHash keyed from OS randomness once per
/// thread — hashing a counter and the time: not a CSPRNG, but
/// unpredictable to an off-path attacker.
///
/// ```
/// use dnswire::stub::{OsRandom, RandomSource};
///
/// let ids: std::collections::HashSet<u16> = (0..16).map(|_| OsRandom.next_id()).collect();
/// assert!(ids.len() > 8);
/// ```
#[cfg(feature = "std")]
#[derive(Clone, Copy, Debug, Default)]
pub struct OsRandom;

#[cfg(feature = "std")]
impl RandomSource for OsRandom {
    fn fill_bytes(&mut self, out: &mut [u8]) {
        use core::hash::BuildHasher;
        use core::sync::atomic::{AtomicU64, Ordering};
        use std::io::Read;

        if std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(out)).is_ok() {
            return;
        }
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        for chunk in out.chunks_mut(8) {
            let count = COUNTER.fetch_add(1, Ordering::Relaxed);
            let value = std::collections::hash_map::RandomState::new().hash_one((count, std::time::SystemTime::now()));
            chunk.copy_from_slice(&value.to_ne_bytes()[..chunk.len()]);
        }
    }
}
