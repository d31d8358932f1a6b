//! Keys, each bound to exactly one algorithm.
//!
//! A [`Key`] is parsed once (from raw bytes, a JWK, or PEM/DER) and then used
//! for any number of signatures and verifications. Its algorithm is fixed at
//! construction: an HMAC secret can never verify an `ES256` token, a P-256
//! key can never be used as an HMAC secret, and an `HS256` secret does not
//! verify `HS384` MACs.

use core::fmt;

use zeroize::Zeroizing;

use crate::alg::{Algorithm, AlgorithmSet, Family};
use crate::error::{Error, Feature, KeyError};

mod aws_lc;
mod backend;
mod confusion;
mod constructors;
mod curve_parts;
#[cfg(any(feature = "es512", feature = "es256k"))]
mod ecdsa_curve;
mod ecdsa_range;
// The arithmetic-free key forms: each exists where its arithmetic is left
// out, and in every test build so that the tests compare it with the crate
// it stands in for.
#[cfg(any(test, not(feature = "ed25519")))]
mod ed25519_external;
pub(crate) mod ed25519_precheck;
#[cfg(any(test, not(feature = "p256")))]
mod external;
pub(crate) mod hmac;
pub mod jwk;
pub mod jwks;
#[cfg(feature = "es256k")]
mod k256_key;
mod material;
#[cfg(any(test, all(feature = "external-keys", not(feature = "es384"))))]
mod p384_external;
#[cfg(feature = "es512")]
mod p521_key;
mod parts;
pub mod pem;
mod platform;
mod resolver;
#[cfg(any(all(test, feature = "rsa"), all(feature = "external-keys", not(feature = "rsa"))))]
mod rsa_external;
#[cfg(feature = "rsa")]
mod rsa_key;
mod signature;
mod ssh;
mod thumbprint;
// The curve equation for the arithmetic-free P-256/P-384 points.
#[cfg(any(test, not(feature = "p256"), all(feature = "external-keys", not(feature = "es384"))))]
mod weierstrass;
#[cfg(test)]
mod wycheproof_tests;
mod x509;

pub use self::backend::BACKEND;
#[cfg(any(feature = "p256", feature = "es384"))]
use self::backend::EcdsaSigner;
#[cfg(feature = "p256")]
use self::backend::P256Verifier;
#[cfg(feature = "ring")]
#[cfg_attr(docsrs, doc(cfg(feature = "ring")))]
#[doc(hidden)]
pub use self::backend::p256_verdicts;
pub use self::confusion::looks_like_asymmetric_key;
use self::hmac::HmacKey;
pub use self::jwks::{DEFAULT_KEY_SET_CAPACITY, HmacSecret, KeyResolver, KeySet, SkipReason};
pub use self::platform::{PLATFORM_MAX_RSA_BITS, PLATFORM_MIN_RSA_BITS, PlatformKey};
#[cfg(feature = "rsa")]
#[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
pub use self::rsa_key::{MAX_RSA_BITS, MIN_RSA_BITS};
pub use self::thumbprint::{THUMBPRINT_LEN, jwk_thumbprint};

/// The longest `kid` a key can carry.
pub const MAX_KID_LEN: usize = 128;

/// What a key may be used for (JWK `use` and `key_ops`, RFC 7517 §4.2–4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyOps {
    sign: bool,
    verify: bool,
}

impl KeyOps {
    /// Signing and verification.
    pub const ALL: KeyOps = KeyOps { sign: true, verify: true };
    /// Verification only.
    pub const VERIFY: KeyOps = KeyOps { sign: false, verify: true };
    /// Signing only.
    pub const SIGN: KeyOps = KeyOps { sign: true, verify: false };
    /// Neither (for example a JWK with `use: enc`).
    pub const NONE: KeyOps = KeyOps { sign: false, verify: false };

    /// Whether signing is permitted.
    pub const fn can_sign(self) -> bool {
        self.sign
    }

    /// Whether verification is permitted.
    pub const fn can_verify(self) -> bool {
        self.verify
    }
}

