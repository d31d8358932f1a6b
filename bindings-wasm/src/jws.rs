//! JWS with an arbitrary payload (jose's `compactVerify` / `CompactSign`
//! and the flattened and general serializations built on them): the core's
//! [`jwtcore::verify_jws`] and [`jwtcore::sign_compact_into`]. Every header
//! rule and the signature apply; no claim is read, since the payload need
//! not be JSON (RFC 7515 A.1–A.4, RFC 8037 A.4).

use wasm_bindgen::prelude::*;

use crate::jwt::Policy;
use crate::jwt_err;
use crate::keys::{Key, KeySet};
use crate::shared::token::{joined, jws_scratch, scratch, seconds};

/// A verified JWS: the protected header's JSON text and the payload bytes.
#[wasm_bindgen]
#[derive(Debug)]
pub struct VerifiedJws {
    header: String,
    payload: Vec<u8>,
}

#[wasm_bindgen]
impl VerifiedJws {
    /// The protected header as JSON text (validated by the core).
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> String {
        self.header.clone()
    }
    /// The decoded payload bytes (not necessarily JSON or UTF-8).
    #[wasm_bindgen(getter)]
    pub fn payload(&self) -> Vec<u8> {
        self.payload.clone()
    }
}

impl VerifiedJws {
    /// A verified JWS from the core's result, for any verification path.
    pub(crate) fn from_core(j: &jwtcore::VerifiedJws<'_>) -> Self {
        VerifiedJws { header: j.header().json().to_owned(), payload: j.payload().to_vec() }
    }
}

fn verify_by(token: &str, key: &jwtcore::Key, policy: &Policy) -> Result<VerifiedJws, JsValue> {
    // Sized for an unencoded (`b64: false`) payload too, which is copied rather than decoded.
    let mut buf = jws_scratch(token, policy.max_len());
    policy.with(|v| {
        jwtcore::verify_jws(token, key, v, &mut buf)
            .map(|j| VerifiedJws { header: j.header().json().to_owned(), payload: j.payload().to_vec() })
            .map_err(|e| jwt_err(e, &[]))
    })
}

/// Verifies a compact JWS with `key`: header rules (`alg` allowed and bound
/// to the key, `crit`, `b64`), then the signature; the payload is returned
/// as bytes, whatever it holds.
#[wasm_bindgen(js_name = verifyJws)]
pub fn verify_jws(token: &str, key: &Key, policy: &Policy) -> Result<VerifiedJws, JsValue> {
    verify_by(token, &key.0, policy)
}

/// [`verify_jws`] with entry `index` of a key set (a position from
/// [`KeySet::candidates`], which applies the core's `kid`/`alg` selection).
#[wasm_bindgen(js_name = verifyJwsIn)]
pub fn verify_jws_in(token: &str, set: &KeySet, index: u32, policy: &Policy) -> Result<VerifiedJws, JsValue> {
    verify_by(token, set.entry(index)?, policy)
}

fn verify_detached_by(
    token: &str,
    payload: &[u8],
    key: &jwtcore::Key,
    policy: &Policy,
) -> Result<VerifiedJws, JsValue> {
    // An oversized token is refused by the core before the buffer matters.
    let n = if token.len() > policy.max_len() { 0 } else { jwtcore::detached_scratch_len(token, payload.len()) };
    let mut buf = vec![0u8; n.max(16)];
    policy.with(|v| {
        jwtcore::verify_jws_detached(token, payload, key, v, &mut buf)
            .map(|j| VerifiedJws { header: j.header().json().to_owned(), payload: j.payload().to_vec() })
            .map_err(|e| jwt_err(e, &[]))
    })
}

/// Verifies a compact JWS whose payload travels separately
/// (`header..signature`, RFC 7515 Appendix F) against `payload`: signed
/// base64url-encoded, or as raw bytes under `b64: false` with `b64` in
/// `crit` (RFC 7797). jose's flattened form with an unencoded payload is
/// verified through this (the JS layer joins `protected` and `signature`).
#[wasm_bindgen(js_name = verifyJwsDetached)]
pub fn verify_jws_detached(token: &str, payload: &[u8], key: &Key, policy: &Policy) -> Result<VerifiedJws, JsValue> {
    verify_detached_by(token, payload, &key.0, policy)
}

/// [`verify_jws_detached`] with entry `index` of a key set (a position from
/// [`KeySet::candidates`]).
#[wasm_bindgen(js_name = verifyJwsDetachedIn)]
pub fn verify_jws_detached_in(
    token: &str,
    payload: &[u8],
    set: &KeySet,
    index: u32,
    policy: &Policy,
) -> Result<VerifiedJws, JsValue> {
    verify_detached_by(token, payload, set.entry(index)?, policy)
}

/// Signs `payload` (any bytes) under `header_json` and leaves it out of the
/// token: `header..signature` (RFC 7515 Appendix F). With `b64: false` and
/// `b64` in `crit` the payload is signed as raw bytes (RFC 7797), as jose's
/// `FlattenedSign` does.
#[wasm_bindgen(js_name = signJwsDetached)]
pub fn sign_jws_detached(header_json: &str, payload: &[u8], key: &Key) -> Result<String, JsValue> {
    // The whole signing input is written to `out` before signing.
    let cap = 64 + header_json.len() * 4 / 3 + payload.len() * 4 / 3 + 1024;
    let mut out = vec![0u8; cap];
    jwtcore::sign_detached_into(header_json.as_bytes(), payload, &key.0, &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// Signs `payload` (any bytes) under `header_json` (must name the key's
/// `alg`) into a compact JWS.
#[wasm_bindgen(js_name = signJws)]
pub fn sign_jws(header_json: &str, payload: &[u8], key: &Key) -> Result<String, JsValue> {
    let cap = 64 + (header_json.len() + payload.len()) * 4 / 3 + 1024;
    let mut out = vec![0u8; cap];
    jwtcore::sign_compact_into(header_json.as_bytes(), payload, &key.0, &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// jose's `UnsecuredJWT.encode`: `base64url(header).base64url(claims).`, made
/// by the core's `jwtcore::unsecured` (the producer the Python binding uses for
/// PyJWT's `algorithm="none"`), which checks the header says `alg: "none"`.
/// No verify function accepts the token.
#[wasm_bindgen(js_name = encodeUnsecured)]
pub fn encode_unsecured(header_json: &str, payload_json: &str) -> Result<String, JsValue> {
    let mut out = vec![0u8; jwtcore::unsecured::token_len(header_json.len(), payload_json.len())];
    jwtcore::unsecured::encode_into(header_json.as_bytes(), payload_json.as_bytes(), &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// An Unsecured JWT's header and claims (jose's `UnsecuredJWT.decode`): the
/// claims are validated against `policy` at Unix time `now` by the core, and
/// nothing is verified, since there is no signature. The JS layer has
/// checked that the header says `alg: "none"` and the signature is empty;
/// such a token never passes any verify function.
#[wasm_bindgen(js_name = decodeUnsecured)]
pub fn decode_unsecured(token: &str, policy: &Policy, now: f64) -> Result<String, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    policy.with(|v| {
        jwtcore::dangerous::decode_unverified(token, Some(v), seconds(now), &mut buf)
            .map(|u| joined(u.header_json(), u.payload_json()))
            .map_err(|e| policy.err(e))
    })
}
