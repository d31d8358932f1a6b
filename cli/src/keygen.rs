//! `jwtcore keygen`: a fresh key from the OS RNG, as JWKs or as PEM (PKCS#8 private, SPKI public).

use std::io::Write;
use std::path::Path;

use jwtcore::Key;
use serde_json::{Value, json};

use crate::args::KeygenArgs;
use crate::decode::pretty;
use crate::failure::Failure;

pub fn run(args: &KeygenArgs) -> Result<(), Failure> {
    let mut key = Key::generate_os(args.alg).map_err(|e| Failure::key(&format!("--alg {}", args.alg), e))?;
    key = match &args.kid {
        Some(kid) => key.with_kid(kid).map_err(|e| Failure::key("--kid", e))?,
        // A thumbprint kid is stable and derived from public data; an HMAC secret gets none,
        // since its "thumbprint" is a hash of the secret itself.
        None if key.to_public().is_ok() => key.with_thumbprint_kid().map_err(|e| Failure::key("kid", e))?,
        None => key,
    };
    let private = jwk(&key, true)?;
    if args.format == "pem" {
        return write_pem(args, &private);
    }
    let public = match key.to_public() {
        Ok(public) => Some(jwk(&public, false)?),
        Err(_) => None,
    };
    match &args.private_out {
        Some(path) => {
            write_private(path, &pretty(&private))?;
            if let Some(public) = public {
                println!("{}", pretty(&public));
            }
        }
        None => println!("{}", pretty(&json!({ "private": private, "public": public }))),
    }
    Ok(())
}

fn jwk(key: &Key, include_private: bool) -> Result<Value, Failure> {
    let text = key.to_jwk(include_private).map_err(|e| Failure::key("writing the JWK", e))?;
    serde_json::from_str(&text).map_err(|e| Failure::usage(format!("re-reading the JWK: {e}")))
}

/// Creates `path` (never overwrites: an existing key may be in use) readable by its owner only.
fn write_private(path: &Path, text: &str) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| Failure::usage(format!("creating {}: {e}", path.display())))?;
    writeln!(file, "{text}").map_err(|e| Failure::usage(format!("writing {}: {e}", path.display())))
}

/// PEM from the private JWK the core wrote: its `d` (the P-256 scalar or the Ed25519 seed) through
/// the RustCrypto key types' PKCS#8 and SPKI encoders.
fn write_pem(args: &KeygenArgs, private: &Value) -> Result<(), Failure> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    // The pkcs8 crate, as re-exported by p256; ed25519-dalek implements the same traits.
    use p256::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    use zeroize::Zeroizing;

    let d = private["d"].as_str().ok_or_else(|| {
        Failure::usage(format!(
            "--format pem: {} keys have no PEM form (HMAC secrets are raw bytes); use --format jwk",
            args.alg
        ))
    })?;
    let mut raw = Zeroizing::new([0u8; 32]);
    let scalar =
        Base64UrlUnpadded::decode(d, &mut *raw).map_err(|e| Failure::usage(format!("re-reading the JWK's d: {e}")))?;
    let encode_failed = |e: &dyn std::fmt::Display| Failure::usage(format!("writing PEM: {e}"));
    let (private_pem, public_pem) = match private["kty"].as_str() {
        Some("EC") => {
            let secret = p256::SecretKey::from_slice(scalar).map_err(|e| encode_failed(&e))?;
            (
                secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| encode_failed(&e))?,
                secret.public_key().to_public_key_pem(LineEnding::LF).map_err(|e| encode_failed(&e))?,
            )
        }
        Some("OKP") => {
            let seed: &[u8; 32] = scalar.try_into().map_err(|_| Failure::usage("an Ed25519 seed is 32 bytes"))?;
            let signing = ed25519_dalek::SigningKey::from_bytes(seed);
            // PKCS#8 v1 (the seed only), as `openssl genpkey -algorithm ed25519` writes it: some
            // OpenSSL 3 builds refuse the v2 form that also embeds the public key.
            let v1 = ed25519_dalek::pkcs8::KeypairBytes { secret_key: *seed, public_key: None };
            (
                v1.to_pkcs8_pem(LineEnding::LF).map_err(|e| encode_failed(&e))?,
                signing.verifying_key().to_public_key_pem(LineEnding::LF).map_err(|e| encode_failed(&e))?,
            )
        }
        _ => {
            return Err(Failure::usage(format!("--format pem: no PEM writer for {} keys; use --format jwk", args.alg)));
        }
    };
    match &args.private_out {
        Some(path) => write_private(path, private_pem.trim_end())?,
        None => print!("{}", private_pem.as_str()),
    }
    print!("{public_pem}");
    Ok(())
}
