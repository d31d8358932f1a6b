//! [`Policy`]: verification options as a binding receives them (names as strings, durations as
//! floating-point seconds), checked and normalised once, kept, and lent as a [`Validation`] per
//! verification.
//!
//! The Python and WebAssembly bindings both used to turn their options into a `Validation`
//! themselves, and the copies drifted (a leeway was clamped at 10¹² s in one and 10¹⁵ s in the
//! other). Every rule that decides what an option means lives here instead, so one input gives
//! one policy in every language; the bindings only convert their types into these arguments and
//! map [`PolicyError`] onto their own exception.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::alg::{Algorithm, AlgorithmSet};
use crate::error::{Claim, Error};
use crate::owned_validation::LentList;
use crate::validation::{ClaimSet, DEFAULT_MAX_TOKEN_LEN, Validation};

/// The largest number of seconds a leeway or a maximum age may be: 10¹² s, about 31 700 years.
///
/// No real clock skew or token lifetime comes near it, and it keeps every conversion to
/// [`Duration`] exact and far from overflow. A larger (or non-finite) value is refused with a
/// [`PolicyError`] rather than quietly clamped: a caller who passes `1e300` has made a mistake
/// (to turn the time checks off, skip them), and a clamp would hide it.
///
/// ```
/// assert_eq!(jwtcore::policy::MAX_SECONDS, 1e12);
/// ```
pub const MAX_SECONDS: f64 = 1e12;

/// A verification option that cannot be honoured, found while building a [`Policy`].
///
/// These are configuration mistakes (the bindings raise `ValueError` / `TypeError` for them), not
/// verdicts on a token, so they are not [`Error`]s.
///
/// ```
/// use jwtcore::policy::{Policy, PolicyError};
/// let err = Policy::new().leeway_seconds(f64::NAN).unwrap_err();
/// assert_eq!(err, PolicyError::Leeway);
/// assert_eq!(err.code(), "policy_leeway");
/// assert!(err.to_string().contains("leeway"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyError {
    /// The leeway is not a finite number of seconds within ±[`MAX_SECONDS`].
    Leeway,
    /// The maximum token age is negative, not finite, or above [`MAX_SECONDS`].
    MaxAge,
}

impl PolicyError {
    /// A stable, machine-readable code.
    ///
    /// ```
    /// assert_eq!(jwtcore::policy::PolicyError::MaxAge.code(), "policy_max_age");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            PolicyError::Leeway => "policy_leeway",
            PolicyError::MaxAge => "policy_max_age",
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::Leeway => f.write_str(
                "leeway must be a finite number of seconds between -1e12 and 1e12 (a negative leeway demands \
                 remaining validity); to stop checking exp/nbf/iat, turn those checks off instead",
            ),
            PolicyError::MaxAge => f.write_str(
                "max_age must be a finite number of seconds between 0 and 1e12; leave it unset to accept tokens \
                 of any age",
            ),
        }
    }
}

impl core::error::Error for PolicyError {}

/// Verification options with owned strings, built once from a binding's (or a configuration
/// file's) values and reused for every verification.
///
/// Starts from [`Validation::new`]'s defaults (`exp` required, every claim checked, 64 KiB token
/// limit); each method replaces one setting. The methods take what bindings have: algorithm and
/// claim *names*, seconds as `f64`. Unknown algorithm names are dropped (they could never match
/// a token the core accepts, so a list of only unknown names allows nothing).
///
/// ```
/// use jwtcore::{Algorithm, Key, encode, verify_with};
/// use jwtcore::policy::Policy;
/// let policy = Policy::new()
///     .algorithms(["HS256", "no-such-alg"])
///     .audience(["api"])
///     .require(["exp", "tenant"])
///     .leeway_seconds(30.0)?;
///
/// let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?;
/// #[derive(serde::Serialize)]
/// struct Claims<'a> { aud: &'a str, exp: u64 }
/// let token = encode(&jwtcore::EncodeHeader::new(), &Claims { aud: "api", exp: 1_700_000_000 }, &key)?;
/// let mut scratch = vec![0u8; jwtcore::scratch_len(&token)];
/// let now = jwtcore::policy::unix_time(1_700_000_010.0); // expired 10 s ago: within the leeway
/// let err = policy.with(|v| verify_with(&token, &key, v, now, &mut scratch).map(|_| ())).unwrap_err();
/// // The missing custom claim is reported by name.
/// assert_eq!(policy.claim_name(&err), Some("tenant"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub struct Policy {
    algorithms: Option<AlgorithmSet>,
    leeway: Duration,
    leeway_negative: bool,
    max_age: Option<Duration>,
    required: ClaimSet,
    custom: Vec<String>,
    skip: ClaimSet,
    issuers: Option<Vec<String>>,
    audiences: Option<Vec<String>>,
    subject: Option<String>,
    typ: Option<String>,
    crit: Vec<String>,
    strict_aud: bool,
    max_len: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::new()
    }
}

