//! A provider's key set fetched from its JWKS URL, cached, and refetched when it rotates.
//!
//! [`RemoteJwks`] keeps the last good [`KeySet`] and refetches it when
//!
//! - its time to live has passed (the next request waits for the fetch), or
//! - a token names a key the set does not hold (a rotation), at most once per cooldown window, so
//!   a flood of tokens with made-up `kid`s costs the provider one request per window.
//!
//! Concurrent requests that need a fetch share one: the first fetches, the others wait for it and
//! use its result. A failed fetch keeps serving the last good set until it is older than
//! `max_stale`, and is reported through [`RemoteJwks::last_error`]; after that, verification fails
//! with the fetch error instead of trusting keys that may since have been revoked.
//!
//! Every fetch is bounded: HTTPS only (plain `http://` only to a loopback address, and only after
//! [`RemoteJwksBuilder::allow_http_loopback`]), no redirects followed, a timeout, and a cap on the
//! body size. Keys go through [`KeySet::from_jwks`], so `oct` secrets in the document are skipped.

use std::fmt;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use jwtcore::keys::KeySet;
use reqwest::{StatusCode, Url};

/// A time source for the cache, as the time elapsed since some fixed origin.
///
/// The default is monotonic ([`Instant`]), so a wall-clock jump neither expires nor freezes the
/// cache. Tests supply their own to step through TTL and cooldown windows without sleeping.
pub type Clock = Arc<dyn Fn() -> Duration + Send + Sync>;

/// Why a JWKS (or OpenID configuration) could not be fetched or used.
///
/// ```
/// use jwtcore_axum::remote_jwks::{RemoteJwks, RemoteJwksError};
/// let err = RemoteJwks::new("http://keys.example.com/jwks.json").unwrap_err();
/// assert_eq!(err, RemoteJwksError::InsecureUrl);
/// assert_eq!(err.code(), "jwks_insecure_url");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RemoteJwksError {
    /// The URL does not parse or has no host.
    InvalidUrl,
    /// The URL is not `https://`. Plain HTTP is allowed only to a loopback address, after
    /// [`RemoteJwksBuilder::allow_http_loopback`] (for tests and local development).
    InsecureUrl,
    /// The HTTP client could not be built (for example no usable TLS trust store on the host).
    Client(String),
    /// The server did not answer within the timeout.
    Timeout,
    /// Connecting or reading failed (DNS, TCP, TLS or a broken response).
    Transport(String),
    /// The server answered with a redirect; redirects are never followed, so that the keys come
    /// from the configured origin only. Configure the final URL instead.
    Redirect(u16),
    /// The server answered with a non-success status.
    Status(u16),
    /// The body is larger than the configured limit ([`RemoteJwksBuilder::max_bytes`]).
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not UTF-8 text.
    NotUtf8,
    /// The body is not a JWKS document jwtcore accepts; the code is [`jwtcore::Error::code`].
    Jwks(&'static str),
    /// The body is not the JSON document expected (OpenID discovery).
    InvalidDocument(&'static str),
    /// The OpenID configuration names another issuer than the one configured.
    IssuerMismatch {
        /// The issuer configured.
        expected: String,
        /// The `issuer` the document names.
        found: String,
    },
    /// Nothing has been fetched yet, or the last good set is older than `max_stale`, and the
    /// last fetch failed with the error inside.
    Unavailable(Box<RemoteJwksError>),
}

impl RemoteJwksError {
    /// A stable snake_case code for logs and JSON bodies.
    ///
    /// ```
    /// use jwtcore_axum::remote_jwks::RemoteJwksError;
    /// assert_eq!(RemoteJwksError::TooLarge { limit: 1 }.code(), "jwks_too_large");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RemoteJwksError::InvalidUrl => "jwks_invalid_url",
            RemoteJwksError::InsecureUrl => "jwks_insecure_url",
            RemoteJwksError::Client(_) => "jwks_client",
            RemoteJwksError::Timeout => "jwks_timeout",
            RemoteJwksError::Transport(_) => "jwks_transport",
            RemoteJwksError::Redirect(_) => "jwks_redirect",
            RemoteJwksError::Status(_) => "jwks_http_status",
            RemoteJwksError::TooLarge { .. } => "jwks_too_large",
            RemoteJwksError::NotUtf8 => "jwks_not_utf8",
            RemoteJwksError::Jwks(_) => "jwks_invalid",
            RemoteJwksError::InvalidDocument(_) => "oidc_invalid_document",
            RemoteJwksError::IssuerMismatch { .. } => "oidc_issuer_mismatch",
            RemoteJwksError::Unavailable(_) => "jwks_unavailable",
        }
    }
}

