//! The request check that runs before any token: does this state-changing
//! request come from our own pages? Fetch Metadata first (W3C Fetch Metadata
//! Request Headers, the resource-isolation policy), then an exact `Origin`
//! match, then `Referer`'s origin only when `Origin` is absent (OWASP CSRF
//! Prevention Cheat Sheet, "Verifying Origin With Standard Headers").
//!
//! A pure function of the request headers and a policy: no allocation, no
//! clock, no I/O, so every binding reaches the same verdict. Origins compare
//! as `(scheme, host, port)` tuples — default ports made explicit, hosts
//! ASCII-case-insensitive — never by string prefix or substring (so
//! `https://example.com.evil.test` is not `https://example.com`).

use super::SessionError;

/// Where a state-changing request may come from.
///
/// ```
/// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
///
/// let allowed = ["https://app.example"];
/// let policy = RequestPolicy::new(&allowed);
/// policy.validate()?; // at startup: every allowed origin is scheme://host[:port]
///
/// // A browser with Fetch Metadata says where the request came from.
/// assert_eq!(policy.check("POST", Some("same-origin"), None, None), RequestVerdict::Allow(Allowed::SameOrigin));
/// assert_eq!(policy.check("POST", Some("cross-site"), None, None), RequestVerdict::Refuse(Refused::CrossSite));
/// // Without it, Origin must match exactly.
/// assert!(policy.check("POST", None, Some("https://app.example"), None).is_allowed());
/// assert!(!policy.check("POST", None, Some("https://app.example.evil.test"), None).is_allowed());
/// // Safe methods always pass: they must not change state.
/// assert!(policy.check("GET", Some("cross-site"), None, None).is_allowed());
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestPolicy<'a> {
    allowed_origins: &'a [&'a str],
    relaxations: Relaxations,
}

/// The switches that relax the strict defaults; both forms of the policy
/// ([`RequestPolicy`] and `OwnedRequestPolicy`) carry them and hand them to
/// [`judge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Relaxations {
    pub(super) same_site: bool,
    pub(super) missing_origin: bool,
    pub(super) null_origin: bool,
}

impl Relaxations {
    /// Nothing relaxed: what `new` gives.
    pub(super) const STRICT: Relaxations = Relaxations { same_site: false, missing_origin: false, null_origin: false };
}

/// Why a request passed.
///
/// ```
/// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
/// let policy = RequestPolicy::new(&["https://app.example"]);
///
/// let verdict = policy.check("POST", None, None, Some("https://app.example/settings?tab=1"));
/// assert_eq!(verdict, RequestVerdict::Allow(Allowed::RefererListed));
/// assert_eq!(policy.check("PUT", Some("none"), None, None), RequestVerdict::Allow(Allowed::UserInitiated));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Allowed {
    /// `GET`, `HEAD`, `OPTIONS` or `TRACE`: must not change state, so not
    /// checked.
    SafeMethod,
    /// `Sec-Fetch-Site: same-origin`.
    SameOrigin,
    /// `Sec-Fetch-Site: none`: the user typed the URL or used a bookmark; no
    /// other site initiated it.
    UserInitiated,
    /// `Sec-Fetch-Site: same-site` from a listed origin, with
    /// [`RequestPolicy::allow_same_site`].
    SameSiteListed,
    /// No Fetch Metadata; `Origin` is a listed origin.
    OriginListed,
    /// No Fetch Metadata and no `Origin`; `Referer`'s origin is listed.
    RefererListed,
    /// No Fetch Metadata, `Origin` or `Referer`, with
    /// [`RequestPolicy::allow_missing_origin`].
    NoOrigin,
    /// `Origin: null` with [`RequestPolicy::allow_null_origin`].
    NullOrigin,
}

