//! The compact serialization front end (RFC 7515 §7.1): the one place that
//! decides whether a string is shaped like a compact JWS and that maps
//! base64url failures to token errors. [`verify`](crate::verify), the
//! [`dangerous`](crate::dangerous) decoders and the bindings all start here,
//! so a token is refused for the same reason whichever door it came through.
//!
//! # The split rule
//!
//! In this order:
//! 1. at most `max_len` bytes, checked before anything is scanned
//!    ([`TokenError::TooLong`]);
//! 2. exactly two dots (three segments); four dots (five segments) is a JWE,
//!    which this crate does not decrypt ([`TokenError::Jwe`]); any other
//!    count is [`TokenError::Segments`];
//! 3. the header and the payload are non-empty ([`TokenError::Segments`]); the
//!    signature may be empty here (an unsecured `alg: none` token has none, and
//!    is then refused by the header rules, not by the shape).
//!
//! # The payload segment's shape
//!
//! Once the header has said the payload is base64url (no `b64: false`), the
//! verifier refuses a payload segment that cannot be base64url at all
//! ([`check_segment_shape`]: a length ≡ 1 mod 4, or a last character outside
//! the alphabet or with unused bits set) *before* the signature is checked,
//! as PyJWT does (`Invalid payload padding`). It is a check of the segment's
//! shape, O(1) and independent of its content: the content is still decoded
//! only after the signature has verified.
//!
//! # The length cap
//!
//! One policy: a verification uses its [`Validation`](crate::Validation)'s
//! `max_token_len`; every entry point without a `Validation`
//! ([`dangerous::decode_header`](crate::dangerous::decode_header),
//! [`dangerous::decode_unverified`](crate::dangerous::decode_unverified)
//! without one) uses [`DEFAULT_MAX_TOKEN_LEN`](crate::DEFAULT_MAX_TOKEN_LEN);
//! [`dangerous::decode_jws_unverified`](crate::dangerous::decode_jws_unverified)
//! takes the cap as an argument for bindings whose caller configured one.

use crate::b64;
use crate::error::{Error, Part, TokenError};

/// A compact JWS split into its three base64url segments; nothing decoded.
///
/// ```
/// use jwtcore::compact::Compact;
/// use jwtcore::{Error, TokenError};
///
/// let parts = Compact::split("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", 1024)?;
/// assert_eq!(parts.header_b64(), "eyJhbGciOiJIUzI1NiJ9");
/// assert_eq!(parts.payload_b64(), "e30");
/// assert_eq!(parts.signature_b64(), "c2ln");
/// assert_eq!(parts.signing_input(), b"eyJhbGciOiJIUzI1NiJ9.e30");
///
/// assert_eq!(Compact::split("a.b.c.d.e", 1024).unwrap_err(), Error::Token(TokenError::Jwe));
/// assert_eq!(Compact::split(".e30.c2ln", 1024).unwrap_err(), Error::Token(TokenError::Segments));
/// assert_eq!(Compact::split("a.b.c", 4).unwrap_err(), Error::Token(TokenError::TooLong));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compact<'t> {
    header: &'t str,
    payload: &'t str,
    signature: &'t str,
    signing_input: &'t str,
}

impl<'t> Compact<'t> {
    /// Splits `token` by [the rule](self#the-split-rule), refusing tokens
    /// longer than `max_len` bytes before looking at them.
    ///
    /// # Errors
    /// [`TokenError::TooLong`], [`TokenError::Jwe`], [`TokenError::Segments`].
    ///
    /// ```
    /// use jwtcore::compact::Compact;
    /// // An empty signature is a shape the header rules judge (`alg: none`), not the splitter.
    /// assert_eq!(Compact::split("eyJhbGciOiJub25lIn0.e30.", 64)?.signature_b64(), "");
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn split(token: &'t str, max_len: usize) -> Result<Self, Error> {
        let parts = Self::three_segments(token, max_len)?;
        if parts.payload.is_empty() {
            return Err(Error::Token(TokenError::Segments));
        }
        Ok(parts)
    }

