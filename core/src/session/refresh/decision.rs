//! The state machine: starting a family and deciding what a presentation
//! does to it.

// The parent's imports and constants (the token format, the labels) are shared by glob.
use super::*;

/// Why a presented token was refused without any state change.
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, RejectReason};
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// assert_eq!(Presented::parse("not-a-token", &config).unwrap_err(), RejectReason::Malformed);
/// assert_eq!(RejectReason::Malformed.to_string(), "refresh token is malformed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectReason {
    /// Not a refresh token (length, alphabet, encoding).
    Malformed,
    /// The tag does not verify under any key: forged, garbled, or from a
    /// retired key. Never changes state, so unknown tokens cannot revoke
    /// anyone's family.
    NotAuthentic,
    /// The token belongs to another family than the record passed in.
    WrongFamily,
    /// The family is revoked.
    Revoked,
    /// The family is older than the absolute lifetime, or its generation
    /// counter is exhausted.
    Expired,
    /// The family was idle for longer than the idle lifetime.
    Idle,
    /// The family is bound to another client.
    BindingMismatch,
    /// An authentic token from a generation the record has not reached
    /// (the store was rolled back): refused, state untouched.
    FutureGeneration,
}

impl RejectReason {
    /// Stable snake_case code for the bindings.
    ///
    /// ```
    /// use jwtcore::session::RejectReason;
    /// assert_eq!(RejectReason::NotAuthentic.code(), "refresh_not_authentic");
    /// assert_eq!(RejectReason::Idle.code(), "refresh_idle");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            RejectReason::Malformed => "refresh_malformed",
            RejectReason::NotAuthentic => "refresh_not_authentic",
            RejectReason::WrongFamily => "refresh_wrong_family",
            RejectReason::Revoked => "refresh_revoked",
            RejectReason::Expired => "refresh_expired",
            RejectReason::Idle => "refresh_idle",
            RejectReason::BindingMismatch => "refresh_binding_mismatch",
            RejectReason::FutureGeneration => "refresh_future_generation",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RejectReason::Malformed => "refresh token is malformed",
            RejectReason::NotAuthentic => "refresh token is not authentic",
            RejectReason::WrongFamily => "refresh token belongs to another family",
            RejectReason::Revoked => "refresh token family is revoked",
            RejectReason::Expired => "refresh token family has expired",
            RejectReason::Idle => "refresh token family was idle too long",
            RejectReason::BindingMismatch => "refresh token is bound to another client",
            RejectReason::FutureGeneration => "refresh token is ahead of the stored family",
        })
    }
}

impl core::error::Error for RejectReason {}

/// What to do with a presented token.
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, RefreshPolicy, decide, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key)).policy(RefreshPolicy { grace: 30, ..RefreshPolicy::default() });
/// let (t0, record) = start(&mut rng, &config, 1_000, None);
/// let p0 = Presented::parse(t0.as_str(), &config).unwrap();
/// let Decision::Rotate { token: t1, next, expect_version } = decide(&record, &p0, None, 1_010, &config) else {
///     panic!()
/// };
/// assert_eq!((expect_version, next.version), (0, 1));
/// // The response was lost and the client retries t0 within the grace window: same successor.
/// match decide(&next, &p0, None, 1_020, &config) {
///     Decision::GraceRetry { token, .. } => assert_eq!(token.as_str(), t1.as_str()),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub enum Decision {
    /// The current token: persist `next` (compare-and-set on
    /// `expect_version`), then send `token` (and a new access token).
    Rotate {
        /// The successor to send.
        token: RefreshToken,
        /// The record to persist.
        next: FamilyRecord,
        /// The version the stored record must still have.
        expect_version: u64,
    },
    /// The immediately previous token, within the grace window: the same
    /// successor as the first time (idempotent retry). Persist `next`
    /// (touches `last_used_at`) with the same compare-and-set.
    GraceRetry {
        /// The current token, re-derived.
        token: RefreshToken,
        /// The record to persist.
        next: FamilyRecord,
        /// The version the stored record must still have.
        expect_version: u64,
    },
    /// An authentic but superseded token: someone else holds the chain.
    /// Persist the revoked `next`, refuse the request, and revoke the
    /// family's access tokens (deny-list its `sid`).
    ReuseDetected {
        /// The revoked record to persist.
        next: FamilyRecord,
        /// The version the stored record must still have.
        expect_version: u64,
    },
    /// Refuse; nothing to persist.
    Reject(RejectReason),
}

