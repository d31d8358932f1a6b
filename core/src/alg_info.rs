//! The algorithm table: for each [`Algorithm`], the facts the bindings need
//! (family, key type, hash, HMAC minimum key length, whether this build can
//! bind a key to it). The Python and JS front ends read this table instead of
//! keeping their own lists, so a fact changes in one place.

use crate::Algorithm;

/// One row of the algorithm table, see [`algorithms`].
///
/// ```
/// use jwtcore::Algorithm;
/// let row = Algorithm::Es256.info();
/// assert_eq!((row.name, row.family, row.kty, row.crv), ("ES256", "ec", "EC", Some("P-256")));
/// assert_eq!(row.hash, Some("SHA-256"));
/// assert_eq!(row.hmac_min_key_len, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AlgorithmInfo {
    /// The algorithm itself.
    pub algorithm: Algorithm,
    /// The `alg` header value ([`Algorithm::as_str`]).
    pub name: &'static str,
    /// [`Algorithm::family_name`]: `hmac`, `ec`, `okp`, `rsa` or `rsa-pss`.
    pub family: &'static str,
    /// [`Algorithm::kty`]: the JWK `kty` a key for it has.
    pub kty: &'static str,
    /// [`Algorithm::crv`]: the JWK `crv`, for EC and OKP keys.
    pub crv: Option<&'static str>,
    /// [`Algorithm::hash`]: the hash the algorithm signs with, if it names one.
    pub hash: Option<&'static str>,
    /// [`Algorithm::hmac_min_key_len`]: the shortest secret accepted, for HMAC.
    pub hmac_min_key_len: Option<usize>,
    /// [`Algorithm::is_supported`]: whether this build can bind a key to it.
    pub supported: bool,
}

/// The algorithm table, one row per [`Algorithm::ALL`] entry in the same
/// order. Unsupported algorithms (feature `rsa`, `es384`, `es512` or `es256k` off) are listed
/// with `supported: false`, so the names stay uniform across builds.
///
/// ```
/// let hmac: Vec<&str> = jwtcore::algorithms().iter().filter(|r| r.family == "hmac").map(|r| r.name).collect();
/// assert_eq!(hmac, ["HS256", "HS384", "HS512"]);
/// let hs384 = jwtcore::algorithms().into_iter().find(|r| r.name == "HS384").unwrap();
/// assert_eq!(hs384.hmac_min_key_len, Some(48)); // RFC 7518 §3.2: at least the hash output
/// ```
pub fn algorithms() -> [AlgorithmInfo; Algorithm::ALL.len()] {
    Algorithm::ALL.map(Algorithm::info)
}

impl Algorithm {
    /// This algorithm's row of the [`algorithms`] table.
    ///
    /// ```
    /// let row = jwtcore::Algorithm::Ps384.info();
    /// assert_eq!((row.family, row.kty, row.hash), ("rsa-pss", "RSA", Some("SHA-384")));
    /// ```
    pub const fn info(self) -> AlgorithmInfo {
        AlgorithmInfo {
            algorithm: self,
            name: self.as_str(),
            family: self.family_name(),
            kty: self.kty(),
            crv: self.crv(),
            hash: self.hash(),
            hmac_min_key_len: self.hmac_min_key_len(),
            supported: self.is_supported(),
        }
    }

