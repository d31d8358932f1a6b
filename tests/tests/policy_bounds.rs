//! `tests/vectors/tables/policy-bounds.json` through the core's `Policy`: the one bound on
//! options given in seconds (±1e12 s, finite; max age not negative), refused rather than clamped,
//! and the verdicts inside it. The Python and JS suites run the same file through their bindings.

use jwtcore::policy::{Policy, unix_time};
use jwtcore::{Algorithm, EncodeHeader, Key, encode, verify};
use jwtcore_conformance::vectors_dir;
use serde_json::Value;

fn seconds(text: &str) -> f64 {
    text.parse().unwrap_or_else(|_| panic!("not a number: {text}"))
}

/// The verdict for one case: `valid`, the core's error code or the policy error's code.
fn verdict(token: &str, key: &Key, now: f64, case: &Value) -> String {
    let mut policy = Policy::new().algorithms(["HS256"]).require(["exp"]);
    policy = match policy.leeway_seconds(seconds(case["leeway"].as_str().expect("leeway"))) {
        Ok(p) => p,
        Err(e) => return e.code().to_owned(),
    };
    if let Some(max_age) = case["max_age"].as_str() {
        policy = match policy.max_age_seconds(seconds(max_age)) {
            Ok(p) => p,
            Err(e) => return e.code().to_owned(),
        };
    }
    let mut scratch = vec![0u8; jwtcore::scratch_len(token)];
    match policy.with(|v| verify(token, key, v, unix_time(now), &mut scratch).map(|_| ())) {
        Ok(()) => "valid".to_owned(),
        Err(e) => e.code().to_owned(),
    }
}

#[test]
fn policy_bounds_vectors() {
    let path = vectors_dir().join("tables").join("policy-bounds.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("policy-bounds.json")).expect("JSON");
    let key = Key::hmac(Algorithm::Hs256, file["secret"].as_str().expect("secret").as_bytes()).expect("key");
    let token = encode(&EncodeHeader::new(), &file["claims"], &key).expect("token");
    let now = file["now"].as_f64().expect("now");
    let cases = file["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let want = case["expect"].as_str().expect("expect");
        assert_eq!(verdict(&token, &key, now, case), want, "{}", case["id"]);
    }
}
