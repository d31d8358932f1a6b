//! Key resolution: the [`KeyResolver`] seam between the verify pipeline and
//! whatever holds keys (one [`Key`], a raw [`HmacSecret`], a
//! [`KeySet`](super::KeySet)), and the one selection rule key sets use.

use core::fmt;

use super::Key;
use crate::alg::{Algorithm, Family};
use crate::error::{Error, KeySetError};
use crate::json;

/// Finds the keys that may verify a token.
///
/// [`Key`] resolves to itself; [`KeySet`](super::KeySet) selects by `kid` and `alg`;
/// [`HmacSecret`] binds a raw secret to the token's `HS*` algorithm.
/// [`verify_with`](crate::verify_with) calls [`KeyResolver::resolve`] after
/// the header has passed every check.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::keys::KeyResolver;
/// use jwtcore::{encode_into, verify_with, Algorithm, EncodeHeader, Error, Key, KeySetError, Validation};
///
/// /// Two tenants, each with its own key, chosen by `kid`.
/// struct Tenants { a: Key, b: Key }
/// impl KeyResolver for Tenants {
///     fn resolve(&self, _alg: Algorithm, kid: Option<&str>, attempt: &mut dyn FnMut(&Key) -> Result<(), Error>) -> Result<(), Error> {
///         match kid {
///             Some("tenant-a") => attempt(&self.a),
///             Some("tenant-b") => attempt(&self.b),
///             _ => Err(Error::KeySet(KeySetError::NoMatchingKey)),
///         }
///     }
/// }
/// let tenants = Tenants {
///     a: Key::hmac(Algorithm::Hs256, b"tenant A secret, 32 bytes long!!")?,
///     b: Key::hmac(Algorithm::Hs256, b"tenant B secret, 32 bytes long!!")?,
/// };
/// # #[derive(serde::Serialize)] struct C { exp: u64 }
/// let mut out = [0u8; 256];
/// let token = encode_into(&EncodeHeader::new().kid("tenant-b"), &C { exp: 2_000_000_000 }, &tenants.b, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let now = Duration::from_secs(1_700_000_000);
/// assert!(verify_with(token, &tenants, &Validation::new(), now, &mut scratch).is_ok());
/// # Ok::<(), Error>(())
/// ```
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
///
/// ```
/// use core::time::Duration;
/// use jwtcore::keys::HmacSecret;
/// use jwtcore::{sign_compact_into, verify_with, Algorithm, Key, Validation};
/// let secret = b"an example secret, 64 bytes long, enough for HS512 as well......";
/// // Issued as HS512 by another library; the secret takes the token's HS* algorithm.
/// let issuer_key = Key::hmac(Algorithm::Hs512, secret)?;
/// let mut out = [0u8; 256];
/// let token = sign_compact_into(br#"{"alg":"HS512"}"#, br#"{"exp":2000000000}"#, &issuer_key, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let v = verify_with(token, &HmacSecret::new(secret), &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
/// assert_eq!(v.header().alg(), Algorithm::Hs512);
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct HmacSecret<'a> {
    secret: &'a [u8],
    allow_short: bool,
    /// The verification's allow-list, when the caller passes it ([`HmacSecret::within`]).
    allowed: Option<crate::AlgorithmSet>,
}

impl fmt::Debug for HmacSecret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacSecret").field("len", &self.secret.len()).finish_non_exhaustive()
    }
}

impl<'a> HmacSecret<'a> {
    /// A secret that must be at least as long as the hash output.
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::keys::HmacSecret;
    /// use jwtcore::{sign_compact_into, verify_with, Algorithm, Error, Key, KeyError, Validation};
    /// let short = b"only 16 bytes!!!";
    /// let signer = Key::hmac_allowing_short_secret(Algorithm::Hs256, short)?;
    /// let mut out = [0u8; 256];
    /// let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"exp":2000000000}"#, &signer, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// let err = verify_with(token, &HmacSecret::new(short), &Validation::new(), now, &mut scratch).unwrap_err();
    /// assert_eq!(err, Error::Key(KeyError::Weak));
    /// # Ok::<(), Error>(())
    /// ```
    pub const fn new(secret: &'a [u8]) -> Self {
        HmacSecret { secret, allow_short: false, allowed: None }
    }

