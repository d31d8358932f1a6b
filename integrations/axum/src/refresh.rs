//! A refresh-token endpoint on the core's rotation with reuse detection
//! ([`jwtcore::session::decide`]).
//!
//! [`Refresher`] starts a family at login and, at `POST /refresh`, rotates the presented token:
//! it parses and authenticates it (forged tokens never reach the store), loads the family, lets
//! the core decide, persists the decision with a compare-and-set, and only then answers with a
//! new access token and the successor refresh token. A superseded token revokes the whole family
//! (`401 refresh_reuse_detected`); every refusal is a `401` with the core's code.
//!
//! # The store contract ([`FamilyStore`])
//!
//! - [`create`](FamilyStore::create) inserts a family only if its ID is absent.
//! - [`compare_and_set`](FamilyStore::compare_and_set) replaces the stored record with `next`
//!   **only if** the stored record's `version` still equals `expect_version`, atomically, and says
//!   whether it did. SQL: `UPDATE families SET … WHERE family_id = ? AND version = ?` expecting
//!   one row; Redis: a Lua script or `WATCH`/`MULTI`.
//! - [`get`](FamilyStore::get) returns the latest record written.
//!
//! When a compare-and-set loses, [`Refresher::refresh`] re-reads and asks the core again, so of
//! two concurrent refreshes of one token exactly one rotates; the other then lands in the grace
//! window (same successor, when [`RefreshPolicy::grace`] is set) or in reuse detection (the family
//! is revoked: with no grace window, two presentations of one token are indistinguishable from
//! theft).

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};
use jwtcore::session::{
    Decision, FamilyId, FamilyRecord, MacKeys, Presented, RefreshConfig, RefreshPolicy, StorePepper, decide, start_os,
};

/// A family record and the subject (user ID) its access tokens are issued for.
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start_os};
/// let key = MacKey::from_bytes([1; 32]);
/// let (_token, record) = start_os(&RefreshConfig::new(KeyRing::new(&key)), 1_000, None)?;
/// let stored = jwtcore_axum::refresh::StoredFamily { record, subject: "user-1".into() };
/// assert_eq!(stored.record.generation, 0);
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[derive(Debug, Clone)]
pub struct StoredFamily {
    /// The core's record; compare-and-set on its `version`.
    pub record: FamilyRecord,
    /// Whom the access tokens name; fixed for the family's life.
    pub subject: String,
}

/// A store failure (connection lost, timeout). Answers `503 refresh_store_unavailable`.
///
/// ```
/// let err = jwtcore_axum::refresh::StoreError("redis: connection refused".into());
/// assert_eq!(err.to_string(), "family store failed: redis: connection refused");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "family store failed: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Where refresh-token families live; see the [module docs](self) for the contract.
///
/// ```
/// use jwtcore_axum::refresh::{FamilyStore, MemoryFamilyStore};
/// fn assert_store<S: FamilyStore>(_: &S) {}
/// assert_store(&MemoryFamilyStore::default());
/// ```
pub trait FamilyStore: Send + Sync + 'static {
    /// The latest record of `family`, or `None` if it was never created (or was deleted).
    fn get(&self, family: FamilyId) -> impl Future<Output = Result<Option<StoredFamily>, StoreError>> + Send;

    /// Inserts `family` if its ID is absent; `Ok(false)` if it was present (nothing written).
    fn create(&self, family: StoredFamily) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Replaces the record of `next.family` with `next` only if the stored `version` equals
    /// `expect_version` (atomically); `Ok(false)` if it did not (another writer won, or the family
    /// is gone). The subject is left unchanged.
    fn compare_and_set(
        &self,
        next: FamilyRecord,
        expect_version: u64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

/// A [`FamilyStore`] in process memory: for tests, demos and single-instance services (families
/// are lost on restart, which logs every client out).
///
/// ```
/// # tokio_test_block_on(async {
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start_os};
/// use jwtcore_axum::refresh::{FamilyStore, MemoryFamilyStore, StoredFamily};
/// let store = MemoryFamilyStore::default();
/// let key = MacKey::from_bytes([1; 32]);
/// let (_, record) = start_os(&RefreshConfig::new(KeyRing::new(&key)), 1_000, None).unwrap();
/// let family = record.family;
/// assert!(store.create(StoredFamily { record: record.clone(), subject: "u".into() }).await.unwrap());
/// let next = jwtcore::session::FamilyRecord { version: 1, ..record };
/// assert!(store.compare_and_set(next.clone(), 0).await.unwrap());
/// assert!(!store.compare_and_set(next, 0).await.unwrap()); // version is 1 now
/// assert_eq!(store.get(family).await.unwrap().unwrap().record.version, 1);
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug, Default)]
pub struct MemoryFamilyStore {
    families: Mutex<HashMap<[u8; 16], StoredFamily>>,
}

