//! The one verification pipeline.
//!
//! Order: length → segments → header (base64, JSON, `alg`, `crit`, `b64`,
//! `typ`) → payload segment shape (length and last character,
//! [`compact::check_segment_shape`]) → key binding → signature → payload
//! (base64, JSON) → claims → denylist. Nothing of the payload's content is
//! read before the signature has been checked, and nothing is allocated:
//! decoded bytes go into the caller's scratch buffer and everything returned
//! borrows from it.

use core::time::Duration;

use serde::Deserialize;

use crate::alg::Algorithm;
use crate::b64;
use crate::claims::{self, RegisteredClaims};
use crate::compact::{self, Compact};
use crate::error::{Claim, Error, Part, Reason};
use crate::header::{self, Header};
use crate::keys::Key;
use crate::keys::jwks::KeyResolver;
use crate::validation::Validation;

mod external;
mod platform;

pub use external::{
    ExternalSignature, select_external, verify_external, verify_jws_detached_external, verify_jws_external,
};
pub use platform::{
    PlatformJws, verify_jws_detached_platform, verify_jws_platform, verify_jws_secret_platform, verify_platform,
    verify_secret_platform,
};

/// A token whose signature and claims have been verified.
///
/// Everything borrows from the scratch buffer passed to [`verify`].
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut out = [0u8; 256];
/// # #[derive(serde::Serialize)] struct C<'a> { sub: &'a str, exp: u64, role: &'a str }
/// # let claims = C { sub: "alice", exp: 2_000_000_000, role: "admin" };
/// # let token = encode_into(&EncodeHeader::new().kid("k1"), &claims, &key, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
///
/// assert_eq!(verified.header().alg(), Algorithm::Hs256);
/// assert_eq!(verified.claims().sub, Some("alice"));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Verified<'b> {
    header: Header<'b>,
    claims: RegisteredClaims<'b>,
    payload: &'b str,
    /// The gate's map of the payload's members, so `deserialize` need not find them again.
    index: crate::json::Index,
}

impl<'b> Verified<'b> {
    /// The protected header.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # #[derive(serde::Serialize)] struct C<'a> { sub: &'a str, exp: u64, role: &'a str }
    /// # let claims = C { sub: "alice", exp: 2_000_000_000, role: "admin" };
    /// # let token = encode_into(&EncodeHeader::new().kid("k1"), &claims, &key, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    ///
    /// assert_eq!(verified.header().kid(), Some("k1"));
    /// assert_eq!(verified.header().typ(), Some("JWT"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn header(&self) -> &Header<'b> {
        &self.header
    }

    /// The registered claims.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # #[derive(serde::Serialize)] struct C<'a> { sub: &'a str, exp: u64, role: &'a str }
    /// # let claims = C { sub: "alice", exp: 2_000_000_000, role: "admin" };
    /// # let token = encode_into(&EncodeHeader::new().kid("k1"), &claims, &key, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    ///
    /// let claims = verified.claims();
    /// assert_eq!(claims.sub, Some("alice"));
    /// assert_eq!(claims.exp.map(|d| d.unix_seconds()), Some(2_000_000_000));
    /// assert_eq!(claims.iss, None);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn claims(&self) -> &RegisteredClaims<'b> {
        &self.claims
    }

    /// The claims as JSON text (with unneeded escapes removed, so `&str`
    /// fields of your own types can borrow from it).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # #[derive(serde::Serialize)] struct C<'a> { sub: &'a str, exp: u64, role: &'a str }
    /// # let claims = C { sub: "alice", exp: 2_000_000_000, role: "admin" };
    /// # let token = encode_into(&EncodeHeader::new().kid("k1"), &claims, &key, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    ///
    /// assert_eq!(verified.payload_json(), r#"{"sub":"alice","exp":2000000000,"role":"admin"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn payload_json(&self) -> &'b str {
        self.payload
    }

    /// Deserializes the claims into your own type, borrowing strings from
    /// the scratch buffer.
    ///
    /// Strings that contain `"`, `\` or control characters cannot be
    /// borrowed; give such fields an owned or `heapless` string type (such a
    /// string is decoded on the stack, up to 512 bytes).
    ///
    /// # Errors
    /// [`Error::Deserialize`] if the claims do not fit `T`.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # #[derive(serde::Serialize)] struct C<'a> { sub: &'a str, exp: u64, role: &'a str }
    /// # let claims = C { sub: "alice", exp: 2_000_000_000, role: "admin" };
    /// # let token = encode_into(&EncodeHeader::new().kid("k1"), &claims, &key, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Mine<'a> { role: &'a str } // borrows from `scratch`
    /// let mine: Mine = verified.deserialize()?;
    /// assert_eq!(mine.role, "admin");
    /// // A type the claims do not fit:
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Strict { role: u32 }
    /// assert!(matches!(verified.deserialize::<Strict>(), Err(jwtcore::Error::Deserialize)));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn deserialize<T: Deserialize<'b>>(&self) -> Result<T, Error> {
        deserialize(self.payload, &self.index)
    }
}

