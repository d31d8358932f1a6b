//! Signing: header and claims into a compact JWS, in the caller's buffer.

use serde::Serialize;

use crate::b64;
use crate::error::{Error, KeyError};
use crate::header::EncodeHeader;
use crate::json::{self, Cursor};
use crate::keys::Key;

/// Longest protected header the encoder writes (`alg`, `typ`, `kid`, `cty`).
const MAX_HEADER_JSON: usize = 512;

fn too_small(needed: usize) -> Error {
    Error::BufferTooSmall { needed }
}

/// Writes the header JSON; returns its length.
fn write_header(h: &EncodeHeader<'_>, key: &Key, out: &mut [u8; MAX_HEADER_JSON]) -> Result<usize, Error> {
    let mut cur = Cursor::new(out);
    // The header buffer is fixed: a header that does not fit has a kid/typ/cty too long to use.
    let overflow = |_| Error::Key(KeyError::Invalid);
    cur.put(b"{\"alg\":\"").map_err(overflow)?;
    cur.put(key.algorithm().as_str().as_bytes()).map_err(overflow)?;
    cur.put(b"\"").map_err(overflow)?;
    let kid = h.kid.or(if h.use_key_kid { key.kid() } else { None });
    for (name, value) in [(&b",\"typ\":"[..], h.typ), (b",\"kid\":", kid), (b",\"cty\":", h.cty)] {
        if let Some(value) = value {
            cur.put(name).and_then(|()| cur.put_json_str(value)).map_err(overflow)?;
        }
    }
    cur.put(b"}").map_err(overflow)?;
    Ok(cur.pos())
}

/// Base64url-encodes `buf[at..at + n]` in place, growing it to the encoded
/// length; returns that length. `buf` must have room for the growth.
fn encode_in_place(buf: &mut [u8], at: usize, n: usize) -> Result<usize, Error> {
    let m = b64::encoded_len(n);
    let shift = m - n;
    let end = at.checked_add(n).ok_or(too_small(usize::MAX))?;
    let needed = at.checked_add(m).ok_or(too_small(usize::MAX))?;
    if buf.len() < needed {
        return Err(too_small(needed));
    }
    buf.copy_within(at..end, at + shift);
    // Reading 3 bytes at `r` and writing 4 at `w`: `w` never passes the next
    // unread chunk because the shift is one byte per input chunk. Whole
    // chunks are encoded directly in the buffer (the hot loop of encoding).
    let mut r = at + shift;
    let mut w = at;
    let src_end = at + shift + n;
    while r + 3 <= src_end {
        let (Some(&a), Some(&b), Some(&c)) = (buf.get(r), buf.get(r + 1), buf.get(r + 2)) else {
            break;
        };
        let quad = b64::encode_block(a, b, c);
        if let Some(dst) = buf.get_mut(w..w + 4) {
            dst.copy_from_slice(&quad);
        }
        r += 3;
        w += 4;
    }
    if r < src_end {
        let take = src_end - r;
        let mut chunk = [0u8; 3];
        if let (Some(dst), Some(src)) = (chunk.get_mut(..take), buf.get(r..r + take)) {
            dst.copy_from_slice(src);
        }
        let mut enc = [0u8; 4];
        let tail = chunk.get(..take).ok_or(Error::Serialize)?;
        let k = b64::encode_to(tail, &mut enc).map_err(too_small)?;
        if let (Some(dst), Some(src)) = (buf.get_mut(w..w + k), enc.get(..k)) {
            dst.copy_from_slice(src);
        }
    }
    Ok(m)
}

