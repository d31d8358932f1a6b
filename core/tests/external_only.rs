//! A build without the P-256 arithmetic (`--no-default-features`, no `p256`): ES256 keys load as
//! their checked encoding, `verify` refuses them naming the `p256` feature (nothing to compute with), and
//! the two-phase verify reaches the verdict a full build reaches, the platform's part played by
//! RustCrypto's p256 (a dev-dependency here, not part of the crate under test).
// `to_jwk` needs a heap.
#![cfg(all(not(feature = "p256"), feature = "alloc"))]

use core::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use jwtcore::{Algorithm, Error, Feature, HeaderError, Key, KeyError, Validation, verify, verify_external};
use p256::ecdsa::signature::{Signer as _, Verifier as _};

const NOW: Duration = Duration::from_secs(1_700_000_000);

fn signer() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap()
}

/// The public JWK of `signer()`, as a provider would publish it.
fn public_jwk() -> String {
    let point = signer().verifying_key().to_sec1_point(false);
    format!(
        r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#,
        B64.encode(point.x().unwrap()),
        B64.encode(point.y().unwrap())
    )
}

fn token(payload: &str) -> String {
    let input = format!("{}.{}", B64.encode(r#"{"alg":"ES256","typ":"JWT"}"#), B64.encode(payload));
    let sig: p256::ecdsa::Signature = signer().sign(input.as_bytes());
    format!("{input}.{}", B64.encode(sig.to_bytes()))
}

/// The honest platform.
fn platform(pending: &jwtcore::ExternalSignature<'_, '_, '_, '_>) -> bool {
    let Ok(sig) = p256::ecdsa::Signature::from_slice(pending.signature()) else { return false };
    signer().verifying_key().verify(pending.signing_input(), &sig).is_ok()
}

#[test]
fn es256_keys_load_and_export_without_the_arithmetic() {
    let key = Key::from_jwk(&public_jwk()).unwrap();
    assert_eq!(key.algorithm(), Algorithm::Es256);
    assert!(!key.is_private());
    // The exported JWK carries the same coordinates (the checked encoding is kept as is).
    let exported = key.to_jwk(false).unwrap();
    let want: serde_json::Value = serde_json::from_str(&public_jwk()).unwrap();
    let got: serde_json::Value = serde_json::from_str(&exported).unwrap();
    for member in ["kty", "crv", "x", "y"] {
        assert_eq!(got[member], want[member], "{member}");
    }
    // A private key needs the arithmetic (or the platform's own import).
    let d = B64.encode([7u8; 32]);
    let private = public_jwk().replace('}', &format!(r#","d":"{d}"}}"#));
    assert_eq!(Key::from_jwk(&private).unwrap_err(), Error::Key(KeyError::ArithmeticDisabled(Feature::P256)));
    // Coordinates outside the field, and a point off the curve, are refused here as a full build
    // refuses them; a compressed point cannot be decompressed.
    let off_field =
        format!(r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#, B64.encode([0xFF; 32]), B64.encode([1; 32]));
    assert_eq!(Key::from_jwk(&off_field).unwrap_err(), Error::Key(KeyError::Invalid));
    let point = signer().verifying_key().to_sec1_point(false);
    let mut y = point.y().unwrap().to_vec();
    y[31] ^= 1;
    let off_curve =
        format!(r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#, B64.encode(point.x().unwrap()), B64.encode(&y));
    assert_eq!(Key::from_jwk(&off_curve).unwrap_err(), Error::Key(KeyError::Invalid));
    let compressed = signer().verifying_key().to_sec1_point(true);
    assert_eq!(Key::es256_public(compressed.as_bytes()).unwrap_err(), Error::Key(KeyError::Unsupported));
}

#[test]
fn two_phase_verify_gives_the_full_builds_verdicts() {
    let key = Key::from_jwk(&public_jwk()).unwrap();
    let v = Validation::new();
    let good = token(r#"{"sub":"alice","exp":2000000000}"#);
    let expired = token(r#"{"sub":"alice","exp":1600000000}"#);
    let mut tampered = good.clone().into_bytes();
    let i = tampered.len() - 10;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let run = |t: &str| {
        let mut b = [0u8; 512];
        verify_external(t, &key, &v, &mut b).and_then(|p| {
            let ok = platform(&p);
            p.finish(ok, NOW).map(|t| t.payload_json().to_owned())
        })
    };
    assert_eq!(run(&good).unwrap(), r#"{"sub":"alice","exp":2000000000}"#);
    assert!(matches!(run(&expired).unwrap_err(), Error::Claim { .. }));
    assert_eq!(run(&tampered).unwrap_err(), Error::Signature);
    // Phase one still refuses r = s = 0 and wrong lengths before any platform call.
    let head = good.rsplit_once('.').unwrap().0;
    let mut b = [0u8; 512];
    assert_eq!(verify_external(&format!("{head}.{}", "A".repeat(86)), &key, &v, &mut b).unwrap_err(), Error::Signature);
    assert_eq!(verify_external(&format!("{head}.AQID"), &key, &v, &mut b).unwrap_err(), Error::Signature);
    // The key still decides the algorithm.
    let only_hs = [Algorithm::Hs256];
    let hs_only = Validation::new().algorithms(&only_hs);
    assert!(matches!(verify_external(&good, &key, &hs_only, &mut b).unwrap_err(), Error::Header(_)));
    let hs = Key::hmac(Algorithm::Hs256, &[9; 32]).unwrap();
    assert_eq!(verify_external(&good, &hs, &v, &mut b).unwrap_err(), Error::Header(HeaderError::AlgKeyMismatch));
    // The one-phase verify has no arithmetic to run and says which feature would bring it.
    assert_eq!(
        verify(&good, &key, &v, NOW, &mut b).unwrap_err(),
        Error::Key(KeyError::ArithmeticDisabled(Feature::P256))
    );
}
