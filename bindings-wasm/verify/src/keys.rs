//! Public keys from JWKs and public JWK sets, parsed and checked by the core
//! (encodings, sizes, `alg`/`use`/`key_ops`); they never verify here. Their
//! public JWK goes back to JS for WebCrypto's key import, and the core's
//! two-phase verify binds each to the token (`steps.rs`).

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use jwtcore::keys::KeyResolver;
use wasm_bindgen::prelude::*;

use crate::policy::Policy;
use crate::shared::token::scratch;
use crate::{err, parse_alg};

/// A public key as the core sees it (a private JWK is kept as its public
/// half: this module only verifies).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Key(pub(crate) jwtcore::Key);

#[wasm_bindgen]
impl Key {
    /// From JWK text, bound to `alg` when given (as the main module's
    /// `Key.fromJwk`: an RSA key without `alg` takes it; any other key must
    /// already be `alg`'s).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: &str, alg: Option<String>) -> Result<Key, JsValue> {
        let key = jwtcore::Key::from_public_jwk(jwk).map_err(err)?;
        let key = if key.is_private() { key.to_public().map_err(err)? } else { key };
        let Some(alg) = alg else { return Ok(Key(key)) };
        let alg = parse_alg(&alg)?;
        if key.is_algorithm_flexible() {
            return key.bind_algorithm(alg).map(Key).map_err(err);
        }
        if key.algorithm() != alg {
            return Err(err(jwtcore::Error::Header(jwtcore::HeaderError::AlgKeyMismatch)));
        }
        Ok(Key(key))
    }

    /// The algorithm the key is bound to (RS256 for an RSA key without `alg`).
    #[wasm_bindgen(getter)]
    pub fn algorithm(&self) -> String {
        self.0.algorithm().as_str().to_owned()
    }

    /// Whether the JWK's `use` / `key_ops` allow verification (`compactVerify` binds an
    /// imported key by WebCrypto's description, which does not carry them).
    #[wasm_bindgen(getter, js_name = canVerify)]
    pub fn can_verify(&self) -> bool {
        self.0.ops().can_verify()
    }

    /// The public JWK text (for WebCrypto's key import).
    #[wasm_bindgen(js_name = publicJwk)]
    pub fn public_jwk(&self) -> Result<String, JsValue> {
        self.0.to_jwk(false).map_err(err)
    }
}

/// A public JWK set (`jwtcore::keys::KeySet::from_jwks`: `oct` entries
/// skipped, private members dropped); keys chosen by `kid` and `alg` with the
/// core's rules.
#[wasm_bindgen]
#[derive(Debug)]
pub struct KeySet(pub(crate) jwtcore::keys::KeySet<64>);

#[wasm_bindgen]
impl KeySet {
    /// From JWKS text (`{"keys":[…]}`).
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(jwks: &str) -> Result<KeySet, JsValue> {
        jwtcore::keys::KeySet::from_jwks(jwks).map(KeySet).map_err(err)
    }

    /// The positions of the keys the core would try for `token`, in its
    /// order (several when no `kid` or a duplicate one fits), from the core's
    /// `select_external`: header errors and "no matching key" are its own.
    pub fn candidates(&self, token: &str, policy: &Policy) -> Result<Vec<u32>, JsValue> {
        let mut found = Vec::new();
        let mut buf = scratch(token, policy.max_len());
        policy
            .with(|v| {
                jwtcore::select_external(token, &self.0, v, &mut buf, &mut |k| {
                    if let Some(i) = self.position(k) {
                        found.push(i);
                    }
                })
            })
            .map_err(|e| policy.err(e))?;
        Ok(found)
    }

    /// The position of the first key the core selects for a header's `alg`
    /// and `kid` (JSON string content), for a resolver called directly.
    pub fn select(&self, alg: &str, kid: Option<String>) -> Result<u32, JsValue> {
        let alg = parse_alg(alg)?;
        let mut found = None;
        let r = self.0.resolve(alg, kid.as_deref(), &mut |k| {
            found = self.position(k);
            Ok(())
        });
        match (r, found) {
            (Ok(()), Some(i)) => Ok(i),
            (Err(e), _) => Err(err(e)),
            (Ok(()), None) => Err(err(jwtcore::Error::KeySet(jwtcore::KeySetError::NoMatchingKey))),
        }
    }

    /// Entry `index`'s algorithm (RS256 for an RSA key without `alg`).
    #[wasm_bindgen(js_name = algorithmOf)]
    pub fn algorithm_of(&self, index: u32) -> Result<String, JsValue> {
        Ok(self.entry(index)?.algorithm().as_str().to_owned())
    }

    /// Entry `index`'s public JWK text (for WebCrypto's key import).
    #[wasm_bindgen(js_name = publicJwk)]
    pub fn public_jwk(&self, index: u32) -> Result<String, JsValue> {
        self.entry(index)?.to_jwk(false).map_err(err)
    }
}

impl KeySet {
    /// Entry `index` in iteration order (the positions `candidates` returns).
    pub(crate) fn entry(&self, index: u32) -> Result<&jwtcore::Key, JsValue> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.0.iter().nth(i))
            .ok_or_else(|| err(jwtcore::Error::KeySet(jwtcore::KeySetError::NoMatchingKey)))
    }

    fn position(&self, key: &jwtcore::Key) -> Option<u32> {
        self.0.iter().position(|e| core::ptr::eq(e, key)).and_then(|i| u32::try_from(i).ok())
    }
}
