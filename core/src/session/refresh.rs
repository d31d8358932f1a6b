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

impl Default for RefreshPolicy {
    fn default() -> Self {
        RefreshPolicy { absolute: 30 * 86_400, idle: 7 * 86_400, grace: 0 }
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

/// A refresh token's text (what the client holds). Zeroized on drop;
/// `Debug` is redacted.
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
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let (token, _) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
/// assert_eq!(format!("{token:?}"), "RefreshToken(<redacted>)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RefreshToken {
    text: [u8; REFRESH_TOKEN_LEN],
}

impl RefreshToken {
    /// The token text.
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
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (token, _) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let text: &str = token.as_str(); // send this to the client
    /// assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or("")
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken(<redacted>)")
    }
}

/// A family's identifier: not secret on its own (it is where the record is
/// stored), but only ever learned from an authentic token.
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
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, record) = start(&mut rng, &config, 1_000, None);
/// let presented = Presented::parse(token.as_str(), &config).unwrap();
/// assert_eq!(presented.family_id(), record.family);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FamilyId([u8; 16]);

impl FamilyId {
    /// The 16 bytes.
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
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let column: &[u8; 16] = record.family.as_bytes(); // e.g. a BINARY(16) key
    /// assert_eq!(column, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]); // the counting test RNG
    /// ```
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Renders `r1:<32 hex>` into `out` (35 bytes); empty if too small.
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
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let mut buf = [0u8; 35];
    /// assert_eq!(record.family.render(&mut buf), "r1:0102030405060708090a0b0c0d0e0f10");
    /// assert_eq!(record.family.render(&mut [0u8; 34]), ""); // too small
    /// ```
    pub fn render<'o>(&self, out: &'o mut [u8]) -> &'o str {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let Some(out) = out.get_mut(..35) else {
            return "";
        };
        let (prefix, hex) = out.split_at_mut(3);
        prefix.copy_from_slice(b"r1:");
        for (b, pair) in self.0.iter().zip(hex.chunks_exact_mut(2)) {
            if let [hi, lo] = pair {
                *hi = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                *lo = DIGITS.get(usize::from(b & 0x0F)).copied().unwrap_or(b'0');
            }
        }
        core::str::from_utf8(out).unwrap_or("")
    }
}

impl fmt::Debug for FamilyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 35];
        write!(f, "FamilyId({})", self.render(&mut buf))
    }
}

/// Why a family was revoked.
///
/// ```
/// use jwtcore::session::{FamilyStatus, RevokeReason};
/// let status = FamilyStatus::Revoked { reason: RevokeReason::Logout, at: 1_000 };
/// assert!(matches!(status, FamilyStatus::Revoked { reason: RevokeReason::Logout, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    /// A superseded token was presented again.
    Reuse,
    /// The user logged out.
    Logout,
    /// The password (or another credential) changed.
    CredentialChange,
    /// An administrator or a security event.
    Admin,
}

impl RevokeReason {
    /// The reason's name, as the bindings spell it: `reuse`, `logout`,
    /// `credential_change` or `admin`.
    ///
    /// ```
    /// use jwtcore::session::RevokeReason;
    /// assert_eq!(RevokeReason::from_name("logout"), Some(RevokeReason::Logout));
    /// assert_eq!(RevokeReason::Logout.name(), "logout");
    /// assert_eq!(RevokeReason::from_name("Logout"), None);
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            RevokeReason::Reuse => "reuse",
            RevokeReason::Logout => "logout",
            RevokeReason::CredentialChange => "credential_change",
            RevokeReason::Admin => "admin",
        }
    }

    /// The reason named `name` (see [`RevokeReason::name`]).
    ///
    /// ```
    /// use jwtcore::session::RevokeReason;
    /// assert_eq!(RevokeReason::from_name("credential_change"), Some(RevokeReason::CredentialChange));
    /// assert_eq!(RevokeReason::from_name("expired"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        [RevokeReason::Reuse, RevokeReason::Logout, RevokeReason::CredentialChange, RevokeReason::Admin]
            .into_iter()
            .find(|r| r.name() == name)
    }

    fn to_byte(self) -> u8 {
        match self {
            RevokeReason::Reuse => 1,
            RevokeReason::Logout => 2,
            RevokeReason::CredentialChange => 3,
            RevokeReason::Admin => 4,
        }
    }
    fn from_byte(b: u8) -> Option<Self> {
        Some(match b {
            1 => RevokeReason::Reuse,
            2 => RevokeReason::Logout,
            3 => RevokeReason::CredentialChange,
            4 => RevokeReason::Admin,
            _ => return None,
        })
    }
}