/// Deserializes payload text that passed the gate and canonicalisation (the
/// core's own reader: it trusts that, borrows unescaped strings in place and
/// allocates nothing), with the gate's `index` of its members when there is one.
pub(crate) fn deserialize<'b, T: Deserialize<'b>>(json: &'b str, index: &crate::json::Index) -> Result<T, Error> {
    crate::json::from_indexed(json, index).map_err(|_| Error::Deserialize)
}

/// A JWS whose signature has been verified, with an arbitrary payload.
///
/// ```
/// use jwtcore::{sign_compact_into, verify_jws, Algorithm, Key, Validation};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"HS256","cty":"text/plain"}"#, b"hello, world", &key, &mut out)?;
/// let mut scratch = [0u8; 128];
/// let verified = verify_jws(jws, &key, &Validation::new(), &mut scratch)?;
///
/// assert_eq!(verified.payload(), b"hello, world");
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct VerifiedJws<'b> {
    header: Header<'b>,
    payload: &'b [u8],
}

impl<'b> VerifiedJws<'b> {
    /// The protected header.
    ///
    /// ```
    /// use jwtcore::{sign_compact_into, verify_jws, Algorithm, Key, Validation};
    /// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// let mut out = [0u8; 256];
    /// let jws = sign_compact_into(br#"{"alg":"HS256","cty":"text/plain"}"#, b"hello, world", &key, &mut out)?;
    /// let mut scratch = [0u8; 128];
    /// let verified = verify_jws(jws, &key, &Validation::new(), &mut scratch)?;
    ///
    /// assert_eq!(verified.header().cty(), Some("text/plain"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn header(&self) -> &Header<'b> {
        &self.header
    }

    /// The decoded payload bytes.
    ///
    /// ```
    /// use jwtcore::{sign_compact_into, verify_jws, Algorithm, Key, Validation};
    /// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// let mut out = [0u8; 256];
    /// let jws = sign_compact_into(br#"{"alg":"HS256","cty":"text/plain"}"#, b"hello, world", &key, &mut out)?;
    /// let mut scratch = [0u8; 128];
    /// let verified = verify_jws(jws, &key, &Validation::new(), &mut scratch)?;
    ///
    /// let text = core::str::from_utf8(verified.payload()).unwrap();
    /// assert_eq!(text, "hello, world"); // not JSON, and no claims were checked
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn payload(&self) -> &'b [u8] {
        self.payload
    }
}

/// The compact token split into its segments, with the header parsed into
/// the front of the scratch buffer.
pub(crate) struct Split<'t> {
    pub(crate) parts: Compact<'t>,
    pub(crate) header: header::Parsed,
    header_len: usize,
}

/// The scratch space [`verify`] needs for `token`: the decoded header plus
/// the decoded payload.
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
/// assert_eq!(jwtcore::scratch_len(token), 15 + 2);
/// ```
pub fn scratch_len(token: &str) -> usize {
    let mut parts = token.split('.');
    let h = parts.next().map_or(0, |p| b64::decoded_len(p.len()).unwrap_or(0));
    let p = parts.next().map_or(0, |p| b64::decoded_len(p.len()).unwrap_or(0));
    h.saturating_add(p)
}

