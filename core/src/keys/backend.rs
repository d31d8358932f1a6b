//! Where the curve arithmetic of a verification or a signature runs.
//!
//! The portable backend (RustCrypto `p256`, `p384`, `rsa`) is the default and
//! the only one in `no_std` and WebAssembly builds. With the `ring` feature,
//! P-256 and RSA (PKCS#1 v1.5 and PSS) signature verification, and ECDSA
//! P-256/P-384 and RSA signing, run in `ring`'s native code instead, several
//! times faster on servers. Everything that decides *whether* a signature may
//! be checked — key parsing and on-curve validation, the algorithm binding,
//! `key_ops`, the exact 64-byte length and the `0 < r, s < n` range check —
//! happens in the core before this module is called, so the two backends can
//! only differ in speed. Both are run over the same Wycheproof and
//! conformance vectors in `make test`, and the tests below sign with one
//! backend and verify with the other.
//!
//! Signing with `ring` differs in two ways worth knowing:
//!
//! - ES256/ES384 signatures are **not deterministic**: `ring` draws each
//!   nonce from the OS RNG (hedged with the key and the message digest),
//!   where the portable backend uses RFC 6979. Both are valid ECDSA; two
//!   tokens signed from the same claims differ in their signature segment.
//! - `ring` keeps its own copy of the private key (built once per [`Key`](crate::Key)
//!   and shared by its clones) and does not zeroize it on drop; the core's
//!   own copy still is. Keys `ring` refuses to sign with (RSA moduli above
//!   4096 bits, exponents below 65537, unbalanced primes) sign on the
//!   portable backend instead.
//!
//! Ed25519 verification stays on `ed25519-dalek`'s `verify_strict` with every
//! backend: `ring` verifies no faster (32 µs each here, dalek's AVX2 code; its
//! AVX-512 IFMA code, which the x86_64 Python wheels build, takes 20 µs) and
//! keeping one verifier avoids any doubt about non-canonical encodings.
//! `ring`'s Ed25519 signing is slower than dalek's (17 vs 14 µs); with the
//! `aws-lc` feature, Ed25519 and RSA signing run in AWS-LC
//! (`keys/aws_lc.rs`).

#[cfg(any(feature = "p256", feature = "es384", feature = "rsa"))]
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

/// A private ECDSA key prepared for `ring`'s signer, built once when the key
/// is loaded (so signing does not re-import it). Empty without the `ring`
/// feature, or when `ring` refused the key: the portable signer is used then.
#[cfg(any(feature = "p256", feature = "es384"))]
#[derive(Clone, Default)]
pub(crate) struct EcdsaSigner {
    #[cfg(feature = "ring")]
    pair: Option<alloc::sync::Arc<ring::signature::EcdsaKeyPair>>,
}

#[cfg(any(feature = "p256", feature = "es384"))]
impl EcdsaSigner {
    /// Nothing prepared (public keys).
    pub(crate) const NONE: EcdsaSigner = EcdsaSigner {
        #[cfg(feature = "ring")]
        pair: None,
    };

    /// From a P-256 scalar the core has already validated.
    #[cfg(feature = "p256")]
    pub(crate) fn p256(secret: &p256::ecdsa::SigningKey) -> Self {
        #[cfg(feature = "ring")]
        {
            let scalar = zeroize::Zeroizing::new(secret.to_bytes());
            let point = secret.verifying_key().to_sec1_point(false);
            Self::ring(&ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING, &scalar, point.as_bytes())
        }
        #[cfg(not(feature = "ring"))]
        {
            let _ = secret;
            Self::NONE
        }
    }

    /// From a P-384 scalar the core has already validated.
    #[cfg(feature = "es384")]
    pub(crate) fn p384(secret: &p384::ecdsa::SigningKey) -> Self {
        #[cfg(feature = "ring")]
        {
            let scalar = zeroize::Zeroizing::new(secret.to_bytes());
            let point = secret.verifying_key().to_sec1_point(false);
            Self::ring(&ring::signature::ECDSA_P384_SHA384_FIXED_SIGNING, &scalar, point.as_bytes())
        }
        #[cfg(not(feature = "ring"))]
        {
            let _ = secret;
            Self::NONE
        }
    }

