//! Key sets (RFC 7517 §5): selection by `kid` and `alg`, and rotation.

use core::fmt;

use super::Key;
use super::jwk::Fields;
use crate::alg::Algorithm;
use crate::error::{Error, Feature, KeyError, KeySetError};
use crate::json::{self, Kind, Value};

// Re-exported here so `keys::jwks::{KeyResolver, HmacSecret}` keep naming them.
use super::resolver::resolve_among;
pub use super::resolver::{HmacSecret, KeyResolver};

/// Why an entry of a JWKS document was not loaded into a [`KeySet`].
///
/// ```
/// use jwtcore::keys::{KeySet, SkipReason};
/// use jwtcore::Feature;
/// let jwks = r#"{"keys":[{"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"},{"kty":"OKP","crv":"X25519","x":"AA"}]}"#;
/// let set: KeySet = KeySet::from_jwks(jwks)?;
/// assert_eq!(set.skipped_for(SkipReason::Unsupported), 1);
/// if !Feature::Rsa.is_enabled() {
///     assert_eq!(set.skipped_for(SkipReason::FeatureDisabled(Feature::Rsa)), 1);
/// }
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// The key needs a cargo feature this build lacks (RSA without `rsa`,
    /// P-384 without `es384`).
    FeatureDisabled(Feature),
    /// A shared secret (`oct`) in a public document: see
    /// [`KeySet::from_jwks`].
    Secret,
    /// A key type or curve `jwtcore` does not implement (X25519, P-521,
    /// secp256k1, an unknown `alg`).
    Unsupported,
    /// A malformed entry, or one refused by the key checks (too small, off
    /// the curve, a `kid` over [`MAX_KID_LEN`](super::MAX_KID_LEN) bytes).
    Invalid,
}

impl SkipReason {
    /// Every reason, for reporting.
    pub const ALL: [SkipReason; 7] = [
        SkipReason::FeatureDisabled(Feature::Rsa),
        SkipReason::FeatureDisabled(Feature::Es384),
        SkipReason::FeatureDisabled(Feature::Es512),
        SkipReason::FeatureDisabled(Feature::Es256k),
        SkipReason::Secret,
        SkipReason::Unsupported,
        SkipReason::Invalid,
    ];

    const fn index(self) -> usize {
        match self {
            SkipReason::FeatureDisabled(Feature::Rsa) => 0,
            SkipReason::FeatureDisabled(Feature::Es384) => 1,
            SkipReason::Secret => 2,
            SkipReason::Unsupported => 3,
            SkipReason::Invalid => 4,
            SkipReason::FeatureDisabled(Feature::Es512) => 5,
            SkipReason::FeatureDisabled(Feature::Es256k) => 6,
            // Never a reason: P-256 and Ed25519 keys load in every build
            // (without their arithmetic, for `verify_external`).
            SkipReason::FeatureDisabled(Feature::P256 | Feature::Ed25519) => 3,
        }
    }

    /// Why `fields` cannot become a key in a public (`with_secrets` false)
    /// or secret set, before any key material is decoded.
    fn of(fields: &Fields<'_>, with_secrets: bool) -> Option<SkipReason> {
        if fields.is_supported() {
            return (!with_secrets && fields.kty == Some("oct")).then_some(SkipReason::Secret);
        }
        let needs = match (fields.kty, fields.crv) {
            (Some("RSA"), _) => Some(Feature::Rsa),
            (Some("EC"), Some("P-384")) => Some(Feature::Es384),
            (Some("EC"), Some("P-521")) => Some(Feature::Es512),
            (Some("EC"), Some("secp256k1")) => Some(Feature::Es256k),
            _ => None,
        };
        Some(needs.filter(|f| !f.is_enabled()).map_or(SkipReason::Unsupported, SkipReason::FeatureDisabled))
    }
}

