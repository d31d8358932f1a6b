//! [axum] 0.8 extractors for [`jwtcore`]: bearer JWTs and signed session cookies.
//!
//! - [`Bearer<C>`] reads `Authorization: Bearer <token>`, verifies it against the
//!   [`JwtConfig`] in your state and hands the handler the deserialized claims `C`.
//!   A rejection is a `401` with an RFC 6750 `WWW-Authenticate` challenge and a JSON body
//!   carrying jwtcore's stable error code.
//! - [`CookieSession`] reads the signed session cookie named by the [`SessionConfig`] in your
//!   state and hands the handler the [`SessionId`]; looking it up in your session store is yours.
//!
//! Both configurations are reached through axum's [`FromRef`], so they can be fields of a larger
//! application state.
//!
//! ```
//! use axum::{Router, extract::FromRef, routing::get};
//! use jwtcore::{Algorithm, Key, Validation};
//! use jwtcore::session::{MacKey, MacKeys};
//! use jwtcore_axum::{Bearer, CookieSession, JwtConfig, SessionConfig};
//!
//! #[derive(Clone, FromRef)]
//! struct AppState {
//!     jwt: JwtConfig,
//!     sessions: SessionConfig,
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//! }
//!
//! async fn me(Bearer(claims): Bearer<Claims>) -> String {
//!     claims.sub
//! }
//!
//! async fn page(CookieSession(id): CookieSession) -> &'static str {
//!     let _ = id; // look the session up in your store under StorageKey::for_session(&id, ..)
//!     "hello"
//! }
//!
//! let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?;
//! static API: Validation<'static> = Validation::new().audience(&["api"]);
//! let state = AppState {
//!     jwt: JwtConfig::new(key, API),
//!     sessions: SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32]))),
//! };
//! let app: Router = Router::new().route("/me", get(me)).route("/page", get(page)).with_state(state);
//! # let _ = app;
//! # Ok::<(), jwtcore::Error>(())
//! ```
//!
//! For a provider's keys, [`JwtConfig::remote`] verifies against a [`RemoteJwks`]: the JWKS URL's
//! key set, cached, refetched on rotation, bounded in time and size ([`remote_jwks`]), found from
//! the issuer URL if you like ([`oidc::Discovery`]). [`refresh::Refresher`] and
//! [`refresh::refresh_endpoint`] rotate refresh tokens with the core's reuse detection.
//!
//! # A complete service
//!
//! Tokens from an identity provider (keys from its JWKS URL, issuer read at start-up), cookie
//! sessions, and a refresh endpoint for the service's own tokens:
//!
//! ```
//! use axum::{Router, extract::FromRef, routing::{get, post}};
//! use jwtcore::session::{MacKey, MacKeys, RefreshPolicy};
//! use jwtcore::{EncodeHeader, Key, OwnedValidation, Validation};
//! use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher, refresh_endpoint};
//! use jwtcore_axum::remote_jwks::RemoteJwks;
//! use jwtcore_axum::{Bearer, CookieSession, JwtConfig, SessionConfig};
//!
//! #[derive(Clone, FromRef)]
//! struct AppState {
//!     jwt: JwtConfig,
//!     sessions: SessionConfig,
//!     refresher: Refresher<MemoryFamilyStore>,
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//! }
//!
//! async fn me(Bearer(claims): Bearer<Claims>) -> String {
//!     claims.sub
//! }
//!
//! async fn page(CookieSession(id): CookieSession) -> &'static str {
//!     let _ = id; // look the session up in your store
//!     "hello"
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Read at start-up (environment, config file); nothing is fetched before the first request.
//! let issuer = String::from("https://login.example.com");
//! let jwks = RemoteJwks::new(&format!("{issuer}/.well-known/jwks.json"))?;
//! let rules = OwnedValidation::new(Validation::new()).issuer([issuer]).audience(["api"]);
//!
//! // The service's own access tokens after a refresh (its keys would come from a secrets manager).
//! let own_key = Key::ed25519_private(&[9; 32])?.with_kid("svc-1")?;
//! let issue_access = move |sub: &str| {
//!     #[derive(serde::Serialize)]
//!     struct Access<'a> { sub: &'a str, exp: u64 }
//!     jwtcore::encode(&EncodeHeader::new(), &Access { sub, exp: jwtcore::now().as_secs() + 300 }, &own_key)
//! };
//!
//! let state = AppState {
//!     jwt: JwtConfig::remote(jwks, rules),
//!     sessions: SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32]))),
//!     refresher: Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([2; 32])), issue_access)
//!         .policy(RefreshPolicy { grace: 30, ..RefreshPolicy::default() }),
//! };
//! let app: Router = Router::new()
//!     .route("/me", get(me))
//!     .route("/page", get(page))
//!     .route("/refresh", post(refresh_endpoint::<MemoryFamilyStore>))
//!     .with_state(state);
//! // axum::serve(tokio::net::TcpListener::bind("127.0.0.1:8080").await?, app).await?;
//! # let _ = app;
//! # Ok(()) }
//! ```
//!
//! `examples/service.rs` (`make demo`) runs such a service on loopback and prints each exchange.

