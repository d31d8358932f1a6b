//! Refresh-token rotation with reuse detection (RFC 9700 §4.14), as a pure,
//! storage-agnostic state machine.
//!
//! A login starts a *family*. Each refresh presents the family's current
//! token and receives its successor; the presented token becomes superseded.
//! Presenting any superseded token again means two parties hold the chain
//! (the server cannot tell thief from victim), so the whole family is
//! revoked. The server stores only hashes of token secrets, in a fixed-size
//! [`FamilyRecord`].
//!
//! # Token format
//!
//! `base64url(family_id[16] ‖ generation[u32 BE] ‖ secret[32] ‖ tag[32])`,
//! 112 characters, where `tag = HMAC-SHA256(key, label ‖ family ‖ generation
//! ‖ secret)`. The tag lets [`Presented::parse`] drop forged or garbled
//! tokens before any store access, and makes the generation trustworthy: a
//! tag-valid token with a generation below the record's is provably
//! superseded, however many rotations happened since (remembering only the
//! last superseded hash would miss a thief who rotated twice).
//!
//! The first secret is random; each successor's secret is
//! `HMAC(key, label ‖ family ‖ next generation ‖ current secret)`, so a retry
//! of the previous token inside the grace window yields the *same* successor
//! (idempotent; racing tabs converge) without storing any plaintext.
//!
//! # What the caller persists, and the compare-and-set it needs
//!
//! One [`FamilyRecord`] per family, keyed by [`FamilyId`] (render it with
//! [`FamilyId::render`]), stored as its [`FamilyRecord::to_bytes`] (160
//! bytes) or as columns. Every [`Decision`] that changes state carries
//! `next` and `expect_version`: persist `next` **only if** the stored
//! record's `version` still equals `expect_version` — SQL `UPDATE families
//! SET … WHERE family_id = ? AND version = ?` expecting one row, or a Redis
//! `WATCH`/`MULTI` or Lua compare-and-set. If the write loses the race,
//! re-read the record and call [`decide`] again: a concurrent retry then
//! lands in the grace path or in reuse detection, never in a second
//! successful rotation. Hand the new token to the client only after the
//! write succeeded.

use core::fmt;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::ct::ct_eq;
use super::keyring::KeyRing;
use super::storage::{StorageKey, StorePepper};
use crate::b64;

mod decision;
#[cfg(feature = "alloc")]
mod owned;
mod record;
mod token;

pub use decision::{Decision, RejectReason, decide, start};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use owned::OwnedRefreshConfig;
pub use record::{FamilyRecord, FamilyStatus, RevokeReason};
use record::{Reader, Writer};
pub use token::{FamilyId, Presented, RefreshToken};

const TAG_LABEL: &[u8] = b"jwtcore/refresh-token/v1\0";
const SUCCESSOR_LABEL: &[u8] = b"jwtcore/refresh-successor/v1\0";
const BINDING_LABEL: &[u8] = b"jwtcore/refresh-binding/v1\0";
const RAW_LEN: usize = 16 + 4 + 32 + 32;

/// Length of a refresh token's text.
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
/// use jwtcore::session::{KeyRing, MacKey, REFRESH_TOKEN_LEN, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, _record) = start(&mut rng, &config, 1_000, None);
/// assert_eq!(token.as_str().len(), REFRESH_TOKEN_LEN);
/// ```
pub const REFRESH_TOKEN_LEN: usize = 112;
/// Length of [`FamilyRecord::to_bytes`].
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
/// use jwtcore::session::{KeyRing, MacKey, RECORD_LEN, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
/// let bytes: [u8; RECORD_LEN] = record.to_bytes();
/// assert_eq!(bytes.len(), 160);
/// ```
pub const RECORD_LEN: usize = 160;
/// The longest grace window accepted, in seconds.
///
/// ```
/// use jwtcore::session::{MAX_GRACE, RefreshPolicy};
/// // A 30 s window for racing tabs; anything above MAX_GRACE is clamped by
/// // `RefreshConfig::policy`.
/// let policy = RefreshPolicy { grace: 30, ..RefreshPolicy::default() };
/// assert!(policy.grace <= MAX_GRACE);
/// ```
pub const MAX_GRACE: u64 = 300;
const RECORD_FORMAT: u8 = 1;

