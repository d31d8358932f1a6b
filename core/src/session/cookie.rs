//! `Set-Cookie` values with secure defaults, the matching clearing cookie, and
//! an allocation-free `Cookie` request-header parser.

use core::fmt::{self, Write as _};

use super::{CookieRule, SessionError};

/// Browsers cap cookie lifetimes at 400 days (RFC 6265bis §5.5).
///
/// ```
/// use jwtcore::session::{CookieConfig, CookieRule, MAX_AGE_CAP, SessionError};
/// assert!(CookieConfig::new().max_age(MAX_AGE_CAP).validate().is_ok());
/// let too_long = CookieConfig::new().max_age(MAX_AGE_CAP + 1);
/// assert_eq!(too_long.validate(), Err(SessionError::CookieConfig(CookieRule::MaxAgeTooLong)));
/// ```
pub const MAX_AGE_CAP: u64 = 400 * 86_400;

/// The `SameSite` attribute.
///
/// ```
/// use jwtcore::session::{CookieConfig, SameSite};
/// let mut buf = [0u8; 128];
/// let header = CookieConfig::new().same_site(SameSite::Strict).set_cookie("v", &mut buf)?;
/// assert!(header.ends_with("; SameSite=Strict"));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    /// Sent only on same-site requests.
    Strict,
    /// Also sent on top-level cross-site navigations (the default here).
    Lax,
    /// Sent on every request; requires `Secure`.
    None,
}

impl SameSite {
    /// The attribute value named `name`, ignoring ASCII case (`Strict`,
    /// `lax`, `NONE`, …).
    ///
    /// ```
    /// use jwtcore::session::SameSite;
    /// assert_eq!(SameSite::from_name("lax"), Some(SameSite::Lax));
    /// assert_eq!(SameSite::from_name("sometimes"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        [SameSite::Strict, SameSite::Lax, SameSite::None].into_iter().find(|s| s.as_str().eq_ignore_ascii_case(name))
    }

    /// The attribute value as sent: `Strict`, `Lax` or `None`.
    ///
    /// ```
    /// use jwtcore::session::SameSite;
    /// assert_eq!(SameSite::None.as_str(), "None");
    /// assert_eq!(SameSite::from_name(SameSite::Strict.as_str()), Some(SameSite::Strict));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

/// How the session cookie is sent: `__Host-id; Path=/; Secure; HttpOnly;
/// SameSite=Lax` unless changed, a browser-session cookie (no `Max-Age`).
///
/// ```
/// use jwtcore::session::CookieConfig;
/// let config = CookieConfig::new().max_age(3600);
/// let mut buf = [0u8; 256];
/// let header = config.set_cookie("abc", &mut buf)?;
/// assert_eq!(header, "__Host-id=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
/// let mut buf = [0u8; 256];
/// assert_eq!(
///     config.clear_cookie(&mut buf)?,
///     "__Host-id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"
/// );
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieConfig<'a> {
    // Readable by `owned_cookie`, which copies a configuration into owned strings.
    pub(super) name: &'a str,
    pub(super) path: &'a str,
    pub(super) domain: Option<&'a str>,
    pub(super) secure: bool,
    pub(super) http_only: bool,
    pub(super) same_site: SameSite,
    pub(super) max_age: Option<u64>,
    pub(super) expires: Option<u64>,
    pub(super) partitioned: bool,
}

