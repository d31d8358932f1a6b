//! The signature algorithms `jwtcore` implements, and the families that bind
//! keys to them.

use core::fmt;

/// A JWS algorithm (RFC 7518 §3.1, RFC 8037 §3.1).
///
/// Deliberately absent: `none`. It can never be named, allowed or verified.
///
/// The RSA algorithms need the `rsa` feature, `ES384` the `es384`, `ES512`
/// the `es512` and `ES256K` the `es256k` feature to construct keys; without them the names still parse (so allow-lists and
/// errors stay uniform) but no key can be bound to them.
///
/// ```
/// use jwtcore::{Algorithm, Key};
/// let alg: Algorithm = "HS256".parse()?;
/// assert_eq!(alg, Algorithm::Hs256);
/// assert!("none".parse::<Algorithm>().is_err());
/// let key = Key::hmac(alg, b"an example secret, 32 bytes long")?;
/// # let _ = key;
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
    /// ECDSA on P-256 with SHA-256, 64-byte `r‖s` signatures.
    Es256,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDsa,
    /// ECDSA on P-384 with SHA-384, 96-byte `r‖s` signatures (feature `es384`).
    Es384,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (feature `rsa`).
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384 (feature `rsa`).
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512 (feature `rsa`).
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (feature `rsa`).
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt (feature `rsa`).
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt (feature `rsa`).
    Ps512,
    /// ECDSA on P-521 with SHA-512, 132-byte `r‖s` signatures (feature `es512`).
    Es512,
    /// ECDSA on secp256k1 with SHA-256, 64-byte `r‖s` signatures (RFC 8812,
    /// feature `es256k`).
    Es256k,
}

/// The kind of key an algorithm needs. A key belongs to exactly one family and,
/// within it, to exactly one [`Algorithm`].
///
/// ```
/// use jwtcore::{Algorithm, Family};
/// assert_eq!(Algorithm::Es256.family(), Family::Ecdsa);
/// assert_eq!(Algorithm::Ps256.family(), Algorithm::Rs256.family()); // both RSA
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// Shared-secret MAC (`HS*`).
    Hmac,
    /// Elliptic-curve signatures (`ES*`).
    Ecdsa,
    /// Edwards-curve signatures (`EdDSA`).
    EdDsa,
    /// RSA signatures, PKCS#1 v1.5 (`RS*`) or PSS (`PS*`): one RSA key may
    /// serve both when the caller allows it.
    Rsa,
}

