//! Signing through AWS-LC (`aws-lc-rs`), with the `aws-lc` feature: Ed25519
//! here, RSA in [`super::backend::RsaSigner`].
//!
//! Why a second native library beside `ring`: on x86_64 servers AWS-LC signs
//! Ed25519 about 2× faster than ed25519-dalek (s2n-bignum's base-point
//! multiplication; 6.2 vs 13.6 µs here) and RSA-2048 about 2× faster than
//! `ring` (its AVX-512 IFMA modular exponentiation; 219 vs 445 µs here), where
//! `ring` is no faster than dalek for Ed25519 and has no IFMA code. Only
//! signing moves: verification stays on dalek's `verify_strict` (Ed25519) and
//! `ring` (P-256, RSA), so no verdict depends on this feature. Both signatures
//! are deterministic (RFC 8032; RSASSA-PKCS1-v1_5), so the tests require the
//! same bytes as the portable signers; PSS signatures are checked by
//! verifying them on the portable backend.
//!
//! AWS-LC keeps its own copy of the private key (built once per [`Key`](crate::Key)
//! and shared by its clones); its allocator wipes it when freed.

#[cfg(any(feature = "aws-lc", feature = "ed25519"))]
use crate::error::Error;

/// An Ed25519 private key prepared for AWS-LC's signer, built once when the
/// key is loaded. Empty without the `aws-lc` feature (dalek signs then) and
/// for public keys.
#[cfg(feature = "ed25519")]
#[derive(Clone, Default)]
pub(crate) struct Ed25519Signer {
    #[cfg(feature = "aws-lc")]
    pair: Option<alloc::sync::Arc<aws_lc_rs::signature::Ed25519KeyPair>>,
}

#[cfg(feature = "ed25519")]
impl Ed25519Signer {
    /// Nothing prepared (public keys).
    pub(crate) const NONE: Ed25519Signer = Ed25519Signer {
        #[cfg(feature = "aws-lc")]
        pair: None,
    };

    /// From the seed and the public key dalek derived from it.
    pub(crate) fn new(secret: &ed25519_dalek::SigningKey) -> Self {
        #[cfg(feature = "aws-lc")]
        {
            let seed = zeroize::Zeroizing::new(secret.to_bytes());
            let public = secret.verifying_key();
            // AWS-LC re-derives the public key from the seed and compares; a
            // refusal (never expected) keeps dalek's signer.
            let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_and_public_key(&*seed, public.as_bytes()).ok();
            Ed25519Signer { pair: pair.map(alloc::sync::Arc::new) }
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            let _ = secret;
            Self::NONE
        }
    }

    /// Signs `msg` into `out` (64 bytes); `None` when there is no AWS-LC
    /// signer and dalek signs.
    pub(crate) fn sign(&self, msg: &[u8], out: &mut [u8]) -> Option<Result<usize, Error>> {
        #[cfg(feature = "aws-lc")]
        {
            let pair = self.pair.as_ref()?;
            Some(put(out, pair.sign(msg).as_ref()))
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            let _ = (msg, out);
            None
        }
    }
}

/// A private RSA key as AWS-LC's signer, from the PKCS#1 DER the core
/// re-encoded; `None` for keys AWS-LC refuses (the portable signer stays).
#[cfg(all(feature = "aws-lc", feature = "rsa"))]
pub(crate) fn rsa_pair(pkcs1_der: &[u8]) -> Option<alloc::sync::Arc<aws_lc_rs::rsa::KeyPair>> {
    aws_lc_rs::rsa::KeyPair::from_der(pkcs1_der).ok().map(alloc::sync::Arc::new)
}

/// Signs as `alg` (RS*/PS*) with AWS-LC into `out`; `None` for any other
/// algorithm.
#[cfg(all(feature = "aws-lc", feature = "rsa"))]
pub(crate) fn rsa_sign(
    pair: &aws_lc_rs::rsa::KeyPair,
    alg: crate::Algorithm,
    msg: &[u8],
    out: &mut [u8],
) -> Option<Result<usize, Error>> {
    super::backend::rsa_sign_with!(aws_lc_rs, pair, pair.public_modulus_len(), alg, msg, out)
}

#[cfg(feature = "aws-lc")]
use super::backend::put;

#[cfg(all(test, feature = "aws-lc"))]
mod tests {
    use super::*;
    use crate::Key;

    use ed25519_dalek::Signer as _;
    use jwtcore_testkit::SplitMix64;
    use rand_core::Rng as _;

    /// AWS-LC's Ed25519 signatures are dalek's, byte for byte, on random
    /// keys and messages; each verifies with the core's `verify_strict`, and a
    /// flipped bit anywhere in it is refused.
    #[test]
    fn ed25519_signatures_are_dalek_signatures() {
        let mut rng = SplitMix64(0x0ed2_5519);
        for _ in 0..200 {
            let mut seed = [0u8; 32];
            rng.fill_bytes(&mut seed);
            let msg = rng.message(600);
            let dalek = ed25519_dalek::SigningKey::from_bytes(&seed);
            let signer = Ed25519Signer::new(&dalek);
            let mut out = [0u8; 64];
            assert_eq!(signer.sign(&msg, &mut out).unwrap().unwrap(), 64);
            assert_eq!(out, dalek.sign(&msg).to_bytes());
            let key = Key::ed25519_private(&seed).unwrap().to_public().unwrap();
            assert!(key.verify(&msg, &out).is_ok());
            let bit = (rng.next_u32() % 512) as usize;
            out[bit / 8] ^= 1 << (bit % 8);
            assert!(key.verify(&msg, &out).is_err());
        }
    }

    #[test]
    fn public_keys_have_no_signer() {
        assert!(Ed25519Signer::NONE.sign(b"m", &mut [0u8; 64]).is_none());
    }

    /// RS* signatures (deterministic) are the portable signer's bytes; every
    /// signature, PS* (randomized) included, verifies on the portable backend.
    #[cfg(feature = "rsa")]
    #[test]
    fn rsa_signatures_match_the_portable_signer() {
        use crate::Algorithm;
        use crate::keys::rsa_key::{RsaMaterial, sign_with_os_rng};
        use rsa::pkcs1::EncodeRsaPrivateKey as _;
        let mut rng = SplitMix64(0x0a75_2048);
        let secret = rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap();
        let der = secret.to_pkcs1_der().unwrap();
        let pair = rsa_pair(der.as_bytes()).expect("AWS-LC imports a 2048-bit key");
        let key = RsaMaterial::from_private(secret.clone()).unwrap();
        for alg in Algorithm::RSA {
            let msg = rng.message(600);
            let mut out = [0u8; 512];
            let n = rsa_sign(&pair, alg, &msg, &mut out).expect("an RSA algorithm").unwrap();
            assert_eq!(n, 256);
            assert_eq!(key.verify_portable(alg, &msg, &out[..n]), Ok(()), "{alg:?}");
            let mut other = msg.clone();
            other.push(1);
            assert_eq!(key.verify_portable(alg, &other, &out[..n]), Err(Error::Signature), "{alg:?}");
            if matches!(alg, Algorithm::Rs256 | Algorithm::Rs384 | Algorithm::Rs512) {
                let mut portable = [0u8; 512];
                let m = sign_with_os_rng(&secret, alg, &msg, &mut portable).unwrap();
                assert_eq!(out[..n], portable[..m], "{alg:?}");
            }
        }
        assert!(rsa_sign(&pair, Algorithm::Es256, b"m", &mut [0u8; 512]).is_none());
    }
}
