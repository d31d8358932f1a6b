//! The request check's policy in owned form, for allowed origins that arrive
//! at run time (a settings file, the environment, the Python and JS
//! bindings). The list is parsed and validated once, when the policy is
//! built; each request is then judged against the parsed origins with the
//! same rules as [`RequestPolicy`](super::RequestPolicy), without parsing the
//! list again or allocating.

use alloc::string::String;
use alloc::vec::Vec;

use super::origin::{Origin, Relaxations, judge};
use super::{RequestVerdict, SessionError};

/// [`RequestPolicy`](super::RequestPolicy) that owns its allowed origins:
/// build it once at start-up, keep it in server state, call
/// [`check`](Self::check) per request.
///
/// ```
/// use jwtcore::session::{Allowed, OwnedRequestPolicy, Refused, RequestVerdict};
///
/// // As read from configuration at start-up.
/// let from_config = String::from("https://app.example, https://admin.example:8443");
/// let policy = OwnedRequestPolicy::new(from_config.split(", "))?.allow_same_site(true);
/// drop(from_config); // the policy owns its copy
///
/// let v = policy.check("POST", None, Some("https://admin.example:8443"), None);
/// assert_eq!(v, RequestVerdict::Allow(Allowed::OriginListed));
/// let v = policy.check("POST", Some("cross-site"), Some("https://evil.test"), None);
/// assert_eq!(v, RequestVerdict::Refuse(Refused::CrossSite));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedRequestPolicy {
    allowed: Vec<OwnedOrigin>,
    relaxations: Relaxations,
}

/// A parsed allowed origin, holding its host.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OwnedOrigin {
    https: bool,
    host: String,
    port: u16,
}

impl OwnedOrigin {
    fn as_origin(&self) -> Origin<'_> {
        Origin { https: self.https, host: &self.host, port: self.port }
    }
}

impl OwnedRequestPolicy {
    /// Parses and validates `allowed_origins` (each a bare
    /// `http(s)://host[:port]`), with the strict defaults of
    /// [`RequestPolicy::new`](super::RequestPolicy::new): `same-site`, a
    /// missing and a `null` `Origin` are refused on unsafe methods.
    ///
    /// # Errors
    /// [`SessionError::OriginConfig`] when an entry is not an origin (a
    /// path, a trailing slash, userinfo, a wildcard…): such an entry would
    /// never match and silently refuse everything.
    ///
    /// ```
    /// use jwtcore::session::{OwnedRequestPolicy, SessionError};
    /// assert!(OwnedRequestPolicy::new(["https://app.example", "http://localhost:8080"]).is_ok());
    /// assert_eq!(OwnedRequestPolicy::new(["https://app.example/"]).unwrap_err(), SessionError::OriginConfig);
    /// ```
    pub fn new<I>(allowed_origins: I) -> Result<Self, SessionError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let allowed = allowed_origins
            .into_iter()
            .map(|text| {
                let o = Origin::parse(text.as_ref()).ok_or(SessionError::OriginConfig)?;
                Ok(OwnedOrigin { https: o.https, host: String::from(o.host), port: o.port })
            })
            .collect::<Result<Vec<_>, SessionError>>()?;
        Ok(OwnedRequestPolicy { allowed, relaxations: Relaxations::STRICT })
    }

    /// See [`RequestPolicy::allow_same_site`](super::RequestPolicy::allow_same_site).
    ///
    /// ```
    /// use jwtcore::session::OwnedRequestPolicy;
    /// let policy = OwnedRequestPolicy::new(["https://www.example"])?.allow_same_site(true);
    /// assert!(policy.check("POST", Some("same-site"), Some("https://www.example"), None).is_allowed());
    /// assert!(!policy.check("POST", Some("same-site"), Some("https://uploads.example"), None).is_allowed());
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub fn allow_same_site(mut self, allow: bool) -> Self {
        self.relaxations.same_site = allow;
        self
    }

    /// See [`RequestPolicy::allow_missing_origin`](super::RequestPolicy::allow_missing_origin).
    ///
    /// ```
    /// use jwtcore::session::OwnedRequestPolicy;
    /// let policy = OwnedRequestPolicy::new(["https://app.example"])?.allow_missing_origin(true);
    /// assert_eq!(policy.check("POST", None, None, None).code(), "no_origin");
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub fn allow_missing_origin(mut self, allow: bool) -> Self {
        self.relaxations.missing_origin = allow;
        self
    }

    /// See [`RequestPolicy::allow_null_origin`](super::RequestPolicy::allow_null_origin).
    ///
    /// ```
    /// use jwtcore::session::OwnedRequestPolicy;
    /// let policy = OwnedRequestPolicy::new(["https://app.example"])?.allow_null_origin(true);
    /// assert_eq!(policy.check("POST", None, Some("null"), None).code(), "null_origin");
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    #[must_use]
    pub fn allow_null_origin(mut self, allow: bool) -> Self {
        self.relaxations.null_origin = allow;
        self
    }

    /// The verdict for a request, exactly as
    /// [`RequestPolicy::check`](super::RequestPolicy::check) gives it.
    ///
    /// ```
    /// use jwtcore::session::{OwnedRequestPolicy, Refused, RequestVerdict};
    /// let policy = OwnedRequestPolicy::new(["https://app.example"])?;
    /// let v = policy.check("DELETE", None, Some("https://app.example.evil.test"), None);
    /// assert_eq!(v, RequestVerdict::Refuse(Refused::OriginMismatch));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn check(
        &self,
        method: &str,
        sec_fetch_site: Option<&str>,
        origin: Option<&str>,
        referer: Option<&str>,
    ) -> RequestVerdict {
        let listed = |o: &Origin<'_>| self.allowed.iter().any(|a| a.as_origin().same(o));
        judge(self.relaxations, listed, method, sec_fetch_site, origin, referer)
    }
}