/// Why a request was refused.
///
/// ```
/// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
/// let policy = RequestPolicy::new(&["https://app.example"]);
///
/// assert_eq!(policy.check("POST", None, None, None), RequestVerdict::Refuse(Refused::OriginMissing));
/// assert_eq!(policy.check("POST", None, Some("null"), None), RequestVerdict::Refuse(Refused::OriginNull));
/// assert_eq!(policy.check("POST", Some("sideways"), None, None), RequestVerdict::Refuse(Refused::FetchSiteInvalid));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refused {
    /// `Sec-Fetch-Site: cross-site`: another site made the browser send it.
    CrossSite,
    /// `Sec-Fetch-Site: same-site` (a sibling subdomain, which may host user
    /// content) without [`RequestPolicy::allow_same_site`] or from an
    /// origin that is not listed.
    SameSite,
    /// `Sec-Fetch-Site` has a value the standard does not define.
    FetchSiteInvalid,
    /// `Origin` (checked because Fetch Metadata is absent) is not a listed
    /// origin, or not an origin at all.
    OriginMismatch,
    /// `Origin: null` (sandboxed frames, `file:`, some redirects — an
    /// attacker can produce it), without
    /// [`RequestPolicy::allow_null_origin`].
    OriginNull,
    /// Neither Fetch Metadata, `Origin` nor `Referer`, without
    /// [`RequestPolicy::allow_missing_origin`].
    OriginMissing,
    /// No `Origin`, and `Referer`'s origin is not listed.
    RefererMismatch,
}

/// The check's outcome.
///
/// ```
/// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
/// let policy = RequestPolicy::new(&["https://app.example"]);
///
/// match policy.check("DELETE", Some("cross-site"), Some("https://evil.test"), None) {
///     RequestVerdict::Allow(_) => unreachable!(),
///     RequestVerdict::Refuse(why) => assert_eq!(why, Refused::CrossSite), // answer 403, log why.code()
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestVerdict {
    /// Serve the request (and still verify its CSRF token).
    Allow(Allowed),
    /// Answer 403 without running the handler.
    Refuse(Refused),
}

impl Allowed {
    /// Stable snake_case code, shared with the bindings.
    ///
    /// ```
    /// use jwtcore::session::{Allowed, RequestPolicy};
    /// assert_eq!(Allowed::SameOrigin.code(), "same_origin");
    /// let verdict = RequestPolicy::new(&[]).check("HEAD", None, None, None);
    /// assert_eq!(verdict.code(), Allowed::SafeMethod.code());
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Allowed::SafeMethod => "safe_method",
            Allowed::SameOrigin => "same_origin",
            Allowed::UserInitiated => "user_initiated",
            Allowed::SameSiteListed => "same_site_listed",
            Allowed::OriginListed => "origin_listed",
            Allowed::RefererListed => "referer_listed",
            Allowed::NoOrigin => "no_origin",
            Allowed::NullOrigin => "null_origin",
        }
    }
}

impl Refused {
    /// Stable snake_case code, shared with the bindings.
    ///
    /// ```
    /// use jwtcore::session::Refused;
    /// assert_eq!(Refused::OriginMismatch.code(), "origin_mismatch");
    /// assert_eq!(Refused::SameSite.code(), "same_site");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Refused::CrossSite => "cross_site",
            Refused::SameSite => "same_site",
            Refused::FetchSiteInvalid => "fetch_site_invalid",
            Refused::OriginMismatch => "origin_mismatch",
            Refused::OriginNull => "origin_null",
            Refused::OriginMissing => "origin_missing",
            Refused::RefererMismatch => "referer_mismatch",
        }
    }
}

impl RequestVerdict {
    /// Whether the request may proceed.
    ///
    /// ```
    /// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
    /// let policy = RequestPolicy::new(&["https://app.example"]);
    ///
    /// assert!(policy.check("POST", None, Some("https://APP.example:443"), None).is_allowed()); // same origin tuple
    /// assert!(!policy.check("POST", None, Some("http://app.example"), None).is_allowed()); // other scheme
    /// ```
    pub const fn is_allowed(self) -> bool {
        matches!(self, RequestVerdict::Allow(_))
    }