// Without the Ed25519 and P-256 arithmetic every other variant is a few
// bytes and the HMAC one (its fixed secret buffer) stands out; boxing it
// would need a heap in builds that have none.
#[cfg_attr(not(all(feature = "ed25519", feature = "p256")), allow(clippy::large_enum_variant))]
#[derive(Clone)]
enum Material {
    Hmac(HmacKey),
    #[cfg(feature = "p256")]
    P256 {
        public: p256::ecdsa::VerifyingKey,
        secret: Option<p256::ecdsa::SigningKey>,
        backend: P256Verifier,
        /// The native signer prepared from `secret` (empty on the portable backend).
        signer: EcdsaSigner,
    },
    /// An ES256 public key in a build without the P-256 arithmetic: its
    /// checked encoding, verified only through the two-phase verify
    /// (`keys/external.rs` says what is checked where).
    #[cfg(not(feature = "p256"))]
    Es256External(external::Es256Point),
    #[cfg(feature = "ed25519")]
    Ed25519 {
        public: ed25519_dalek::VerifyingKey,
        secret: Option<ed25519_dalek::SigningKey>,
        /// AWS-LC's signer prepared from `secret` (empty without `aws-lc`).
        signer: aws_lc::Ed25519Signer,
    },
    /// An Ed25519 public key in a build without ed25519-dalek, for the
    /// two-phase verify only (`keys/ed25519_external.rs`).
    #[cfg(not(feature = "ed25519"))]
    Ed25519External(ed25519_external::Ed25519Public),
    /// A P-384 public key without the P-384 arithmetic (`external-keys`).
    #[cfg(all(feature = "external-keys", not(feature = "es384")))]
    Es384External(p384_external::Es384Point),
    /// An RSA public key without the RSA arithmetic (`external-keys`).
    #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
    RsaExternal(rsa_external::RsaPublic),
    #[cfg(feature = "es384")]
    P384 {
        public: p384::ecdsa::VerifyingKey,
        secret: Option<p384::ecdsa::SigningKey>,
        signer: EcdsaSigner,
    },
    #[cfg(feature = "rsa")]
    Rsa(rsa_key::RsaMaterial),
    #[cfg(feature = "es512")]
    P521(p521_key::P521Material),
    #[cfg(feature = "es256k")]
    K256(k256_key::K256Material),
}

/// The longest signature any supported algorithm produces (RSA-8192).
pub(crate) const MAX_SIG_LEN: usize = 1024;

/// A signing or verification key, bound to one [`Algorithm`].
///
/// Secrets are zeroized on drop and `Debug` shows only the algorithm, the
/// `kid` and whether the key is private.
///
/// ```
/// use jwtcore::{Algorithm, Key};
/// let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes!")?;
/// assert_eq!(key.algorithm(), Algorithm::Hs256);
/// assert!(format!("{key:?}").contains("HS256"));
/// assert!(!format!("{key:?}").contains("secret of"));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Clone)]
pub struct Key {
    material: Material,
    alg: Algorithm,
    /// Further algorithms the key verifies when the caller's allow-list names
    /// them: only RSA keys loaded without a declared `alg` (PEM/DER, PyJWT
    /// style), which may serve `RS*` and `PS*` alike.
    also: AlgorithmSet,
    kid: [u8; MAX_KID_LEN],
    kid_len: u8,
    ops: KeyOps,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("alg", &self.alg.as_str())
            .field("kid", &self.kid())
            .field("private", &self.is_private())
            .finish_non_exhaustive()
    }
}

impl Key {
    fn new(material: Material, alg: Algorithm) -> Self {
        Key { material, alg, also: AlgorithmSet::EMPTY, kid: [0; MAX_KID_LEN], kid_len: 0, ops: KeyOps::ALL }
    }

    /// Whether the key verifies `alg` — its own algorithm, or (for RSA keys
    /// loaded without a declared `alg`) another RSA algorithm that the
    /// caller's explicit allow-list names.
    pub(crate) fn accepts(&self, alg: Algorithm, explicit_allow_list: bool) -> bool {
        alg == self.alg || (explicit_allow_list && self.also.contains(alg))
    }

    /// The key-binding rule, in one place: this key may verify a signature
    /// made with `alg` if it accepts the algorithm ([`Key::accepts`]) and its
    /// permitted operations include verifying.
    pub(crate) fn check_verify_binding(&self, alg: Algorithm, explicit_allow_list: bool) -> Result<(), Error> {
        if !self.accepts(alg, explicit_allow_list) {
            return Err(Error::Header(crate::error::HeaderError::AlgKeyMismatch));
        }
        self.check_may_verify()
    }

    /// The key-use check (`use`/`key_ops`, and public keys never sign),
    /// shared by every path that verifies.
    fn check_may_verify(&self) -> Result<(), Error> {
        if self.ops.verify { Ok(()) } else { Err(Error::Key(KeyError::UseForbidden)) }
    }

    /// Whether this is an RSA key loaded without a declared algorithm, which
    /// verifies any `RS*`/`PS*` algorithm the caller's allow-list names.
    pub fn is_algorithm_flexible(&self) -> bool {
        !self.also.is_empty()
    }