impl Default for CookieConfig<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> CookieConfig<'a> {
    /// The secure defaults: `__Host-id`, `Path=/`, no `Domain`, `Secure`,
    /// `HttpOnly`, `SameSite=Lax`, no `Max-Age` (ends with the browser
    /// session; the server's timeouts decide validity anyway).
    ///
    /// ```
    /// use jwtcore::session::CookieConfig;
    /// let config = CookieConfig::new();
    /// assert_eq!(config, CookieConfig::default());
    /// assert_eq!(config.cookie_name(), "__Host-id");
    /// let mut buf = [0u8; 128];
    /// assert_eq!(config.set_cookie("abc", &mut buf)?, "__Host-id=abc; Path=/; Secure; HttpOnly; SameSite=Lax");
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub const fn new() -> Self {
        CookieConfig {
            name: "__Host-id",
            path: "/",
            domain: None,
            secure: true,
            http_only: true,
            same_site: SameSite::Lax,
            max_age: None,
            expires: None,
            partitioned: false,
        }
    }

    /// The cookie name (keep the `__Host-` prefix unless you need `Domain`).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// let mut buf = [0u8; 128];
    /// assert!(CookieConfig::new().name("__Host-sid").set_cookie("abc", &mut buf)?.starts_with("__Host-sid=abc;"));
    /// let bad = CookieConfig::new().name("my sid");
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::InvalidName)));
    /// # Ok::<(), SessionError>(())
    /// ```
    #[must_use]
    pub const fn name(self, name: &'a str) -> Self {
        CookieConfig { name, ..self }
    }
    /// `Path` (must stay `/` with `__Host-`).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// let api = CookieConfig::new().name("__Secure-id").path("/api");
    /// let mut buf = [0u8; 128];
    /// assert!(api.set_cookie("abc", &mut buf)?.starts_with("__Secure-id=abc; Path=/api;"));
    /// // `__Host-` cookies must use `/`.
    /// let bad = CookieConfig::new().path("/api");
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::HostPrefixNeedsRootPath)));
    /// # Ok::<(), SessionError>(())
    /// ```
    #[must_use]
    pub const fn path(self, path: &'a str) -> Self {
        CookieConfig { path, ..self }
    }
    /// `Domain` (not allowed with `__Host-`).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// let shared = CookieConfig::new().name("__Secure-id").domain("example.com");
    /// let mut buf = [0u8; 128];
    /// assert!(shared.set_cookie("abc", &mut buf)?.contains("; Domain=example.com;"));
    /// let bad = CookieConfig::new().domain("example.com"); // still `__Host-id`
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::HostPrefixForbidsDomain)));
    /// # Ok::<(), SessionError>(())
    /// ```
    #[must_use]
    pub const fn domain(self, domain: &'a str) -> Self {
        CookieConfig { domain: Some(domain), ..self }
    }
    /// `Secure` (required by both prefixes and by `SameSite=None`).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// // Plain-HTTP development server: no prefix, no `Secure`.
    /// let dev = CookieConfig::new().name("id").secure(false);
    /// let mut buf = [0u8; 128];
    /// assert_eq!(dev.set_cookie("abc", &mut buf)?, "id=abc; Path=/; HttpOnly; SameSite=Lax");
    /// let bad = CookieConfig::new().secure(false);
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::PrefixNeedsSecure)));
    /// # Ok::<(), SessionError>(())
    /// ```
    #[must_use]
    pub const fn secure(self, secure: bool) -> Self {
        CookieConfig { secure, ..self }
    }
    /// `HttpOnly`: keep it on for session cookies.
    ///
    /// ```
    /// use jwtcore::session::CookieConfig;
    /// // A cookie the page's script must read (not a session cookie).
    /// let readable = CookieConfig::new().name("__Host-theme").http_only(false);
    /// let mut buf = [0u8; 128];
    /// assert!(!readable.set_cookie("dark", &mut buf)?.contains("HttpOnly"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub const fn http_only(self, http_only: bool) -> Self {
        CookieConfig { http_only, ..self }
    }
    /// `SameSite`.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SameSite, SessionError};
    /// let embedded = CookieConfig::new().same_site(SameSite::None);
    /// assert!(embedded.validate().is_ok());
    /// let bad = CookieConfig::new().name("id").secure(false).same_site(SameSite::None);
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::SameSiteNoneNeedsSecure)));
    /// ```
    #[must_use]
    pub const fn same_site(self, same_site: SameSite) -> Self {
        CookieConfig { same_site, ..self }
    }
    /// `Max-Age` in seconds (at most 400 days).
    ///
    /// ```
    /// use jwtcore::session::CookieConfig;
    /// let mut buf = [0u8; 128];
    /// let header = CookieConfig::new().max_age(8 * 3600).set_cookie("abc", &mut buf)?;
    /// assert!(header.contains("; Max-Age=28800;"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub const fn max_age(self, seconds: u64) -> Self {
        CookieConfig { max_age: Some(seconds), ..self }
    }
    /// `Expires` as Unix seconds (written as an IMF-fixdate).
    ///
    /// ```
    /// use jwtcore::session::CookieConfig;
    /// let mut buf = [0u8; 160];
    /// let header = CookieConfig::new().expires(1_700_000_000).set_cookie("abc", &mut buf)?;
    /// assert!(header.contains("; Expires=Tue, 14 Nov 2023 22:13:20 GMT;"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub const fn expires(self, unix_seconds: u64) -> Self {
        CookieConfig { expires: Some(unix_seconds), ..self }
    }
    /// `Partitioned` (CHIPS).
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, SameSite};
    /// let chips = CookieConfig::new().same_site(SameSite::None).partitioned(true);
    /// let mut buf = [0u8; 128];
    /// assert!(chips.set_cookie("abc", &mut buf)?.ends_with("; SameSite=None; Partitioned"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub const fn partitioned(self, partitioned: bool) -> Self {
        CookieConfig { partitioned, ..self }
    }

    /// The configured cookie name.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, find_cookie};
    /// let config = CookieConfig::new().name("__Host-sid");
    /// let request_header = "lang=en; __Host-sid=abc";
    /// assert_eq!(find_cookie(request_header, config.cookie_name())?, Some("abc"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub const fn cookie_name(&self) -> &'a str {
        self.name
    }

    /// Checks the browser rules: prefixes, `SameSite=None` ⇒ `Secure`, name
    /// and attribute characters, the `Max-Age` cap.
    ///
    /// # Errors
    /// [`SessionError::CookieConfig`] naming the rule.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// assert!(CookieConfig::new().validate().is_ok());
    /// // Check configuration at startup rather than on the first response.
    /// let bad = CookieConfig::new().name("__host-id").secure(false); // prefixes match in any case
    /// assert_eq!(bad.validate(), Err(SessionError::CookieConfig(CookieRule::PrefixNeedsSecure)));
    /// ```
    pub fn validate(&self) -> Result<(), SessionError> {
        let rule = |r| Err(SessionError::CookieConfig(r));
        if self.name.is_empty() || !self.name.bytes().all(is_token_char) {
            return rule(CookieRule::InvalidName);
        }
        // Browsers match the prefixes case-insensitively, so must we.
        let lower_starts = |p: &str| self.name.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
        let host = lower_starts("__Host-");
        if (host || lower_starts("__Secure-")) && !self.secure {
            return rule(CookieRule::PrefixNeedsSecure);
        }
        if host && self.path != "/" {
            return rule(CookieRule::HostPrefixNeedsRootPath);
        }
        if host && self.domain.is_some() {
            return rule(CookieRule::HostPrefixForbidsDomain);
        }
        if self.same_site == SameSite::None && !self.secure {
            return rule(CookieRule::SameSiteNoneNeedsSecure);
        }
        let attr_ok = |s: &str| s.bytes().all(|b| b != b';' && !b.is_ascii_control());
        if !attr_ok(self.path) || self.domain.is_some_and(|d| !attr_ok(d)) {
            return rule(CookieRule::InvalidAttribute);
        }
        if self.max_age.is_some_and(|m| m > MAX_AGE_CAP) {
            return rule(CookieRule::MaxAgeTooLong);
        }
        Ok(())
    }

    /// Writes the `Set-Cookie` header value for `value` into `out`.
    ///
    /// # Errors
    /// A [`SessionError::CookieConfig`] rule, or
    /// [`SessionError::BufferTooSmall`].
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, SessionError};
    /// let config = CookieConfig::new();
    /// let mut buf = [0u8; 128];
    /// assert_eq!(config.set_cookie("abc", &mut buf)?, "__Host-id=abc; Path=/; Secure; HttpOnly; SameSite=Lax");
    /// assert_eq!(config.set_cookie("a;b", &mut buf), Err(SessionError::CookieConfig(CookieRule::InvalidValue)));
    /// assert_eq!(config.set_cookie("abc", &mut [0u8; 16]), Err(SessionError::BufferTooSmall));
    /// # Ok::<(), SessionError>(())
    /// ```
    pub fn set_cookie<'o>(&self, value: &str, out: &'o mut [u8]) -> Result<&'o str, SessionError> {
        self.validate()?;
        if !value.bytes().all(is_cookie_octet) {
            return Err(SessionError::CookieConfig(CookieRule::InvalidValue));
        }
        self.write(value, self.max_age, self.expires, out)
    }

    /// The header that deletes the cookie at logout: same name, path, domain
    /// and flags (a `__Host-` deletion without them is ignored by
    /// browsers), empty value, `Max-Age=0` and a 1970 `Expires`.
    ///
    /// # Errors
    /// As [`CookieConfig::set_cookie`].
    ///
    /// ```
    /// use jwtcore::session::CookieConfig;
    /// let config = CookieConfig::new().name("__Host-sid");
    /// let mut buf = [0u8; 160];
    /// let header = config.clear_cookie(&mut buf)?;
    /// assert!(header.starts_with("__Host-sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn clear_cookie<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, SessionError> {
        self.validate()?;
        self.write("", Some(0), Some(0), out)
    }

    fn write<'o>(
        &self,
        value: &str,
        max_age: Option<u64>,
        expires: Option<u64>,
        out: &'o mut [u8],
    ) -> Result<&'o str, SessionError> {
        let mut w = BufWriter { buf: out, len: 0 };
        self.write_fmt(&mut w, value, max_age, expires).map_err(|_| SessionError::BufferTooSmall)?;
        let len = w.len;
        let written = w.buf.get(..len).ok_or(SessionError::BufferTooSmall)?;
        core::str::from_utf8(written).map_err(|_| SessionError::BufferTooSmall)
    }

    fn write_fmt(&self, w: &mut BufWriter<'_>, value: &str, max_age: Option<u64>, expires: Option<u64>) -> fmt::Result {
        write!(w, "{}={}; Path={}", self.name, value, self.path)?;
        if let Some(d) = self.domain {
            write!(w, "; Domain={d}")?;
        }
        if let Some(m) = max_age {
            write!(w, "; Max-Age={m}")?;
        }
        if let Some(e) = expires {
            w.write_str("; Expires=")?;
            write_http_date(w, e)?;
        }
        if self.secure {
            w.write_str("; Secure")?;
        }
        if self.http_only {
            w.write_str("; HttpOnly")?;
        }
        write!(w, "; SameSite={}", self.same_site.as_str())?;
        if self.partitioned {
            w.write_str("; Partitioned")?;
        }
        Ok(())
    }
}

