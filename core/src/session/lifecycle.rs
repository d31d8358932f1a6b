//! Session lifetime checks on timestamps the caller stores, and ID rotation.

use super::SessionId;
use super::storage::{StorageKey, StorePepper};

/// Idle and absolute timeouts, in seconds, both enforced server-side.
///
/// Defaults: idle 30 min, absolute 12 h (NIST SP 800-63B AAL2, OWASP's
/// low-risk band), last-seen writes throttled to one per 60 s, no renewal.
///
/// ```
/// use jwtcore::session::{Liveness, SessionTimes, Timeouts, check};
/// let t = Timeouts { idle: 15 * 60, absolute: 8 * 3600, renew_after: Some(3600), ..Timeouts::default() };
/// assert_eq!(t.touch_after, 60);
/// let mut times = SessionTimes::new(0);
/// times.last_seen_at = 3_500;
/// assert_eq!(check(&times, &t, 3_600), Liveness::Active { touch: true, renew_id: true });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Inactivity after which the session ends.
    pub idle: u64,
    /// Age after which the session ends, however active.
    pub absolute: u64,
    /// Only report `touch` once this many seconds passed since the last
    /// recorded activity (saves a store write per request).
    pub touch_after: u64,
    /// Optionally rotate the ID once it is this old (OWASP renewal timeout).
    pub renew_after: Option<u64>,
}

impl Timeouts {
    /// The defaults, as a constant the bindings export (so their
    /// `Timeouts` / session-store defaults are the core's, not copies).
    ///
    /// ```
    /// use jwtcore::session::Timeouts;
    /// assert_eq!(Timeouts::DEFAULT, Timeouts::default());
    /// assert_eq!((Timeouts::DEFAULT.idle, Timeouts::DEFAULT.absolute), (30 * 60, 12 * 3600));
    /// ```
    pub const DEFAULT: Timeouts = Timeouts { idle: 30 * 60, absolute: 12 * 3600, touch_after: 60, renew_after: None };
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts::DEFAULT
    }
}

/// What the caller stores with each session (Unix seconds).
///
/// ```
/// use jwtcore::session::{Liveness, SessionTimes, Timeouts, check};
/// let mut times = SessionTimes::new(1_000); // stored with the session at login
/// times.last_seen_at = 1_200; // after a touch
/// assert!(matches!(check(&times, &Timeouts::default(), 1_300), Liveness::Active { .. }));
/// // A record from "the future" (clock moved back) is not trusted.
/// assert_eq!(check(&times, &Timeouts::default(), 1_100), Liveness::ClockSkew);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    /// When the session was created (login). Rotation never moves it.
    pub created_at: u64,
    /// Last recorded activity.
    pub last_seen_at: u64,
    /// When the current ID was issued (differs from `created_at` after a
    /// rotation).
    pub id_issued_at: u64,
}

impl SessionTimes {
    /// Times for a session created at `now`.
    ///
    /// ```
    /// use jwtcore::session::SessionTimes;
    /// let times = SessionTimes::new(1_700_000_000);
    /// assert_eq!((times.created_at, times.last_seen_at, times.id_issued_at), (1_700_000_000, 1_700_000_000, 1_700_000_000));
    /// ```
    pub const fn new(now: u64) -> Self {
        SessionTimes { created_at: now, last_seen_at: now, id_issued_at: now }
    }
}

/// The verdict of [`check`].
///
/// ```
/// use jwtcore::session::{Liveness, SessionTimes, Timeouts, check};
/// let (times, t) = (SessionTimes::new(0), Timeouts::default());
/// match check(&times, &t, 120) {
///     Liveness::Active { touch, renew_id } => assert!(touch && !renew_id), // write last_seen_at = now
///     Liveness::IdleExpired | Liveness::AbsoluteExpired | Liveness::ClockSkew => unreachable!(), // delete, log out
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    /// The session is live.
    Active {
        /// Store `last_seen_at = now` (throttled by `touch_after`).
        touch: bool,
        /// The ID is older than `renew_after`: rotate it ([`Rotation`]).
        renew_id: bool,
    },
    /// No activity for longer than the idle timeout: delete the record.
    IdleExpired,
    /// Older than the absolute timeout: delete the record.
    AbsoluteExpired,
    /// The stored times are in the future or inconsistent (clock moved back
    /// or a corrupt record): treat as expired.
    ClockSkew,
}

/// Checks a session's stored times against the timeouts at `now`.
///
/// ```
/// use jwtcore::session::{Liveness, SessionTimes, Timeouts, check};
/// let t = Timeouts::default();
/// let times = SessionTimes::new(1_000);
/// assert_eq!(check(&times, &t, 1_030), Liveness::Active { touch: false, renew_id: false });
/// assert_eq!(check(&times, &t, 1_100), Liveness::Active { touch: true, renew_id: false });
/// assert_eq!(check(&times, &t, 1_000 + 1_800), Liveness::IdleExpired);
/// ```
pub fn check(times: &SessionTimes, timeouts: &Timeouts, now: u64) -> Liveness {
    if times.last_seen_at < times.created_at || times.id_issued_at < times.created_at {
        return Liveness::ClockSkew;
    }
    if now < times.last_seen_at || now < times.id_issued_at {
        return Liveness::ClockSkew;
    }
    // Absolute first: an old session must not look merely idle.
    if now >= times.created_at.saturating_add(timeouts.absolute) {
        return Liveness::AbsoluteExpired;
    }
    if now >= times.last_seen_at.saturating_add(timeouts.idle) {
        return Liveness::IdleExpired;
    }
    let touch = now >= times.last_seen_at.saturating_add(timeouts.touch_after);
    let renew_id = timeouts.renew_after.is_some_and(|r| now >= times.id_issued_at.saturating_add(r));
    Liveness::Active { touch, renew_id }
}

