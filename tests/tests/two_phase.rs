//! The shared vectors through the two-phase verify (`verify_external`), as the npm package runs
//! them: the core decides everything but the signature arithmetic, which a "platform" does — here
//! RustCrypto's and dalek's verifiers, with dalek's lenient `verify` standing in for OpenSSL's
//! Ed25519 (the core's pre-check must make up the difference).
//!
//! With every arithmetic feature on (the default) each vector must give the verdict it gives
//! through the one-call verify (`vectors.rs`). Built with `--no-default-features` the core has no
//! curve or RSA arithmetic at all (the npm package's lite module): every JWT vector with one key
//! must still give its verdict; what needs the core's own arithmetic (JWS payloads and key sets
//! with asymmetric keys, through the one-call verify; private keys) is counted and named.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use jwtcore::Algorithm;
use jwtcore_conformance::{File, Vector, run_with, two_phase_applies, vector_files, vectors_dir};
use serde_json::Value;

/// The platform: verifies `sig` over `input` with the vector's public key.
fn platform(jwk: &Value, alg: Algorithm, input: &[u8], sig: &[u8]) -> bool {
    let member = |name: &str| jwk.get(name).and_then(Value::as_str).and_then(|s| B64.decode(s).ok());
    let point = || Some([&[4u8][..], &member("x")?, &member("y")?].concat());
    match alg {
        Algorithm::Es256 => {
            use p256::ecdsa::signature::Verifier as _;
            let Some(Ok(key)) = point().map(|p| p256::ecdsa::VerifyingKey::from_sec1_bytes(&p)) else { return false };
            p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(input, &s).is_ok())
        }
        Algorithm::Es384 => {
            use p384::ecdsa::signature::Verifier as _;
            let Some(Ok(key)) = point().map(|p| p384::ecdsa::VerifyingKey::from_sec1_bytes(&p)) else { return false };
            p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(input, &s).is_ok())
        }
        Algorithm::EdDsa => {
            use ed25519_dalek::Verifier as _;
            let Some(Ok(x)) = member("x").map(<[u8; 32]>::try_from) else { return false };
            let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&x) else { return false };
            ed25519_dalek::Signature::from_slice(sig).is_ok_and(|s| key.verify(input, &s).is_ok())
        }
        rsa_alg => rsa_platform(member("n"), member("e"), rsa_alg, input, sig),
    }
}

fn rsa_platform(n: Option<Vec<u8>>, e: Option<Vec<u8>>, alg: Algorithm, input: &[u8], sig: &[u8]) -> bool {
    use rsa::signature::Verifier as _;
    use rsa::{BoxedUint, RsaPublicKey, pkcs1v15, pss};
    use sha2::{Sha256, Sha384, Sha512};
    let (Some(n), Some(e)) = (n, e) else { return false };
    let bits = u32::try_from(n.len() * 8).unwrap_or(u32::MAX);
    let (Ok(n), Ok(e)) = (BoxedUint::from_be_slice(&n, bits), BoxedUint::from_be_slice(&e, 64)) else { return false };
    let Ok(key) = RsaPublicKey::new(n, e) else { return false };
    let pkcs1 = pkcs1v15::Signature::try_from(sig);
    let pss_sig = pss::Signature::try_from(sig);
    match (alg, pkcs1, pss_sig) {
        (Algorithm::Rs256, Ok(s), _) => pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(input, &s).is_ok(),
        (Algorithm::Rs384, Ok(s), _) => pkcs1v15::VerifyingKey::<Sha384>::new(key).verify(input, &s).is_ok(),
        (Algorithm::Rs512, Ok(s), _) => pkcs1v15::VerifyingKey::<Sha512>::new(key).verify(input, &s).is_ok(),
        (Algorithm::Ps256, _, Ok(s)) => pss::VerifyingKey::<Sha256>::new(key).verify(input, &s).is_ok(),
        (Algorithm::Ps384, _, Ok(s)) => pss::VerifyingKey::<Sha384>::new(key).verify(input, &s).is_ok(),
        (Algorithm::Ps512, _, Ok(s)) => pss::VerifyingKey::<Sha512>::new(key).verify(input, &s).is_ok(),
        _ => false,
    }
}

