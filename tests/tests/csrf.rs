//! `tests/vectors/sessions/csrf.json` through the Rust core: CSRF tokens equal to the values
//! Python's hmac/hashlib computed from the documented construction, rotation, refusals with their
//! codes, and the request check's verdicts (the Python and JS suites check the same file).

use jwtcore::session::{
    CsrfToken, KeyMatch, KeyRing, MacKey, OwnedRequestPolicy, RequestPolicy, StorageKey, verify_csrf,
};
use jwtcore_conformance::vectors_dir;
use serde_json::Value;

fn file() -> Value {
    let path = vectors_dir().join("sessions").join("csrf.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("csrf.json")).expect("valid JSON")
}

fn bytes<const N: usize>(hex: &str) -> [u8; N] {
    let mut out = [0u8; N];
    assert_eq!(hex.len(), 2 * N, "{hex}");
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
    }
    out
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("{k} missing in {v}"))
}

fn session(v: &Value) -> StorageKey {
    StorageKey::parse(s(v, "storage_key")).expect("storage key")
}

#[test]
fn tokens_match_the_independent_values() {
    let f = file();
    let cases = f["tokens"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for c in cases {
        let key = MacKey::from_bytes(bytes(s(c, "key")));
        let ring = KeyRing::new(&key);
        let token = CsrfToken::issue(&ring, &session(c), bytes(s(c, "nonce")));
        let mut out = [0u8; 64];
        assert_eq!(token.encode(&mut out).unwrap(), s(c, "token"), "{c}");
        assert_eq!(verify_csrf(&ring, &session(c), s(c, "token")), Ok(KeyMatch::Current));
        for m in c["masked"].as_array().unwrap() {
            let mut out = [0u8; 128];
            let value = token.mask(bytes(s(m, "pad")), &mut out).unwrap();
            assert_eq!(value, s(m, "value"));
            assert_eq!(verify_csrf(&ring, &session(c), value), Ok(KeyMatch::Current));
        }
    }
}

#[test]
fn rotation_reports_the_previous_key() {
    for c in file()["rotation"].as_array().unwrap() {
        let current = MacKey::from_bytes(bytes(s(c, "current")));
        let previous: Vec<MacKey> =
            c["previous"].as_array().unwrap().iter().map(|k| MacKey::from_bytes(bytes(k.as_str().unwrap()))).collect();
        let ring = KeyRing::new(&current).with_previous(&previous);
        let used = verify_csrf(&ring, &session(c), s(c, "value")).unwrap_or_else(|e| panic!("{}: {e}", s(c, "why")));
        assert_eq!(used != KeyMatch::Current, c["reissue"].as_bool().unwrap(), "{}", s(c, "why"));
    }
}

#[test]
fn rejected_tokens_fail_with_the_named_code() {
    for c in file()["rejected_tokens"].as_array().unwrap() {
        let key = MacKey::from_bytes(bytes(s(c, "key")));
        let err = verify_csrf(&KeyRing::new(&key), &session(c), s(c, "value")).unwrap_err();
        assert_eq!(err.code(), s(c, "error"), "{}", s(c, "why"));
    }
}

#[test]
fn request_verdicts_match() {
    let f = file();
    let cases = f["requests"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for c in cases {
        let p = &c["policy"];
        let allowed: Vec<&str> = p["allowed_origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap()).collect();
        let flag = |k: &str| p[k].as_bool().unwrap_or(false);
        let policy = RequestPolicy::new(&allowed)
            .allow_same_site(flag("allow_same_site"))
            .allow_missing_origin(flag("allow_missing_origin"))
            .allow_null_origin(flag("allow_null_origin"));
        policy.validate().unwrap();
        // The owned form the bindings hold (built once from configuration) must agree.
        let owned = OwnedRequestPolicy::new(&allowed)
            .unwrap()
            .allow_same_site(flag("allow_same_site"))
            .allow_missing_origin(flag("allow_missing_origin"))
            .allow_null_origin(flag("allow_null_origin"));
        let h = |k: &str| c[k].as_str();
        let verdict = policy.check(s(c, "method"), h("sec_fetch_site"), h("origin"), h("referer"));
        assert_eq!(verdict.code(), s(c, "reason"), "{}", s(c, "why"));
        assert_eq!(verdict.is_allowed(), c["allowed"].as_bool().unwrap(), "{}", s(c, "why"));
        let owned_verdict = owned.check(s(c, "method"), h("sec_fetch_site"), h("origin"), h("referer"));
        assert_eq!(owned_verdict, verdict, "owned form: {}", s(c, "why"));
    }
}