/// Whether a family is usable.
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
/// use jwtcore::session::{FamilyStatus, KeyRing, MacKey, RefreshConfig, RevokeReason, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
/// assert_eq!(record.status, FamilyStatus::Active);
/// let out = record.revoked(RevokeReason::Logout, 2_000);
/// assert_eq!(out.status, FamilyStatus::Revoked { reason: RevokeReason::Logout, at: 2_000 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyStatus {
    /// Tokens may rotate.
    Active,
    /// Every token of the family is dead.
    Revoked {
        /// Why.
        reason: RevokeReason,
        /// When (Unix seconds).
        at: u64,
    },
}

/// What the server stores per family: hashes only, never a token.
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
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, Some(b"client-42"));
/// assert_eq!((record.generation, record.version, record.created_at), (0, 0, 1_000));
/// assert!(record.binding.is_some());
/// // Debug leaves the hashes out.
/// assert!(!format!("{record:?}").contains("current_hash"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FamilyRecord {
    /// The family.
    pub family: FamilyId,
    /// Generation of the current token (0 for the first).
    pub generation: u32,
    /// Hash of the current token's secret.
    pub current_hash: [u8; 32],
    /// Hash of the immediately previous token's secret (grace retries).
    pub previous_hash: [u8; 32],
    /// When the family started (login); fixed for its whole life.
    pub created_at: u64,
    /// When the current generation was issued.
    pub rotated_at: u64,
    /// Last successful presentation.
    pub last_used_at: u64,
    /// Compare-and-set counter: incremented by every state change.
    pub version: u64,
    /// Active or revoked.
    pub status: FamilyStatus,
    /// Hash of the client binding (client ID, DPoP `jkt`), if any.
    pub binding: Option<[u8; 32]>,
}

impl fmt::Debug for FamilyRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Hashes are not secrets, but they are noise in logs.
        f.debug_struct("FamilyRecord")
            .field("family", &self.family)
            .field("generation", &self.generation)
            .field("created_at", &self.created_at)
            .field("rotated_at", &self.rotated_at)
            .field("last_used_at", &self.last_used_at)
            .field("version", &self.version)
            .field("status", &self.status)
            .field("bound", &self.binding.is_some())
            .finish_non_exhaustive()
    }
}

impl FamilyRecord {
    /// The record in its fixed 160-byte layout (version byte first).
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
    /// use jwtcore::session::{FamilyRecord, KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let stored = record.to_bytes(); // one BLOB column
    /// assert_eq!(FamilyRecord::from_bytes(&stored).unwrap(), record);
    /// ```
    pub fn to_bytes(&self) -> [u8; RECORD_LEN] {
        let mut out = [0u8; RECORD_LEN];
        let mut w = Writer(&mut out);
        w.put(&[RECORD_FORMAT]);
        w.put(&self.family.0);
        w.put(&self.generation.to_be_bytes());
        w.put(&self.current_hash);
        w.put(&self.previous_hash);
        w.put(&self.created_at.to_be_bytes());
        w.put(&self.rotated_at.to_be_bytes());
        w.put(&self.last_used_at.to_be_bytes());
        w.put(&self.version.to_be_bytes());
        let (status, reason, at) = match self.status {
            FamilyStatus::Active => (0u8, 0u8, 0u64),
            FamilyStatus::Revoked { reason, at } => (1, reason.to_byte(), at),
        };
        w.put(&[status, reason]);
        w.put(&at.to_be_bytes());
        w.put(&[u8::from(self.binding.is_some())]);
        w.put(&self.binding.unwrap_or([0; 32]));
        out
    }