impl MemoryFamilyStore {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<[u8; 16], StoredFamily>>, StoreError> {
        self.families.lock().map_err(|_| StoreError("in-memory store poisoned by a panic".into()))
    }
}

impl FamilyStore for MemoryFamilyStore {
    async fn get(&self, family: FamilyId) -> Result<Option<StoredFamily>, StoreError> {
        Ok(self.lock()?.get(family.as_bytes()).cloned())
    }

    async fn create(&self, family: StoredFamily) -> Result<bool, StoreError> {
        let mut families = self.lock()?;
        let id = *family.record.family.as_bytes();
        if families.contains_key(&id) {
            return Ok(false);
        }
        families.insert(id, family);
        Ok(true)
    }

    async fn compare_and_set(&self, next: FamilyRecord, expect_version: u64) -> Result<bool, StoreError> {
        // One lock for the read and the write: that is the atomicity the contract asks for.
        let mut families = self.lock()?;
        match families.get_mut(next.family.as_bytes()) {
            Some(stored) if stored.record.version == expect_version => {
                stored.record = next;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

/// Mints the access token for a subject (for example `jwtcore::encode` with your claims).
pub type AccessIssuer = Arc<dyn Fn(&str) -> Result<String, jwtcore::Error> + Send + Sync>;

/// The tokens handed to the client after login or a refresh.
///
/// ```
/// let pair = jwtcore_axum::refresh::TokenPair { access_token: "a".into(), refresh_token: "r".into() };
/// assert_eq!(serde_json::to_value(&pair).unwrap()["token_type"], "Bearer");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TokenPair {
    /// A new access token from the [`AccessIssuer`].
    pub access_token: String,
    /// The refresh token to present next time.
    pub refresh_token: String,
}

impl fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both are bearer credentials.
        f.debug_struct("TokenPair").finish_non_exhaustive()
    }
}

impl serde::Serialize for TokenPair {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("TokenPair", 3)?;
        s.serialize_field("access_token", &self.access_token)?;
        s.serialize_field("token_type", "Bearer")?;
        s.serialize_field("refresh_token", &self.refresh_token)?;
        s.end()
    }
}

/// Why a login or refresh failed.
///
/// ```
/// use axum::response::IntoResponse;
/// use jwtcore_axum::refresh::RefreshError;
/// let response = RefreshError::Rejected("refresh_reuse_detected").into_response();
/// assert_eq!(response.status(), 401);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshError {
    /// The token was refused; the code is a [`jwtcore::session::RejectReason::code`],
    /// `refresh_reuse_detected` (the family is now revoked) or `refresh_unknown_family`.
    /// Answers `401`.
    Rejected(&'static str),
    /// The store failed, or kept losing compare-and-sets. Answers `503`.
    Store(StoreError),
    /// The OS RNG or the access-token issuer failed; the code names it. Answers `500`.
    Internal(&'static str),
}

impl RefreshError {
    /// The code sent in the JSON body.
    ///
    /// ```
    /// use jwtcore_axum::refresh::{RefreshError, StoreError};
    /// assert_eq!(RefreshError::Store(StoreError("down".into())).code(), "refresh_store_unavailable");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RefreshError::Rejected(code) | RefreshError::Internal(code) => code,
            RefreshError::Store(_) => "refresh_store_unavailable",
        }
    }
}

impl fmt::Display for RefreshError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefreshError::Rejected(code) => write!(f, "refresh token refused: {code}"),
            RefreshError::Store(e) => write!(f, "{e}"),
            RefreshError::Internal(code) => write!(f, "token issuance failed: {code}"),
        }
    }
}

impl std::error::Error for RefreshError {}

impl IntoResponse for RefreshError {
    fn into_response(self) -> Response {
        let status = match self {
            RefreshError::Rejected(_) => StatusCode::UNAUTHORIZED,
            RefreshError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
            RefreshError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, [(CACHE_CONTROL, "no-store")], Json(serde_json::json!({ "error": self.code() }))).into_response()
    }
}

/// The body of `POST /refresh`: `{"refresh_token": "..."}`.
///
/// ```
/// let body: jwtcore_axum::refresh::RefreshRequest = serde_json::from_str(r#"{"refresh_token":"t"}"#).unwrap();
/// assert_eq!(body.refresh_token, "t");
/// ```
#[derive(Debug, serde::Deserialize)]
pub struct RefreshRequest {
    /// The refresh token the client holds.
    pub refresh_token: String,
}

