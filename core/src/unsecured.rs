//! Producing Unsecured JWSs (RFC 7515 Appendix A.5, RFC 7519 §6): `alg:
//! "none"` and an empty signature, `base64url(header).base64url(payload).`.
//!
//! Both bindings make them for API compatibility (PyJWT's
//! `encode(..., algorithm="none")`, jose's `UnsecuredJWT`), so the rules for
//! what such a token may carry live here, once. Nothing in this crate ever
//! *accepts* one: every verifying entry point refuses `alg: none` in any
//! letter case ([`HeaderError::AlgNone`]), whatever the allow-list or key.
//! The only way to read one is [`dangerous`](crate::dangerous), which
//! verifies nothing.

use crate::b64;
use crate::dangerous::check_unverified_header;
use crate::error::{Error, HeaderError, Part, TokenError};
use crate::json::{self, Cursor, Value};

/// The length of the Unsecured JWS of a `header_len`-byte header and a
/// `payload_len`-byte payload: a buffer this long always fits
/// [`encode_into`]'s output.
///
/// ```
/// assert_eq!(jwtcore::unsecured::token_len(15, 2), 20 + 1 + 3 + 1);
/// ```
pub const fn token_len(header_len: usize, payload_len: usize) -> usize {
    b64::encoded_len(header_len).saturating_add(b64::encoded_len(payload_len)).saturating_add(2)
}

/// Writes the Unsecured JWS of `header_json` and `payload` into `out`:
/// `base64url(header_json) "." base64url(payload) "."`.
///
/// `header_json` must be a strict JSON object whose `alg` is the string
/// `"none"` (exactly; RFC 7518 §3.6), with a string `kid` if any and a `crit`
/// a reader could act on (the rules of
/// [`check_unverified_header`]).
/// `payload` is any non-empty bytes (a JWT's claims are its JSON), always
/// base64url-encoded: `b64: false` (RFC 7797) is refused, since no reader
/// would know the payload's end. So every token this makes splits and
/// decodes as a compact JWS, and every verifier refuses it.
///
/// ```
/// use jwtcore::unsecured::{encode_into, token_len};
/// let (header, claims) = (br#"{"alg":"none"}"#, br#"{"sub":"a"}"#);
/// let mut out = vec![0u8; token_len(header.len(), claims.len())];
/// let token = encode_into(header, claims, &mut out)?;
/// assert_eq!(token, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.");
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`TokenError::Json`] (`Part::Header`) for a header that is not a strict
/// JSON object; [`HeaderError::AlgMissing`] for no string `alg`,
/// [`HeaderError::AlgNotAllowed`] for any `alg` but `"none"` (this makes no
/// signature, so it must not claim one); [`HeaderError::Invalid`],
/// [`HeaderError::CritInvalid`] or [`HeaderError::CritUnsupported`] for a
/// `kid`/`crit` no reader could act on; [`HeaderError::B64Unsupported`] for
/// `b64: false`; [`TokenError::Segments`] for an empty payload (a token with
/// an empty payload segment is malformed); [`Error::BufferTooSmall`].
///
/// ```
/// use jwtcore::unsecured::encode_into;
/// use jwtcore::{Error, HeaderError, TokenError};
/// let mut out = [0u8; 128];
/// let e = |h: &[u8], p: &[u8], out: &mut [u8]| encode_into(h, p, out).unwrap_err();
/// assert_eq!(e(br#"{"alg":"HS256"}"#, b"{}", &mut out), Error::Header(HeaderError::AlgNotAllowed));
/// assert_eq!(e(br#"{"alg":"None"}"#, b"{}", &mut out), Error::Header(HeaderError::AlgNotAllowed));
/// assert_eq!(e(br#"{"typ":"JWT"}"#, b"{}", &mut out), Error::Header(HeaderError::AlgMissing));
/// assert_eq!(e(br#"{"alg":"none"}"#, b"", &mut out), Error::Token(TokenError::Segments));
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn encode_into<'o>(header_json: &[u8], payload: &[u8], out: &'o mut [u8]) -> Result<&'o str, Error> {
    check_header(header_json)?;
    if payload.is_empty() {
        return Err(Error::Token(TokenError::Segments));
    }
    let mut cur = Cursor::new(out);
    cur.put_b64(header_json)?;
    cur.put(b".")?;
    cur.put_b64(payload)?;
    cur.put(b".")?;
    let token: &'o [u8] = cur.into_written();
    core::str::from_utf8(token).map_err(|_| Error::Serialize)
}

