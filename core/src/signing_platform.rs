//! Two-phase signing with a key the platform holds ([`PlatformKey`]): the
//! core checks the key's description and the header and writes the signing
//! input; the platform (WebCrypto, `node:crypto`) signs with a key whose
//! material the core never sees; the core checks the signature's JOSE shape
//! before it becomes the token.

use crate::Algorithm;
use crate::error::Error;
use crate::keys::PlatformKey;
use crate::signing::write_signing_input_as;
use crate::signing_external::append_signature;

/// Phase one: checks that `key` is private, may sign and serves `alg` (the
/// key decides the family: an HMAC key never signs `RS256`), that the header
/// names `alg` and passes the checks [`sign_compact_into`](crate::sign_compact_into)
/// applies, and writes the signing input into `out`. With `detached`, the
/// payload will not be carried in the token (RFC 7515 Appendix F), so an
/// unencoded payload (`b64: false`) may hold any bytes.
///
/// Hand the returned bytes to the platform's signer for `alg` (ECDSA with
/// `dsaEncoding: 'ieee-p1363'` or WebCrypto's raw `r || s`; PSS with a salt as
/// long as the hash), then its signature to [`finish_platform_signing_into`].
///
/// ```
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::{platform_signing_input_into, Algorithm, Error, HeaderError, KeyError};
/// let held = PlatformKey::from_webcrypto("private", "ECDSA", Some("P-384"), None, None, None, &["sign"], None)?;
/// let mut out = [0u8; 256];
/// let input = platform_signing_input_into(br#"{"alg":"ES384"}"#, b"{}", &held, Algorithm::Es384, &mut out, false)?;
/// assert_eq!(input, b"eyJhbGciOiJFUzM4NCJ9.e30");
/// // The curve decides: no ES256 with a P-384 key; and a public key never signs.
/// let err = platform_signing_input_into(br#"{"alg":"ES256"}"#, b"{}", &held, Algorithm::Es256, &mut out, false);
/// assert_eq!(err.unwrap_err(), Error::Header(HeaderError::AlgKeyMismatch));
/// let public = PlatformKey::from_webcrypto("public", "ECDSA", Some("P-384"), None, None, None, &["verify"], None)?;
/// let err = platform_signing_input_into(br#"{"alg":"ES384"}"#, b"{}", &public, Algorithm::Es384, &mut out, false);
/// assert_eq!(err.unwrap_err(), Error::Key(KeyError::NotPrivate));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`KeyError::NotPrivate`](crate::KeyError), [`KeyError::UseForbidden`](crate::KeyError)
/// (no `sign` usage), [`HeaderError::AlgKeyMismatch`](crate::HeaderError)
/// (the key does not serve `alg`, or the header names another), the header
/// errors of [`sign_compact_into`](crate::sign_compact_into),
/// [`Error::BufferTooSmall`].
pub fn platform_signing_input_into<'o>(
    header_json: &[u8],
    payload: &[u8],
    key: &PlatformKey,
    alg: Algorithm,
    out: &'o mut [u8],
    detached: bool,
) -> Result<&'o [u8], Error> {
    key.check_sign_binding(alg)?;
    let n = write_signing_input_as(header_json, payload, alg, out, detached)?.len;
    // Bytes, not text: a detached unencoded payload (RFC 7797) may be any bytes.
    out.get(..n).ok_or(Error::BufferTooSmall { needed: n })
}

/// Phase two: checks the platform's `signature` for `alg` under `key` (HMAC
/// the hash length; ECDSA `r || s` at the curve's length with `0 < r, s < n`,
/// never DER; Ed25519 64 bytes; RSA the modulus length) and appends
/// `"." base64url(signature)` to the signing input in `out[..input_len]`.
/// For a detached token, keep only `base64url(header) "."` in `out` and pass
/// its length: the result is `header..signature`.
///
/// ```
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::{finish_platform_signing_into, platform_signing_input_into, Algorithm, Error};
/// let held = PlatformKey::from_node("private", Some("rsa"), None, Some(2048), None, None, None)?;
/// let mut out = [0u8; 1024];
/// let n = platform_signing_input_into(br#"{"alg":"PS256"}"#, b"{}", &held, Algorithm::Ps256, &mut out, false)?.len();
/// // A 2048-bit key makes 256-byte signatures; anything else is not published.
/// assert_eq!(finish_platform_signing_into(&held, Algorithm::Ps256, &mut out, n, &[1; 255]).unwrap_err(), Error::Signature);
/// let token = finish_platform_signing_into(&held, Algorithm::Ps256, &mut out, n, &[1; 256])?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`Error::Signature`] for a signature of the wrong shape, the binding
/// errors of [`platform_signing_input_into`], [`Error::BufferTooSmall`].
pub fn finish_platform_signing_into<'o>(
    key: &PlatformKey,
    alg: Algorithm,
    out: &'o mut [u8],
    input_len: usize,
    signature: &[u8],
) -> Result<&'o str, Error> {
    key.check_sign_binding(alg)?;
    key.check_shape(alg, signature, false)?;
    append_signature(out, input_len, signature)
}