    /// A secret that may be shorter than the hash output (weak; see
    /// [`Key::hmac_allowing_short_secret`]).
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::keys::HmacSecret;
    /// use jwtcore::{sign_compact_into, verify_with, Algorithm, Key, Validation};
    /// let legacy = b"only 16 bytes!!!"; // weak: migrate to a 32-byte secret
    /// let signer = Key::hmac_allowing_short_secret(Algorithm::Hs256, legacy)?;
    /// let mut out = [0u8; 256];
    /// let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"exp":2000000000}"#, &signer, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// assert!(verify_with(token, &HmacSecret::allowing_short(legacy), &Validation::new(), now, &mut scratch).is_ok());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub const fn allowing_short(secret: &'a [u8]) -> Self {
        HmacSecret { secret, allow_short: true, allowed: None }
    }
}

impl HmacSecret<'_> {
    /// The same secret, told which algorithms the verification allows: a
    /// token naming an allowed HMAC algorithm the secret is too short for,
    /// while the secret fits another allowed one, is then refused as a
    /// disallowed `alg` (a token error: the token chose it), not as a weak
    /// key ([`AlgorithmSet::hmac_too_short_for`](crate::AlgorithmSet::hmac_too_short_for)).
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::keys::HmacSecret;
    /// use jwtcore::{sign_compact_into, verify_with, Algorithm, AlgorithmSet, Error, HeaderError, Key, KeyError, Validation};
    /// let secret = [7u8; 32]; // long enough for HS256, not for HS512
    /// let forger = Key::hmac_allowing_short_secret(Algorithm::Hs512, &secret)?;
    /// let mut out = [0u8; 256];
    /// let token = sign_compact_into(br#"{"alg":"HS512"}"#, br#"{"exp":2000000000}"#, &forger, &mut out)?;
    /// let allowed = [Algorithm::Hs256, Algorithm::Hs512];
    /// let v = Validation::new().algorithms(&allowed);
    /// let (now, mut scratch) = (Duration::from_secs(1_700_000_000), [0u8; 256]);
    /// let within = HmacSecret::new(&secret).within(AlgorithmSet::from_slice(&allowed));
    /// assert_eq!(verify_with(token, &within, &v, now, &mut scratch).unwrap_err(), Error::Header(HeaderError::AlgNotAllowed));
    /// let plain = HmacSecret::new(&secret);
    /// assert_eq!(verify_with(token, &plain, &v, now, &mut scratch).unwrap_err(), Error::Key(KeyError::Weak));
    /// # Ok::<(), Error>(())
    /// ```
    #[must_use]
    pub const fn within(mut self, allowed: crate::AlgorithmSet) -> Self {
        self.allowed = Some(allowed);
        self
    }
}

impl HmacSecret<'_> {
    /// Every refusal [`KeyResolver::resolve`] makes before it builds the key
    /// for `alg`: an algorithm of another family, an allowed algorithm the
    /// secret is too short for ([`HmacSecret::within`]), and the secret's own
    /// checks (empty, asymmetric key material, shorter than the hash). The
    /// platform two-phase verify of a raw secret
    /// ([`crate::verify_secret_platform`]) runs exactly these, so it gives
    /// the verdicts of [`crate::verify_with`] without computing the MAC here.
    pub(crate) fn check_for(&self, alg: Algorithm) -> Result<(), Error> {
        if alg.family() != Family::Hmac {
            return Err(Error::Header(crate::HeaderError::AlgKeyMismatch));
        }
        if let (false, Some(allowed)) = (self.allow_short, self.allowed) {
            if allowed.hmac_too_short_for(self.secret.len()).contains(alg) {
                return Err(Error::Header(crate::HeaderError::AlgNotAllowed));
            }
        }
        super::hmac::HmacKey::check(self.secret, alg, self.allow_short)
    }
}

impl KeyResolver for HmacSecret<'_> {
    fn resolve(
        &self,
        alg: Algorithm,
        _kid: Option<&str>,
        attempt: &mut dyn FnMut(&Key) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.check_for(alg)?;
        let key = if self.allow_short {
            Key::hmac_allowing_short_secret(alg, self.secret)?
        } else {
            Key::hmac(alg, self.secret)?
        };
        attempt(&key)
    }
}

/// Tries every key that fits, like jose's `createLocalJWKSet`.
pub(super) fn resolve_among<'k>(
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
        if !kid_fits || key.check_verify_binding(alg, true).is_err() {
            continue;
        }
        match attempt(key) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}