/// Lifetimes of a family, in seconds.
///
/// ```
/// use jwtcore::session::RefreshPolicy;
/// let policy = RefreshPolicy::default();
/// assert_eq!(policy.absolute, 30 * 86_400);
/// assert_eq!(policy.idle, 7 * 86_400);
/// assert_eq!(policy.grace, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// From the family's creation; rotation never extends it. Default 30 days.
    pub absolute: u64,
    /// From the last use. Default 7 days.
    pub idle: u64,
    /// How long after a rotation the immediately previous token may be
    /// retried (lost responses, racing tabs); it then returns the same
    /// successor. Default 0 (off); capped at [`MAX_GRACE`].
    pub grace: u64,
}

impl RefreshPolicy {
    /// The defaults, as a constant the bindings export (so their refresh
    /// defaults are the core's, not copies).
    ///
    /// ```
    /// use jwtcore::session::RefreshPolicy;
    /// assert_eq!(RefreshPolicy::DEFAULT, RefreshPolicy::default());
    /// assert_eq!(RefreshPolicy::DEFAULT.idle, 7 * 86_400);
    /// ```
    pub const DEFAULT: RefreshPolicy = RefreshPolicy { absolute: 30 * 86_400, idle: 7 * 86_400, grace: 0 };
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        RefreshPolicy::DEFAULT
    }
}

/// Keys, optional store pepper and policy for a refresh-token service.
///
/// ```
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, RefreshPolicy, StorePepper};
/// let key = MacKey::from_bytes([1; 32]); // from a secrets manager
/// let pepper = StorePepper::from_bytes([2; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key))
///     .pepper(&pepper)
///     .policy(RefreshPolicy { idle: 86_400, ..RefreshPolicy::default() });
/// # let _ = config;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RefreshConfig<'k> {
    keys: KeyRing<'k>,
    pepper: Option<&'k StorePepper>,
    policy: RefreshPolicy,
}

impl<'k> RefreshConfig<'k> {
    /// Tokens are tagged with the ring's current key and verified against
    /// all of its keys; successors are derived with the current key.
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
    /// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, start};
    /// let (old, new) = (MacKey::from_bytes([1; 32]), MacKey::from_bytes([2; 32]));
    /// let (token, _) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&old)), 1_000, None);
    /// // After a key rotation, tokens tagged under the previous key still parse.
    /// let previous = [old];
    /// let config = RefreshConfig::new(KeyRing::new(&new).with_previous(&previous));
    /// assert!(Presented::parse(token.as_str(), &config).is_ok());
    /// ```
    pub fn new(keys: KeyRing<'k>) -> Self {
        RefreshConfig { keys, pepper: None, policy: RefreshPolicy::default() }
    }
    /// Keys the stored hashes under a server pepper.
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
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, StorePepper, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let pepper = StorePepper::from_bytes([2; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key)).pepper(&pepper);
    /// let (_, peppered) = start(&mut rng, &config, 1_000, None);
    /// # let mut rng = Counter(0);
    /// let (_, plain) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// // Same secret, different stored hash.
    /// assert_ne!(peppered.current_hash, plain.current_hash);
    /// ```
    #[must_use]
    pub fn pepper(self, pepper: &'k StorePepper) -> Self {
        RefreshConfig { pepper: Some(pepper), ..self }
    }
    /// Lifetimes (the grace window is clamped to [`MAX_GRACE`]).
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
    /// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, RefreshPolicy, RejectReason, decide, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let policy = RefreshPolicy { idle: 60, ..RefreshPolicy::default() };
    /// let config = RefreshConfig::new(KeyRing::new(&key)).policy(policy);
    /// let (token, record) = start(&mut rng, &config, 1_000, None);
    /// let presented = Presented::parse(token.as_str(), &config).unwrap();
    /// assert!(matches!(decide(&record, &presented, None, 1_060, &config), Decision::Reject(RejectReason::Idle)));
    /// ```
    #[must_use]
    pub fn policy(self, policy: RefreshPolicy) -> Self {
        RefreshConfig { policy: RefreshPolicy { grace: policy.grace.min(MAX_GRACE), ..policy }, ..self }
    }

