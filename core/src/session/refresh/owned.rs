//! The refresh configuration in owned form, for keys and lifetimes loaded at
//! run time (a secrets manager, the Python and JS bindings): built once, it
//! lends a [`RefreshConfig`] per operation without allocating.

use super::super::keyring::MacKeys;
use super::{RefreshConfig, RefreshPolicy, StorePepper};

/// [`RefreshConfig`] that owns its key ring and pepper: keep one in server
/// state and call [`config`](Self::config) for each
/// [`start`](super::start) / [`decide`](super::decide).
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
/// # let mut rng = Counter(0); // a real CSPRNG, or `start_os` with `getrandom`
/// use jwtcore::session::{MacKey, MacKeys, OwnedRefreshConfig, Presented, RefreshPolicy, StorePepper, decide, start};
///
/// // At start-up, from the secrets manager.
/// let keys = MacKeys::new(MacKey::from_bytes([2; 32])).with_previous(vec![MacKey::from_bytes([1; 32])]);
/// let refresh = OwnedRefreshConfig::new(keys)
///     .pepper(StorePepper::from_bytes([3; 32]))
///     .policy(RefreshPolicy { idle: 3_600, ..RefreshPolicy::DEFAULT });
///
/// // Per request.
/// let (token, record) = start(&mut rng, &refresh.config(), 1_000, None);
/// let presented = Presented::parse(token.as_str(), &refresh.config()).expect("authentic");
/// let decision = decide(&record, &presented, None, 1_060, &refresh.config());
/// assert_eq!(decision.code(), "rotate");
/// ```
#[derive(Debug)]
pub struct OwnedRefreshConfig {
    keys: MacKeys,
    pepper: Option<StorePepper>,
    policy: RefreshPolicy,
}

impl OwnedRefreshConfig {
    /// Tokens tagged with the ring's current key and verified against all of
    /// its keys, no pepper, [`RefreshPolicy::DEFAULT`] lifetimes.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, OwnedRefreshConfig};
    /// let refresh = OwnedRefreshConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
    /// # let _ = refresh;
    /// ```
    pub fn new(keys: MacKeys) -> Self {
        OwnedRefreshConfig { keys, pepper: None, policy: RefreshPolicy::DEFAULT }
    }

    /// Keys the stored hashes under a server pepper (see
    /// [`RefreshConfig::pepper`]).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, OwnedRefreshConfig, StorePepper};
    /// let refresh = OwnedRefreshConfig::new(MacKeys::new(MacKey::from_bytes([1; 32]))).pepper(StorePepper::from_bytes([2; 32]));
    /// # let _ = refresh;
    /// ```
    #[must_use]
    pub fn pepper(self, pepper: StorePepper) -> Self {
        OwnedRefreshConfig { pepper: Some(pepper), ..self }
    }