    /// The rules both splitters share: the length cap, exactly three segments (four dots is the
    /// JWE compact form, RFC 7516 §7.1), a non-empty header. The payload may be empty here; each
    /// caller decides whether it must be.
    fn three_segments(token: &'t str, max_len: usize) -> Result<Self, Error> {
        if token.len() > max_len {
            return Err(Error::Token(TokenError::TooLong));
        }
        // Dots are ASCII, so every split below lands on a char boundary.
        let Some((signing_input, signature)) = token.rsplit_once('.') else {
            return Err(Error::Token(TokenError::Segments));
        };
        let Some((header, payload)) = signing_input.split_once('.') else {
            return Err(Error::Token(TokenError::Segments));
        };
        if payload.contains('.') {
            let dots = token.bytes().filter(|b| *b == b'.').count();
            return Err(Error::Token(if dots == 4 { TokenError::Jwe } else { TokenError::Segments }));
        }
        if header.is_empty() {
            return Err(Error::Token(TokenError::Segments));
        }
        Ok(Compact { header, payload, signature, signing_input })
    }

    /// Splits a token with a detached payload (RFC 7515 Appendix F): three
    /// segments whose middle one is empty, as `header..signature`. The same
    /// length cap and JWE/segment-count rules as [`split`](Self::split)
    /// apply; a non-empty payload segment is [`TokenError::Segments`]
    /// (the token is not detached, so use [`split`](Self::split)).
    ///
    /// The parts' [`signing_input`](Self::signing_input) is `header_b64 "."`:
    /// the verifier appends the payload it was given.
    ///
    /// # Errors
    /// [`TokenError::TooLong`], [`TokenError::Jwe`], [`TokenError::Segments`].
    ///
    /// ```
    /// use jwtcore::compact::Compact;
    /// use jwtcore::{Error, TokenError};
    /// let parts = Compact::split_detached("eyJhbGciOiJIUzI1NiJ9..c2ln", 1024)?;
    /// assert_eq!((parts.header_b64(), parts.payload_b64(), parts.signature_b64()), ("eyJhbGciOiJIUzI1NiJ9", "", "c2ln"));
    /// assert_eq!(Compact::split_detached("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", 1024).unwrap_err(), Error::Token(TokenError::Segments));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn split_detached(token: &'t str, max_len: usize) -> Result<Self, Error> {
        let parts = Self::three_segments(token, max_len)?;
        if !parts.payload.is_empty() {
            return Err(Error::Token(TokenError::Segments));
        }
        Ok(parts)
    }

    /// The first segment, base64url.
    pub fn header_b64(&self) -> &'t str {
        self.header
    }

    /// The second segment: base64url, or the raw payload when the header
    /// says `b64: false` (RFC 7797); empty for a detached payload.
    pub fn payload_b64(&self) -> &'t str {
        self.payload
    }

    /// The third segment, base64url (possibly empty).
    pub fn signature_b64(&self) -> &'t str {
        self.signature
    }

    /// What the signature covers: `header_b64 "." payload_b64`.
    pub fn signing_input(&self) -> &'t [u8] {
        self.signing_input.as_bytes()
    }
}

/// Strictly base64url-decodes one segment of a token into the front of
/// `out`, labelling a malformed encoding with the segment it came from.
///
/// # Errors
/// [`TokenError::Base64`] naming `part` for anything but canonical unpadded
/// base64url; [`Error::BufferTooSmall`] with the length needed.
///
/// ```
/// use jwtcore::compact::decode_segment;
/// use jwtcore::{Error, Part, TokenError};
/// let mut out = [0u8; 8];
/// assert_eq!(decode_segment("AQID", Part::Payload, &mut out)?, [1, 2, 3]);
/// assert_eq!(decode_segment("AQID=", Part::Payload, &mut out).unwrap_err(), Error::Token(TokenError::Base64(Part::Payload)));
/// assert_eq!(decode_segment("AQIDBAUGBwgJ", Part::Header, &mut out).unwrap_err(), Error::BufferTooSmall { needed: 9 });
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn decode_segment<'o>(segment: &str, part: Part, out: &'o mut [u8]) -> Result<&'o mut [u8], Error> {
    let n = b64::decode(segment.as_bytes(), out).map_err(|e| map_b64(e, part))?.len();
    // `decode` wrote `n` bytes into `out`, so this slice exists; fail closed if not.
    out.get_mut(..n).ok_or(Error::BufferTooSmall { needed: n })
}

