//! Two-phase signing for the platform's signer (node:crypto on Node): the
//! core checks the key and header and writes the signing input, the platform
//! computes the raw signature, the core checks its shape and assembles the
//! token. HMAC keys are refused here (`key_unsupported`): wasm signs them.

use wasm_bindgen::prelude::*;

use crate::jwt_err;
use crate::keys::Key;

/// Room for a signing input of this header and payload, plus the longest
/// signature (RSA-4096 is 683 base64url characters).
fn capacity(header_json: &str, payload: &str) -> usize {
    64 + (header_json.len() + payload.len()).saturating_mul(4) / 3 + 1024
}

/// Phase one: `base64url(header) "." base64url(payload)` after the checks
/// `sign` applies (private key allowed to sign, header `alg` the key's).
#[wasm_bindgen(js_name = externalSigningInput)]
pub fn external_signing_input(header_json: &str, payload: &str, key: &Key) -> Result<String, JsValue> {
    let mut out = vec![0u8; capacity(header_json, payload)];
    jwtcore::external_signing_input_into(header_json.as_bytes(), payload.as_bytes(), &key.0, &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// [`external_signing_input`] for a JWS over any bytes (jose's
/// `CompactSign` and the JWS builders on top of it).
#[wasm_bindgen(js_name = externalSigningInputBytes)]
pub fn external_signing_input_bytes(header_json: &str, payload: &[u8], key: &Key) -> Result<String, JsValue> {
    let mut out = vec![0u8; 64 + (header_json.len() + payload.len()).saturating_mul(4) / 3 + 1024];
    jwtcore::external_signing_input_into(header_json.as_bytes(), payload, &key.0, &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// Phase two: the compact token from the signing input phase one returned
/// and the platform's raw signature (ECDSA `r || s`), refused unless the
/// signature has the shape a verifier demands for `key`.
#[wasm_bindgen(js_name = finishExternalSigning)]
pub fn finish_external_signing(signing_input: &str, signature: &[u8], key: &Key) -> Result<String, JsValue> {
    let mut out = vec![0u8; signing_input.len() + 1 + signature.len().saturating_mul(4) / 3 + 4];
    let n = signing_input.len();
    if let Some(dst) = out.get_mut(..n) {
        dst.copy_from_slice(signing_input.as_bytes());
    }
    jwtcore::finish_external_signing_into(&key.0, &mut out, n, signature)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}
