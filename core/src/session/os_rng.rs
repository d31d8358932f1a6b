//! OS-randomness conveniences for `std` builds and the bindings.
//!
//! The generic constructors take an infallible `rand_core::CryptoRng`; the
//! OS generator can fail, so these draw the bytes up front with
//! `getrandom` (reporting [`SessionError::Rng`]) and hand them over through
//! a buffer-backed generator. No panic on RNG failure.

use zeroize::Zeroize;

use super::keyring::MacKey;
use super::lifecycle::Rotation;
use super::refresh::{FamilyRecord, RefreshConfig, RefreshToken, start};
use super::storage::StorePepper;
use super::{SessionError, SessionId};

/// Serves bytes drawn beforehand; refuses nothing and repeats nothing (the
/// callers below draw exactly what they need).
struct Prefilled<'b> {
    bytes: &'b [u8],
}

impl rand_core::TryRng for Prefilled<'_> {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        let (head, tail) = self.bytes.split_at(dst.len().min(self.bytes.len()));
        if let Some(d) = dst.get_mut(..head.len()) {
            d.copy_from_slice(head);
        }
        self.bytes = tail;
        Ok(())
    }
}
impl rand_core::TryCryptoRng for Prefilled<'_> {}

fn os_bytes<const N: usize>() -> Result<[u8; N], SessionError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| SessionError::Rng)?;
    Ok(b)
}

#[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
impl MacKey {
    /// A fresh key from the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcore::session::{KeyRing, MacKey, SessionId, sign_cookie, verify_cookie};
    /// let key = MacKey::generate_os()?; // or load a persisted key: restarts must keep it
    /// let ring = KeyRing::new(&key);
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// let mut buf = [0u8; 87];
    /// let value = sign_cookie(&ring, "sid", &id, &mut buf)?;
    /// assert!(verify_cookie::<32>(&ring, "sid", value).is_ok());
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn generate_os() -> Result<Self, SessionError> {
        let mut b = os_bytes::<32>()?;
        let key = MacKey::from_bytes(b);
        b.zeroize();
        Ok(key)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
impl StorePepper {
    /// A fresh pepper from the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcore::session::{SessionId, StorageKey, StorePepper};
    /// let pepper = StorePepper::generate_os()?; // persist it: a new pepper orphans every stored session
    /// let id = SessionId::<32>::from_bytes([7; 32]);
    /// assert_ne!(StorageKey::for_session(&id, Some(&pepper)), StorageKey::for_session(&id, None));
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn generate_os() -> Result<Self, SessionError> {
        let mut b = os_bytes::<32>()?;
        let pepper = StorePepper::from_bytes(b);
        b.zeroize();
        Ok(pepper)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
impl<const N: usize> Rotation<N> {
    /// [`Rotation::new`] with the operating system's RNG.
    ///
    /// # Errors
    /// [`SessionError::Rng`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcore::session::{Rotation, SessionId, StorageKey};
    /// let old: SessionId = SessionId::generate_os()?;
    /// let rotation = Rotation::new_os(&old, None)?;
    /// assert_eq!(rotation.delete, StorageKey::for_session(&old, None));
    /// assert_ne!(rotation.create, rotation.delete);
    /// # Ok::<(), jwtcore::session::SessionError>(())
    /// ```
    pub fn new_os(old: &SessionId<N>, pepper: Option<&StorePepper>) -> Result<Self, SessionError> {
        let mut b = [0u8; 64];
        let drawn = b.get_mut(..N).ok_or(SessionError::Rng)?;
        getrandom::fill(drawn).map_err(|_| SessionError::Rng)?;
        let drawn: &[u8] = drawn;
        let rotation = Rotation::new(old, &mut Prefilled { bytes: drawn }, pepper);
        b.zeroize();
        Ok(rotation)
    }
}

/// [`start`] with the operating system's RNG.
///
/// # Errors
/// [`SessionError::Rng`] if the OS RNG fails.
///
/// ```
/// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, decide, start_os};
/// let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, record) = start_os(&config, 1_000, None)?;
/// let presented = Presented::parse(token.as_str(), &config).unwrap();
/// assert!(matches!(decide(&record, &presented, None, 1_010, &config), Decision::Rotate { .. }));
/// # Ok::<(), jwtcore::session::SessionError>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
pub fn start_os(
    config: &RefreshConfig<'_>,
    now: u64,
    binding: Option<&[u8]>,
) -> Result<(RefreshToken, FamilyRecord), SessionError> {
    // start draws the 16-byte family ID, then the 32-byte secret.
    let mut b = os_bytes::<48>()?;
    let out = start(&mut Prefilled { bytes: &b }, config, now, binding);
    b.zeroize();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::{KeyRing, Presented, StorageKey};
    use super::*;

    #[test]
    fn os_constructors_work_and_differ() {
        let a = MacKey::generate_os().unwrap();
        let b = MacKey::generate_os().unwrap();
        assert!(!bool::from(subtle::ConstantTimeEq::ct_eq(&a, &b)));
        let cfg = RefreshConfig::new(KeyRing::new(&a));
        let (t1, r1) = start_os(&cfg, 0, None).unwrap();
        let (t2, r2) = start_os(&cfg, 0, None).unwrap();
        assert_ne!(t1.as_str(), t2.as_str());
        assert_ne!(r1.family, r2.family);
        assert_eq!(Presented::parse(t1.as_str(), &cfg).unwrap().family_id(), r1.family);
        let id = SessionId::<32>::generate_os().unwrap();
        let rot = Rotation::new_os(&id, None).unwrap();
        assert_eq!(rot.delete, StorageKey::for_session(&id, None));
        assert_ne!(rot.create, rot.delete);
        // 64-byte IDs fill the whole draw.
        let long = SessionId::<64>::generate_os().unwrap();
        assert!(Rotation::new_os(&long, None).is_ok());
    }
}
