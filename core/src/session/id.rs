//! Random session IDs: generation, strict parsing, constant-time equality.

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::SessionError;
use crate::b64;

/// The longest encoded ID (64 bytes → 86 characters).
///
/// ```
/// use jwtcore::session::{MAX_ENCODED_ID_LEN, SessionId};
/// let longest = SessionId::<64>::from_bytes([1; 64]).encode();
/// assert_eq!(longest.as_str().len(), MAX_ENCODED_ID_LEN);
/// ```
pub const MAX_ENCODED_ID_LEN: usize = 86;

/// A random session ID of `N` bytes (256 bits by default).
///
/// `N` must be between 16 (128 bits, the floor OWASP and ASVS set) and 64;
/// other sizes fail to compile. The ID is a secret: it has no `PartialEq`,
/// `Hash` or `Display`, compares only in constant time
/// ([`ConstantTimeEq`]), prints as `SessionId(<redacted>)` and is zeroized
/// when dropped. Store it under its [`StorageKey`](super::StorageKey), never
/// as is.
///
/// ```
/// use jwtcore::session::{ConstantTimeEq, SessionId};
///
/// let id = SessionId::<32>::from_bytes([7; 32]);
/// let text = id.encode();
/// assert_eq!(text.as_str().len(), 43);
/// let back = SessionId::<32>::parse(text.as_str())?;
/// assert!(bool::from(back.ct_eq(&id)));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
///
/// Equality with `==` does not compile, so no caller compares IDs with an
/// early-exit comparison by accident:
///
/// ```compile_fail
/// use jwtcore::session::SessionId;
/// let a = SessionId::<32>::from_bytes([1; 32]);
/// let b = SessionId::<32>::from_bytes([1; 32]);
/// let _ = a == b;
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SessionId<const N: usize = 32> {
    bytes: [u8; N],
}

impl<const N: usize> SessionId<N> {
    /// Rejects sizes below 128 bits (and above what the fixed buffers hold)
    /// at compile time, when the constructor is instantiated.
    const SIZE_OK: () = assert!(N >= 16 && N <= 64, "session IDs are 16..=64 bytes");

    /// Length of the base64url (unpadded) encoding.
    ///
    /// ```
    /// use jwtcore::session::SessionId;
    /// assert_eq!(SessionId::<32>::ENCODED_LEN, 43);
    /// assert_eq!(SessionId::<16>::ENCODED_LEN, 22);
    /// assert_eq!(SessionId::<16>::from_bytes([1; 16]).encode().as_str().len(), SessionId::<16>::ENCODED_LEN);
    /// ```
    pub const ENCODED_LEN: usize = (4 * N).div_ceil(3);

    /// Wraps bytes the caller already drew from a CSPRNG (or read back from a
    /// test fixture).
    ///
    /// ```
    /// use jwtcore::session::SessionId;
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// assert_eq!(id.expose_secret(), &[7; 32]);
    /// assert_eq!(format!("{id:?}"), "SessionId(<redacted>)");
    /// ```
    pub fn from_bytes(bytes: [u8; N]) -> Self {
        let () = Self::SIZE_OK;
        SessionId { bytes }
    }

    /// A fresh ID from the caller's cryptographic RNG.
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
    /// use jwtcore::session::SessionId;
    /// let id: SessionId = SessionId::generate(&mut rng);
    /// ```
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut bytes = [0u8; N];
        rng.fill_bytes(&mut bytes);
        Self::from_bytes(bytes)
    }

    /// A fresh ID from the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcore::session::{ConstantTimeEq, SessionId};
    /// let a: SessionId = SessionId::generate_os()?;
    /// let b: SessionId = SessionId::generate_os()?;
    /// assert!(!bool::from(a.ct_eq(&b)));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[cfg(feature = "getrandom")]
    #[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
    pub fn generate_os() -> Result<Self, SessionError> {
        let mut bytes = [0u8; N];
        getrandom::fill(&mut bytes).map_err(|_| SessionError::Rng)?;
        Ok(Self::from_bytes(bytes))
    }

    /// Parses the base64url form strictly: exact length, URL-safe alphabet,
    /// no padding or whitespace, canonical trailing bits. Decoding runs in
    /// constant time with respect to the ID's content.
    ///
    /// # Errors
    /// [`SessionError::IdLength`], [`SessionError::IdAlphabet`] or
    /// [`SessionError::IdNonCanonical`].
    ///
    /// ```
    /// use jwtcore::session::{SessionError, SessionId};
    /// let cookie_value = SessionId::<32>::from_bytes([7; 32]).encode();
    /// assert!(SessionId::<32>::parse(cookie_value.as_str()).is_ok());
    /// assert_eq!(SessionId::<32>::parse("short").unwrap_err(), SessionError::IdLength);
    /// let padded_b64 = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw="; // 43 chars, `=` is not allowed
    /// assert_eq!(SessionId::<32>::parse(padded_b64).unwrap_err(), SessionError::IdAlphabet);
    /// let non_canonical = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwd"; // stray low bits in the last character
    /// assert_eq!(SessionId::<32>::parse(non_canonical).unwrap_err(), SessionError::IdNonCanonical);
    /// ```
    pub fn parse(text: &str) -> Result<Self, SessionError> {
        let () = Self::SIZE_OK;
        if text.len() != Self::ENCODED_LEN {
            return Err(SessionError::IdLength);
        }
        let mut bytes = [0u8; N];
        match b64::decode_secret(text.as_bytes(), &mut bytes) {
            Ok(out) if out.len() == N => Ok(SessionId { bytes }),
            // Only a value that is already junk reaches this classification,
            // so branching on its characters leaks nothing about a live ID.
            _ => {
                bytes.zeroize();
                if text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
                    Err(SessionError::IdNonCanonical)
                } else {
                    Err(SessionError::IdAlphabet)
                }
            }
        }
    }

    /// The base64url encoding, on the stack.
    ///
    /// ```
    /// use jwtcore::session::SessionId;
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// assert_eq!(id.encode().as_str(), "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc");
    /// ```
    pub fn encode(&self) -> EncodedId {
        let mut out = EncodedId { buf: [0; MAX_ENCODED_ID_LEN], len: 0 };
        // SIZE_OK bounds N, so the buffer always fits.
        out.len = b64::encode_to(&self.bytes, &mut out.buf).unwrap_or(0);
        out
    }

    /// The raw bytes. They are the secret: hash them
    /// ([`StorageKey`](super::StorageKey)) before they reach a store or a log.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey};
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// // Hand the raw bytes only to code that hashes them, never to a store or log.
    /// assert_eq!(id.expose_secret().len(), 32);
    /// let key = StorageKey::for_session(&id, None);
    /// assert_ne!(key.as_bytes(), id.expose_secret());
    /// ```
    pub fn expose_secret(&self) -> &[u8; N] {
        &self.bytes
    }
}