pub mod oidc;
pub mod refresh;
pub mod remote_jwks;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::{AUTHORIZATION, COOKIE, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jwtcore::keys::KeyResolver;
use jwtcore::session::{CookieConfig, MacKeys, SessionId, find_cookie, verify_cookie};
use jwtcore::{Error, KeySetError, OwnedValidation, Validation};
use remote_jwks::RemoteJwks;
use serde::de::DeserializeOwned;

/// How bearer tokens are verified: the keys (a `KeySet` from a provider's JWKS, a single `Key`,
/// or any [`KeyResolver`]) and the [`Validation`] rules. Cloning is cheap (one `Arc`).
///
/// ```
/// use jwtcore::keys::KeySet;
/// use jwtcore::{Key, Validation};
/// use jwtcore_axum::JwtConfig;
///
/// let signer = Key::ed25519_private(&[9; 32])?.with_kid("k1")?;
/// let mut jwk = [0u8; 256];
/// let jwks = format!(r#"{{"keys":[{}]}}"#, signer.to_public()?.to_jwk_into(false, &mut jwk)?);
/// let keys: KeySet = KeySet::from_jwks(&jwks)?; // public keys only; secrets in a JWKS are skipped
/// let config = JwtConfig::new(keys, Validation::new().issuer(&["https://auth.example.com"]));
/// # let _ = config;
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Clone)]
pub struct JwtConfig {
    keys: KeySource,
    validation: Rules,
}

/// The validation rules of a [`JwtConfig`]: a `Validation<'static>` (rules known at compile
/// time, in a `static` or built from `'static` strings) or a shared [`OwnedValidation`] (issuers,
/// audiences or a denylist read at start-up). Both convert with `into()`.
///
/// ```
/// use jwtcore::{OwnedValidation, Validation};
/// use jwtcore_axum::Rules;
/// let fixed: Rules = Validation::new().audience(&["api"]).into();
/// let issuer = std::env::var("ISSUER").unwrap_or_else(|_| "https://login.example.com".into());
/// let configured: Rules = OwnedValidation::new(Validation::new()).issuer([issuer]).into();
/// # let _ = (fixed, configured);
/// ```
#[derive(Debug, Clone)]
pub enum Rules {
    /// Borrowed rules that live for the whole program.
    Static(Validation<'static>),
    /// Owned rules, lent as a `Validation` per verification without allocating.
    Owned(Arc<OwnedValidation>),
}

impl Rules {
    /// Calls `f` with the rules as a [`Validation`].
    ///
    /// ```
    /// use jwtcore::Validation;
    /// let rules: jwtcore_axum::Rules = Validation::new().audience(&["api"]).into();
    /// assert!(rules.with(|v| format!("{v:?}")).contains("api"));
    /// ```
    pub fn with<R>(&self, f: impl FnOnce(&Validation<'_>) -> R) -> R {
        match self {
            Rules::Static(v) => f(v),
            Rules::Owned(owned) => owned.with(f),
        }
    }
}

impl From<Validation<'static>> for Rules {
    fn from(v: Validation<'static>) -> Self {
        Rules::Static(v)
    }
}

impl From<OwnedValidation> for Rules {
    fn from(v: OwnedValidation) -> Self {
        Rules::Owned(Arc::new(v))
    }
}

impl From<Arc<OwnedValidation>> for Rules {
    fn from(v: Arc<OwnedValidation>) -> Self {
        Rules::Owned(v)
    }
}

/// Where a [`JwtConfig`] finds its keys.
#[derive(Clone)]
enum KeySource {
    // `dyn` so that one extractor type serves a KeySet, a Key or a custom resolver alike,
    // without a type parameter leaking into every handler signature.
    Static(Arc<dyn KeyResolver + Send + Sync>),
    Remote(RemoteJwks),
}

impl std::fmt::Debug for JwtConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys are never printed; the resolver may hold secrets.
        f.debug_struct("JwtConfig").field("validation", &self.validation).finish_non_exhaustive()
    }
}