/// Signs `claims` with `key` into `out` and returns the compact token.
///
/// The header is `{"alg":…,"typ":"JWT"}` plus `kid` (the key's, unless
/// overridden) and `cty` as [`EncodeHeader`] says. Nothing is allocated.
///
/// ```
/// use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let token = encode_into(&EncodeHeader::new(), &Claims { sub: "alice" }, &key, &mut out)?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
/// #[derive(serde::Serialize)]
/// struct Claims<'a> { sub: &'a str }
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`Error::BufferTooSmall`] (with the size needed, when known),
/// [`Error::Serialize`] if `claims` does not serialize to a JSON object,
/// [`KeyError::NotPrivate`] / [`KeyError::UseForbidden`] for keys that may
/// not sign.
pub fn encode_into<'o, C: Serialize + ?Sized>(
    header: &EncodeHeader<'_>,
    claims: &C,
    key: &Key,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    if !key.is_private() {
        return Err(Error::Key(KeyError::NotPrivate));
    }
    let mut hjson = [0u8; MAX_HEADER_JSON];
    let hlen = write_header(header, key, &mut hjson)?;
    let header_json = hjson.get(..hlen).ok_or(Error::Serialize)?;
    let mut cur = Cursor::new(out);
    cur.put_b64(header_json)?;
    cur.put(b".")?;

    let claims_at = cur.pos();
    let n = json::ser::to_slice(claims, cur.unwritten()).map_err(|e| match e {
        json::ser::SerError::BufferFull => too_small(out_len_hint(claims_at)),
        json::ser::SerError::Unsupported => Error::Serialize,
    })?;
    if cur.unwritten().first() != Some(&b'{') {
        return Err(Error::Serialize);
    }
    let encoded = encode_in_place(cur.buffer(), claims_at, n)?;
    cur.advance(encoded)?;
    sign_written(cur, key)
}

/// Appends `"." base64url(signature)` over everything written so far, and
/// returns the whole token.
fn sign_written<'o>(mut cur: Cursor<'o>, key: &Key) -> Result<&'o str, Error> {
    let mut sig = [0u8; crate::keys::MAX_SIG_LEN];
    let sig_len = key.sign(cur.written(), &mut sig)?;
    let signature = sig.get(..sig_len).ok_or(Error::Serialize)?;
    cur.put(b".")?;
    cur.put_b64(signature)?;
    let token: &'o [u8] = cur.into_written();
    core::str::from_utf8(token).map_err(|_| Error::Serialize)
}

/// Signs an arbitrary protected header and payload as a compact JWS: the
/// building block for bindings that assemble header JSON themselves (PyJWT's
/// `headers=` and `sort_headers`, jose's `setProtectedHeader`).
///
/// `header_json` must be a JSON object whose `alg` is the key's algorithm.
/// `payload` is signed as given (for a JWT, a JSON object), base64url-encoded
/// in the token; with `"b64":false` and `"crit":["b64"]` in the header
/// (RFC 7797) it is signed and carried as raw bytes instead, so it must be
/// UTF-8 without a `.` (§5.2; use [`sign_detached_into`] for anything else).
///
/// ```
/// use jwtcore::{sign_compact_into, Algorithm, Key};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let token = sign_compact_into(br#"{"alg":"HS256","x5t":"abc"}"#, br#"{"sub":"a"}"#, &key, &mut out)?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`Error::Token`] if `header_json` is not a strict JSON object,
/// [`HeaderError::AlgMissing`](crate::HeaderError) /
/// [`HeaderError::AlgNone`](crate::HeaderError) /
/// [`HeaderError::AlgKeyMismatch`](crate::HeaderError) for a bad `alg`,
/// [`HeaderError::B64Unsupported`](crate::HeaderError) for `b64: false`
/// without `b64` in `crit`, [`TokenError::Segments`](crate::TokenError) for an
/// unencoded payload containing `.` and [`Error::Serialize`] for one that is
/// not UTF-8, [`Error::BufferTooSmall`], and the key errors of [`encode_into`].
///
/// ```
/// use jwtcore::{sign_compact_into, Algorithm, Key};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let header = br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
/// let token = sign_compact_into(header, b"$02", &key, &mut out)?;
/// assert_eq!(token.split('.').nth(1), Some("$02")); // carried as is
/// assert!(sign_compact_into(header, b"$.02", &key, &mut out).is_err()); // a '.' cannot be compact
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn sign_compact_into<'o>(
    header_json: &[u8],
    payload: &[u8],
    key: &Key,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let written = write_signing_input(header_json, payload, key, out, false)?;
    let mut cur = Cursor::new(out);
    cur.advance(written.len)?;
    sign_written(cur, key)
}