    /// The reason's stable code (`same_origin`, `cross_site`, …).
    ///
    /// ```
    /// use jwtcore::session::{RequestPolicy, RequestVerdict};
    /// let policy = RequestPolicy::new(&["https://app.example"]);
    /// let code = |v: RequestVerdict| v.code();
    /// assert_eq!(code(policy.check("POST", Some("same-origin"), None, None)), "same_origin");
    /// assert_eq!(code(policy.check("POST", None, Some("https://evil.test"), None)), "origin_mismatch");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            RequestVerdict::Allow(a) => a.code(),
            RequestVerdict::Refuse(r) => r.code(),
        }
    }
}

impl<'a> RequestPolicy<'a> {
    /// The strict defaults: only `allowed_origins` (exact
    /// `scheme://host[:port]` strings, e.g. `https://app.example`) count
    /// when Fetch Metadata is absent; `same-site`, a missing and a `null`
    /// `Origin` are refused on unsafe methods.
    ///
    /// ```
    /// use jwtcore::session::{Refused, RequestPolicy, RequestVerdict};
    /// const ORIGINS: &[&str] = &["https://app.example", "https://admin.example:8443"];
    /// let policy = RequestPolicy::new(ORIGINS);
    /// assert!(policy.check("POST", None, Some("https://admin.example:8443"), None).is_allowed());
    /// assert_eq!(policy.check("POST", None, Some("https://admin.example"), None), RequestVerdict::Refuse(Refused::OriginMismatch));
    /// ```
    pub const fn new(allowed_origins: &'a [&'a str]) -> Self {
        RequestPolicy { allowed_origins, relaxations: Relaxations::STRICT }
    }

    /// Accept `Sec-Fetch-Site: same-site` when `Origin` is a listed origin
    /// (list the sibling origins you trust; other subdomains stay refused).
    ///
    /// ```
    /// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
    /// let origins = ["https://app.example", "https://www.example"];
    /// let strict = RequestPolicy::new(&origins);
    /// let relaxed = strict.allow_same_site(true);
    /// let from_www = (Some("same-site"), Some("https://www.example"));
    /// assert_eq!(strict.check("POST", from_www.0, from_www.1, None), RequestVerdict::Refuse(Refused::SameSite));
    /// assert_eq!(relaxed.check("POST", from_www.0, from_www.1, None), RequestVerdict::Allow(Allowed::SameSiteListed));
    /// // An unlisted sibling (user content?) stays refused.
    /// assert!(!relaxed.check("POST", Some("same-site"), Some("https://uploads.example"), None).is_allowed());
    /// ```
    #[must_use]
    pub const fn allow_same_site(self, allow: bool) -> Self {
        RequestPolicy { relaxations: Relaxations { same_site: allow, ..self.relaxations }, ..self }
    }

    /// Accept unsafe requests with no Fetch Metadata, `Origin` or `Referer`
    /// (non-browser clients, very old browsers). Browsers that send cookies
    /// cross-site send `Origin` on unsafe requests, so this mainly admits
    /// scripts and API clients; keep the CSRF token check on.
    ///
    /// ```
    /// use jwtcore::session::{Allowed, RequestPolicy, RequestVerdict};
    /// let policy = RequestPolicy::new(&["https://app.example"]).allow_missing_origin(true);
    /// // curl or an API client: no Fetch Metadata, Origin or Referer.
    /// assert_eq!(policy.check("POST", None, None, None), RequestVerdict::Allow(Allowed::NoOrigin));
    /// ```
    #[must_use]
    pub const fn allow_missing_origin(self, allow: bool) -> Self {
        RequestPolicy { relaxations: Relaxations { missing_origin: allow, ..self.relaxations }, ..self }
    }

    /// Accept `Origin: null`. An attacker's sandboxed iframe sends exactly
    /// this, so turn it on only if a token check follows.
    ///
    /// ```
    /// use jwtcore::session::{Allowed, RequestPolicy, RequestVerdict};
    /// let policy = RequestPolicy::new(&["https://app.example"]).allow_null_origin(true);
    /// assert_eq!(policy.check("POST", None, Some("null"), None), RequestVerdict::Allow(Allowed::NullOrigin));
    /// ```
    #[must_use]
    pub const fn allow_null_origin(self, allow: bool) -> Self {
        RequestPolicy { relaxations: Relaxations { null_origin: allow, ..self.relaxations }, ..self }
    }

    /// Checks that every allowed origin is a bare `http(s)://host[:port]`
    /// (no path, trailing slash, userinfo, query or fragment): such an entry
    /// would never match and silently refuse everything.
    ///
    /// # Errors
    /// [`SessionError::OriginConfig`].
    ///
    /// ```
    /// use jwtcore::session::{RequestPolicy, SessionError};
    /// assert!(RequestPolicy::new(&["https://app.example", "http://localhost:8080"]).validate().is_ok());
    /// // A trailing slash would never match any Origin header.
    /// assert_eq!(RequestPolicy::new(&["https://app.example/"]).validate(), Err(SessionError::OriginConfig));
    /// ```
    pub fn validate(&self) -> Result<(), SessionError> {
        if self.allowed_origins.iter().all(|o| Origin::parse(o).is_some()) {
            Ok(())
        } else {
            Err(SessionError::OriginConfig)
        }
    }

    /// The verdict for a request. Pass header values as received (`None`
    /// for an absent header; an empty value counts as absent). `method` is
    /// case-sensitive, as in HTTP: `get` is not a safe method.
    ///
    /// ```
    /// use jwtcore::session::{Allowed, Refused, RequestPolicy, RequestVerdict};
    /// let policy = RequestPolicy::new(&["https://app.example"]);
    ///
    /// // Header values as received; `None` for an absent header.
    /// let verdict = policy.check("POST", Some("cross-site"), Some("https://evil.test"), None);
    /// assert_eq!(verdict, RequestVerdict::Refuse(Refused::CrossSite));
    /// assert_eq!(verdict.code(), "cross_site");
    /// // Methods are case-sensitive: `get` is not a safe method.
    /// assert!(!policy.check("get", Some("cross-site"), None, None).is_allowed());
    /// ```
    pub fn check(
        &self,
        method: &str,
        sec_fetch_site: Option<&str>,
        origin: Option<&str>,
        referer: Option<&str>,
    ) -> RequestVerdict {
        judge(self.relaxations, |o| self.is_listed(o), method, sec_fetch_site, origin, referer)
    }

    fn is_listed(&self, origin: &Origin<'_>) -> bool {
        // The borrowed form keeps no parsed copy (it allocates nothing); the
        // owned form parses its list once, when built.
        self.allowed_origins.iter().filter_map(|a| Origin::parse(a)).any(|a| a.same(origin))
    }
}