    /// Lifetimes (see [`RefreshConfig::policy`]: the grace window is clamped
    /// to [`MAX_GRACE`](super::MAX_GRACE)).
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, OwnedRefreshConfig, RefreshPolicy};
    /// let refresh = OwnedRefreshConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])))
    ///     .policy(RefreshPolicy { absolute: 86_400, ..RefreshPolicy::DEFAULT });
    /// # let _ = refresh;
    /// ```
    #[must_use]
    pub fn policy(self, policy: RefreshPolicy) -> Self {
        OwnedRefreshConfig { policy, ..self }
    }

    /// The borrowed configuration the session functions take; costs a few
    /// copies, no allocation.
    ///
    /// ```
    /// use jwtcore::session::{MacKey, MacKeys, OwnedRefreshConfig, Presented};
    /// let refresh = OwnedRefreshConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])));
    /// assert!(Presented::parse("not a token", &refresh.config()).is_err());
    /// ```
    pub fn config(&self) -> RefreshConfig<'_> {
        let config = RefreshConfig::new(self.keys.ring()).policy(self.policy);
        match &self.pepper {
            Some(p) => config.pepper(p),
            None => config,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::keyring::MacKey;
    use super::super::{Decision, KeyRing, Presented, RejectReason, decide, start};
    use super::*;
    use jwtcore_testkit::SplitMix64 as Rng;

    /// The owned form lends exactly the configuration built by hand from the same parts:
    /// the same first token and record, and the same decisions after it.
    #[test]
    fn lends_the_same_configuration_as_the_borrowed_form() {
        let (current, previous) = ([5; 32], [6; 32]);
        let pepper = StorePepper::from_bytes([7; 32]);
        let policy = RefreshPolicy { idle: 100, absolute: 10_000, grace: 10 };
        let owned = OwnedRefreshConfig::new(
            MacKeys::new(MacKey::from_bytes(current)).with_previous(alloc::vec![MacKey::from_bytes(previous)]),
        )
        .pepper(StorePepper::from_bytes([7; 32]))
        .policy(policy);
        let (c, p) = (MacKey::from_bytes(current), [MacKey::from_bytes(previous)]);
        let by_hand = RefreshConfig::new(KeyRing::new(&c).with_previous(&p)).pepper(&pepper).policy(policy);

        let (t_owned, r_owned) = start(&mut Rng(0), &owned.config(), 1_000, None);
        let (t_hand, r_hand) = start(&mut Rng(0), &by_hand, 1_000, None);
        assert_eq!(t_owned.as_str(), t_hand.as_str());
        assert_eq!(r_owned.to_bytes(), r_hand.to_bytes());

        let presented = Presented::parse(t_owned.as_str(), &owned.config()).unwrap();
        for now in [1_050, 1_200] {
            let a = decide(&r_owned, &presented, None, now, &owned.config());
            let b = decide(&r_hand, &presented, None, now, &by_hand);
            assert_eq!(a.code(), b.code(), "{now}");
            assert_eq!(a.token().map(|t| t.as_str()), b.token().map(|t| t.as_str()));
            assert_eq!(a.persist().map(|(r, v)| (r.to_bytes(), v)), b.persist().map(|(r, v)| (r.to_bytes(), v)));
        }
        // Idle longer than 100 s: refused by both.
        assert!(matches!(
            decide(&r_owned, &presented, None, 1_200, &owned.config()),
            Decision::Reject(RejectReason::Idle)
        ));
    }

    /// `code`, `refusal_code`, `token` and `persist` describe each outcome as its variant does.
    #[test]
    fn decision_accessors_follow_the_variant() {
        let owned = OwnedRefreshConfig::new(MacKeys::new(MacKey::from_bytes([1; 32])))
            .policy(RefreshPolicy { grace: 30, ..RefreshPolicy::DEFAULT });
        let config = owned.config();
        let client: Option<&[u8]> = Some(b"client");
        let (t0, r0) = start(&mut Rng(9), &config, 1_000, client);
        let p0 = Presented::parse(t0.as_str(), &config).unwrap();

        let rotate = decide(&r0, &p0, client, 1_010, &config);
        assert_eq!((rotate.code(), rotate.refusal_code()), ("rotate", None));
        let (r1, v) = rotate.persist().map(|(r, v)| (r.clone(), v)).unwrap();
        assert_eq!((v, r1.version), (r0.version, r0.version + 1));
        let t1 = rotate.token().unwrap().as_str();

        let retry = decide(&r1, &p0, client, 1_020, &config);
        assert_eq!((retry.code(), retry.refusal_code()), ("grace_retry", None));
        assert_eq!(retry.token().map(|t| t.as_str()), Some(t1));

        let reuse = decide(&r1, &p0, client, 1_200, &config);
        assert_eq!((reuse.code(), reuse.refusal_code()), ("reuse_detected", Some("refresh_reuse_detected")));
        assert!(reuse.token().is_none());
        assert_eq!(reuse.persist().map(|(_, v)| v), Some(r1.version));

        let wrong = decide(&r0, &p0, Some(&b"other client"[..]), 1_010, &config);
        assert_eq!((wrong.code(), wrong.refusal_code()), ("reject", Some(RejectReason::BindingMismatch.code())));
        assert!(wrong.token().is_none() && wrong.persist().is_none());
    }
}
