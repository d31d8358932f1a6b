//! Server MAC keys and key rings (current key plus previous keys).

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::ct::ct_eq;

/// A 256-bit server secret for HMAC-SHA256 tags (signed cookies, refresh
/// tokens). Zeroized on drop; `Debug` is redacted.
///
/// ```
/// use jwtcore::session::MacKey;
/// let key = MacKey::from_bytes([0x42; 32]); // from a secrets manager
/// assert_eq!(format!("{key:?}"), "MacKey(<redacted>)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MacKey([u8; 32]);

impl MacKey {
    /// Wraps 32 secret bytes (from a CSPRNG or a secrets manager).
    ///
    /// ```
    /// let key = jwtcore::session::MacKey::from_bytes([0x42; 32]);
    /// # let _ = key;
    /// ```
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        MacKey(bytes)
    }

    /// A fresh key from the caller's cryptographic RNG.
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// let key = jwtcore::session::MacKey::generate(&mut rng);
    /// # let _ = key;
    /// ```
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut bytes = [0u8; 32];
        rng.fill_bytes(&mut bytes);
        MacKey(bytes)
    }

    /// HMAC-SHA256 over the concatenation of `parts`.
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> [u8; 32] {
        // HMAC accepts any key length, so this never fails; a zero tag would
        // simply never verify.
        let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0) else {
            return [0; 32];
        };
        for p in parts {
            mac.update(p);
        }
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for MacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MacKey(<redacted>)")
    }
}

/// Which key of a [`KeyRing`] verified a tag.
///
/// ```
/// use jwtcore::session::{sign_cookie, verify_cookie, KeyMatch, KeyRing, MacKey, SessionId};
/// let (old, new) = (MacKey::from_bytes([1; 32]), MacKey::from_bytes([2; 32]));
/// let id = SessionId::<32>::from_bytes([7; 32]);
/// let mut buf = [0u8; 87];
/// let value = sign_cookie(&KeyRing::new(&old), "sid", &id, &mut buf)?;
/// let previous = [old];
/// let ring = KeyRing::new(&new).with_previous(&previous);
/// let (_, used) = verify_cookie::<32>(&ring, "sid", value)?;
/// assert_eq!(used, KeyMatch::Previous(0)); // re-issue the cookie under `new`
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    /// The current key: nothing to do.
    Current,
    /// A previous key (its index in `previous`): re-issue under the current
    /// key so the old key can be retired.
    Previous(usize),
}

/// The keys a server accepts: it signs only with `current` — a named field,
/// not a list position, so a misordered list cannot make a stale key sign
/// (the Flask 3.1.0 bug) — and verifies against `current` and every
/// `previous` key.
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey};
/// let current = MacKey::from_bytes([2; 32]);
/// let previous = [MacKey::from_bytes([1; 32])];
/// let ring = KeyRing::new(&current).with_previous(&previous);
/// # let _ = ring;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct KeyRing<'k> {
    current: &'k MacKey,
    previous: &'k [MacKey],
}

impl<'k> KeyRing<'k> {
    /// A ring with only the current key.
    ///
    /// ```
    /// use jwtcore::session::{KeyRing, MacKey};
    /// let key = MacKey::from_bytes([1; 32]);
    /// let ring = KeyRing::new(&key);
    /// # let _ = ring;
    /// ```
    pub fn new(current: &'k MacKey) -> Self {
        KeyRing { current, previous: &[] }
    }

    /// Adds keys that still verify (during a rotation) but never sign.
    ///
    /// ```
    /// use jwtcore::session::{KeyRing, MacKey};
    /// let current = MacKey::from_bytes([2; 32]);
    /// let previous = [MacKey::from_bytes([1; 32])];
    /// let ring = KeyRing::new(&current).with_previous(&previous);
    /// # let _ = ring;
    /// ```
    #[must_use]
    pub fn with_previous(self, previous: &'k [MacKey]) -> Self {
        KeyRing { previous, ..self }
    }

    /// The signing key.
    pub(crate) fn current(&self) -> &MacKey {
        self.current
    }