/// Signs like [`sign_compact_into`] but leaves the payload out of the token
/// (RFC 7515 Appendix F): the result is `header..signature`, and the verifier
/// gets the payload separately ([`verify_jws_detached`](crate::verify_jws_detached)).
/// With `"b64":false` and `"crit":["b64"]` the payload is signed as raw bytes
/// (RFC 7797), and then may be any bytes.
///
/// `out` must hold the whole signing input while signing.
///
/// ```
/// use jwtcore::{sign_detached_into, Algorithm, Key};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let token = sign_detached_into(br#"{"alg":"HS256"}"#, b"any bytes \xff", &key, &mut out)?;
/// let segments: Vec<&str> = token.split('.').collect();
/// assert_eq!((segments.len(), segments[1]), (3, ""));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`sign_compact_into`], except that any payload bytes are accepted.
pub fn sign_detached_into<'o>(
    header_json: &[u8],
    payload: &[u8],
    key: &Key,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let written = write_signing_input(header_json, payload, key, out, true)?;
    let mut sig = [0u8; crate::keys::MAX_SIG_LEN];
    let input = out.get(..written.len).ok_or(too_small(written.len))?;
    let sig_len = key.sign(input, &mut sig)?;
    let signature = sig.get(..sig_len).ok_or(Error::Serialize)?;
    // Keep `header_b64 "."`, drop the payload, append `"." signature`.
    let mut cur = Cursor::new(out);
    cur.advance(written.header_b64_len.saturating_add(1))?;
    cur.put(b".")?;
    cur.put_b64(signature)?;
    let token: &'o [u8] = cur.into_written();
    core::str::from_utf8(token).map_err(|_| Error::Serialize)
}

/// What [`write_signing_input`] wrote.
pub(crate) struct Written {
    /// Length of the whole signing input.
    pub(crate) len: usize,
    /// Length of its `base64url(header)` prefix.
    header_b64_len: usize,
}

/// The checks of [`sign_compact_into`] (a private key, a strict header whose
/// `alg` is the key's), then `base64url(header) "." base64url(payload)` into
/// `out` (the payload raw under `b64: false`). Shared with the two-phase
/// signing of [`crate::signing_external`], so both paths refuse the same
/// headers. A `detached` payload is not going into the token, so the compact
/// form's limits on an unencoded payload do not apply to it.
pub(crate) fn write_signing_input(
    header_json: &[u8],
    payload: &[u8],
    key: &Key,
    out: &mut [u8],
    detached: bool,
) -> Result<Written, Error> {
    if !key.is_private() {
        return Err(Error::Key(KeyError::NotPrivate));
    }
    write_signing_input_as(header_json, payload, key.algorithm(), out, detached)
}

/// [`write_signing_input`] after the key check: the header must name `alg`
/// (the algorithm the key, a core or a platform-held one, signs with).
pub(crate) fn write_signing_input_as(
    header_json: &[u8],
    payload: &[u8],
    alg: crate::Algorithm,
    out: &mut [u8],
    detached: bool,
) -> Result<Written, Error> {
    use crate::error::HeaderError;
    let mut copy = [0u8; 4096];
    let head =
        copy.get_mut(..header_json.len()).ok_or(Error::Token(crate::TokenError::JsonLimit(crate::Part::Header)))?;
    head.copy_from_slice(header_json);
    // The same checks a verifier applies, with this key's algorithm as the
    // only one allowed; an extension named in `crit` is the caller's business.
    let mut names = [""; 16];
    let crit_names = crit_names(header_json, &mut names);
    let v = crate::Validation::new().algorithms(&[alg]).critical_extensions(crit_names);
    let parsed = crate::header::parse(head, &v).map_err(|e| match e {
        Error::Header(HeaderError::AlgNotAllowed) => Error::Header(HeaderError::AlgKeyMismatch),
        other => other,
    })?;
    if parsed.alg != alg {
        return Err(Error::Header(HeaderError::AlgKeyMismatch));
    }
    let mut cur = Cursor::new(out);
    cur.put_b64(header_json)?;
    let header_b64_len = cur.pos();
    cur.put(b".")?;
    if parsed.unencoded {
        if !detached {
            // RFC 7797 §5.2: a '.' would split the token differently; the token is text.
            if payload.contains(&b'.') {
                return Err(Error::Token(crate::TokenError::Segments));
            }
            core::str::from_utf8(payload).map_err(|_| Error::Serialize)?;
        }
        cur.put(payload)?;
    } else {
        cur.put_b64(payload)?;
    }
    Ok(Written { len: cur.pos(), header_b64_len })
}