/// `secs` as a [`Duration`] if it is finite and within `0..=MAX_SECONDS`.
fn bounded(secs: f64) -> Option<Duration> {
    // `contains` is false for NaN, so this also refuses it; within the bound the conversion is
    // exact to the nanosecond and cannot panic.
    (0.0..=MAX_SECONDS).contains(&secs).then(|| Duration::from_secs_f64(secs))
}

/// A clock reading in Unix seconds (`time.time()`, `Date.now() / 1000`) as the `now` the
/// verifier takes. Readings before 1970, NaN and negative zero read as the epoch; readings past
/// [`MAX_SECONDS`] (year 33 658) read as that. A clock is not configuration, so nothing here
/// fails: the verdict is then decided by the token's dates against that bound.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::policy::unix_time;
/// assert_eq!(unix_time(1_700_000_000.5), Duration::from_millis(1_700_000_000_500));
/// assert_eq!(unix_time(-5.0), Duration::ZERO);
/// assert_eq!(unix_time(f64::NAN), Duration::ZERO);
/// assert_eq!(unix_time(f64::INFINITY), Duration::from_secs(1_000_000_000_000));
/// ```
pub fn unix_time(secs: f64) -> Duration {
    if secs.is_nan() || secs <= 0.0 { Duration::ZERO } else { bounded(secs.min(MAX_SECONDS)).unwrap_or(Duration::ZERO) }
}

/// Every option of a [`Policy`] as plain owned values, the shape bindings receive them in; build
/// with [`Policy::from_options`]. `Default` is [`Validation::new`]'s defaults except `require`,
/// which is empty here (bindings pass the caller's list, PyJWT's and jose's default being none).
///
/// ```
/// use jwtcore::policy::{Policy, PolicyOptions};
/// let policy = Policy::from_options(PolicyOptions {
///     algorithms: Some(vec!["ES256".into()]),
///     audience: Some(vec!["api".into()]),
///     leeway: 30.0,
///     ..PolicyOptions::default()
/// })?;
/// assert!(policy.custom_claims().is_empty());
/// # Ok::<(), jwtcore::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyOptions {
    /// [`Policy::algorithms`]; `None`: the key's own algorithm only.
    pub algorithms: Option<Vec<String>>,
    /// [`Policy::leeway_seconds`].
    pub leeway: f64,
    /// [`Policy::max_age_seconds`]; `None`: any age.
    pub max_age: Option<f64>,
    /// [`Policy::require`].
    pub require: Vec<String>,
    /// [`Policy::skip`].
    pub skip: Vec<String>,
    /// [`Policy::issuer`].
    pub issuer: Option<Vec<String>>,
    /// [`Policy::audience`].
    pub audience: Option<Vec<String>>,
    /// [`Policy::strict_audience`].
    pub strict_aud: bool,
    /// [`Policy::subject`].
    pub subject: Option<String>,
    /// [`Policy::typ`].
    pub typ: Option<String>,
    /// [`Policy::critical_extensions`].
    pub crit: Vec<String>,
    /// [`Policy::max_token_len`]; `None`: [`DEFAULT_MAX_TOKEN_LEN`].
    pub max_token_length: Option<usize>,
}

/// The members of `names` that are registered claims, as a set; the others in order.
fn split_claims<I: IntoIterator<Item = S>, S: AsRef<str>>(names: I) -> (ClaimSet, Vec<String>) {
    let mut set = ClaimSet::NONE;
    let mut custom: Vec<String> = Vec::new();
    for name in names {
        let name = name.as_ref();
        match ClaimSet::from_name(name) {
            Some(c) => set = set.with(c),
            // A name listed twice is required once (the error names it by its first index).
            None if !custom.iter().any(|c| c == name) => custom.push(name.into()),
            None => {}
        }
    }
    (set, custom)
}

fn owned<I: IntoIterator<Item = S>, S: AsRef<str>>(list: I) -> Vec<String> {
    list.into_iter().map(|s| String::from(s.as_ref())).collect()
}