impl Algorithm {
    /// Every supported algorithm, in a stable order.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// for alg in Algorithm::ALL {
    ///     assert_eq!(Algorithm::from_name(alg.as_str()), Some(alg));
    /// }
    /// assert!(!Algorithm::ALL.iter().any(|a| a.as_str().eq_ignore_ascii_case("none")));
    /// ```
    pub const ALL: [Algorithm; 14] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Es256,
        Algorithm::EdDsa,
        Algorithm::Es384,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es512,
        Algorithm::Es256k,
    ];

    /// The RSA algorithms (`RS*` and `PS*`).
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet, Family};
    /// assert!(Algorithm::RSA.iter().all(|a| a.family() == Family::Rsa));
    /// let rsa_only = AlgorithmSet::from_slice(&Algorithm::RSA);
    /// assert!(rsa_only.contains(Algorithm::Ps512) && !rsa_only.contains(Algorithm::Hs256));
    /// ```
    pub const RSA: [Algorithm; 6] =
        [Algorithm::Rs256, Algorithm::Rs384, Algorithm::Rs512, Algorithm::Ps256, Algorithm::Ps384, Algorithm::Ps512];

    /// The `alg` header value.
    ///
    /// ```
    /// assert_eq!(jwtcore::Algorithm::EdDsa.as_str(), "EdDSA");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Es256 => "ES256",
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Es384 => "ES384",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es512 => "ES512",
            Algorithm::Es256k => "ES256K",
        }
    }

    /// Looks up an `alg` value exactly (case-sensitive, as RFC 7515 §4.1.1
    /// requires). Unknown names, and `none`, give `None`.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::from_name("ES256"), Some(Algorithm::Es256));
    /// assert_eq!(Algorithm::from_name("es256"), None);
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// The key family this algorithm needs.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Family};
    /// assert_eq!(Algorithm::Hs512.family(), Family::Hmac);
    /// assert_eq!(Algorithm::EdDsa.family(), Family::EdDsa);
    /// ```
    pub const fn family(self) -> Family {
        match self {
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => Family::Hmac,
            Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512 | Algorithm::Es256k => Family::Ecdsa,
            Algorithm::EdDsa => Family::EdDsa,
            Algorithm::Rs256
            | Algorithm::Rs384
            | Algorithm::Rs512
            | Algorithm::Ps256
            | Algorithm::Ps384
            | Algorithm::Ps512 => Family::Rsa,
        }
    }

    /// Length in bytes of a signature (or MAC) made with this algorithm; for
    /// RSA it is the modulus length of the key, so this returns 0.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::Hs256.signature_len(), 32);
    /// assert_eq!(Algorithm::Es256.signature_len(), 64); // raw r || s, not DER
    /// assert_eq!(Algorithm::Rs256.signature_len(), 0); // depends on the key
    /// ```
    pub const fn signature_len(self) -> usize {
        match self {
            Algorithm::Hs256 => 32,
            Algorithm::Hs384 => 48,
            Algorithm::Hs512 | Algorithm::Es256 | Algorithm::EdDsa | Algorithm::Es256k => 64,
            Algorithm::Es384 => 96,
            Algorithm::Es512 => 132,
            Algorithm::Rs256
            | Algorithm::Rs384
            | Algorithm::Rs512
            | Algorithm::Ps256
            | Algorithm::Ps384
            | Algorithm::Ps512 => 0,
        }
    }

    const fn bit(self) -> u16 {
        match self {
            Algorithm::Hs256 => 1,
            Algorithm::Hs384 => 1 << 1,
            Algorithm::Hs512 => 1 << 2,
            Algorithm::Es256 => 1 << 3,
            Algorithm::EdDsa => 1 << 4,
            Algorithm::Es384 => 1 << 5,
            Algorithm::Rs256 => 1 << 6,
            Algorithm::Rs384 => 1 << 7,
            Algorithm::Rs512 => 1 << 8,
            Algorithm::Ps256 => 1 << 9,
            Algorithm::Ps384 => 1 << 10,
            Algorithm::Ps512 => 1 << 11,
            Algorithm::Es512 => 1 << 12,
            Algorithm::Es256k => 1 << 13,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::str::FromStr for Algorithm {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Algorithm::from_name(s).ok_or(crate::Error::Header(crate::HeaderError::AlgNotAllowed))
    }
}

/// A set of algorithms, used as the verifier's allow-list.
///
/// ```
/// use jwtcore::{Algorithm, AlgorithmSet};
/// let set = AlgorithmSet::from_slice(&[Algorithm::Hs256, Algorithm::Es256]);
/// assert!(set.contains(Algorithm::Es256));
/// assert!(!set.contains(Algorithm::EdDsa));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AlgorithmSet(u16);

impl AlgorithmSet {
    /// The empty set: accepts nothing.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// assert!(AlgorithmSet::EMPTY.is_empty());
    /// assert!(!AlgorithmSet::EMPTY.contains(Algorithm::Hs256));
    /// assert_eq!(AlgorithmSet::EMPTY, AlgorithmSet::default());
    /// ```
    pub const EMPTY: AlgorithmSet = AlgorithmSet(0);

    /// A set holding the given algorithms.
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::{encode_into, verify, Algorithm, AlgorithmSet, EncodeHeader, Error, HeaderError, Key, Validation};
    /// const ASYMMETRIC: AlgorithmSet = AlgorithmSet::from_slice(&[Algorithm::Es256, Algorithm::EdDsa]);
    /// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// let validation = Validation::new().algorithm_set(ASYMMETRIC);
    /// let mut scratch = [0u8; 256];
    /// let err = verify(token, &key, &validation, Duration::from_secs(1_700_000_000), &mut scratch).unwrap_err();
    /// assert_eq!(err, Error::Header(HeaderError::AlgNotAllowed));
    /// # Ok::<(), Error>(())
    /// ```
    pub const fn from_slice(algs: &[Algorithm]) -> Self {
        let mut bits = 0u16;
        let mut rest = algs;
        while let [first, tail @ ..] = rest {
            bits |= first.bit();
            rest = tail;
        }
        AlgorithmSet(bits)
    }

    /// Adds an algorithm.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// let set = AlgorithmSet::EMPTY.with(Algorithm::Es256).with(Algorithm::Es384);
    /// assert_eq!(set, AlgorithmSet::from_slice(&[Algorithm::Es384, Algorithm::Es256]));
    /// ```
    #[must_use]
    pub const fn with(self, alg: Algorithm) -> Self {
        AlgorithmSet(self.0 | alg.bit())
    }

    /// Whether `alg` is in the set.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// let set = AlgorithmSet::from_slice(&Algorithm::RSA);
    /// assert!(set.contains(Algorithm::Ps256));
    /// assert!(!set.contains(Algorithm::Es256));
    /// ```
    pub const fn contains(self, alg: Algorithm) -> bool {
        self.0 & alg.bit() != 0
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// assert!(AlgorithmSet::from_slice(&[]).is_empty());
    /// assert!(!AlgorithmSet::EMPTY.with(Algorithm::EdDsa).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.as_str()), Some(a));
        }
        for bad in ["none", "None", "NONE", "hs256", "Ed25519", "", "HS256 "] {
            assert_eq!(Algorithm::from_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn set_membership() {
        let s = AlgorithmSet::EMPTY.with(Algorithm::Hs384);
        assert!(s.contains(Algorithm::Hs384));
        assert!(!s.contains(Algorithm::Hs256));
        assert!(AlgorithmSet::EMPTY.is_empty());
    }
}