/// The names listed in a header's `crit`, borrowed (at most 16; the header
/// check rejects anything malformed).
fn crit_names<'h, 'n>(header_json: &'h [u8], names: &'n mut [&'h str; 16]) -> &'n [&'h str] {
    let mut n = 0;
    if json::validate(header_json, &mut |_| {}).is_ok() {
        let doc = json::Value { raw: header_json.trim_ascii() };
        if let Some((_, crit)) = doc.members().find(|(k, _)| json::raw_eq_str(k, "crit")) {
            for (slot, e) in names.iter_mut().zip(crit.elements()) {
                if let Some(s) = e.as_str() {
                    *slot = s;
                    n += 1;
                }
            }
        }
    }
    // `n` counts the slots filled, at most 16; the clamp only makes this total.
    names.split_at(n.min(names.len())).0
}

/// The claims did not fit; we only know it needs more than what is left.
fn out_len_hint(used: usize) -> usize {
    used.saturating_add(1)
}

/// Signs `claims` with `key` and returns the compact token as a `String`.
///
/// # Errors
/// As [`encode_into`], minus [`Error::BufferTooSmall`].
///
/// ```
/// use jwtcore::{encode, Algorithm, EncodeHeader, Key};
/// #[derive(serde::Serialize)]
/// struct Claims<'a> { sub: &'a str, exp: u64 }
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let token: String = encode(&EncodeHeader::new(), &Claims { sub: "alice", exp: 2_000_000_000 }, &key)?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")); // {"alg":"HS256","typ":"JWT"}
/// assert_eq!(token.matches('.').count(), 2);
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub fn encode<C: Serialize + ?Sized>(
    header: &EncodeHeader<'_>,
    claims: &C,
    key: &Key,
) -> Result<alloc::string::String, Error> {
    let mut size = 512usize;
    loop {
        let mut buf = alloc::vec![0u8; size];
        match encode_into(header, claims, key, &mut buf) {
            Ok(token) => return Ok(alloc::string::String::from(token)),
            Err(Error::BufferTooSmall { .. }) if size < (1 << 26) => size *= 4,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_encoding_matches_plain() {
        for n in 0..40usize {
            let data: [u8; 40] = core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(11));
            let mut buf = [0u8; 80];
            buf[5..5 + n].copy_from_slice(&data[..n]);
            let m = encode_in_place(&mut buf, 5, n).unwrap();
            let mut expect = [0u8; 80];
            let k = b64::encode_to(&data[..n], &mut expect).unwrap();
            assert_eq!(&buf[5..5 + m], &expect[..k], "n={n}");
        }
    }

    #[test]
    fn too_small_buffers_error_cleanly() {
        let key = Key::hmac(crate::Algorithm::Hs256, &[1u8; 32]).unwrap();
        #[derive(Serialize)]
        struct C {
            sub: &'static str,
        }
        for len in 0..80 {
            let mut out = [0u8; 80];
            let r = encode_into(&EncodeHeader::new(), &C { sub: "x" }, &key, &mut out[..len]);
            assert!(matches!(r, Err(Error::BufferTooSmall { .. })), "len {len}: {r:?}");
        }
        let mut out = [0u8; 200];
        assert!(encode_into(&EncodeHeader::new(), &C { sub: "x" }, &key, &mut out).is_ok());
        let mut out = [0u8; 200];
        assert_eq!(encode_into(&EncodeHeader::new(), &5u32, &key, &mut out), Err(Error::Serialize));
    }

    // Builds its public key from a private Ed25519 key.
    #[cfg(feature = "ed25519")]
    #[test]
    fn public_keys_cannot_sign() {
        let key = Key::ed25519_private(&[3u8; 32]).unwrap().to_public().unwrap();
        let mut out = [0u8; 200];
        assert_eq!(encode_into(&EncodeHeader::new(), &(), &key, &mut out), Err(Error::Key(KeyError::NotPrivate)));
    }
}
