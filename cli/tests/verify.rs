//! `jwtcore verify`: valid tokens exit 0 with their claims, refused ones 1 with the error code,
//! usage errors 2.

mod common;
use common::{data, jwtcore, ok, tempdir, write};

/// RFC 7519 §3.1's token and RFC 7515 A.1's HMAC key that signed it.
const RFC7519: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_OCT: &str =
    r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// Before the example's `exp`.
const BEFORE_EXP: &str = "1300819000";

fn refused(run: &common::Run, code: &str) {
    assert_eq!(run.code, 1, "expected exit 1 ({code}); stdout {} stderr {}", run.stdout, run.stderr);
    assert!(run.stderr.starts_with(&format!("invalid: {code}: ")), "expected {code}, stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout for a refused token");
}

#[test]
fn the_rfc_example_verifies_with_its_key_before_exp_and_prints_the_claims() {
    let dir = tempdir();
    write(dir.path(), "k.jwk", RFC7515_OCT.as_bytes());
    let out = ok(dir.path(), &["verify", RFC7519, "--key", "k.jwk", "--now", BEFORE_EXP, "--iss", "joe"], None);
    let claims: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(claims["iss"], "joe");
    assert_eq!(claims["exp"], 1_300_819_380);
}

#[test]
fn expired_tokens_exit_1_and_leeway_moves_the_line_both_ways() {
    let dir = tempdir();
    write(dir.path(), "k.jwk", RFC7515_OCT.as_bytes());
    let at = |now: &str, leeway: &str| {
        jwtcore(dir.path(), &["verify", RFC7519, "--key", "k.jwk", "--now", now, "--leeway", leeway], None)
    };
    // Ten seconds after exp: refused, accepted with 30 s leeway.
    refused(&at("1300819390", "0"), "expired");
    assert_eq!(at("1300819390", "30").code, 0);
    // Ten seconds before exp: accepted, refused when 20 s must remain (negative leeway).
    assert_eq!(at("1300819370", "0").code, 0);
    refused(&at("1300819370", "-20"), "expired");
    // Without --now, the system clock: long after 2011.
    refused(&jwtcore(dir.path(), &["verify", RFC7519, "--key", "k.jwk"], None), "expired");
}

#[test]
fn forged_tokens_exit_1() {
    let dir = tempdir();
    write(dir.path(), "k.jwk", RFC7515_OCT.as_bytes());
    let (signing_input, sig) = RFC7519.rsplit_once('.').unwrap();
    // One signature byte changed.
    let flipped = format!("{signing_input}.{}{}", if sig.starts_with('d') { "e" } else { "d" }, &sig[1..]);
    let run = jwtcore(dir.path(), &["verify", &flipped, "--key", "k.jwk", "--now", BEFORE_EXP], None);
    refused(&run, "bad_signature");
    // A changed claim under the original signature.
    let payload = "eyJpc3MiOiJtYWxsb3J5IiwiZXhwIjoxMzAwODE5MzgwfQ"; // {"iss":"mallory","exp":1300819380}
    let header = signing_input.split('.').next().unwrap();
    let tampered = format!("{header}.{payload}.{sig}");
    refused(&jwtcore(dir.path(), &["verify", &tampered, "--key", "k.jwk", "--now", BEFORE_EXP], None), "bad_signature");
    // `alg: none` with no signature.
    let none = format!("eyJhbGciOiJub25lIn0.{payload}.");
    refused(&jwtcore(dir.path(), &["verify", &none, "--key", "k.jwk", "--now", BEFORE_EXP], None), "alg_none");
}

