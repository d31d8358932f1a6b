//! Signed session cookie values: `id.tag`, the tag bound to the cookie name.

use super::keyring::{KeyMatch, KeyRing};
use super::{SessionError, SessionId};
use crate::b64;

const LABEL: &[u8] = b"jwtcore/signed-cookie/v1\0";
/// Encoded length of the HMAC-SHA256 tag.
const TAG_B64_LEN: usize = 43;

/// Length of a signed cookie value for an `N`-byte ID (87 for 32 bytes).
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey, SessionId, sign_cookie, signed_value_len};
/// const LEN: usize = signed_value_len(32);
/// let key = MacKey::from_bytes([1; 32]);
/// let mut buf = [0u8; LEN];
/// let value = sign_cookie(&KeyRing::new(&key), "__Host-id", &SessionId::<32>::from_bytes([7; 32]), &mut buf)?;
/// assert_eq!((value.len(), LEN), (87, 87));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
pub const fn signed_value_len(n: usize) -> usize {
    (4 * n).div_ceil(3) + 1 + TAG_B64_LEN
}

/// The MAC input: label, the cookie name with its length (so a tag made for
/// one cookie name never verifies under another — the value-transplant bug),
/// then the raw ID bytes.
fn tag_parts<'a>(len_prefix: &'a [u8; 2], name: &'a str, id: &'a [u8]) -> [&'a [u8]; 4] {
    [LABEL, len_prefix, name.as_bytes(), id]
}

fn name_len(name: &str) -> Result<[u8; 2], SessionError> {
    u16::try_from(name.len()).map(u16::to_be_bytes).map_err(|_| SessionError::CookieMalformed)
}

/// Signs `id` for the cookie `name` with the ring's current key, writing
/// `id.tag` into `out` ([`signed_value_len`] bytes).
///
/// ```
/// use jwtcore::session::{KeyMatch, KeyRing, MacKey, SessionId, sign_cookie, verify_cookie};
///
/// let key = MacKey::from_bytes([42; 32]);
/// let ring = KeyRing::new(&key);
/// let id = SessionId::<32>::from_bytes([7; 32]);
/// let mut buf = [0u8; 87];
/// let value = sign_cookie(&ring, "__Host-id", &id, &mut buf)?;
/// let (back, used) = verify_cookie::<32>(&ring, "__Host-id", value)?;
/// assert_eq!(used, KeyMatch::Current);
/// // The same value under another cookie name does not verify.
/// assert!(verify_cookie::<32>(&ring, "other", value).is_err());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
///
/// # Errors
/// [`SessionError::BufferTooSmall`]; [`SessionError::CookieMalformed`] for a
/// name longer than 65535 bytes.
pub fn sign_cookie<'o, const N: usize>(
    ring: &KeyRing<'_>,
    name: &str,
    id: &SessionId<N>,
    out: &'o mut [u8],
) -> Result<&'o str, SessionError> {
    let total = signed_value_len(N);
    let out = out.get_mut(..total).ok_or(SessionError::BufferTooSmall)?;
    let prefix = name_len(name)?;
    let tag = ring.current().tag(&tag_parts(&prefix, name, id.expose_secret()));
    let id_len = SessionId::<N>::ENCODED_LEN;
    let (id_out, rest) = out.split_at_mut(id_len);
    let (dot, tag_out) = rest.split_at_mut(1);
    b64::encode_to(id.expose_secret(), id_out).map_err(|_| SessionError::BufferTooSmall)?;
    dot.copy_from_slice(b".");
    b64::encode_to(&tag, tag_out).map_err(|_| SessionError::BufferTooSmall)?;
    core::str::from_utf8(out).map_err(|_| SessionError::BufferTooSmall)
}

