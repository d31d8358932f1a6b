//! `jwtcore verify`: the core's verdict on a token, as an exit status.

use core::time::Duration;

use jwtcore::keys::HmacSecret;
use jwtcore::{Algorithm, KeyError, Validation, verify_with};
use zeroize::Zeroizing;

use crate::args::VerifyArgs;
use crate::decode::pretty;
use crate::failure::Failure;
use crate::input;
use crate::keyfile::{self, KeyFile};

pub fn run(args: &VerifyArgs) -> Result<(), Failure> {
    let token = input::token(&args.token)?;
    let issuers: Vec<&str> = args.issuers.iter().map(String::as_str).collect();
    let audiences: Vec<&str> = args.audiences.iter().map(String::as_str).collect();
    let validation = validation(&args.algs, &issuers, &audiences, args.leeway);
    let now = match args.now {
        Some(secs) => Duration::from_secs(secs),
        None => jwtcore::now(),
    };
    let mut buf = vec![0u8; jwtcore::scratch_len(&token)];
    let verified = match (&args.key.key, &args.key.secret_file) {
        (Some(path), _) => match keyfile::load(path)? {
            KeyFile::One(key) => verify_with(&token, key.as_ref(), &validation, now, &mut buf),
            KeyFile::Set(set) => verify_with(&token, set.as_ref(), &validation, now, &mut buf),
        },
        (None, Some(path)) => {
            let secret = Zeroizing::new(keyfile::secret(path)?);
            // Bound to the token's HS* alg only after the allow-list admitted it; never to RS/ES/EdDSA.
            match verify_with(&token, &HmacSecret::new(&secret), &validation, now, &mut buf) {
                // Too short for the token's hash: a fault of the secret file, not of the token.
                Err(e @ jwtcore::Error::Key(KeyError::Weak)) => {
                    return Err(Failure::key(&format!("secret file {}", path.display()), e));
                }
                other => other,
            }
        }
        // clap's argument group requires exactly one of the two.
        (None, None) => return Err(Failure::usage("give --key FILE or --secret-file FILE")),
    }
    .map_err(Failure::Refused)?;
    let claims: serde_json::Value = serde_json::from_str(verified.payload_json())
        .map_err(|e| Failure::usage(format!("re-reading verified claims: {e}")))?;
    println!("{}", pretty(&claims));
    Ok(())
}

fn validation<'a>(algs: &[Algorithm], issuers: &'a [&'a str], audiences: &'a [&'a str], leeway: i64) -> Validation<'a> {
    let mut v = Validation::new();
    if !algs.is_empty() {
        v = v.algorithms(algs);
    }
    if !issuers.is_empty() {
        v = v.issuer(issuers);
    }
    if !audiences.is_empty() {
        v = v.audience(audiences);
    }
    let by = Duration::from_secs(leeway.unsigned_abs());
    if leeway < 0 { v.negative_leeway(by) } else { v.leeway(by) }
}