/// The scratch space [`verify_jws`] needs for `token`, whether its payload is
/// base64url or unencoded (`b64: false`, RFC 7797): the decoded header plus
/// the payload segment's length.
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
/// assert_eq!(jwtcore::jws_scratch_len(token), 15 + 3);
/// ```
pub fn jws_scratch_len(token: &str) -> usize {
    let mut parts = token.split('.');
    let h = parts.next().map_or(0, |p| b64::decoded_len(p.len()).unwrap_or(0));
    h.saturating_add(parts.next().map_or(0, str::len))
}

/// The scratch space [`verify_jws_detached`] needs for a detached `token`
/// and a payload of `payload_len` bytes: the decoded header plus the signing
/// input it assembles (`header_b64 "." payload`, the payload base64url-encoded
/// or not).
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiJ9..c2ln";
/// assert_eq!(jwtcore::detached_scratch_len(token, 3), 15 + 20 + 1 + 4);
/// ```
pub fn detached_scratch_len(token: &str, payload_len: usize) -> usize {
    let header_b64 = token.split('.').next().map_or(0, str::len);
    let h = b64::decoded_len(header_b64).unwrap_or(0);
    h.saturating_add(header_b64).saturating_add(1).saturating_add(b64::encoded_len(payload_len))
}

/// Stage one: structure and header, no key involved yet. This is the JWT
/// path: an unencoded payload is refused (RFC 7797 §7: a JWT's payload is
/// always base64url).
pub(crate) fn split<'t>(token: &'t str, v: &Validation<'_>, buf: &mut [u8]) -> Result<Split<'t>, Error> {
    let parts = Compact::split(token, v.max_token_len)?;
    // `scratch_len(token)` for a token already split into exactly three segments, without
    // scanning it for dots again.
    let needed = [parts.header_b64(), parts.payload_b64()]
        .iter()
        .map(|p| b64::decoded_len(p.len()).unwrap_or(0))
        .fold(0usize, usize::saturating_add);
    let split = parse_header(parts, needed, v, buf)?;
    if split.header.unencoded {
        return Err(Error::Header(crate::error::HeaderError::B64Unsupported));
    }
    compact::check_segment_shape(parts.payload_b64(), Part::Payload)?;
    Ok(split)
}

/// Decodes and checks the header into the front of `buf`, after checking
/// `buf` has the `needed` bytes the whole verification will use.
fn parse_header<'t>(parts: Compact<'t>, needed: usize, v: &Validation<'_>, buf: &mut [u8]) -> Result<Split<'t>, Error> {
    if buf.len() < needed {
        return Err(Error::BufferTooSmall { needed });
    }
    let head = compact::decode_segment(parts.header_b64(), Part::Header, buf)?;
    let header_len = head.len();
    let parsed = header::parse(head, v)?;
    Ok(Split { parts, header: parsed, header_len })
}

/// A decoded signature, at most [`MAX_SIG_LEN`](crate::keys::MAX_SIG_LEN) bytes.
struct Signature {
    bytes: [u8; crate::keys::MAX_SIG_LEN],
    len: usize,
}

impl Signature {
    fn as_slice(&self) -> &[u8] {
        // `len` came from decoding into `bytes`, so the clamp never bites; it makes this total.
        self.bytes.split_at(self.len.min(self.bytes.len())).0
    }
}

/// The key-binding step every verification path takes before any signature
/// arithmetic: the key must accept the header's `alg` (its own algorithm, or
/// an RSA algorithm the explicit allow-list names) and be allowed to verify;
/// then the signature segment is decoded.
fn bind(split: &Split<'_>, key: &Key, v: &Validation<'_>) -> Result<Signature, Error> {
    key.check_verify_binding(split.header.alg, v.algorithms.is_some())?;
    decode_signature_owned(split)
}

/// The signature segment, decoded into a buffer for any signature length
/// (shared with the platform-key binding).
fn decode_signature_owned(split: &Split<'_>) -> Result<Signature, Error> {
    let mut sig = Signature { bytes: [0u8; crate::keys::MAX_SIG_LEN], len: 0 };
    sig.len = decode_signature(split, &mut sig.bytes)?.len();
    Ok(sig)
}

