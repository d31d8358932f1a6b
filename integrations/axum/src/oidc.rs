//! OpenID Connect discovery: from an issuer URL to its key set.
//!
//! [`Discovery::fetch`] reads `<issuer>/.well-known/openid-configuration` (OpenID Connect
//! Discovery 1.0 §4), requires its `issuer` to equal the configured issuer exactly (§4.3: this is
//! what stops one provider from vouching for another's tokens), and returns its `jwks_uri`, which
//! [`ProviderMetadata::jwks`] turns into a [`RemoteJwks`]. The fetch has the same bounds as a JWKS
//! fetch: HTTPS (or loopback HTTP after opting in), no redirects, a timeout and a size cap.

use std::time::Duration;

use crate::remote_jwks::{Fetcher, RemoteJwks, RemoteJwksBuilder, RemoteJwksError, checked_url};

/// Settings for discovering an issuer's metadata.
///
/// ```no_run
/// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
/// use jwtcore::Validation;
/// use jwtcore_axum::{JwtConfig, oidc::Discovery};
///
/// // `Validation<'static>` borrows its issuer list, so it lives in a static.
/// static ISSUERS: &[&str] = &["https://login.example.com"];
/// let metadata = Discovery::new(ISSUERS[0]).fetch().await?;
/// let config = JwtConfig::remote(metadata.jwks().build()?, Validation::new().issuer(ISSUERS));
/// # let _ = config;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Discovery {
    issuer: String,
    allow_http_loopback: bool,
    timeout: Duration,
    max_bytes: usize,
}

impl Discovery {
    /// Discovery for `issuer`, exactly as it appears in tokens' `iss` (scheme, host, path;
    /// a trailing slash counts).
    ///
    /// ```
    /// let d = jwtcore_axum::oidc::Discovery::new("https://login.example.com/tenant-1");
    /// assert_eq!(d.configuration_url(), "https://login.example.com/tenant-1/.well-known/openid-configuration");
    /// ```
    pub fn new(issuer: &str) -> Self {
        Discovery {
            issuer: issuer.to_owned(),
            allow_http_loopback: false,
            timeout: Duration::from_secs(5),
            max_bytes: 64 * 1024,
        }
    }

    /// Allows an `http://` issuer and `jwks_uri` on a loopback address (tests, local development).
    ///
    /// ```
    /// let d = jwtcore_axum::oidc::Discovery::new("http://127.0.0.1:9000").allow_http_loopback();
    /// # let _ = d;
    /// ```
    pub fn allow_http_loopback(self) -> Self {
        Discovery { allow_http_loopback: true, ..self }
    }

    /// The limit on the fetch. Default 5 seconds.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let d = jwtcore_axum::oidc::Discovery::new("https://a.example").timeout(Duration::from_secs(2));
    /// # let _ = d;
    /// ```
    pub fn timeout(self, timeout: Duration) -> Self {
        Discovery { timeout, ..self }
    }

    /// The largest configuration document accepted, in bytes. Default 64 KiB.
    ///
    /// ```
    /// let d = jwtcore_axum::oidc::Discovery::new("https://a.example").max_bytes(16 * 1024);
    /// # let _ = d;
    /// ```
    pub fn max_bytes(self, max_bytes: usize) -> Self {
        Discovery { max_bytes, ..self }
    }

    /// The URL fetched: the issuer without its trailing slash, then
    /// `/.well-known/openid-configuration`.
    ///
    /// ```
    /// let d = jwtcore_axum::oidc::Discovery::new("https://a.example/");
    /// assert_eq!(d.configuration_url(), "https://a.example/.well-known/openid-configuration");
    /// ```
    pub fn configuration_url(&self) -> String {
        format!("{}/.well-known/openid-configuration", self.issuer.trim_end_matches('/'))
    }