/// The verdict of both policy forms, which differ only in how they hold the
/// allowed origins: `listed` says whether a parsed origin is one of them.
pub(super) fn judge(
    relaxations: Relaxations,
    listed: impl Fn(&Origin<'_>) -> bool,
    method: &str,
    sec_fetch_site: Option<&str>,
    origin: Option<&str>,
    referer: Option<&str>,
) -> RequestVerdict {
    use RequestVerdict::{Allow, Refuse};
    let is_listed = |text: &str| Origin::parse(text).is_some_and(|o| listed(&o));
    let (fetch_site, origin, referer) = (present(sec_fetch_site), present(origin), present(referer));
    if matches!(method, "GET" | "HEAD" | "OPTIONS" | "TRACE") {
        return Allow(Allowed::SafeMethod);
    }
    if let Some(site) = fetch_site {
        // Browsers set Sec-Fetch-Site themselves (a forbidden header name),
        // so when present it is the most precise evidence there is.
        return match site {
            "same-origin" => Allow(Allowed::SameOrigin),
            "none" => Allow(Allowed::UserInitiated),
            "same-site" if relaxations.same_site && origin.is_some_and(is_listed) => Allow(Allowed::SameSiteListed),
            "same-site" => Refuse(Refused::SameSite),
            "cross-site" => Refuse(Refused::CrossSite),
            _ => Refuse(Refused::FetchSiteInvalid),
        };
    }
    match (origin, referer) {
        (Some("null"), _) if relaxations.null_origin => Allow(Allowed::NullOrigin),
        (Some("null"), _) => Refuse(Refused::OriginNull),
        (Some(o), _) if is_listed(o) => Allow(Allowed::OriginListed),
        (Some(_), _) => Refuse(Refused::OriginMismatch),
        // Referer is only a fallback: it is stripped by Referrer-Policy and
        // privacy tools more often than Origin is.
        (None, Some(r)) if referer_origin(r).is_some_and(|o| listed(&o)) => Allow(Allowed::RefererListed),
        (None, Some(_)) => Refuse(Refused::RefererMismatch),
        (None, None) if relaxations.missing_origin => Allow(Allowed::NoOrigin),
        (None, None) => Refuse(Refused::OriginMissing),
    }
}

/// An empty header value counts as absent.
fn present(header: Option<&str>) -> Option<&str> {
    header.filter(|v| !v.is_empty())
}

/// A parsed `scheme://host[:port]` (the serialization of a tuple origin).
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin<'a> {
    pub(super) https: bool,
    pub(super) host: &'a str,
    pub(super) port: u16,
}