/// Refuses a base64url segment whose shape alone proves it malformed: its
/// length is ≡ 1 (mod 4), or its last character is outside the base64url
/// alphabet or has unused low bits set (so `=` padding, a trailing space or
/// `Zh` for `Zg`). O(1): only the length and the last character are read, so
/// a segment that passes may still fail [`decode_segment`].
///
/// The verifier runs this on the payload segment before the signature
/// ([the shape rule](self#the-payload-segments-shape)); it reads nothing of
/// the content.
///
/// # Errors
/// [`TokenError::Base64`] naming `part`.
///
/// ```
/// use jwtcore::compact::check_segment_shape;
/// use jwtcore::{Error, Part, TokenError};
/// assert_eq!(check_segment_shape("eyJzdWIiOiJhIn0", Part::Payload), Ok(()));
/// let refused = Err(Error::Token(TokenError::Base64(Part::Payload)));
/// assert_eq!(check_segment_shape("aeyJzdWIiOiJhIn0x", Part::Payload), refused); // 17 ≡ 1 (mod 4)
/// assert_eq!(check_segment_shape("eyJzdWIiOiJhIn0=", Part::Payload), refused); // padding
/// assert_eq!(check_segment_shape("Zh", Part::Payload), refused); // "Zg" is the one spelling
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn check_segment_shape(segment: &str, part: Part) -> Result<(), Error> {
    if b64::shape_ok(segment.as_bytes()) { Ok(()) } else { Err(Error::Token(TokenError::Base64(part))) }
}

/// The one mapping from a base64 failure to a token error.
pub(crate) fn map_b64(e: b64::DecodeError, part: Part) -> Error {
    match e {
        b64::DecodeError::Invalid => Error::Token(TokenError::Base64(part)),
        b64::DecodeError::BufferTooSmall(needed) => Error::BufferTooSmall { needed },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(token: &str) -> Error {
        Compact::split(token, 64).unwrap_err()
    }

    #[test]
    fn segment_counts() {
        assert_eq!(err("abc"), Error::Token(TokenError::Segments));
        assert_eq!(err("a.b"), Error::Token(TokenError::Segments));
        assert_eq!(err("a.b.c.d"), Error::Token(TokenError::Segments));
        assert_eq!(err("a.b.c.d.e"), Error::Token(TokenError::Jwe));
        assert_eq!(err("a.b.c.d.e.f"), Error::Token(TokenError::Segments));
        // Empty segments still count: five empty segments are a (malformed) JWE.
        assert_eq!(err("...."), Error::Token(TokenError::Jwe));
    }

    #[test]
    fn empty_header_or_payload() {
        assert_eq!(err(".b.c"), Error::Token(TokenError::Segments));
        assert_eq!(err("a..c"), Error::Token(TokenError::Segments));
        assert_eq!(err(".."), Error::Token(TokenError::Segments));
        let ok = Compact::split("a.b.", 64).unwrap();
        assert_eq!((ok.header_b64(), ok.payload_b64(), ok.signature_b64()), ("a", "b", ""));
    }

    #[test]
    fn detached_shapes() {
        let ok = Compact::split_detached("a..c", 64).unwrap();
        assert_eq!(
            (ok.header_b64(), ok.payload_b64(), ok.signature_b64(), ok.signing_input()),
            ("a", "", "c", &b"a."[..])
        );
        assert_eq!(Compact::split_detached("a.b.c", 64).unwrap_err(), Error::Token(TokenError::Segments));
        assert_eq!(Compact::split_detached("..c", 64).unwrap_err(), Error::Token(TokenError::Segments));
        assert_eq!(Compact::split_detached("a.c", 64).unwrap_err(), Error::Token(TokenError::Segments));
        assert_eq!(Compact::split_detached("a...c", 64).unwrap_err(), Error::Token(TokenError::Segments));
        assert_eq!(Compact::split_detached("a....", 64).unwrap_err(), Error::Token(TokenError::Jwe));
        assert_eq!(Compact::split_detached("a..c", 3).unwrap_err(), Error::Token(TokenError::TooLong));
    }

    #[test]
    fn length_is_checked_first() {
        // Over the cap wins over every shape error: nothing of a long token is scanned.
        assert_eq!(Compact::split("a.b.c.d.e", 8).unwrap_err(), Error::Token(TokenError::TooLong));
        assert!(Compact::split("a.b.c", 5).is_ok());
        assert_eq!(Compact::split("a.b.c", 4).unwrap_err(), Error::Token(TokenError::TooLong));
    }

    #[test]
    fn multibyte_text_splits_on_dots_only() {
        let ok = Compact::split("é.ü.ß", 64).unwrap();
        assert_eq!(ok.signing_input(), "é.ü".as_bytes());
    }

    #[test]
    fn base64_errors_name_the_segment() {
        let mut out = [0u8; 4];
        for part in [Part::Header, Part::Payload, Part::Signature] {
            assert_eq!(decode_segment("A", part, &mut out).unwrap_err(), Error::Token(TokenError::Base64(part)));
        }
        assert_eq!(decode_segment("", Part::Signature, &mut out).unwrap(), &[] as &[u8]);
    }
}
