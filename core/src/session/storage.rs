//! Storage keys: what the session store is indexed by instead of the raw ID.
//!
//! A store looked up by the raw ID leaks it through index timing
//! (CVE-2019-16782) and hands out live sessions when dumped. The store key is
//! a one-way digest of the ID, optionally keyed by a server-side pepper.

use core::fmt;

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::SessionId;

/// Domain separation: a session's key never equals a refresh family's key for
/// the same bytes.
const SESSION_LABEL: &[u8] = b"jwtcore/session-storage-key/v1\0";
const REFRESH_LABEL: &[u8] = b"jwtcore/refresh-storage-key/v1\0";

/// Length of [`StorageKey::render`]'s output: `s1:` + 64 hex digits.
///
/// ```
/// use jwtcore::session::{STORAGE_KEY_LEN, SessionId, StorageKey};
/// let key = StorageKey::for_session(&SessionId::<32>::from_bytes([9; 32]), None);
/// let mut buf = [0u8; STORAGE_KEY_LEN];
/// assert_eq!(key.render(&mut buf).len(), STORAGE_KEY_LEN);
/// ```
pub const STORAGE_KEY_LEN: usize = 67;

/// A server-side secret mixed into storage keys, so that a leaked store alone
/// cannot even confirm a guessed ID. Zeroized on drop; `Debug` is redacted.
///
/// ```
/// use jwtcore::session::{SessionId, StorageKey, StorePepper};
/// let pepper = StorePepper::from_bytes([3; 32]); // from a secrets manager, not the store
/// let id = SessionId::<32>::from_bytes([9; 32]);
/// assert_ne!(StorageKey::for_session(&id, Some(&pepper)), StorageKey::for_session(&id, None));
/// assert_eq!(format!("{pepper:?}"), "StorePepper(<redacted>)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct StorePepper([u8; 32]);

impl StorePepper {
    /// Wraps 32 secret bytes.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey, StorePepper};
    /// let (a, b) = (StorePepper::from_bytes([3; 32]), StorePepper::from_bytes([4; 32]));
    /// let id = SessionId::<32>::from_bytes([9; 32]);
    /// // Another pepper, another key space: rotating it orphans every stored session.
    /// assert_ne!(StorageKey::for_session(&id, Some(&a)), StorageKey::for_session(&id, Some(&b)));
    /// ```
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        StorePepper(bytes)
    }
}

impl fmt::Debug for StorePepper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StorePepper(<redacted>)")
    }
}

/// The one-way key a session (or refresh family) is stored under.
///
/// Not secret: it can be logged, indexed and compared normally, because it
/// cannot be turned back into the ID.
///
/// ```
/// use jwtcore::session::{SessionId, StorageKey};
/// let id = SessionId::<32>::from_bytes([9; 32]);
/// let key = StorageKey::for_session(&id, None);
/// let mut buf = [0u8; 67];
/// let text = key.render(&mut buf);
/// assert!(text.starts_with("s1:"));
/// assert_eq!(text.len(), 67);
/// assert_eq!(key, StorageKey::for_session(&id, None)); // deterministic
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StorageKey([u8; 32]);

