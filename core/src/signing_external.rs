//! Two-phase signing: the core decides everything, a platform primitive
//! (node:crypto, WebCrypto) computes the raw signature.
//!
//! The npm package signs ECDSA, RSA and Ed25519 with the runtime's own
//! crypto, which is several times faster than WebAssembly there and keeps the
//! private key in a non-extractable platform key. The core still checks the
//! key and the header exactly as [`sign_compact_into`](crate::sign_compact_into)
//! does, writes the signing input, and checks the shape of what the platform
//! returned before it becomes the token's third part.

use crate::Algorithm;
use crate::error::{Error, KeyError};
use crate::json::Cursor;
use crate::keys::Key;
use crate::signing::write_signing_input;

/// Phase one: checks `key` and `header_json` as
/// [`sign_compact_into`](crate::sign_compact_into) does and writes the
/// signing input, `base64url(header) "." base64url(payload)`, into `out`.
///
/// Hand the returned bytes to the platform's signer for
/// [`Key::algorithm`], then pass its raw signature (ECDSA: `r || s`, not
/// DER) to [`finish_external_signing_into`] with the same `out`.
///
/// ```
/// use jwtcore::{external_signing_input_into, finish_external_signing_into, Key};
/// let key = Key::es256_private(&[7; 32])?;
/// let mut out = [0u8; 256];
/// let input_len = external_signing_input_into(br#"{"alg":"ES256"}"#, br#"{"sub":"a"}"#, &key, &mut out)?.len();
/// // ... the platform signs out[..input_len]; a stand-in signature here:
/// let raw = [1u8; 64];
/// let token = finish_external_signing_into(&key, &mut out, input_len, &raw)?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Those of [`sign_compact_into`](crate::sign_compact_into):
/// [`KeyError::NotPrivate`], [`KeyError::UseForbidden`], header errors,
/// [`Error::BufferTooSmall`]. HMAC keys are refused with
/// [`KeyError::Unsupported`]: the core's own HMAC is the fast path.
pub fn external_signing_input_into<'o>(
    header_json: &[u8],
    payload: &[u8],
    key: &Key,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    if matches!(key.algorithm(), Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512) {
        return Err(Error::Key(KeyError::Unsupported));
    }
    if !key.is_private() {
        return Err(Error::Key(KeyError::NotPrivate));
    }
    if !key.ops().can_sign() {
        return Err(Error::Key(KeyError::UseForbidden));
    }
    let n = write_signing_input(header_json, payload, key, out, false)?.len;
    let input = out.get(..n).ok_or(Error::BufferTooSmall { needed: n })?;
    core::str::from_utf8(input).map_err(|_| Error::Serialize)
}

/// Phase two: checks the platform's raw `signature` for `key`'s algorithm
/// and appends `"." base64url(signature)` to the signing input held in
/// `out[..input_len]`; returns the compact token.
///
/// The shape is the JOSE encoding a verifier demands: ECDSA exactly
/// `r || s` at the curve's length with `0 < r, s < n`, Ed25519 64 bytes,
/// RSA exactly the modulus length. Anything else (a DER signature, a
/// truncated one) is refused rather than published.
///
/// ```
/// use jwtcore::{external_signing_input_into, finish_external_signing_into, Error, Key};
/// let key = Key::es256_private(&[7; 32])?;
/// let mut out = [0u8; 256];
/// let n = external_signing_input_into(br#"{"alg":"ES256"}"#, b"{}", &key, &mut out)?.len();
/// // r = s = 0 is no signature; a DER one has the wrong length.
/// assert!(matches!(finish_external_signing_into(&key, &mut out, n, &[0; 64]), Err(Error::Signature)));
/// assert!(matches!(finish_external_signing_into(&key, &mut out, n, &[1; 70]), Err(Error::Signature)));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`Error::Signature`] for a signature of the wrong shape,
/// [`KeyError::Unsupported`] for an HMAC key, [`Error::BufferTooSmall`].
pub fn finish_external_signing_into<'o>(
    key: &Key,
    out: &'o mut [u8],
    input_len: usize,
    signature: &[u8],
) -> Result<&'o str, Error> {
    key.check_produced_signature(signature)?;
    append_signature(out, input_len, signature)
}