    /// The family as the bindings name it: `hmac`, `ec`, `okp`, `rsa`
    /// (PKCS#1 v1.5) or `rsa-pss`. Finer than [`Algorithm::family`], which
    /// puts `RS*` and `PS*` together because one RSA key may serve both;
    /// WebCrypto and PyJWT need them apart.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::Rs256.family_name(), "rsa");
    /// assert_eq!(Algorithm::Ps256.family_name(), "rsa-pss");
    /// assert_eq!(Algorithm::EdDsa.family_name(), "okp");
    /// ```
    pub const fn family_name(self) -> &'static str {
        match self {
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => "hmac",
            Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512 | Algorithm::Es256k => "ec",
            Algorithm::EdDsa => "okp",
            Algorithm::Rs256 | Algorithm::Rs384 | Algorithm::Rs512 => "rsa",
            Algorithm::Ps256 | Algorithm::Ps384 | Algorithm::Ps512 => "rsa-pss",
        }
    }

    /// The JWK `kty` (RFC 7518 §6.1, RFC 8037 §2) of a key for this algorithm.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::Hs256.kty(), "oct");
    /// assert_eq!(Algorithm::EdDsa.kty(), "OKP");
    /// ```
    pub const fn kty(self) -> &'static str {
        match self.family_name().as_bytes() {
            b"hmac" => "oct",
            b"ec" => "EC",
            b"okp" => "OKP",
            _ => "RSA",
        }
    }

    /// The JWK `crv` a key for this algorithm must have; `None` where the key
    /// type has no curve (`oct`, `RSA`).
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::Es384.crv(), Some("P-384"));
    /// assert_eq!(Algorithm::EdDsa.crv(), Some("Ed25519"));
    /// assert_eq!(Algorithm::Rs256.crv(), None);
    /// ```
    pub const fn crv(self) -> Option<&'static str> {
        match self {
            Algorithm::Es256 => Some("P-256"),
            Algorithm::Es384 => Some("P-384"),
            Algorithm::Es512 => Some("P-521"),
            Algorithm::Es256k => Some("secp256k1"),
            Algorithm::EdDsa => Some("Ed25519"),
            _ => None,
        }
    }

    /// The hash the algorithm is defined with, in WebCrypto's spelling;
    /// `None` for EdDSA, whose hash is internal to the signature scheme
    /// (PyJWT's `compute_hash_digest` refuses it too).
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert_eq!(Algorithm::Hs512.hash(), Some("SHA-512"));
    /// assert_eq!(Algorithm::EdDsa.hash(), None);
    /// ```
    pub const fn hash(self) -> Option<&'static str> {
        match self {
            Algorithm::Hs256 | Algorithm::Es256 | Algorithm::Rs256 | Algorithm::Ps256 | Algorithm::Es256k => {
                Some("SHA-256")
            }
            Algorithm::Hs384 | Algorithm::Es384 | Algorithm::Rs384 | Algorithm::Ps384 => Some("SHA-384"),
            Algorithm::Hs512 | Algorithm::Rs512 | Algorithm::Ps512 | Algorithm::Es512 => Some("SHA-512"),
            Algorithm::EdDsa => None,
        }
    }

    /// The shortest HMAC secret, in bytes, [`crate::Key::hmac`] accepts for this
    /// algorithm: the hash output length (RFC 7518 §3.2). `None` for the
    /// asymmetric algorithms.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// assert_eq!(Algorithm::Hs256.hmac_min_key_len(), Some(32));
    /// assert!(Key::hmac(Algorithm::Hs256, &[7u8; 31]).is_err());
    /// assert!(Key::hmac(Algorithm::Hs256, &[7u8; 32]).is_ok());
    /// assert_eq!(Algorithm::Es256.hmac_min_key_len(), None);
    /// ```
    pub const fn hmac_min_key_len(self) -> Option<usize> {
        match self {
            // The MAC is as long as the hash output.
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => Some(self.signature_len()),
            _ => None,
        }
    }

    /// Whether this build can bind a key to the algorithm: the RSA algorithms
    /// need the `rsa` feature, `ES384` the `es384`, `ES512` the `es512` and
    /// `ES256K` the `es256k` feature; the rest are always there. With
    /// `external-keys`, RSA and `ES384` public keys load without their
    /// features, for [`verify_external`](crate::verify_external) only.
    ///
    /// ```
    /// use jwtcore::Algorithm;
    /// assert!(Algorithm::Hs256.is_supported() && Algorithm::EdDsa.is_supported());
    /// assert_eq!(Algorithm::Ps256.is_supported(), cfg!(any(feature = "rsa", feature = "external-keys")));
    /// ```
    pub const fn is_supported(self) -> bool {
        let es384 = matches!(self, Algorithm::Es384);
        let rsa = matches!(self.family(), crate::Family::Rsa);
        let es512 = matches!(self, Algorithm::Es512);
        let es256k = matches!(self, Algorithm::Es256k);
        (!es384 || cfg!(any(feature = "es384", feature = "external-keys")))
            && (!rsa || cfg!(any(feature = "rsa", feature = "external-keys")))
            && (!es512 || cfg!(feature = "es512"))
            && (!es256k || cfg!(feature = "es256k"))
    }
}