/// Whether `v` needs the core's own asymmetric arithmetic, so that a build without it cannot
/// give its verdict: a JWS or key-set token with an asymmetric key, or a private JWK.
fn needs_arithmetic(v: &Vector) -> bool {
    let asymmetric = |k: &Value| k.get("kty").and_then(Value::as_str).is_some_and(|t| t != "oct");
    let keys: Vec<&Value> = match (&v.key, &v.jwks) {
        (_, Some(set)) => set.get("keys").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default(),
        (Some(k), None) => vec![k],
        (None, None) => vec![],
    };
    let private = keys.iter().any(|k| asymmetric(k) && k.get("d").is_some());
    match v.kind.as_deref().unwrap_or("jwt") {
        "jwk" => private,
        _ => private || (!two_phase_applies(v) && keys.iter().any(|k| asymmetric(k))),
    }
}

/// The platform's key import, which a binding runs on first use of an Ed25519 key kept without
/// the arithmetic: it refuses an encoding that is not a curve point (the core refused the
/// small-order ones by comparison; decompressing needs the arithmetic), and the binding reports
/// that as the core's `invalid_key`. P-256 and P-384 points need no such step: the core checks the
/// curve equation without the curve crates (`keys/weierstrass.rs`).
fn platform_imports(jwk: &Value) -> bool {
    let member = |name: &str| jwk.get(name).and_then(Value::as_str).and_then(|s| B64.decode(s).ok());
    match jwk.get("kty").and_then(Value::as_str) {
        Some("OKP") => member("x")
            .and_then(|x| <[u8; 32]>::try_from(x).ok())
            .is_some_and(|x| ed25519_dalek::VerifyingKey::from_bytes(&x).is_ok()),
        _ => true,
    }
}

/// A `jwk` vector expecting an error, the way a binding without the arithmetic reaches it: the
/// core's parse, then the platform's import.
fn jwk_error_with_platform_import(v: &Vector, want: &str) -> Result<(), String> {
    let jwk = v.key.as_ref().ok_or("jwk vector without key")?;
    let got = jwtcore::Key::from_jwk(&jwk.to_string()).map(|_| ()).and_then(|()| {
        if platform_imports(jwk) { Ok(()) } else { Err(jwtcore::Error::Key(jwtcore::KeyError::Invalid)) }
    });
    match got {
        Err(e) if e.code() == want => Ok(()),
        Err(e) => Err(format!("expected {want}, got {}", e.code())),
        Ok(()) => Err(format!("expected {want}, got a key")),
    }
}

#[test]
fn two_phase_verify_gives_every_vectors_verdict() {
    let full = cfg!(feature = "full");
    let (mut two_phase, mut skipped, mut failures) = (0, Vec::new(), Vec::new());
    for path in vector_files(&vectors_dir()) {
        let text = std::fs::read_to_string(&path).expect("readable vector file");
        let file: File = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for v in &file.vectors {
            if !full && needs_arithmetic(v) {
                skipped.push(v.id.clone());
                continue;
            }
            two_phase += usize::from(two_phase_applies(v));
            let want_error = v.expect.get("error").and_then(Value::as_str);
            let outcome = match (v.kind.as_deref(), want_error) {
                (Some("jwk"), Some(want)) if !full => jwk_error_with_platform_import(v, want),
                _ => run_with(v, Some(&platform)),
            };
            if let Err(why) = outcome {
                failures.push(format!("{}: {why}", v.id));
            }
        }
    }
    println!("{two_phase} vectors through the two-phase verify; needing the arithmetic: {skipped:?}");
    assert!(failures.is_empty(), "{} vectors failed:\n{}", failures.len(), failures.join("\n"));
    // Every asymmetric single-key JWT vector is among them (ES256, ES384, EdDSA, RS*, PS*).
    assert!(two_phase >= 40, "only {two_phase} vectors went through the two-phase verify");
}