    #[cfg(feature = "ring")]
    fn ring(alg: &'static ring::signature::EcdsaSigningAlgorithm, scalar: &[u8], point: &[u8]) -> Self {
        let rng = ring::rand::SystemRandom::new();
        // `ring` re-checks that the scalar matches the point; a refusal (never
        // expected for a key the core accepted) just keeps the portable signer.
        let pair = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(alg, scalar, point, &rng).ok();
        EcdsaSigner { pair: pair.map(alloc::sync::Arc::new) }
    }

    /// Signs with `ring` into `out` (`r || s`, fixed size); `None` when this
    /// key has no native signer and the caller signs on the portable backend.
    pub(crate) fn sign(&self, msg: &[u8], out: &mut [u8]) -> Option<Result<usize, Error>> {
        #[cfg(feature = "ring")]
        {
            let pair = self.pair.as_ref()?;
            let rng = ring::rand::SystemRandom::new();
            Some(
                pair.sign(&rng, msg)
                    .map_err(|_| Error::Key(crate::KeyError::Invalid))
                    .and_then(|sig| put(out, sig.as_ref())),
            )
        }
        #[cfg(not(feature = "ring"))]
        {
            let _ = (msg, out);
            None
        }
    }
}

/// A private RSA key prepared for `ring`'s signer, or AWS-LC's with the
/// `aws-lc` feature (faster here, `keys/aws_lc.rs`), built once from the key
/// the core parsed, re-encoded as PKCS#1 DER for the library to import and
/// check.
#[cfg(feature = "rsa")]
#[derive(Clone, Default)]
pub(crate) struct RsaSigner {
    #[cfg(all(feature = "ring", not(feature = "aws-lc")))]
    pair: Option<alloc::sync::Arc<ring::rsa::KeyPair>>,
    #[cfg(feature = "aws-lc")]
    pair: Option<alloc::sync::Arc<aws_lc_rs::rsa::KeyPair>>,
}

#[cfg(feature = "rsa")]
impl RsaSigner {
    pub(crate) fn new(secret: &rsa::RsaPrivateKey) -> Self {
        #[cfg(feature = "aws-lc")]
        {
            use rsa::pkcs1::EncodeRsaPrivateKey as _;
            // As for `ring` below; AWS-LC's refusals keep the portable signer too.
            let pair = secret.to_pkcs1_der().ok().and_then(|der| super::aws_lc::rsa_pair(der.as_bytes()));
            RsaSigner { pair }
        }
        #[cfg(all(feature = "ring", not(feature = "aws-lc")))]
        {
            use rsa::pkcs1::EncodeRsaPrivateKey as _;
            // The DER is a `SecretDocument`, zeroized when dropped here. `ring`
            // refuses what it does not sign (over 4096 bits, e < 65537,
            // unbalanced primes): those keys keep the portable signer.
            let pair = secret.to_pkcs1_der().ok().and_then(|der| ring::rsa::KeyPair::from_der(der.as_bytes()).ok());
            RsaSigner { pair: pair.map(alloc::sync::Arc::new) }
        }
        #[cfg(not(any(feature = "ring", feature = "aws-lc")))]
        {
            let _ = secret;
            RsaSigner {}
        }
    }

    /// Signs as `alg` with `ring` into `out`; `None` when this key has no
    /// native signer (or `alg` is not RSA) and the portable backend signs.
    pub(crate) fn sign(&self, alg: crate::Algorithm, msg: &[u8], out: &mut [u8]) -> Option<Result<usize, Error>> {
        #[cfg(feature = "aws-lc")]
        {
            super::aws_lc::rsa_sign(self.pair.as_ref()?, alg, msg, out)
        }
        #[cfg(all(feature = "ring", not(feature = "aws-lc")))]
        {
            let pair = self.pair.as_ref()?;
            rsa_sign_with!(ring, pair, pair.public().modulus_len(), alg, msg, out)
        }
        #[cfg(not(any(feature = "ring", feature = "aws-lc")))]
        {
            let _ = (alg, msg, out);
            None
        }
    }
}

