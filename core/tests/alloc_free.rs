//! Proof that decode + verify + validate allocates nothing, for every
//! algorithm, with a counting global allocator (its own test binary so no
//! other test shares the allocator).

// A global allocator is an `unsafe impl`; this test binary is the only
// place in the workspace that needs one, and the library itself keeps
// `#![forbid(unsafe_code)]`.
#![allow(unsafe_code)]

use core::time::Duration;

use jwtcore::keys::KeySet;
use jwtcore::{Algorithm, EncodeHeader, Key, Validation, encode_into, verify, verify_with};
use serde::{Deserialize, Serialize};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations_in;

#[derive(Serialize, Deserialize)]
struct Claims<'a> {
    sub: &'a str,
    iss: &'a str,
    aud: &'a str,
    exp: u64,
    nbf: u64,
    iat: u64,
    jti: &'a str,
    name: &'a str,
    roles: [&'a str; 3],
}

const CLAIMS: Claims<'static> = Claims {
    sub: "user-1234567890",
    iss: "https://auth.example.com",
    aud: "api.example.com",
    exp: 4_102_444_800,
    nbf: 1_700_000_000,
    iat: 1_700_000_000,
    jti: "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    name: "Alice Example",
    roles: ["admin", "editor", "viewer"],
};

fn keys() -> Vec<Key> {
    vec![
        Key::hmac(Algorithm::Hs256, &[7u8; 32]).unwrap(),
        Key::hmac(Algorithm::Hs384, &[7u8; 48]).unwrap(),
        Key::hmac(Algorithm::Hs512, &[7u8; 64]).unwrap(),
        Key::es256_private(&[9u8; 32]).unwrap(),
        Key::ed25519_private(&[11u8; 32]).unwrap().with_kid("ed").unwrap(),
    ]
}

#[test]
fn verify_validate_and_deserialize_allocate_nothing() {
    let issuers = ["https://auth.example.com"];
    let audiences = ["api.example.com"];
    let validation = Validation::new().issuer(&issuers).audience(&audiences).leeway(Duration::from_secs(60));
    let now = Duration::from_secs(1_750_000_000);
    for key in keys() {
        let mut out = [0u8; 1024];
        let mut scratch = [0u8; 1024];
        let mut token_len = 0;
        let encode_allocs = allocations_in(|| {
            let t = encode_into(&EncodeHeader::new(), &CLAIMS, &key, &mut out).unwrap();
            token_len = t.len();
        });
        let token = std::str::from_utf8(&out[..token_len]).unwrap().to_owned();
        let mut roles = 0;
        let verify_allocs = allocations_in(|| {
            let v = verify(&token, &key, &validation, now, &mut scratch).unwrap();
            let c: Claims<'_> = v.deserialize().unwrap();
            roles = c.roles.len() + c.sub.len();
        });
        assert_eq!(roles, 3 + 15);
        // With `aws-lc`, Ed25519 signing runs in aws-lc-rs, which returns the signature through
        // one heap buffer of its own; every other encode, and every verify, allocates nothing.
        let expected = usize::from(cfg!(feature = "aws-lc") && key.algorithm() == Algorithm::EdDsa);
        assert_eq!(encode_allocs, expected, "{}: encode allocated", key.algorithm());
        assert_eq!(verify_allocs, 0, "{}: verify allocated", key.algorithm());

        // The same through a key set lookup by kid/alg.
        let mut set: KeySet<4> = KeySet::new();
        set.insert(key.clone()).unwrap();
        let set_allocs = allocations_in(|| {
            verify_with(&token, &set, &validation, now, &mut scratch).unwrap();
        });
        assert_eq!(set_allocs, 0, "{}: key-set verify allocated", key.algorithm());
    }
}

#[test]
fn rejections_allocate_nothing() {
    let key = Key::hmac(Algorithm::Hs256, &[7u8; 32]).unwrap();
    let mut out = [0u8; 1024];
    let token = encode_into(&EncodeHeader::new(), &CLAIMS, &key, &mut out).unwrap().to_owned();
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    let mut scratch = [0u8; 1024];
    let now = Duration::from_secs(5_000_000_000);
    for t in [token.as_str(), forged.as_str(), "a.b", "e30.e30.e30"] {
        let n = allocations_in(|| {
            assert!(verify(t, &key, &Validation::new(), now, &mut scratch).is_err());
        });
        assert_eq!(n, 0, "{t}");
    }
}

#[test]
fn unencoded_and_detached_jws_verify_allocates_nothing() {
    use jwtcore::{sign_compact_into, sign_detached_into, verify_jws, verify_jws_detached};
    let header = br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    for key in keys().into_iter().filter(|k| k.algorithm() == Algorithm::Hs256 || k.algorithm() == Algorithm::EdDsa) {
        let header: Vec<u8> = if key.algorithm() == Algorithm::EdDsa {
            br#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#.to_vec()
        } else {
            header.to_vec()
        };
        let mut out = [0u8; 512];
        let attached = sign_compact_into(&header, b"raw payload", &key, &mut out).unwrap().to_owned();
        let detached = sign_detached_into(&header, b"raw.payload", &key, &mut out).unwrap().to_owned();
        let mut scratch = [0u8; 512];
        let n = allocations_in(|| {
            assert_eq!(
                verify_jws(&attached, &key, &Validation::new(), &mut scratch).unwrap().payload(),
                b"raw payload"
            );
            let v = verify_jws_detached(&detached, b"raw.payload", &key, &Validation::new(), &mut scratch).unwrap();
            assert_eq!(v.payload(), b"raw.payload");
        });
        assert_eq!(n, 0, "{}", key.algorithm());
    }
}

#[test]
fn the_counter_counts() {
    let n = allocations_in(|| {
        let v: Vec<u8> = Vec::with_capacity(10);
        std::hint::black_box(v);
    });
    assert_eq!(n, 1);
}
