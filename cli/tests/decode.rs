//! `jwtcore decode`: header, claims and times, and never a claim of validity.

mod common;
use common::{jwtcore, tempdir};

/// RFC 7519 §3.1's example JWT (HS256, `exp` 1300819380, CRLFs inside the JSON).
const RFC7519: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[test]
fn shows_header_claims_and_rfc3339_times_and_says_not_verified() {
    let dir = tempdir();
    let run = jwtcore(dir.path(), &["decode", RFC7519], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["verified"], false);
    assert_eq!(out["header"]["alg"], "HS256");
    assert_eq!(out["header"]["typ"], "JWT");
    assert_eq!(out["claims"]["iss"], "joe");
    assert_eq!(out["claims"]["exp"], 1_300_819_380);
    assert_eq!(out["claims"]["http://example.com/is_root"], true);
    assert_eq!(out["times"]["exp"], "2011-03-22T18:43:00Z");
    assert!(out["times"].get("iat").is_none(), "no iat claim, no iat time");
    assert!(run.stderr.contains("NOT verified"), "stderr: {}", run.stderr);
}

#[test]
fn a_forged_token_decodes_just_the_same_and_still_says_not_verified() {
    // decode never looks at the signature: that is what the warning is for.
    let dir = tempdir();
    let forged = format!("{}.AAAA", RFC7519.rsplit_once('.').unwrap().0);
    let run = jwtcore(dir.path(), &["decode", &forged], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["verified"], false);
    assert!(run.stderr.contains("NOT verified"));
}

#[test]
fn reads_the_token_from_stdin_with_dash() {
    let dir = tempdir();
    let run = jwtcore(dir.path(), &["decode", "-"], Some(&format!("{RFC7519}\n")));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["claims"]["iss"], "joe");
}

#[test]
fn malformed_tokens_exit_1_with_the_error_code() {
    let dir = tempdir();
    let run = jwtcore(dir.path(), &["decode", "only.two"], None);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("invalid: malformed_token: "), "stderr: {}", run.stderr);
    assert!(run.stdout.is_empty());
    // The header is base64url of `not json`.
    let run = jwtcore(dir.path(), &["decode", "bm90IGpzb24.e30.c2ln"], None);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("invalid: malformed_json: "), "stderr: {}", run.stderr);
}

#[test]
fn times_outside_rfc3339_or_not_numbers_are_left_out() {
    // {"alg":"HS256"} . {"exp":"soon","nbf":1e300,"iat":0}
    let dir = tempdir();
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIiwibmJmIjoxZTMwMCwiaWF0IjowfQ.c2ln";
    let out = jwtcore(dir.path(), &["decode", token], None).json();
    assert_eq!(out["times"], serde_json::json!({ "iat": "1970-01-01T00:00:00Z" }));
}