impl JwtConfig {
    /// Verifies with `resolver` under `validation` (a `Validation<'static>` or an
    /// [`OwnedValidation`], see [`Rules`]).
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key, Validation};
    /// let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?;
    /// let config = jwtcore_axum::JwtConfig::new(key, Validation::new());
    /// # let _ = config;
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn new<R: KeyResolver + Send + Sync + 'static>(resolver: R, validation: impl Into<Rules>) -> Self {
        JwtConfig { keys: KeySource::Static(Arc::new(resolver)), validation: validation.into() }
    }

    /// Shares a resolver that is already behind an `Arc` (for example one also used elsewhere).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use jwtcore::{Algorithm, Key, Validation};
    /// let key = Arc::new(Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?);
    /// let config = jwtcore_axum::JwtConfig::from_arc(key.clone(), Validation::new());
    /// # let _ = config;
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn from_arc(resolver: Arc<dyn KeyResolver + Send + Sync>, validation: impl Into<Rules>) -> Self {
        JwtConfig { keys: KeySource::Static(resolver), validation: validation.into() }
    }

    /// Verifies with the keys published at a JWKS URL, cached and refetched on rotation (see
    /// [`RemoteJwks`]). When no key set is recent enough, [`Bearer`] answers `503` with
    /// [`BearerRejection::KeysUnavailable`].
    ///
    /// ```
    /// use jwtcore::Validation;
    /// use jwtcore_axum::{JwtConfig, remote_jwks::RemoteJwks};
    /// let jwks = RemoteJwks::new("https://login.example.com/.well-known/jwks.json")?;
    /// let config = JwtConfig::remote(jwks, Validation::new().issuer(&["https://login.example.com"]));
    /// # let _ = config;
    /// # Ok::<(), jwtcore_axum::remote_jwks::RemoteJwksError>(())
    /// ```
    pub fn remote(jwks: RemoteJwks, validation: impl Into<Rules>) -> Self {
        JwtConfig { keys: KeySource::Remote(jwks), validation: validation.into() }
    }

    /// The validation rules in use.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key, Validation};
    /// let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?;
    /// let config = jwtcore_axum::JwtConfig::new(key, Validation::new());
    /// let _rules: &jwtcore_axum::Rules = config.validation();
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn validation(&self) -> &Rules {
        &self.validation
    }
}

/// The verified claims of an `Authorization: Bearer` token, deserialized into `C`.
///
/// Rejects with [`BearerRejection`] (a `401`).
///
/// ```
/// use jwtcore_axum::Bearer;
/// #[derive(serde::Deserialize)]
/// struct Claims { sub: String }
/// async fn handler(Bearer(claims): Bearer<Claims>) -> String { claims.sub }
/// # let _ = handler;
/// ```
#[derive(Debug, Clone)]
pub struct Bearer<C>(pub C);

/// Why a [`Bearer`] extraction failed; answers `401 Unauthorized` with an RFC 6750 challenge.
///
/// Without a bearer credential the challenge is a bare `Bearer` (RFC 6750 §3.1: no error code when
/// the request carried no authentication); otherwise `error="invalid_token"` with jwtcore's code
/// as `error_description`. The JSON body is `{"error": "<code>"}`.
///
/// ```
/// use axum::response::IntoResponse;
/// use jwtcore_axum::BearerRejection;
/// let response = BearerRejection::Missing.into_response();
/// assert_eq!(response.status(), 401);
/// assert_eq!(response.headers()["www-authenticate"], "Bearer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerRejection {
    /// No `Authorization` header, or one with another scheme. Body code: `missing_token`.
    Missing,
    /// The header is not visible ASCII, or there is more than one `Authorization` header, so no
    /// single token can be read: 400 with RFC 6750's `invalid_request`. Body code:
    /// `malformed_authorization`.
    MalformedHeader,
    /// jwtcore refused the token; the code is [`jwtcore::Error::code`].
    Invalid(&'static str),
    /// The keys come from a JWKS URL and no set recent enough could be fetched; the code is
    /// [`RemoteJwksError::code`](remote_jwks::RemoteJwksError::code). Answers `503 Service
    /// Unavailable` (the token was not judged) with no challenge.
    KeysUnavailable(&'static str),
}

impl BearerRejection {
    /// The code sent in the JSON body (and, unless [`Missing`](Self::Missing), in the challenge).
    ///
    /// ```
    /// assert_eq!(jwtcore_axum::BearerRejection::Invalid("expired").code(), "expired");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            BearerRejection::Missing => "missing_token",
            BearerRejection::MalformedHeader => "malformed_authorization",
            BearerRejection::Invalid(code) | BearerRejection::KeysUnavailable(code) => code,
        }
    }
}

