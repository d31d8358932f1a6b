//! [`OwnedCookieConfig`]: a [`CookieConfig`] whose strings are owned, validated once when it is
//! built and kept by a binding or a server for every `Set-Cookie` it writes.
//!
//! Both bindings held the same mirror of `CookieConfig` (owned fields, a `config()` rebuilding the
//! borrowed form, a buffer size guessed from the lengths); it lives here once instead.

use alloc::string::String;
use alloc::vec;

use super::cookie::{CookieConfig, SameSite};
use crate::error::SessionError;

/// Room for everything in a `Set-Cookie` value besides the name, value, path and domain: the
/// attribute names and separators, a 20-digit `Max-Age`, a 29-byte `Expires` date and every flag
/// (about 130 bytes), with margin.
const FIXED_ATTRIBUTES: usize = 256;

/// A cookie configuration's settings as plain values, the shape bindings receive them in; see
/// [`OwnedCookieConfig::from_settings`]. Each field is the [`CookieConfig`] setting of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each field is documented on the CookieConfig method of that name
pub struct CookieSettings<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub domain: Option<&'a str>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub max_age: Option<u64>,
    pub partitioned: bool,
}

/// A validated cookie configuration with owned strings, `Send + Sync`.
///
/// Built from a borrowed [`CookieConfig`] (so the defaults and builder are that type's), checked
/// against the browser rules once, then lent per header.
///
/// ```
/// use jwtcore::session::{CookieConfig, OwnedCookieConfig};
/// let name = String::from("__Host-sid"); // e.g. read from configuration
/// let cookie = OwnedCookieConfig::new(CookieConfig::new().name(&name).max_age(3600))?;
/// drop(name);
/// assert_eq!(cookie.set_cookie("abc")?, "__Host-sid=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
/// assert!(cookie.clear_cookie()?.starts_with("__Host-sid=; Path=/; Max-Age=0;"));
/// assert!(OwnedCookieConfig::new(CookieConfig::new().secure(false)).is_err());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedCookieConfig {
    name: String,
    path: String,
    domain: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: SameSite,
    max_age: Option<u64>,
    expires: Option<u64>,
    partitioned: bool,
}

impl OwnedCookieConfig {
    /// Copies `config` and validates it ([`CookieConfig::validate`]).
    ///
    /// # Errors
    ///
    /// [`SessionError::CookieConfig`] naming the browser rule `config` breaks.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, CookieRule, OwnedCookieConfig, SessionError};
    /// let err = OwnedCookieConfig::new(CookieConfig::new().path("/app")).unwrap_err();
    /// assert_eq!(err, SessionError::CookieConfig(CookieRule::HostPrefixNeedsRootPath));
    /// ```
    pub fn new(config: CookieConfig<'_>) -> Result<Self, SessionError> {
        config.validate()?;
        Ok(OwnedCookieConfig {
            name: config.name.into(),
            path: config.path.into(),
            domain: config.domain.map(String::from),
            secure: config.secure,
            http_only: config.http_only,
            same_site: config.same_site,
            max_age: config.max_age,
            expires: config.expires,
            partitioned: config.partitioned,
        })
    }

