//! What a verifier checks, and how strictly.

use core::fmt;
use core::time::Duration;

use crate::alg::{Algorithm, AlgorithmSet};

/// A set of registered claims (`exp`, `nbf`, `iat`, `iss`, `aud`, `sub`,
/// `jti`), used both for "required" and for "checked".
///
/// ```
/// use jwtcore::ClaimSet;
/// let both = ClaimSet::EXP.with(ClaimSet::IAT);
/// assert!(both.contains(ClaimSet::IAT) && !both.contains(ClaimSet::AUD));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClaimSet(u8);

impl ClaimSet {
    /// No claims.
    ///
    /// ```
    /// assert!(!jwtcore::ClaimSet::NONE.contains(jwtcore::ClaimSet::EXP));
    /// ```
    pub const NONE: ClaimSet = ClaimSet(0);
    /// Every registered claim.
    ///
    /// ```
    /// assert!(jwtcore::ClaimSet::ALL.contains(jwtcore::ClaimSet::JTI));
    /// ```
    pub const ALL: ClaimSet = ClaimSet(0x7F);
    /// `exp`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("exp"), Some(jwtcore::ClaimSet::EXP));
    /// ```
    pub const EXP: ClaimSet = ClaimSet(1);
    /// `nbf`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("nbf"), Some(jwtcore::ClaimSet::NBF));
    /// ```
    pub const NBF: ClaimSet = ClaimSet(2);
    /// `iat`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("iat"), Some(jwtcore::ClaimSet::IAT));
    /// ```
    pub const IAT: ClaimSet = ClaimSet(4);
    /// `iss`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("iss"), Some(jwtcore::ClaimSet::ISS));
    /// ```
    pub const ISS: ClaimSet = ClaimSet(8);
    /// `aud`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("aud"), Some(jwtcore::ClaimSet::AUD));
    /// ```
    pub const AUD: ClaimSet = ClaimSet(16);
    /// `sub`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("sub"), Some(jwtcore::ClaimSet::SUB));
    /// ```
    pub const SUB: ClaimSet = ClaimSet(32);
    /// `jti`
    ///
    /// ```
    /// assert_eq!(jwtcore::ClaimSet::from_name("jti"), Some(jwtcore::ClaimSet::JTI));
    /// ```
    pub const JTI: ClaimSet = ClaimSet(64);

    /// The union of two sets.
    ///
    /// ```
    /// use jwtcore::ClaimSet;
    /// assert!(ClaimSet::EXP.with(ClaimSet::SUB).contains(ClaimSet::SUB));
    /// ```
    #[must_use]
    pub const fn with(self, other: ClaimSet) -> ClaimSet {
        ClaimSet(self.0 | other.0)
    }

    /// This set without the members of `other`.
    ///
    /// ```
    /// use jwtcore::ClaimSet;
    /// assert!(!ClaimSet::ALL.without(ClaimSet::AUD).contains(ClaimSet::AUD));
    /// ```
    #[must_use]
    pub const fn without(self, other: ClaimSet) -> ClaimSet {
        ClaimSet(self.0 & !other.0)
    }

    /// Whether every member of `other` is in this set.
    ///
    /// ```
    /// use jwtcore::ClaimSet;
    /// assert!(ClaimSet::ALL.contains(ClaimSet::EXP.with(ClaimSet::NBF)));
    /// ```
    pub const fn contains(self, other: ClaimSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// The set holding the registered claim called `name`, if it is one.
    ///
    /// ```
    /// use jwtcore::ClaimSet;
    /// assert_eq!(ClaimSet::from_name("exp"), Some(ClaimSet::EXP));
    /// assert_eq!(ClaimSet::from_name("role"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<ClaimSet> {
        Some(match name {
            "exp" => ClaimSet::EXP,
            "nbf" => ClaimSet::NBF,
            "iat" => ClaimSet::IAT,
            "iss" => ClaimSet::ISS,
            "aud" => ClaimSet::AUD,
            "sub" => ClaimSet::SUB,
            "jti" => ClaimSet::JTI,
            _ => return None,
        })
    }
}