impl fmt::Display for RemoteJwksError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemoteJwksError::InvalidUrl => f.write_str("the URL does not parse or has no host"),
            RemoteJwksError::InsecureUrl => f.write_str(
                "the URL is not https://; plain http is allowed only to 127.0.0.1, ::1 or localhost \
                 after allow_http_loopback()",
            ),
            RemoteJwksError::Client(why) => write!(f, "the HTTP client could not be built: {why}"),
            RemoteJwksError::Timeout => f.write_str("the server did not answer within the timeout"),
            RemoteJwksError::Transport(why) => write!(f, "the request failed: {why}"),
            RemoteJwksError::Redirect(status) => write!(
                f,
                "the server answered with redirect {status}; redirects are not followed, configure the final URL"
            ),
            RemoteJwksError::Status(status) => write!(f, "the server answered with HTTP status {status}"),
            RemoteJwksError::TooLarge { limit } => {
                write!(f, "the body is larger than {limit} bytes; raise max_bytes if the provider needs more")
            }
            RemoteJwksError::NotUtf8 => f.write_str("the body is not UTF-8 text"),
            RemoteJwksError::Jwks(code) => write!(f, "the body is not an accepted JWKS document ({code})"),
            RemoteJwksError::InvalidDocument(why) => write!(f, "the OpenID configuration is not usable: {why}"),
            RemoteJwksError::IssuerMismatch { expected, found } => write!(
                f,
                "the OpenID configuration names issuer {found:?}, not the configured {expected:?} (they must be equal, byte for byte)"
            ),
            RemoteJwksError::Unavailable(cause) => {
                write!(f, "no key set recent enough to trust; the last fetch failed: {cause}")
            }
        }
    }
}

impl std::error::Error for RemoteJwksError {}

/// Settings for a [`RemoteJwks`], from [`RemoteJwks::builder`].
///
/// ```
/// use std::time::Duration;
/// use jwtcore_axum::remote_jwks::RemoteJwks;
/// let jwks = RemoteJwks::builder("https://login.example.com/.well-known/jwks.json")
///     .ttl(Duration::from_secs(600))
///     .cooldown(Duration::from_secs(30))
///     .build()?;
/// # let _ = jwks;
/// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
/// ```
#[must_use]
pub struct RemoteJwksBuilder {
    url: String,
    ttl: Duration,
    cooldown: Duration,
    max_stale: Duration,
    timeout: Duration,
    max_bytes: usize,
    allow_http_loopback: bool,
    clock: Option<Clock>,
}

impl fmt::Debug for RemoteJwksBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteJwksBuilder")
            .field("url", &self.url)
            .field("ttl", &self.ttl)
            .field("cooldown", &self.cooldown)
            .field("max_stale", &self.max_stale)
            .field("timeout", &self.timeout)
            .field("max_bytes", &self.max_bytes)
            .field("allow_http_loopback", &self.allow_http_loopback)
            .finish_non_exhaustive()
    }
}

impl RemoteJwksBuilder {
    /// How long a fetched set is used before the next request refetches it. Default 10 minutes.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks").ttl(Duration::from_secs(60));
    /// # let _ = b;
    /// ```
    pub fn ttl(self, ttl: Duration) -> Self {
        RemoteJwksBuilder { ttl, ..self }
    }

