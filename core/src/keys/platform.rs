//! Keys held by the platform (a WebCrypto `CryptoKey`, a Node `KeyObject`),
//! described by what the platform reports about them.
//!
//! The material of such a key never reaches the core: a non-extractable
//! `CryptoKey` cannot be exported at all, and a private key kept in OpenSSL or
//! the browser's key store is out of reach of any code holding the WebAssembly
//! module's memory. The core still makes every decision. From the platform's
//! own description (WebCrypto's `algorithm` name, `namedCurve`, `hash`,
//! `modulusLength`, `length` and `usages`; a `KeyObject`'s `type`,
//! `asymmetricKeyType`, `asymmetricKeyDetails` and `symmetricKeySize`) a
//! [`PlatformKey`] decides which JWS algorithms the key may serve — the key
//! decides the family, as for a [`Key`](crate::Key) — and, through the
//! two-phase verify and sign ([`crate::verify_platform`],
//! [`crate::platform_signing_input_into`]), the header binding, `crit`, the
//! signature's exact length and range and the claims. Only the arithmetic (or
//! the MAC) is the platform's.

use crate::alg::{Algorithm, AlgorithmSet, Family};
use crate::error::{Error, HeaderError, KeyError};
use crate::keys::KeyOps;
use crate::keys::{ecdsa_range, ed25519_precheck};

/// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3; the core's own
/// RSA keys have the same bound).
pub const PLATFORM_MIN_RSA_BITS: u32 = 2048;
/// The largest RSA modulus accepted, in bits (the core's own bound: bigger
/// keys are a denial-of-service lever, not more security).
pub const PLATFORM_MAX_RSA_BITS: u32 = 8192;

/// What kind of key the platform holds, and the parameters that bind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An HMAC secret of `len` bytes.
    Hmac { len: u32 },
    /// An ECDSA key on the curve of this algorithm (ES256, ES384, ES512, ES256K).
    Ecdsa,
    /// An RSA key with a modulus of `bits` bits.
    Rsa { bits: u32 },
    /// An Ed25519 key; the public key's encoding when the platform shows it.
    Ed25519 { public: Option<[u8; 32]> },
}

/// A key the platform holds, as the core sees it: its kind, the algorithms it
/// may serve, whether it is private, and what it may be used for.
///
/// ```
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::Algorithm;
/// // A non-extractable WebCrypto key from generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).
/// let key = PlatformKey::from_webcrypto("private", "ECDSA", Some("P-256"), None, None, None, &["sign"], None)?;
/// assert!(key.algorithms().contains(Algorithm::Es256));
/// assert!(!key.algorithms().contains(Algorithm::Es384)); // the curve decides
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformKey {
    kind: Kind,
    /// The algorithm the key serves without an allow-list.
    alg: Algorithm,
    /// Further algorithms it serves when the verifier's allow-list names them
    /// (an RSA `KeyObject`, which says nothing about its padding or hash, as
    /// an RSA key loaded from PEM without `alg`).
    also: AlgorithmSet,
    private: bool,
    ops: KeyOps,
}

/// The key's `type` as both platforms report it: `secret`, `public` or `private`.
fn key_type(t: &str) -> Result<(bool, bool), Error> {
    match t {
        "secret" => Ok((true, true)),
        "public" => Ok((false, false)),
        "private" => Ok((false, true)),
        _ => Err(Error::Key(KeyError::Invalid)),
    }
}

/// The ECDSA algorithm for a curve name (WebCrypto's and Node's spellings).
fn ecdsa_for_curve(curve: &str) -> Result<Algorithm, Error> {
    match curve {
        "P-256" | "prime256v1" => Ok(Algorithm::Es256),
        "P-384" | "secp384r1" => Ok(Algorithm::Es384),
        "P-521" | "secp521r1" => Ok(Algorithm::Es512),
        "secp256k1" => Ok(Algorithm::Es256k),
        _ => Err(Error::Key(KeyError::Unsupported)),
    }
}

