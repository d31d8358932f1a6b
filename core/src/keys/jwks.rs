//! Key sets (RFC 7517 §5): selection by `kid` and `alg`, and rotation.

use core::fmt;

use super::Key;
use super::jwk::Fields;
use crate::alg::{Algorithm, Family};
use crate::error::{Error, KeyError, KeySetError};
use crate::json::{self, Kind, Value};

/// Finds the keys that may verify a token.
///
/// [`Key`] resolves to itself; [`KeySet`] selects by `kid` and `alg`;
/// [`HmacSecret`] binds a raw secret to the token's `HS*` algorithm.
/// [`verify_with`](crate::verify_with) calls [`KeyResolver::resolve`] after
/// the header has passed every check.
pub trait KeyResolver {
    /// Calls `attempt` with each candidate key for a token with header `alg`
    /// and `kid`, stopping at the first `Ok`. Returns that `Ok`, the error
    /// of the last attempt, or an error saying why there was no candidate.
    ///
    /// # Errors
    /// [`KeySetError::NoMatchingKey`] when no key fits, else the last
    /// attempt's error.
    fn resolve(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error>;
}

impl KeyResolver for Key {
    fn resolve(
        &self,
        _alg: Algorithm,
        _kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // A single key is used whatever the kid says: the caller chose it.
        attempt(self)
    }
}

/// A raw HMAC secret not yet bound to an algorithm, as PyJWT and jose accept
/// it: it is bound to the token's `alg` if that is an `HS*` algorithm (which
/// the allow-list has already admitted), and is never usable for any other
/// family.
#[derive(Clone, Copy)]
pub struct HmacSecret<'a> {
    secret: &'a [u8],
    allow_short: bool,
}

impl fmt::Debug for HmacSecret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacSecret").field("len", &self.secret.len()).finish_non_exhaustive()
    }
}

impl<'a> HmacSecret<'a> {
    /// A secret that must be at least as long as the hash output.
    pub const fn new(secret: &'a [u8]) -> Self {
        HmacSecret { secret, allow_short: false }
    }

    /// A secret that may be shorter than the hash output (weak; see
    /// [`Key::hmac_allowing_short_secret`]).
    pub const fn allowing_short(secret: &'a [u8]) -> Self {
        HmacSecret { secret, allow_short: true }
    }
}

impl KeyResolver for HmacSecret<'_> {
    fn resolve(
        &self,
        alg: Algorithm,
        _kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if alg.family() != Family::Hmac {
            return Err(Error::Header(crate::HeaderError::AlgKeyMismatch));
        }
        let key = if self.allow_short {
            Key::hmac_allowing_short_secret(alg, self.secret)?
        } else {
            Key::hmac(alg, self.secret)?
        };
        attempt(&key)
    }
}

/// Tries every key that fits, like jose's `createLocalJWKSet`.
fn resolve_among<'k>(
    keys: impl Iterator<Item = &'k Key>,
    alg: Algorithm,
    kid: Option<&str>,
    attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut last = Error::KeySet(KeySetError::NoMatchingKey);
    for key in keys {
        // The header's kid arrives as JSON string content (`\"`, `\\` and
        // control characters stay escaped); a key's kid is plain text.
        let kid_fits = match kid {
            // An empty kid is stored as none, so `"kid":""` names the keys without one.
            Some(want) => json::raw_eq_str(want.as_bytes(), key.kid().unwrap_or("")),
            None => true,
        };
        // The allow-list was applied to the header already; the exact binding
        // (explicit allow-list for RSA keys without `alg`) is checked per attempt.
        if !kid_fits || !key.accepts(alg, true) || !key.ops().can_verify() {
            continue;
        }
        match attempt(key) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A fixed-capacity set of keys with one designated signing key.
///
/// Parsing a provider's JWKS skips entries `jwtcore` cannot use (RSA
/// without the `rsa` feature, X25519, other curves) and entries that fail to
/// parse, and counts them in [`KeySet::skipped`]. Verification selects by
/// `kid` and `alg`; rotation adds a new current key and keeps the old ones
/// for verification.
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
///   {"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"},
///   {"kty":"OKP","crv":"Ed25519","kid":"e1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
/// ]}"#;
/// let set: KeySet = KeySet::from_jwks(jwks)?;
/// assert_eq!((set.len(), set.skipped()), (1, 1));
/// assert!(set.get("e1").is_some());
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Clone)]
pub struct KeySet<const N: usize = 8> {
    keys: [Option<Key>; N],
    current: Option<usize>,
    skipped: usize,
}