impl crate::AlgorithmSet {
    /// The HMAC algorithms of this allow-list that a raw secret of
    /// `secret_len` bytes is too short for, when it is long enough for at least
    /// one other allowed HMAC algorithm; empty otherwise.
    ///
    /// Dropping these from the allow-list before verifying with such a secret
    /// makes a token that names one of them (an attacker choosing `HS512` for
    /// a 32-byte secret) fail as a token whose `alg` is not allowed, not as a
    /// bad key. A secret too short for every allowed HMAC algorithm is the
    /// caller's mistake instead, and is left to fail as a weak key.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// let allowed = AlgorithmSet::from_slice(&[Algorithm::Hs256, Algorithm::Hs512, Algorithm::EdDsa]);
    /// assert_eq!(allowed.hmac_too_short_for(32), AlgorithmSet::from_slice(&[Algorithm::Hs512]));
    /// assert!(allowed.hmac_too_short_for(64).is_empty()); // fits both
    /// assert!(allowed.hmac_too_short_for(16).is_empty()); // fits neither: a weak key
    /// ```
    pub fn hmac_too_short_for(self, secret_len: usize) -> crate::AlgorithmSet {
        let hmac = Algorithm::ALL.into_iter().filter(|a| self.contains(*a) && a.hmac_min_key_len().is_some());
        let too_short = |a: &Algorithm| a.hmac_min_key_len().is_some_and(|min| secret_len < min);
        if !hmac.clone().any(|a| !too_short(&a)) {
            return crate::AlgorithmSet::EMPTY;
        }
        hmac.filter(too_short).fold(crate::AlgorithmSet::EMPTY, crate::AlgorithmSet::with)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Algorithm, Error, Family, Key, KeyError};

    #[test]
    fn hmac_too_short_for_every_length() {
        use crate::AlgorithmSet;
        let all = AlgorithmSet::from_slice(&Algorithm::ALL);
        for len in 0..80 {
            let dropped = all.hmac_too_short_for(len);
            let fits = |a: Algorithm| len >= a.hmac_min_key_len().unwrap_or(usize::MAX);
            for a in Algorithm::ALL {
                let expected = a.family() == Family::Hmac && !fits(a) && len >= 32;
                assert_eq!(dropped.contains(a), expected, "{a} at {len} bytes");
            }
        }
        // Only what is allowed is considered.
        let hs512_only = AlgorithmSet::from_slice(&[Algorithm::Hs512]);
        assert!(hs512_only.hmac_too_short_for(32).is_empty());
    }

    #[test]
    fn table_follows_all_in_order() {
        let names: [&str; 14] = super::algorithms().map(|r| r.name);
        assert_eq!(names, Algorithm::ALL.map(Algorithm::as_str));
    }

    #[test]
    fn family_name_refines_family() {
        for a in Algorithm::ALL {
            let coarse = match a.family_name() {
                "hmac" => Family::Hmac,
                "ec" => Family::Ecdsa,
                "okp" => Family::EdDsa,
                "rsa" | "rsa-pss" => Family::Rsa,
                other => panic!("unknown family name {other}"),
            };
            assert_eq!(coarse, a.family(), "{a}");
            assert_eq!(a.hmac_min_key_len().is_some(), a.family() == Family::Hmac, "{a}");
        }
    }

    #[test]
    fn hmac_min_len_is_what_key_hmac_enforces() {
        for a in Algorithm::ALL {
            let Some(n) = a.hmac_min_key_len() else { continue };
            let secret = [0x5au8; 64];
            assert!(Key::hmac(a, &secret[..n]).is_ok(), "{a} at {n}");
            assert!(matches!(Key::hmac(a, &secret[..n - 1]), Err(Error::Key(KeyError::Weak))), "{a} at {}", n - 1);
        }
    }
}
