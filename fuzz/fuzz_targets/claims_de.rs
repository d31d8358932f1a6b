//! Arbitrary payload bytes, signed and verified, then deserialized: the
//! core's serde reader (through the gate's member index when `verify` kept
//! one, and without it through `decode_unverified`) never panics, the two
//! paths agree, and they agree with serde_json (the field's reference
//! reader) on acceptance and, without floats, on the value.
#![no_main]

use std::collections::BTreeMap;
use std::time::Duration;

use jwtcore::{Algorithm, ClaimSet, Key, Validation};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

/// A claims shape with the usual field types, unknown members ignored.
#[derive(Debug, PartialEq, Deserialize)]
struct Claims<'a> {
    sub: Option<&'a str>,
    exp: Option<u64>,
    nbf: Option<i64>,
    aud: Option<Vec<String>>,
    scope: Option<String>,
    ratio: Option<f64>,
    #[serde(borrow)]
    extra: Option<BTreeMap<&'a str, serde::de::IgnoredAny>>,
}

fn has_float(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(n) => n.is_f64(),
        serde_json::Value::Array(a) => a.iter().any(has_float),
        serde_json::Value::Object(o) => o.values().any(has_float),
        _ => false,
    }
}

fuzz_target!(|payload: &[u8]| {
    let key = Key::hmac(Algorithm::Hs256, &[3u8; 32]).unwrap();
    let mut out = vec![0u8; 4 * payload.len() + 256];
    let Ok(token) = jwtcore::sign_compact_into(br#"{"alg":"HS256"}"#, payload, &key, &mut out) else {
        return;
    };
    let token = token.to_owned();
    let v = Validation::new().require(ClaimSet::NONE).max_token_len(usize::MAX).skip(ClaimSet::ALL);
    let now = Duration::from_secs(0);
    let mut scratch = vec![0u8; jwtcore::scratch_len(&token).max(16)];
    let Ok(verified) = jwtcore::verify(&token, &key, &v, now, &mut scratch) else {
        return;
    };
    let mut scratch2 = vec![0u8; jwtcore::scratch_len(&token).max(16)];
    let unverified = jwtcore::dangerous::decode_unverified(&token, None, now, &mut scratch2).unwrap();
    assert_eq!(verified.payload_json(), unverified.payload_json());

    // Indexed and ordinary readers: the same verdict and value.
    let a: Result<Claims<'_>, _> = verified.deserialize();
    let b: Result<Claims<'_>, _> = unverified.deserialize();
    assert_eq!(a, b, "{}", verified.payload_json());
    let a: Result<serde_json::Value, _> = verified.deserialize();
    let b: Result<serde_json::Value, _> = unverified.deserialize();
    assert_eq!(a, b, "{}", verified.payload_json());

    // Against serde_json on the same canonical text: both read a value, or both refuse (a number
    // beyond f64 is valid JSON that neither reads), and without floats the values are equal.
    let json = verified.payload_json();
    let theirs: Result<serde_json::Value, _> = serde_json::from_str(json);
    // The one refusal of ours serde_json does not share: a string with escapes decodes into a
    // 512-byte stack buffer (as serde-json-core's did), so a longer one does not fit.
    let long_escaped = json.contains('\\') && json.len() > 512;
    if !(a.is_err() && theirs.is_ok() && long_escaped) {
        assert_eq!(a.is_ok(), theirs.is_ok(), "{json} {a:?} {theirs:?}");
    }
    if let (Ok(ours), Ok(theirs)) = (a, theirs) {
        if !has_float(&theirs) {
            assert_eq!(ours, theirs, "{}", verified.payload_json());
        }
    }
    let ours: Result<Claims<'_>, _> = verified.deserialize();
    let theirs: Result<Claims<'_>, _> = serde_json::from_str(json);
    if !(ours.is_err() && theirs.is_ok() && long_escaped) {
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{json} {ours:?} {theirs:?}");
    }
});
