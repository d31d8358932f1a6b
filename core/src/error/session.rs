//! The session half's error type: [`SessionError`] and the [`CookieRule`] it
//! names. It lives beside [`Error`](crate::Error) (and not in `session/`) so
//! that errors stay the bottom layer: `session` uses this module, never the
//! other way round.

use core::fmt;

/// A session-ID, cookie or refresh-token operation failed.
///
/// Mismatch classes are deliberately opaque: a signed cookie that fails
/// verification reports [`SessionError::CookieSignature`] whether the tag was
/// made under an unknown key, for another cookie name, or is garbage.
///
/// ```
/// use jwtcore::session::{CookieConfig, CookieRule, SessionError, SessionId};
/// assert_eq!(SessionId::<32>::parse("abc").unwrap_err(), SessionError::IdLength);
/// let err = CookieConfig::new().secure(false).validate().unwrap_err();
/// assert_eq!(err, SessionError::CookieConfig(CookieRule::PrefixNeedsSecure));
/// assert_eq!(err.code(), "session_cookie_config");
/// // It converts into the crate-wide error.
/// assert_eq!(jwtcore::Error::from(err), jwtcore::Error::Session(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SessionError {
    /// A session ID has the wrong length for its encoding.
    IdLength,
    /// A session ID contains a character outside the base64url alphabet.
    IdAlphabet,
    /// A session ID is not the canonical encoding (non-zero trailing bits).
    IdNonCanonical,
    /// A signed cookie value is not `id.tag` of the exact expected length.
    CookieMalformed,
    /// A signed cookie's tag does not verify under any key of the ring.
    CookieSignature,
    /// The `Cookie` header names the session cookie more than once.
    CookieDuplicate,
    /// A cookie configuration breaks a browser rule (prefix, SameSite,
    /// name/value characters, Max-Age cap); see [`CookieRule`].
    CookieConfig(CookieRule),
    /// A refresh token is not the expected length, alphabet or layout.
    RefreshMalformed,
    /// A stored family record is not a valid record layout.
    RecordMalformed,
    /// A CSRF token is not the exact length of either form, or not canonical
    /// base64url.
    CsrfMalformed,
    /// A CSRF token does not verify for this session under any key of the
    /// ring (other session, unknown key and forgery look the same).
    CsrfMismatch,
    /// A request-check policy names an allowed origin that is not a bare
    /// `scheme://host[:port]` (a path, a trailing slash, userinfo, …).
    OriginConfig,
    /// The caller's output buffer is too small.
    BufferTooSmall,
    /// The OS random number generator failed.
    Rng,
}

/// Which cookie rule a [`CookieConfig`](crate::session::CookieConfig) breaks.
///
/// ```
/// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
/// let bad = CookieConfig::new().name("__Secure-id").path("bad;path");
/// match bad.validate() {
///     Err(SessionError::CookieConfig(rule)) => assert_eq!(rule, CookieRule::InvalidAttribute),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CookieRule {
    /// `__Host-` and `__Secure-` cookies must be `Secure`.
    PrefixNeedsSecure,
    /// `__Host-` cookies must have `Path=/`.
    HostPrefixNeedsRootPath,
    /// `__Host-` cookies must not have a `Domain`.
    HostPrefixForbidsDomain,
    /// `SameSite=None` requires `Secure`.
    SameSiteNoneNeedsSecure,
    /// The name is empty or contains a character outside RFC 6265 `token`.
    InvalidName,
    /// The value contains a character outside RFC 6265 `cookie-octet`.
    InvalidValue,
    /// `Path` or `Domain` contains a control character or `;`.
    InvalidAttribute,
    /// Browsers cap `Max-Age` at 400 days (RFC 6265bis).
    MaxAgeTooLong,
}

