//! Issue 20 item 1: configuration built once and kept in shared server state. Borrowed forms
//! live in `static`s (or `LazyLock`s for keys loaded at start-up) and in `Arc`s; rules read at run
//! time use `OwnedValidation`, which lends a `Validation` per verification without allocating.
//! Its own test binary: it installs the counting allocator.
#![cfg(feature = "std")] // start-up keys, threads, the system clock
#![allow(unsafe_code)] // the counting global allocator

use std::sync::Arc;
#[cfg(feature = "session")]
use std::sync::LazyLock;
use std::thread;

#[cfg(feature = "session")]
use jwtcore::session::{
    Decision, KeyRing, MacKey, MacKeys, Presented, RefreshConfig, SessionId, decide, sign_cookie, start_os,
    verify_cookie,
};
use jwtcore::{Algorithm, Denylist, EncodeHeader, Error, Key, OwnedValidation, Validation, encode, verify_with};
use serde::Serialize;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations_in;

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    aud: &'a str,
    jti: &'a str,
    exp: u64,
}

fn key() -> Key {
    Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes").unwrap()
}

fn token(iss: &str, jti: &str) -> String {
    encode(&EncodeHeader::new(), &Claims { iss, aud: "api", jti, exp: 4_000_000_000 }, &key()).unwrap()
}

fn check(rules: &OwnedValidation, token: &str) -> Result<(), Error> {
    let mut scratch = [0u8; 512];
    rules.with(|v| verify_with(token, &key(), v, jwtcore::now(), &mut scratch).map(|_| ()))
}

struct Revoked(String);
impl Denylist for Revoked {
    fn is_revoked(&self, _iss: Option<&str>, jti: &str) -> bool {
        jti == self.0
    }
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn owned_rules_from_runtime_strings_are_shared_across_threads() {
    assert_send_sync::<OwnedValidation>();
    // As a service reads them from its environment at start-up.
    let issuer = String::from("https://login.example.com");
    let revoked = String::from("jti-revoked");
    let rules = Arc::new(
        OwnedValidation::new(Validation::new()).issuer([issuer.clone()]).audience(["api"]).denylist(Revoked(revoked)),
    );
    drop(issuer); // the rules own their copy

    let workers: Vec<_> = (0..4)
        .map(|_| {
            let rules = rules.clone();
            thread::spawn(move || {
                (
                    check(&rules, &token("https://login.example.com", "jti-1")),
                    check(&rules, &token("https://evil.example", "jti-1")).map_err(|e| e.code()),
                    check(&rules, &token("https://login.example.com", "jti-revoked")).map_err(|e| e.code()),
                )
            })
        })
        .collect();
    let expected_other = {
        let mut scratch = [0u8; 512];
        let v = Validation::new().issuer(&["https://login.example.com"]).audience(&["api"]);
        verify_with(&token("https://evil.example", "jti-1"), &key(), &v, jwtcore::now(), &mut scratch)
            .unwrap_err()
            .code()
    };
    for worker in workers {
        let (good, other_issuer, revoked) = worker.join().unwrap();
        assert_eq!(good, Ok(()));
        assert_eq!(other_issuer, Err(expected_other));
        assert_eq!(revoked, Err("revoked"));
    }
}

#[test]
fn lending_allocates_nothing_up_to_eight_entries_and_works_beyond() {
    let eight: Vec<String> =
        (0..7).map(|i| format!("https://other-{i}.example")).chain(["https://login.example.com".into()]).collect();
    let rules = OwnedValidation::new(Validation::new()).issuer(eight).audience(["api"]);
    let t = token("https://login.example.com", "j");
    let mut result = Err(Error::KeySet(jwtcore::KeySetError::NoMatchingKey));
    let k = key();
    let mut scratch = [0u8; 512];
    let now = jwtcore::now();
    let count = allocations_in(|| result = rules.with(|v| verify_with(&t, &k, v, now, &mut scratch).map(|_| ())));
    assert_eq!((result, count), (Ok(()), 0));

    let many: Vec<String> =
        (0..20).map(|i| format!("https://other-{i}.example")).chain(["https://login.example.com".into()]).collect();
    assert_eq!(check(&OwnedValidation::new(Validation::new()).issuer(many).audience(["api"]), &t), Ok(()));
}

// Borrowed forms built once: rules known at compile time in a `static`; keys loaded at start-up
// in a `LazyLock`, and the `KeyRing` / `RefreshConfig` that borrow them, `'static` too.
#[cfg(feature = "session")]
static RULES: Validation<'static> = Validation::new().issuer(&["https://login.example.com"]).audience(&["api"]);
#[cfg(feature = "session")]
static SESSION_KEYS: LazyLock<MacKeys> = LazyLock::new(|| MacKeys::new(MacKey::from_bytes([3; 32])));
#[cfg(feature = "session")]
static REFRESH: LazyLock<RefreshConfig<'static>> = LazyLock::new(|| RefreshConfig::new(SESSION_KEYS.ring()));

#[cfg(feature = "session")]
struct AppState {
    rules: Validation<'static>,
    ring: KeyRing<'static>,
    refresh: RefreshConfig<'static>,
}

#[cfg(feature = "session")]
#[test]
fn borrowed_forms_live_in_static_and_arc_state() {
    let state = Arc::new(AppState { rules: RULES, ring: SESSION_KEYS.ring(), refresh: *REFRESH });
    let worker = {
        let state = state.clone();
        thread::spawn(move || {
            let mut scratch = [0u8; 512];
            let verified = verify_with(
                &token("https://login.example.com", "j"),
                &key(),
                &state.rules,
                jwtcore::now(),
                &mut scratch,
            )
            .is_ok();
            let (t0, record) = start_os(&state.refresh, 1_000, None).unwrap();
            let presented = Presented::parse(t0.as_str(), &state.refresh).unwrap();
            let rotated = matches!(decide(&record, &presented, None, 1_010, &state.refresh), Decision::Rotate { .. });
            let mut buf = [0u8; 128];
            let id = SessionId::<32>::from_bytes([9; 32]);
            let cookie = sign_cookie(&state.ring, "sid", &id, &mut buf).unwrap();
            (verified, rotated, verify_cookie::<32>(&SESSION_KEYS.ring(), "sid", cookie).is_ok())
        })
    };
    assert_eq!(worker.join().unwrap(), (true, true, true));
}