impl StorageKey {
    /// The storage key of a session ID: SHA-256 over a label and the ID, or
    /// HMAC-SHA256 under `pepper` when one is given.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey, StorePepper};
    /// let pepper = StorePepper::from_bytes([3; 32]);
    /// let id = SessionId::<32>::parse("BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc")?; // from the cookie
    /// let key = StorageKey::for_session(&id, Some(&pepper));
    /// assert_eq!(key, StorageKey::for_session(&SessionId::<32>::from_bytes([7; 32]), Some(&pepper)));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn for_session<const N: usize>(id: &SessionId<N>, pepper: Option<&StorePepper>) -> Self {
        Self::derive(SESSION_LABEL, id.expose_secret(), pepper)
    }

    /// The storage key for other secret bytes (refresh-token secrets use
    /// their own label, so the two key spaces never collide).
    pub(crate) fn for_refresh(secret: &[u8], pepper: Option<&StorePepper>) -> Self {
        Self::derive(REFRESH_LABEL, secret, pepper)
    }

    fn derive(label: &[u8], secret: &[u8], pepper: Option<&StorePepper>) -> Self {
        let digest: [u8; 32] = match pepper {
            None => Sha256::new().chain_update(label).chain_update(secret).finalize().into(),
            Some(p) => {
                // A 32-byte key is always accepted by HMAC; the fallback is unreachable.
                let Ok(mac) = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&p.0) else {
                    return StorageKey([0; 32]);
                };
                mac.chain_update(label).chain_update(secret).finalize().into_bytes().into()
            }
        };
        StorageKey(digest)
    }

    /// Reads back the [`StorageKey::render`] form (`s1:` + 64 lowercase hex),
    /// e.g. from a session store, to bind a CSRF token to it. Storage keys
    /// are not secret, so this parses with ordinary branches.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey};
    /// let key = StorageKey::for_session(&SessionId::<32>::from_bytes([9; 32]), None);
    /// let mut buf = [0u8; 67];
    /// assert_eq!(StorageKey::parse(key.render(&mut buf)), Some(key));
    /// assert_eq!(StorageKey::parse("s1:ABCD"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let hex_text = text.strip_prefix("s1:").filter(|h| h.len() == 64)?;
        let mut out = [0u8; 32];
        for (o, pair) in out.iter_mut().zip(hex_text.as_bytes().chunks_exact(2)) {
            let nibble = |c: u8| match c {
                b'0'..=b'9' => Some(c - b'0'),
                b'a'..=b'f' => Some(c - b'a' + 10),
                _ => None,
            };
            let (hi, lo) = match pair {
                [h, l] => (nibble(*h)?, nibble(*l)?),
                _ => return None,
            };
            *o = (hi << 4) | lo;
        }
        Some(StorageKey(out))
    }

    /// The 32 digest bytes.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey};
    /// let key = StorageKey::for_session(&SessionId::<32>::from_bytes([9; 32]), None);
    /// let column: &[u8; 32] = key.as_bytes(); // e.g. a BINARY(32) primary key
    /// assert_eq!(StorageKey::parse(key.render(&mut [0u8; 67])).unwrap().as_bytes(), column);
    /// ```
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Renders `s1:<64 lowercase hex>` (the version prefix lets a store
    /// migrate to another derivation later) into `out` (67 bytes).
    ///
    /// Returns an empty string if `out` is shorter than [`STORAGE_KEY_LEN`].
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey};
    /// let key = StorageKey::for_session(&SessionId::<32>::from_bytes([9; 32]), None);
    /// let mut buf = [0u8; 67];
    /// let text = key.render(&mut buf); // e.g. a Redis key
    /// assert!(text.starts_with("s1:") && text[3..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    /// assert_eq!(key.render(&mut [0u8; 66]), "");
    /// ```
    pub fn render<'o>(&self, out: &'o mut [u8]) -> &'o str {
        let Some(out) = out.get_mut(..STORAGE_KEY_LEN) else {
            return "";
        };
        let (prefix, hex_out) = out.split_at_mut(3);
        prefix.copy_from_slice(b"s1:");
        hex(&self.0, hex_out);
        core::str::from_utf8(out).unwrap_or("")
    }

    /// A 64-bit tag for log lines: correlates entries for one session without
    /// exposing anything usable (OWASP: log a hash, never the ID).
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey};
    /// let key = StorageKey::for_session(&SessionId::<32>::from_bytes([9; 32]), None);
    /// let tag = key.log_tag();
    /// assert_eq!(tag, u64::from_be_bytes(key.as_bytes()[..8].try_into().unwrap()));
    /// assert_eq!(format!("session={tag:016x}").len(), 24); // same tag for every line of this session
    /// ```
    pub fn log_tag(&self) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.0.get(..8).unwrap_or(&[0; 8]));
        u64::from_be_bytes(b)
    }
}

impl fmt::Debug for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; STORAGE_KEY_LEN];
        write!(f, "StorageKey({})", self.render(&mut buf))
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; STORAGE_KEY_LEN];
        f.write_str(self.render(&mut buf))
    }
}

fn hex(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        if let [hi, lo] = pair {
            *hi = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
            *lo = DIGITS.get(usize::from(b & 0x0F)).copied().unwrap_or(b'0');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    #[test]
    fn sha256_of_label_and_id() {
        let id = SessionId::<32>::from_bytes([0; 32]);
        let mut expect = Sha256::new();
        expect.update(SESSION_LABEL);
        expect.update([0u8; 32]);
        let expect: [u8; 32] = expect.finalize().into();
        assert_eq!(StorageKey::for_session(&id, None).as_bytes(), &expect);
    }

    #[test]
    fn pepper_and_label_change_the_key() {
        let id = SessionId::<32>::from_bytes([3; 32]);
        let plain = StorageKey::for_session(&id, None);
        let peppered = StorageKey::for_session(&id, Some(&StorePepper::from_bytes([1; 32])));
        let other_pepper = StorageKey::for_session(&id, Some(&StorePepper::from_bytes([2; 32])));
        assert_ne!(plain, peppered);
        assert_ne!(peppered, other_pepper);
        assert_ne!(plain, StorageKey::for_refresh(&[3; 32], None));
    }

    #[test]
    fn render_and_log_tag() {
        let k = StorageKey([0xAB; 32]);
        let mut buf = [0u8; 80];
        let s = k.render(&mut buf);
        assert_eq!(s.len(), STORAGE_KEY_LEN);
        assert_eq!(&s[..7], "s1:abab");
        assert_eq!(k.log_tag(), 0xABAB_ABAB_ABAB_ABAB);
        assert_eq!(k.render(&mut [0u8; 10]), "");
        assert_eq!(StorageKey::parse(s), Some(k));
        assert_eq!(StorageKey::parse(&s.to_uppercase()), None);
        assert_eq!(StorageKey::parse(&s[..66]), None);
        assert_eq!(StorageKey::parse(&std::format!("{s}0")), None);
        assert_eq!(StorageKey::parse(&s.replacen("s1:", "s2:", 1)), None);
        assert_eq!(format!("{k}"), s);
        assert_eq!(format!("{:?}", StorePepper::from_bytes([5; 32])), "StorePepper(<redacted>)");
    }
}