/// Finds the cookie `name` in a `Cookie` request header, without allocating.
///
/// Names match byte for byte: never percent-decoded (`__%48ost-id` is not
/// `__Host-id`, CVE-2020-8184) and trimmed of SP/HTAB only (a name behind a
/// Unicode space is a different name). A name that appears twice is an
/// error, because which copy wins differs between servers and proxies.
///
/// ```
/// use jwtcore::session::find_cookie;
/// let header = "theme=dark; __Host-id=abc.def; lang=en";
/// assert_eq!(find_cookie(header, "__Host-id")?, Some("abc.def"));
/// assert_eq!(find_cookie(header, "missing")?, None);
/// assert!(find_cookie("__Host-id=a; __Host-id=b", "__Host-id").is_err());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
///
/// # Errors
/// [`SessionError::CookieDuplicate`].
pub fn find_cookie<'h>(header: &'h str, name: &str) -> Result<Option<&'h str>, SessionError> {
    let mut found = None;
    for pair in header.split(';') {
        let pair = trim_ows(pair);
        let Some((n, v)) = pair.split_once('=') else {
            continue;
        };
        if trim_ows(n).as_bytes() == name.as_bytes() {
            if found.is_some() {
                return Err(SessionError::CookieDuplicate);
            }
            found = Some(trim_ows(v));
        }
    }
    Ok(found)
}