/// The header rules of [`encode_into`].
fn check_header(header_json: &[u8]) -> Result<(), Error> {
    let text = core::str::from_utf8(header_json).map_err(|_| Error::Token(TokenError::Json(Part::Header)))?;
    check_unverified_header(text).map_err(|rule| rule.error())?;
    // `check_unverified_header` has validated the object, so its members can be walked.
    let header = Value { raw: header_json.trim_ascii() };
    let member = |name: &str| header.members().find(|(k, _)| json::raw_eq_str(k, name)).map(|(_, v)| v);
    let alg = member("alg").and_then(|alg| alg.str_content()).ok_or(Error::Header(HeaderError::AlgMissing))?;
    if !json::raw_eq_str(alg, "none") {
        return Err(Error::Header(HeaderError::AlgNotAllowed));
    }
    match member("b64").map(|b64| b64.as_bool()) {
        None | Some(Some(true)) => Ok(()),
        Some(Some(false)) => Err(Error::Header(HeaderError::B64Unsupported)),
        Some(None) => Err(Error::Header(HeaderError::Invalid)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::time::Duration;

    fn make(header: &str, payload: &[u8]) -> Result<std::string::String, Error> {
        let mut out = std::vec![0u8; token_len(header.len(), payload.len())];
        encode_into(header.as_bytes(), payload, &mut out).map(std::string::String::from)
    }

    #[test]
    fn makes_header_payload_and_an_empty_signature() {
        let token = make(r#"{"alg":"none","typ":"JWT"}"#, br#"{"sub":"a"}"#).unwrap();
        let (h, rest) = token.split_once('.').unwrap();
        let (p, s) = rest.split_once('.').unwrap();
        let mut buf = [0u8; 64];
        assert_eq!(
            crate::compact::decode_segment(h, Part::Header, &mut buf).unwrap(),
            br#"{"alg":"none","typ":"JWT"}"#
        );
        assert_eq!(crate::compact::decode_segment(p, Part::Payload, &mut buf).unwrap(), br#"{"sub":"a"}"#);
        assert_eq!(s, "");
        // An escaped spelling of "none" is still "none".
        assert!(make(r#"{"alg":"n\u006fne"}"#, b"x").is_ok());
        // Arbitrary payload bytes (PyJWS) are base64url like any other.
        assert!(make(r#"{"alg":"none"}"#, b"\xff\x00.").unwrap().ends_with("._wAu."));
    }

    #[test]
    fn header_rules() {
        let h = |header: &str| make(header, b"{}").map(|_| ()).map_err(|e| e.code());
        assert_eq!(h(r#"{"alg":"none","kid":"k1","b64":true,"crit":["b64"]}"#), Ok(()));
        assert_eq!(h(r#"{"alg":"NONE"}"#), Err("alg_not_allowed"));
        assert_eq!(h(r#"{"alg":"ES256"}"#), Err("alg_not_allowed"));
        assert_eq!(h(r#"{"alg":null}"#), Err("alg_missing"));
        assert_eq!(h(r#"{}"#), Err("alg_missing"));
        assert_eq!(h(r#"{"alg":"none","kid":1}"#), Err("header_invalid"));
        assert_eq!(h(r#"{"alg":"none","crit":[]}"#), Err("crit_invalid"));
        assert_eq!(h(r#"{"alg":"none","crit":["x"],"x":1}"#), Err("crit_unsupported"));
        assert_eq!(h(r#"{"alg":"none","b64":false,"crit":["b64"]}"#), Err("b64_unsupported"));
        assert_eq!(h(r#"{"alg":"none","b64":"no"}"#), Err("header_invalid"));
        assert_eq!(h(r#"{"alg":"none","alg":"none"}"#), Err("malformed_json"));
        assert_eq!(h("[]"), Err("malformed_json"));
        assert_eq!(make("{\"alg\":\"none\"}", b"").unwrap_err(), Error::Token(TokenError::Segments));
        let mut out = [0u8; 64];
        assert_eq!(encode_into(b"\xff", b"{}", &mut out).unwrap_err().code(), "malformed_json");
    }

    #[test]
    fn short_buffer_is_an_error_not_a_panic() {
        let mut out = [0u8; 10];
        assert!(matches!(encode_into(br#"{"alg":"none"}"#, b"{}", &mut out), Err(Error::BufferTooSmall { .. })));
    }

    #[test]
    fn every_verifier_refuses_what_this_makes() {
        use crate::{Algorithm, Key, Validation};
        let token = make(r#"{"alg":"none","typ":"JWT"}"#, br#"{"exp":2000000000}"#).unwrap();
        let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long").unwrap();
        let now = Duration::from_secs(1_700_000_000);
        let mut scratch = [0u8; 256];
        let refused = Error::Header(HeaderError::AlgNone);
        assert_eq!(crate::verify(&token, &key, &Validation::new(), now, &mut scratch).unwrap_err(), refused);
        assert_eq!(crate::verify_jws(&token, &key, &Validation::new(), &mut scratch).unwrap_err(), refused);
        // Read without verification, it is what was written.
        let read = crate::dangerous::decode_unverified(&token, None, now, &mut scratch).unwrap();
        assert_eq!(read.payload_json(), r#"{"exp":2000000000}"#);
    }
}