impl<'a> Origin<'a> {
    /// Parses exactly `http(s)://host[:port]`; anything else (a path, a
    /// trailing slash, userinfo, an empty or non-ASCII host, port 0) is not
    /// an origin.
    pub(super) fn parse(text: &'a str) -> Option<Self> {
        let (scheme, rest) = text.split_once("://")?;
        let https = if scheme.eq_ignore_ascii_case("https") {
            true
        } else if scheme.eq_ignore_ascii_case("http") {
            false
        } else {
            return None;
        };
        let (host, port) = if rest.starts_with('[') {
            // IPv6 literal: the port separator is after the closing bracket.
            let close = rest.find(']')?;
            let (host, after) = rest.split_at(close + 1);
            let inner = host.get(1..close)?;
            if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
                return None;
            }
            (host, if after.is_empty() { None } else { Some(after.strip_prefix(':')?) })
        } else {
            let (host, port) = match rest.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (rest, None),
            };
            if host.is_empty() || !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
                return None;
            }
            (host, port)
        };
        let default = if https { 443 } else { 80 };
        let port = match port {
            None => default,
            Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u16>().ok().filter(|&n| n != 0)?
            }
            Some(_) => return None,
        };
        Some(Origin { https, host, port })
    }

    pub(super) fn same(&self, other: &Origin<'_>) -> bool {
        self.https == other.https && self.port == other.port && self.host.eq_ignore_ascii_case(other.host)
    }
}