fn trim_ows(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\t')
}

/// RFC 6265 `token` (RFC 2616 token: no separators, no CTLs).
fn is_token_char(b: u8) -> bool {
    b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b)
}

/// RFC 6265 `cookie-octet`: visible ASCII except `"`, `,`, `;`, `\`.
fn is_cookie_octet(b: u8) -> bool {
    b.is_ascii_graphic() && !b"\",;\\".contains(&b)
}

struct BufWriter<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl fmt::Write for BufWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// IMF-fixdate (`Thu, 01 Jan 1970 00:00:00 GMT`) from Unix seconds, via the
/// days-to-civil algorithm (proleptic Gregorian, valid far beyond any cookie).
fn write_http_date(w: &mut impl fmt::Write, unix: u64) -> fmt::Result {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = unix / 86_400;
    let secs = unix % 86_400;
    let weekday = DAYS.get((days % 7) as usize).copied().unwrap_or("Thu");
    // Howard Hinnant's civil_from_days, shifted so the era starts in March.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let month_name = MONTHS.get((month - 1) as usize).copied().unwrap_or("Jan");
    write!(
        w,
        "{weekday}, {day:02} {month_name} {year:04} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    fn date(unix: u64) -> String {
        let mut s = String::new();
        write_http_date(&mut s, unix).unwrap();
        s
    }

    #[test]
    fn http_dates() {
        assert_eq!(date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT"); // RFC 9110's example
        assert_eq!(date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(date(1_700_000_000), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(date(4_102_444_799), "Thu, 31 Dec 2099 23:59:59 GMT");
    }

    #[test]
    fn prefix_rules() {
        let err = |c: CookieConfig<'_>| c.validate().unwrap_err();
        let base = CookieConfig::new();
        assert!(base.validate().is_ok());
        assert_eq!(err(base.secure(false)), SessionError::CookieConfig(CookieRule::PrefixNeedsSecure));
        assert_eq!(err(base.path("/app")), SessionError::CookieConfig(CookieRule::HostPrefixNeedsRootPath));
        assert_eq!(err(base.domain("example.com")), SessionError::CookieConfig(CookieRule::HostPrefixForbidsDomain));
        assert_eq!(
            err(base.name("__host-x").domain("example.com")),
            SessionError::CookieConfig(CookieRule::HostPrefixForbidsDomain)
        );
        assert_eq!(
            err(base.name("__Secure-x").secure(false)),
            SessionError::CookieConfig(CookieRule::PrefixNeedsSecure)
        );
        assert!(base.name("__Secure-x").domain("example.com").path("/app").validate().is_ok());
        assert_eq!(
            err(base.name("sid").secure(false).same_site(SameSite::None)),
            SessionError::CookieConfig(CookieRule::SameSiteNoneNeedsSecure)
        );
        assert_eq!(err(base.name("")), SessionError::CookieConfig(CookieRule::InvalidName));
        assert_eq!(err(base.name("a b")), SessionError::CookieConfig(CookieRule::InvalidName));
        assert_eq!(err(base.name("a;b")), SessionError::CookieConfig(CookieRule::InvalidName));
        assert_eq!(err(base.max_age(MAX_AGE_CAP + 1)), SessionError::CookieConfig(CookieRule::MaxAgeTooLong));
        assert_eq!(
            err(base.name("sid").path("/a;Domain=evil")),
            SessionError::CookieConfig(CookieRule::InvalidAttribute)
        );
    }

    #[test]
    fn values_and_buffers() {
        let c = CookieConfig::new();
        let mut buf = [0u8; 200];
        assert_eq!(c.set_cookie("a;b", &mut buf).unwrap_err(), SessionError::CookieConfig(CookieRule::InvalidValue));
        assert_eq!(c.set_cookie("abc", &mut [0u8; 10]).unwrap_err(), SessionError::BufferTooSmall);
        let full = c
            .name("__Secure-sid")
            .domain("example.com")
            .same_site(SameSite::Strict)
            .expires(784_111_777)
            .partitioned(true)
            .http_only(false);
        assert_eq!(
            full.set_cookie("v", &mut buf).unwrap(),
            "__Secure-sid=v; Path=/; Domain=example.com; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Secure; \
             SameSite=Strict; Partitioned"
        );
    }

    #[test]
    fn find_cookie_is_strict() {
        let h = "a=1; __Host-id=xyz;\tb=2";
        assert_eq!(find_cookie(h, "__Host-id").unwrap(), Some("xyz"));
        assert_eq!(find_cookie(h, "b").unwrap(), Some("2"));
        assert_eq!(find_cookie("__%48ost-id=evil", "__Host-id").unwrap(), None);
        assert_eq!(find_cookie("\u{2000}__Host-id=evil", "__Host-id").unwrap(), None);
        assert_eq!(find_cookie("__host-id=evil", "__Host-id").unwrap(), None);
        assert_eq!(find_cookie("x=1; x=2", "x").unwrap_err(), SessionError::CookieDuplicate);
        assert_eq!(find_cookie("", "x").unwrap(), None);
        assert_eq!(find_cookie(";;; novalue ; x=", "x").unwrap(), Some(""));
        assert_eq!(find_cookie("x=a=b", "x").unwrap(), Some("a=b"));
    }
}