/// RS*/PS* signing with `ring` or AWS-LC into `out`, `None` for any other
/// algorithm: one body for both backends because aws-lc-rs mirrors `ring`'s
/// RSA signing API (the same encoding constants, `KeyPair::sign`,
/// `rand::SystemRandom`). Only the modulus length is asked for differently
/// (`ring` deprecated `public_modulus_len`), so the caller passes it.
#[cfg(all(feature = "rsa", any(feature = "ring", feature = "aws-lc")))]
macro_rules! rsa_sign_with {
    ($lib:ident, $pair:expr, $modulus_len:expr, $alg:expr, $msg:expr, $out:expr) => {{
        use crate::Algorithm as A;
        use $lib::signature as s;
        let padding: &'static dyn s::RsaEncoding = match $alg {
            A::Rs256 => &s::RSA_PKCS1_SHA256,
            A::Rs384 => &s::RSA_PKCS1_SHA384,
            A::Rs512 => &s::RSA_PKCS1_SHA512,
            // PSS with MGF1 of the same hash and a salt as long as the hash (RFC 7518 §3.5).
            A::Ps256 => &s::RSA_PSS_SHA256,
            A::Ps384 => &s::RSA_PSS_SHA384,
            A::Ps512 => &s::RSA_PSS_SHA512,
            _ => return None,
        };
        let len: usize = $modulus_len;
        let Some(dst) = $out.get_mut(..len) else {
            return Some(Err(crate::error::Error::BufferTooSmall { needed: len }));
        };
        let rng = $lib::rand::SystemRandom::new();
        Some(
            $pair
                .sign(padding, &rng, $msg, dst)
                .map(|()| len)
                .map_err(|_| crate::error::Error::Key(crate::KeyError::Invalid)),
        )
    }};
}
#[cfg(all(feature = "rsa", any(feature = "ring", feature = "aws-lc")))]
pub(super) use rsa_sign_with;