/// The keys that may verify (and the one that signs) tokens of one issuer,
/// selected by `kid` and `alg`.
///
/// With the `alloc` feature the set grows as needed and `N` has no effect.
/// Without it, the keys live inline and `N` is the capacity (16 by default,
/// more than identity providers publish at once, rotation included); a
/// document with more usable keys fails with [`KeySetError::Full`], whose
/// message names both fixes.
///
/// Parsing a provider's JWKS skips entries `jwtcore` cannot use (RSA
/// without the `rsa` feature, X25519, other curves) and entries that fail to
/// parse, and counts them by [`SkipReason`] ([`KeySet::skipped`],
/// [`KeySet::skipped_for`]). A token whose algorithm needs a feature this
/// build lacks, presented to a set that skipped keys for that reason, fails
/// with [`KeySetError::FeatureDisabled`] naming the feature instead of a bare
/// [`KeySetError::NoMatchingKey`]. Rotation adds a new current key and keeps
/// the old ones for verification.
///
/// # Public sets hold public keys only
/// A JWKS is a public document (RFC 7517 §9.3): [`KeySet::from_jwks`] skips
/// every `oct` (shared-secret) entry and keeps only the public half of an
/// asymmetric entry that carries private members, so a token MAC'd with a
/// secret someone published next to the public keys never verifies. Sets of
/// secrets you hold yourself come from [`KeySet::from_secret_jwks`] or
/// [`KeySet::insert`].
///
/// ```
/// use jwtcore::keys::KeySet;
/// let jwks = r#"{"keys":[
///   {"kty":"OKP","crv":"Ed25519","kid":"e1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
///   {"kty":"OKP","crv":"X25519","kid":"x1","x":"AA"}
/// ]}"#;
/// let set: KeySet = KeySet::from_jwks(jwks)?;
/// assert_eq!((set.len(), set.skipped()), (1, 1));
/// assert!(set.get("e1").is_some());
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Clone)]
pub struct KeySet<const N: usize = DEFAULT_KEY_SET_CAPACITY> {
    /// Slots, `None` once a key is removed (so `current` stays an index).
    #[cfg(feature = "alloc")]
    keys: alloc::vec::Vec<Option<Key>>,
    #[cfg(not(feature = "alloc"))]
    keys: [Option<Key>; N],
    current: Option<usize>,
    skipped: [usize; SkipReason::ALL.len()],
}

/// The capacity of a [`KeySet`] built without `alloc` when none is named.
pub const DEFAULT_KEY_SET_CAPACITY: usize = 16;