    /// Reads a record written by [`FamilyRecord::to_bytes`].
    ///
    /// # Errors
    /// [`SessionError::RecordMalformed`](super::SessionError::RecordMalformed)
    /// for the wrong length, format version, status or flags.
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
    /// use jwtcore::session::{FamilyRecord, KeyRing, MacKey, RefreshConfig, SessionError, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let mut stored = record.to_bytes();
    /// assert_eq!(FamilyRecord::from_bytes(&stored)?, record);
    /// stored[0] = 9; // unknown format version
    /// assert_eq!(FamilyRecord::from_bytes(&stored), Err(SessionError::RecordMalformed));
    /// assert_eq!(FamilyRecord::from_bytes(&stored[..100]), Err(SessionError::RecordMalformed));
    /// # Ok::<(), SessionError>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, super::SessionError> {
        let bad = super::SessionError::RecordMalformed;
        if bytes.len() != RECORD_LEN {
            return Err(bad);
        }
        let mut r = Reader(bytes);
        let [format] = r.take::<1>().ok_or(bad)?;
        if format != RECORD_FORMAT {
            return Err(bad);
        }
        let family = FamilyId(r.take().ok_or(bad)?);
        let generation = u32::from_be_bytes(r.take().ok_or(bad)?);
        let current_hash = r.take().ok_or(bad)?;
        let previous_hash = r.take().ok_or(bad)?;
        let created_at = u64::from_be_bytes(r.take().ok_or(bad)?);
        let rotated_at = u64::from_be_bytes(r.take().ok_or(bad)?);
        let last_used_at = u64::from_be_bytes(r.take().ok_or(bad)?);
        let version = u64::from_be_bytes(r.take().ok_or(bad)?);
        let [status, reason] = r.take().ok_or(bad)?;
        let at = u64::from_be_bytes(r.take().ok_or(bad)?);
        let [bound] = r.take().ok_or(bad)?;
        let binding_hash = r.take::<32>().ok_or(bad)?;
        let status = match status {
            0 if reason == 0 && at == 0 => FamilyStatus::Active,
            1 => FamilyStatus::Revoked { reason: RevokeReason::from_byte(reason).ok_or(bad)?, at },
            _ => return Err(bad),
        };
        let binding = match bound {
            0 if binding_hash == [0; 32] => None,
            1 => Some(binding_hash),
            _ => return Err(bad),
        };
        Ok(FamilyRecord {
            family,
            generation,
            current_hash,
            previous_hash,
            created_at,
            rotated_at,
            last_used_at,
            version,
            status,
            binding,
        })
    }

    /// The record after revoking the family at `now` (logout, credential
    /// change, admin). Persist it with the same compare-and-set on `version`.
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
    /// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, RejectReason, RevokeReason, decide, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (token, record) = start(&mut rng, &config, 1_000, None);
    /// let logged_out = record.revoked(RevokeReason::Logout, 1_500);
    /// assert_eq!(logged_out.version, record.version + 1); // CAS on `record.version`
    /// let presented = Presented::parse(token.as_str(), &config).unwrap();
    /// assert!(matches!(decide(&logged_out, &presented, None, 1_600, &config), Decision::Reject(RejectReason::Revoked)));
    /// ```
    pub fn revoked(&self, reason: RevokeReason, now: u64) -> FamilyRecord {
        FamilyRecord {
            status: FamilyStatus::Revoked { reason, at: now },
            version: self.version.wrapping_add(1),
            ..self.clone()
        }
    }
}

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

