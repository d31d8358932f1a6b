//! Reading tokens without verifying them. Everything here is unsafe to act on.
//!
//! These exist for routing and debugging (which key? which issuer?) and for
//! PyJWT's `verify_signature: False`. The header and payload are still
//! parsed with every structural check, so a token accepted here is at least
//! well-formed; nothing about who made it is known.

use core::time::Duration;

use crate::claims::{self, RegisteredClaims};
use crate::compact::{self, Compact};
use crate::error::{Error, Part, TokenError};
use crate::json;
use crate::validation::Validation;

mod header_rules;

pub use header_rules::{UnverifiedHeaderRule, check_unverified_header};

/// An unverified token's header and payload, borrowing from the scratch
/// buffer.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
/// # let mut out = [0u8; 256];
/// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
/// use jwtcore::dangerous::decode_unverified;
/// let mut scratch = [0u8; 256];
/// let now = Duration::from_secs(1_700_000_000);
/// let unverified = decode_unverified(token, None, now, &mut scratch)?;
/// // Route on the issuer, then verify with that issuer's keys.
/// assert!(unverified.payload_json().contains(r#""iss":"https://id.example""#));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Unverified<'b> {
    header: &'b str,
    payload: &'b str,
    claims: Option<RegisteredClaims<'b>>,
}

impl<'b> Unverified<'b> {
    /// The header JSON (unneeded escapes removed).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
    /// use jwtcore::dangerous::decode_unverified;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// let unverified = decode_unverified(token, None, now, &mut scratch)?;
    /// assert_eq!(unverified.header_json(), r#"{"alg":"HS256","typ":"JWT","kid":"k7"}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn header_json(&self) -> &'b str {
        self.header
    }

    /// The payload JSON (unneeded escapes removed).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
    /// use jwtcore::dangerous::decode_unverified;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// let unverified = decode_unverified(token, None, now, &mut scratch)?;
    /// assert_eq!(unverified.payload_json(), r#"{"iss":"https://id.example","exp":2000000000}"#);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn payload_json(&self) -> &'b str {
        self.payload
    }

    /// The registered claims, when a validation was requested.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
    /// use jwtcore::dangerous::decode_unverified;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// use jwtcore::Validation;
    /// assert!(decode_unverified(token, None, now, &mut scratch)?.claims().is_none());
    /// let validation = Validation::new();
    /// let checked = decode_unverified(token, Some(&validation), now, &mut scratch)?;
    /// assert_eq!(checked.claims().unwrap().iss, Some("https://id.example"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn claims(&self) -> Option<&RegisteredClaims<'b>> {
        self.claims.as_ref()
    }

    /// Deserializes the payload into your own type.
    ///
    /// # Errors
    /// [`Error::Deserialize`] if it does not fit `T`.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
    /// # let mut out = [0u8; 256];
    /// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
    /// use jwtcore::dangerous::decode_unverified;
    /// let mut scratch = [0u8; 256];
    /// let now = Duration::from_secs(1_700_000_000);
    /// let unverified = decode_unverified(token, None, now, &mut scratch)?;
    /// #[derive(serde::Deserialize)]
    /// struct Routing<'a> { iss: &'a str }
    /// let routing: Routing = unverified.deserialize()?;
    /// assert_eq!(routing.iss, "https://id.example");
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn deserialize<T: serde::Deserialize<'b>>(&self) -> Result<T, Error> {
        crate::verify::deserialize(self.payload, &json::Index::unused())
    }
}

fn parse_part(buf: &mut [u8], part: Part) -> Result<(), Error> {
    let summary = json::validate(buf, &mut |_| {}).map_err(|e| {
        Error::Token(match e {
            json::JsonError::Invalid => TokenError::Json(part),
            json::JsonError::Duplicate => TokenError::DuplicateMember(part),
            json::JsonError::Limit => TokenError::JsonLimit(part),
        })
    })?;
    if summary.has_escapes {
        json::canonicalize_strings(buf);
    }
    Ok(())
}