impl IntoResponse for BearerRejection {
    fn into_response(self) -> Response {
        if let BearerRejection::KeysUnavailable(code) = self {
            return (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "error": code }))).into_response();
        }
        // RFC 6750 §3.1: a request no single token can be read from is `invalid_request` (400);
        // a token that was read and refused is `invalid_token` (401).
        let (status, error) = match self {
            BearerRejection::MalformedHeader => (StatusCode::BAD_REQUEST, "invalid_request"),
            _ => (StatusCode::UNAUTHORIZED, "invalid_token"),
        };
        let challenge = match self {
            BearerRejection::Missing => HeaderValue::from_static("Bearer"),
            // Codes are snake_case ASCII, so they need no escaping inside the quoted-string.
            _ => HeaderValue::from_str(&format!(r#"Bearer error="{error}", error_description="{}""#, self.code()))
                .unwrap_or_else(|_| HeaderValue::from_static(r#"Bearer error="invalid_token""#)),
        };
        let mut response = (status, Json(serde_json::json!({ "error": self.code() }))).into_response();
        response.headers_mut().insert(WWW_AUTHENTICATE, challenge);
        response
    }
}

impl<S, C> FromRequestParts<S> for Bearer<C>
where
    JwtConfig: FromRef<S>,
    S: Send + Sync,
    C: DeserializeOwned,
{
    type Rejection = BearerRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let config = JwtConfig::from_ref(state);
        let token = bearer_token(parts)?;
        let claims = match &config.keys {
            KeySource::Static(resolver) => verify_claims(token, &**resolver, &config.validation)?,
            KeySource::Remote(jwks) => {
                let unavailable = |e: remote_jwks::RemoteJwksError| BearerRejection::KeysUnavailable(e.code());
                let keys = jwks.keys().await.map_err(unavailable)?;
                // `C` need not be `Send`, so no claims value may live across the await below.
                let refused = match verify_claims::<C>(token, &*keys, &config.validation) {
                    Ok(claims) => return Ok(Bearer(claims)),
                    Err(refused) => refused,
                };
                // The token may be signed by a key the provider published after our fetch.
                if refused != BearerRejection::Invalid(NO_MATCHING_KEY.code()) {
                    return Err(refused);
                }
                match jwks.refresh_for_unknown_kid(&keys).await.map_err(unavailable)? {
                    Some(newer) => verify_claims(token, &*newer, &config.validation)?,
                    None => return Err(refused),
                }
            }
        };
        Ok(Bearer(claims))
    }
}

const NO_MATCHING_KEY: Error = Error::KeySet(KeySetError::NoMatchingKey);

fn verify_claims<C: DeserializeOwned>(
    token: &str,
    resolver: &(dyn KeyResolver + Send + Sync),
    validation: &Rules,
) -> Result<C, BearerRejection> {
    // Sized to the token so any size the validation's length limit admits fits; the token is
    // already bounded by the server's header size limit, so this cannot be made arbitrarily large.
    let mut scratch = vec![0u8; jwtcore::scratch_len(token)];
    let verified = validation
        .with(|v| jwtcore::verify_with(token, resolver, v, now(), &mut scratch))
        .map_err(|e| BearerRejection::Invalid(e.code()))?;
    verified.deserialize::<C>().map_err(|e| BearerRejection::Invalid(e.code()))
}

fn bearer_token(parts: &Parts) -> Result<&str, BearerRejection> {
    let mut values = parts.headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(BearerRejection::Missing);
    };
    // Two credentials are ambiguous: a proxy and this server could each honour a different one.
    if values.next().is_some() {
        return Err(BearerRejection::MalformedHeader);
    }
    let value = value.to_str().map_err(|_| BearerRejection::MalformedHeader)?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    // Auth schemes are case-insensitive (RFC 9110 §11.1); another scheme means no bearer credential.
    if !scheme.eq_ignore_ascii_case("Bearer") {
        return Err(BearerRejection::Missing);
    }
    Ok(token.trim_matches(' '))
}

fn now() -> std::time::Duration {
    // A clock before 1970 is a broken host; treating it as the epoch makes every token expired.
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Where session cookies are read: the MAC keys (current plus any previous during a rotation) and
/// the cookie name (by default [`CookieConfig::new`]'s `__Host-` name). Cloning is cheap.
///
/// ```
/// use jwtcore::session::{MacKey, MacKeys};
/// let config = jwtcore_axum::SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
/// assert_eq!(config.cookie_name(), jwtcore::session::CookieConfig::new().cookie_name());
/// ```
#[derive(Clone)]
pub struct SessionConfig {
    keys: Arc<MacKeys>,
    cookie_name: Arc<str>,
}

impl std::fmt::Debug for SessionConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The MAC keys stay out of logs.
        f.debug_struct("SessionConfig").field("cookie_name", &self.cookie_name).finish_non_exhaustive()
    }
}