/// The signature segment, decoded into `out`.
fn decode_signature<'o>(split: &Split<'_>, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    match b64::decode(split.parts.signature_b64().as_bytes(), out) {
        Ok(s) => Ok(s),
        // Longer than any signature we accept: fails like a wrong one.
        Err(b64::DecodeError::BufferTooSmall(_)) => Err(Error::Signature),
        Err(e) => Err(compact::map_b64(e, Part::Signature)),
    }
}

/// Signatures up to this many bytes (HMAC, ES256, EdDSA) are decoded into a
/// buffer of this size on the verify path, instead of one sized for
/// RSA-8192 that would be zeroed on every call.
const SMALL_SIG_LEN: usize = 64;

/// Stage two: the key must be bound to the header's algorithm, then the
/// signature must verify under it.
pub(crate) fn check_signature(split: &Split<'_>, key: &Key, v: &Validation<'_>) -> Result<(), Error> {
    check_signature_over(split, key, v, split.parts.signing_input())
}

/// [`check_signature`] over a signing input assembled elsewhere (a detached payload).
fn check_signature_over(split: &Split<'_>, key: &Key, v: &Validation<'_>, input: &[u8]) -> Result<(), Error> {
    if b64::decoded_len(split.parts.signature_b64().len()).is_some_and(|n| n <= SMALL_SIG_LEN) {
        // `bind`'s steps, in its order, with the small buffer.
        key.check_verify_binding(split.header.alg, v.algorithms.is_some())?;
        let mut small = [0u8; SMALL_SIG_LEN];
        let sig = decode_signature(split, &mut small)?;
        return key.verify_as(split.header.alg, input, sig);
    }
    let sig = bind(split, key, v)?;
    key.verify_as(split.header.alg, input, sig.as_slice())
}

/// Stage three: payload and claims.
pub(crate) fn finish<'b>(
    split: &Split<'_>,
    v: &Validation<'_>,
    now: Duration,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    let (head, rest) =
        buf.split_at_mut_checked(split.header_len).ok_or(Error::BufferTooSmall { needed: split.header_len })?;
    let payload = compact::decode_segment(split.parts.payload_b64(), Part::Payload, rest)?;
    let checked = claims::check(payload, v, now)?;
    let head: &'b [u8] = head;
    if let Some(denylist) = v.denylist {
        // A revocation check cannot vouch for a token it has no handle on, so with a denylist
        // configured `jti` is required.
        let jti = checked.claims.jti.ok_or(Error::Claim { claim: Claim::Jti, reason: Reason::Missing })?;
        if denylist.is_revoked(checked.claims.iss, jti) {
            return Err(Error::Revoked);
        }
    }
    Ok(Verified {
        header: split.header.view(head)?,
        claims: checked.claims,
        payload: checked.text,
        index: checked.index,
    })
}

/// Verifies a compact JWT with `key` and validates its claims at `now`
/// (time since the Unix epoch; [`now()`](crate::now) reads the system
/// clock with the `std` feature).
///
/// `buf` receives the decoded header and payload; [`scratch_len`] tells how
/// much a token needs (1 KiB covers typical tokens). Nothing is allocated.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
///
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let token = encode_into(&EncodeHeader::new(), &Claims { sub: "alice", exp: 2_000_000_000 }, &key, &mut out)?;
///
/// let mut scratch = [0u8; 256];
/// let now = Duration::from_secs(1_700_000_000);
/// let verified = verify(token, &key, &Validation::new(), now, &mut scratch)?;
/// assert_eq!(verified.claims().sub, Some("alice"));
/// let mine: Claims = verified.deserialize()?;
/// assert_eq!(mine.exp, 2_000_000_000);
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Claims<'a> { sub: &'a str, exp: u64 }
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Every rejection has its own variant: [`Error::Token`] (structure,
/// base64, JSON), [`Error::Header`] (`alg`, `crit`, `b64`, `kid`/`typ`),
/// [`Error::Signature`], [`Error::Claim`] (which claim, which check),
/// [`Error::Revoked`], [`Error::BufferTooSmall`].
pub fn verify<'b>(
    token: &str,
    key: &Key,
    validation: &Validation<'_>,
    now: Duration,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    let split = split(token, validation, buf)?;
    check_signature(&split, key, validation)?;
    finish(&split, validation, now, buf)
}

