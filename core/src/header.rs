//! The JOSE protected header: parsing with every RFC 7515 check, and writing.

use crate::alg::Algorithm;
use crate::error::{Claim, Error, HeaderError, Part, Reason, TokenError};
use crate::json::{self, Kind, Member, Value};
use crate::validation::Validation;

/// Header parameters registered by RFC 7515/7519 that may never appear in
/// `crit` (RFC 7515 §4.1.11: "MUST NOT include Header Parameter names
/// defined by this specification").
const REGISTERED: &[&str] =
    &["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip"];

/// A verified token's protected header, borrowing from the scratch buffer.
///
/// Only the parameters a verifier acts on are exposed; key-carrying
/// parameters (`jwk`, `jku`, `x5u`, `x5c`) are never used by `jwtcore` and
/// are reachable only through [`Header::json`].
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # #[derive(serde::Serialize)] struct C { exp: u64 }
/// # let mut out = [0u8; 256];
/// let token = encode_into(&EncodeHeader::new().kid("2025-01"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
/// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
///
/// assert_eq!((header.alg(), header.kid(), header.typ()), (Algorithm::Hs256, Some("2025-01"), Some("JWT")));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    alg: Algorithm,
    kid: Option<&'a str>,
    typ: Option<&'a str>,
    cty: Option<&'a str>,
    json: &'a str,
}

impl<'a> Header<'a> {
    /// The `alg` the token was verified with.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// # let now = Duration::from_secs(1_700_000_000);
    /// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
    ///
    /// assert_eq!(header.alg(), Algorithm::Hs256);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The `kid` hint, if present.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new().kid("2025-01"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// # let now = Duration::from_secs(1_700_000_000);
    /// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
    ///
    /// assert_eq!(header.kid(), Some("2025-01"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&'a str> {
        self.kid
    }

    /// The `typ` parameter, if present.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new().typ("at+jwt"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// # let now = Duration::from_secs(1_700_000_000);
    /// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
    ///
    /// assert_eq!(header.typ(), Some("at+jwt"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn typ(&self) -> Option<&'a str> {
        self.typ
    }

    /// The `cty` parameter, if present.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// # let now = Duration::from_secs(1_700_000_000);
    /// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
    ///
    /// assert_eq!(header.cty(), None);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn cty(&self) -> Option<&'a str> {
        self.cty
    }

    /// The whole header as JSON text (with unneeded escapes removed).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// let token = encode_into(&EncodeHeader::new().kid("k1"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// # let now = Duration::from_secs(1_700_000_000);
    /// let header = *verify(token, &key, &Validation::new(), now, &mut scratch)?.header();
    ///
    /// assert_eq!(header.json(), r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn json(&self) -> &'a str {
        self.json
    }
}

/// Offsets of the parameters the verifier reads, found while validating.
#[derive(Default)]
struct Found {
    alg: Option<Member>,
    kid: Option<Member>,
    typ: Option<Member>,
    cty: Option<Member>,
    crit: Option<Member>,
    b64: Option<Member>,
}

/// The header after structural parsing, before any key is involved.
pub(crate) struct Parsed {
    pub(crate) alg: Algorithm,
    kid: Option<(usize, usize)>,
    typ: Option<(usize, usize)>,
    cty: Option<(usize, usize)>,
    /// `b64: false` with `b64` listed in `crit` (RFC 7797): the payload is
    /// signed as raw bytes. Only the arbitrary-payload JWS entry points accept
    /// it; the JWT paths refuse it (RFC 7797 §7).
    pub(crate) unencoded: bool,
}

fn map_json(e: json::JsonError, part: Part) -> Error {
    Error::Token(match e {
        json::JsonError::Invalid => TokenError::Json(part),
        json::JsonError::Duplicate => TokenError::DuplicateMember(part),
        json::JsonError::Limit => TokenError::JsonLimit(part),
    })
}