/// The origin of a `Referer` URL: everything before the first `/`, `?` or
/// `#` after the scheme separator.
fn referer_origin(referer: &str) -> Option<Origin<'_>> {
    let start = referer.find("://")? + 3;
    let after = referer.get(start..)?;
    let end = after.find(['/', '?', '#']).map_or(referer.len(), |i| start + i);
    Origin::parse(referer.get(..end)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: &[&str] = &["https://app.example", "http://localhost:8000", "https://[::1]:8443"];

    fn verdict(policy: &RequestPolicy<'_>, m: &str, s: Option<&str>, o: Option<&str>, r: Option<&str>) -> &'static str {
        policy.check(m, s, o, r).code()
    }

    #[test]
    fn safe_methods_pass_unsafe_follow_fetch_metadata() {
        let p = RequestPolicy::new(ALLOWED);
        for m in ["GET", "HEAD", "OPTIONS", "TRACE"] {
            assert_eq!(verdict(&p, m, Some("cross-site"), Some("https://evil.test"), None), "safe_method");
        }
        for m in ["POST", "PUT", "PATCH", "DELETE", "get", "PROPFIND"] {
            assert_eq!(verdict(&p, m, Some("cross-site"), None, None), "cross_site", "{m}");
            assert_eq!(verdict(&p, m, Some("same-origin"), None, None), "same_origin");
            assert_eq!(verdict(&p, m, Some("none"), None, None), "user_initiated");
            assert_eq!(verdict(&p, m, Some("same-site"), Some("https://app.example"), None), "same_site");
            assert_eq!(verdict(&p, m, Some("Same-Origin"), None, None), "fetch_site_invalid");
        }
        // Fetch Metadata wins over a listed Origin.
        assert_eq!(verdict(&p, "POST", Some("cross-site"), Some("https://app.example"), None), "cross_site");
    }

    #[test]
    fn same_site_needs_option_and_listed_origin() {
        let p = RequestPolicy::new(ALLOWED).allow_same_site(true);
        assert_eq!(verdict(&p, "POST", Some("same-site"), Some("https://app.example"), None), "same_site_listed");
        assert_eq!(verdict(&p, "POST", Some("same-site"), Some("https://ugc.example"), None), "same_site");
        assert_eq!(verdict(&p, "POST", Some("same-site"), None, None), "same_site");
    }

    #[test]
    fn origin_matching_is_exact_and_canonical() {
        let p = RequestPolicy::new(ALLOWED);
        let o = |origin: &str| verdict(&p, "POST", None, Some(origin), None);
        assert_eq!(o("https://app.example"), "origin_listed");
        assert_eq!(o("https://APP.example"), "origin_listed");
        assert_eq!(o("HTTPS://app.example:443"), "origin_listed");
        assert_eq!(o("http://localhost:8000"), "origin_listed");
        assert_eq!(o("https://[::1]:8443"), "origin_listed");
        for bad in [
            "http://app.example",
            "https://app.example:444",
            "https://app.example.evil.test",
            "https://evil.app.example",
            "https://app.exampl",
            "https://app.example/",
            "https://app.example/path",
            "https://user@app.example",
            "https://app.example:",
            "https://app.example:0443x",
            "http://localhost",
            "http://localhost:80000",
            "app.example",
            "https://app.example ",
            "https://app.example, https://evil.test",
            "https://[::1]",
        ] {
            assert_eq!(o(bad), "origin_mismatch", "{bad}");
        }
        assert_eq!(o("null"), "origin_null");
        assert_eq!(verdict(&p.allow_null_origin(true), "POST", None, Some("null"), None), "null_origin");
    }

    #[test]
    fn referer_only_as_fallback() {
        let p = RequestPolicy::new(ALLOWED);
        let r = |o: Option<&str>, referer: &str| verdict(&p, "POST", None, o, Some(referer));
        assert_eq!(r(None, "https://app.example/form?x=1"), "referer_listed");
        assert_eq!(r(None, "https://app.example"), "referer_listed");
        assert_eq!(r(None, "https://app.example#top"), "referer_listed");
        assert_eq!(r(None, "https://app.example.evil.test/https://app.example/"), "referer_mismatch");
        assert_eq!(r(None, "https://evil.test/?next=https://app.example"), "referer_mismatch");
        assert_eq!(r(None, "garbage"), "referer_mismatch");
        // Origin present: Referer is not consulted.
        assert_eq!(r(Some("https://evil.test"), "https://app.example/"), "origin_mismatch");
        assert_eq!(r(Some("null"), "https://app.example/"), "origin_null");
    }

    #[test]
    fn missing_origin_is_refused_unless_configured() {
        let p = RequestPolicy::new(ALLOWED);
        assert_eq!(verdict(&p, "POST", None, None, None), "origin_missing");
        assert_eq!(verdict(&p, "POST", Some(""), Some(""), Some("")), "origin_missing");
        let lax = p.allow_missing_origin(true);
        assert_eq!(verdict(&lax, "POST", None, None, None), "no_origin");
        assert_eq!(verdict(&lax, "POST", None, None, Some("https://evil.test/")), "referer_mismatch");
    }

    #[test]
    fn policy_validation() {
        assert!(RequestPolicy::new(ALLOWED).validate().is_ok());
        assert!(RequestPolicy::new(&[]).validate().is_ok());
        for bad in ["https://app.example/", "app.example", "https://*.example", "ftp://x", "https://a:b@c"] {
            assert_eq!(RequestPolicy::new(&[bad]).validate(), Err(SessionError::OriginConfig), "{bad}");
        }
        assert!(
            !RequestPolicy::new(&["https://app.example/"])
                .check("POST", None, Some("https://app.example"), None)
                .is_allowed()
        );
    }
}