/// Decodes only the header of a compact token, without verifying anything
/// (PyJWT's `get_unverified_header`, jose's `decodeProtectedHeader`).
///
/// # Errors
/// Structural errors of the token and the header.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
/// # let mut out = [0u8; 256];
/// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
/// use jwtcore::dangerous::decode_unverified;
/// let mut scratch = [0u8; 256];
/// let now = Duration::from_secs(1_700_000_000);
/// use jwtcore::dangerous::decode_header;
/// let mut buf = [0u8; 128];
/// // Which key? Look at `kid` before choosing one (then verify with it).
/// assert!(decode_header(token, &mut buf)?.contains(r#""kid":"k7""#));
/// assert!(decode_header("!!.e30.", &mut buf).is_err());
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn decode_header<'b>(token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    // Only the first segment is read, so a JWE's protected header decodes too (jose's
    // `decodeProtectedHeader` does the same); the cap is the crate's one default.
    if token.len() > crate::validation::DEFAULT_MAX_TOKEN_LEN {
        return Err(Error::Token(TokenError::TooLong));
    }
    let h64 = token.split_once('.').map_or(token, |(h, _)| h);
    let h = compact::decode_segment(h64, Part::Header, buf)?;
    parse_part(h, Part::Header)?;
    let h: &'b [u8] = h;
    core::str::from_utf8(h).map_err(|_| Error::Token(TokenError::Json(Part::Header)))
}

/// A compact JWS decoded without verifying anything: header JSON, payload
/// bytes and signature bytes, borrowing from the scratch buffer.
///
/// ```
/// use jwtcore::dangerous::decode_jws_unverified;
/// let mut scratch = [0u8; 64];
/// let jws = decode_jws_unverified("eyJhbGciOiJIUzI1NiJ9.aGk.c2ln", 1024, &mut scratch)?;
/// assert_eq!(jws.header_json(), r#"{"alg":"HS256"}"#);
/// assert_eq!(jws.payload(), b"hi");
/// assert_eq!(jws.signature(), b"sig");
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct UnverifiedJws<'b> {
    header: &'b str,
    payload: &'b [u8],
    signature: &'b [u8],
}

impl<'b> UnverifiedJws<'b> {
    /// The header JSON (unneeded escapes removed).
    pub fn header_json(&self) -> &'b str {
        self.header
    }

    /// The decoded payload (any bytes; not parsed).
    pub fn payload(&self) -> &'b [u8] {
        self.payload
    }

    /// The decoded signature (not checked).
    pub fn signature(&self) -> &'b [u8] {
        self.signature
    }
}

/// Decodes a compact JWS with any payload **without checking its
/// signature** (PyJWS with `verify_signature=False`). The structure is
/// checked as the verifier checks it ([`Compact::split`] with `max_len`),
/// the three segments must be canonical base64url and the header a strict
/// JSON object; the payload is not required to be JSON. `buf` needs at most
/// `token.len()` bytes.
///
/// # Errors
/// The structural, base64 and header-JSON errors of [`verify_jws`](crate::verify_jws),
/// [`Error::BufferTooSmall`].
///
/// ```
/// use jwtcore::dangerous::decode_jws_unverified;
/// use jwtcore::{Error, Part, TokenError};
/// let mut scratch = [0u8; 64];
/// let err = decode_jws_unverified("eyJhbGciOiJIUzI1NiJ9.aGk.c2ln=", 1024, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Token(TokenError::Base64(Part::Signature)));
/// ```
pub fn decode_jws_unverified<'b>(token: &str, max_len: usize, buf: &'b mut [u8]) -> Result<UnverifiedJws<'b>, Error> {
    let parts = Compact::split(token, max_len)?;
    let head = compact::decode_segment(parts.header_b64(), Part::Header, buf)?;
    let header_len = head.len();
    parse_part(head, Part::Header)?;
    let (head, rest) = buf.split_at_mut_checked(header_len).ok_or(Error::BufferTooSmall { needed: header_len })?;
    let payload_len = compact::decode_segment(parts.payload_b64(), Part::Payload, rest)?.len();
    let (payload, rest) =
        rest.split_at_mut_checked(payload_len).ok_or(Error::BufferTooSmall { needed: payload_len })?;
    let signature = compact::decode_segment(parts.signature_b64(), Part::Signature, rest)?;
    let head: &'b [u8] = head;
    Ok(UnverifiedJws {
        header: core::str::from_utf8(head).map_err(|_| Error::Token(TokenError::Json(Part::Header)))?,
        payload,
        signature,
    })
}

