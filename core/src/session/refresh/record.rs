//! The record the caller persists per family, in its fixed byte layout.

// The parent's imports and constants (the token format, the labels) are shared by glob.
use super::*;

/// Why a family was revoked.
///
/// ```
/// use jwtcore::session::{FamilyStatus, RevokeReason};
/// let status = FamilyStatus::Revoked { reason: RevokeReason::Logout, at: 1_000 };
/// assert!(matches!(status, FamilyStatus::Revoked { reason: RevokeReason::Logout, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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

impl fmt::Display for RevokeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl RevokeReason {
    /// The reason's stable code, as the bindings spell it: `reuse`,
    /// `logout`, `credential_change` or `admin`.
    ///
    /// ```
    /// use jwtcore::session::RevokeReason;
    /// assert_eq!(RevokeReason::Logout.code(), "logout");
    /// assert_eq!(RevokeReason::CredentialChange.to_string(), "credential_change");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            RevokeReason::Reuse => "reuse",
            RevokeReason::Logout => "logout",
            RevokeReason::CredentialChange => "credential_change",
            RevokeReason::Admin => "admin",
        }
    }

    /// The reason whose [`code`](RevokeReason::code) is `code`.
    ///
    /// ```
    /// use jwtcore::session::RevokeReason;
    /// assert_eq!(RevokeReason::from_code("credential_change"), Some(RevokeReason::CredentialChange));
    /// assert_eq!(RevokeReason::from_code("Logout"), None);
    /// assert_eq!(RevokeReason::from_code("expired"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        [RevokeReason::Reuse, RevokeReason::Logout, RevokeReason::CredentialChange, RevokeReason::Admin]
            .into_iter()
            .find(|r| r.code() == code)
    }

    /// The old name of [`code`](RevokeReason::code).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// assert_eq!(jwtcore::session::RevokeReason::Admin.name(), "admin");
    /// ```
    #[deprecated(since = "0.1.0", note = "use `code()`: every stable string in jwtcore is a `code()`")]
    pub const fn name(self) -> &'static str {
        self.code()
    }

    /// The old name of [`from_code`](RevokeReason::from_code).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use jwtcore::session::RevokeReason;
    /// assert_eq!(RevokeReason::from_name("admin"), Some(RevokeReason::Admin));
    /// ```
    #[deprecated(since = "0.1.0", note = "use `from_code()`")]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::from_code(name)
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
    /// [`SessionError::RecordMalformed`](crate::session::SessionError::RecordMalformed)
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
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, crate::session::SessionError> {
        let bad = crate::session::SessionError::RecordMalformed;
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

pub(super) struct Writer<'b>(pub(super) &'b mut [u8]);

impl Writer<'_> {
    pub(super) fn put(&mut self, bytes: &[u8]) {
        let buf = core::mem::take(&mut self.0);
        if let Some((head, tail)) = buf.split_at_mut_checked(bytes.len()) {
            head.copy_from_slice(bytes);
            self.0 = tail;
        }
    }
}

pub(super) struct Reader<'b>(pub(super) &'b [u8]);

impl Reader<'_> {
    pub(super) fn take<const K: usize>(&mut self) -> Option<[u8; K]> {
        let (head, tail) = self.0.split_first_chunk::<K>()?;
        self.0 = tail;
        Some(*head)
    }
}