/// Validates and canonicalizes a decoded header in place; applies every
/// header check that does not need the key.
pub(crate) fn parse(buf: &mut [u8], v: &Validation<'_>) -> Result<Parsed, Error> {
    let mut found = Found::default();
    let gated = json::gate(buf, &mut |m| {
        let slot = if m.is(buf, "alg") {
            &mut found.alg
        } else if m.is(buf, "kid") {
            &mut found.kid
        } else if m.is(buf, "typ") {
            &mut found.typ
        } else if m.is(buf, "cty") {
            &mut found.cty
        } else if m.is(buf, "crit") {
            &mut found.crit
        } else if m.is(buf, "b64") {
            &mut found.b64
        } else {
            return;
        };
        *slot = Some(*m);
    });
    let buf = json::canonical_text(buf, gated).map_err(|e| map_json(e, Part::Header))?.as_bytes();
    // A span outside `buf` would be a broken invariant of the gate: refuse the header.
    let value =
        |m: &Member| buf.get(m.value.0..m.value.1).map(|raw| Value { raw }).ok_or(Error::Header(HeaderError::Invalid));

    // alg: present, a string, not "none" in any case, known and allowed.
    let alg_member = found.alg.filter(|m| m.kind == Kind::String).ok_or(Error::Header(HeaderError::AlgMissing))?;
    let alg_text = value(&alg_member)?.as_str().unwrap_or("");
    if alg_text.eq_ignore_ascii_case("none") {
        return Err(Error::Header(HeaderError::AlgNone));
    }
    let alg = Algorithm::from_name(alg_text).ok_or(Error::Header(HeaderError::AlgNotAllowed))?;
    if !v.allows(alg) {
        return Err(Error::Header(HeaderError::AlgNotAllowed));
    }

    let whole = Value { raw: buf };
    if let Some(crit) = &found.crit {
        check_crit(&value(crit)?, &whole, v)?;
    }
    let mut unencoded = false;
    if let Some(b64) = &found.b64 {
        let encoded = value(b64)?.as_bool().ok_or(Error::Header(HeaderError::Invalid))?;
        let listed =
            found.crit.is_some_and(|c| value(&c).is_ok_and(|v| v.elements().any(|e| e.as_str() == Some("b64"))));
        // RFC 7797 §6: `b64` must be understood and processed, so it must be
        // critical; an unlisted `b64: false` keeps the refusal it always had.
        if !listed {
            return Err(Error::Header(if encoded { HeaderError::CritInvalid } else { HeaderError::B64Unsupported }));
        }
        unencoded = !encoded;
    }

    let string_span = |m: Option<Member>| -> Result<Option<(usize, usize)>, Error> {
        match m {
            None => Ok(None),
            Some(m) if m.kind == Kind::String => {
                let content = value(&m)?.str_content().ok_or(Error::Header(HeaderError::Invalid))?;
                let start = m.value.0.saturating_add(1);
                Ok(Some((start, start.saturating_add(content.len()))))
            }
            Some(_) => Err(Error::Header(HeaderError::Invalid)),
        }
    };
    let parsed = Parsed {
        alg,
        kid: string_span(found.kid)?,
        typ: string_span(found.typ)?,
        cty: string_span(found.cty)?,
        unencoded,
    };

    if let Some(expected) = v.typ {
        let actual = match parsed.typ {
            Some((s, e)) => buf.get(s..e).ok_or(Error::Header(HeaderError::Invalid))?,
            None => &[],
        };
        if !typ_matches(actual, expected) {
            return Err(Error::Claim { claim: Claim::Typ, reason: Reason::Mismatch });
        }
    }
    Ok(parsed)
}

impl Parsed {
    /// The `kid` text, borrowing from the header buffer.
    pub(crate) fn kid<'a>(&self, buf: &'a [u8]) -> Option<&'a str> {
        self.kid.and_then(|(s, e)| core::str::from_utf8(buf.get(s..e)?).ok())
    }

    /// The public view, once the header buffer is no longer mutated.
    pub(crate) fn view<'a>(&self, buf: &'a [u8]) -> Result<Header<'a>, Error> {
        // One UTF-8 check for the whole header; the spans lie between ASCII quotes, so slicing
        // the text there only checks char boundaries.
        let json = core::str::from_utf8(buf).map_err(|_| Error::Token(TokenError::Json(Part::Header)))?;
        let text = |span: Option<(usize, usize)>| span.and_then(|(s, e)| json.get(s..e));
        Ok(Header { alg: self.alg, kid: text(self.kid), typ: text(self.typ), cty: text(self.cty), json })
    }
}