/// SHA-2 output length in bytes from a hash name (`SHA-256`, Node's `sha256`).
fn sha2_len(hash: &str) -> Option<u32> {
    match hash {
        "SHA-256" | "sha256" | "sha-256" => Some(32),
        "SHA-384" | "sha384" | "sha-384" => Some(48),
        "SHA-512" | "sha512" | "sha-512" => Some(64),
        _ => None,
    }
}

const HMAC_ALGS: [(Algorithm, u32); 3] = [(Algorithm::Hs256, 32), (Algorithm::Hs384, 48), (Algorithm::Hs512, 64)];
const RS: [(Algorithm, u32); 3] = [(Algorithm::Rs256, 32), (Algorithm::Rs384, 48), (Algorithm::Rs512, 64)];
const PS: [(Algorithm, u32); 3] = [(Algorithm::Ps256, 32), (Algorithm::Ps384, 48), (Algorithm::Ps512, 64)];

/// The algorithm of `table` whose hash has `len` bytes.
fn by_hash(table: &[(Algorithm, u32); 3], len: u32) -> Result<Algorithm, Error> {
    table.iter().find(|(_, l)| *l == len).map(|(a, _)| *a).ok_or(Error::Key(KeyError::Unsupported))
}

fn rsa_bits(bits: Option<u32>) -> Result<u32, Error> {
    let bits = bits.ok_or(Error::Key(KeyError::Invalid))?;
    if bits < PLATFORM_MIN_RSA_BITS {
        return Err(Error::Key(KeyError::TooSmall));
    }
    if bits > PLATFORM_MAX_RSA_BITS {
        return Err(Error::Key(KeyError::Unsupported));
    }
    Ok(bits)
}

/// An HMAC key of `len_bytes`: bound to `hash` when the platform fixed one,
/// else to every HMAC algorithm the length allows (RFC 7518 §3.2), the first
/// of them primary — the rule for an `oct` JWK without `alg`.
fn hmac(len_bytes: Option<u32>, hash: Option<&str>) -> Result<(Kind, Algorithm, AlgorithmSet), Error> {
    let len = len_bytes.filter(|&l| l > 0).ok_or(Error::Key(KeyError::Invalid))?;
    match hash {
        Some(h) => {
            let alg = by_hash(&HMAC_ALGS, sha2_len(h).ok_or(Error::Key(KeyError::Unsupported))?)?;
            if len < alg.signature_len() as u32 {
                return Err(Error::Key(KeyError::Weak));
            }
            Ok((Kind::Hmac { len }, alg, AlgorithmSet::EMPTY))
        }
        None => {
            let mut fitting = HMAC_ALGS.iter().filter(|(_, min)| len >= *min).map(|(a, _)| *a);
            let first = fitting.next().ok_or(Error::Key(KeyError::Weak))?;
            let also = fitting.fold(AlgorithmSet::EMPTY, AlgorithmSet::with);
            Ok((Kind::Hmac { len }, first, also))
        }
    }
}

fn ed25519(public: Option<&[u8]>, private: bool) -> Result<Kind, Error> {
    let public = match public {
        Some(b) => Some(<[u8; 32]>::try_from(b).map_err(|_| Error::Key(KeyError::Invalid))?),
        None => None,
    };
    // Verifying needs the public key's encoding for the strict-verify pre-check; a public key
    // the platform will not show cannot be checked, so it is refused rather than trusted.
    if public.is_none() && !private {
        return Err(Error::Key(KeyError::Unsupported));
    }
    if public.as_ref().is_some_and(ed25519_precheck::is_small_order_encoding) {
        return Err(Error::Key(KeyError::Invalid));
    }
    Ok(Kind::Ed25519 { public })
}