impl<const N: usize> fmt::Debug for KeySet<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Keys<'a, const N: usize>(&'a KeySet<N>);
        impl<const N: usize> fmt::Debug for Keys<'_, N> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.iter()).finish()
            }
        }
        f.debug_struct("KeySet")
            .field("keys", &Keys(self))
            .field("current", &self.current)
            .field("skipped", &self.skipped())
            .finish()
    }
}

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        KeySet::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.rotate(Key::hmac(Algorithm::Hs256, &[1; 32])?.with_kid("2025-01")?)?;
    /// assert_eq!(set.signing_key()?.kid(), Some("2025-01"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn new() -> Self {
        KeySet {
            #[cfg(feature = "alloc")]
            keys: alloc::vec::Vec::new(),
            #[cfg(not(feature = "alloc"))]
            keys: core::array::from_fn(|_| None),
            current: None,
            skipped: [0; SkipReason::ALL.len()],
        }
    }

    /// Parses a public JWKS document `{"keys":[…]}`, as published by an
    /// identity provider.
    ///
    /// `oct` entries are skipped (counted in [`KeySet::skipped`]): a secret
    /// found in a public document is no secret, and accepting it would let
    /// anyone who reads the document forge HMAC tokens. Asymmetric entries
    /// that carry private members keep only their public half.
    ///
    /// ```
    /// use jwtcore::keys::{KeySet, SkipReason};
    /// let jwks = r#"{"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}]}"#;
    /// let set: KeySet = KeySet::from_jwks(jwks)?;
    /// assert_eq!((set.len(), set.skipped_for(SkipReason::Secret)), (0, 1));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeySetError::Invalid`] if the document is not a JSON object with a
    /// `keys` array of objects; [`KeySetError::Full`] if, without `alloc`,
    /// more than `N` usable keys are present.
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        Self::parse_jwks::<false>(jwks)
    }

    /// Parses a JWKS document of keys you hold, secrets included: `oct`
    /// entries become HMAC keys (bound to their `alg`, or HS256 when they
    /// name none) and private members are kept for signing.
    ///
    /// Never use this for a document fetched from elsewhere; that is what
    /// [`KeySet::from_jwks`] is for.
    ///
    /// ```
    /// use jwtcore::keys::KeySet;
    /// let jwks = r#"{"keys":[{"kty":"oct","kid":"h","alg":"HS256","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}]}"#;
    /// let set: KeySet = KeySet::from_secret_jwks(jwks)?;
    /// assert!(set.get("h").is_some());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`KeySet::from_jwks`].
    pub fn from_secret_jwks(jwks: &str) -> Result<Self, Error> {
        Self::parse_jwks::<true>(jwks)
    }

    /// One parser for both kinds of set; `WITH_SECRETS` is a constant so
    /// that a build using only [`KeySet::from_jwks`] links no HMAC key
    /// construction (`Fields::to_key_in`).
    fn parse_jwks<const WITH_SECRETS: bool>(jwks: &str) -> Result<Self, Error> {
        let with_secrets = WITH_SECRETS;
        let invalid = Error::KeySet(KeySetError::Invalid);
        let bytes = jwks.as_bytes();
        json::validate(bytes, &mut |_| {}).map_err(|_| invalid)?;
        let doc = Value { raw: bytes.trim_ascii() };
        let keys = doc.members().find(|(k, _)| json::raw_eq_str(k, "keys")).map(|(_, v)| v).ok_or(invalid)?;
        if keys.kind() != Some(Kind::Array) {
            return Err(invalid);
        }
        let mut set = KeySet::new();
        for entry in keys.elements() {
            if entry.kind() != Some(Kind::Object) {
                return Err(invalid);
            }
            let parsed = Fields::from_object(entry).map_err(|_| SkipReason::Invalid).and_then(|f| {
                if let Some(reason) = SkipReason::of(&f, with_secrets) {
                    return Err(reason);
                }
                let key = f
                    .to_key_in::<WITH_SECRETS>(None, false)
                    .or_else(|e| match e {
                        // Without the arithmetic a private key cannot load; a public set keeps
                        // only its public half, which loads from the same members without `d`.
                        Error::Key(KeyError::ArithmeticDisabled(_)) if !with_secrets && f.d.is_some() => {
                            let public = Fields { d: None, ..f.clone() }.to_key_in::<WITH_SECRETS>(None, false)?;
                            let verify = public.ops().can_verify();
                            Ok(public.with_ops(super::KeyOps { sign: false, verify }))
                        }
                        other => Err(other),
                    })
                    .map_err(|e| match e {
                        Error::Key(KeyError::Unsupported) => SkipReason::Unsupported,
                        _ => SkipReason::Invalid,
                    })?;
                if with_secrets || !key.is_private() {
                    return Ok(key);
                }
                // The public half verifies only if the entry allowed verification.
                let verify = key.ops().can_verify();
                let public = key.to_public().map_err(|_| SkipReason::Invalid)?;
                Ok(public.with_ops(super::KeyOps { sign: false, verify }))
            });
            match parsed {
                Ok(key) => {
                    set.insert(key)?;
                }
                Err(reason) => {
                    if let Some(n) = set.skipped.get_mut(reason.index()) {
                        *n += 1;
                    }
                }
            }
        }
        Ok(set)
    }

    /// Adds a key for verification; returns its index.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.insert(Key::ed25519_private(&[1; 32])?.to_public()?.with_kid("partner")?)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeySetError::Full`] without `alloc`, when `N` keys are held.
    pub fn insert(&mut self, key: Key) -> Result<usize, Error> {
        if let Some((i, slot)) = self.keys.iter_mut().enumerate().find(|(_, s)| s.is_none()) {
            *slot = Some(key);
            return Ok(i);
        }
        #[cfg(feature = "alloc")]
        {
            self.keys.push(Some(key));
            Ok(self.keys.len() - 1)
        }
        #[cfg(not(feature = "alloc"))]
        {
            drop(key);
            Err(Error::KeySet(KeySetError::Full { capacity: N }))
        }
    }

    /// Adds `key` and makes it the signing key; earlier keys stay for
    /// verifying tokens they signed.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.rotate(Key::ed25519_private(&[1; 32])?.with_kid("old")?)?;
    /// set.rotate(Key::ed25519_private(&[2; 32])?.with_kid("new")?)?;
    /// assert_eq!(set.signing_key()?.kid(), Some("new"));
    /// assert!(set.get("old").is_some()); // still verifies what it signed
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeySetError::Full`]; [`KeyError::NotPrivate`] if `key` cannot sign.
    pub fn rotate(&mut self, key: Key) -> Result<(), Error> {
        if !key.is_private() || !key.ops().can_sign() {
            return Err(Error::Key(KeyError::NotPrivate));
        }
        let i = self.insert(key)?;
        self.current = Some(i);
        Ok(())
    }

    /// Removes the key with `kid` (retiring it); returns whether one was.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.insert(Key::hmac(Algorithm::Hs256, &[1; 32])?.with_kid("old")?)?;
    /// assert!(set.remove("old"));
    /// assert!(set.is_empty());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn remove(&mut self, kid: &str) -> bool {
        let mut removed = false;
        for (i, slot) in self.keys.iter_mut().enumerate() {
            if slot.as_ref().is_some_and(|k| k.kid() == Some(kid)) {
                *slot = None;
                removed = true;
                if self.current == Some(i) {
                    self.current = None;
                }
            }
        }
        removed
    }

    /// The designated signing key.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Error, KeySetError};
    /// let set: KeySet = KeySet::new();
    /// assert_eq!(set.signing_key().err(), Some(Error::KeySet(KeySetError::NoSigningKey)));
    /// ```
    ///
    /// # Errors
    /// [`KeySetError::NoSigningKey`].
    pub fn signing_key(&self) -> Result<&Key, Error> {
        self.current
            .and_then(|i| self.keys.get(i))
            .and_then(Option::as_ref)
            .ok_or(Error::KeySet(KeySetError::NoSigningKey))
    }

    /// The key with `kid`.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.insert(Key::hmac(Algorithm::Hs256, &[1; 32])?.with_kid("a")?)?;
    /// assert_eq!(set.get("a").map(Key::algorithm), Some(Algorithm::Hs256));
    /// assert!(set.get("b").is_none());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn get(&self, kid: &str) -> Option<&Key> {
        self.iter().find(|k| k.kid() == Some(kid))
    }

    /// All keys.
    ///
    /// ```
    /// use jwtcore::{keys::KeySet, Algorithm, Key};
    /// let mut set: KeySet = KeySet::new();
    /// set.insert(Key::hmac(Algorithm::Hs256, &[1; 32])?.with_kid("a")?)?;
    /// assert_eq!(set.iter().filter_map(Key::kid).collect::<Vec<_>>(), ["a"]);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter().flatten()
    }

    /// Number of keys held.
    ///
    /// ```
    /// use jwtcore::keys::KeySet;
    /// assert_eq!(KeySet::<4>::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether the set holds no key.
    ///
    /// ```
    /// use jwtcore::keys::KeySet;
    /// assert!(KeySet::<4>::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries of the parsed JWKS that were skipped, for every reason
    /// together ([`KeySet::skipped_for`] tells them apart).
    ///
    /// ```
    /// use jwtcore::keys::KeySet;
    /// let set: KeySet = KeySet::from_jwks(r#"{"keys":[{"kty":"OKP","crv":"X448","x":"AA"}]}"#)?;
    /// assert_eq!(set.skipped(), 1);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn skipped(&self) -> usize {
        self.skipped.iter().sum()
    }

    /// Entries of the parsed JWKS skipped for `reason`. Log the counts of
    /// [`SkipReason::FeatureDisabled`] at start-up: a provider that signs
    /// RS256 needs the `rsa` feature.
    ///
    /// ```
    /// use jwtcore::keys::{KeySet, SkipReason};
    /// let set: KeySet = KeySet::from_jwks(r#"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#)?;
    /// assert_eq!(set.skipped_for(SkipReason::Invalid), 1);
    /// for reason in SkipReason::ALL {
    ///     let n = set.skipped_for(reason);
    ///     if n > 0 { println!("{n} JWKS entries skipped: {reason:?}"); }
    /// }
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn skipped_for(&self, reason: SkipReason) -> usize {
        self.skipped.get(reason.index()).copied().unwrap_or(0)
    }
}