impl Policy {
    /// [`Validation::new`]'s defaults.
    ///
    /// ```
    /// let policy = jwtcore::policy::Policy::new();
    /// assert_eq!(policy.token_limit(), jwtcore::DEFAULT_MAX_TOKEN_LEN);
    /// ```
    pub fn new() -> Self {
        Policy {
            algorithms: None,
            leeway: Duration::ZERO,
            leeway_negative: false,
            max_age: None,
            required: ClaimSet::EXP,
            custom: Vec::new(),
            skip: ClaimSet::NONE,
            issuers: None,
            audiences: None,
            subject: None,
            typ: None,
            crit: Vec::new(),
            strict_aud: false,
            max_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Builds a policy from every option at once (what both bindings do with their arguments).
    ///
    /// # Errors
    ///
    /// [`PolicyError`] for a leeway or max age outside [`MAX_SECONDS`] (see
    /// [`Policy::leeway_seconds`], [`Policy::max_age_seconds`]).
    ///
    /// ```
    /// use jwtcore::policy::{Policy, PolicyError, PolicyOptions};
    /// let err = Policy::from_options(PolicyOptions { max_age: Some(-1.0), ..PolicyOptions::default() });
    /// assert_eq!(err.unwrap_err(), PolicyError::MaxAge);
    /// ```
    pub fn from_options(o: PolicyOptions) -> Result<Self, PolicyError> {
        let mut p = Policy::new()
            .leeway_seconds(o.leeway)?
            .require(&o.require)
            .skip(&o.skip)
            .strict_audience(o.strict_aud)
            .critical_extensions(&o.crit)
            .max_token_len(o.max_token_length.unwrap_or(DEFAULT_MAX_TOKEN_LEN));
        if let Some(a) = &o.algorithms {
            p = p.algorithms(a);
        }
        if let Some(m) = o.max_age {
            p = p.max_age_seconds(m)?;
        }
        p.issuers = o.issuer;
        p.audiences = o.audience;
        p.subject = o.subject;
        p.typ = o.typ;
        Ok(p)
    }

    /// The accepted `alg` names (as [`Validation::algorithms`]); names the core does not know,
    /// `none` included, are dropped.
    ///
    /// ```
    /// use jwtcore::{Algorithm, AlgorithmSet};
    /// let p = jwtcore::policy::Policy::new().algorithms(["ES256", "none"]);
    /// assert_eq!(p.allowed_algorithms(), Some(AlgorithmSet::EMPTY.with(Algorithm::Es256)));
    /// ```
    #[must_use]
    pub fn algorithms<I: IntoIterator<Item = S>, S: AsRef<str>>(self, names: I) -> Self {
        let mut set = AlgorithmSet::EMPTY;
        for alg in names.into_iter().filter_map(|n| Algorithm::from_name(n.as_ref())) {
            set = set.with(alg);
        }
        Policy { algorithms: Some(set), ..self }
    }

    /// The allow-list set by [`Policy::algorithms`], if any.
    ///
    /// ```
    /// assert!(jwtcore::policy::Policy::new().allowed_algorithms().is_none());
    /// ```
    pub fn allowed_algorithms(&self) -> Option<AlgorithmSet> {
        self.algorithms
    }

    /// Clock skew in seconds; a negative value is PyJWT's negative leeway (the token must stay
    /// valid that much longer, [`Validation::negative_leeway`]).
    ///
    /// # Errors
    ///
    /// [`PolicyError::Leeway`] when `secs` is not finite or beyond ±[`MAX_SECONDS`].
    ///
    /// ```
    /// use jwtcore::policy::{Policy, PolicyError};
    /// assert!(Policy::new().leeway_seconds(-60.0).is_ok());
    /// assert_eq!(Policy::new().leeway_seconds(1e13).unwrap_err(), PolicyError::Leeway);
    /// ```
    pub fn leeway_seconds(self, secs: f64) -> Result<Self, PolicyError> {
        let leeway = bounded(secs.abs()).ok_or(PolicyError::Leeway)?;
        Ok(Policy { leeway, leeway_negative: secs < 0.0 && !leeway.is_zero(), ..self })
    }

    /// Refuse tokens whose `iat` is more than `secs` old (this also makes `iat` required).
    ///
    /// # Errors
    ///
    /// [`PolicyError::MaxAge`] when `secs` is negative, not finite or above [`MAX_SECONDS`].
    ///
    /// ```
    /// use jwtcore::policy::{Policy, PolicyError};
    /// assert!(Policy::new().max_age_seconds(3600.0).is_ok());
    /// assert_eq!(Policy::new().max_age_seconds(-1.0).unwrap_err(), PolicyError::MaxAge);
    /// ```
    pub fn max_age_seconds(self, secs: f64) -> Result<Self, PolicyError> {
        let max_age = bounded(secs).ok_or(PolicyError::MaxAge)?;
        Ok(Policy { max_age: Some(max_age), ..self })
    }

    /// Replaces the claims that must be present: registered names (`exp`, `iat`, …) go to
    /// [`Validation::require`], every other name to [`Validation::require_custom`]. An empty list
    /// requires nothing.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().require(["sub", "tenant", "tenant"]);
    /// assert_eq!(p.custom_claims(), ["tenant"]);
    /// ```
    #[must_use]
    pub fn require<I: IntoIterator<Item = S>, S: AsRef<str>>(self, names: I) -> Self {
        let (required, custom) = split_claims(names);
        Policy { required, custom, ..self }
    }

    /// The custom (non-registered) required claims, in the order the core reports them.
    ///
    /// ```
    /// assert!(jwtcore::policy::Policy::new().custom_claims().is_empty());
    /// ```
    pub fn custom_claims(&self) -> &[String] {
        &self.custom
    }

    /// Turns off the checks of the named registered claims (PyJWT's `verify_exp: False`, …);
    /// other names are ignored, as there is no check of theirs to turn off.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().require(Vec::<&str>::new()).skip(["exp", "nbf"]);
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn skip<I: IntoIterator<Item = S>, S: AsRef<str>>(self, names: I) -> Self {
        Policy { skip: split_claims(names).0, ..self }
    }

    /// Accept only tokens whose `iss` is one of `issuers`.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().issuer(["https://a.example"]);
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn issuer<I: IntoIterator<Item = S>, S: AsRef<str>>(self, issuers: I) -> Self {
        Policy { issuers: Some(owned(issuers)), ..self }
    }

    /// Accept only tokens whose `aud` contains one of `audiences`.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().audience(["api", "web"]);
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn audience<I: IntoIterator<Item = S>, S: AsRef<str>>(self, audiences: I) -> Self {
        Policy { audiences: Some(owned(audiences)), ..self }
    }

    /// PyJWT's `strict_aud` ([`Validation::strict_audience`]).
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().audience(["api"]).strict_audience(true);
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn strict_audience(self, strict: bool) -> Self {
        Policy { strict_aud: strict, ..self }
    }

    /// Accept only tokens whose `sub` equals `subject`.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().subject("service-7");
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn subject(self, subject: impl AsRef<str>) -> Self {
        Policy { subject: Some(subject.as_ref().into()), ..self }
    }

    /// Require the `typ` header ([`Validation::typ`]).
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().typ("at+jwt");
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn typ(self, typ: impl AsRef<str>) -> Self {
        Policy { typ: Some(typ.as_ref().into()), ..self }
    }

    /// Header extensions the caller understands in `crit` ([`Validation::critical_extensions`]).
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().critical_extensions(["exp"]);
    /// # let _ = p;
    /// ```
    #[must_use]
    pub fn critical_extensions<I: IntoIterator<Item = S>, S: AsRef<str>>(self, names: I) -> Self {
        Policy { crit: owned(names), ..self }
    }

    /// The longest token accepted, in bytes ([`Validation::max_token_len`]).
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().max_token_len(1024);
    /// assert_eq!(p.token_limit(), 1024);
    /// ```
    #[must_use]
    pub fn max_token_len(self, len: usize) -> Self {
        Policy { max_len: len, ..self }
    }

    /// The longest token accepted, in bytes: bindings check it before copying a token.
    ///
    /// ```
    /// assert_eq!(jwtcore::policy::Policy::new().max_token_len(9).token_limit(), 9);
    /// ```
    pub fn token_limit(&self) -> usize {
        self.max_len
    }

    /// The name of the claim an error is about: a registered claim's member name, or the custom
    /// claim's name from [`Policy::require`] (the core's errors carry its index).
    ///
    /// ```
    /// use jwtcore::{Claim, Error, Reason};
    /// let p = jwtcore::policy::Policy::new().require(["tenant"]);
    /// assert_eq!(p.claim_name(&Error::Claim { claim: Claim::Custom(0), reason: Reason::Missing }), Some("tenant"));
    /// assert_eq!(p.claim_name(&Error::Claim { claim: Claim::Exp, reason: Reason::Expired }), Some("exp"));
    /// ```
    pub fn claim_name(&self, error: &Error) -> Option<&str> {
        match error.claim()? {
            Claim::Custom(i) => self.custom.get(usize::from(i)).map(String::as_str),
            claim => claim.name(),
        }
    }

    /// Lends the policy as a [`Validation`] to `f` (one verification). Allocation-free up to
    /// eight entries in each list.
    ///
    /// ```
    /// let p = jwtcore::policy::Policy::new().issuer(["https://a.example"]);
    /// assert!(p.with(|v| format!("{v:?}")).contains("https://a.example"));
    /// ```
    pub fn with<R>(&self, f: impl FnOnce(&Validation<'_>) -> R) -> R {
        // The lists are lent from the caller's frame, so that building the `Validation` is one
        // function whatever `f` is: every call site then shares it (the WebAssembly modules
        // carried one nested copy per call site before).
        let mut lists = Lent::default();
        f(&self.validation(&mut lists))
    }

    /// The `Validation` this policy describes, its lists lent from `lists`.
    fn validation<'a>(&'a self, lists: &'a mut Lent<'a>) -> Validation<'a> {
        let issuers = lists.issuers.lend(self.issuers.as_deref());
        let audiences = lists.audiences.lend(self.audiences.as_deref());
        let custom = lists.custom.lend(Some(&self.custom));
        let crit = lists.crit.lend(Some(&self.crit));
        let mut v = Validation::new()
            .require(self.required)
            .skip(self.skip)
            .strict_audience(self.strict_aud)
            .max_token_len(self.max_len)
            .require_custom(custom.unwrap_or_default())
            .critical_extensions(crit.unwrap_or_default());
        v = if self.leeway_negative { v.negative_leeway(self.leeway) } else { v.leeway(self.leeway) };
        if let Some(set) = self.algorithms {
            v = v.algorithm_set(set);
        }
        if let Some(m) = self.max_age {
            v = v.max_age(m);
        }
        if let Some(i) = issuers {
            v = v.issuer(i);
        }
        if let Some(a) = audiences {
            v = v.audience(a);
        }
        if let Some(s) = &self.subject {
            v = v.subject(s);
        }
        if let Some(t) = &self.typ {
            v = v.typ(t);
        }
        v
    }
}

/// Room for the `&str` lists a [`Policy::with`] lends (see [`LentList`]).
#[derive(Default)]
struct Lent<'a> {
    issuers: LentList<'a>,
    audiences: LentList<'a>,
    custom: LentList<'a>,
    crit: LentList<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Reason;
    use alloc::vec;