    /// Builds and validates a configuration from every setting at once.
    ///
    /// # Errors
    ///
    /// As [`OwnedCookieConfig::new`].
    ///
    /// ```
    /// use jwtcore::session::{CookieSettings, OwnedCookieConfig, SameSite};
    /// let s = CookieSettings {
    ///     name: "sid", path: "/", domain: Some("example.com"), secure: true, http_only: true,
    ///     same_site: SameSite::Strict, max_age: Some(600), partitioned: false,
    /// };
    /// let cookie = OwnedCookieConfig::from_settings(s)?;
    /// assert!(cookie.set_cookie("v")?.contains("Domain=example.com"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn from_settings(s: CookieSettings<'_>) -> Result<Self, SessionError> {
        let mut c = CookieConfig::new()
            .name(s.name)
            .path(s.path)
            .secure(s.secure)
            .http_only(s.http_only)
            .same_site(s.same_site)
            .partitioned(s.partitioned);
        if let Some(d) = s.domain {
            c = c.domain(d);
        }
        if let Some(m) = s.max_age {
            c = c.max_age(m);
        }
        OwnedCookieConfig::new(c)
    }

    /// The configuration as the borrowed [`CookieConfig`].
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, OwnedCookieConfig};
    /// let owned = OwnedCookieConfig::new(CookieConfig::new())?;
    /// assert_eq!(owned.config(), CookieConfig::new());
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn config(&self) -> CookieConfig<'_> {
        let mut c = CookieConfig::new()
            .name(&self.name)
            .path(&self.path)
            .secure(self.secure)
            .http_only(self.http_only)
            .same_site(self.same_site)
            .partitioned(self.partitioned);
        if let Some(d) = &self.domain {
            c = c.domain(d);
        }
        if let Some(m) = self.max_age {
            c = c.max_age(m);
        }
        if let Some(e) = self.expires {
            c = c.expires(e);
        }
        c
    }

    /// The cookie name.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, OwnedCookieConfig};
    /// assert_eq!(OwnedCookieConfig::new(CookieConfig::new())?.cookie_name(), "__Host-id");
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn cookie_name(&self) -> &str {
        &self.name
    }

    /// The `Set-Cookie` header value that sends `value` ([`CookieConfig::set_cookie`]).
    ///
    /// # Errors
    ///
    /// [`SessionError::CookieConfig`] when `value` has a character outside RFC 6265
    /// `cookie-octet`.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, OwnedCookieConfig};
    /// let cookie = OwnedCookieConfig::new(CookieConfig::new())?;
    /// assert!(cookie.set_cookie("a;b").is_err());
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn set_cookie(&self, value: &str) -> Result<String, SessionError> {
        let mut out = vec![0u8; self.capacity(value.len())];
        self.config().set_cookie(value, &mut out).map(String::from)
    }

    /// The `Set-Cookie` header value that deletes the cookie ([`CookieConfig::clear_cookie`]).
    ///
    /// # Errors
    ///
    /// None for a configuration that was built (it was validated); the `Result` is the borrowed
    /// form's.
    ///
    /// ```
    /// use jwtcore::session::{CookieConfig, OwnedCookieConfig};
    /// let cookie = OwnedCookieConfig::new(CookieConfig::new())?;
    /// assert!(cookie.clear_cookie()?.contains("Max-Age=0"));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn clear_cookie(&self) -> Result<String, SessionError> {
        let mut out = vec![0u8; self.capacity(0)];
        self.config().clear_cookie(&mut out).map(String::from)
    }

    fn capacity(&self, value: usize) -> usize {
        FIXED_ATTRIBUTES + value + self.name.len() + self.path.len() + self.domain.as_ref().map_or(0, String::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::CookieRule;

    #[test]
    fn round_trips_every_field() {
        let c = CookieConfig::new()
            .name("sid")
            .path("/app")
            .domain("example.com")
            .secure(true)
            .http_only(false)
            .same_site(SameSite::Strict)
            .max_age(60)
            .expires(1_700_000_000)
            .partitioned(true);
        let owned = OwnedCookieConfig::new(c).unwrap();
        assert_eq!(owned.config(), c);
        let mut buf = [0u8; 512];
        assert_eq!(owned.set_cookie("v").unwrap(), c.set_cookie("v", &mut buf).unwrap());
        assert_eq!(owned.clear_cookie().unwrap(), c.clear_cookie(&mut buf).unwrap());
    }

    #[test]
    fn longest_fields_fit() {
        let long = "a".repeat(4000);
        let c = CookieConfig::new().name(&long).path("/").domain(&long).max_age(super::super::MAX_AGE_CAP);
        let owned = OwnedCookieConfig::new(c.name("x").secure(true)).unwrap();
        assert!(owned.set_cookie(&long).unwrap().len() > 8000);
        assert!(owned.clear_cookie().is_ok());
    }

    #[test]
    fn refuses_invalid() {
        let bad = OwnedCookieConfig::new(CookieConfig::new().same_site(SameSite::None).name("x").secure(false));
        assert_eq!(bad.unwrap_err(), SessionError::CookieConfig(CookieRule::SameSiteNoneNeedsSecure));
    }
}
