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
    assert_eq!(code("rsa-2048-pkcs8.pem"), "key_unsupported");
    assert_eq!(code("rsa-2048-spki.pem"), "key_unsupported");
    assert_eq!(code("ec-p384-pkcs8.pem"), "key_unsupported");
    assert_eq!(code("ec-p384-spki.pem"), "key_unsupported");
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
