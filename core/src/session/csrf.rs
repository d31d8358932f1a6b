//! Session-bound anti-CSRF tokens (OWASP's HMAC-based token pattern), with a
//! masked form so the string in each page differs (BREACH).
//!
//! A token is `nonce ‖ tag`: a 16-byte random nonce and
//! `HMAC-SHA256(key, label ‖ storage key ‖ nonce)` under the session
//! [`KeyRing`]. Binding to the session's [`StorageKey`] — never the raw ID —
//! means a token stolen from one session is useless in another, and the raw
//! ID never enters anything a template or log might hold. Because the tag is
//! recomputed on every check, the server stores nothing.
//!
//! The masked form is `pad ‖ (token ⊕ pad)` with a fresh random pad per
//! response (Django's and Rails' scheme): a compressed page never repeats the
//! same token bytes, so a BREACH attacker has nothing stable to guess
//! towards. [`verify_csrf`] accepts both forms by their fixed lengths.

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::keyring::{KeyMatch, KeyRing};
use super::{SessionError, StorageKey};
use crate::b64;

/// Domain separation from signed cookies and refresh tokens made under the
/// same key ring: a cookie tag is never a valid CSRF tag, nor the reverse.
const LABEL: &[u8] = b"jwtcore/csrf-token/v1\0";
/// Random bytes per token: enough that two issued tokens never collide; the
/// unforgeability comes from the tag, not from the nonce.
const NONCE_LEN: usize = 16;
/// Raw token bytes: nonce then HMAC-SHA256 tag (a multiple of 3, so the
/// base64url form has no partial final group and exactly one encoding).
const RAW_LEN: usize = NONCE_LEN + 32;

/// Length of an unmasked token's base64url form.
///
/// ```
/// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
/// # let key = MacKey::from_bytes([42; 32]);
/// let ring = KeyRing::new(&key);
/// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
/// use jwtcore::session::CSRF_TOKEN_LEN;
/// let mut buf = [0u8; CSRF_TOKEN_LEN];
/// let text = CsrfToken::issue(&ring, &session, [1; 16]).encode(&mut buf)?;
/// assert_eq!(text.len(), 64);
/// verify_csrf(&ring, &session, text)?;
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
pub const CSRF_TOKEN_LEN: usize = 64;
/// Length of a masked token's base64url form (pad then masked token).
///
/// ```
/// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
/// # let key = MacKey::from_bytes([42; 32]);
/// let ring = KeyRing::new(&key);
/// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
/// use jwtcore::session::MASKED_CSRF_TOKEN_LEN;
/// let mut buf = [0u8; MASKED_CSRF_TOKEN_LEN];
/// let text = CsrfToken::issue(&ring, &session, [1; 16]).mask([5; 48], &mut buf)?;
/// assert_eq!(text.len(), 128);
/// // One character short is malformed, not trimmed to fit.
/// assert!(verify_csrf(&ring, &session, &text[..127]).is_err());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
pub const MASKED_CSRF_TOKEN_LEN: usize = 128;

/// A CSRF token for one session: a secret (zeroized on drop, `Debug`
/// redacted, compared only through [`verify_csrf`]).
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey, SessionId, StorageKey, CsrfToken, verify_csrf, MASKED_CSRF_TOKEN_LEN};
///
/// let key = MacKey::from_bytes([42; 32]);
/// let ring = KeyRing::new(&key);
/// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
///
/// // Issue once per session (or per form); nonce and pads come from a CSPRNG
/// // (CsrfToken::generate / generate_os, mask_os) in real code.
/// let token = CsrfToken::issue(&ring, &session, [1; 16]);
/// let mut page_a = [0u8; MASKED_CSRF_TOKEN_LEN];
/// let mut page_b = [0u8; MASKED_CSRF_TOKEN_LEN];
/// let a = token.mask([2; 48], &mut page_a)?;
/// let b = token.mask([3; 48], &mut page_b)?;
/// assert_ne!(a, b); // each response carries a different string
/// verify_csrf(&ring, &session, a)?;
/// verify_csrf(&ring, &session, b)?;
///
/// // Another session's token is refused.
/// let other = StorageKey::for_session(&SessionId::<32>::from_bytes([8; 32]), None);
/// assert!(verify_csrf(&ring, &other, a).is_err());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct CsrfToken {
    raw: [u8; RAW_LEN],
}