impl Decision {
    /// Stable snake_case name of the outcome, shared with the bindings:
    /// `rotate`, `grace_retry`, `reuse_detected` or `reject`.
    ///
    /// ```
    /// use jwtcore::session::{Decision, RejectReason};
    /// assert_eq!(Decision::Reject(RejectReason::Idle).code(), "reject");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Decision::Rotate { .. } => "rotate",
            Decision::GraceRetry { .. } => "grace_retry",
            Decision::ReuseDetected { .. } => "reuse_detected",
            Decision::Reject(_) => "reject",
        }
    }

    /// Why the request is refused, as a stable code: the
    /// [`RejectReason::code`] of a rejection, `refresh_reuse_detected` for
    /// reuse; `None` when a token is sent.
    ///
    /// ```
    /// use jwtcore::session::{Decision, RejectReason};
    /// assert_eq!(Decision::Reject(RejectReason::Revoked).refusal_code(), Some("refresh_revoked"));
    /// ```
    pub const fn refusal_code(&self) -> Option<&'static str> {
        match self {
            Decision::Rotate { .. } | Decision::GraceRetry { .. } => None,
            Decision::ReuseDetected { .. } => Some("refresh_reuse_detected"),
            Decision::Reject(r) => Some(r.code()),
        }
    }

    /// The token to send the client: the successor after
    /// [`Rotate`](Decision::Rotate) and [`GraceRetry`](Decision::GraceRetry),
    /// otherwise `None`.
    ///
    /// ```
    /// use jwtcore::session::{Decision, RejectReason};
    /// assert!(Decision::Reject(RejectReason::Expired).token().is_none());
    /// ```
    pub const fn token(&self) -> Option<&RefreshToken> {
        match self {
            Decision::Rotate { token, .. } | Decision::GraceRetry { token, .. } => Some(token),
            Decision::ReuseDetected { .. } | Decision::Reject(_) => None,
        }
    }

    /// The record to persist and the version the stored one must still have
    /// (compare-and-set); `None` for a rejection, which changes nothing.
    ///
    /// ```
    /// use jwtcore::session::{Decision, RejectReason};
    /// assert!(Decision::Reject(RejectReason::NotAuthentic).persist().is_none());
    /// ```
    pub const fn persist(&self) -> Option<(&FamilyRecord, u64)> {
        match self {
            Decision::Rotate { next, expect_version, .. }
            | Decision::GraceRetry { next, expect_version, .. }
            | Decision::ReuseDetected { next, expect_version } => Some((next, *expect_version)),
            Decision::Reject(_) => None,
        }
    }
}

/// Starts a family at login: the first token and the record to create
/// (insert-if-absent under [`FamilyRecord::family`]).
///
/// `binding` ties the family to a client (OAuth client ID, DPoP key
/// thumbprint): later presentations must pass the same bytes.
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{FamilyStatus, KeyRing, MacKey, RefreshConfig, start};
/// let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, record) = start(&mut rng, &config, 1_000, None);
/// // INSERT `record` (or record.to_bytes()), then send `token`.
/// assert_eq!(record.status, FamilyStatus::Active);
/// assert_eq!(record.generation, 0);
/// # let _ = token;
/// ```
pub fn start<R: rand_core::CryptoRng + ?Sized>(
    rng: &mut R,
    config: &RefreshConfig<'_>,
    now: u64,
    binding: Option<&[u8]>,
) -> (RefreshToken, FamilyRecord) {
    let mut family = [0u8; 16];
    rng.fill_bytes(&mut family);
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    let token = config.mint(&family, 0, &secret);
    let record = FamilyRecord {
        family: FamilyId(family),
        generation: 0,
        current_hash: config.hash(&secret),
        previous_hash: [0; 32],
        created_at: now,
        rotated_at: now,
        last_used_at: now,
        version: 0,
        status: FamilyStatus::Active,
        binding: binding.map(binding_hash),
    };
    secret.zeroize();
    (token, record)
}

