//! `tests/vectors/sessions/sessions.json` through the Rust core: signed cookies, storage keys and
//! Set-Cookie headers equal to the values Python's hmac/hashlib computed from the documented
//! constructions (the Python and JS suites check the same file).

use jwtcore::session::{CookieConfig, KeyRing, MacKey, SameSite, SessionId, StorageKey, StorePepper};
use jwtcore_conformance::vectors_dir;
use serde_json::Value;

fn file() -> Value {
    let path = vectors_dir().join("sessions").join("sessions.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("sessions.json")).expect("valid JSON")
}

fn key32(hex: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
    }
    out
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("{k} missing in {v}"))
}

#[test]
fn signed_cookies_match_the_independent_values() {
    let f = file();
    let cases = f["cookies"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for c in cases {
        let key = MacKey::from_bytes(key32(s(c, "key")));
        let ring = KeyRing::new(&key);
        let id = SessionId::<32>::parse(s(c, "session_id")).unwrap();
        let mut out = [0u8; 128];
        let value = jwtcore::session::sign_cookie(&ring, s(c, "name"), &id, &mut out).unwrap();
        assert_eq!(value, s(c, "value"), "{c}");
        let (back, _) = jwtcore::session::verify_cookie::<32>(&ring, s(c, "name"), value).unwrap();
        assert_eq!(back.encode().as_str(), s(c, "session_id"));
    }
}

#[test]
fn rejected_cookies_fail_with_the_named_code() {
    for c in file()["rejected_cookies"].as_array().unwrap() {
        let key = MacKey::from_bytes(key32(s(c, "key")));
        let err = jwtcore::session::verify_cookie::<32>(&KeyRing::new(&key), s(c, "name"), s(c, "value")).unwrap_err();
        assert_eq!(err.code(), s(c, "error"), "{}", s(c, "why"));
    }
}

#[test]
fn storage_keys_match_the_independent_values() {
    for c in file()["storage_keys"].as_array().unwrap() {
        let id = SessionId::<32>::parse(s(c, "session_id")).unwrap();
        let pepper = c["pepper"].as_str().map(|p| StorePepper::from_bytes(key32(p)));
        let mut out = [0u8; 67];
        assert_eq!(StorageKey::for_session(&id, pepper.as_ref()).render(&mut out), s(c, "storage_key"), "{c}");
    }
}

#[test]
fn set_cookie_headers_match() {
    for c in file()["set_cookie"].as_array().unwrap() {
        let o = &c["options"];
        let mut config = CookieConfig::new();
        if let Some(n) = o["name"].as_str() {
            config = config.name(n);
        }
        if let Some(p) = o["path"].as_str() {
            config = config.path(p);
        }
        if let Some(m) = o["max_age"].as_u64() {
            config = config.max_age(m);
        }
        if o["same_site"].as_str() == Some("Strict") {
            config = config.same_site(SameSite::Strict);
        }
        let mut out = [0u8; 256];
        let header = if o["clear"].as_bool() == Some(true) {
            config.clear_cookie(&mut out).unwrap()
        } else {
            config.set_cookie(s(c, "value"), &mut out).unwrap()
        };
        assert_eq!(header, s(c, "header"));
    }
}