impl core::fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("CsrfToken(<redacted>)")
    }
}

fn tag_parts<'a>(session: &'a StorageKey, nonce: &'a [u8]) -> [&'a [u8]; 3] {
    // Every part has a fixed length, so the concatenation is unambiguous
    // without length prefixes.
    [LABEL, session.as_bytes(), nonce]
}

impl CsrfToken {
    /// The token for `session` with the caller's `nonce`, tagged with the
    /// ring's current key. Use a fresh random nonce
    /// ([`CsrfToken::generate`]); a fixed one is for test vectors.
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// let token = CsrfToken::issue(&ring, &session, [1; 16]); // fixed nonce: test vectors only
    /// let mut buf = [0u8; 64];
    /// assert_eq!(token.encode(&mut buf)?, CsrfToken::issue(&ring, &session, [1; 16]).encode(&mut [0u8; 64])?);
    /// assert_eq!(format!("{token:?}"), "CsrfToken(<redacted>)");
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn issue(ring: &KeyRing<'_>, session: &StorageKey, nonce: [u8; NONCE_LEN]) -> Self {
        let tag = ring.current().tag(&tag_parts(session, &nonce));
        let mut raw = [0u8; RAW_LEN];
        let (n, t) = raw.split_at_mut(NONCE_LEN);
        n.copy_from_slice(&nonce);
        t.copy_from_slice(&tag);
        CsrfToken { raw }
    }

    /// A token with a nonce from the caller's cryptographic RNG.
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
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// let token = CsrfToken::generate(&ring, &session, &mut rng);
    /// let mut buf = [0u8; 128];
    /// verify_csrf(&ring, &session, token.mask_with(&mut rng, &mut buf)?)?;
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(ring: &KeyRing<'_>, session: &StorageKey, rng: &mut R) -> Self {
        let mut nonce = [0u8; NONCE_LEN];
        rng.fill_bytes(&mut nonce);
        Self::issue(ring, session, nonce)
    }

    /// A token with a nonce from the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// let token = CsrfToken::generate_os(&ring, &session)?;
    /// let mut buf = [0u8; 128];
    /// verify_csrf(&ring, &session, token.mask_os(&mut buf)?)?;
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[cfg(feature = "getrandom")]
    #[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
    pub fn generate_os(ring: &KeyRing<'_>, session: &StorageKey) -> Result<Self, SessionError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| SessionError::Rng)?;
        Ok(Self::issue(ring, session, nonce))
    }