/// Appends `"." base64url(signature)` to the signing input in
/// `out[..input_len]` and returns the token: the last step of both two-phase
/// signers (core keys here, platform-held keys in `signing_platform`), kept
/// in one place so the two cannot assemble tokens differently.
pub(crate) fn append_signature<'o>(out: &'o mut [u8], input_len: usize, signature: &[u8]) -> Result<&'o str, Error> {
    let mut cur = Cursor::new(out);
    cur.advance(input_len)?;
    cur.put(b".")?;
    cur.put_b64(signature)?;
    let token: &'o [u8] = cur.into_written();
    core::str::from_utf8(token).map_err(|_| Error::Serialize)
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::{Validation, verify_external};

    // Signs with P-256 in the core.
    #[cfg(feature = "p256")]
    #[test]
    fn core_signature_through_the_external_path_verifies() {
        // The core's own signer stands in for the platform: the token the
        // two phases assemble must verify like one sign_compact_into made.
        let key = Key::es256_private(&[9; 32]).unwrap();
        let mut out = [0u8; 256];
        let n =
            external_signing_input_into(br#"{"alg":"ES256"}"#, br#"{"exp":4102444800}"#, &key, &mut out).unwrap().len();
        let mut sig = [0u8; crate::keys::MAX_SIG_LEN];
        let len = key.sign(out.get(..n).unwrap(), &mut sig).unwrap();
        let token = finish_external_signing_into(&key, &mut out, n, sig.get(..len).unwrap()).unwrap();
        let token = alloc_free_copy(token);
        let mut scratch = [0u8; 256];
        let public = key.to_public().unwrap();
        let v = Validation::new();
        let pending = verify_external(token.as_str(), &public, &v, &mut scratch).unwrap();
        assert!(public.verify(pending.signing_input(), pending.signature()).is_ok());
    }

    // Uses a private Ed25519 key.
    #[cfg(feature = "ed25519")]
    #[test]
    fn refuses_hmac_mismatched_alg_and_bad_shapes() {
        let hmac = Key::hmac(Algorithm::Hs256, &[3; 32]).unwrap();
        let mut out = [0u8; 256];
        assert!(matches!(
            external_signing_input_into(br#"{"alg":"HS256"}"#, b"{}", &hmac, &mut out),
            Err(Error::Key(KeyError::Unsupported))
        ));
        let ed = Key::ed25519_private(&[5; 32]).unwrap();
        assert!(matches!(
            external_signing_input_into(br#"{"alg":"ES256"}"#, b"{}", &ed, &mut out),
            Err(Error::Header(crate::HeaderError::AlgKeyMismatch))
        ));
        let n = external_signing_input_into(br#"{"alg":"EdDSA"}"#, b"{}", &ed, &mut out).unwrap().len();
        assert!(matches!(finish_external_signing_into(&ed, &mut out, n, &[1; 63]), Err(Error::Signature)));
        assert!(finish_external_signing_into(&ed, &mut out, n, &[1; 64]).is_ok());
        let public = ed.to_public().unwrap();
        assert!(matches!(
            external_signing_input_into(br#"{"alg":"EdDSA"}"#, b"{}", &public, &mut out),
            Err(Error::Key(KeyError::NotPrivate))
        ));
    }

    /// A fixed-size copy, so the test needs no allocator.
    fn alloc_free_copy(s: &str) -> Fixed {
        let mut f = Fixed { buf: [0; 256], len: s.len() };
        f.buf.get_mut(..s.len()).unwrap().copy_from_slice(s.as_bytes());
        f
    }
    struct Fixed {
        buf: [u8; 256],
        len: usize,
    }
    impl Fixed {
        fn as_str(&self) -> &str {
            core::str::from_utf8(self.buf.get(..self.len).unwrap()).unwrap()
        }
    }
}
