//! Registered claims (RFC 7519 §4.1): extraction and validation.

use core::time::Duration;

use crate::error::{Claim, Error, Part, Reason, TokenError};
use crate::json::{self, ArrayIter, Kind, Member, Value};
use crate::time::{NumericDate, nanos};
use crate::validation::{ClaimSet, Validation};

/// The `aud` claim: one string or an array of strings.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut out = [0u8; 256];
/// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"aud":["api","billing"],"exp":2000000000}"#, &key, &mut out)?;
/// # let mut scratch = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new().audience(&["api"]), Duration::from_secs(1_700_000_000), &mut scratch)?;
/// use jwtcore::Audience;
/// // payload: {"aud":["api","billing"],"exp":2000000000}
/// assert!(matches!(verified.claims().aud, Some(Audience::Many(_))));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub enum Audience<'a> {
    /// `"aud": "x"`
    One(&'a str),
    /// `"aud": ["x", "y"]`
    Many(AudienceIter<'a>),
}

impl<'a> Audience<'a> {
    /// Every audience value.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"aud":["api","billing"],"exp":2000000000}"#, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new().audience(&["api"]), Duration::from_secs(1_700_000_000), &mut scratch)?;
    /// // payload: {"aud":["api","billing"],"exp":2000000000}
    /// let aud = verified.claims().aud.as_ref().unwrap();
    /// let mut values = aud.iter();
    /// assert_eq!((values.next(), values.next(), values.next()), (Some("api"), Some("billing"), None));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn iter(&self) -> AudienceIter<'a> {
        match self {
            Audience::One(s) => AudienceIter { one: Some(s), many: None },
            Audience::Many(it) => it.clone(),
        }
    }

    /// Whether `aud` names `audience`.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"aud":"api","exp":2000000000}"#, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new().audience(&["api"]), Duration::from_secs(1_700_000_000), &mut scratch)?;
    /// // payload: {"aud":"api","exp":2000000000}
    /// let aud = verified.claims().aud.as_ref().unwrap();
    /// assert!(aud.contains("api"));
    /// assert!(!aud.contains("API"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn contains(&self, audience: &str) -> bool {
        self.iter().any(|a| json::raw_eq_str(a.as_bytes(), audience))
    }
}

/// Iterator over the values of an `aud` claim.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut out = [0u8; 256];
/// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"aud":["api","billing"],"exp":2000000000}"#, &key, &mut out)?;
/// # let mut scratch = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new().audience(&["api"]), Duration::from_secs(1_700_000_000), &mut scratch)?;
/// // payload: {"aud":["api","billing"],"exp":2000000000}
/// let aud = verified.claims().aud.as_ref().unwrap();
/// assert_eq!(aud.iter().count(), 2);
/// assert_eq!(aud.iter().last(), Some("billing"));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct AudienceIter<'a> {
    one: Option<&'a str>,
    many: Option<ArrayIter<'a>>,
}

impl<'a> Iterator for AudienceIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some(s) = self.one.take() {
            return Some(s);
        }
        self.many.as_mut()?.next()?.as_str()
    }
}

/// The registered claims of a verified token, borrowing from the scratch
/// buffer. Members whose check was switched off and whose value has the
/// wrong type are `None`.
///
/// Strings are returned as written minus unneeded escapes; a string that
/// contains `"`, `\` or a control character keeps those escaped (`\"`).
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut out = [0u8; 256];
/// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"iss":"https://id.example","sub":"alice","exp":2000000000,"iat":1699999000,"jti":"t-1"}"#, &key, &mut out)?;
/// # let mut scratch = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
/// // payload: {"iss":"https://id.example","sub":"alice","exp":2000000000,"iat":1699999000,"jti":"t-1"}
/// let c = verified.claims();
/// assert_eq!((c.iss, c.sub, c.jti), (Some("https://id.example"), Some("alice"), Some("t-1")));
/// assert_eq!(c.iat.map(|d| d.unix_seconds()), Some(1_699_999_000));
/// assert!(c.nbf.is_none() && c.aud.is_none());
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RegisteredClaims<'a> {
    /// `iss`
    pub iss: Option<&'a str>,
    /// `sub`
    pub sub: Option<&'a str>,
    /// `aud`
    pub aud: Option<Audience<'a>>,
    /// `exp`
    pub exp: Option<NumericDate>,
    /// `nbf`
    pub nbf: Option<NumericDate>,
    /// `iat`
    pub iat: Option<NumericDate>,
    /// `jti`
    pub jti: Option<&'a str>,
}