    /// Reads a token back from either form without verifying it — to re-mask
    /// a token kept in the session (or a double-submit cookie) for the next
    /// response. Verify presented tokens with [`verify_csrf`] instead.
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, same_csrf_token};
    /// let key = MacKey::from_bytes([1; 32]);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([2; 32]), None);
    /// let mut kept = [0u8; 64];
    /// let kept = CsrfToken::issue(&KeyRing::new(&key), &session, [3; 16]).encode(&mut kept)?;
    /// let mut page = [0u8; 128];
    /// let page = CsrfToken::parse(kept)?.mask([9; 48], &mut page)?;
    /// assert!(same_csrf_token(kept, page)?);
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    ///
    /// # Errors
    /// [`SessionError::CsrfMalformed`].
    pub fn parse(presented: &str) -> Result<Self, SessionError> {
        unmask(presented).map(|raw| CsrfToken { raw })
    }

    /// The unmasked base64url form ([`CSRF_TOKEN_LEN`] characters) — for a
    /// double-submit cookie or a session field; put [`CsrfToken::mask`] into
    /// pages.
    ///
    /// # Errors
    /// [`SessionError::BufferTooSmall`].
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// use jwtcore::session::SessionError;
    /// let token = CsrfToken::issue(&ring, &session, [1; 16]);
    /// let mut cookie = [0u8; 64];
    /// let value = token.encode(&mut cookie)?; // e.g. a double-submit cookie
    /// assert_eq!(CsrfToken::parse(value)?.encode(&mut [0u8; 64])?, value);
    /// assert_eq!(token.encode(&mut [0u8; 63]).unwrap_err(), SessionError::BufferTooSmall);
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn encode<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, SessionError> {
        b64::encode(&self.raw, out).map_err(|_| SessionError::BufferTooSmall)
    }

    /// The masked form for one response: `pad ‖ (token ⊕ pad)`, base64url,
    /// [`MASKED_CSRF_TOKEN_LEN`] characters. `pad` must be fresh random bytes
    /// for every response ([`CsrfToken::mask_with`], `mask_os`).
    ///
    /// # Errors
    /// [`SessionError::BufferTooSmall`].
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// let token = CsrfToken::issue(&ring, &session, [1; 16]);
    /// let (mut a, mut b) = ([0u8; 128], [0u8; 128]);
    /// let (a, b) = (token.mask([2; 48], &mut a)?, token.mask([3; 48], &mut b)?);
    /// assert_ne!(a, b); // nothing stable for BREACH to guess towards
    /// verify_csrf(&ring, &session, a)?;
    /// verify_csrf(&ring, &session, b)?;
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn mask<'o>(&self, pad: [u8; RAW_LEN], out: &'o mut [u8]) -> Result<&'o str, SessionError> {
        let mut masked = [0u8; 2 * RAW_LEN];
        let (p, m) = masked.split_at_mut(RAW_LEN);
        p.copy_from_slice(&pad);
        for ((o, t), k) in m.iter_mut().zip(&self.raw).zip(&pad) {
            *o = t ^ k;
        }
        let written = b64::encode(&masked, out).map_err(|_| SessionError::BufferTooSmall);
        masked.zeroize();
        written
    }

    /// [`CsrfToken::mask`] with a pad from the caller's cryptographic RNG.
    ///
    /// # Errors
    /// [`SessionError::BufferTooSmall`].
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
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// use jwtcore::session::same_csrf_token;
    /// let token = CsrfToken::generate(&ring, &session, &mut rng);
    /// let (mut a, mut b) = ([0u8; 128], [0u8; 128]);
    /// let a = token.mask_with(&mut rng, &mut a)?;
    /// let b = token.mask_with(&mut rng, &mut b)?;
    /// assert_ne!(a, b);
    /// assert!(same_csrf_token(a, b)?);
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn mask_with<'o, R: rand_core::CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        out: &'o mut [u8],
    ) -> Result<&'o str, SessionError> {
        let mut pad = [0u8; RAW_LEN];
        rng.fill_bytes(&mut pad);
        self.mask(pad, out)
    }

    /// [`CsrfToken::mask`] with a pad from the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] or [`SessionError::BufferTooSmall`].
    ///
    /// ```
    /// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
    /// # let key = MacKey::from_bytes([42; 32]);
    /// let ring = KeyRing::new(&key);
    /// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
    /// let token = CsrfToken::generate_os(&ring, &session)?;
    /// let mut page = [0u8; 128];
    /// let hidden_field = token.mask_os(&mut page)?; // <input type="hidden" name="csrf" value="…">
    /// verify_csrf(&ring, &session, hidden_field)?;
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[cfg(feature = "getrandom")]
    #[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
    pub fn mask_os<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, SessionError> {
        let mut pad = [0u8; RAW_LEN];
        getrandom::fill(&mut pad).map_err(|_| SessionError::Rng)?;
        self.mask(pad, out)
    }
}

/// Decodes exactly `N` bytes of canonical base64url, in constant time with
/// respect to the content.
fn decode_exact<const N: usize>(text: &str) -> Result<[u8; N], SessionError> {
    let mut out = [0u8; N];
    match b64::decode_secret(text.as_bytes(), &mut out) {
        Ok(d) if d.len() == N => Ok(out),
        _ => {
            out.zeroize();
            Err(SessionError::CsrfMalformed)
        }
    }
}