    /// Fetches and checks the configuration document.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let metadata = jwtcore_axum::oidc::Discovery::new("https://login.example.com").fetch().await?;
    /// assert!(metadata.jwks_uri().starts_with("https://"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`RemoteJwksError::IssuerMismatch`] when the document names another issuer;
    /// [`RemoteJwksError::InvalidDocument`] when it is not a JSON object or lacks a string `issuer`
    /// or `jwks_uri`; [`RemoteJwksError::InsecureUrl`] / [`RemoteJwksError::InvalidUrl`] for the
    /// issuer or the `jwks_uri`; the fetch errors of [`RemoteJwks`].
    pub async fn fetch(&self) -> Result<ProviderMetadata, RemoteJwksError> {
        let url = checked_url(&self.configuration_url(), self.allow_http_loopback)?;
        let fetcher = Fetcher::new(self.allow_http_loopback, self.timeout, self.max_bytes)?;
        let text = fetcher.get_text(&url).await?;
        let document: serde_json::Value =
            serde_json::from_str(&text).map_err(|_| RemoteJwksError::InvalidDocument("not JSON"))?;
        let object = document.as_object().ok_or(RemoteJwksError::InvalidDocument("not a JSON object"))?;
        let issuer = object
            .get("issuer")
            .and_then(|v| v.as_str())
            .ok_or(RemoteJwksError::InvalidDocument("no string member \"issuer\""))?;
        // Exact comparison, no normalisation: tokens are checked against the configured string.
        if issuer != self.issuer {
            return Err(RemoteJwksError::IssuerMismatch { expected: self.issuer.clone(), found: issuer.to_owned() });
        }
        let jwks_uri = object
            .get("jwks_uri")
            .and_then(|v| v.as_str())
            .ok_or(RemoteJwksError::InvalidDocument("no string member \"jwks_uri\""))?;
        checked_url(jwks_uri, self.allow_http_loopback)?;
        Ok(ProviderMetadata {
            issuer: issuer.to_owned(),
            jwks_uri: jwks_uri.to_owned(),
            allow_http_loopback: self.allow_http_loopback,
        })
    }

    /// [`fetch`](Self::fetch), then a [`RemoteJwks`] on the `jwks_uri` with default settings.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let jwks = jwtcore_axum::oidc::Discovery::new("https://login.example.com").remote_jwks().await?;
    /// # let _ = jwks;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`fetch`](Self::fetch).
    pub async fn remote_jwks(&self) -> Result<RemoteJwks, RemoteJwksError> {
        self.fetch().await?.jwks().build()
    }
}

/// The checked part of an issuer's OpenID configuration.
///
/// ```no_run
/// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
/// let metadata = jwtcore_axum::oidc::Discovery::new("https://login.example.com").fetch().await?;
/// assert_eq!(metadata.issuer(), "https://login.example.com");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderMetadata {
    issuer: String,
    jwks_uri: String,
    allow_http_loopback: bool,
}

impl ProviderMetadata {
    /// The issuer, equal to the configured one.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let metadata = jwtcore_axum::oidc::Discovery::new("https://login.example.com").fetch().await?;
    /// println!("{}", metadata.issuer());
    /// # Ok(()) }
    /// ```
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Where the provider publishes its keys.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let metadata = jwtcore_axum::oidc::Discovery::new("https://login.example.com").fetch().await?;
    /// println!("{}", metadata.jwks_uri());
    /// # Ok(()) }
    /// ```
    pub fn jwks_uri(&self) -> &str {
        &self.jwks_uri
    }

    /// A [`RemoteJwks`] builder for the `jwks_uri` (carrying the loopback opt-in, if any), to set
    /// the TTL and cooldown before [`build`](RemoteJwksBuilder::build).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let metadata = jwtcore_axum::oidc::Discovery::new("https://login.example.com").fetch().await?;
    /// let jwks = metadata.jwks().cooldown(std::time::Duration::from_secs(60)).build()?;
    /// # let _ = jwks;
    /// # Ok(()) }
    /// ```
    pub fn jwks(&self) -> RemoteJwksBuilder {
        let builder = RemoteJwks::builder(&self.jwks_uri);
        if self.allow_http_loopback { builder.allow_http_loopback() } else { builder }
    }
}
