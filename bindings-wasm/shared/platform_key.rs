//! Keys WebCrypto holds (a `CryptoKey`, extractable or not), described to the
//! core by what WebCrypto reports about them: `jwtcore::keys::PlatformKey`
//! decides which algorithms the key serves (the key decides the family, RSA
//! at least 2048 bits, HMAC at least as long as its hash, `usages`). The main
//! module adds Node's `KeyObject` and signing in its own `impl` block.

use alloc::{string::String, vec::Vec};
use wasm_bindgen::prelude::*;

use super::errors::err;

/// A platform-held key as the core sees it: the algorithms it serves, and
/// whether it may sign or verify.
#[wasm_bindgen]
#[derive(Debug)]
pub struct PlatformKey(pub(crate) jwtcore::keys::PlatformKey);

#[wasm_bindgen]
impl PlatformKey {
    /// From a `CryptoKey`'s `type`, `algorithm` members and `usages`;
    /// `ed25519_public` is an Ed25519 public key's raw bytes when it can be
    /// exported (the core's strict-verify pre-check needs them).
    #[wasm_bindgen(js_name = fromWebCrypto)]
    #[allow(clippy::too_many_arguments)] // one argument per member WebCrypto reports
    pub fn from_webcrypto(
        key_type: &str,
        name: &str,
        named_curve: Option<String>,
        hash: Option<String>,
        modulus_length: Option<u32>,
        length: Option<u32>,
        usages: Vec<String>,
        ed25519_public: Option<Vec<u8>>,
    ) -> Result<PlatformKey, JsValue> {
        let usages: Vec<&str> = usages.iter().map(String::as_str).collect();
        jwtcore::keys::PlatformKey::from_webcrypto(
            key_type,
            name,
            named_curve.as_deref(),
            hash.as_deref(),
            modulus_length,
            length,
            &usages,
            ed25519_public.as_deref(),
        )
        .map(PlatformKey)
        .map_err(err)
    }
}
