//! `jwtcore sign`: a claims object in, a compact token out.

use std::path::Path;

use jwtcore::{Algorithm, EncodeHeader, Family, Key};
use zeroize::Zeroizing;

use crate::args::SignArgs;
use crate::failure::Failure;
use crate::{input, keyfile};

pub fn run(args: &SignArgs) -> Result<(), Failure> {
    let mut key = signing_key(args)?;
    if let Some(kid) = &args.kid {
        key = key.with_kid(kid).map_err(|e| Failure::key("--kid", e))?;
    }
    let path = args.claims.as_deref().unwrap_or(Path::new("-"));
    let text = input::read_text(path)?;
    let claims: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::usage(format!("claims in {}: not JSON: {e}", path.display())))?;
    let Some(object) = claims.as_object() else {
        return Err(Failure::usage(format!("claims in {} must be a JSON object", path.display())));
    };
    if !object.contains_key("exp") {
        eprintln!("note: the claims have no `exp`; jwtcore's verifiers refuse such tokens by default");
    }
    let token = jwtcore::encode(&EncodeHeader::new(), &claims, &key).map_err(|e| Failure::key("signing", e))?;
    println!("{token}");
    Ok(())
}

fn signing_key(args: &SignArgs) -> Result<Key, Failure> {
    match (&args.key.key, &args.key.secret_file) {
        (Some(path), _) => {
            let key = keyfile::load_one(path)?;
            if !key.is_private() {
                return Err(Failure::usage(format!(
                    "{} holds a public key; signing needs a private key",
                    path.display()
                )));
            }
            match args.alg {
                Some(alg) if alg != key.algorithm() || key.is_algorithm_flexible() => {
                    key.bind_algorithm(alg).map_err(|e| Failure::key(&format!("--alg {alg}"), e))
                }
                _ => Ok(key),
            }
        }
        (None, Some(path)) => {
            let alg = args.alg.unwrap_or(Algorithm::Hs256);
            if alg.family() != Family::Hmac {
                return Err(Failure::usage(format!("--secret-file signs HS256/HS384/HS512, not {alg}")));
            }
            let secret = Zeroizing::new(keyfile::secret(path)?);
            Key::hmac(alg, &secret).map_err(|e| Failure::key(&format!("secret file {}", path.display()), e))
        }
        (None, None) => Err(Failure::usage("give --key FILE or --secret-file FILE")),
    }
}