/// When the session ends if nothing else happens: the earlier of the idle
/// and absolute deadlines (use it as the store TTL, e.g. Redis `EX`).
///
/// ```
/// use jwtcore::session::{SessionTimes, Timeouts, expires_at};
/// let t = Timeouts::default(); // idle 30 min, absolute 12 h
/// let mut times = SessionTimes::new(0);
/// assert_eq!(expires_at(&times, &t), 1_800); // idle deadline first
/// times.last_seen_at = 12 * 3600 - 60;
/// assert_eq!(expires_at(&times, &t), 12 * 3600); // capped by the absolute deadline
/// ```
pub fn expires_at(times: &SessionTimes, timeouts: &Timeouts) -> u64 {
    times.last_seen_at.saturating_add(timeouts.idle).min(times.created_at.saturating_add(timeouts.absolute))
}

/// A new ID for an existing session, at login or any privilege change (the
/// session-fixation defence): store the record under `create` (collision
/// safe: Redis `SET NX`, SQL `INSERT`), delete `delete`, send `new_id`.
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
/// use jwtcore::session::{ConstantTimeEq, Rotation, SessionId, StorageKey};
/// let old = SessionId::<32>::from_bytes([7; 32]);
/// let rotation = Rotation::new(&old, &mut rng, None);
/// assert_eq!(rotation.delete, StorageKey::for_session(&old, None));
/// assert_eq!(rotation.create, StorageKey::for_session(&rotation.new_id, None));
/// assert!(!bool::from(rotation.new_id.ct_eq(&old)));
/// ```
#[derive(Debug)]
pub struct Rotation<const N: usize = 32> {
    /// The ID to send to the client.
    pub new_id: SessionId<N>,
    /// Where the record lives now: delete it.
    pub delete: StorageKey,
    /// Where to create the record.
    pub create: StorageKey,
}

impl<const N: usize> Rotation<N> {
    /// Rotates `old` to a fresh ID from `rng`.
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
    /// use jwtcore::session::{Rotation, SessionId, StorePepper};
    /// let pepper = StorePepper::from_bytes([9; 32]);
    /// let old = SessionId::<32>::from_bytes([7; 32]);
    /// // After login: create `create`, delete `delete`, set the cookie to `new_id`.
    /// let Rotation { new_id, delete, create } = Rotation::new(&old, &mut rng, Some(&pepper));
    /// assert_ne!(delete, create);
    /// # let _ = new_id;
    /// ```
    pub fn new<R: rand_core::CryptoRng + ?Sized>(
        old: &SessionId<N>,
        rng: &mut R,
        pepper: Option<&StorePepper>,
    ) -> Self {
        let new_id = SessionId::generate(rng);
        Rotation {
            delete: StorageKey::for_session(old, pepper),
            create: StorageKey::for_session(&new_id, pepper),
            new_id,
        }
    }

    /// The times after rotating at `now`: `created_at` is kept, so rotation
    /// never extends the absolute lifetime.
    ///
    /// ```
    /// use jwtcore::session::{Rotation, SessionTimes};
    /// let before = SessionTimes::new(1_000);
    /// let after = Rotation::<32>::times(&before, 5_000);
    /// assert_eq!(after, SessionTimes { created_at: 1_000, last_seen_at: 5_000, id_issued_at: 5_000 });
    /// ```
    pub fn times(times: &SessionTimes, now: u64) -> SessionTimes {
        SessionTimes { created_at: times.created_at, last_seen_at: now, id_issued_at: now }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts() {
        let t = Timeouts { idle: 100, absolute: 1000, touch_after: 10, renew_after: Some(300) };
        let mut times = SessionTimes::new(0);
        assert_eq!(check(&times, &t, 0), Liveness::Active { touch: false, renew_id: false });
        assert_eq!(check(&times, &t, 99), Liveness::Active { touch: true, renew_id: false });
        assert_eq!(check(&times, &t, 100), Liveness::IdleExpired);
        times.last_seen_at = 950;
        assert_eq!(check(&times, &t, 960), Liveness::Active { touch: true, renew_id: true });
        assert_eq!(check(&times, &t, 1000), Liveness::AbsoluteExpired);
        assert_eq!(check(&times, &t, 900), Liveness::ClockSkew);
        assert_eq!(expires_at(&times, &t), 1000);
        times.last_seen_at = 100;
        assert_eq!(expires_at(&times, &t), 200);
        let corrupt = SessionTimes { created_at: 10, last_seen_at: 5, id_issued_at: 10 };
        assert_eq!(check(&corrupt, &t, 20), Liveness::ClockSkew);
        let far = SessionTimes::new(u64::MAX - 5);
        assert_eq!(check(&far, &t, u64::MAX - 1), Liveness::Active { touch: false, renew_id: false });
    }

    #[test]
    fn rotation_keeps_creation_time() {
        let times = SessionTimes { created_at: 5, last_seen_at: 50, id_issued_at: 5 };
        let after = Rotation::<32>::times(&times, 60);
        assert_eq!(after, SessionTimes { created_at: 5, last_seen_at: 60, id_issued_at: 60 });
    }
}