/// Verifies a signed cookie value for `name` against every key of the ring,
/// in constant time, and returns the ID and which key matched (re-issue the
/// cookie when it was a previous key).
///
/// The value must be exactly `id.tag`: a value with bytes appended or
/// removed is malformed, never truncated to fit (the cookie-signature 1.1.0
/// bug).
///
/// # Errors
/// [`SessionError::CookieMalformed`] for the wrong shape,
/// [`SessionError::CookieSignature`] for any tag mismatch (one opaque error:
/// unknown key, other cookie name and forged tag look the same).
///
/// ```
/// use jwtcore::session::{KeyMatch, KeyRing, MacKey, SessionError, SessionId, sign_cookie, verify_cookie};
/// let key = MacKey::from_bytes([1; 32]);
/// let ring = KeyRing::new(&key);
/// let mut buf = [0u8; 87];
/// let value = sign_cookie(&ring, "__Host-id", &SessionId::<32>::from_bytes([7; 32]), &mut buf)?;
/// let (id, used) = verify_cookie::<32>(&ring, "__Host-id", value)?;
/// assert_eq!((id.expose_secret(), used), (&[7; 32], KeyMatch::Current));
/// // Transplanted into another cookie name, or with a byte appended: refused.
/// assert_eq!(verify_cookie::<32>(&ring, "__Host-other", value).unwrap_err(), SessionError::CookieSignature);
/// let mut longer = [0u8; 88];
/// longer[..87].copy_from_slice(value.as_bytes());
/// longer[87] = b'A';
/// let longer = core::str::from_utf8(&longer).unwrap();
/// assert_eq!(verify_cookie::<32>(&ring, "__Host-id", longer).unwrap_err(), SessionError::CookieMalformed);
/// # Ok::<(), SessionError>(())
/// ```
pub fn verify_cookie<const N: usize>(
    ring: &KeyRing<'_>,
    name: &str,
    value: &str,
) -> Result<(SessionId<N>, KeyMatch), SessionError> {
    if value.len() != signed_value_len(N) {
        return Err(SessionError::CookieMalformed);
    }
    let (id_text, rest) = value.split_at_checked(SessionId::<N>::ENCODED_LEN).ok_or(SessionError::CookieMalformed)?;
    let tag_text = rest.strip_prefix('.').ok_or(SessionError::CookieMalformed)?;
    let id = SessionId::<N>::parse(id_text).map_err(|_| SessionError::CookieMalformed)?;
    let mut tag = [0u8; 32];
    match b64::decode_secret(tag_text.as_bytes(), &mut tag) {
        Ok(t) if t.len() == 32 => {}
        _ => return Err(SessionError::CookieMalformed),
    }
    let prefix = name_len(name)?;
    let used = ring.verify(&tag_parts(&prefix, name, id.expose_secret()), &tag).ok_or(SessionError::CookieSignature)?;
    Ok((id, used))
}

#[cfg(test)]
mod tests {
    use super::super::MacKey;
    use super::*;
    use std::string::String;

    fn fixture() -> (MacKey, SessionId<32>) {
        (MacKey::from_bytes([1; 32]), SessionId::from_bytes([9; 32]))
    }

    #[test]
    fn round_trip_and_length() {
        let (key, id) = fixture();
        let ring = KeyRing::new(&key);
        let mut buf = [0u8; 100];
        let v = sign_cookie(&ring, "sid", &id, &mut buf).unwrap();
        assert_eq!(v.len(), 87);
        assert_eq!(v.as_bytes()[43], b'.');
        let (back, used) = verify_cookie::<32>(&ring, "sid", v).unwrap();
        assert!(bool::from(subtle::ConstantTimeEq::ct_eq(&back, &id)));
        assert_eq!(used, KeyMatch::Current);
    }

    #[test]
    fn rejects_tampering() {
        let (key, id) = fixture();
        let ring = KeyRing::new(&key);
        let mut buf = [0u8; 87];
        let v = String::from(sign_cookie(&ring, "sid", &id, &mut buf).unwrap());
        let malformed = |s: &str| verify_cookie::<32>(&ring, "sid", s).unwrap_err();
        assert_eq!(malformed(&(v.clone() + "A")), SessionError::CookieMalformed);
        assert_eq!(malformed(&v[..86]), SessionError::CookieMalformed);
        assert_eq!(malformed(&v.replace('.', "~")), SessionError::CookieMalformed);
        // Flip one tag character (keep it canonical by choosing within the first 42).
        let mut chars: std::vec::Vec<char> = v.chars().collect();
        chars[50] = if chars[50] == 'A' { 'B' } else { 'A' };
        let flipped: String = chars.into_iter().collect();
        assert_eq!(malformed(&flipped), SessionError::CookieSignature);
        // Another ID with the original tag.
        let other = SessionId::<32>::from_bytes([8; 32]).encode();
        let swapped = std::format!("{}{}", other.as_str(), &v[43..]);
        assert_eq!(malformed(&swapped), SessionError::CookieSignature);
        // Another key.
        let stranger = MacKey::from_bytes([2; 32]);
        assert_eq!(
            verify_cookie::<32>(&KeyRing::new(&stranger), "sid", &v).unwrap_err(),
            SessionError::CookieSignature
        );
    }

    #[test]
    fn name_is_bound() {
        let (key, id) = fixture();
        let ring = KeyRing::new(&key);
        let mut buf = [0u8; 87];
        let v = sign_cookie(&ring, "a", &id, &mut buf).unwrap();
        assert_eq!(verify_cookie::<32>(&ring, "b", v).unwrap_err(), SessionError::CookieSignature);
        assert_eq!(verify_cookie::<32>(&ring, "a\0", v).unwrap_err(), SessionError::CookieSignature);
    }

    #[test]
    fn rotation() {
        let (old, id) = fixture();
        let new = MacKey::from_bytes([5; 32]);
        let mut buf = [0u8; 87];
        let v = String::from(sign_cookie(&KeyRing::new(&old), "sid", &id, &mut buf).unwrap());
        let previous = [old];
        let ring = KeyRing::new(&new).with_previous(&previous);
        assert_eq!(verify_cookie::<32>(&ring, "sid", &v).unwrap().1, KeyMatch::Previous(0));
        let mut buf2 = [0u8; 87];
        let reissued = sign_cookie(&ring, "sid", &id, &mut buf2).unwrap();
        assert_ne!(reissued, v);
        assert_eq!(verify_cookie::<32>(&KeyRing::new(&new), "sid", reissued).unwrap().1, KeyMatch::Current);
    }
}
