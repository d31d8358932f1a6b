//! Keys produced by OpenSSL (tests/fixtures/keys, see its README): every
//! private form signs, every public form verifies, the forms agree with each
//! other and with the raw public key bytes inside OpenSSL's SPKI, and the
//! unsupported or protected forms are refused with their own error.

use core::time::Duration;
use std::path::PathBuf;

use base64::Engine as _;
use jwtcore::{Algorithm, EncodeHeader, Key, Validation, encode_into, verify};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/keys").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pem(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

fn thumbprint(key: &Key) -> String {
    let mut buf = [0u8; 43];
    key.thumbprint(&mut buf).unwrap().to_owned()
}

fn sign_and_verify(private: &Key, public: &Key) {
    #[derive(serde::Serialize)]
    struct C {
        sub: &'static str,
        exp: u64,
    }
    let mut out = [0u8; 512];
    let token = encode_into(&EncodeHeader::new(), &C { sub: "fixture", exp: 2_000 }, private, &mut out).unwrap();
    let mut scratch = [0u8; 512];
    let verified = verify(token, public, &Validation::new(), Duration::from_secs(1_000), &mut scratch).unwrap();
    assert_eq!(verified.claims().sub, Some("fixture"));
}

fn jwk_member(key: &Key, member: &str) -> String {
    let mut buf = [0u8; 512];
    let jwk: serde_json::Value = serde_json::from_str(key.to_jwk_into(false, &mut buf).unwrap()).unwrap();
    jwk[member].as_str().unwrap().to_owned()
}

#[test]
fn p256_all_forms_agree() {
    let sec1 = Key::from_pem(&pem("ec-p256-sec1.pem")).unwrap();
    let pkcs8 = Key::from_pem(&pem("ec-p256-pkcs8.pem")).unwrap();
    let pkcs8_der = Key::from_der(&fixture("ec-p256-pkcs8.der")).unwrap();
    let spki = Key::from_pem(&pem("ec-p256-spki.pem")).unwrap();
    let spki_der = Key::from_der(&fixture("ec-p256-spki.der")).unwrap();
    for k in [&sec1, &pkcs8, &pkcs8_der] {
        assert!(k.is_private());
        assert_eq!(k.algorithm(), Algorithm::Es256);
        assert_eq!(thumbprint(k), thumbprint(&spki));
        sign_and_verify(k, &spki);
        sign_and_verify(k, &spki_der);
    }
    assert!(!spki.is_private());
    assert_eq!(thumbprint(&sec1.to_public().unwrap()), thumbprint(&spki_der));
    // The SPKI ends with the uncompressed point 04 ‖ x ‖ y: the JWK must carry exactly those bytes.
    let der = fixture("ec-p256-spki.der");
    let point = &der[der.len() - 64..];
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    assert_eq!(jwk_member(&spki, "x"), b64.encode(&point[..32]));
    assert_eq!(jwk_member(&spki, "y"), b64.encode(&point[32..]));
}

#[test]
fn ed25519_all_forms_agree() {
    let pkcs8 = Key::from_pem(&pem("ed25519-pkcs8.pem")).unwrap();
    let pkcs8_der = Key::from_der(&fixture("ed25519-pkcs8.der")).unwrap();
    let spki = Key::from_pem(&pem("ed25519-spki.pem")).unwrap();
    let spki_der = Key::from_der(&fixture("ed25519-spki.der")).unwrap();
    for k in [&pkcs8, &pkcs8_der] {
        assert_eq!(k.algorithm(), Algorithm::EdDsa);
        assert_eq!(thumbprint(k), thumbprint(&spki));
        sign_and_verify(k, &spki);
        sign_and_verify(k, &spki_der);
    }
    let der = fixture("ed25519-spki.der");
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    assert_eq!(jwk_member(&spki, "x"), b64.encode(&der[der.len() - 32..]));
}

#[test]
fn refusals_have_their_own_codes() {
    let code = |name: &str| Key::from_pem(&pem(name)).unwrap_err().code();
    assert_eq!(code("ec-p256-pkcs8-encrypted.pem"), "key_encrypted");
    if !cfg!(feature = "rsa") {
        assert_eq!(code("rsa-2048-pkcs8.pem"), "key_unsupported");
        assert_eq!(code("rsa-2048-spki.pem"), "key_unsupported");
        assert_eq!(code("rsa-2048-pkcs1.pem"), "key_unsupported");
    } else {
        assert_eq!(code("rsa-1024-pkcs8.pem"), "key_too_small");
    }
    if !cfg!(feature = "es384") {
        assert_eq!(code("ec-p384-pkcs8.pem"), "key_unsupported");
        assert_eq!(code("ec-p384-spki.pem"), "key_unsupported");
    }
    assert_eq!(code("x25519-pkcs8.pem"), "key_unsupported");
    assert_eq!(
        Key::from_pem("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n").unwrap_err().code(),
        "invalid_key"
    );
    assert_eq!(Key::from_pem("just some text").unwrap_err().code(), "invalid_key");
    assert_eq!(Key::from_der(b"\x30\x03\x02\x01\x00").unwrap_err().code(), "invalid_key");
}

