//! Where the curve arithmetic of a verification runs.
//!
//! The portable backend (RustCrypto `p256`, `rsa`) is the default and the
//! only one in `no_std` and WebAssembly builds. With the `ring` feature,
//! P-256 and RSA (PKCS#1 v1.5 and PSS) signature verification run in
//! `ring`'s native code instead, several times faster on servers. Everything that decides *whether* a signature may be
//! checked — key parsing and on-curve validation, the algorithm binding,
//! `key_ops`, the exact 64-byte length and the `0 < r, s < n` range check —
//! happens in the core before this module is called, so the two backends can
//! only differ in speed. Both are run over the same Wycheproof and
//! conformance vectors in `make test`.
//!
//! Ed25519 stays on `ed25519-dalek` with either backend: after parsing keys
//! once it is within about 10 % of `ring` here, and keeping one
//! implementation avoids any doubt about non-canonical encodings.

#[cfg(feature = "p256")]
use crate::error::Error;

/// The backend this build verifies P-256 signatures with: `"ring"` or
/// `"rustcrypto"`.
///
/// ```
/// assert!(["ring", "rustcrypto"].contains(&jwtcore::keys::BACKEND));
/// ```
pub const BACKEND: &str = if cfg!(feature = "ring") { "ring" } else { "rustcrypto" };

/// A P-256 public key prepared for the active backend (parsed once).
#[cfg(feature = "p256")]
#[derive(Clone)]
pub(crate) struct P256Verifier {
    #[cfg(feature = "ring")]
    point: [u8; 65],
}

#[cfg(feature = "p256")]
impl P256Verifier {
    pub(crate) fn new(public: &p256::ecdsa::VerifyingKey) -> Self {
        #[cfg(feature = "ring")]
        {
            let mut point = [0u8; 65];
            let encoded = public.to_sec1_point(false);
            if let Some(dst) = point.get_mut(..encoded.as_bytes().len()) {
                dst.copy_from_slice(encoded.as_bytes());
            }
            P256Verifier { point }
        }
        #[cfg(not(feature = "ring"))]
        {
            let _ = public;
            P256Verifier {}
        }
    }

    /// Verifies a signature that already passed the core's checks (exactly
    /// 64 bytes, `0 < r, s < n`).
    pub(crate) fn verify(
        &self,
        public: &p256::ecdsa::VerifyingKey,
        msg: &[u8],
        sig: &p256::ecdsa::Signature,
    ) -> Result<(), Error> {
        #[cfg(feature = "ring")]
        {
            let _ = public;
            let sig = sig.to_bytes();
            ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, &self.point)
                .verify(msg, &sig)
                .map_err(|_| Error::Signature)
        }
        #[cfg(not(feature = "ring"))]
        {
            use p256::ecdsa::signature::Verifier as _;
            public.verify(msg, sig).map_err(|_| Error::Signature)
        }
    }
}

/// Both backends' verdicts on one P-256 signature, for the differential fuzz
/// target (`fuzz/fuzz_targets/backend_diff.rs`). Not part of the API.
///
/// Returns `None` when the key or the signature fails the core's own checks
/// (neither backend would be called).
#[cfg(feature = "ring")]
#[cfg_attr(docsrs, doc(cfg(feature = "ring")))]
#[doc(hidden)]
pub fn p256_verdicts(public_sec1: &[u8], msg: &[u8], sig: &[u8]) -> Option<(bool, bool)> {
    use p256::ecdsa::signature::Verifier as _;
    let public = p256::ecdsa::VerifyingKey::from_sec1_bytes(public_sec1).ok()?;
    let sig = p256::ecdsa::Signature::from_slice(sig).ok()?;
    let portable = public.verify(msg, &sig).is_ok();
    let native = P256Verifier::new(&public).verify(&public, msg, &sig).is_ok();
    Some((portable, native))
}

#[cfg(all(test, feature = "ring"))]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Signer as _;

    #[test]
    fn backends_agree_on_valid_and_tampered_signatures() {
        let sk = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
        let point = sk.verifying_key().to_sec1_point(false);
        let sig: p256::ecdsa::Signature = sk.sign(b"message");
        let bytes = sig.to_bytes();
        assert_eq!(p256_verdicts(point.as_bytes(), b"message", &bytes), Some((true, true)));
        assert_eq!(p256_verdicts(point.as_bytes(), b"massage", &bytes), Some((false, false)));
        let mut flipped = bytes;
        flipped[40] ^= 1;
        let v = p256_verdicts(point.as_bytes(), b"message", &flipped);
        assert!(v == Some((false, false)) || v.is_none());
        // The high-S twin (r, n - s) is valid for both (FIPS 186-4).
        let (r, s) = sig.split_scalars();
        let twin = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
        assert_eq!(p256_verdicts(point.as_bytes(), b"message", &twin.to_bytes()), Some((true, true)));
    }
}
