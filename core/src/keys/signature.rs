//! Signing and verifying with a key's material: the one dispatch from an
//! algorithm to the crate (or `ring`, or the caller's platform) that does
//! the arithmetic, with the key-use and signature-shape checks in front.

use super::*;

impl Key {
    /// Signs `msg`, writing the JWS signature into `out`; returns its length.
    pub(crate) fn sign(&self, msg: &[u8], out: &mut [u8; MAX_SIG_LEN]) -> Result<usize, Error> {
        if !self.ops.sign {
            return Err(Error::Key(KeyError::UseForbidden));
        }
        // The `signature` crate's `Signer`, re-exported by each arithmetic
        // crate: from whichever this build has.
        #[cfg(feature = "ed25519")]
        use ed25519_dalek::Signer as _;
        #[cfg(all(feature = "p256", not(feature = "ed25519")))]
        use p256::ecdsa::signature::Signer as _;
        #[cfg(all(feature = "es384", not(any(feature = "ed25519", feature = "p256"))))]
        use p384::ecdsa::signature::Signer as _;
        match &self.material {
            Material::Hmac(k) => {
                let mut tag = [0u8; 64];
                let n = k.sign(msg, &mut tag);
                // `n` is the tag length (at most 64); a shorter tag must not become a signature.
                put(out, tag.get(..n).ok_or(Error::Key(KeyError::Invalid))?)
            }
            #[cfg(feature = "p256")]
            // The native signer when there is one, else the portable (RFC 6979) one.
            Material::P256 { secret: Some(sk), signer, .. } => signer.sign(msg, out).unwrap_or_else(|| {
                let sig: p256::ecdsa::Signature = sk.sign(msg);
                put(out, &sig.to_bytes())
            }),
            // AWS-LC's signer when there is one (same bytes: Ed25519 is deterministic), else dalek's.
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { secret: Some(sk), signer, .. } => {
                signer.sign(msg, out).unwrap_or_else(|| put(out, &sk.sign(msg).to_bytes()))
            }
            #[cfg(feature = "es384")]
            Material::P384 { secret: Some(sk), signer, .. } => signer.sign(msg, out).unwrap_or_else(|| {
                let sig: p384::ecdsa::Signature = sk.sign(msg);
                put(out, &sig.to_bytes())
            }),
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => r.sign(self.alg, msg, out),
            #[cfg(feature = "es512")]
            Material::P521(m) => m.sign(msg, out),
            #[cfg(feature = "es256k")]
            Material::K256(m) => m.sign(msg, out),
            _ => Err(Error::Key(KeyError::NotPrivate)),
        }
    }