#[test]
fn public_key_material_is_never_an_hmac_secret() {
    for name in ["ec-p256-spki.pem", "ed25519-spki.pem", "rsa-2048-spki.pem", "ec-p256-sec1.pem"] {
        let err = Key::hmac(Algorithm::Hs256, &fixture(name)).unwrap_err();
        assert_eq!(err.code(), "invalid_key", "{name}");
    }
    for name in ["ec-p256-spki.der", "ed25519-spki.der", "ed25519-pkcs8.der"] {
        let err = Key::hmac(Algorithm::Hs256, &fixture(name)).unwrap_err();
        assert_eq!(err.code(), "invalid_key", "{name}");
    }
}

#[cfg(feature = "es384")]
#[test]
fn p384_all_forms_agree() {
    let pkcs8 = Key::from_pem(&pem("ec-p384-pkcs8.pem")).unwrap();
    let sec1 = Key::from_pem(&pem("ec-p384-sec1.pem")).unwrap();
    let spki = Key::from_pem(&pem("ec-p384-spki.pem")).unwrap();
    assert_eq!(spki.algorithm(), Algorithm::Es384);
    for k in [&pkcs8, &sec1] {
        assert_eq!(thumbprint(k), thumbprint(&spki));
        sign_and_verify(k, &spki);
    }
    // JWK export and re-import keep the key.
    let mut buf = [0u8; 512];
    let again = Key::from_jwk(spki.to_jwk_into(false, &mut buf).unwrap()).unwrap();
    assert_eq!(thumbprint(&again), thumbprint(&spki));
}

#[cfg(all(feature = "rsa", feature = "getrandom"))]
#[test]
fn rsa_all_forms_agree_and_bind_algorithms() {
    let pkcs8 = Key::from_pem(&pem("rsa-2048-pkcs8.pem")).unwrap();
    let pkcs1 = Key::from_pem(&pem("rsa-2048-pkcs1.pem")).unwrap();
    let spki = Key::from_pem(&pem("rsa-2048-spki.pem")).unwrap();
    let pkcs1_public = Key::from_pem(&pem("rsa-2048-pkcs1-public.pem")).unwrap();
    assert_eq!(thumbprint(&pkcs8), thumbprint(&spki));
    assert_eq!(thumbprint(&pkcs1), thumbprint(&pkcs1_public));
    assert_eq!(thumbprint(&pkcs1), thumbprint(&spki));
    // PEM keys carry no algorithm: RS256 by default.
    assert_eq!(spki.algorithm(), Algorithm::Rs256);
    assert!(spki.is_algorithm_flexible());
    sign_and_verify(&pkcs8, &spki);

    #[derive(serde::Serialize)]
    struct C {
        exp: u64,
    }
    let mut scratch = [0u8; 2048];
    let now = Duration::from_secs(1_000);
    for alg in Algorithm::RSA {
        let signer = pkcs8.clone().bind_algorithm(alg).unwrap();
        let mut out = [0u8; 2048];
        let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000 }, &signer, &mut out).unwrap().to_owned();
        // Without an allow-list the flexible key verifies only its default, RS256 ...
        let default = verify(&token, &spki, &Validation::new(), now, &mut scratch);
        if alg == Algorithm::Rs256 {
            assert!(default.is_ok());
        } else {
            assert_eq!(default.unwrap_err().code(), "alg_key_mismatch", "{alg}");
        }
        // ... and with one, any RSA algorithm the caller names.
        let allowed = Validation::new().algorithms(&[alg]);
        assert!(verify(&token, &spki, &allowed, now, &mut scratch).is_ok(), "{alg}");
        // A key bound to one RSA algorithm never verifies another.
        let bound = spki.clone().bind_algorithm(Algorithm::Ps256).unwrap();
        let both = Validation::new().algorithms(&Algorithm::RSA);
        assert_eq!(verify(&token, &bound, &both, now, &mut scratch).is_ok(), alg == Algorithm::Ps256, "{alg}");
    }
    // The same modulus from the RSA JWK path, bound by its `alg`.
    let mut buf = [0u8; 1024];
    let jwk = spki.to_jwk_into(false, &mut buf).unwrap().replace("{\"kty\"", "{\"alg\":\"PS384\",\"kty\"");
    let from_jwk = Key::from_jwk(&jwk).unwrap();
    assert_eq!(from_jwk.algorithm(), Algorithm::Ps384);
    assert!(!from_jwk.is_algorithm_flexible());
    assert_eq!(thumbprint(&from_jwk), thumbprint(&spki));
}