    fn tag(&self, family: &[u8; 16], generation: u32, secret: &[u8; 32]) -> [u8; 32] {
        self.keys.current().tag(&[TAG_LABEL, family, &generation.to_be_bytes(), secret])
    }

    fn successor(&self, family: &[u8; 16], next_generation: u32, secret: &[u8; 32]) -> [u8; 32] {
        self.keys.current().tag(&[SUCCESSOR_LABEL, family, &next_generation.to_be_bytes(), secret])
    }

    fn hash(&self, secret: &[u8; 32]) -> [u8; 32] {
        *StorageKey::for_refresh(secret, self.pepper).as_bytes()
    }

    fn mint(&self, family: &[u8; 16], generation: u32, secret: &[u8; 32]) -> RefreshToken {
        let mut raw = [0u8; RAW_LEN];
        let tag = self.tag(family, generation, secret);
        let mut w = Writer(&mut raw);
        w.put(family);
        w.put(&generation.to_be_bytes());
        w.put(secret);
        w.put(&tag);
        let mut token = RefreshToken { text: [0; REFRESH_TOKEN_LEN] };
        // 84 bytes always encode to exactly 112 characters.
        let _ = b64::encode_to(&raw, &mut token.text);
        raw.zeroize();
        token
    }
}

#[cfg(test)]
mod tests {
    use super::super::MacKey;
    use super::*;
    use jwtcore_testkit::SplitMix64 as Rng;

    fn rotate(d: Decision) -> (RefreshToken, FamilyRecord) {
        match d {
            Decision::Rotate { token, next, .. } | Decision::GraceRetry { token, next, .. } => (token, next),
            other => panic!("expected rotation, got {other:?}"),
        }
    }

    #[test]
    fn rotate_twice_then_replay_first() {
        let key = MacKey::from_bytes([1; 32]);
        let cfg = RefreshConfig::new(KeyRing::new(&key));
        let (t0, r0) = start(&mut Rng(1), &cfg, 100, None);
        assert_eq!(t0.as_str().len(), REFRESH_TOKEN_LEN);
        let p = |t: &RefreshToken| Presented::parse(t.as_str(), &cfg).unwrap();
        let (t1, r1) = rotate(decide(&r0, &p(&t0), None, 110, &cfg));
        assert_eq!(r1.generation, 1);
        assert_eq!(r1.version, 1);
        assert_eq!(r1.created_at, 100);
        let (t2, r2) = rotate(decide(&r1, &p(&t1), None, 120, &cfg));
        // The thief replays t0 two generations later: still detected.
        let Decision::ReuseDetected { next, expect_version } = decide(&r2, &p(&t0), None, 130, &cfg) else {
            panic!("reuse not detected");
        };
        assert_eq!(expect_version, 2);
        assert_eq!(next.status, FamilyStatus::Revoked { reason: RevokeReason::Reuse, at: 130 });
        // And now even the legitimate current token is dead.
        assert!(matches!(decide(&next, &p(&t2), None, 140, &cfg), Decision::Reject(RejectReason::Revoked)));
    }

    #[test]
    fn grace_returns_the_same_successor_once_generation_back_only() {
        let key = MacKey::from_bytes([1; 32]);
        let cfg = RefreshConfig::new(KeyRing::new(&key)).policy(RefreshPolicy { grace: 10, ..Default::default() });
        let (t0, r0) = start(&mut Rng(2), &cfg, 100, None);
        let p = |t: &RefreshToken| Presented::parse(t.as_str(), &cfg).unwrap();
        let (t1, r1) = rotate(decide(&r0, &p(&t0), None, 100, &cfg));
        let Decision::GraceRetry { token, next, .. } = decide(&r1, &p(&t0), None, 105, &cfg) else {
            panic!("expected grace retry");
        };
        assert_eq!(token.as_str(), t1.as_str());
        assert_eq!(next.generation, 1);
        // Outside the window: reuse.
        assert!(matches!(decide(&r1, &p(&t0), None, 110, &cfg), Decision::ReuseDetected { .. }));
        // Two generations back, even inside the window: reuse (django-oauth-toolkit #1617).
        let (_t2, r2) = rotate(decide(&r1, &p(&t1), None, 106, &cfg));
        assert!(matches!(decide(&r2, &p(&t0), None, 107, &cfg), Decision::ReuseDetected { .. }));
    }