    /// The least time between two fetches caused by unknown `kid`s (or by retrying after a
    /// failure). Default 30 seconds.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks").cooldown(Duration::from_secs(5));
    /// # let _ = b;
    /// ```
    pub fn cooldown(self, cooldown: Duration) -> Self {
        RemoteJwksBuilder { cooldown, ..self }
    }

    /// How old the last good set may grow while refetches fail before it is no longer used.
    /// Default 24 hours.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks").max_stale(Duration::from_secs(3600));
    /// # let _ = b;
    /// ```
    pub fn max_stale(self, max_stale: Duration) -> Self {
        RemoteJwksBuilder { max_stale, ..self }
    }

    /// The limit on one fetch, connection included. Default 5 seconds.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks").timeout(Duration::from_secs(2));
    /// # let _ = b;
    /// ```
    pub fn timeout(self, timeout: Duration) -> Self {
        RemoteJwksBuilder { timeout, ..self }
    }

    /// The largest body accepted, in bytes. Default 256 KiB (provider documents are a few KiB).
    ///
    /// ```
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks").max_bytes(64 * 1024);
    /// # let _ = b;
    /// ```
    pub fn max_bytes(self, max_bytes: usize) -> Self {
        RemoteJwksBuilder { max_bytes, ..self }
    }

    /// Allows `http://` URLs whose host is `127.0.0.1`, `::1` or `localhost` (tests, local
    /// development). Other plain-HTTP URLs stay refused: keys fetched in clear text can be
    /// replaced by anyone on the path.
    ///
    /// ```
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::builder("http://127.0.0.1:8080/jwks")
    ///     .allow_http_loopback()
    ///     .build();
    /// assert!(jwks.is_ok());
    /// ```
    pub fn allow_http_loopback(self) -> Self {
        RemoteJwksBuilder { allow_http_loopback: true, ..self }
    }

    /// Replaces the monotonic clock, for tests that step through TTL and cooldown windows.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use std::time::Duration;
    /// let b = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://a.example/jwks")
    ///     .clock(Arc::new(|| Duration::from_secs(100)));
    /// # let _ = b;
    /// ```
    pub fn clock(self, clock: Clock) -> Self {
        RemoteJwksBuilder { clock: Some(clock), ..self }
    }

    /// Checks the URL and builds the HTTP client. Nothing is fetched until the first use.
    ///
    /// ```
    /// use jwtcore_axum::remote_jwks::{RemoteJwks, RemoteJwksError};
    /// assert_eq!(RemoteJwks::builder("not a url").build().unwrap_err(), RemoteJwksError::InvalidUrl);
    /// ```
    ///
    /// # Errors
    /// [`RemoteJwksError::InvalidUrl`], [`RemoteJwksError::InsecureUrl`], or
    /// [`RemoteJwksError::Client`] when the TLS configuration cannot be built.
    pub fn build(self) -> Result<RemoteJwks, RemoteJwksError> {
        let url = checked_url(&self.url, self.allow_http_loopback)?;
        let fetcher = Fetcher::new(self.allow_http_loopback, self.timeout, self.max_bytes)?;
        let clock = self.clock.unwrap_or_else(|| {
            let origin = Instant::now();
            Arc::new(move || origin.elapsed())
        });
        Ok(RemoteJwks {
            inner: Arc::new(Inner {
                url,
                fetcher,
                ttl: self.ttl,
                cooldown: self.cooldown,
                max_stale: self.max_stale,
                clock,
                current: RwLock::new(None),
                fetch_lock: tokio::sync::Mutex::new(None),
                last_error: Mutex::new(None),
                fetches: AtomicU64::new(0),
            }),
        })
    }
}