/// Logins and refreshes over a [`FamilyStore`]. Cloning is cheap (shared `Arc`s); put it in your
/// axum state and route [`refresh_endpoint`] to it.
///
/// ```
/// use axum::{Router, routing::post};
/// use jwtcore::session::{MacKey, MacKeys, RefreshPolicy};
/// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher, refresh_endpoint};
///
/// let refresher = Refresher::new(
///     MemoryFamilyStore::default(),
///     MacKeys::new(MacKey::from_bytes([1; 32])), // from your secrets manager
///     |subject: &str| Ok(format!("an access token for {subject}")), // jwtcore::encode in practice
/// )
/// .policy(RefreshPolicy { grace: 30, ..RefreshPolicy::default() });
/// let app: Router = Router::new()
///     .route("/refresh", post(refresh_endpoint::<MemoryFamilyStore>))
///     .with_state(refresher);
/// # let _ = app;
/// ```
pub struct Refresher<S> {
    store: Arc<S>,
    keys: Arc<MacKeys>,
    pepper: Option<Arc<StorePepper>>,
    policy: RefreshPolicy,
    issue_access: AccessIssuer,
}

impl<S> Clone for Refresher<S> {
    fn clone(&self) -> Self {
        Refresher {
            store: self.store.clone(),
            keys: self.keys.clone(),
            pepper: self.pepper.clone(),
            policy: self.policy,
            issue_access: self.issue_access.clone(),
        }
    }
}

impl<S> fmt::Debug for Refresher<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Refresher").field("policy", &self.policy).finish_non_exhaustive()
    }
}

/// Compare-and-set attempts before giving up with a store error. Each lost race moves the family
/// forward (a rotation or a revocation), so a handful means a store that is not atomic.
const CAS_ATTEMPTS: usize = 4;

impl<S: FamilyStore> Refresher<S> {
    /// Families in `store`, tokens tagged with `keys` (the current key, plus previous ones during
    /// a rotation), access tokens from `issue_access`; default [`RefreshPolicy`] (no grace window).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |sub: &str| Ok(sub.to_owned()));
    /// # let _ = refresher;
    /// ```
    pub fn new<F>(store: S, keys: MacKeys, issue_access: F) -> Self
    where
        F: Fn(&str) -> Result<String, jwtcore::Error> + Send + Sync + 'static,
    {
        Refresher {
            store: Arc::new(store),
            keys: Arc::new(keys),
            pepper: None,
            policy: RefreshPolicy::default(),
            issue_access: Arc::new(issue_access),
        }
    }

    /// Lifetimes and grace window (clamped to [`jwtcore::session::MAX_GRACE`]).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, RefreshPolicy};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(s.to_owned()))
    ///     .policy(RefreshPolicy { idle: 86_400, ..RefreshPolicy::default() });
    /// # let _ = refresher;
    /// ```
    #[must_use]
    pub fn policy(self, policy: RefreshPolicy) -> Self {
        Refresher { policy, ..self }
    }

    /// Keys the stored hashes under a server pepper (a leaked store then reveals nothing usable).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, StorePepper};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(s.to_owned()))
    ///     .pepper(StorePepper::from_bytes([2; 32]));
    /// # let _ = refresher;
    /// ```
    #[must_use]
    pub fn pepper(self, pepper: StorePepper) -> Self {
        Refresher { pepper: Some(Arc::new(pepper)), ..self }
    }

    /// The store, for logout (`FamilyRecord::revoked` + compare-and-set) or inspection.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(s.to_owned()));
    /// let _store: &MemoryFamilyStore = refresher.store();
    /// ```
    pub fn store(&self) -> &S {
        &self.store
    }

