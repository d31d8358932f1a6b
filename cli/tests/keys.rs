//! `jwtcore sign`, `keygen` and `thumbprint`: round trips through the binary.

mod common;
use common::{jwtcore, ok, tempdir, write};

const CLAIMS: &str = r#"{"sub":"alice","exp":2000000000,"scope":["read"]}"#;
const NOW: &str = "1700000000";

#[test]
fn keygen_sign_verify_round_trips_for_hs256_es256_and_eddsa() {
    let dir = tempdir();
    for alg in ["HS256", "ES256", "EdDSA"] {
        let private = format!("{alg}.private.jwk");
        let stdout = ok(dir.path(), &["keygen", "--alg", alg, "--private-out", &private], None);
        // HMAC keys have no public half: verify with the secret JWK itself.
        let verify_key = if alg == "HS256" {
            assert!(stdout.is_empty(), "no public JWK for an HMAC key: {stdout}");
            private.clone()
        } else {
            write(dir.path(), &format!("{alg}.public.jwk"), stdout.as_bytes());
            format!("{alg}.public.jwk")
        };
        let token = ok(dir.path(), &["sign", "--key", &private], Some(CLAIMS));
        let token = token.trim();
        let header = jwtcore(dir.path(), &["decode", token], None).json()["header"].clone();
        assert_eq!(header["alg"], alg);
        let claims: serde_json::Value =
            serde_json::from_str(&ok(dir.path(), &["verify", token, "--key", &verify_key, "--now", NOW], None))
                .unwrap();
        assert_eq!(claims, serde_json::from_str::<serde_json::Value>(CLAIMS).unwrap());
        // Another key of the same algorithm refuses it.
        let other = jwtcore(dir.path(), &["keygen", "--alg", alg], None).json();
        let other_key = if alg == "HS256" { &other["private"] } else { &other["public"] };
        write(dir.path(), "other.jwk", other_key.to_string().as_bytes());
        let run = jwtcore(dir.path(), &["verify", token, "--key", "other.jwk", "--now", NOW], None);
        assert_eq!(run.code, 1, "{alg} token verified under another key");
    }
}

#[test]
fn secret_file_signs_each_hmac_algorithm_and_the_secret_is_exact_bytes() {
    let dir = tempdir();
    write(dir.path(), "secret", &[0x5a; 64]);
    for alg in ["HS256", "HS384", "HS512"] {
        let token = ok(dir.path(), &["sign", "--secret-file", "secret", "--alg", alg, "--kid", "k1"], Some(CLAIMS));
        let header = jwtcore(dir.path(), &["decode", token.trim()], None).json()["header"].clone();
        assert_eq!((header["alg"].as_str(), header["kid"].as_str()), (Some(alg), Some("k1")));
        ok(dir.path(), &["verify", token.trim(), "--secret-file", "secret", "--alg", alg, "--now", NOW], None);
    }
    // A trailing newline is part of the secret: it makes a different key.
    let token = ok(dir.path(), &["sign", "--secret-file", "secret"], Some(CLAIMS));
    let mut with_newline = vec![0x5a; 64];
    with_newline.push(b'\n');
    write(dir.path(), "secret-nl", &with_newline);
    let run = jwtcore(dir.path(), &["verify", token.trim(), "--secret-file", "secret-nl", "--now", NOW], None);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("invalid: bad_signature: "), "{}", run.stderr);
}

#[test]
fn sign_reads_claims_from_a_file_or_stdin_and_refuses_non_objects_and_public_keys() {
    let dir = tempdir();
    write(dir.path(), "claims.json", CLAIMS.as_bytes());
    ok(dir.path(), &["keygen", "--alg", "EdDSA", "--private-out", "k.jwk"], None);
    let from_file = ok(dir.path(), &["sign", "--key", "k.jwk", "claims.json"], None);
    let from_dash = ok(dir.path(), &["sign", "--key", "k.jwk", "-"], Some(CLAIMS));
    // Ed25519 is deterministic: same key, same claims, same token.
    assert_eq!(from_file, from_dash);
    let run = jwtcore(dir.path(), &["sign", "--key", "k.jwk"], Some("[1,2]"));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("must be a JSON object"));
    let run = jwtcore(dir.path(), &["sign", "--key", "k.jwk"], Some("{not json"));
    assert_eq!(run.code, 2);
    let public = jwtcore(dir.path(), &["keygen", "--alg", "EdDSA"], None).json()["public"].to_string();
    write(dir.path(), "public.jwk", public.as_bytes());
    let run = jwtcore(dir.path(), &["sign", "--key", "public.jwk"], Some(CLAIMS));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("public key"), "{}", run.stderr);
    // A key bound to EdDSA cannot be made to sign as ES256, nor a secret as an asymmetric algorithm.
    assert_eq!(jwtcore(dir.path(), &["sign", "--key", "k.jwk", "--alg", "ES256"], Some(CLAIMS)).code, 2);
    write(dir.path(), "secret", &[1; 32]);
    assert_eq!(jwtcore(dir.path(), &["sign", "--secret-file", "secret", "--alg", "RS256"], Some(CLAIMS)).code, 2);
}

