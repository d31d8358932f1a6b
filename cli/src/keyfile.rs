//! Key files: PEM, DER, a JWK or a JWKS, told apart by their content.

use std::path::Path;

use jwtcore::Key;
use jwtcore::keys::KeySet;

use crate::failure::Failure;
use crate::input;

/// What a `--key` file held.
/// Both are boxed: a `Key` holds its material inline (hundreds of bytes with RSA), and the
/// enum is moved a few times on its way to the verifier.
pub enum KeyFile {
    One(Box<Key>),
    /// A JWKS is a published document: read with `KeySet::from_jwks`, so its `oct` entries
    /// (secrets anyone could read) are skipped and can never verify an HMAC token.
    Set(Box<KeySet>),
}

/// Reads `path` as a PEM key (any form the core reads), a JWK, a JWKS, or DER.
pub fn load(path: &Path) -> Result<KeyFile, Failure> {
    let bytes = input::read_bytes(path)?;
    let context = format!("key file {}", path.display());
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Key::from_der(&bytes).map(one).map_err(|e| Failure::key(&context, e));
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Failure::usage(format!("{context}: not JSON: {e}")))?;
        if json.get("keys").is_some() {
            let set = KeySet::from_jwks(text).map_err(|e| Failure::key(&context, e))?;
            if set.skipped() > 0 {
                // Say so: a JWKS whose keys were all skipped otherwise fails as "no matching key".
                eprintln!(
                    "note: {} JWKS entr{} skipped (secrets, unsupported or malformed keys); {} usable",
                    set.skipped(),
                    if set.skipped() == 1 { "y" } else { "ies" },
                    set.len()
                );
            }
            return Ok(KeyFile::Set(Box::new(set)));
        }
        return Key::from_jwk(text).map(one).map_err(|e| Failure::key(&context, e));
    }
    if trimmed.contains("-----BEGIN ") {
        return Key::from_pem(text).map(one).map_err(|e| Failure::key(&context, e));
    }
    Key::from_der(&bytes).map(one).map_err(|e| Failure::key(&context, e))
}

fn one(key: Key) -> KeyFile {
    KeyFile::One(Box::new(key))
}

/// One key, for signing or thumbprints: a JWKS names several, so it is refused.
pub fn load_one(path: &Path) -> Result<Key, Failure> {
    match load(path)? {
        KeyFile::One(key) => Ok(*key),
        KeyFile::Set(_) => {
            Err(Failure::usage(format!("{} is a JWKS; give a file with a single key (PEM or JWK)", path.display())))
        }
    }
}

/// An HMAC secret file: its exact bytes, a trailing newline included.
pub fn secret(path: &Path) -> Result<Vec<u8>, Failure> {
    let secret = input::read_bytes(path)?;
    if secret.is_empty() {
        return Err(Failure::usage(format!("secret file {} is empty", path.display())));
    }
    Ok(secret)
}