#[test]
fn wrong_audience_issuer_and_algorithm_exit_1() {
    let dir = tempdir();
    write(dir.path(), "secret", &[7u8; 32]);
    let token = ok(
        dir.path(),
        &["sign", "--secret-file", "secret"],
        Some(r#"{"aud":["api","web"],"iss":"me","exp":2000000000}"#),
    );
    let token = token.trim();
    let verify = |extra: &[&str]| {
        let mut args = vec!["verify", token, "--secret-file", "secret", "--now", "1700000000"];
        args.extend_from_slice(extra);
        jwtcore(dir.path(), &args, None)
    };
    assert_eq!(verify(&["--aud", "web"]).code, 0);
    assert_eq!(verify(&["--aud", "other", "--aud", "api"]).code, 0, "any one of the audiences");
    refused(&verify(&["--aud", "other"]), "audience_mismatch");
    refused(&verify(&["--iss", "you"]), "issuer_mismatch");
    refused(&verify(&["--alg", "HS384", "--alg", "ES256"]), "alg_not_allowed");
    assert_eq!(verify(&["--alg", "HS384", "--alg", "HS256", "--aud", "api"]).code, 0);
    // A token addressed to an audience is refused by a verifier that names none (RFC 8725 §3.9).
    refused(&verify(&[]), "audience_mismatch");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempdir();
    write(dir.path(), "k.jwk", RFC7515_OCT.as_bytes());
    let usage = |args: &[&str]| {
        let run = jwtcore(dir.path(), args, None);
        assert_eq!(run.code, 2, "{args:?}: stdout {} stderr {}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty());
        run.stderr
    };
    usage(&["verify", RFC7519]); // no key
    usage(&["verify", RFC7519, "--key", "k.jwk", "--secret-file", "k.jwk"]); // both
    assert!(usage(&["verify", RFC7519, "--key", "k.jwk", "--alg", "HS257"]).contains("unknown algorithm"));
    assert!(usage(&["verify", RFC7519, "--key", "missing.pem"]).contains("missing.pem"));
    write(dir.path(), "garbage.pem", b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assert!(usage(&["verify", RFC7519, "--key", "garbage.pem"]).contains("invalid_key"));
    usage(&["verify", RFC7519, "--key", "k.jwk", "--now", "yesterday"]);
    usage(&["frobnicate"]);
    // A secret shorter than the hash output is refused, not used.
    write(dir.path(), "short", b"tiny");
    assert!(usage(&["verify", RFC7519, "--secret-file", "short", "--now", BEFORE_EXP]).contains("weak_hmac_key"));
}

#[test]
fn a_jwks_oct_entry_never_verifies_an_hmac_token() {
    let dir = tempdir();
    // The JWKS holds the very secret that signed the token, and an EC key that does work.
    let ec_public = ok(dir.path(), &["keygen", "--alg", "ES256", "--kid", "ec", "--private-out", "ec.jwk"], None);
    let jwks = format!(r#"{{"keys":[{},{}]}}"#, RFC7515_OCT, ec_public);
    write(dir.path(), "jwks.json", jwks.as_bytes());
    for extra in [&[][..], &["--alg", "HS256"][..]] {
        let mut args = vec!["verify", RFC7519, "--key", "jwks.json", "--now", BEFORE_EXP];
        args.extend_from_slice(extra);
        let run = jwtcore(dir.path(), &args, None);
        assert_eq!(run.code, 1, "an oct JWKS entry verified an HS256 token: {}", run.stdout);
        assert!(run.stderr.contains("1 JWKS entry skipped"), "stderr: {}", run.stderr);
    }
    // The same document's EC key verifies its own tokens: the set loaded, only the secret was dropped.
    let token = ok(dir.path(), &["sign", "--key", "ec.jwk"], Some(r#"{"exp":2000000000}"#));
    ok(dir.path(), &["verify", token.trim(), "--key", "jwks.json", "--now", "1700000000"], None);
}

#[test]
fn pem_keys_in_every_form_verify_and_a_different_key_does_not() {
    let dir = tempdir();
    let claims = Some(r#"{"sub":"pem","exp":2000000000}"#);
    for (private, public, alg) in
        [("ed25519-private.pem", "ed25519-public.pem", "EdDSA"), ("p256-sec1-private.pem", "p256-public.pem", "ES256")]
    {
        let token = ok(dir.path(), &["sign", "--key", &data(private)], claims);
        let header = jwtcore(dir.path(), &["decode", token.trim()], None).json()["header"].clone();
        assert_eq!(header["alg"], alg);
        let out = ok(dir.path(), &["verify", token.trim(), "--key", &data(public), "--now", "1700000000"], None);
        assert!(out.contains("\"pem\""));
        // The private key file verifies too (its public half is used).
        ok(dir.path(), &["verify", token.trim(), "--key", &data(private), "--now", "1700000000"], None);
    }
    let ed_token = ok(dir.path(), &["sign", "--key", &data("ed25519-private.pem")], claims);
    let run = jwtcore(
        dir.path(),
        &["verify", ed_token.trim(), "--key", &data("p256-public.pem"), "--now", "1700000000"],
        None,
    );
    assert_eq!(run.code, 1, "an EdDSA token under a P-256 key");
}

#[test]
fn rsa_pem_signs_and_verifies_with_an_explicit_algorithm() {
    let dir = tempdir();
    let claims = Some(r#"{"exp":2000000000}"#);
    let token = ok(dir.path(), &["sign", "--key", &data("rsa-private.pem"), "--alg", "PS256"], claims);
    let token = token.trim();
    assert_eq!(jwtcore(dir.path(), &["decode", token], None).json()["header"]["alg"], "PS256");
    let public = data("rsa-public.pem");
    ok(dir.path(), &["verify", token, "--key", &public, "--alg", "PS256", "--now", "1700000000"], None);
    // A PEM carries no algorithm: without --alg the key accepts only its default, RS256.
    assert_eq!(jwtcore(dir.path(), &["verify", token, "--key", &public, "--now", "1700000000"], None).code, 1);
}