/// Verifies a compact JWT with a key chosen by `keys` (a [`KeySet`], a
/// [`HmacSecret`], a single [`Key`] or your own [`KeyResolver`]) from the
/// header's `alg` and `kid`, then validates the claims as [`verify`] does.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::keys::KeySet;
/// use jwtcore::{encode_into, verify_with, Algorithm, EncodeHeader, Key, Validation};
///
/// let mut set: KeySet = KeySet::new();
/// set.rotate(Key::ed25519_private(&[1; 32])?.with_kid("2024")?)?;
/// set.rotate(Key::ed25519_private(&[2; 32])?.with_kid("2025")?)?;
/// let mut out = [0u8; 512];
/// // Signed by the current key, with its kid in the header.
/// let token = encode_into(&EncodeHeader::new(), &Claims { exp: 2_000_000_000 }, set.signing_key()?, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let v = verify_with(token, &set, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
/// assert_eq!(v.header().kid(), Some("2025"));
/// #[derive(serde::Serialize)]
/// struct Claims { exp: u64 }
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// [`KeySet`]: crate::keys::KeySet
/// [`HmacSecret`]: crate::keys::HmacSecret
///
/// # Errors
/// As [`verify`], plus [`KeySetError::NoMatchingKey`](crate::KeySetError)
/// when no key fits the header.
pub fn verify_with<'b, R: KeyResolver + ?Sized>(
    token: &str,
    keys: &R,
    validation: &Validation<'_>,
    now: Duration,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    let split = split(token, validation, buf)?;
    let (alg, kid) = alg_and_kid(&split, buf)?;
    keys.resolve(alg, kid, &mut |key| check_signature(&split, key, validation))?;
    finish(&split, validation, now, buf)
}

/// Verifies a compact JWS with any payload (not necessarily JSON claims),
/// for example RFC 8037 A.4. Only header rules and the signature apply.
///
/// Size `buf` with [`jws_scratch_len`], not [`scratch_len`]: an unencoded
/// payload (`b64: false`, RFC 7797) takes its full length in the scratch,
/// more than a base64url segment decodes to.
///
/// # Errors
/// As [`verify`], minus the claim errors; [`Error::BufferTooSmall`] when
/// `buf` is shorter than [`jws_scratch_len`].
///
/// ```
/// use jwtcore::{sign_compact_into, verify_jws, Algorithm, Key, Validation};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"HS256","cty":"text/plain"}"#, b"hello, world", &key, &mut out)?;
/// let mut scratch = [0u8; 128];
/// let verified = verify_jws(jws, &key, &Validation::new(), &mut scratch)?;
///
/// assert_eq!(verified.payload(), b"hello, world");
/// // A different key: the signature fails.
/// let other = Key::hmac(Algorithm::Hs256, b"another secret, also 32 bytes!!!")?;
/// assert!(matches!(verify_jws(jws, &other, &Validation::new(), &mut scratch), Err(jwtcore::Error::Signature)));
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn verify_jws<'b>(
    token: &str,
    key: &Key,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<VerifiedJws<'b>, Error> {
    let split = split_jws(token, validation, buf)?;
    check_signature(&split, key, validation)?;
    finish_jws(&split, buf)
}