#[derive(Default)]
struct Found {
    exp: Option<Member>,
    nbf: Option<Member>,
    iat: Option<Member>,
    iss: Option<Member>,
    aud: Option<Member>,
    sub: Option<Member>,
    jti: Option<Member>,
}

fn map_json(e: json::JsonError) -> Error {
    Error::Token(match e {
        json::JsonError::Invalid => TokenError::Json(Part::Payload),
        json::JsonError::Duplicate => TokenError::DuplicateMember(Part::Payload),
        json::JsonError::Limit => TokenError::JsonLimit(Part::Payload),
    })
}

/// A payload that passed the gate and the claim checks: its canonical text
/// and the registered claims read from it (once, for the checks and the
/// caller alike).
#[derive(Debug)]
pub(crate) struct Checked<'b> {
    pub(crate) text: &'b str,
    pub(crate) claims: RegisteredClaims<'b>,
    /// Where the top-level members are, for `deserialize`.
    pub(crate) index: json::Index,
}

/// Validates and canonicalizes the payload in place, reads the registered
/// claims and checks them.
pub(crate) fn check<'b>(buf: &'b mut [u8], v: &Validation<'_>, now: Duration) -> Result<Checked<'b>, Error> {
    let mut found = Found::default();
    let mut index = json::Index::new();
    let gated = json::gate(buf, &mut |m| {
        index.record(m);
        let slot = match (m.key.1.saturating_sub(m.key.0), m.key_escaped) {
            (3, false) => match buf.get(m.key.0..m.key.1) {
                Some(b"exp") => &mut found.exp,
                Some(b"nbf") => &mut found.nbf,
                Some(b"iat") => &mut found.iat,
                Some(b"iss") => &mut found.iss,
                Some(b"aud") => &mut found.aud,
                Some(b"sub") => &mut found.sub,
                Some(b"jti") => &mut found.jti,
                _ => return,
            },
            (_, false) => return,
            (_, true) => {
                if m.is(buf, "exp") {
                    &mut found.exp
                } else if m.is(buf, "nbf") {
                    &mut found.nbf
                } else if m.is(buf, "iat") {
                    &mut found.iat
                } else if m.is(buf, "iss") {
                    &mut found.iss
                } else if m.is(buf, "aud") {
                    &mut found.aud
                } else if m.is(buf, "sub") {
                    &mut found.sub
                } else if m.is(buf, "jti") {
                    &mut found.jti
                } else {
                    return;
                }
            }
        };
        *slot = Some(*m);
    });
    // Canonicalisation keeps every value at its offset, so the spans found above still hold.
    let index = index.seal(gated.as_ref().map_or(true, |s| s.has_escapes));
    let text = json::canonical_text(buf, gated).map_err(map_json)?;
    let claims = found.view(text);
    validate(&found, &claims, text.as_bytes(), v, now)?;
    Ok(Checked { text, claims, index })
}

/// The member's value; `None` (the claim reads as malformed) if its span is
/// not inside `text`, which would be a broken invariant of the gate.
fn value<'a>(text: &'a str, m: &Member) -> Option<Value<'a>> {
    text.as_bytes().get(m.value.0..m.value.1).map(|raw| Value { raw })
}

fn date(text: &str, m: &Member) -> Option<NumericDate> {
    if m.kind != Kind::Number {
        return None;
    }
    NumericDate::parse(value(text, m)?.raw)
}

/// A string member's content, sliced from the canonical text (`str::get`
/// checks only that both ends are char boundaries; the UTF-8 was checked
/// once for the whole text). The span was found before canonicalisation,
/// which may have shortened the string and padded it with spaces after its
/// closing quote, so the content ends at the last quote of the span.
fn string<'a>(text: &'a str, m: &Member) -> Option<&'a str> {
    if m.kind != Kind::String {
        return None;
    }
    let quoted = text.get(m.value.0..m.value.1)?.trim_end_matches(' ');
    quoted.strip_prefix('"')?.strip_suffix('"')
}

