//! A build without any curve or RSA arithmetic (`--no-default-features --features
//! alloc,external-keys`, the npm package's lite module): RSA, P-384 and Ed25519 public keys load
//! from every encoding a full build reads (JWK, SPKI PEM/DER, PKCS#1, OpenSSH; certificates go
//! through the SPKI path), kept as checked bytes for the two-phase verify; the one-call verify and
//! private keys are refused with an error naming the missing feature. The two-phase verdicts
//! themselves are compared with the full build's on the shared vectors
//! (`cargo test -p jwtcore-conformance --no-default-features`, `tests/tests/two_phase.rs`).
#![cfg(all(feature = "external-keys", not(feature = "rsa"), not(feature = "es384"), not(feature = "ed25519")))]

use core::time::Duration;
use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use jwtcore::keys::KeySet;
use jwtcore::{Algorithm, Error, Feature, Key, KeyError, Validation, verify, verify_external};

fn pem(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/keys").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The DER inside a PEM file.
fn der(pem_text: &str) -> Vec<u8> {
    let body: String = pem_text.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).unwrap()
}

fn thumbprint(key: &Key) -> String {
    let mut buf = [0u8; 43];
    key.thumbprint(&mut buf).unwrap().to_owned()
}

fn jwk(key: &Key) -> serde_json::Value {
    serde_json::from_str(&key.to_jwk(false).unwrap()).unwrap()
}

/// An OpenSSH `ssh-rsa` line for the modulus and exponent (RFC 4253 §6.6: string, mpint, mpint).
fn ssh_rsa_line(n: &[u8], e: &[u8]) -> String {
    let mut blob = Vec::new();
    let mut put = |bytes: &[u8]| {
        blob.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_be_bytes());
        blob.extend_from_slice(bytes);
    };
    put(b"ssh-rsa");
    put(e);
    put(&[&[0u8][..], n].concat()); // n's top bit is set: an mpint needs the sign byte
    format!("ssh-rsa {} test@host", STANDARD.encode(blob))
}

fn needs(feature: Feature) -> Error {
    Error::Key(KeyError::ArithmeticDisabled(feature))
}