    /// Checks `tag` against the tag under every key, without early exit or
    /// key-dependent branches; returns which key matched.
    pub(crate) fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> Option<KeyMatch> {
        let current_hit = ct_eq(tag, &self.current.tag(parts));
        let mut any_previous = Choice::from(0);
        let mut index = 0u64;
        for (i, key) in self.previous.iter().enumerate() {
            let hit = ct_eq(tag, &key.tag(parts));
            // Record the first previous key that matches, branch-free.
            let first = hit & !any_previous;
            index.conditional_assign(&(i as u64), first);
            any_previous |= hit;
        }
        // The single branch, on the outcome the caller reveals anyway.
        if bool::from(current_hit) {
            Some(KeyMatch::Current)
        } else if bool::from(any_previous) {
            Some(KeyMatch::Previous(usize::try_from(index).unwrap_or(usize::MAX)))
        } else {
            None
        }
    }
}

/// An owned [`KeyRing`]: the keys themselves, for server state that must
/// outlive any one request (a `KeyRing` borrows its keys).
///
/// Keep one in shared state (an `Arc`, axum's `State`, a `static` set once)
/// and call [`MacKeys::ring`] where a [`KeyRing`] is needed; that costs two
/// pointer copies, nothing is re-derived.
///
/// ```
/// use jwtcore::session::{MacKey, MacKeys};
/// let keys = MacKeys::new(MacKey::from_bytes([1; 32])).with_previous(vec![MacKey::from_bytes([2; 32])]);
/// let state = std::sync::Arc::new(keys);
/// let ring = state.ring(); // a KeyRing<'_> for sign_cookie, verify_cookie, RefreshConfig::new
/// # let _ = ring;
/// ```
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
#[derive(Debug, Clone)]
pub struct MacKeys {
    current: MacKey,
    previous: alloc::vec::Vec<MacKey>,
}

#[cfg(feature = "alloc")]
impl MacKeys {
    /// Only the current key.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// let keys = MacKeys::new(MacKey::from_bytes([1; 32]));
    /// # let _ = keys.ring();
    /// ```
    pub fn new(current: MacKey) -> Self {
        MacKeys { current, previous: alloc::vec::Vec::new() }
    }

    /// Keys that still verify during a rotation but never sign.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// let keys = MacKeys::new(MacKey::from_bytes([2; 32])).with_previous(vec![MacKey::from_bytes([1; 32])]);
    /// # let _ = keys.ring();
    /// ```
    #[must_use]
    pub fn with_previous(self, previous: alloc::vec::Vec<MacKey>) -> Self {
        MacKeys { previous, ..self }
    }

    /// The ring over these keys.
    ///
    /// ```
    /// use jwtcore::session::{sign_cookie, verify_cookie, MacKey, MacKeys, SessionId};
    /// let keys = MacKeys::new(MacKey::from_bytes([1; 32]));
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// let mut out = [0u8; 128];
    /// let value = sign_cookie(&keys.ring(), "sid", &id, &mut out)?;
    /// assert!(verify_cookie::<32>(&keys.ring(), "sid", value).is_ok());
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn ring(&self) -> KeyRing<'_> {
        KeyRing::new(&self.current).with_previous(&self.previous)
    }
}

impl ConstantTimeEq for MacKey {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    #[test]
    fn ring_signs_with_current_and_verifies_previous() {
        let cur = MacKey::from_bytes([1; 32]);
        let old = [MacKey::from_bytes([2; 32]), MacKey::from_bytes([3; 32])];
        let ring = KeyRing::new(&cur).with_previous(&old);
        let parts: &[&[u8]] = &[b"a", b"b"];
        assert_eq!(ring.verify(parts, &cur.tag(parts)), Some(KeyMatch::Current));
        assert_eq!(ring.verify(parts, &old[1].tag(parts)), Some(KeyMatch::Previous(1)));
        assert_eq!(ring.verify(parts, &old[0].tag(parts)), Some(KeyMatch::Previous(0)));
        assert_eq!(ring.verify(parts, &MacKey::from_bytes([4; 32]).tag(parts)), None);
        let mut t = cur.tag(parts);
        t[31] ^= 1;
        assert_eq!(ring.verify(parts, &t), None);
        assert_eq!(ring.verify(parts, &cur.tag(parts)[..31]), None);
        assert_eq!(format!("{cur:?}"), "MacKey(<redacted>)");
    }

    #[test]
    fn parts_are_concatenated() {
        let k = MacKey::from_bytes([1; 32]);
        assert_eq!(k.tag(&[b"ab", b"c"]), k.tag(&[b"a", b"bc"]));
        assert_ne!(k.tag(&[b"ab"]), k.tag(&[b"abc"]));
    }
}
