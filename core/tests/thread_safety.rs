//! Every public type that configuration or keys are made of can be shared across threads: a
//! server keeps them in a `static`, an `Arc` or framework state and verifies from many tasks.

use jwtcore::keys::{HmacSecret, KeyOps, KeySet};
#[cfg(feature = "session")]
use jwtcore::session::{
    CookieConfig, FamilyId, FamilyRecord, KeyRing, MacKey, RefreshConfig, RefreshPolicy, RefreshToken, SessionId,
    StorageKey, StorePepper, Timeouts,
};
use jwtcore::{Algorithm, AlgorithmSet, ClaimSet, Denylist, EncodeHeader, Error, Key, Validation};

/// Compiles only if `T` is `Send + Sync`.
const fn shared<T: Send + Sync>() {}

#[test]
fn configuration_and_key_types_are_send_and_sync() {
    shared::<Validation<'static>>();
    shared::<ClaimSet>();
    shared::<&'static dyn Denylist>();
    shared::<Algorithm>();
    shared::<AlgorithmSet>();
    shared::<EncodeHeader<'static>>();
    shared::<Key>();
    shared::<KeyOps>();
    shared::<KeySet>();
    shared::<KeySet<2>>();
    shared::<HmacSecret<'static>>();
    shared::<Error>();
}

#[cfg(feature = "session")]
#[test]
fn session_configuration_and_key_types_are_send_and_sync() {
    shared::<MacKey>();
    shared::<KeyRing<'static>>();
    #[cfg(feature = "alloc")]
    shared::<jwtcore::session::MacKeys>();
    shared::<StorePepper>();
    shared::<StorageKey>();
    shared::<RefreshPolicy>();
    shared::<RefreshConfig<'static>>();
    shared::<RefreshToken>();
    shared::<FamilyId>();
    shared::<FamilyRecord>();
    shared::<CookieConfig<'static>>();
    shared::<Timeouts>();
    shared::<SessionId>();
}

/// The use the assertion stands for: one `Validation` with a denylist in a `static`, used from
/// several threads at once.
#[test]
fn a_static_validation_with_a_denylist_serves_threads() {
    struct Revoked(&'static str);
    impl Denylist for Revoked {
        fn is_revoked(&self, _iss: Option<&str>, jti: &str) -> bool {
            jti == self.0
        }
    }
    static DENY: Revoked = Revoked("gone");
    static VALIDATION: Validation<'static> = Validation::new().require(ClaimSet::NONE).denylist(&DENY);

    let key = Key::hmac(Algorithm::Hs256, &[7; 32]).unwrap();
    let now = core::time::Duration::from_secs(1_700_000_000);
    std::thread::scope(|s| {
        for jti in ["kept", "gone"] {
            let key = &key;
            s.spawn(move || {
                #[derive(serde::Serialize)]
                struct C<'a> {
                    jti: &'a str,
                }
                let mut out = [0u8; 256];
                let token = jwtcore::encode_into(&EncodeHeader::new(), &C { jti }, key, &mut out).unwrap();
                let mut buf = [0u8; 128];
                let r = jwtcore::verify(token, key, &VALIDATION, now, &mut buf).map(|_| ());
                assert_eq!(r.is_err(), jti == "gone", "{jti}: {r:?}");
            });
        }
    });
}