/// Verifies a compact JWS with any payload, with a key chosen by `keys` from
/// the header's `alg` and `kid` (as [`verify_with`] chooses one); only header
/// rules and the signature apply, as in [`verify_jws`].
///
/// PyJWS's raw HMAC secret is this with an [`HmacSecret`]: the secret is bound
/// to the token's HMAC `alg` (and its minimum length checked) by the core.
///
/// ```
/// use jwtcore::keys::HmacSecret;
/// use jwtcore::{sign_compact_into, verify_jws_with, Algorithm, Error, HeaderError, Key, Validation};
/// let secret = b"a 48-byte example secret for HS384, long enough.";
/// let key = Key::hmac(Algorithm::Hs384, secret)?;
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"HS384"}"#, b"raw bytes", &key, &mut out)?;
/// let mut scratch = [0u8; 128];
///
/// let verified = verify_jws_with(jws, &HmacSecret::new(secret), &Validation::new(), &mut scratch)?;
/// assert_eq!(verified.payload(), b"raw bytes");
/// // The allow-list still applies before any key is chosen.
/// let only_hs256 = Validation::new().algorithms(&[Algorithm::Hs256]);
/// let err = verify_jws_with(jws, &HmacSecret::new(secret), &only_hs256, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Header(HeaderError::AlgNotAllowed));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// [`HmacSecret`]: crate::keys::HmacSecret
///
/// # Errors
/// As [`verify_jws`], plus [`KeySetError::NoMatchingKey`](crate::KeySetError)
/// when no key fits the header.
pub fn verify_jws_with<'b, R: KeyResolver + ?Sized>(
    token: &str,
    keys: &R,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<VerifiedJws<'b>, Error> {
    let split = split_jws(token, validation, buf)?;
    let (alg, kid) = alg_and_kid(&split, buf)?;
    keys.resolve(alg, kid, &mut |key| check_signature(&split, key, validation))?;
    finish_jws(&split, buf)
}

/// Stage one for the arbitrary-payload entry points, where `b64: false`
/// (listed in `crit`) is allowed. The splitter already refused a `.` in the
/// payload segment (RFC 7797 §5.2: such a payload cannot be compact).
fn split_jws<'t>(token: &'t str, v: &Validation<'_>, buf: &mut [u8]) -> Result<Split<'t>, Error> {
    let parts = Compact::split(token, v.max_token_len)?;
    let split = parse_header(parts, jws_scratch_len(token), v, buf)?;
    if !split.header.unencoded {
        compact::check_segment_shape(parts.payload_b64(), Part::Payload)?;
    }
    Ok(split)
}

/// The JWS counterpart of [`finish`]: decodes the payload (or copies it, when
/// unencoded), checks nothing in it.
fn finish_jws<'b>(split: &Split<'_>, buf: &'b mut [u8]) -> Result<VerifiedJws<'b>, Error> {
    let (head, rest) =
        buf.split_at_mut_checked(split.header_len).ok_or(Error::BufferTooSmall { needed: split.header_len })?;
    let payload: &'b [u8] = if split.header.unencoded {
        let raw = split.parts.payload_b64().as_bytes();
        let needed = split.header_len.saturating_add(raw.len());
        let dst = rest.get_mut(..raw.len()).ok_or(Error::BufferTooSmall { needed })?;
        dst.copy_from_slice(raw);
        dst
    } else {
        compact::decode_segment(split.parts.payload_b64(), Part::Payload, rest)?
    };
    let head: &'b [u8] = head;
    Ok(VerifiedJws { header: split.header.view(head)?, payload })
}

/// Stage one for a detached payload: the header, then the signing input
/// (`header_b64 "." payload`, base64url-encoding the payload unless the header
/// says `b64: false`) assembled in `buf` after the decoded header, so no
/// allocation is needed; returns the input's length.
fn split_detached<'t>(
    token: &'t str,
    payload: &[u8],
    v: &Validation<'_>,
    buf: &mut [u8],
) -> Result<(Split<'t>, usize), Error> {
    let parts = Compact::split_detached(token, v.max_token_len)?;
    let needed = detached_scratch_len(token, payload.len());
    let split = parse_header(parts, needed, v, buf)?;
    let rest = buf.get_mut(split.header_len..).ok_or(Error::BufferTooSmall { needed })?;
    let prefix = split.parts.signing_input();
    let (dst, tail) = rest.split_at_mut_checked(prefix.len()).ok_or(Error::BufferTooSmall { needed })?;
    dst.copy_from_slice(prefix);
    let written = if split.header.unencoded {
        let dst = tail.get_mut(..payload.len()).ok_or(Error::BufferTooSmall { needed })?;
        dst.copy_from_slice(payload);
        payload.len()
    } else {
        b64::encode_to(payload, tail).map_err(|_| Error::BufferTooSmall { needed })?
    };
    Ok((split, prefix.len().saturating_add(written)))
}