fn binding_hash(binding: &[u8]) -> [u8; 32] {
    Sha256::new().chain_update(BINDING_LABEL).chain_update(binding).finalize().into()
}

/// Decides what a presented token does to its family (see the module docs
/// for the table and the store contract).
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, decide, start};
///
/// let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (t0, record) = start(&mut rng, &config, 1_000, None);
///
/// let p0 = Presented::parse(t0.as_str(), &config).unwrap();
/// let Decision::Rotate { token: t1, next, .. } = decide(&record, &p0, None, 1_010, &config) else { panic!() };
///
/// // The old token again: reuse, the family is revoked.
/// let again = Presented::parse(t0.as_str(), &config).unwrap();
/// assert!(matches!(decide(&next, &again, None, 1_020, &config), Decision::ReuseDetected { .. }));
/// # let _ = t1;
/// ```
pub fn decide(
    record: &FamilyRecord,
    presented: &Presented,
    binding: Option<&[u8]>,
    now: u64,
    config: &RefreshConfig<'_>,
) -> Decision {
    if presented.family != record.family {
        return Decision::Reject(RejectReason::WrongFamily);
    }
    if let FamilyStatus::Revoked { .. } = record.status {
        return Decision::Reject(RejectReason::Revoked);
    }
    let policy = &config.policy;
    if now >= record.created_at.saturating_add(policy.absolute) {
        return Decision::Reject(RejectReason::Expired);
    }
    if now >= record.last_used_at.saturating_add(policy.idle) {
        return Decision::Reject(RejectReason::Idle);
    }
    if let Some(expected) = &record.binding {
        let presented_binding = binding.map(binding_hash).unwrap_or([0; 32]);
        if !bool::from(ct_eq(&presented_binding, expected)) {
            return Decision::Reject(RejectReason::BindingMismatch);
        }
    }

    // Both hashes are always compared, and the choices combined, before the
    // single branch on the outcome.
    let hash = config.hash(&presented.secret);
    let is_current = hash.ct_eq(&record.current_hash);
    let is_previous = hash.ct_eq(&record.previous_hash);
    let expect_version = record.version;
    let bumped = record.version.wrapping_add(1);
    let g = presented.generation;

    if g > record.generation {
        return Decision::Reject(RejectReason::FutureGeneration);
    }
    if g == record.generation && bool::from(is_current) {
        let Some(next_generation) = g.checked_add(1) else {
            return Decision::Reject(RejectReason::Expired);
        };
        let mut secret = config.successor(&record.family.0, next_generation, &presented.secret);
        let token = config.mint(&record.family.0, next_generation, &secret);
        let next = FamilyRecord {
            generation: next_generation,
            previous_hash: record.current_hash,
            current_hash: config.hash(&secret),
            rotated_at: now,
            last_used_at: now,
            version: bumped,
            ..record.clone()
        };
        secret.zeroize();
        return Decision::Rotate { token, next, expect_version };
    }
    let within_grace = policy.grace > 0 && now < record.rotated_at.saturating_add(policy.grace);
    if within_grace && g.checked_add(1) == Some(record.generation) && bool::from(is_previous) {
        // Re-derive the successor; it matches the stored current hash unless
        // the signing key changed since, in which case fail safe (reuse).
        let mut secret = config.successor(&record.family.0, record.generation, &presented.secret);
        if bool::from(config.hash(&secret).ct_eq(&record.current_hash)) {
            let token = config.mint(&record.family.0, record.generation, &secret);
            secret.zeroize();
            let next = FamilyRecord { last_used_at: now, version: bumped, ..record.clone() };
            return Decision::GraceRetry { token, next, expect_version };
        }
        secret.zeroize();
    }
    // Authentic, not current, not a valid grace retry: superseded (or a
    // same-generation token with another secret, which only a second chain
    // can produce). Either way two parties hold the family.
    Decision::ReuseDetected { next: record.revoked(RevokeReason::Reuse, now), expect_version }
}