/// RFC 7515 §4.1.11: a non-empty array of distinct strings, each naming a
/// parameter present in the header and not registered; every one must be
/// understood by the caller (or be `b64`, which every verifier understands:
/// the JWS entry points process it, the JWT ones refuse `b64: false`).
fn check_crit(crit: &Value<'_>, header: &Value<'_>, v: &Validation<'_>) -> Result<(), Error> {
    let invalid = Error::Header(HeaderError::CritInvalid);
    if crit.kind() != Some(Kind::Array) {
        return Err(invalid);
    }
    let mut any = false;
    let mut unsupported = false;
    for (i, name) in crit.elements().enumerate() {
        any = true;
        let name = name.str_content().ok_or(invalid)?;
        if REGISTERED.iter().any(|r| json::raw_eq_str(name, r)) {
            return Err(invalid);
        }
        if !header.members().any(|(k, _)| json::raw_eq_raw(k, name)) {
            return Err(invalid);
        }
        if crit.elements().take(i).any(|earlier| earlier.str_content().is_some_and(|e| json::raw_eq_raw(e, name))) {
            return Err(invalid);
        }
        let understood = json::raw_eq_str(name, "b64") || v.crit.iter().any(|c| json::raw_eq_str(name, c));
        unsupported |= !understood;
    }
    if !any {
        return Err(invalid);
    }
    if unsupported {
        return Err(Error::Header(HeaderError::CritUnsupported));
    }
    Ok(())
}

/// `typ` comparison per RFC 7515 §4.1.9: media types are case-insensitive
/// and the `application/` prefix may be omitted.
pub(crate) fn typ_matches(actual: &[u8], expected: &str) -> bool {
    fn strip(t: &[u8]) -> &[u8] {
        const PREFIX: &[u8] = b"application/";
        match t.split_at_checked(PREFIX.len()) {
            Some((p, rest)) if p.eq_ignore_ascii_case(PREFIX) => rest,
            _ => t,
        }
    }
    strip(actual).eq_ignore_ascii_case(strip(expected.as_bytes()))
}

/// Options for the header [`encode_into`](crate::encode_into) writes.
///
/// ```
/// use jwtcore::EncodeHeader;
/// let h = EncodeHeader::new().typ("at+jwt").kid("2024-05");
/// # let _ = h;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct EncodeHeader<'a> {
    pub(crate) typ: Option<&'a str>,
    pub(crate) kid: Option<&'a str>,
    pub(crate) cty: Option<&'a str>,
    pub(crate) use_key_kid: bool,
}

impl Default for EncodeHeader<'_> {
    fn default() -> Self {
        EncodeHeader::new()
    }
}

