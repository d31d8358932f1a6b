//! The header rules that hold even when nothing is verified: a caller that
//! reads an unverified header (to pick a key by `kid`, or to show it) still
//! gets `kid` as a string and a `crit` list it can act on. PyJWT applies the
//! same rules to its unverified reads; the Python binding reports them with
//! PyJWT's messages, naming the extension this module returns.

use crate::error::{Error, HeaderError, Part, TokenError};
use crate::json::{self, Kind, Value};

/// A header rule broken, as found by [`check_unverified_header`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnverifiedHeaderRule<'h> {
    /// The header is not a strict JSON object (duplicate members, depth or
    /// size limits included).
    NotAnObject,
    /// `kid` is present but not a string.
    KidNotString,
    /// `crit` is present but not a non-empty array.
    CritNotNonEmptyArray,
    /// An element of `crit` is not a string.
    CritElementNotString,
    /// `crit` names an extension this crate does not process (anything but
    /// `b64`, RFC 7797): a recipient must refuse the token (RFC 7515 §4.1.11).
    CritUnsupported(&'h str),
    /// `crit` names an extension the header does not carry.
    CritMissing(&'h str),
}

impl UnverifiedHeaderRule<'_> {
    /// The error a verifying call gives for the same header, with its stable
    /// [`code`](Error::code).
    ///
    /// ```
    /// use jwtcore::dangerous::{check_unverified_header, UnverifiedHeaderRule};
    /// let rule = check_unverified_header(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#).unwrap_err();
    /// assert_eq!(rule, UnverifiedHeaderRule::CritUnsupported("exp"));
    /// assert_eq!(rule.error().code(), "crit_unsupported");
    /// ```
    pub fn error(&self) -> Error {
        match self {
            UnverifiedHeaderRule::NotAnObject => Error::Token(TokenError::Json(Part::Header)),
            UnverifiedHeaderRule::KidNotString => Error::Header(HeaderError::Invalid),
            UnverifiedHeaderRule::CritUnsupported(_) => Error::Header(HeaderError::CritUnsupported),
            UnverifiedHeaderRule::CritNotNonEmptyArray
            | UnverifiedHeaderRule::CritElementNotString
            | UnverifiedHeaderRule::CritMissing(_) => Error::Header(HeaderError::CritInvalid),
        }
    }
}

/// Checks the rules an unverified header must still follow: `kid`, when
/// present, is a string; `crit`, when present, is a non-empty array of
/// strings, each naming an extension this crate processes (`b64`) that the
/// header carries. The first rule broken is returned, in that order.
///
/// The verifying entry points apply these rules and stricter ones (no
/// registered names or duplicates in `crit`, extensions the caller declares
/// understood); this is for code that reads a header without verifying it,
/// such as [`decode_jws_unverified`](super::decode_jws_unverified)'s.
///
/// ```
/// use jwtcore::dangerous::{check_unverified_header, UnverifiedHeaderRule};
/// assert_eq!(check_unverified_header(r#"{"alg":"HS256","kid":"k1"}"#), Ok(()));
/// assert_eq!(check_unverified_header(r#"{"alg":"HS256","kid":7}"#), Err(UnverifiedHeaderRule::KidNotString));
/// assert_eq!(
///     check_unverified_header(r#"{"alg":"HS256","crit":["b64"]}"#),
///     Err(UnverifiedHeaderRule::CritMissing("b64"))
/// );
/// ```
///
/// # Errors
/// The [`UnverifiedHeaderRule`] broken.
pub fn check_unverified_header(header_json: &str) -> Result<(), UnverifiedHeaderRule<'_>> {
    let raw = header_json.as_bytes();
    json::validate(raw, &mut |_| {}).map_err(|_| UnverifiedHeaderRule::NotAnObject)?;
    let header = Value { raw: raw.trim_ascii() };
    let member = |name: &str| header.members().find(|(k, _)| json::raw_eq_str(k, name)).map(|(_, v)| v);
    if member("kid").is_some_and(|kid| kid.kind() != Some(Kind::String)) {
        return Err(UnverifiedHeaderRule::KidNotString);
    }
    let Some(crit) = member("crit") else { return Ok(()) };
    if crit.kind() != Some(Kind::Array) || crit.elements().next().is_none() {
        return Err(UnverifiedHeaderRule::CritNotNonEmptyArray);
    }
    for element in crit.elements() {
        let (Some(raw_name), Some(name)) = (element.str_content(), element.as_str()) else {
            return Err(UnverifiedHeaderRule::CritElementNotString);
        };
        if !json::raw_eq_str(raw_name, "b64") {
            return Err(UnverifiedHeaderRule::CritUnsupported(name));
        }
        if !header.members().any(|(k, _)| json::raw_eq_raw(k, raw_name)) {
            return Err(UnverifiedHeaderRule::CritMissing(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_in_order() {
        use UnverifiedHeaderRule as R;
        let cases: &[(&str, Result<(), R<'_>>)] = &[
            (r#"{"alg":"HS256"}"#, Ok(())),
            (r#" {"alg":"HS256","kid":"a","crit":["b64"],"b64":false} "#, Ok(())),
            (r#"{"alg":"HS256","crit":["b\u0036\u0034"],"b64":false}"#, Ok(())),
            (r#"{"alg":"HS256","kid":null}"#, Err(R::KidNotString)),
            (r#"{"kid":["a"],"crit":7}"#, Err(R::KidNotString)),
            (r#"{"alg":"HS256","crit":[]}"#, Err(R::CritNotNonEmptyArray)),
            (r#"{"alg":"HS256","crit":"b64","b64":false}"#, Err(R::CritNotNonEmptyArray)),
            (r#"{"alg":"HS256","crit":[1],"b64":false}"#, Err(R::CritElementNotString)),
            (r#"{"alg":"HS256","crit":["x"],"x":1}"#, Err(R::CritUnsupported("x"))),
            (r#"{"alg":"HS256","crit":["b64","x"],"b64":false}"#, Err(R::CritUnsupported("x"))),
            (r#"{"alg":"HS256","crit":["b64"]}"#, Err(R::CritMissing("b64"))),
            (r#"{"alg":"HS256","alg":"HS256"}"#, Err(R::NotAnObject)),
            ("[1]", Err(R::NotAnObject)),
            ("", Err(R::NotAnObject)),
        ];
        for (header, expected) in cases {
            assert_eq!(check_unverified_header(header), *expected, "{header}");
        }
    }

    #[test]
    fn codes_match_the_verifier() {
        assert_eq!(UnverifiedHeaderRule::KidNotString.error().code(), "header_invalid");
        assert_eq!(UnverifiedHeaderRule::CritMissing("b64").error().code(), "crit_invalid");
        assert_eq!(UnverifiedHeaderRule::CritElementNotString.error().code(), "crit_invalid");
        assert_eq!(UnverifiedHeaderRule::NotAnObject.error().code(), "malformed_json");
    }
}