#[test]
fn a_claims_set_without_exp_is_signed_with_a_note() {
    let dir = tempdir();
    write(dir.path(), "secret", &[2; 32]);
    let run = jwtcore(dir.path(), &["sign", "--secret-file", "secret"], Some(r#"{"sub":"x"}"#));
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("no `exp`"));
    // ...and, as the note says, the default verifier refuses it.
    let run = jwtcore(dir.path(), &["verify", run.stdout.trim(), "--secret-file", "secret"], None);
    assert!(run.stderr.starts_with("invalid: missing_claim: "), "{}", run.stderr);
}

#[test]
fn keygen_prints_private_and_public_jwks_with_a_thumbprint_kid() {
    let dir = tempdir();
    let out = jwtcore(dir.path(), &["keygen", "--alg", "ES256"], None).json();
    let (private, public) = (&out["private"], &out["public"]);
    assert_eq!((private["kty"].as_str(), private["crv"].as_str()), (Some("EC"), Some("P-256")));
    assert!(private["d"].is_string());
    assert!(public.get("d").is_none(), "the public JWK leaks d: {public}");
    assert_eq!(private["x"], public["x"]);
    write(dir.path(), "public.jwk", public.to_string().as_bytes());
    let thumbprint = ok(dir.path(), &["thumbprint", "public.jwk"], None);
    assert_eq!(public["kid"].as_str(), Some(thumbprint.trim()));
    // Two runs, two keys.
    let again = jwtcore(dir.path(), &["keygen", "--alg", "ES256"], None).json();
    assert_ne!(again["private"]["d"], private["d"]);
    let with_kid = jwtcore(dir.path(), &["keygen", "--alg", "EdDSA", "--kid", "2025"], None).json();
    assert_eq!(with_kid["public"]["kid"], "2025");
    let hmac = jwtcore(dir.path(), &["keygen", "--alg", "HS512"], None).json();
    assert!(hmac["public"].is_null());
    assert!(hmac["private"].get("kid").is_none(), "an HMAC kid would be a hash of the secret");
}

#[test]
fn keygen_refuses_what_the_core_cannot_generate_and_never_overwrites() {
    let dir = tempdir();
    let run = jwtcore(dir.path(), &["keygen", "--alg", "RS256"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("key_unsupported"));
    ok(dir.path(), &["keygen", "--alg", "EdDSA", "--private-out", "k.jwk"], None);
    let before = std::fs::read(dir.path().join("k.jwk")).unwrap();
    assert_eq!(jwtcore(dir.path(), &["keygen", "--alg", "EdDSA", "--private-out", "k.jwk"], None).code, 2);
    assert_eq!(std::fs::read(dir.path().join("k.jwk")).unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("k.jwk")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// RFC 7638 §3.1's RSA key and its thumbprint.
const RFC7638_JWK: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

#[test]
fn thumbprint_matches_rfc7638_from_a_file_and_from_stdin() {
    let dir = tempdir();
    write(dir.path(), "rfc7638.jwk", RFC7638_JWK.as_bytes());
    assert_eq!(ok(dir.path(), &["thumbprint", "rfc7638.jwk"], None).trim(), RFC7638_THUMBPRINT);
    assert_eq!(ok(dir.path(), &["thumbprint", "-"], Some(RFC7638_JWK)).trim(), RFC7638_THUMBPRINT);
}

/// The `x` of tests/data/ed25519-public.pem (its last 32 DER bytes), as a JWK.
const ED25519_FIXTURE_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"E9QCD8dXnmTeQucq_hxvOI_un8a6W2F9MbSJO0qBPSU"}"#;

#[test]
fn thumbprint_of_a_pem_equals_that_of_the_same_key_as_jwk() {
    let dir = tempdir();
    let from_jwk = ok(dir.path(), &["thumbprint", "-"], Some(ED25519_FIXTURE_JWK));
    assert_eq!(ok(dir.path(), &["thumbprint", &common::data("ed25519-public.pem")], None), from_jwk);
    // A private key's thumbprint is its public half's.
    assert_eq!(ok(dir.path(), &["thumbprint", &common::data("ed25519-private.pem")], None), from_jwk);
    assert_eq!(jwtcore(dir.path(), &["thumbprint", "missing.jwk"], None).code, 2);
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let dir = tempdir();
    for sub in ["decode", "verify", "sign", "keygen", "thumbprint"] {
        let help = ok(dir.path(), &[sub, "--help"], None);
        assert!(help.contains("Examples:"), "{sub} --help has no examples:\n{help}");
        assert!(help.contains("jwtcore "), "{sub} --help");
    }
    assert!(ok(dir.path(), &["keygen", "--help"], None).contains("--format pem"));
    assert!(ok(dir.path(), &["--help"], None).contains("Exit status"));
}

#[test]
fn keygen_pem_writes_pkcs8_and_spki_that_the_core_reads_back() {
    let dir = tempdir();
    for alg in ["ES256", "EdDSA"] {
        let private = format!("{alg}.private.pem");
        let public_pem = ok(dir.path(), &["keygen", "--alg", alg, "--format", "pem", "--private-out", &private], None);
        let private_pem = std::fs::read_to_string(dir.path().join(&private)).unwrap();
        assert!(private_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{private_pem}"); // PKCS#8
        assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{public_pem}"); // SPKI
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(&private)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }

        // The core reads both, and the public file is the private key's public half.
        let private_key = jwtcore::Key::from_pem(&private_pem).unwrap();
        let public_key = jwtcore::Key::from_pem(&public_pem).unwrap();
        assert_eq!(private_key.algorithm().as_str(), alg);
        assert_eq!(private_key.to_public().unwrap().to_jwk(false).unwrap(), public_key.to_jwk(false).unwrap());

        // And the binary signs with one and verifies with the other.
        write(dir.path(), &format!("{alg}.public.pem"), public_pem.as_bytes());
        let token = ok(dir.path(), &["sign", "--key", &private], Some(CLAIMS));
        let verified =
            ok(dir.path(), &["verify", token.trim(), "--key", &format!("{alg}.public.pem"), "--now", NOW], None);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&verified).unwrap()["sub"], "alice");

        // Without --private-out both blocks go to stdout, private first.
        let both = ok(dir.path(), &["keygen", "--alg", alg, "--format", "pem"], None);
        let (first, second) = both.split_once("-----END PRIVATE KEY-----\n").unwrap();
        assert!(jwtcore::Key::from_pem(&format!("{first}-----END PRIVATE KEY-----\n")).is_ok());
        assert!(jwtcore::Key::from_pem(second).is_ok());
    }
    // HMAC secrets have no PEM form: a usage error, nothing written.
    let run = jwtcore(dir.path(), &["keygen", "--alg", "HS256", "--format", "pem", "--private-out", "h.pem"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no PEM form"), "{}", run.stderr);
    assert!(!dir.path().join("h.pem").exists());
}

#[test]
fn sign_and_verify_with_every_ecdsa_curve_from_openssl_pem_files() {
    // PKCS#8 private and SPKI public PEM as `openssl ecparam -genkey | openssl pkcs8 -topk8` and
    // `openssl ec -pubout` write them; the key's curve decides the algorithm.
    let dir = tempdir();
    for (curve, alg) in [("p384", "ES384"), ("p521", "ES512"), ("secp256k1", "ES256K")] {
        let private = common::data(&format!("{curve}-private.pem"));
        let public = common::data(&format!("{curve}-public.pem"));
        let token = ok(dir.path(), &["sign", "--key", &private], Some(CLAIMS));
        let token = token.trim();
        let header = jwtcore(dir.path(), &["decode", token], None).json()["header"].clone();
        assert_eq!(header["alg"], alg, "{curve}");
        let claims: serde_json::Value =
            serde_json::from_str(&ok(dir.path(), &["verify", token, "--key", &public, "--now", NOW], None)).unwrap();
        assert_eq!(claims["sub"], "alice");
        // The token names its algorithm; a key of another curve refuses it.
        let other = common::data(if curve == "p384" { "p521-public.pem" } else { "p384-public.pem" });
        let run = jwtcore(dir.path(), &["verify", token, "--key", &other, "--now", NOW], None);
        assert_eq!(run.code, 1, "{alg} token verified under a key of another curve: {}", run.stdout);
    }
}
