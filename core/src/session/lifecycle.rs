//! Session lifetime checks on timestamps the caller stores, and ID rotation.

use super::SessionId;
use super::storage::{StorageKey, StorePepper};

/// Idle and absolute timeouts, in seconds, both enforced server-side.
///
/// Defaults: idle 30 min, absolute 12 h (NIST SP 800-63B AAL2, OWASP's
/// low-risk band), last-seen writes throttled to one per 60 s, no renewal.
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

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { idle: 30 * 60, absolute: 12 * 3600, touch_after: 60, renew_after: None }
    }
}

/// What the caller stores with each session (Unix seconds).
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
    pub const fn new(now: u64) -> Self {
        SessionTimes { created_at: now, last_seen_at: now, id_issued_at: now }
    }
}

/// The verdict of [`check`].
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
pub fn expires_at(times: &SessionTimes, timeouts: &Timeouts) -> u64 {
    times.last_seen_at.saturating_add(timeouts.idle).min(times.created_at.saturating_add(timeouts.absolute))
}

/// A new ID for an existing session, at login or any privilege change (the
/// session-fixation defence): store the record under `create` (collision
/// safe: Redis `SET NX`, SQL `INSERT`), delete `delete`, send `new_id`.
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