/// Parses `url` and enforces HTTPS (or loopback HTTP when allowed).
pub(crate) fn checked_url(url: &str, allow_http_loopback: bool) -> Result<Url, RemoteJwksError> {
    let url = Url::parse(url).map_err(|_| RemoteJwksError::InvalidUrl)?;
    let host = url.host_str().ok_or(RemoteJwksError::InvalidUrl)?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_http_loopback => {
            // IPv6 hosts come bracketed ("[::1]").
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            let loopback =
                bare.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if loopback { Ok(url) } else { Err(RemoteJwksError::InsecureUrl) }
        }
        _ => Err(RemoteJwksError::InsecureUrl),
    }
}

/// One bounded HTTP GET: no redirects, a timeout, a body cap, TLS through rustls with `ring`.
#[derive(Debug, Clone)]
pub(crate) struct Fetcher {
    client: reqwest::Client,
    max_bytes: usize,
}

impl Fetcher {
    pub(crate) fn new(allow_http_loopback: bool, timeout: Duration, max_bytes: usize) -> Result<Self, RemoteJwksError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        // The OS trust store, so that a corporate CA installed on the host is honoured as it is by
        // every other client there.
        let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
            .map_err(|e| RemoteJwksError::Client(e.to_string()))?;
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| RemoteJwksError::Client(e.to_string()))?
            .dangerous() // only to plug in the platform verifier; certificates are still verified
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .https_only(!allow_http_loopback);
        if allow_http_loopback {
            // A proxy from the environment would turn a loopback fetch into a remote one.
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| RemoteJwksError::Client(e.to_string()))?;
        Ok(Fetcher { client, max_bytes })
    }

    /// GETs `url` and returns its body as text.
    pub(crate) async fn get_text(&self, url: &Url) -> Result<String, RemoteJwksError> {
        let mut response = self.client.get(url.clone()).send().await.map_err(transport)?;
        let status = response.status();
        if status.is_redirection() {
            return Err(RemoteJwksError::Redirect(status.as_u16()));
        }
        if status != StatusCode::OK {
            return Err(RemoteJwksError::Status(status.as_u16()));
        }
        let limit = self.max_bytes;
        // Refuse early when the length is announced; count anyway, as it may be absent or a lie.
        if response.content_length().is_some_and(|len| len > limit as u64) {
            return Err(RemoteJwksError::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > limit {
                return Err(RemoteJwksError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|_| RemoteJwksError::NotUtf8)
    }
}

fn transport(e: reqwest::Error) -> RemoteJwksError {
    if e.is_timeout() {
        return RemoteJwksError::Timeout;
    }
    // reqwest's own message is only "error sending request"; the cause (refused connection,
    // unknown certificate issuer, …) is further down the chain and is what an operator needs.
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    RemoteJwksError::Transport(message)
}

/// A JWKS URL's key set with a TTL cache and an unknown-`kid` cooldown. Cloning is cheap and
/// clones share the cache.
///
/// Use it with [`JwtConfig::remote`](crate::JwtConfig::remote) so [`Bearer`](crate::Bearer)
/// verifies against it, or call [`keys`](Self::keys) yourself.
///
/// ```no_run
/// use jwtcore::Validation;
/// use jwtcore_axum::JwtConfig;
/// use jwtcore_axum::remote_jwks::RemoteJwks;
///
/// let jwks = RemoteJwks::new("https://login.example.com/.well-known/jwks.json")?;
/// let config = JwtConfig::remote(jwks, Validation::new().issuer(&["https://login.example.com"]));
/// # let _ = config;
/// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
/// ```
#[derive(Clone)]
pub struct RemoteJwks {
    inner: Arc<Inner>,
}

struct Inner {
    url: Url,
    fetcher: Fetcher,
    ttl: Duration,
    cooldown: Duration,
    max_stale: Duration,
    clock: Clock,
    /// The last good set; read on every request, so a plain lock held only to clone an `Arc`.
    current: RwLock<Option<Cached>>,
    /// Held for the whole of a fetch so that concurrent callers share it; holds the time of the
    /// last fetch attempt (successful or not), which the cooldown is measured from.
    fetch_lock: tokio::sync::Mutex<Option<Duration>>,
    last_error: Mutex<Option<RemoteJwksError>>,
    fetches: AtomicU64,
}

#[derive(Clone)]
struct Cached {
    keys: Arc<KeySet>,
    fetched_at: Duration,
}

impl fmt::Debug for RemoteJwks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteJwks")
            .field("url", &self.inner.url.as_str())
            .field("ttl", &self.inner.ttl)
            .field("cooldown", &self.inner.cooldown)
            .field("max_stale", &self.inner.max_stale)
            .finish_non_exhaustive()
    }
}