impl SessionError {
    /// Every code [`SessionError::code`] can return, sorted.
    ///
    /// ```
    /// use jwtcore::session::SessionError;
    /// for e in [SessionError::IdLength, SessionError::CsrfMismatch, SessionError::Rng] {
    ///     assert!(SessionError::ALL_CODES.contains(&e.code()));
    /// }
    /// assert!(SessionError::ALL_CODES.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub const ALL_CODES: &'static [&'static str] = &[
        "session_buffer_too_small",
        "session_cookie_config",
        "session_cookie_duplicate",
        "session_cookie_malformed",
        "session_cookie_signature",
        "session_csrf_malformed",
        "session_csrf_mismatch",
        "session_id_alphabet",
        "session_id_length",
        "session_id_non_canonical",
        "session_origin_config",
        "session_record_malformed",
        "session_refresh_malformed",
        "session_rng",
    ];

    /// Stable snake_case code, shared with the bindings.
    ///
    /// ```
    /// use jwtcore::session::SessionId;
    /// let err = SessionId::<32>::parse("too-short").unwrap_err();
    /// assert_eq!(err.code(), "session_id_length");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            SessionError::IdLength => "session_id_length",
            SessionError::IdAlphabet => "session_id_alphabet",
            SessionError::IdNonCanonical => "session_id_non_canonical",
            SessionError::CookieMalformed => "session_cookie_malformed",
            SessionError::CookieSignature => "session_cookie_signature",
            SessionError::CookieDuplicate => "session_cookie_duplicate",
            SessionError::CookieConfig(_) => "session_cookie_config",
            SessionError::RefreshMalformed => "session_refresh_malformed",
            SessionError::RecordMalformed => "session_record_malformed",
            SessionError::CsrfMalformed => "session_csrf_malformed",
            SessionError::CsrfMismatch => "session_csrf_mismatch",
            SessionError::OriginConfig => "session_origin_config",
            SessionError::BufferTooSmall => "session_buffer_too_small",
            SessionError::Rng => "session_rng",
        }
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::IdLength => f.write_str("session id has the wrong length"),
            SessionError::IdAlphabet => f.write_str("session id is not base64url"),
            SessionError::IdNonCanonical => f.write_str("session id is not canonically encoded"),
            SessionError::CookieMalformed => f.write_str("signed cookie value is malformed"),
            SessionError::CookieSignature => f.write_str("signed cookie does not verify"),
            SessionError::CookieDuplicate => f.write_str("session cookie appears more than once"),
            SessionError::CookieConfig(rule) => write!(f, "cookie configuration: {rule}"),
            SessionError::RefreshMalformed => f.write_str("refresh token is malformed"),
            SessionError::RecordMalformed => f.write_str("refresh family record is malformed"),
            SessionError::CsrfMalformed => f.write_str("CSRF token is malformed"),
            SessionError::CsrfMismatch => f.write_str("CSRF token does not verify for this session"),
            SessionError::OriginConfig => f.write_str("allowed origin must be scheme://host[:port]"),
            SessionError::BufferTooSmall => f.write_str("output buffer too small"),
            SessionError::Rng => f.write_str("random number generator failed"),
        }
    }
}

impl core::error::Error for SessionError {}

impl fmt::Display for CookieRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CookieRule::PrefixNeedsSecure => "__Host-/__Secure- cookies must be Secure",
            CookieRule::HostPrefixNeedsRootPath => "__Host- cookies must have Path=/",
            CookieRule::HostPrefixForbidsDomain => "__Host- cookies must not set Domain",
            CookieRule::SameSiteNoneNeedsSecure => "SameSite=None requires Secure",
            CookieRule::InvalidName => "cookie name must be a non-empty RFC 6265 token",
            CookieRule::InvalidValue => "cookie value has a character outside cookie-octet",
            CookieRule::InvalidAttribute => "Path/Domain must not contain ';' or control characters",
            CookieRule::MaxAgeTooLong => "Max-Age is capped at 400 days",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sorted_and_complete() {
        let all = [
            SessionError::IdLength,
            SessionError::IdAlphabet,
            SessionError::IdNonCanonical,
            SessionError::CookieMalformed,
            SessionError::CookieSignature,
            SessionError::CookieDuplicate,
            SessionError::CookieConfig(CookieRule::InvalidName),
            SessionError::RefreshMalformed,
            SessionError::RecordMalformed,
            SessionError::CsrfMalformed,
            SessionError::CsrfMismatch,
            SessionError::OriginConfig,
            SessionError::BufferTooSmall,
            SessionError::Rng,
        ];
        for e in all {
            assert!(SessionError::ALL_CODES.contains(&e.code()), "{}", e.code());
        }
        assert_eq!(all.len(), SessionError::ALL_CODES.len());
        assert!(SessionError::ALL_CODES.windows(2).all(|w| w[0] < w[1]));
    }
}