    #[test]
    fn rejections_change_nothing() {
        let key = MacKey::from_bytes([1; 32]);
        let cfg = RefreshConfig::new(KeyRing::new(&key)).policy(RefreshPolicy { absolute: 1000, idle: 100, grace: 0 });
        let (t0, r0) = start(&mut Rng(3), &cfg, 0, Some(b"client-a"));
        let p0 = Presented::parse(t0.as_str(), &cfg).unwrap();
        assert!(matches!(
            decide(&r0, &p0, Some(b"client-b"), 1, &cfg),
            Decision::Reject(RejectReason::BindingMismatch)
        ));
        assert!(matches!(decide(&r0, &p0, None, 1, &cfg), Decision::Reject(RejectReason::BindingMismatch)));
        assert!(matches!(decide(&r0, &p0, Some(b"client-a"), 100, &cfg), Decision::Reject(RejectReason::Idle)));
        let mut old = r0.clone();
        old.last_used_at = 999;
        assert!(matches!(decide(&old, &p0, Some(b"client-a"), 1000, &cfg), Decision::Reject(RejectReason::Expired)));
        let (_, other) = start(&mut Rng(4), &cfg, 0, None);
        assert!(matches!(decide(&other, &p0, None, 1, &cfg), Decision::Reject(RejectReason::WrongFamily)));
        // Forged and garbled tokens never parse.
        let stranger = MacKey::from_bytes([2; 32]);
        let scfg = RefreshConfig::new(KeyRing::new(&stranger));
        assert_eq!(Presented::parse(t0.as_str(), &scfg).unwrap_err(), RejectReason::NotAuthentic);
        assert_eq!(Presented::parse(&t0.as_str()[1..], &cfg).unwrap_err(), RejectReason::Malformed);
        let mut flipped = std::string::String::from(t0.as_str());
        flipped.replace_range(30..31, if &t0.as_str()[30..31] == "A" { "B" } else { "A" });
        assert_eq!(Presented::parse(&flipped, &cfg).unwrap_err(), RejectReason::NotAuthentic);
    }

    #[test]
    fn record_round_trip_and_strictness() {
        let key = MacKey::from_bytes([1; 32]);
        let cfg = RefreshConfig::new(KeyRing::new(&key));
        let (_, r) = start(&mut Rng(5), &cfg, 42, Some(b"jkt"));
        let bytes = r.to_bytes();
        assert_eq!(FamilyRecord::from_bytes(&bytes).unwrap(), r);
        let revoked = r.revoked(RevokeReason::Logout, 50);
        assert_eq!(FamilyRecord::from_bytes(&revoked.to_bytes()).unwrap(), revoked);
        let bad = super::super::SessionError::RecordMalformed;
        assert_eq!(FamilyRecord::from_bytes(&bytes[..159]).unwrap_err(), bad);
        let mut b = bytes;
        b[0] = 2;
        assert_eq!(FamilyRecord::from_bytes(&b).unwrap_err(), bad);
        let mut b = bytes;
        b[RECORD_LEN - 33] = 7; // binding flag
        assert_eq!(FamilyRecord::from_bytes(&b).unwrap_err(), bad);
    }

    #[test]
    fn key_rotation_keeps_tokens_verifying() {
        let old = MacKey::from_bytes([1; 32]);
        let new = MacKey::from_bytes([2; 32]);
        let cfg_old = RefreshConfig::new(KeyRing::new(&old));
        let (t0, r0) = start(&mut Rng(6), &cfg_old, 0, None);
        let prev = [old.clone()];
        let cfg = RefreshConfig::new(KeyRing::new(&new).with_previous(&prev));
        let p0 = Presented::parse(t0.as_str(), &cfg).unwrap();
        let (t1, _) = rotate(decide(&r0, &p0, None, 1, &cfg));
        // The successor is tagged with the new key only.
        assert!(Presented::parse(t1.as_str(), &RefreshConfig::new(KeyRing::new(&new))).is_ok());
    }
}