impl<const N: usize> KeyResolver for KeySet<N> {
    fn resolve(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let result = resolve_among(self.iter(), alg, kid, attempt);
        // No candidate at all, for an algorithm this build cannot verify, and
        // the document had keys that needed it: say which feature is missing.
        // (Keys of a disabled feature never load, so no candidate can have
        // been tried and failed.)
        match (result, Feature::needed_by(alg)) {
            (Err(Error::KeySet(KeySetError::NoMatchingKey)), Some(feat))
                if !feat.is_enabled() && self.skipped_for(SkipReason::FeatureDisabled(feat)) > 0 =>
            {
                Err(Error::KeySet(KeySetError::FeatureDisabled(feat)))
            }
            (result, _) => result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::{format, vec};

    const ED_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    #[test]
    fn mixed_jwks_loads_and_selects() {
        let jwks = format!(
            r#"{{"keys":[{{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}},
            {{"kty":"OKP","crv":"Ed25519","kid":"a","x":"{ED_X}"}},
            {{"kty":"OKP","crv":"Ed25519","kid":"enc","use":"enc","x":"{ED_X}"}},
            {{"kty":"EC","crv":"P-256","kid":"bad","x":"AA","y":"AA"}}]}}"#
        );
        let set: KeySet<4> = KeySet::from_jwks(&jwks).unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(set.skipped(), 2);
        let mut tried = 0;
        let r = set.resolve(Algorithm::EdDsa, Some("a"), &mut |_| {
            tried += 1;
            Ok(())
        });
        assert!(r.is_ok());
        assert_eq!(tried, 1);
        let none = set.resolve(Algorithm::EdDsa, Some("zzz"), &mut |_| Ok(()));
        assert_eq!(none, Err(Error::KeySet(KeySetError::NoMatchingKey)));
        let enc = set.resolve(Algorithm::EdDsa, Some("enc"), &mut |_| Ok(()));
        assert_eq!(enc, Err(Error::KeySet(KeySetError::NoMatchingKey)));
        let wrong_alg = set.resolve(Algorithm::Es256, None, &mut |_| Ok(()));
        assert_eq!(wrong_alg, Err(Error::KeySet(KeySetError::NoMatchingKey)));
    }

    #[test]
    fn public_sets_hold_no_secrets() {
        let k = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk";
        let d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
        let jwks = format!(
            r#"{{"keys":[{{"kty":"oct","k":"{k}"}},{{"kty":"oct","alg":"HS256","kid":"h","k":"{k}"}},
            {{"kty":"OKP","crv":"Ed25519","kid":"p","d":"{d}","x":"{ED_X}"}},
            {{"kty":"OKP","crv":"Ed25519","kid":"penc","use":"enc","d":"{d}","x":"{ED_X}"}}]}}"#
        );
        let public: KeySet<4> = KeySet::from_jwks(&jwks).unwrap();
        assert_eq!((public.len(), public.skipped()), (2, 2));
        assert!(public.iter().all(|k| !k.is_private() && !k.ops().can_sign()));
        assert!(public.get("p").is_some_and(|k| k.ops().can_verify()));
        assert!(public.get("penc").is_some_and(|k| !k.ops().can_verify()));
        for kid in [None, Some("h")] {
            let r = public.resolve(Algorithm::Hs256, kid, &mut |_| Ok(()));
            assert_eq!(r, Err(Error::KeySet(KeySetError::NoMatchingKey)), "{kid:?}");
        }
        let secret: KeySet<4> = KeySet::from_secret_jwks(&jwks).unwrap();
        // The private Ed25519 keys need the arithmetic.
        assert_eq!(secret.len(), if cfg!(feature = "ed25519") { 4 } else { 2 });
        assert!(secret.get("h").is_some_and(Key::is_private));
        assert!(secret.resolve(Algorithm::Hs256, Some("h"), &mut |_| Ok(())).is_ok());
    }

    #[test]
    fn escaped_kids_match() {
        let jwks = format!(r#"{{"keys":[{{"kty":"OKP","crv":"Ed25519","kid":"a\"b\\c\u0007","x":"{ED_X}"}}]}}"#);
        let set: KeySet<1> = KeySet::from_jwks(&jwks).unwrap();
        assert_eq!(set.iter().next().and_then(Key::kid), Some("a\"b\\c\u{7}"));
        // As the header hands it over: canonical JSON string content.
        assert!(set.resolve(Algorithm::EdDsa, Some(r#"a\"b\\c\u0007"#), &mut |_| Ok(())).is_ok());
        assert!(set.resolve(Algorithm::EdDsa, Some("a\"b"), &mut |_| Ok(())).is_err());
    }

    // Signs with Ed25519 keys.
    #[cfg(feature = "ed25519")]
    #[test]
    fn rotation_keeps_old_keys_and_signs_with_new() {
        let mut set: KeySet<4> = KeySet::new();
        assert_eq!(set.signing_key().err(), Some(Error::KeySet(KeySetError::NoSigningKey)));
        set.rotate(Key::ed25519_private(&[1; 32]).unwrap().with_kid("v1").unwrap()).unwrap();
        set.rotate(Key::ed25519_private(&[2; 32]).unwrap().with_kid("v2").unwrap()).unwrap();
        assert_eq!(set.signing_key().unwrap().kid(), Some("v2"));
        assert!(set.get("v1").is_some());
        assert!(set.remove("v1"));
        assert!(set.get("v1").is_none());
        assert_eq!(
            set.rotate(
                Key::ed25519_public(&[0x11; 32])
                    .unwrap_or_else(|_| Key::ed25519_private(&[3; 32]).unwrap().to_public().unwrap())
            ),
            Err(Error::Key(KeyError::NotPrivate))
        );
    }

    #[test]
    fn malformed_sets() {
        for bad in ["{}", r#"{"keys":{}}"#, r#"{"keys":[1]}"#, "[]", r#"{"keys":[],"keys":[]}"#] {
            assert!(KeySet::<2>::from_jwks(bad).is_err(), "{bad}");
        }
        let full = format!(
            r#"{{"keys":[{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}"}},{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}"}}]}}"#
        );
        let loaded = KeySet::<1>::from_jwks(&full);
        if cfg!(feature = "alloc") {
            assert_eq!(loaded.map(|s| s.len()), Ok(2));
        } else {
            let err = loaded.err();
            assert_eq!(err, Some(Error::KeySet(KeySetError::Full { capacity: 1 })));
            let msg = format!("{}", err.unwrap());
            assert!(msg.contains("KeySet<1>") && msg.contains("`alloc`"), "{msg}");
        }
    }

    /// A provider-size document: Entra and Keycloak publish ten and more during rotation.
    #[test]
    fn provider_size_documents_load() {
        let entry = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}"}}"#);
        let doc = |n: usize| format!(r#"{{"keys":[{}]}}"#, vec![entry.as_str(); n].join(","));
        let set: KeySet = KeySet::from_jwks(&doc(DEFAULT_KEY_SET_CAPACITY)).unwrap();
        assert_eq!(set.len(), DEFAULT_KEY_SET_CAPACITY);
        let many: Result<KeySet, _> = KeySet::from_jwks(&doc(100));
        if cfg!(feature = "alloc") {
            assert_eq!(many.map(|s| s.len()), Ok(100));
        } else {
            assert_eq!(many.err(), Some(Error::KeySet(KeySetError::Full { capacity: DEFAULT_KEY_SET_CAPACITY })));
        }
    }

    #[test]
    fn skips_say_why() {
        let jwks = format!(
            r#"{{"keys":[{{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}},
            {{"kty":"EC","crv":"P-384","kid":"p","x":"AA","y":"AA"}},
            {{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}},
            {{"kty":"OKP","crv":"X25519","x":"AA"}},
            {{"kty":"OKP","crv":"Ed25519","alg":"XS999","x":"{ED_X}"}},
            {{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}},
            {{"kty":"OKP","crv":"Ed25519","kid":"e","x":"{ED_X}"}}]}}"#
        );
        let set: KeySet = KeySet::from_jwks(&jwks).unwrap();
        assert_eq!((set.len(), set.skipped()), (1, 6));
        let rsa = SkipReason::FeatureDisabled(Feature::Rsa);
        let p384 = SkipReason::FeatureDisabled(Feature::Es384);
        // With the feature, the toy RSA key (far below 2048 bits) and the off-curve P-384 point
        // are refused as invalid.
        // `external-keys` reads both without the arithmetic, with the same checks.
        let has_rsa = cfg!(any(feature = "rsa", feature = "external-keys"));
        let has_p384 = cfg!(any(feature = "es384", feature = "external-keys"));
        assert_eq!(set.skipped_for(rsa), usize::from(!has_rsa));
        assert_eq!(set.skipped_for(p384), usize::from(!has_p384));
        assert_eq!(set.skipped_for(SkipReason::Secret), 1);
        assert_eq!(set.skipped_for(SkipReason::Unsupported), 2);
        assert_eq!(set.skipped_for(SkipReason::Invalid), 1 + usize::from(has_rsa) + usize::from(has_p384));
        assert_eq!(SkipReason::ALL.iter().map(|r| set.skipped_for(*r)).sum::<usize>(), set.skipped());
    }

    /// A token whose algorithm needs a disabled feature names it, when the set skipped keys for
    /// it; otherwise (a set that never had such keys) it is no matching key, as before.
    #[test]
    fn tokens_for_skipped_keys_name_the_feature() {
        let with_rsa: KeySet =
            KeySet::from_jwks(r#"{"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}]}"#).unwrap();
        let without: KeySet = KeySet::from_jwks(r#"{"keys":[]}"#).unwrap();
        let r = with_rsa.resolve(Algorithm::Rs256, Some("r"), &mut |_| Ok(()));
        let none = Err(Error::KeySet(KeySetError::NoMatchingKey));
        if cfg!(any(feature = "rsa", feature = "external-keys")) {
            // Read, and refused as invalid (far below 2048 bits): not a skip for a feature.
            assert_eq!(r, none);
        } else {
            assert_eq!(r, Err(Error::KeySet(KeySetError::FeatureDisabled(Feature::Rsa))));
            assert!(format!("{}", r.unwrap_err()).contains("`rsa` feature"));
        }
        assert_eq!(without.resolve(Algorithm::Rs256, Some("r"), &mut |_| Ok(())), none);
        assert_eq!(with_rsa.resolve(Algorithm::EdDsa, None, &mut |_| Ok(())), none);
    }
}