/// Verifies a compact JWS whose payload travels separately (RFC 7515
/// Appendix F: the token is `header..signature`), with `key`. The payload is
/// signed base64url-encoded, or as raw bytes when the header says
/// `b64: false` with `b64` in `crit` (RFC 7797). Only header rules and the
/// signature apply, as in [`verify_jws`].
///
/// `buf` receives the decoded header and the signing input;
/// [`detached_scratch_len`] tells how much that is. Nothing is allocated.
///
/// ```
/// use jwtcore::{sign_detached_into, verify_jws_detached, Algorithm, Error, Key, Validation};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let header = br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
/// let jws = sign_detached_into(header, b"$.02", &key, &mut out)?;
/// assert_eq!(jws.split('.').nth(1), Some("")); // the payload is not in the token
///
/// let mut scratch = [0u8; 128];
/// let verified = verify_jws_detached(jws, b"$.02", &key, &Validation::new(), &mut scratch)?;
/// assert_eq!(verified.payload(), b"$.02");
/// // Another payload does not verify.
/// let err = verify_jws_detached(jws, b"$.03", &key, &Validation::new(), &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Signature);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_jws`]; [`TokenError::Segments`](crate::TokenError) if the
/// token's payload segment is not empty.
pub fn verify_jws_detached<'b>(
    token: &str,
    payload: &'b [u8],
    key: &Key,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<VerifiedJws<'b>, Error> {
    let (split, input_len) = split_detached(token, payload, validation, buf)?;
    let buf: &'b [u8] = buf;
    let (head, input) = detached_views(&split, input_len, buf)?;
    check_signature_over(&split, key, validation, input)?;
    Ok(VerifiedJws { header: split.header.view(head)?, payload })
}

/// [`verify_jws_detached`] with a key chosen by `keys` from the header's
/// `alg` and `kid`, as [`verify_jws_with`] chooses one.
///
/// ```
/// use jwtcore::keys::HmacSecret;
/// use jwtcore::{sign_detached_into, verify_jws_detached_with, Algorithm, Key, Validation};
/// let secret = b"an example secret, 32 bytes long";
/// let key = Key::hmac(Algorithm::Hs256, secret)?;
/// let mut out = [0u8; 256];
/// let jws = sign_detached_into(br#"{"alg":"HS256"}"#, b"detached, base64url-signed", &key, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let v = verify_jws_detached_with(jws, b"detached, base64url-signed", &HmacSecret::new(secret), &Validation::new(), &mut scratch)?;
/// assert_eq!(v.header().alg(), Algorithm::Hs256);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_jws_detached`], plus
/// [`KeySetError::NoMatchingKey`](crate::KeySetError) when no key fits the header.
pub fn verify_jws_detached_with<'b, R: KeyResolver + ?Sized>(
    token: &str,
    payload: &'b [u8],
    keys: &R,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<VerifiedJws<'b>, Error> {
    let (split, input_len) = split_detached(token, payload, validation, buf)?;
    let buf: &'b [u8] = buf;
    let (head, input) = detached_views(&split, input_len, buf)?;
    let kid = split.header.kid(head);
    keys.resolve(split.header.alg, kid, &mut |key| check_signature_over(&split, key, validation, input))?;
    Ok(VerifiedJws { header: split.header.view(head)?, payload })
}

/// The decoded header and the assembled signing input, both in `buf`.
fn detached_views<'b>(split: &Split<'_>, input_len: usize, buf: &'b [u8]) -> Result<(&'b [u8], &'b [u8]), Error> {
    let (head, rest) =
        buf.split_at_checked(split.header_len).ok_or(Error::BufferTooSmall { needed: split.header_len })?;
    let input =
        rest.get(..input_len).ok_or(Error::BufferTooSmall { needed: split.header_len.saturating_add(input_len) })?;
    Ok((head, input))
}

/// The algorithm and `kid` a token claims, after full header validation;
/// used by key sets to choose a key.
pub(crate) fn alg_and_kid<'h>(split: &Split<'_>, buf: &'h [u8]) -> Result<(Algorithm, Option<&'h str>), Error> {
    // The header was decoded into the front of `buf`; a shorter buffer is a broken invariant.
    let head = buf.get(..split.header_len).ok_or(Error::BufferTooSmall { needed: split.header_len })?;
    Ok((split.header.alg, split.header.kid(head)))
}