fn audience<'a>(text: &'a str, m: &Member) -> Option<Audience<'a>> {
    match m.kind {
        Kind::String => string(text, m).map(Audience::One),
        Kind::Array => {
            let v = value(text, m)?;
            if v.elements().all(|e| e.kind() == Some(Kind::String)) {
                Some(Audience::Many(AudienceIter { one: None, many: Some(v.elements()) }))
            } else {
                None
            }
        }
        _ => None,
    }
}

impl Found {
    /// The registered claims as the caller sees them: a member of the wrong
    /// type (or a date out of range) reads as `None`.
    fn view<'a>(&self, text: &'a str) -> RegisteredClaims<'a> {
        RegisteredClaims {
            iss: self.iss.as_ref().and_then(|m| string(text, m)),
            sub: self.sub.as_ref().and_then(|m| string(text, m)),
            aud: self.aud.as_ref().and_then(|m| audience(text, m)),
            exp: self.exp.as_ref().and_then(|m| date(text, m)),
            nbf: self.nbf.as_ref().and_then(|m| date(text, m)),
            iat: self.iat.as_ref().and_then(|m| date(text, m)),
            jti: self.jti.as_ref().and_then(|m| string(text, m)),
        }
    }
}

const fn fail(claim: Claim, reason: Reason) -> Error {
    Error::Claim { claim, reason }
}

/// The claim checks, in PyJWT's order: required, iat, nbf, exp, max age,
/// iss, aud, sub, jti. A member that is present with JSON `null` counts as
/// absent for "required" (PyJWT's rule) but is a type error when checked:
/// a member present (`s`) whose value did not read as its type (`c`) is
/// [`Reason::Invalid`]. Except `aud`: `"aud": null` is absent throughout, as
/// in PyJWT and jose (accepted when no audience is expected, "missing" when
/// one is).
fn validate(s: &Found, c: &RegisteredClaims<'_>, buf: &[u8], v: &Validation<'_>, now: Duration) -> Result<(), Error> {
    let present = |m: &Option<Member>| m.is_some_and(|m| m.kind != Kind::Null);
    let mut required = v.required;
    if v.issuers.is_some() && v.checks.contains(ClaimSet::ISS) {
        required = required.with(ClaimSet::ISS);
    }
    if v.audiences.is_some() && v.checks.contains(ClaimSet::AUD) {
        required = required.with(ClaimSet::AUD);
    }
    if v.subject.is_some() && v.checks.contains(ClaimSet::SUB) {
        required = required.with(ClaimSet::SUB);
    }
    for (set, member, claim) in [
        (ClaimSet::EXP, &s.exp, Claim::Exp),
        (ClaimSet::NBF, &s.nbf, Claim::Nbf),
        (ClaimSet::IAT, &s.iat, Claim::Iat),
        (ClaimSet::ISS, &s.iss, Claim::Iss),
        (ClaimSet::AUD, &s.aud, Claim::Aud),
        (ClaimSet::SUB, &s.sub, Claim::Sub),
        (ClaimSet::JTI, &s.jti, Claim::Jti),
    ] {
        if required.contains(set) && !present(member) {
            return Err(fail(claim, Reason::Missing));
        }
    }
    if !v.required_custom.is_empty() {
        check_custom(buf, v.required_custom)?;
    }

    let now_ns = nanos(now);
    let leeway = nanos(v.leeway);
    // The latest instant a start time (`iat`, `nbf`) may name, and the
    // instant an `exp` must lie after: now widened by the leeway, or
    // narrowed by a negative one.
    let (latest_start, must_outlive) = if v.leeway_negative {
        (now_ns.saturating_sub(leeway), now_ns.saturating_add(leeway))
    } else {
        (now_ns.saturating_add(leeway), now_ns.saturating_sub(leeway))
    };
    let checks = v.checks;
    // A present member must have read as its type.
    fn read<T: Copy>(member: &Option<Member>, read: Option<T>, claim: Claim) -> Result<Option<T>, Error> {
        match member {
            None => Ok(None),
            Some(_) => read.map(Some).ok_or(fail(claim, Reason::Invalid)),
        }
    }

    let iat = if checks.contains(ClaimSet::IAT) { read(&s.iat, c.iat, Claim::Iat)? } else { None };
    if let Some(iat) = iat {
        if iat.is_after(latest_start) {
            return Err(fail(Claim::Iat, Reason::InFuture));
        }
    }
    if checks.contains(ClaimSet::NBF) {
        if let Some(nbf) = read(&s.nbf, c.nbf, Claim::Nbf)? {
            if nbf.is_after(latest_start) {
                return Err(fail(Claim::Nbf, Reason::NotYetValid));
            }
        }
    }
    if checks.contains(ClaimSet::EXP) {
        if let Some(exp) = read(&s.exp, c.exp, Claim::Exp)? {
            if exp.is_at_or_before(must_outlive) {
                return Err(fail(Claim::Exp, Reason::Expired));
            }
        }
    }
    if let Some(max_age) = v.max_age {
        // max_age made iat required; it is checked even if iat checks are off.
        let iat = match iat {
            Some(iat) => iat,
            None => read(&s.iat, c.iat, Claim::Iat)?.ok_or(fail(Claim::Iat, Reason::Missing))?,
        };
        if iat.is_before(must_outlive.saturating_sub(nanos(max_age))) {
            return Err(fail(Claim::Iat, Reason::TooOld));
        }
    }

    if checks.contains(ClaimSet::ISS) {
        if let Some(iss) = read(&s.iss, c.iss, Claim::Iss)? {
            if let Some(issuers) = v.issuers {
                if !issuers.iter().any(|i| json::raw_eq_str(iss.as_bytes(), i)) {
                    return Err(fail(Claim::Iss, Reason::Mismatch));
                }
            }
        }
    }
    // A null `aud` addresses no one, so it is not a token "addressed to someone"
    // (`check_aud`); with an expected audience it was already refused as missing above.
    if checks.contains(ClaimSet::AUD) && s.aud.as_ref().is_some_and(|m| m.kind != Kind::Null) {
        let aud = c.aud.as_ref().ok_or(fail(Claim::Aud, Reason::Invalid))?;
        check_aud(aud, v)?;
    }
    if checks.contains(ClaimSet::SUB) {
        if let Some(sub) = read(&s.sub, c.sub, Claim::Sub)? {
            if let Some(expected) = v.subject {
                if !json::raw_eq_str(sub.as_bytes(), expected) {
                    return Err(fail(Claim::Sub, Reason::Mismatch));
                }
            }
        }
    }
    if checks.contains(ClaimSet::JTI) {
        read(&s.jti, c.jti, Claim::Jti)?;
    }
    Ok(())
}