impl<'a> EncodeHeader<'a> {
    /// `typ: "JWT"`, the key's `kid` if it has one, no `cty`.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?.with_kid("from-key")?;
    /// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert_eq!(decode_header(token, &mut buf)?, r#"{"alg":"HS256","typ":"JWT","kid":"from-key"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub const fn new() -> Self {
        EncodeHeader { typ: Some("JWT"), kid: None, cty: None, use_key_kid: true }
    }

    /// Sets `typ`.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// let token = encode_into(&EncodeHeader::new().typ("at+jwt"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert_eq!(decode_header(token, &mut buf)?, r#"{"alg":"HS256","typ":"at+jwt"}"#); // RFC 9068 access token
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn typ(mut self, typ: &'a str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Omits `typ`.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// let token = encode_into(&EncodeHeader::new().no_typ(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert_eq!(decode_header(token, &mut buf)?, r#"{"alg":"HS256"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn no_typ(mut self) -> Self {
        self.typ = None;
        self
    }

    /// Sets `kid`, overriding the key's own.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?.with_kid("from-key")?;
    /// let token = encode_into(&EncodeHeader::new().kid("override"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert_eq!(decode_header(token, &mut buf)?, r#"{"alg":"HS256","typ":"JWT","kid":"override"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn kid(mut self, kid: &'a str) -> Self {
        self.kid = Some(kid);
        self
    }

    /// Omits `kid` even if the key has one.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?.with_kid("from-key")?;
    /// let token = encode_into(&EncodeHeader::new().no_kid(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert_eq!(decode_header(token, &mut buf)?, r#"{"alg":"HS256","typ":"JWT"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn no_kid(mut self) -> Self {
        self.kid = None;
        self.use_key_kid = false;
        self
    }

    /// Sets `cty`.
    ///
    /// ```
    /// # use jwtcore::{dangerous::decode_header, encode_into, Algorithm, EncodeHeader, Key};
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let mut buf = [0u8; 128];
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// let token = encode_into(&EncodeHeader::new().cty("example"), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    ///
    /// assert!(decode_header(token, &mut buf)?.contains(r#""cty":"example""#));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    #[must_use]
    pub const fn cty(mut self, cty: &'a str) -> Self {
        self.cty = Some(cty);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    fn run(h: &str, v: &Validation<'_>) -> Result<Algorithm, Error> {
        let mut buf = [0u8; 512];
        buf[..h.len()].copy_from_slice(h.as_bytes());
        parse(&mut buf[..h.len()], v).map(|p| p.alg)
    }

    #[test]
    fn alg_rules() {
        let v = Validation::new();
        assert_eq!(run(r#"{"alg":"HS256"}"#, &v), Ok(Algorithm::Hs256));
        assert_eq!(run(r#"{"alg":"HS\u0032\u0035\u0036"}"#, &v), Ok(Algorithm::Hs256));
        assert_eq!(run(r#"{"\u0061lg":"ES256"}"#, &v), Ok(Algorithm::Es256));
        for none in ["none", "None", "NONE", "nOnE"] {
            let h = format!(r#"{{"alg":"{none}"}}"#);
            assert_eq!(run(&h, &v), Err(Error::Header(HeaderError::AlgNone)));
        }
        assert_eq!(run(r#"{"typ":"JWT"}"#, &v), Err(Error::Header(HeaderError::AlgMissing)));
        assert_eq!(run(r#"{"alg":256}"#, &v), Err(Error::Header(HeaderError::AlgMissing)));
        assert_eq!(run(r#"{"alg":"RS256"}"#, &v), Ok(Algorithm::Rs256));
        assert_eq!(run(r#"{"alg":"RS1"}"#, &v), Err(Error::Header(HeaderError::AlgNotAllowed)));
        let only_es = Validation::new().algorithms(&[Algorithm::Es256]);
        assert_eq!(run(r#"{"alg":"HS256"}"#, &only_es), Err(Error::Header(HeaderError::AlgNotAllowed)));
        assert_eq!(
            run(r#"{"alg":"none","alg":"HS256"}"#, &v),
            Err(Error::Token(TokenError::DuplicateMember(Part::Header)))
        );
    }

    #[test]
    fn crit_rules() {
        let v = Validation::new();
        let e = |h: &str| run(h, &v).err();
        let invalid = Some(Error::Header(HeaderError::CritInvalid));
        assert_eq!(e(r#"{"alg":"HS256","crit":[],"x":1}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":"x","x":1}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":["x"]}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":["alg"]}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":["x","x"],"x":1}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":[1],"x":1}"#), invalid);
        assert_eq!(e(r#"{"alg":"HS256","crit":["x"],"x":1}"#), Some(Error::Header(HeaderError::CritUnsupported)));
        let knows_x = Validation::new().critical_extensions(&["x"]);
        assert_eq!(run(r#"{"alg":"HS256","crit":["x"],"x":1}"#, &knows_x), Ok(Algorithm::Hs256));
        // Listed in `crit`, `b64: false` parses; which entry points accept it is verify.rs's call.
        let mut h = *br#"{"alg":"HS256","crit":["b64"],"b64":false}"#;
        assert!(parse(&mut h, &v).is_ok_and(|p| p.unencoded));
        let mut h = *br#"{"alg":"HS256","crit":["b64"],"b64":true}"#;
        assert!(parse(&mut h, &v).is_ok_and(|p| !p.unencoded));
        assert_eq!(e(r#"{"alg":"HS256","b64":false}"#), Some(Error::Header(HeaderError::B64Unsupported)));
        assert_eq!(e(r#"{"alg":"HS256","crit":["b64"],"b64":0}"#), Some(Error::Header(HeaderError::Invalid)));
        assert_eq!(e(r#"{"alg":"HS256","b64":true}"#), invalid);
        assert_eq!(run(r#"{"alg":"HS256","crit":["b64"],"b64":true}"#, &v), Ok(Algorithm::Hs256));
    }

    #[test]
    fn typ_and_param_types() {
        let v = Validation::new().typ("JWT");
        assert!(run(r#"{"alg":"HS256","typ":"jwt"}"#, &v).is_ok());
        assert!(run(r#"{"alg":"HS256","typ":"application/JWT"}"#, &v).is_ok());
        let mismatch = Some(Error::Claim { claim: Claim::Typ, reason: Reason::Mismatch });
        assert_eq!(run(r#"{"alg":"HS256","typ":"at+jwt"}"#, &v).err(), mismatch);
        assert_eq!(run(r#"{"alg":"HS256"}"#, &v).err(), mismatch);
        let plain = Validation::new();
        assert_eq!(run(r#"{"alg":"HS256","kid":7}"#, &plain).err(), Some(Error::Header(HeaderError::Invalid)));
        assert_eq!(run(r#"{"alg":"HS256","typ":null}"#, &plain).err(), Some(Error::Header(HeaderError::Invalid)));
        assert!(run(r#"{"alg":"HS256","jku":"https://evil","jwk":{"kty":"oct"},"x":[1]}"#, &plain).is_ok());
    }
}