#[cfg(test)]
mod tests {
    use super::super::RequestPolicy;
    use super::*;

    const ALLOWED: &[&str] = &["https://app.example", "http://localhost:8000", "https://[::1]:8443"];

    /// The owned and the borrowed form give one verdict on every combination of headers
    /// and switches the unit tests of `origin` use.
    #[test]
    fn owned_and_borrowed_forms_agree() {
        let methods = ["GET", "POST", "get", "DELETE"];
        let sites =
            [None, Some(""), Some("same-origin"), Some("same-site"), Some("cross-site"), Some("none"), Some("x")];
        let origins = [
            None,
            Some("null"),
            Some("https://app.example"),
            Some("HTTPS://APP.example:443"),
            Some("https://app.example.evil.test"),
            Some("http://localhost:8000"),
            Some("https://[::1]:8443"),
            Some("garbage"),
        ];
        let referers = [None, Some("https://app.example/form"), Some("https://evil.test/?https://app.example")];
        let mut checked = 0;
        for flags in 0..8u8 {
            let (same_site, missing, null) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0);
            let borrowed = RequestPolicy::new(ALLOWED)
                .allow_same_site(same_site)
                .allow_missing_origin(missing)
                .allow_null_origin(null);
            let owned = OwnedRequestPolicy::new(ALLOWED)
                .unwrap()
                .allow_same_site(same_site)
                .allow_missing_origin(missing)
                .allow_null_origin(null);
            for m in methods {
                for s in sites {
                    for o in origins {
                        for r in referers {
                            assert_eq!(
                                owned.check(m, s, o, r),
                                borrowed.check(m, s, o, r),
                                "{flags} {m} {s:?} {o:?} {r:?}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 8 * 4 * 7 * 8 * 3);
    }

    #[test]
    fn every_entry_is_validated_when_built() {
        assert!(OwnedRequestPolicy::new(ALLOWED).is_ok());
        assert!(OwnedRequestPolicy::new(core::iter::empty::<&str>()).is_ok());
        for bad in ["https://app.example/", "app.example", "https://*.example", "ftp://x", "https://a:b@c", ""] {
            assert_eq!(OwnedRequestPolicy::new(["https://app.example", bad]), Err(SessionError::OriginConfig), "{bad}");
            assert_eq!(RequestPolicy::new(&[bad]).validate(), Err(SessionError::OriginConfig), "{bad}");
        }
    }

    #[test]
    fn the_policy_owns_its_origins() {
        let texts: Vec<String> = ALLOWED.iter().map(|s| String::from(*s)).collect();
        let policy = OwnedRequestPolicy::new(&texts).unwrap();
        drop(texts);
        assert_eq!(policy.check("POST", None, Some("https://[::1]:8443"), None).code(), "origin_listed");
    }
}