impl RemoteJwks {
    /// A key set at `url` with the default settings (HTTPS only, TTL 10 min, cooldown 30 s,
    /// max staleness 24 h, timeout 5 s, 256 KiB).
    ///
    /// ```
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://login.example.com/jwks.json");
    /// assert!(jwks.is_ok());
    /// ```
    ///
    /// # Errors
    /// As [`RemoteJwksBuilder::build`].
    pub fn new(url: &str) -> Result<Self, RemoteJwksError> {
        Self::builder(url).build()
    }

    /// Starts a [`RemoteJwksBuilder`] for `url`.
    ///
    /// ```
    /// let builder = jwtcore_axum::remote_jwks::RemoteJwks::builder("https://login.example.com/jwks.json");
    /// # let _ = builder;
    /// ```
    pub fn builder(url: &str) -> RemoteJwksBuilder {
        RemoteJwksBuilder {
            url: url.to_owned(),
            ttl: Duration::from_secs(600),
            cooldown: Duration::from_secs(30),
            max_stale: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(5),
            max_bytes: 256 * 1024,
            allow_http_loopback: false,
            clock: None,
        }
    }

    /// The URL fetched.
    ///
    /// ```
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://a.example/jwks")?;
    /// assert_eq!(jwks.url(), "https://a.example/jwks");
    /// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
    /// ```
    pub fn url(&self) -> &str {
        self.inner.url.as_str()
    }

    /// How many fetches were started (successful or not), for metrics and tests.
    ///
    /// ```
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://a.example/jwks")?;
    /// assert_eq!(jwks.fetch_count(), 0); // nothing is fetched before first use
    /// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
    /// ```
    pub fn fetch_count(&self) -> u64 {
        self.inner.fetches.load(Ordering::Relaxed)
    }

    /// The error of the last fetch if it failed (cleared by the next successful one). While it is
    /// set, the set in use is the last good one.
    ///
    /// ```
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://a.example/jwks")?;
    /// assert_eq!(jwks.last_error(), None);
    /// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
    /// ```
    pub fn last_error(&self) -> Option<RemoteJwksError> {
        self.inner.last_error.lock().ok().and_then(|e| e.clone())
    }

    /// The key set to verify with: the cached one while its TTL runs, else a fresh fetch (shared
    /// with concurrent callers). When the refetch fails the last good set is returned as long as it
    /// is younger than `max_stale`.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://login.example.com/jwks.json")?;
    /// let keys = jwks.keys().await?; // fetched on first use, then cached for the TTL
    /// println!("{} keys", keys.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`RemoteJwksError::Unavailable`] with the fetch error when there is no set young enough.
    pub async fn keys(&self) -> Result<Arc<KeySet>, RemoteJwksError> {
        let now = self.now();
        if let Some(cached) = self.cached() {
            if now.saturating_sub(cached.fetched_at) < self.inner.ttl {
                return Ok(cached.keys);
            }
        }
        let mut last_attempt = self.inner.fetch_lock.lock().await;
        // Another caller may have fetched while this one waited for the lock.
        let now = self.now();
        if let Some(cached) = self.cached() {
            if now.saturating_sub(cached.fetched_at) < self.inner.ttl {
                return Ok(cached.keys);
            }
            // A failing provider is retried once per cooldown, not on every request.
            if last_attempt.is_some_and(|at| now.saturating_sub(at) < self.inner.cooldown) {
                return self.usable(cached, now);
            }
        }
        self.fetch_locked(&mut last_attempt).await
    }