    /// Verifies a JWS signature over `msg`. Failures of any kind, including
    /// a signature of the wrong length, are the one opaque
    /// [`Error::Signature`].
    #[cfg(test)]
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        self.verify_as(self.alg, msg, sig)
    }

    /// Verifies as `alg`, which [`Key::accepts`] has admitted.
    pub(crate) fn verify_as(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        let _ = alg;
        self.check_may_verify()?;
        match &self.material {
            Material::Hmac(k) => k.verify(msg, sig),
            #[cfg(feature = "p256")]
            Material::P256 { public, backend, .. } => {
                // from_slice refuses r or s equal to 0 or ≥ n (the "psychic
                // signature" r = s = 0 among them) and any length but 64,
                // whichever backend then does the arithmetic.
                let sig = p256::ecdsa::Signature::from_slice(sig).map_err(|_| Error::Signature)?;
                backend.verify(public, msg, &sig)
            }
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { public, .. } => {
                let sig = ed25519_dalek::Signature::from_slice(sig).map_err(|_| Error::Signature)?;
                // Strict RFC 8032 §5.1.7 verification: non-canonical S and a
                // small-order R are refused, the equation is cofactorless.
                // Small-order keys were refused at construction. Keys with a
                // torsion component are accepted: only their owner can make
                // one, and under this check it gains nothing.
                public.verify_strict(msg, &sig).map_err(|_| Error::Signature)
            }
            #[cfg(feature = "es384")]
            Material::P384 { public, .. } => {
                // As for P-256: exactly 96 bytes, 0 < r, s < n.
                use p384::ecdsa::signature::Verifier as _;
                let sig = p384::ecdsa::Signature::from_slice(sig).map_err(|_| Error::Signature)?;
                public.verify(msg, &sig).map_err(|_| Error::Signature)
            }
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => r.verify(alg, msg, sig),
            // No arithmetic for these in this build: the caller must hand the
            // signature to a platform verifier (`verify_external`); the error
            // names the feature that would do it here.
            #[cfg(not(feature = "p256"))]
            Material::Es256External(_) => Err(arithmetic_disabled(Feature::P256, (msg, sig))),
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(_) => Err(arithmetic_disabled(Feature::Ed25519, (msg, sig))),
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            Material::Es384External(_) => Err(arithmetic_disabled(Feature::Es384, (msg, sig))),
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            Material::RsaExternal(_) => Err(arithmetic_disabled(Feature::Rsa, (msg, sig))),
            #[cfg(feature = "es512")]
            Material::P521(m) => m.verify(msg, sig),
            #[cfg(feature = "es256k")]
            Material::K256(m) => m.verify(msg, sig),
        }
    }

    /// The checks on a signature that precede the arithmetic, for a verifier
    /// outside the core ([`crate::verify_external`]): ECDSA `r` and `s` in
    /// range and of the exact length, an RSA signature exactly the modulus
    /// length, and for Ed25519 every refusal of `verify_strict` a platform
    /// verifier may not make (`S < L`, small-order `R`; a non-canonical key
    /// encoding is not handed over at all, see `ed25519_precheck`). HMAC is
    /// never delegated: the core's HMAC is as fast as a platform call.
    pub(crate) fn check_external_shape(&self, sig: &[u8]) -> Result<(), Error> {
        self.check_may_verify()?;
        match &self.material {
            #[cfg(feature = "p256")]
            Material::P256 { .. } => p256::ecdsa::Signature::from_slice(sig).map(|_| ()).map_err(|_| Error::Signature),
            #[cfg(not(feature = "p256"))]
            Material::Es256External(_) => es256_range(sig),
            #[cfg(feature = "es384")]
            Material::P384 { .. } => p384::ecdsa::Signature::from_slice(sig).map(|_| ()).map_err(|_| Error::Signature),
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => r.check_length(sig),
            #[cfg(feature = "es512")]
            Material::P521(_) => p521_key::P521Material::check_shape(sig),
            #[cfg(feature = "es256k")]
            Material::K256(_) => k256_key::K256Material::check_shape(sig),
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { public, .. } => ed25519_precheck::check(public.as_bytes(), sig),
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(public) => ed25519_precheck::check(public.as_bytes(), sig),
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            Material::Es384External(_) => es384_range(sig),
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            Material::RsaExternal(public) => public.check_length(sig),
            Material::Hmac(_) => Err(Error::Key(KeyError::Unsupported)),
        }
    }

    /// The shape a platform-made signature must have before the core
    /// publishes it ([`crate::finish_external_signing_into`]): ECDSA `r || s`
    /// at the exact length with `0 < r, s < n`, Ed25519 64 bytes, RSA the
    /// modulus length. HMAC is never signed outside the core.
    pub(crate) fn check_produced_signature(&self, sig: &[u8]) -> Result<(), Error> {
        match &self.material {
            #[cfg(feature = "p256")]
            Material::P256 { .. } => p256::ecdsa::Signature::from_slice(sig).map(|_| ()).map_err(|_| Error::Signature),
            #[cfg(not(feature = "p256"))]
            Material::Es256External(_) => es256_range(sig),
            #[cfg(feature = "es384")]
            Material::P384 { .. } => p384::ecdsa::Signature::from_slice(sig).map(|_| ()).map_err(|_| Error::Signature),
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { .. } => ed25519_length(sig),
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(_) => ed25519_length(sig),
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            Material::Es384External(_) => es384_range(sig),
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            Material::RsaExternal(public) => public.check_length(sig),
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => r.check_length(sig),
            #[cfg(feature = "es512")]
            Material::P521(_) => p521_key::P521Material::check_shape(sig),
            #[cfg(feature = "es256k")]
            Material::K256(_) => k256_key::K256Material::check_shape(sig),
            Material::Hmac(_) => Err(Error::Key(KeyError::Unsupported)),
        }
    }
}

/// An Ed25519 signature is 64 bytes.
fn ed25519_length(sig: &[u8]) -> Result<(), Error> {
    if sig.len() == 64 { Ok(()) } else { Err(Error::Signature) }
}

/// ES384's `0 < r, s < n` and exact length, without the P-384 arithmetic.
#[cfg(all(feature = "external-keys", not(feature = "es384")))]
fn es384_range(sig: &[u8]) -> Result<(), Error> {
    if ecdsa_range::signature_in_range(Algorithm::Es384, sig) { Ok(()) } else { Err(Error::Signature) }
}

/// The refusal of a one-call verify for a key kept without its arithmetic;
/// `_unused` takes the message and signature it never looks at.
#[cfg(any(
    not(feature = "p256"),
    not(feature = "ed25519"),
    all(feature = "external-keys", any(not(feature = "rsa"), not(feature = "es384")))
))]
fn arithmetic_disabled<T>(feature: Feature, _unused: T) -> Error {
    Error::Key(KeyError::ArithmeticDisabled(feature))
}

/// ES256's `0 < r, s < n` and exact length, without the P-256 arithmetic.
#[cfg(not(feature = "p256"))]
fn es256_range(sig: &[u8]) -> Result<(), Error> {
    if ecdsa_range::signature_in_range(Algorithm::Es256, sig) { Ok(()) } else { Err(Error::Signature) }
}

pub(super) fn put(out: &mut [u8; MAX_SIG_LEN], sig: &[u8]) -> Result<usize, Error> {
    let dst = out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall { needed: sig.len() })?;
    dst.copy_from_slice(sig);
    Ok(sig.len())
}