    #[test]
    fn seconds_bounds() {
        for ok in [0.0, -0.0, 30.0, -30.0, 0.5, MAX_SECONDS, -MAX_SECONDS] {
            assert!(Policy::new().leeway_seconds(ok).is_ok(), "{ok}");
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, MAX_SECONDS * 1.000_001, -1e13, 1e300] {
            assert_eq!(Policy::new().leeway_seconds(bad).unwrap_err(), PolicyError::Leeway, "{bad}");
        }
        for ok in [0.0, 1.5, MAX_SECONDS] {
            assert!(Policy::new().max_age_seconds(ok).is_ok(), "{ok}");
        }
        for bad in [-1.0, -1e-9, f64::NAN, f64::INFINITY, 1e13] {
            assert_eq!(Policy::new().max_age_seconds(bad).unwrap_err(), PolicyError::MaxAge, "{bad}");
        }
    }

    #[test]
    fn leeway_sign_reaches_the_validation() {
        let neg = Policy::new().leeway_seconds(-10.0).unwrap();
        assert!(neg.with(|v| v.leeway_negative && v.leeway == Duration::from_secs(10)));
        // -0 is no leeway at all, not a negative one.
        let zero = Policy::new().leeway_seconds(-0.0).unwrap();
        assert!(zero.with(|v| !v.leeway_negative && v.leeway.is_zero()));
        let pos = Policy::new().leeway_seconds(2.5).unwrap();
        assert!(pos.with(|v| !v.leeway_negative && v.leeway == Duration::from_millis(2500)));
    }