/// Verifies a presented token — masked ([`MASKED_CSRF_TOKEN_LEN`]) or
/// unmasked ([`CSRF_TOKEN_LEN`]) — for `session` against every key of the
/// ring, and returns which key matched (issue a fresh token when it was a
/// previous key).
///
/// Any other length is malformed: nothing is trimmed, padded or truncated to
/// fit. Unmasking and the tag check run in constant time over the whole
/// value and the whole ring, without early exit; only the length (public)
/// and the final outcome branch.
///
/// # Errors
/// [`SessionError::CsrfMalformed`] for the wrong length or a non-canonical
/// base64url value; [`SessionError::CsrfMismatch`] for any tag mismatch (one
/// opaque error: other session, unknown key and forged tag look the same).
///
/// ```
/// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, verify_csrf};
/// # let key = MacKey::from_bytes([42; 32]);
/// let ring = KeyRing::new(&key);
/// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), None);
/// use jwtcore::session::{KeyMatch, SessionError};
/// let mut page = [0u8; 128];
/// let presented = CsrfToken::issue(&ring, &session, [1; 16]).mask([9; 48], &mut page)?;
/// assert_eq!(verify_csrf(&ring, &session, presented)?, KeyMatch::Current);
/// assert_eq!(verify_csrf(&ring, &session, "short"), Err(SessionError::CsrfMalformed));
/// // Under a rotated ring the old key still verifies, as `Previous(0)`.
/// let (new, previous) = (MacKey::from_bytes([43; 32]), [MacKey::from_bytes([42; 32])]);
/// let rotated = KeyRing::new(&new).with_previous(&previous);
/// assert_eq!(verify_csrf(&rotated, &session, presented)?, KeyMatch::Previous(0));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
pub fn verify_csrf(ring: &KeyRing<'_>, session: &StorageKey, presented: &str) -> Result<KeyMatch, SessionError> {
    let mut raw = unmask(presented)?;
    let (nonce, tag) = raw.split_at(NONCE_LEN);
    let used = ring.verify(&tag_parts(session, nonce), tag);
    raw.zeroize();
    used.ok_or(SessionError::CsrfMismatch)
}

/// Whether two presented strings carry the same token, masked or not (for a
/// double-submit cookie compared against a header), in constant time.
///
/// ```
/// use jwtcore::session::{CsrfToken, KeyRing, MacKey, SessionId, StorageKey, same_csrf_token};
/// let key = MacKey::from_bytes([1; 32]);
/// let session = StorageKey::for_session(&SessionId::<32>::from_bytes([2; 32]), None);
/// let token = CsrfToken::issue(&KeyRing::new(&key), &session, [3; 16]);
/// let (mut a, mut b) = ([0u8; 64], [0u8; 128]);
/// assert!(same_csrf_token(token.encode(&mut a)?, token.mask([4; 48], &mut b)?)?);
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
///
/// # Errors
/// [`SessionError::CsrfMalformed`] when either value is malformed.
pub fn same_csrf_token(a: &str, b: &str) -> Result<bool, SessionError> {
    let mut x = unmask(a)?;
    let mut y = unmask(b)?;
    let same = x.ct_eq(&y);
    x.zeroize();
    y.zeroize();
    Ok(bool::from(same))
}

