//! Test-only helpers for jwtcore, in one place so the unit tests, the property tests, the fuzz
//! targets and the constant-time harness draw the same deterministic numbers.
//!
//! Nothing here is secure: [`SplitMix64`] claims `CryptoRng` only so it can drive the session
//! APIs (which demand one) reproducibly from a seed. It is never a dependency of a shipped crate.
#![no_std]

extern crate alloc;

/// A deterministic RNG (Steele, Lea and Flood's SplitMix64) seeded with a `u64`.
///
/// The same seed always yields the same stream, so a failing test or fuzz input replays exactly.
/// It is **not** a CSPRNG; the `TryCryptoRng` marker exists only to satisfy the session APIs.
///
/// ```
/// use rand_core::TryRng;
/// let mut a = jwtcore_testkit::SplitMix64(7);
/// let mut b = jwtcore_testkit::SplitMix64(7);
/// assert_eq!(a.try_next_u64(), b.try_next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl rand_core::TryRng for SplitMix64 {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        // The low half, as the copies this replaced did, so seeded tests keep their streams.
        Ok(self.try_next_u64()? as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let word = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for SplitMix64 {}

impl SplitMix64 {
    /// Random bytes of a random length below `max_len` (`max_len > 0`): a
    /// stand-in for a JWS signing input in the backends' cross-signing tests.
    ///
    /// ```
    /// let mut rng = jwtcore_testkit::SplitMix64(7);
    /// assert!(rng.message(600).len() < 600);
    /// assert_eq!(jwtcore_testkit::SplitMix64(7).message(600), jwtcore_testkit::SplitMix64(7).message(600));
    /// ```
    pub fn message(&mut self, max_len: u32) -> alloc::vec::Vec<u8> {
        use rand_core::Rng as _;
        let len = (self.next_u32() % max_len) as usize;
        let mut msg = alloc::vec![0u8; len];
        self.fill_bytes(&mut msg);
        msg
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;
    use rand_core::TryRng;

    #[test]
    fn matches_the_reference_stream() {
        // The first output for seed 0 in the SplitMix64 reference implementation.
        assert_eq!(SplitMix64(0).try_next_u64(), Ok(0xE220_A839_7B1D_CDAF));
    }

    #[test]
    fn fill_bytes_covers_a_partial_word() {
        let mut buf = [0u8; 11];
        SplitMix64(1).try_fill_bytes(&mut buf).unwrap();
        let mut again = SplitMix64(1);
        let first = again.try_next_u64().unwrap().to_le_bytes();
        let second = again.try_next_u64().unwrap().to_le_bytes();
        assert_eq!(buf[..8], first);
        assert_eq!(buf[8..], second[..3]);
    }
}