    /// Binds an RSA key loaded without a declared algorithm to one algorithm
    /// (it then verifies only that one).
    ///
    /// # Errors
    /// [`KeyError::AlgMismatch`] unless the key is such an RSA key and `alg`
    /// is an RSA algorithm, or `alg` is already the key's algorithm.
    pub fn bind_algorithm(mut self, alg: Algorithm) -> Result<Key, Error> {
        if alg == self.alg && self.also.is_empty() {
            return Ok(self);
        }
        if !self.also.contains(alg) {
            return Err(Error::Key(KeyError::AlgMismatch));
        }
        self.alg = alg;
        self.also = AlgorithmSet::EMPTY;
        Ok(self)
    }

    /// The algorithm this key is bound to.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// Whether the key holds private (or secret) material and can sign.
    pub fn is_private(&self) -> bool {
        match &self.material {
            Material::Hmac(_) => true,
            #[cfg(feature = "p256")]
            Material::P256 { secret, .. } => secret.is_some(),
            #[cfg(not(feature = "p256"))]
            Material::Es256External(_) => false,
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { secret, .. } => secret.is_some(),
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(_) => false,
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            Material::Es384External(_) => false,
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            Material::RsaExternal(_) => false,
            #[cfg(feature = "es384")]
            Material::P384 { secret, .. } => secret.is_some(),
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => r.secret.is_some(),
            #[cfg(feature = "es512")]
            Material::P521(m) => m.is_private(),
            #[cfg(feature = "es256k")]
            Material::K256(m) => m.is_private(),
        }
    }

    /// The key ID, if one was set.
    pub fn kid(&self) -> Option<&str> {
        let bytes = self.kid.get(..usize::from(self.kid_len))?;
        if bytes.is_empty() { None } else { core::str::from_utf8(bytes).ok() }
    }

    /// Sets the key ID written into headers by the encoder and matched
    /// against the `kid` header by key sets.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if `kid` is longer than [`MAX_KID_LEN`] bytes.
    pub fn with_kid(mut self, kid: &str) -> Result<Key, Error> {
        let dst = self.kid.get_mut(..kid.len()).ok_or(Error::Key(KeyError::Invalid))?;
        dst.copy_from_slice(kid.as_bytes());
        self.kid_len = u8::try_from(kid.len()).map_err(|_| Error::Key(KeyError::Invalid))?;
        Ok(self)
    }

    /// Sets the key ID to the key's RFC 7638 thumbprint.
    ///
    /// # Errors
    /// As [`Key::thumbprint`].
    pub fn with_thumbprint_kid(self) -> Result<Key, Error> {
        let mut buf = [0u8; 43];
        let tp = self.thumbprint(&mut buf)?;
        let mut copy = [0u8; 43];
        copy.copy_from_slice(tp.as_bytes());
        let s = core::str::from_utf8(&copy).map_err(|_| Error::Key(KeyError::Invalid))?;
        self.with_kid(s)
    }

    /// What the key may be used for.
    pub fn ops(&self) -> KeyOps {
        self.ops
    }

    /// Restricts what the key may be used for.
    #[must_use]
    pub fn with_ops(mut self, ops: KeyOps) -> Key {
        self.ops = ops;
        self
    }

    /// The public half of an asymmetric key (the key itself for public
    /// keys). HMAC keys have no public half.
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for HMAC keys.
    pub fn to_public(&self) -> Result<Key, Error> {
        let material = match &self.material {
            Material::Hmac(_) => return Err(Error::Key(KeyError::Unsupported)),
            #[cfg(feature = "p256")]
            Material::P256 { public, backend, .. } => {
                Material::P256 { public: *public, secret: None, backend: backend.clone(), signer: EcdsaSigner::NONE }
            }
            #[cfg(not(feature = "p256"))]
            Material::Es256External(point) => Material::Es256External(point.clone()),
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { public, .. } => {
                Material::Ed25519 { public: *public, secret: None, signer: aws_lc::Ed25519Signer::NONE }
            }
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(public) => Material::Ed25519External(public.clone()),
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            Material::Es384External(point) => Material::Es384External(point.clone()),
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            Material::RsaExternal(public) => Material::RsaExternal(public.clone()),
            #[cfg(feature = "es384")]
            Material::P384 { public, .. } => {
                Material::P384 { public: *public, secret: None, signer: EcdsaSigner::NONE }
            }
            #[cfg(feature = "rsa")]
            Material::Rsa(r) => Material::Rsa(r.to_public()),
            #[cfg(feature = "es512")]
            Material::P521(m) => Material::P521(m.to_public()),
            #[cfg(feature = "es256k")]
            Material::K256(m) => Material::K256(m.to_public()),
        };
        Ok(Key { material, alg: self.alg, also: self.also, kid: self.kid, kid_len: self.kid_len, ops: KeyOps::VERIFY })
    }