/// A token with the given header; the signature is never looked at by a one-call refusal.
fn token(alg: &str, sig_len: usize) -> String {
    let header = B64.encode(format!(r#"{{"alg":"{alg}"}}"#));
    let payload = B64.encode(r#"{"sub":"s","exp":2000000000}"#);
    format!("{header}.{payload}.{}", B64.encode(vec![1u8; sig_len]))
}

const NOW: Duration = Duration::from_secs(1_700_000_000);

#[test]
fn rsa_public_keys_load_from_every_encoding_and_agree() {
    let spki_pem = pem("rsa-2048-spki.pem");
    let spki = Key::from_pem(&spki_pem).unwrap();
    let spki_der = Key::from_der(&der(&spki_pem)).unwrap();
    let pkcs1 = Key::from_pem(&pem("rsa-2048-pkcs1-public.pem")).unwrap();
    let pkcs1_der = Key::from_der(&der(&pem("rsa-2048-pkcs1-public.pem"))).unwrap();
    let exported = jwk(&spki);
    let n = B64.decode(exported["n"].as_str().unwrap()).unwrap();
    let e = B64.decode(exported["e"].as_str().unwrap()).unwrap();
    assert_eq!((n.len(), e.as_slice()), (256, &[1u8, 0, 1][..]));
    // The modulus is the one in the PKCS#1 body, byte for byte.
    let pkcs1_body = der(&pem("rsa-2048-pkcs1-public.pem"));
    assert!(pkcs1_body.windows(n.len()).any(|w| w == n.as_slice()));
    let from_jwk = Key::from_jwk(&exported.to_string()).unwrap();
    let ssh = Key::from_openssh(&ssh_rsa_line(&n, &e)).unwrap();
    let direct = Key::rsa_public(&n, &e, Algorithm::Ps256).unwrap();
    for key in [&spki, &spki_der, &pkcs1, &pkcs1_der, &from_jwk, &ssh, &direct] {
        assert!(!key.is_private());
        assert_eq!(thumbprint(key), thumbprint(&spki));
    }
    // PEM, DER and OpenSSH carry no algorithm: any RSA algorithm an allow-list names.
    assert!(spki.is_algorithm_flexible() && ssh.is_algorithm_flexible() && !direct.is_algorithm_flexible());
    assert_eq!(direct.algorithm(), Algorithm::Ps256);
}

#[test]
fn rsa_keys_are_checked_as_the_rsa_crate_checks_them() {
    let exported = jwk(&Key::from_pem(&pem("rsa-2048-spki.pem")).unwrap());
    let n = B64.decode(exported["n"].as_str().unwrap()).unwrap();
    let invalid = Error::Key(KeyError::Invalid);
    let mut even = n.clone();
    *even.last_mut().unwrap() &= 0xFE;
    assert_eq!(Key::rsa_public(&even, &[1, 0, 1], Algorithm::Rs256).unwrap_err(), invalid);
    assert_eq!(Key::rsa_public(&n, &[1, 0, 0], Algorithm::Rs256).unwrap_err(), invalid, "even exponent");
    assert_eq!(Key::rsa_public(&n, &[1], Algorithm::Rs256).unwrap_err(), invalid, "e = 1");
    assert_eq!(Key::rsa_public(&n, &[0, 1, 0, 1], Algorithm::Rs256).unwrap_err(), invalid, "leading zero");
    assert_eq!(Key::rsa_public(&[&[0u8][..], &n].concat(), &[3], Algorithm::Rs256).unwrap_err(), invalid);
    assert_eq!(Key::rsa_public(&n[1..], &[3], Algorithm::Rs256).unwrap_err(), Error::Key(KeyError::TooSmall));
    assert_eq!(
        Key::rsa_public(&vec![0xFF; 1025], &[3], Algorithm::Rs256).unwrap_err(),
        Error::Key(KeyError::Unsupported)
    );
    assert_eq!(Key::rsa_public(&n, &[3], Algorithm::Es256).unwrap_err(), Error::Key(KeyError::AlgMismatch));
}

#[test]
fn p384_and_ed25519_public_keys_load_from_every_encoding() {
    let p384_pem = pem("ec-p384-spki.pem");
    let p384 = Key::from_pem(&p384_pem).unwrap();
    assert_eq!(p384.algorithm(), Algorithm::Es384);
    // The SPKI ends with the uncompressed point: the JWK carries exactly its coordinates.
    let body = der(&p384_pem);
    let point = &body[body.len() - 97..];
    let exported = jwk(&p384);
    assert_eq!(exported["x"], B64.encode(&point[1..49]));
    assert_eq!(exported["y"], B64.encode(&point[49..]));
    for key in [
        Key::from_der(&body).unwrap(),
        Key::from_jwk(&exported.to_string()).unwrap(),
        Key::es384_public(point).unwrap(),
    ] {
        assert_eq!(thumbprint(&key), thumbprint(&p384));
    }

    let ed_pem = pem("ed25519-spki.pem");
    let ed = Key::from_pem(&ed_pem).unwrap();
    assert_eq!(ed.algorithm(), Algorithm::EdDsa);
    let body = der(&ed_pem);
    let raw = &body[body.len() - 32..];
    assert_eq!(jwk(&ed)["x"], B64.encode(raw));
    let line = format!(
        "ssh-ed25519 {} me@host",
        STANDARD.encode([&[0, 0, 0, 11][..], b"ssh-ed25519", &[0, 0, 0, 32], raw].concat())
    );
    for key in [Key::from_der(&body).unwrap(), Key::ed25519_public(raw).unwrap(), Key::from_openssh(&line).unwrap()] {
        assert_eq!(thumbprint(&key), thumbprint(&ed));
    }
    // RFC 8037 A.3's thumbprint, as the full build computes it.
    let rfc =
        Key::from_jwk(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
    assert_eq!(thumbprint(&rfc), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

#[test]
fn private_keys_and_one_call_verify_name_the_missing_feature() {
    for (file, feature) in [
        ("rsa-2048-pkcs8.pem", Feature::Rsa),
        ("rsa-2048-pkcs1.pem", Feature::Rsa),
        ("ec-p384-pkcs8.pem", Feature::Es384),
        ("ec-p384-sec1.pem", Feature::Es384),
        ("ed25519-pkcs8.pem", Feature::Ed25519),
        ("ec-p256-pkcs8.pem", Feature::P256),
    ] {
        assert_eq!(Key::from_pem(&pem(file)).unwrap_err(), needs(feature), "{file}");
    }
    assert_eq!(Key::from_der(&der(&pem("rsa-2048-pkcs1.pem"))).unwrap_err(), needs(Feature::Rsa));
    assert_eq!(Key::generate_os(Algorithm::EdDsa).unwrap_err(), needs(Feature::Ed25519));

    let v = Validation::new();
    let mut buf = [0u8; 1024];
    for (file, alg, sig_len, feature) in [
        ("rsa-2048-spki.pem", "RS256", 256, Feature::Rsa),
        ("ec-p384-spki.pem", "ES384", 96, Feature::Es384),
        ("ed25519-spki.pem", "EdDSA", 64, Feature::Ed25519),
        ("ec-p256-spki.pem", "ES256", 64, Feature::P256),
    ] {
        let key = Key::from_pem(&pem(file)).unwrap();
        let err = verify(&token(alg, sig_len), &key, &v, NOW, &mut buf).unwrap_err();
        assert_eq!(err, needs(feature), "{file}");
        assert_eq!(err.code(), "feature_disabled");
        let message = err.to_string();
        assert!(message.contains(&format!("`{}`", feature.name())) && message.contains("verify_external"), "{message}");
    }
}

#[test]
fn two_phase_shape_checks_run_without_the_arithmetic() {
    let v = Validation::new();
    let mut buf = [0u8; 1024];
    let rsa = Key::from_pem(&pem("rsa-2048-spki.pem")).unwrap();
    let rs256 = token("RS256", 256);
    let pending = verify_external(&rs256, &rsa, &v, &mut buf).unwrap();
    assert_eq!((pending.algorithm(), pending.signature().len()), (Algorithm::Rs256, 256));
    assert!(matches!(pending.finish(false, NOW), Err(Error::Signature)));
    // Not the modulus length, r or s out of range, S not below L: refused before any platform call.
    assert_eq!(verify_external(&token("RS256", 255), &rsa, &v, &mut buf).unwrap_err(), Error::Signature);
    let p384 = Key::from_pem(&pem("ec-p384-spki.pem")).unwrap();
    assert!(verify_external(&token("ES384", 96), &p384, &v, &mut buf).is_ok());
    let high = format!("{}.{}", token("ES384", 0).trim_end_matches('.'), B64.encode([0xFFu8; 96]));
    assert_eq!(verify_external(&high, &p384, &v, &mut buf).unwrap_err(), Error::Signature);
    let ed = Key::from_pem(&pem("ed25519-spki.pem")).unwrap();
    let s_too_big = format!("{}.{}", token("EdDSA", 0).trim_end_matches('.'), B64.encode([0xFFu8; 64]));
    assert_eq!(verify_external(&s_too_big, &ed, &v, &mut buf).unwrap_err(), Error::Signature);
    // The key still decides the algorithm.
    assert!(matches!(verify_external(&token("ES384", 96), &rsa, &v, &mut buf).unwrap_err(), Error::Header(_)));
}

#[test]
fn key_sets_keep_every_public_key() {
    let key_json = |file: &str| jwk(&Key::from_pem(&pem(file)).unwrap());
    let set = serde_json::json!({"keys": [
        key_json("rsa-2048-spki.pem"), key_json("ec-p384-spki.pem"), key_json("ed25519-spki.pem"), key_json("ec-p256-spki.pem"),
    ]});
    let set: KeySet = KeySet::from_jwks(&set.to_string()).unwrap();
    assert_eq!((set.len(), set.skipped()), (4, 0));
    // A provider that publishes private members by mistake: as in a full build, the public set
    // keeps the public half (here without loading the private key, which needs the arithmetic).
    let ed = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","kid":"ed"}"#;
    let set: KeySet = KeySet::from_jwks(&format!(r#"{{"keys":[{ed}]}}"#)).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 0));
    let key = set.get("ed").unwrap();
    assert!(!key.is_private() && !key.ops().can_sign() && key.ops().can_verify());
    assert_eq!(thumbprint(key), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    // A set of secrets has no public half to fall back on: the private key is skipped.
    let secrets: KeySet = KeySet::from_secret_jwks(&format!(r#"{{"keys":[{ed}]}}"#)).unwrap();
    assert_eq!((secrets.len(), secrets.skipped()), (0, 1));
}