    #[test]
    fn claims_split_and_named() {
        let p = Policy::new().require(["exp", "tenant", "sub", "roles", "tenant"]).skip(["nbf", "tenant"]);
        assert_eq!(p.custom_claims(), ["tenant", "roles"]);
        p.with(|v| {
            assert_eq!(v.required, ClaimSet::EXP.with(ClaimSet::SUB));
            assert_eq!(v.required_custom, ["tenant", "roles"]);
            assert_eq!(v.checks, ClaimSet::ALL.without(ClaimSet::NBF));
        });
        assert_eq!(p.claim_name(&Error::Claim { claim: Claim::Custom(1), reason: Reason::Missing }), Some("roles"));
        assert_eq!(p.claim_name(&Error::Claim { claim: Claim::Custom(7), reason: Reason::Missing }), None);
        assert_eq!(p.claim_name(&Error::Signature), None);
        assert!(Policy::new().require(Vec::<String>::new()).with(|v| v.required == ClaimSet::NONE));
    }

    #[test]
    fn algorithms_drop_unknown_names() {
        let p = Policy::new().algorithms(["HS256", "none", "hs256", "EdDSA"]);
        p.with(|v| {
            assert!(v.allows(Algorithm::Hs256) && v.allows(Algorithm::EdDsa));
            assert!(!v.allows(Algorithm::Hs384) && !v.allows(Algorithm::Es256));
        });
        let nothing = Policy::new().algorithms(["nope"]);
        assert!(nothing.with(|v| !v.allows(Algorithm::Hs256)));
        assert!(Policy::new().with(|v| v.allows(Algorithm::Es256)));
    }