impl PlatformKey {
    /// A WebCrypto `CryptoKey` from its `type`, `algorithm.name`,
    /// `algorithm.namedCurve`, `algorithm.hash.name`, `algorithm.modulusLength`,
    /// `algorithm.length` (HMAC, bits) and `usages`. `ed25519_public` is the
    /// raw public key of an Ed25519 key when the platform exports it (public
    /// keys usually are extractable); an Ed25519 public key without it is
    /// refused, since the strict-verify pre-check needs its bytes.
    ///
    /// The key decides the family: `ECDSA` by its curve, `RSASSA-PKCS1-v1_5`
    /// and `RSA-PSS` by their hash (RS* / PS*), `HMAC` by its hash (HS*),
    /// `Ed25519` is `EdDSA`. `usages` must include `verify` to verify and
    /// `sign` to sign.
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// use jwtcore::{Algorithm, Error, KeyError};
    /// let rs = PlatformKey::from_webcrypto("public", "RSASSA-PKCS1-v1_5", None, Some("SHA-384"), Some(2048), None, &["verify"], None)?;
    /// assert_eq!(rs.algorithm(), Algorithm::Rs384);
    /// // RSA under 2048 bits, and an HMAC key shorter than its hash, are refused as the core refuses them.
    /// let small = PlatformKey::from_webcrypto("public", "RSA-PSS", None, Some("SHA-256"), Some(1024), None, &["verify"], None);
    /// assert_eq!(small.unwrap_err(), Error::Key(KeyError::TooSmall));
    /// let short = PlatformKey::from_webcrypto("secret", "HMAC", None, Some("SHA-256"), None, Some(128), &["sign"], None);
    /// assert_eq!(short.unwrap_err(), Error::Key(KeyError::Weak));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for an algorithm, curve or hash no JWS
    /// algorithm uses (ECDH, AES, SHA-1, X25519, ...), an RSA key over 8192
    /// bits, or an Ed25519 public key without its bytes;
    /// [`KeyError::TooSmall`] for RSA under 2048 bits; [`KeyError::Weak`] for
    /// an HMAC key shorter than its hash; [`KeyError::Invalid`] for a `type`
    /// that does not fit the algorithm or missing parameters.
    #[allow(clippy::too_many_arguments)] // one argument per member the platform reports
    pub fn from_webcrypto(
        key_type_name: &str,
        name: &str,
        named_curve: Option<&str>,
        hash: Option<&str>,
        modulus_length: Option<u32>,
        hmac_length_bits: Option<u32>,
        usages: &[&str],
        ed25519_public: Option<&[u8]>,
    ) -> Result<PlatformKey, Error> {
        let (secret, private) = key_type(key_type_name)?;
        let ops = KeyOps { sign: usages.contains(&"sign") && private, verify: usages.contains(&"verify") };
        let hash_len = || hash.and_then(sha2_len).ok_or(Error::Key(KeyError::Unsupported));
        let (kind, alg, also) = match name {
            "HMAC" if secret => {
                hmac(hmac_length_bits.map(|b| b / 8), Some(hash.ok_or(Error::Key(KeyError::Invalid))?))?
            }
            "ECDSA" if !secret => {
                (Kind::Ecdsa, ecdsa_for_curve(named_curve.ok_or(Error::Key(KeyError::Invalid))?)?, AlgorithmSet::EMPTY)
            }
            "RSASSA-PKCS1-v1_5" if !secret => {
                (Kind::Rsa { bits: rsa_bits(modulus_length)? }, by_hash(&RS, hash_len()?)?, AlgorithmSet::EMPTY)
            }
            "RSA-PSS" if !secret => {
                (Kind::Rsa { bits: rsa_bits(modulus_length)? }, by_hash(&PS, hash_len()?)?, AlgorithmSet::EMPTY)
            }
            "Ed25519" if !secret => (ed25519(ed25519_public, private)?, Algorithm::EdDsa, AlgorithmSet::EMPTY),
            "HMAC" | "ECDSA" | "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "Ed25519" => {
                return Err(Error::Key(KeyError::Invalid));
            }
            _ => return Err(Error::Key(KeyError::Unsupported)),
        };
        Ok(PlatformKey { kind, alg, also, private: private || secret, ops })
    }

    /// A Node `KeyObject` from its `type`, `asymmetricKeyType`,
    /// `asymmetricKeyDetails` (`namedCurve`, `modulusLength`, and for
    /// `rsa-pss` keys restricted to one hash, `hashAlgorithm`) and
    /// `symmetricKeySize` (bytes). `ed25519_public` as for
    /// [`from_webcrypto`](Self::from_webcrypto).
    ///
    /// A `KeyObject` has no usages: a public key verifies, a private key and a
    /// secret sign and verify. An `rsa` key serves RS256, and the other RS* /
    /// PS* algorithms when the verifier's allow-list names them (the rule for
    /// an RSA key loaded from PEM without `alg`); an `rsa-pss` key serves PS*
    /// only (PS256 primary, the others with the allow-list), or the one its
    /// `hashAlgorithm` names. A secret serves every HMAC algorithm its length
    /// allows (as an `oct` JWK without `alg`).
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// use jwtcore::Algorithm;
    /// let secret = PlatformKey::from_node("secret", None, None, None, None, Some(48), None)?;
    /// assert!(secret.algorithms().contains(Algorithm::Hs384));
    /// assert!(!secret.algorithms().contains(Algorithm::Hs512)); // 48 bytes is too short for HS512
    /// let ed = PlatformKey::from_node("private", Some("ed25519"), None, None, None, None, None)?;
    /// assert_eq!(ed.algorithm(), Algorithm::EdDsa);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_webcrypto`](Self::from_webcrypto).
    pub fn from_node(
        key_type_name: &str,
        asymmetric_key_type: Option<&str>,
        named_curve: Option<&str>,
        modulus_length: Option<u32>,
        hash_algorithm: Option<&str>,
        symmetric_key_size: Option<u32>,
        ed25519_public: Option<&[u8]>,
    ) -> Result<PlatformKey, Error> {
        let (secret, private) = key_type(key_type_name)?;
        let ops = if secret || private { KeyOps::ALL } else { KeyOps::VERIFY };
        let (kind, alg, also) = match (secret, asymmetric_key_type) {
            (true, None) => hmac(symmetric_key_size, None)?,
            (false, Some("ec")) => {
                (Kind::Ecdsa, ecdsa_for_curve(named_curve.ok_or(Error::Key(KeyError::Invalid))?)?, AlgorithmSet::EMPTY)
            }
            (false, Some("rsa")) => {
                let also = AlgorithmSet::from_slice(&Algorithm::RSA);
                (Kind::Rsa { bits: rsa_bits(modulus_length)? }, Algorithm::Rs256, also)
            }
            (false, Some("rsa-pss")) => {
                let kind = Kind::Rsa { bits: rsa_bits(modulus_length)? };
                match hash_algorithm {
                    Some(h) => (
                        kind,
                        by_hash(&PS, sha2_len(h).ok_or(Error::Key(KeyError::Unsupported))?)?,
                        AlgorithmSet::EMPTY,
                    ),
                    None => (kind, Algorithm::Ps256, PS.iter().fold(AlgorithmSet::EMPTY, |s, (a, _)| s.with(*a))),
                }
            }
            (false, Some("ed25519")) => (ed25519(ed25519_public, private)?, Algorithm::EdDsa, AlgorithmSet::EMPTY),
            (true, Some(_)) | (false, None) => return Err(Error::Key(KeyError::Invalid)),
            (false, Some(_)) => return Err(Error::Key(KeyError::Unsupported)),
        };
        Ok(PlatformKey { kind, alg, also, private: private || secret, ops })
    }

    /// The algorithm the key serves without an allow-list.
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// use jwtcore::Algorithm;
    /// let key = PlatformKey::from_node("public", Some("rsa"), None, Some(2048), None, None, None)?;
    /// assert_eq!(key.algorithm(), Algorithm::Rs256);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// Every algorithm the key may serve (with an allow-list naming them).
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// use jwtcore::Algorithm;
    /// let key = PlatformKey::from_node("public", Some("rsa"), None, Some(2048), None, None, None)?;
    /// assert!(key.algorithms().contains(Algorithm::Ps512));
    /// assert!(!key.algorithms().contains(Algorithm::Es256));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn algorithms(&self) -> AlgorithmSet {
        self.also.with(self.alg)
    }

    /// Whether the platform holds the private half (or a secret).
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// let key = PlatformKey::from_node("public", Some("ec"), Some("prime256v1"), None, None, None, None)?;
    /// assert!(!key.is_private());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        self.private
    }

    /// The key-binding rule of [`Key`](crate::Key), for a platform key: the
    /// header's `alg` must be the key's own, or one of its further algorithms
    /// named by an explicit allow-list; the key must be allowed to verify.
    pub(crate) fn check_verify_binding(&self, alg: Algorithm, explicit_allow_list: bool) -> Result<(), Error> {
        // A secret of unknown hash serves each HMAC algorithm its length allows (as an `oct` JWK
        // without `alg`): one family, no confusion to guard against. An RSA key's other paddings
        // and hashes need the verifier's allow-list to name them (the core's PEM-without-alg rule).
        let hmac_any = matches!(self.kind, Kind::Hmac { .. });
        if alg != self.alg && !((explicit_allow_list || hmac_any) && self.also.contains(alg)) {
            return Err(Error::Header(HeaderError::AlgKeyMismatch));
        }
        if !self.ops.can_verify() {
            return Err(Error::Key(KeyError::UseForbidden));
        }
        Ok(())
    }

    /// The signing counterpart: a private key (or secret) allowed to sign, and
    /// `alg` one the key serves (the signer names it; no allow-list applies).
    pub(crate) fn check_sign_binding(&self, alg: Algorithm) -> Result<(), Error> {
        if !self.private {
            return Err(Error::Key(KeyError::NotPrivate));
        }
        if !self.ops.can_sign() {
            return Err(Error::Key(KeyError::UseForbidden));
        }
        if !self.algorithms().contains(alg) {
            return Err(Error::Header(HeaderError::AlgKeyMismatch));
        }
        Ok(())
    }

    /// Whether this is an HMAC secret (the platform computes a MAC rather
    /// than verifying a signature).
    ///
    /// ```
    /// use jwtcore::keys::PlatformKey;
    /// let key = PlatformKey::from_node("secret", None, None, None, None, Some(64), None)?;
    /// assert!(key.is_hmac());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn is_hmac(&self) -> bool {
        matches!(self.kind, Kind::Hmac { .. })
    }

    /// The shape every signature under `alg` must have before the platform
    /// sees it, and before a platform-made one is published: HMAC the hash
    /// length; ECDSA `r || s` at the curve's length with `0 < r, s < n`; RSA
    /// exactly the modulus length; Ed25519 64 bytes, and when verifying
    /// (`verifying`) `S < L`, `R` not of small order and a canonical public key.
    pub(crate) fn check_shape(&self, alg: Algorithm, sig: &[u8], verifying: bool) -> Result<(), Error> {
        let ok = match (self.kind, alg.family()) {
            (Kind::Hmac { .. }, Family::Hmac) => sig.len() == alg.signature_len(),
            (Kind::Ecdsa, Family::Ecdsa) => ecdsa_range::signature_in_range(alg, sig),
            (Kind::Rsa { bits }, Family::Rsa) => sig.len() == bits.div_ceil(8) as usize,
            (Kind::Ed25519 { public }, Family::EdDsa) => match (verifying, public) {
                (true, Some(p)) => return ed25519_precheck::check(&p, sig),
                (true, None) => return Err(Error::Key(KeyError::Unsupported)),
                (false, _) => sig.len() == 64,
            },
            _ => return Err(Error::Header(HeaderError::AlgKeyMismatch)),
        };
        if ok { Ok(()) } else { Err(Error::Signature) }
    }
}

#[cfg(test)]
mod tests;