    // Built per call from the owned parts: `RefreshConfig` is a few references and a `Copy`
    // policy, so this costs nothing and keeps the state free of self-borrows.
    fn config(&self) -> RefreshConfig<'_> {
        let config = RefreshConfig::new(self.keys.ring()).policy(self.policy);
        match &self.pepper {
            Some(pepper) => config.pepper(pepper),
            None => config,
        }
    }

    /// Starts a family for `subject` (after your login check): creates its record and returns the
    /// first token pair.
    ///
    /// # Errors
    /// [`RefreshError::Store`], or [`RefreshError::Internal`] if the OS RNG or the issuer fails.
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// use jwtcore::session::{MacKey, MacKeys};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(format!("access:{s}")));
    /// let pair = refresher.login("user-1").await?;
    /// assert_eq!(pair.access_token, "access:user-1");
    /// let next = refresher.refresh(&pair.refresh_token).await?;
    /// assert_ne!(next.refresh_token, pair.refresh_token);
    /// # Ok::<(), jwtcore_axum::refresh::RefreshError>(()) }).unwrap();
    /// ```
    pub async fn login(&self, subject: &str) -> Result<TokenPair, RefreshError> {
        let (token, record) =
            start_os(&self.config(), unix_now(), None).map_err(|e| RefreshError::Internal(e.code()))?;
        let access_token = (self.issue_access)(subject).map_err(|e| RefreshError::Internal(e.code()))?;
        let created = self
            .store
            .create(StoredFamily { record, subject: subject.to_owned() })
            .await
            .map_err(RefreshError::Store)?;
        if !created {
            // 128 random bits collided: the RNG is broken, do not hand out a shared family.
            return Err(RefreshError::Internal("refresh_family_collision"));
        }
        Ok(TokenPair { access_token, refresh_token: token.as_str().to_owned() })
    }

    /// Rotates `presented`: the new pair, or why not. A superseded token revokes its family.
    ///
    /// # Errors
    /// [`RefreshError::Rejected`] with the core's code, `refresh_reuse_detected` or
    /// `refresh_unknown_family`; [`RefreshError::Store`]; [`RefreshError::Internal`].
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// use jwtcore::session::{MacKey, MacKeys};
    /// use jwtcore_axum::refresh::{MemoryFamilyStore, RefreshError, Refresher};
    /// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(s.to_owned()));
    /// let first = refresher.login("user-1").await?;
    /// refresher.refresh(&first.refresh_token).await?;
    /// // Presenting the superseded token again revokes the family.
    /// assert_eq!(refresher.refresh(&first.refresh_token).await, Err(RefreshError::Rejected("refresh_reuse_detected")));
    /// # Ok::<(), RefreshError>(()) }).unwrap();
    /// ```
    pub async fn refresh(&self, presented: &str) -> Result<TokenPair, RefreshError> {
        let config = self.config();
        // Authenticated before any store access, so garbage cannot cost a lookup or touch a family.
        let presented = Presented::parse(presented, &config).map_err(|r| RefreshError::Rejected(r.code()))?;
        for _ in 0..CAS_ATTEMPTS {
            let Some(stored) = self.store.get(presented.family_id()).await.map_err(RefreshError::Store)? else {
                return Err(RefreshError::Rejected("refresh_unknown_family"));
            };
            match decide(&stored.record, &presented, None, unix_now(), &config) {
                Decision::Rotate { token, next, expect_version }
                | Decision::GraceRetry { token, next, expect_version } => {
                    if self.store.compare_and_set(next, expect_version).await.map_err(RefreshError::Store)? {
                        let access_token =
                            (self.issue_access)(&stored.subject).map_err(|e| RefreshError::Internal(e.code()))?;
                        return Ok(TokenPair { access_token, refresh_token: token.as_str().to_owned() });
                    }
                }
                Decision::ReuseDetected { next, expect_version } => {
                    if self.store.compare_and_set(next, expect_version).await.map_err(RefreshError::Store)? {
                        return Err(RefreshError::Rejected("refresh_reuse_detected"));
                    }
                }
                Decision::Reject(reason) => return Err(RefreshError::Rejected(reason.code())),
            }
            // Lost the race: someone else moved the family on; decide again on what they wrote.
        }
        Err(RefreshError::Store(StoreError("compare-and-set kept failing; is the store atomic?".into())))
    }
}

/// `POST /refresh` with `{"refresh_token": "..."}`: `200` with `{"access_token", "token_type":
/// "Bearer", "refresh_token"}`, else the [`RefreshError`] response. Both carry
/// `Cache-Control: no-store` (RFC 6749 §5.1).
///
/// ```
/// use axum::{Router, routing::post};
/// use jwtcore::session::{MacKey, MacKeys};
/// use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher, refresh_endpoint};
/// let refresher = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([1; 32])), |s: &str| Ok(s.to_owned()));
/// let app: Router = Router::new().route("/refresh", post(refresh_endpoint::<MemoryFamilyStore>)).with_state(refresher);
/// # let _ = app;
/// ```
pub async fn refresh_endpoint<S: FamilyStore>(
    State(refresher): State<Refresher<S>>,
    Json(body): Json<RefreshRequest>,
) -> Response {
    match refresher.refresh(&body.refresh_token).await {
        Ok(pair) => ([(CACHE_CONTROL, "no-store")], Json(pair)).into_response(),
        Err(e) => e.into_response(),
    }
}

fn unix_now() -> u64 {
    crate::now().as_secs()
}