    #[cfg(feature = "es384")]
    pub(crate) fn p384_parts(&self) -> Option<(&p384::ecdsa::VerifyingKey, Option<&p384::ecdsa::SigningKey>)> {
        match &self.material {
            Material::P384 { public, secret, .. } => Some((public, secret.as_ref())),
            _ => None,
        }
    }

    #[cfg(feature = "rsa")]
    pub(crate) fn rsa_material(&self) -> Option<&rsa_key::RsaMaterial> {
        match &self.material {
            Material::Rsa(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn hmac_secret(&self) -> Option<&[u8]> {
        match &self.material {
            Material::Hmac(k) => k.secret(),
            _ => None,
        }
    }

    #[cfg(all(test, feature = "p256"))]
    pub(crate) fn p256_parts(&self) -> Option<(&p256::ecdsa::VerifyingKey, Option<&p256::ecdsa::SigningKey>)> {
        match &self.material {
            Material::P256 { public, secret, .. } => Some((public, secret.as_ref())),
            _ => None,
        }
    }

    /// The uncompressed SEC1 point of an ES256 key, whichever form holds it
    /// (what JWK export, thumbprints and pair checks compare).
    pub(crate) fn es256_point(&self) -> Option<[u8; 65]> {
        match &self.material {
            #[cfg(feature = "p256")]
            Material::P256 { public, .. } => {
                let mut out = [0u8; 65];
                let point = public.to_sec1_point(false);
                out.get_mut(..point.as_bytes().len())?.copy_from_slice(point.as_bytes());
                Some(out)
            }
            #[cfg(not(feature = "p256"))]
            Material::Es256External(point) => Some(point.to_bytes()),
            _ => None,
        }
    }

    /// The private scalar of an ES256 key (only a build with the arithmetic
    /// holds one).
    pub(crate) fn es256_scalar(&self) -> Option<Zeroizing<[u8; 32]>> {
        match &self.material {
            #[cfg(feature = "p256")]
            Material::P256 { secret: Some(sk), .. } => Some(Zeroizing::new(sk.to_bytes().into())),
            _ => None,
        }
    }

    /// The key's family.
    pub fn family(&self) -> Family {
        self.alg.family()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "ed25519")]
    use std::format;

    #[cfg(feature = "p256")]
    #[test]
    fn es256_sign_verify_and_tamper() {
        let k = Key::es256_private(&[7u8; 32]).unwrap();
        let mut sig = [0u8; MAX_SIG_LEN];
        assert_eq!(k.sign(b"msg", &mut sig).unwrap(), 64);
        let sig = &sig[..64];
        assert!(k.verify(b"msg", sig).is_ok());
        assert_eq!(k.verify(b"msh", sig), Err(Error::Signature));
        assert_eq!(k.verify(b"msg", &sig[..63]), Err(Error::Signature));
        assert_eq!(k.verify(b"msg", &[0u8; 64]), Err(Error::Signature));
        let public = k.to_public().unwrap();
        assert!(!public.is_private());
        assert!(public.verify(b"msg", sig).is_ok());
        let mut sig = [0u8; MAX_SIG_LEN];
        assert_eq!(public.sign(b"msg", &mut sig), Err(Error::Key(KeyError::UseForbidden)));
    }

    #[test]
    fn ed25519_rejects_small_order_keys() {
        // The identity point: the "all keys verify" forgery key.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(Key::ed25519_public(&identity).err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(Key::ed25519_public(&[0u8; 31]).err(), Some(Error::Key(KeyError::Invalid)));
    }

    #[cfg(feature = "ed25519")]
    #[test]
    fn kid_limits() {
        let k = Key::ed25519_private(&[1u8; 32]).unwrap();
        assert!(k.clone().with_kid(core::str::from_utf8(&[b'a'; 129]).unwrap()).is_err());
        let k = k.with_kid("key-1").unwrap();
        assert_eq!(k.kid(), Some("key-1"));
        assert!(!format!("{k:?}").contains("secret"));
    }

    #[test]
    fn ops_are_enforced() {
        let k = Key::hmac(Algorithm::Hs256, &[9u8; 32]).unwrap().with_ops(KeyOps::NONE);
        let mut sig = [0u8; MAX_SIG_LEN];
        assert_eq!(k.sign(b"m", &mut sig), Err(Error::Key(KeyError::UseForbidden)));
        assert_eq!(k.verify(b"m", &sig[..32]), Err(Error::Key(KeyError::UseForbidden)));
    }
}