/// Copies a finished signature into `out`, or says how much room it needs.
#[cfg(any(feature = "ring", feature = "aws-lc"))]
pub(super) fn put(out: &mut [u8], sig: &[u8]) -> Result<usize, Error> {
    let dst = out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall { needed: sig.len() })?;
    dst.copy_from_slice(sig);
    Ok(sig.len())
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
    use jwtcore_testkit::SplitMix64;
    use p256::ecdsa::signature::{Signer as _, Verifier as _};
    use rand_core::Rng as _;

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

    #[test]
    fn p256_ring_and_portable_signatures_cross_verify() {
        let mut rng = SplitMix64(0x5167_0256);
        for round in 0..24 {
            let mut scalar = [0u8; 32];
            rng.fill_bytes(&mut scalar);
            let Ok(sk) = p256::ecdsa::SigningKey::from_slice(&scalar) else { continue };
            let vk = *sk.verifying_key();
            let msg = rng.message(600);

            // ring signs, the portable backend verifies.
            let mut out = [0u8; 96];
            let n = EcdsaSigner::p256(&sk).sign(&msg, &mut out).expect("a ring signer").unwrap();
            assert_eq!(n, 64);
            let native = p256::ecdsa::Signature::from_slice(&out[..64]).unwrap();
            assert!(vk.verify(&msg, &native).is_ok(), "round {round}");
            let mut other = msg.clone();
            other.push(b'x');
            assert!(vk.verify(&other, &native).is_err(), "round {round}");

            // The portable backend signs, ring verifies.
            let portable: p256::ecdsa::Signature = sk.sign(&msg);
            let verifier = P256Verifier::new(&vk);
            assert!(verifier.verify(&vk, &msg, &portable).is_ok(), "round {round}");
            assert!(verifier.verify(&vk, &other, &portable).is_err(), "round {round}");
        }
    }

    #[test]
    fn p256_tokens_signed_on_ring_verify_on_the_portable_backend() {
        let mut rng = SplitMix64(0x70_6b65_6e73);
        for round in 0..12 {
            let mut scalar = [0u8; 32];
            rng.fill_bytes(&mut scalar);
            let Ok(key) = crate::Key::es256_private(&scalar) else { continue };
            let mut claims = std::collections::BTreeMap::new();
            for i in 0..(rng.next_u32() % 6) {
                claims.insert(std::format!("c{i}"), rng.next_u64());
            }
            let token = crate::encode(&crate::EncodeHeader::new(), &claims, &key).unwrap();
            let (input, sig_b64) = token.rsplit_once('.').unwrap();
            let mut sig = [0u8; 64];
            assert_eq!(crate::b64::decode(sig_b64.as_bytes(), &mut sig).map(<[u8]>::len), Ok(64));
            let (public, _) = key.p256_parts().unwrap();
            let sig = p256::ecdsa::Signature::from_slice(&sig).unwrap();
            assert!(public.verify(input.as_bytes(), &sig).is_ok(), "round {round}");
            // And the core (ring) accepts it, while the same claims sign to a different token.
            let mut buf = std::vec![0u8; token.len()];
            let v = crate::Validation::new().require(crate::ClaimSet::NONE).skip(crate::ClaimSet::ALL);
            let verdict = crate::verify(&token, &key, &v, core::time::Duration::ZERO, &mut buf).map(|_| ());
            assert_eq!(verdict, Ok(()), "round {round}");
            let again = crate::encode(&crate::EncodeHeader::new(), &claims, &key).unwrap();
            assert_ne!(again, token, "ring's ECDSA nonces are random");
        }
    }

    #[cfg(feature = "es384")]
    #[test]
    fn p384_ring_and_portable_signatures_cross_verify() {
        let mut rng = SplitMix64(0x5167_0384);
        for round in 0..12 {
            let mut scalar = [0u8; 48];
            rng.fill_bytes(&mut scalar);
            let Ok(sk) = p384::ecdsa::SigningKey::from_slice(&scalar) else { continue };
            let vk = *sk.verifying_key();
            let point = vk.to_sec1_point(false);
            let msg = rng.message(600);

            let mut out = [0u8; 96];
            let n = EcdsaSigner::p384(&sk).sign(&msg, &mut out).expect("a ring signer").unwrap();
            assert_eq!(n, 96);
            let native = p384::ecdsa::Signature::from_slice(&out).unwrap();
            assert!(vk.verify(&msg, &native).is_ok(), "round {round}");

            let portable: p384::ecdsa::Signature = sk.sign(&msg);
            let ring_key =
                ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P384_SHA384_FIXED, point.as_bytes());
            assert!(ring_key.verify(&msg, &portable.to_bytes()).is_ok(), "round {round}");
            let mut flipped = portable.to_bytes();
            flipped[10] ^= 1;
            assert!(ring_key.verify(&msg, &flipped).is_err(), "round {round}");
        }
    }

    #[cfg(feature = "rsa")]
    mod rsa_keys {
        use super::*;
        use crate::Algorithm;
        use crate::keys::rsa_key::{RsaMaterial, sign_with_os_rng};

        #[test]
        fn rsa_ring_and_portable_signatures_cross_verify() {
            let mut rng = SplitMix64(0x5167_2048);
            let secret = rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap();
            let signer = RsaSigner::new(&secret);
            let key = RsaMaterial::from_private(secret.clone()).unwrap();
            for alg in Algorithm::RSA {
                let msg = rng.message(600);
                let mut out = [0u8; 512];

                // ring signs, the portable backend verifies.
                let n = signer.sign(alg, &msg, &mut out).expect("a ring signer").unwrap();
                assert_eq!(n, 256);
                assert_eq!(key.verify_portable(alg, &msg, &out[..n]), Ok(()), "{alg:?}");
                let mut other = msg.clone();
                other.push(1);
                assert_eq!(key.verify_portable(alg, &other, &out[..n]), Err(Error::Signature), "{alg:?}");

                // The portable backend signs, ring verifies.
                let n = sign_with_os_rng(&secret, alg, &msg, &mut out).unwrap();
                assert_eq!(key.verify(alg, &msg, &out[..n]), Ok(()), "{alg:?}");
                assert_eq!(key.verify(alg, &other, &out[..n]), Err(Error::Signature), "{alg:?}");
            }
        }

        #[test]
        fn keys_ring_refuses_sign_on_the_portable_backend() {
            // e = 3 is a valid RSA key for the core, below ring's e >= 65537.
            let mut rng = SplitMix64(0x0003_2048);
            let secret = rsa::RsaPrivateKey::new_with_exp(&mut rng, 2048, rsa::BoxedUint::from(3u32)).unwrap();
            let mut out = [0u8; 512];
            // AWS-LC does sign with e = 3 (the exponent only matters to verifiers, and the core's
            // is strict); ring refuses and the portable backend signs.
            #[cfg(not(feature = "aws-lc"))]
            assert!(RsaSigner::new(&secret).sign(Algorithm::Rs256, b"m", &mut out).is_none());
            let key = RsaMaterial::from_private(secret).unwrap();
            let n = key.sign(Algorithm::Ps256, b"m", &mut out).unwrap();
            assert_eq!(key.verify(Algorithm::Ps256, b"m", &out[..n]), Ok(()));
            assert_eq!(key.verify_portable(Algorithm::Ps256, b"m", &out[..n]), Ok(()));
        }
    }
}