fn check_aud(aud: &Audience<'_>, v: &Validation<'_>) -> Result<(), Error> {
    let mismatch = fail(Claim::Aud, Reason::Mismatch);
    // A token addressed to someone must name us; with no audience
    // configured we are no one (RFC 7519 §4.1.3, RFC 8725 §3.9).
    let expected = v.audiences.ok_or(mismatch)?;
    if v.strict_aud {
        let (Audience::One(one), [want]) = (aud, expected) else {
            return Err(if matches!(aud, Audience::One(_)) { mismatch } else { fail(Claim::Aud, Reason::Invalid) });
        };
        return if json::raw_eq_str(one.as_bytes(), want) { Ok(()) } else { Err(mismatch) };
    }
    if expected.iter().any(|want| aud.contains(want)) { Ok(()) } else { Err(mismatch) }
}

fn check_custom(buf: &[u8], names: &[&str]) -> Result<(), Error> {
    let whole = Value { raw: buf };
    for (i, name) in names.iter().enumerate() {
        let present = whole.members().any(|(k, val)| val.kind() != Some(Kind::Null) && json::raw_eq_str(k, name));
        if !present {
            let claim = match ClaimSet::from_name(name) {
                Some(ClaimSet::EXP) => Claim::Exp,
                Some(ClaimSet::NBF) => Claim::Nbf,
                Some(ClaimSet::IAT) => Claim::Iat,
                Some(ClaimSet::ISS) => Claim::Iss,
                Some(ClaimSet::AUD) => Claim::Aud,
                Some(ClaimSet::SUB) => Claim::Sub,
                Some(_) => Claim::Jti,
                None => Claim::Custom(u8::try_from(i).unwrap_or(u8::MAX)),
            };
            return Err(fail(claim, Reason::Missing));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
