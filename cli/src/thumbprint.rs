//! `jwtcore thumbprint`: the RFC 7638 JWK thumbprint of a key file.

use jwtcore::keys::{THUMBPRINT_LEN, jwk_thumbprint};

use crate::args::ThumbprintArgs;
use crate::failure::Failure;
use crate::{input, keyfile};

pub fn run(args: &ThumbprintArgs) -> Result<(), Failure> {
    let bytes = input::read_bytes(&args.file)?;
    let mut out = [0u8; THUMBPRINT_LEN];
    let context = format!("key file {}", args.file.display());
    let text = std::str::from_utf8(&bytes).ok().map(str::trim_start);
    let thumbprint = match text {
        // A JWK is hashed from its own members, so any kty RFC 7638 defines works (RSA too).
        Some(t) if t.starts_with('{') => jwk_thumbprint(t, &mut out).map_err(|e| Failure::key(&context, e))?,
        _ => {
            let key = keyfile::load_one(&args.file)?;
            key.thumbprint(&mut out).map_err(|e| Failure::key(&context, e))?
        }
    };
    println!("{thumbprint}");
    Ok(())
}