impl SessionConfig {
    /// Verifies cookies with `keys` under the default cookie name.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// let config = jwtcore_axum::SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
    /// # let _ = config;
    /// ```
    pub fn new(keys: MacKeys) -> Self {
        SessionConfig { keys: Arc::new(keys), cookie_name: CookieConfig::new().cookie_name().into() }
    }

    /// Another cookie name; it must match the name the cookie was signed under.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// let config = jwtcore_axum::SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32]))).with_cookie_name("sid");
    /// assert_eq!(config.cookie_name(), "sid");
    /// ```
    #[must_use]
    pub fn with_cookie_name(self, name: &str) -> Self {
        SessionConfig { cookie_name: name.into(), ..self }
    }

    /// The cookie name read.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// let config = jwtcore_axum::SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
    /// assert!(config.cookie_name().starts_with("__Host-"));
    /// ```
    pub fn cookie_name(&self) -> &str {
        &self.cookie_name
    }

    /// The MAC keys, for signing the cookie when a session starts (`sign_cookie(&keys.ring(), ..)`).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, SessionId, sign_cookie};
    /// let config = jwtcore_axum::SessionConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
    /// let mut buf = [0u8; 128];
    /// let value = sign_cookie(&config.keys().ring(), config.cookie_name(), &SessionId::<32>::from_bytes([7; 32]), &mut buf)?;
    /// # let _ = value;
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn keys(&self) -> &MacKeys {
        &self.keys
    }
}

/// The session ID from a valid signed session cookie. Rejects with [`SessionRejection`] (a `401`).
///
/// ```
/// use jwtcore_axum::CookieSession;
/// async fn handler(CookieSession(id): CookieSession) -> &'static str {
///     let _ = id; // look it up in your store
///     "ok"
/// }
/// # let _ = handler;
/// ```
#[derive(Debug)]
pub struct CookieSession(pub SessionId<32>);

/// Why a [`CookieSession`] extraction failed; answers `401` with `{"error": "<code>"}`.
/// No `WWW-Authenticate`: cookies are not an HTTP authentication scheme.
///
/// ```
/// use axum::response::IntoResponse;
/// let response = jwtcore_axum::SessionRejection::Missing.into_response();
/// assert_eq!(response.status(), 401);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRejection {
    /// No session cookie. Body code: `missing_session`.
    Missing,
    /// A `Cookie` header that is not visible ASCII. Body code: `malformed_cookie_header`.
    MalformedHeader,
    /// jwtcore refused the cookie; the code is [`jwtcore::session::SessionError::code`].
    Invalid(&'static str),
}

impl SessionRejection {
    /// The code sent in the JSON body.
    ///
    /// ```
    /// assert_eq!(jwtcore_axum::SessionRejection::Missing.code(), "missing_session");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            SessionRejection::Missing => "missing_session",
            SessionRejection::MalformedHeader => "malformed_cookie_header",
            SessionRejection::Invalid(code) => code,
        }
    }
}

impl IntoResponse for SessionRejection {
    fn into_response(self) -> Response {
        (StatusCode::UNAUTHORIZED, Json(serde_json::json!({ "error": self.code() }))).into_response()
    }
}

impl<S> FromRequestParts<S> for CookieSession
where
    SessionConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = SessionRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let config = SessionConfig::from_ref(state);
        let mut found = None;
        // HTTP/2 may split cookies over several `Cookie` fields; the name must occur once across
        // all of them, as `find_cookie` requires within one, so a planted duplicate cannot shadow.
        for header in parts.headers.get_all(COOKIE) {
            let header = header.to_str().map_err(|_| SessionRejection::MalformedHeader)?;
            if let Some(value) =
                find_cookie(header, &config.cookie_name).map_err(|e| SessionRejection::Invalid(e.code()))?
            {
                if found.is_some() {
                    return Err(SessionRejection::Invalid(jwtcore::session::SessionError::CookieDuplicate.code()));
                }
                found = Some(value);
            }
        }
        let value = found.ok_or(SessionRejection::Missing)?;
        let (id, _) = verify_cookie::<32>(&config.keys.ring(), &config.cookie_name, value)
            .map_err(|e| SessionRejection::Invalid(e.code()))?;
        Ok(CookieSession(id))
    }
}