    /// Called when a token's key is not in `seen` (the set the caller verified with): returns a
    /// newer set if one was fetched since, else fetches one unless the cooldown forbids it.
    /// `Ok(None)` means there is nothing newer to try.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://login.example.com/jwks.json")?;
    /// let seen = jwks.keys().await?;
    /// if seen.get("kid-from-the-token").is_none() {
    ///     let newer = jwks.refresh_for_unknown_kid(&seen).await?;
    /// #   let _ = newer;
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`keys`](Self::keys).
    pub async fn refresh_for_unknown_kid(&self, seen: &Arc<KeySet>) -> Result<Option<Arc<KeySet>>, RemoteJwksError> {
        let mut last_attempt = self.inner.fetch_lock.lock().await;
        if let Some(cached) = self.cached() {
            // Whoever held the lock before us already refetched: that is this window's fetch.
            if !Arc::ptr_eq(&cached.keys, seen) {
                return Ok(Some(cached.keys));
            }
        }
        let now = self.now();
        if last_attempt.is_some_and(|at| now.saturating_sub(at) < self.inner.cooldown) {
            return Ok(None);
        }
        match self.fetch_locked(&mut last_attempt).await {
            Ok(keys) if Arc::ptr_eq(&keys, seen) => Ok(None),
            Ok(keys) => Ok(Some(keys)),
            Err(e) => Err(e),
        }
    }

    /// Fetches now, whatever the TTL and cooldown say (for a background refresher or an admin
    /// endpoint). Concurrent callers still share one fetch.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jwtcore_axum::remote_jwks::RemoteJwksError> {
    /// let jwks = jwtcore_axum::remote_jwks::RemoteJwks::new("https://login.example.com/jwks.json")?;
    /// let keys = jwks.refresh().await?;
    /// # let _ = keys;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`keys`](Self::keys).
    pub async fn refresh(&self) -> Result<Arc<KeySet>, RemoteJwksError> {
        let mut last_attempt = self.inner.fetch_lock.lock().await;
        self.fetch_locked(&mut last_attempt).await
    }

    fn now(&self) -> Duration {
        (self.inner.clock)()
    }

    fn cached(&self) -> Option<Cached> {
        self.inner.current.read().ok().and_then(|c| c.clone())
    }

    /// The cached set if it is young enough to use after a failed or skipped fetch.
    fn usable(&self, cached: Cached, now: Duration) -> Result<Arc<KeySet>, RemoteJwksError> {
        if now.saturating_sub(cached.fetched_at) < self.inner.max_stale {
            return Ok(cached.keys);
        }
        match self.last_error() {
            Some(cause) => Err(RemoteJwksError::Unavailable(Box::new(cause))),
            // No failure on record: the set came from the latest fetch, which succeeded.
            None => Ok(cached.keys),
        }
    }

    /// Fetches while holding the fetch lock; on failure falls back to the last good set.
    async fn fetch_locked(&self, last_attempt: &mut Option<Duration>) -> Result<Arc<KeySet>, RemoteJwksError> {
        *last_attempt = Some(self.now());
        self.inner.fetches.fetch_add(1, Ordering::Relaxed);
        let result = async {
            let text = self.inner.fetcher.get_text(&self.inner.url).await?;
            KeySet::from_jwks(&text).map_err(|e| RemoteJwksError::Jwks(e.code()))
        }
        .await;
        let now = self.now();
        match result {
            Ok(set) => {
                let keys = Arc::new(set);
                if let Ok(mut current) = self.inner.current.write() {
                    *current = Some(Cached { keys: keys.clone(), fetched_at: now });
                }
                if let Ok(mut last) = self.inner.last_error.lock() {
                    *last = None;
                }
                Ok(keys)
            }
            Err(e) => {
                if let Ok(mut last) = self.inner.last_error.lock() {
                    *last = Some(e.clone());
                }
                match self.cached() {
                    Some(cached) => self.usable(cached, now),
                    None => Err(RemoteJwksError::Unavailable(Box::new(e))),
                }
            }
        }
    }
}