/// The raw token bytes of either form; the length (public) picks the form.
fn unmask(presented: &str) -> Result<[u8; RAW_LEN], SessionError> {
    match presented.len() {
        CSRF_TOKEN_LEN => decode_exact::<RAW_LEN>(presented),
        MASKED_CSRF_TOKEN_LEN => {
            let mut masked = decode_exact::<{ 2 * RAW_LEN }>(presented)?;
            let (pad, body) = masked.split_at(RAW_LEN);
            let mut raw = [0u8; RAW_LEN];
            for ((o, m), k) in raw.iter_mut().zip(body).zip(pad) {
                *o = m ^ k;
            }
            masked.zeroize();
            Ok(raw)
        }
        _ => Err(SessionError::CsrfMalformed),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MacKey, SessionId};
    use super::*;
    use std::string::String;

    fn session(b: u8) -> StorageKey {
        StorageKey::for_session(&SessionId::<32>::from_bytes([b; 32]), None)
    }

    fn flip(s: &str, i: usize) -> String {
        let mut c: std::vec::Vec<char> = s.chars().collect();
        c[i] = if c[i] == 'A' { 'B' } else { 'A' };
        c.into_iter().collect()
    }

    #[test]
    fn round_trip_both_forms() {
        let key = MacKey::from_bytes([1; 32]);
        let ring = KeyRing::new(&key);
        let s = session(9);
        let t = CsrfToken::issue(&ring, &s, [5; 16]);
        let mut plain = [0u8; 64];
        let plain = t.encode(&mut plain).unwrap();
        assert_eq!(plain.len(), CSRF_TOKEN_LEN);
        assert_eq!(verify_csrf(&ring, &s, plain), Ok(KeyMatch::Current));
        let mut m1 = [0u8; 128];
        let mut m2 = [0u8; 128];
        let m1 = t.mask([0x55; 48], &mut m1).unwrap();
        let m2 = t.mask([0xAA; 48], &mut m2).unwrap();
        assert_eq!(m1.len(), MASKED_CSRF_TOKEN_LEN);
        assert_ne!(m1, m2);
        assert_eq!(verify_csrf(&ring, &s, m1), Ok(KeyMatch::Current));
        assert_eq!(verify_csrf(&ring, &s, m2), Ok(KeyMatch::Current));
        assert_eq!(same_csrf_token(m1, m2), Ok(true));
        assert_eq!(same_csrf_token(plain, m2), Ok(true));
        let other = CsrfToken::issue(&ring, &s, [6; 16]);
        let mut o = [0u8; 64];
        assert_eq!(same_csrf_token(other.encode(&mut o).unwrap(), m1), Ok(false));
        assert_eq!(std::format!("{t:?}"), "CsrfToken(<redacted>)");
    }

    #[test]
    fn refuses_other_sessions_keys_and_tampering() {
        let key = MacKey::from_bytes([1; 32]);
        let ring = KeyRing::new(&key);
        let s = session(9);
        let t = CsrfToken::issue(&ring, &s, [5; 16]);
        let mut buf = [0u8; 128];
        let m = String::from(t.mask([7; 48], &mut buf).unwrap());
        assert_eq!(verify_csrf(&ring, &session(8), &m), Err(SessionError::CsrfMismatch));
        let stranger = MacKey::from_bytes([2; 32]);
        assert_eq!(verify_csrf(&KeyRing::new(&stranger), &s, &m), Err(SessionError::CsrfMismatch));
        // Peppered storage keys are different sessions as far as the token is concerned.
        let peppered = StorageKey::for_session(
            &SessionId::<32>::from_bytes([9; 32]),
            Some(&super::super::StorePepper::from_bytes([1; 32])),
        );
        assert_eq!(verify_csrf(&ring, &peppered, &m), Err(SessionError::CsrfMismatch));
        for i in [0, 40, 64, 100, 126] {
            assert_eq!(verify_csrf(&ring, &s, &flip(&m, i)), Err(SessionError::CsrfMismatch), "char {i}");
        }
        assert_eq!(verify_csrf(&ring, &s, &(m.clone() + "A")), Err(SessionError::CsrfMalformed));
        assert_eq!(verify_csrf(&ring, &s, &m[..127]), Err(SessionError::CsrfMalformed));
        assert_eq!(verify_csrf(&ring, &s, ""), Err(SessionError::CsrfMalformed));
        assert_eq!(verify_csrf(&ring, &s, &m.replacen(&m[..1], "+", 1)), Err(SessionError::CsrfMalformed));
        assert_eq!(verify_csrf(&ring, &s, &std::format!("{}=", &m[..127])), Err(SessionError::CsrfMalformed));
        // A tag over the same inputs without the label (or under another label) is refused.
        let key_tag = key.tag(&[s.as_bytes(), &[5; 16]]);
        let mut raw = [0u8; 48];
        raw[..16].copy_from_slice(&[5; 16]);
        raw[16..].copy_from_slice(&key_tag);
        let mut enc = [0u8; 64];
        assert_eq!(verify_csrf(&ring, &s, b64::encode(&raw, &mut enc).unwrap()), Err(SessionError::CsrfMismatch));
    }

    #[test]
    fn rotation_and_buffers() {
        let old = MacKey::from_bytes([1; 32]);
        let new = MacKey::from_bytes([2; 32]);
        let s = session(3);
        let t = CsrfToken::issue(&KeyRing::new(&old), &s, [4; 16]);
        let mut buf = [0u8; 128];
        let m = t.mask([5; 48], &mut buf).unwrap();
        let previous = [old];
        let ring = KeyRing::new(&new).with_previous(&previous);
        assert_eq!(verify_csrf(&ring, &s, m), Ok(KeyMatch::Previous(0)));
        assert_eq!(verify_csrf(&KeyRing::new(&new), &s, m), Err(SessionError::CsrfMismatch));
        assert_eq!(t.mask([0; 48], &mut [0u8; 127]).unwrap_err(), SessionError::BufferTooSmall);
        assert_eq!(t.encode(&mut [0u8; 63]).unwrap_err(), SessionError::BufferTooSmall);
        assert_eq!(same_csrf_token("short", m), Err(SessionError::CsrfMalformed));
    }
}