/// A revocation list consulted after a token has verified.
///
/// Implement it over whatever holds revoked token IDs (a set in memory, a
/// Redis lookup behind a cache). The verifier calls it only for tokens whose
/// signature and claims are valid, with the `jti` (and `iss`, because OWASP
/// recommends keying denylists on the pair), and reports
/// [`Error::Revoked`](crate::Error::Revoked) when it answers `true`.
///
/// ```
/// use jwtcore::Denylist;
/// struct One(&'static str);
/// impl Denylist for One {
///     fn is_revoked(&self, _iss: Option<&str>, jti: &str) -> bool { jti == self.0 }
/// }
/// assert!(One("abc").is_revoked(None, "abc"));
/// ```
///
/// `Sync` is a supertrait so that a [`Validation`] holding a denylist is
/// itself `Send + Sync` and can live in a `static` or shared server state;
/// a denylist behind a lock or an atomic cache meets it.
pub trait Denylist: Sync {
    /// Whether the token with this `jti` (issued by `iss`) is revoked.
    fn is_revoked(&self, iss: Option<&str>, jti: &str) -> bool;
}

/// What to check when verifying a token, with secure defaults.
///
/// The defaults: the algorithm is the one the key is bound to; `exp` is
/// required; `exp`, `nbf` and `iat` are checked with no leeway; `iss`, `sub`,
/// `jti` are type-checked; a token carrying `aud` is refused unless an
/// expected audience is configured and matches; tokens longer than
/// [`DEFAULT_MAX_TOKEN_LEN`] (64 KiB) are refused before any decoding.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::{Algorithm, Validation};
/// let v = Validation::new()
///     .algorithms(&[Algorithm::Es256])
///     .issuer(&["https://auth.example.com"])
///     .audience(&["api.example.com"])
///     .leeway(Duration::from_secs(30));
/// # let _ = v;
/// ```
#[derive(Clone, Copy)]
pub struct Validation<'a> {
    pub(crate) algorithms: Option<AlgorithmSet>,
    pub(crate) leeway: Duration,
    /// `leeway` is subtracted from the tolerance instead of added (PyJWT's
    /// negative leeway: a token must stay valid at least that long).
    pub(crate) leeway_negative: bool,
    pub(crate) max_age: Option<Duration>,
    pub(crate) required: ClaimSet,
    pub(crate) required_custom: &'a [&'a str],
    pub(crate) checks: ClaimSet,
    pub(crate) issuers: Option<&'a [&'a str]>,
    pub(crate) audiences: Option<&'a [&'a str]>,
    pub(crate) subject: Option<&'a str>,
    pub(crate) typ: Option<&'a str>,
    pub(crate) crit: &'a [&'a str],
    pub(crate) strict_aud: bool,
    pub(crate) max_token_len: usize,
    pub(crate) denylist: Option<&'a dyn Denylist>,
}

impl fmt::Debug for Validation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validation")
            .field("algorithms", &self.algorithms)
            .field("leeway", &self.leeway)
            .field("leeway_negative", &self.leeway_negative)
            .field("max_age", &self.max_age)
            .field("required", &self.required)
            .field("required_custom", &self.required_custom)
            .field("checks", &self.checks)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("subject", &self.subject)
            .field("typ", &self.typ)
            .field("crit", &self.crit)
            .field("strict_aud", &self.strict_aud)
            .field("max_token_len", &self.max_token_len)
            .field("denylist", &self.denylist.is_some())
            .finish()
    }
}

impl Default for Validation<'_> {
    fn default() -> Self {
        Validation::new()
    }
}

/// The default maximum token length, in bytes: 64 KiB.
///
/// Real ID tokens with group or role claims reach 9–12 KiB, and PyJWT and
/// jose set no limit at all; 64 KiB admits what providers issue while still
/// refusing a multi-megabyte token before any byte of it is decoded. Change
/// it with [`Validation::max_token_len`].
///
/// ```
/// assert_eq!(jwtcore::DEFAULT_MAX_TOKEN_LEN, 65_536);
/// ```
pub const DEFAULT_MAX_TOKEN_LEN: usize = 64 * 1024;

impl<'a> Validation<'a> {
    /// The secure defaults described on [`Validation`].
    ///
    /// ```
    /// // In a static: const-constructible, Copy, Send + Sync.
    /// static V: jwtcore::Validation<'static> = jwtcore::Validation::new();
    /// # let _ = V;
    /// ```
    pub const fn new() -> Self {
        Validation {
            algorithms: None,
            leeway: Duration::ZERO,
            leeway_negative: false,
            max_age: None,
            required: ClaimSet::EXP,
            required_custom: &[],
            checks: ClaimSet::ALL,
            issuers: None,
            audiences: None,
            subject: None,
            typ: None,
            crit: &[],
            strict_aud: false,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            denylist: None,
        }
    }