    #[test]
    fn lists_and_strings_lent_intact() {
        let many: Vec<String> = (0..12).map(|i| alloc::format!("iss-{i}")).collect();
        let p = Policy::new()
            .issuer(&many)
            .audience(["a", "b"])
            .subject("s")
            .typ("at+jwt")
            .critical_extensions(["x"])
            .strict_audience(true)
            .max_token_len(77)
            .max_age_seconds(60.0)
            .unwrap();
        p.with(|v| {
            assert_eq!(v.issuers.map(<[&str]>::len), Some(12));
            assert_eq!(v.issuers.and_then(|i| i.get(11).copied()), Some("iss-11"));
            assert_eq!(v.audiences, Some(&["a", "b"][..]));
            assert_eq!((v.subject, v.typ), (Some("s"), Some("at+jwt")));
            assert_eq!(v.crit, ["x"]);
            assert!(v.strict_aud);
            assert_eq!(v.max_token_len, 77);
            assert_eq!(v.max_age, Some(Duration::from_secs(60)));
            assert!(v.required.contains(ClaimSet::IAT), "max_age makes iat required");
        });
        assert_eq!(p.token_limit(), 77);
    }

    #[test]
    fn from_options_equals_the_builder() {
        let o = PolicyOptions {
            algorithms: Some(vec!["HS256".into()]),
            leeway: -5.0,
            max_age: Some(60.0),
            require: vec!["sub".into(), "tenant".into()],
            skip: vec!["nbf".into()],
            issuer: Some(vec!["i".into()]),
            audience: Some(vec!["a".into()]),
            strict_aud: true,
            subject: Some("s".into()),
            typ: Some("t".into()),
            crit: vec!["x".into()],
            max_token_length: Some(99),
        };
        let built = Policy::new()
            .algorithms(["HS256"])
            .leeway_seconds(-5.0)
            .unwrap()
            .max_age_seconds(60.0)
            .unwrap()
            .require(["sub", "tenant"])
            .skip(["nbf"])
            .issuer(["i"])
            .audience(["a"])
            .strict_audience(true)
            .subject("s")
            .typ("t")
            .critical_extensions(["x"])
            .max_token_len(99);
        let from = Policy::from_options(o).unwrap();
        assert_eq!(alloc::format!("{from:?}"), alloc::format!("{built:?}"));
        let defaults = Policy::from_options(PolicyOptions::default()).unwrap();
        assert!(defaults.with(|v| v.required == ClaimSet::NONE && v.max_token_len == DEFAULT_MAX_TOKEN_LEN));
        assert_eq!(
            Policy::from_options(PolicyOptions { leeway: f64::NAN, ..PolicyOptions::default() }).unwrap_err(),
            PolicyError::Leeway
        );
    }

    #[test]
    fn clock_readings() {
        assert_eq!(unix_time(0.0), Duration::ZERO);
        assert_eq!(unix_time(f64::NEG_INFINITY), Duration::ZERO);
        assert_eq!(unix_time(1e13), Duration::from_secs(1_000_000_000_000));
        assert_eq!(unix_time(12.25), Duration::from_millis(12_250));
    }
}