impl<const N: usize> ConstantTimeEq for SessionId<N> {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.bytes.ct_eq(&other.bytes)
    }
}

impl<const N: usize> fmt::Debug for SessionId<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionId(<redacted>)")
    }
}

/// A session ID's base64url text, held on the stack and zeroized on drop.
///
/// ```
/// use jwtcore::session::SessionId;
/// let text = SessionId::<32>::from_bytes([7; 32]).encode();
/// assert_eq!(format!("{text:?}"), "EncodedId(<redacted>)"); // safe to reach a log by accident
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct EncodedId {
    buf: [u8; MAX_ENCODED_ID_LEN],
    len: usize,
}

impl EncodedId {
    /// The text (what goes into the cookie).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, SessionId};
    /// let text = SessionId::<32>::from_bytes([7; 32]).encode();
    /// let mut buf = [0u8; 128];
    /// let header = CookieConfig::new().set_cookie(text.as_str(), &mut buf)?;
    /// assert!(header.starts_with("__Host-id=BwcH"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        self.buf.get(..self.len).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl fmt::Debug for EncodedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EncodedId(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::string::String;

    #[test]
    fn lengths() {
        assert_eq!(SessionId::<16>::ENCODED_LEN, 22);
        assert_eq!(SessionId::<32>::ENCODED_LEN, 43);
        assert_eq!(SessionId::<64>::ENCODED_LEN, 86);
        assert_eq!(SessionId::<32>::from_bytes([0xAB; 32]).encode().as_str().len(), 43);
    }

    #[test]
    fn known_encoding() {
        let id = SessionId::<16>::from_bytes([0xFF; 16]);
        assert_eq!(id.encode().as_str(), "_____________________w");
    }

    #[test]
    fn strict_parse() {
        let good = SessionId::<32>::from_bytes([0x5A; 32]).encode();
        let s = good.as_str();
        assert!(SessionId::<32>::parse(s).is_ok());
        assert_eq!(SessionId::<32>::parse(&s[1..]).unwrap_err(), SessionError::IdLength);
        assert_eq!(SessionId::<32>::parse(&format!("{s}=")).unwrap_err(), SessionError::IdLength);
        assert_eq!(SessionId::<32>::parse(&format!(" {}", &s[1..])).unwrap_err(), SessionError::IdAlphabet);
        let plus: String = s.chars().enumerate().map(|(i, c)| if i == 3 { '+' } else { c }).collect();
        assert_eq!(SessionId::<32>::parse(&plus).unwrap_err(), SessionError::IdAlphabet);
        // 43 chars carry 258 bits: the last character's low 2 bits must be zero.
        let mut bytes = String::from(s);
        bytes.pop();
        bytes.push('B');
        assert_eq!(SessionId::<32>::parse(&bytes).unwrap_err(), SessionError::IdNonCanonical);
    }

    #[test]
    fn debug_redacts() {
        let id = SessionId::<32>::from_bytes([1; 32]);
        assert_eq!(format!("{id:?}"), "SessionId(<redacted>)");
        assert!(!format!("{:?}", id.encode()).contains("AQEB"));
    }

    #[test]
    fn ct_equality() {
        let a = SessionId::<32>::from_bytes([1; 32]);
        let mut other = [1; 32];
        other[31] = 2;
        assert!(bool::from(a.ct_eq(&a.clone())));
        assert!(!bool::from(a.ct_eq(&SessionId::from_bytes(other))));
    }
}