/// An authenticated, parsed refresh token: its tag verified, so its family
/// and generation can be trusted. Look the record up by [`family_id`].
///
/// [`family_id`]: Presented::family_id
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
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, _) = start(&mut rng, &config, 1_000, None);
/// let presented = Presented::parse(token.as_str(), &config).unwrap();
/// // Debug shows family and generation, never the secret.
/// assert!(format!("{presented:?}").starts_with("Presented { family: FamilyId(r1:"));
/// ```
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Presented {
    #[zeroize(skip)]
    family: FamilyId,
    generation: u32,
    secret: [u8; 32],
}

impl fmt::Debug for Presented {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Presented")
            .field("family", &self.family)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl Presented {
    /// Decodes (in constant time) and authenticates a token against every
    /// key of the ring.
    ///
    /// # Errors
    /// [`RejectReason::Malformed`] or [`RejectReason::NotAuthentic`].
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
    /// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, RejectReason, start};
    /// let (key, other) = (MacKey::from_bytes([1; 32]), MacKey::from_bytes([2; 32]));
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (token, _) = start(&mut rng, &config, 1_000, None);
    /// assert!(Presented::parse(token.as_str(), &config).is_ok());
    /// // Same token, verified under a key that did not tag it: refused before any store access.
    /// let stranger = RefreshConfig::new(KeyRing::new(&other));
    /// assert_eq!(Presented::parse(token.as_str(), &stranger).unwrap_err(), RejectReason::NotAuthentic);
    /// ```
    pub fn parse(text: &str, config: &RefreshConfig<'_>) -> Result<Presented, RejectReason> {
        if text.len() != REFRESH_TOKEN_LEN {
            return Err(RejectReason::Malformed);
        }
        let mut raw = [0u8; RAW_LEN];
        match b64::decode_secret(text.as_bytes(), &mut raw) {
            Ok(out) if out.len() == RAW_LEN => {}
            _ => return Err(RejectReason::Malformed),
        }
        let mut r = Reader(&raw);
        let (Some(family), Some(generation), Some(secret), Some(tag)) =
            (r.take::<16>(), r.take::<4>(), r.take::<32>(), r.take::<32>())
        else {
            return Err(RejectReason::Malformed);
        };
        raw.zeroize();
        let presented = Presented { family: FamilyId(family), generation: u32::from_be_bytes(generation), secret };
        let parts: [&[u8]; 4] = [TAG_LABEL, &family, &generation, &presented.secret];
        config.keys.verify(&parts, &tag).ok_or(RejectReason::NotAuthentic)?;
        Ok(presented)
    }

    /// The family to load the record for.
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
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (token, record) = start(&mut rng, &config, 1_000, None);
    /// let presented = Presented::parse(token.as_str(), &config).unwrap();
    /// let mut buf = [0u8; 35];
    /// let lookup_key = presented.family_id().render(&mut buf); // SELECT … WHERE family_id = ?
    /// assert_eq!(lookup_key, record.family.render(&mut [0u8; 35]));
    /// ```
    pub fn family_id(&self) -> FamilyId {
        self.family
    }

    /// The token's generation (0 for the first token of a family).
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
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (t0, record) = start(&mut rng, &config, 1_000, None);
    /// let p0 = Presented::parse(t0.as_str(), &config).unwrap();
    /// assert_eq!(p0.generation(), 0);
    /// let Decision::Rotate { token: t1, .. } = decide(&record, &p0, None, 1_010, &config) else { panic!() };
    /// assert_eq!(Presented::parse(t1.as_str(), &config).unwrap().generation(), 1);
    /// ```
    pub fn generation(&self) -> u32 {
        self.generation
    }
}

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

struct Writer<'b>(&'b mut [u8]);

impl Writer<'_> {
    fn put(&mut self, bytes: &[u8]) {
        let buf = core::mem::take(&mut self.0);
        if let Some((head, tail)) = buf.split_at_mut_checked(bytes.len()) {
            head.copy_from_slice(bytes);
            self.0 = tail;
        }
    }
}

struct Reader<'b>(&'b [u8]);

impl Reader<'_> {
    fn take<const K: usize>(&mut self) -> Option<[u8; K]> {
        let (head, tail) = self.0.split_first_chunk::<K>()?;
        self.0 = tail;
        Some(*head)
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
