//! `jwtcore keygen`: a fresh key from the OS RNG, as JWKs.

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