impl<const N: usize> fmt::Debug for KeySet<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("keys", &self.iter().collect::<KeyList<'_, N>>())
            .field("current", &self.current)
            .field("skipped", &self.skipped)
            .finish()
    }
}

/// Debug helper listing keys without a heap.
struct KeyList<'a, const N: usize>([Option<&'a Key>; N]);

impl<'a, const N: usize> FromIterator<&'a Key> for KeyList<'a, N> {
    fn from_iter<I: IntoIterator<Item = &'a Key>>(iter: I) -> Self {
        let mut out = [None; N];
        for (slot, k) in out.iter_mut().zip(iter) {
            *slot = Some(k);
        }
        KeyList(out)
    }
}

impl<const N: usize> fmt::Debug for KeyList<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().flatten()).finish()
    }
}

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        KeySet::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set.
    pub fn new() -> Self {
        KeySet { keys: core::array::from_fn(|_| None), current: None, skipped: 0 }
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
    /// use jwtcore::keys::KeySet;
    /// let jwks = r#"{"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}]}"#;
    /// let set: KeySet = KeySet::from_jwks(jwks)?;
    /// assert_eq!((set.len(), set.skipped()), (0, 1));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeySetError::Invalid`] if the document is not a JSON object with a
    /// `keys` array of objects; [`KeySetError::Full`] if more than `N`
    /// usable keys are present.
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        Self::parse_jwks(jwks, false)
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
        Self::parse_jwks(jwks, true)
    }

    fn parse_jwks(jwks: &str, with_secrets: bool) -> Result<Self, Error> {
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
            let parsed = Fields::from_object(entry).and_then(|f| {
                if !f.is_supported() || (!with_secrets && f.kty == Some("oct")) {
                    return Err(Error::Key(KeyError::Unsupported));
                }
                let key = f.to_key(None, false)?;
                if with_secrets || !key.is_private() {
                    return Ok(key);
                }
                // The public half verifies only if the entry allowed verification.
                let verify = key.ops().can_verify();
                Ok(key.to_public()?.with_ops(super::KeyOps { sign: false, verify }))
            });
            match parsed {
                Ok(key) => {
                    set.insert(key)?;
                }
                Err(_) => set.skipped += 1,
            }
        }
        Ok(set)
    }

    /// Adds a key for verification; returns its index.
    ///
    /// # Errors
    /// [`KeySetError::Full`].
    pub fn insert(&mut self, key: Key) -> Result<usize, Error> {
        let (i, slot) =
            self.keys.iter_mut().enumerate().find(|(_, s)| s.is_none()).ok_or(Error::KeySet(KeySetError::Full))?;
        *slot = Some(key);
        Ok(i)
    }

    /// Adds `key` and makes it the signing key; earlier keys stay for
    /// verifying tokens they signed.
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
    /// # Errors
    /// [`KeySetError::NoSigningKey`].
    pub fn signing_key(&self) -> Result<&Key, Error> {
        self.current
            .and_then(|i| self.keys.get(i))
            .and_then(Option::as_ref)
            .ok_or(Error::KeySet(KeySetError::NoSigningKey))
    }

    /// The key with `kid`.
    pub fn get(&self, kid: &str) -> Option<&Key> {
        self.iter().find(|k| k.kid() == Some(kid))
    }

    /// All keys.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter().flatten()
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries of the parsed JWKS that were skipped (unsupported or invalid).
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

impl<const N: usize> KeyResolver for KeySet<N> {
    fn resolve(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error> {
        resolve_among(self.iter(), alg, kid, attempt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

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
        assert_eq!(secret.len(), 4);
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
        assert_eq!(KeySet::<1>::from_jwks(&full).err(), Some(Error::KeySet(KeySetError::Full)));
    }
}