    /// Restricts the accepted `alg` values. Without this call only the key's
    /// own algorithm is accepted; with it, the token's `alg` must be in the
    /// list **and** be the key's algorithm. An empty list accepts nothing.
    ///
    /// ```
    /// use jwtcore::{Algorithm, ClaimSet, Validation};
    /// // Accept ES256 and EdDSA tokens (each still only under a key of that algorithm).
    /// let v = Validation::new().algorithms(&[Algorithm::Es256, Algorithm::EdDsa]);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn algorithms(mut self, algs: &[Algorithm]) -> Self {
        self.algorithms = Some(AlgorithmSet::from_slice(algs));
        self
    }

    /// The same as [`Validation::algorithms`], from a prepared set.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet, Validation};
    /// const ASYMMETRIC: AlgorithmSet = AlgorithmSet::from_slice(&[Algorithm::Es256, Algorithm::EdDsa]);
    /// let v = Validation::new().algorithm_set(ASYMMETRIC);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn algorithm_set(mut self, set: AlgorithmSet) -> Self {
        self.algorithms = Some(set);
        self
    }

    /// Clock skew tolerated on `exp`, `nbf`, `iat` (and the max-age check).
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # #[derive(serde::Serialize)] struct Exp { exp: u64 }
    /// let key = Key::hmac(Algorithm::Hs256, &[7; 32])?;
    /// // Expired 10 s before `now`: refused without leeway, accepted with 30 s.
    /// let mut out = [0u8; 128];
    /// let token = encode_into(&EncodeHeader::new(), &Exp { exp: 1_700_000_000 }, &key, &mut out)?;
    /// let now = Duration::from_secs(1_700_000_010);
    /// let mut buf = [0u8; 64];
    /// assert!(verify(token, &key, &Validation::new(), now, &mut buf).is_err());
    /// let lenient = Validation::new().leeway(Duration::from_secs(30));
    /// assert!(verify(token, &key, &lenient, now, &mut buf).is_ok());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self.leeway_negative = false;
        self
    }

    /// A negative leeway, as PyJWT's `leeway=-n`: every time check is moved
    /// by `by` against the token — `exp` must lie more than `by` after now,
    /// `nbf` and `iat` at least `by` before now. Use it to refuse tokens that
    /// are about to expire (for example before forwarding them downstream).
    /// Replaces any [`Validation::leeway`]; the last call wins.
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # #[derive(serde::Serialize)] struct Exp { exp: u64 }
    /// let key = Key::hmac(Algorithm::Hs256, &[7; 32])?;
    /// let mut out = [0u8; 128];
    /// let token = encode_into(&EncodeHeader::new(), &Exp { exp: 1_700_000_005 }, &key, &mut out)?;
    /// let now = Duration::from_secs(1_700_000_000);
    /// let mut buf = [0u8; 64];
    /// // Valid for 5 more seconds: accepted normally, refused when 10 s must remain.
    /// assert!(verify(token, &key, &Validation::new(), now, &mut buf).is_ok());
    /// let strict = Validation::new().negative_leeway(Duration::from_secs(10));
    /// assert!(verify(token, &key, &strict, now, &mut buf).is_err());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn negative_leeway(mut self, by: Duration) -> Self {
        self.leeway = by;
        self.leeway_negative = !by.is_zero();
        self
    }

    /// Refuse tokens whose `iat` is older than `max_age` (this also makes
    /// `iat` required).
    ///
    /// ```
    /// use core::time::Duration;
    /// let v = jwtcore::Validation::new().max_age(Duration::from_secs(3600)); // and iat is required
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self.required = self.required.with(ClaimSet::IAT);
        self
    }

    /// Replaces the set of registered claims that must be present. The
    /// default is `exp` alone; pass [`ClaimSet::NONE`] to opt out.
    ///
    /// ```
    /// use jwtcore::{Algorithm, ClaimSet, Validation};
    /// // exp and sub must be present; nothing else.
    /// let v = Validation::new().require(ClaimSet::EXP.with(ClaimSet::SUB));
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn require(mut self, claims: ClaimSet) -> Self {
        self.required = claims;
        self
    }

    /// Custom (non-registered) claims that must be present and not `null`.
    /// A failure names the claim by its index in this list.
    ///
    /// ```
    /// let v = jwtcore::Validation::new().require_custom(&["tenant", "roles"]);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn require_custom(mut self, names: &'a [&'a str]) -> Self {
        self.required_custom = names;
        self
    }

    /// Turns off the checks of the given claims (their type and value).
    /// Presence is still enforced for claims in [`Validation::require`].
    ///
    /// This is how PyJWT's `verify_exp: False` and friends are expressed.
    ///
    /// ```
    /// use jwtcore::{Algorithm, ClaimSet, Validation};
    /// // PyJWT's options={"verify_exp": False}: exp is neither required nor checked.
    /// let v = Validation::new().require(ClaimSet::NONE).skip(ClaimSet::EXP);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn skip(mut self, claims: ClaimSet) -> Self {
        self.checks = self.checks.without(claims);
        self
    }

    /// Accept only tokens whose `iss` is one of `issuers` (this also makes
    /// `iss` required).
    ///
    /// ```
    /// let v = jwtcore::Validation::new().issuer(&["https://login.example.com/tenant-1/v2.0"]);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn issuer(mut self, issuers: &'a [&'a str]) -> Self {
        self.issuers = Some(issuers);
        self
    }

    /// Accept only tokens whose `aud` (a string or an array of strings)
    /// contains one of `audiences` (this also makes `aud` required).
    ///
    /// ```
    /// let v = jwtcore::Validation::new().audience(&["api://orders", "orders-web"]);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn audience(mut self, audiences: &'a [&'a str]) -> Self {
        self.audiences = Some(audiences);
        self
    }

    /// PyJWT's `strict_aud`: the token's `aud` must be a single string equal
    /// to the single configured audience.
    ///
    /// ```
    /// let v = jwtcore::Validation::new().audience(&["api"]).strict_audience(true);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn strict_audience(mut self, strict: bool) -> Self {
        self.strict_aud = strict;
        self
    }

    /// Accept only tokens whose `sub` equals `subject` (this also makes `sub`
    /// required).
    ///
    /// ```
    /// let v = jwtcore::Validation::new().subject("service-account-7");
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn subject(mut self, subject: &'a str) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Require the `typ` header to be `typ` (compared ignoring ASCII case and
    /// an `application/` prefix, per RFC 7515 §4.1.9).
    ///
    /// ```
    /// // RFC 9068 access tokens: typ "at+jwt" (also matches "application/at+jwt").
    /// let v = jwtcore::Validation::new().typ("at+jwt");
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn typ(mut self, typ: &'a str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Header extensions the caller handles itself and that may therefore
    /// appear in `crit` (RFC 7515 §4.1.11).
    ///
    /// ```
    /// // Tokens may mark "exp" critical (RFC 7515 §4.1.11); this caller understands it.
    /// let v = jwtcore::Validation::new().critical_extensions(&["exp"]);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn critical_extensions(mut self, names: &'a [&'a str]) -> Self {
        self.crit = names;
        self
    }

    /// The maximum token length, checked before anything is decoded.
    ///
    /// ```
    /// let v = jwtcore::Validation::new().max_token_len(16 * 1024);
    /// # let _ = v;
    /// ```
    #[must_use]
    pub const fn max_token_len(mut self, len: usize) -> Self {
        self.max_token_len = len;
        self
    }

    /// Consult `denylist` with the `jti` of every otherwise valid token.
    ///
    /// ```
    /// use jwtcore::{Denylist, Validation};
    /// struct Nothing;
    /// impl Denylist for Nothing {
    ///     fn is_revoked(&self, _iss: Option<&str>, _jti: &str) -> bool { false }
    /// }
    /// static NOTHING: Nothing = Nothing;
    /// static V: Validation<'static> = Validation::new().denylist(&NOTHING);
    /// # let _ = V;
    /// ```
    #[must_use]
    pub const fn denylist(mut self, denylist: &'a dyn Denylist) -> Self {
        self.denylist = Some(denylist);
        self
    }

    /// Whether `alg` passes the allow-list (if one was set).
    pub(crate) fn allows(&self, alg: Algorithm) -> bool {
        self.algorithms.is_none_or(|set| set.contains(alg))
    }
}