/// Strictly base64url-decodes one token segment (for example a signature a
/// binding returns as bytes) into `out`; returns the decoded length.
///
/// ```
/// let mut out = [0u8; 8];
/// assert_eq!(jwtcore::dangerous::decode_segment("AQID", &mut out), Ok(3));
/// assert!(jwtcore::dangerous::decode_segment("AQID=", &mut out).is_err());
/// ```
///
/// # Errors
/// [`TokenError::Base64`] (signature part) for non-canonical input,
/// [`Error::BufferTooSmall`].
pub fn decode_segment(segment: &str, out: &mut [u8]) -> Result<usize, Error> {
    compact::decode_segment(segment, Part::Signature, out).map(|d| d.len())
}

/// Decodes a compact JWT **without checking its signature**. With
/// `validation`, the claims are still validated at `now` (PyJWT applies its
/// `verify_exp` etc. this way when `verify_signature` is off); the header's
/// `alg` is not checked.
///
/// # Errors
/// Structural errors, and claim errors when `validation` is given.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, Algorithm, EncodeHeader, Key};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # #[derive(serde::Serialize)] struct C<'a> { iss: &'a str, exp: u64 }
/// # let mut out = [0u8; 256];
/// # let token = encode_into(&EncodeHeader::new().kid("k7"), &C { iss: "https://id.example", exp: 2_000_000_000 }, &key, &mut out)?;
/// use jwtcore::dangerous::decode_unverified;
/// let mut scratch = [0u8; 256];
/// let now = Duration::from_secs(1_700_000_000);
/// use jwtcore::{Claim, Error, Reason, Validation};
/// let unverified = decode_unverified(token, None, now, &mut scratch)?;
/// assert!(unverified.payload_json().contains("exp"));
/// // With a validation, claims are still checked (but never the signature).
/// let later = Duration::from_secs(2_100_000_000);
/// let err = decode_unverified(token, Some(&Validation::new()), later, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Claim { claim: Claim::Exp, reason: Reason::Expired });
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn decode_unverified<'b>(
    token: &str,
    validation: Option<&Validation<'_>>,
    now: Duration,
    buf: &'b mut [u8],
) -> Result<Unverified<'b>, Error> {
    let max = validation.map_or(crate::validation::DEFAULT_MAX_TOKEN_LEN, |v| v.max_token_len);
    let parts = Compact::split(token, max)?;
    let hn = compact::decode_segment(parts.header_b64(), Part::Header, buf)?.len();
    let (head, rest) = buf.split_at_mut_checked(hn).ok_or(Error::BufferTooSmall { needed: hn })?;
    parse_part(head, Part::Header)?;
    let payload = compact::decode_segment(parts.payload_b64(), Part::Payload, rest)?;
    let (payload, claims) = match validation {
        Some(v) => {
            let checked = claims::check(payload, v, now)?;
            (checked.text, Some(checked.claims))
        }
        None => {
            parse_part(payload, Part::Payload)?;
            let payload: &'b [u8] = payload;
            (core::str::from_utf8(payload).map_err(|_| Error::Token(TokenError::Json(Part::Payload)))?, None)
        }
    };
    let head: &'b [u8] = head;
    Ok(Unverified {
        header: core::str::from_utf8(head).map_err(|_| Error::Token(TokenError::Json(Part::Header)))?,
        payload,
        claims,
    })
}
