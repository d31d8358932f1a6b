//! Signing, verification and unverified decoding of compact JWS/JWT.
//!
//! Results cross as one string, `header JSON \0 payload`: a raw NUL cannot
//! occur in JSON text (the core has validated the header), so the JS side
//! splits at the first NUL and parses both halves without a second copy
//! across the boundary.

use core::time::Duration;

use jwtcore::DEFAULT_MAX_TOKEN_LEN;
use jwtcore::keys::HmacSecret;
use wasm_bindgen::prelude::*;

use crate::keys::{Key, KeySet};
use crate::shared::parts::ExternalParts;
pub use crate::shared::policy::Policy;
use crate::shared::token::{joined, scratch, seconds};
use crate::{jwt_err, parse_alg};

// `Policy` (constructor, token limit, error naming) is shared with the
// verify-only module: `shared/policy.rs`.
impl Policy {
    /// `jwtcore::verify_with` under this policy at time zero, for key
    /// selection only (the result is discarded).
    pub(crate) fn verify_with<R: jwtcore::keys::KeyResolver + ?Sized>(
        &self,
        token: &str,
        keys: &R,
    ) -> Result<(), JsValue> {
        let mut buf = scratch(token, self.max_len());
        self.with(|v| {
            jwtcore::verify_with(token, keys, v, Duration::ZERO, &mut buf).map(|_| ()).map_err(|e| self.err(e))
        })
    }
}

/// Verifies a JWT (UTF-8 bytes, [`token_utf8`]) with a key at Unix time
/// `now` (seconds); returns `header \0 payload`.
#[wasm_bindgen(js_name = verifyUtf8)]
pub fn verify(token: &[u8], key: &Key, policy: &Policy, now: f64) -> Result<String, JsValue> {
    verify_by(token_utf8(token)?, &key.0, policy, now)
}

/// The one verification call behind [`verify`], [`verify_secret`] and
/// [`verify_set`]: a key, a raw secret or a set chooses the key.
fn verify_by<R: jwtcore::keys::KeyResolver + ?Sized>(
    token: &str,
    keys: &R,
    policy: &Policy,
    now: f64,
) -> Result<String, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    policy.with(|v| {
        jwtcore::verify_with(token, keys, v, seconds(now), &mut buf)
            .map(|t| joined(t.header().json(), t.payload_json()))
            .map_err(|e| policy.err(e))
    })
}

/// A token handed over as UTF-8 bytes (the `*Utf8` exports) as the `&str`
/// the core verifies. wasm-bindgen's glue copies a `&str` argument one
/// character at a time in JS; the JS layer writes these bytes with
/// `TextEncoder#encodeInto` instead, several times faster, and so always
/// UTF-8. Bytes that are not are refused as what they would be in a token:
/// a segment that is not base64url (the one holding the first bad byte).
#[inline(never)] // one copy for the five exports that call it (the module is downloaded whole)
pub(crate) fn token_utf8(bytes: &[u8]) -> Result<&str, JsValue> {
    core::str::from_utf8(bytes).map_err(|e| {
        let dots = bytes.get(..e.valid_up_to()).unwrap_or_default().iter().filter(|&&b| b == b'.').count();
        let part = match dots {
            0 => jwtcore::Part::Header,
            1 => jwtcore::Part::Payload,
            _ => jwtcore::Part::Signature,
        };
        jwt_err(jwtcore::Error::Token(jwtcore::TokenError::Base64(part)), &[])
    })
}

/// Verifies a JWT (UTF-8 bytes) with a raw HMAC secret, bound to the
/// header's `HS*` alg (an asymmetric-algorithm header is refused: the secret
/// decides the family).
#[wasm_bindgen(js_name = verifySecretUtf8)]
pub fn verify_secret(token: &[u8], secret: &[u8], policy: &Policy, now: f64) -> Result<String, JsValue> {
    // The allow-list (all algorithms without one, as jose): an allowed HMAC algorithm the secret is
    // too short for is the token's choice, refused as a disallowed alg (as in Python), not a weak key.
    let allowed = policy.0.allowed_algorithms().unwrap_or(jwtcore::AlgorithmSet::from_slice(&jwtcore::Algorithm::ALL));
    verify_by(token_utf8(token)?, &HmacSecret::new(secret).within(allowed), policy, now)
}

/// Verifies a JWT (UTF-8 bytes) with the key a JWK set selects by `kid` and
/// `alg`.
#[wasm_bindgen(js_name = verifySetUtf8)]
pub fn verify_set(token: &[u8], set: &KeySet, policy: &Policy, now: f64) -> Result<String, JsValue> {
    verify_by(token_utf8(token)?, &set.0, policy, now)
}

/// Phase one of the core's two-phase verification (`jwtcore::verify_external`):
/// every check except the ECDSA/RSA arithmetic, which the async JS API hands
/// to WebCrypto. HMAC and EdDSA keys are refused here (`key_unsupported`):
/// they are verified in wasm.
#[wasm_bindgen(js_name = prepareExternal)]
pub fn prepare_external(token: &str, key: &Key, policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepare_external_by(token, &key.0, policy)
}

/// [`prepare_external`] with entry `index` of a key set (an index from
/// [`KeySet::candidates`]), without copying the key out of the set.
#[wasm_bindgen(js_name = prepareExternalIn)]
pub fn prepare_external_in(token: &str, set: &KeySet, index: u32, policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepare_external_by(token, set.entry(index)?, policy)
}

fn prepare_external_by(token: &str, key: &jwtcore::Key, policy: &Policy) -> Result<ExternalParts, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    policy.with(|v| {
        jwtcore::verify_external(token, key, v, &mut buf)
            .map(|p| ExternalParts::new(p.algorithm(), p.signing_input(), p.signature()))
            .map_err(|e| policy.err(e))
    })
}

/// Phase two: runs phase one again (it is deterministic and cheap) and
/// finishes with WebCrypto's verdict; the claims are only decoded when
/// `signature_valid` is true.
#[wasm_bindgen(js_name = finishExternal)]
pub fn finish_external(
    token: &str,
    key: &Key,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
) -> Result<String, JsValue> {
    finish_external_by(token, &key.0, policy, now, signature_valid)
}

/// [`finish_external`] with entry `index` of a key set.
#[wasm_bindgen(js_name = finishExternalIn)]
pub fn finish_external_in(
    token: &str,
    set: &KeySet,
    index: u32,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
) -> Result<String, JsValue> {
    finish_external_by(token, set.entry(index)?, policy, now, signature_valid)
}

fn finish_external_by(
    token: &str,
    key: &jwtcore::Key,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
) -> Result<String, JsValue> {
    crate::external::two_phase(token, key, policy, now, &mut |_, _, _| Some(signature_valid))?
        // Unreachable (the verdict is always given); a JOSEError rather than a trap if it were.
        .ok_or_else(|| jwt_err(jwtcore::Error::Serialize, &[]))
}

/// Signs `header_json` (must name the key's `alg`) and `payload` into a
/// compact JWS.
#[wasm_bindgen]
pub fn sign(header_json: &str, payload: &str, key: &Key) -> Result<String, JsValue> {
    let cap = 64 + (header_json.len() + payload.len()) * 4 / 3 + 1024;
    let mut out = vec![0u8; cap];
    jwtcore::sign_compact_into(header_json.as_bytes(), payload.as_bytes(), &key.0, &mut out)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}

/// Header and claims **without verifying** (jose's `decodeJwt`).
#[wasm_bindgen(js_name = decodeUnverified)]
pub fn decode_unverified(token: &str) -> Result<String, JsValue> {
    let mut buf = scratch(token, DEFAULT_MAX_TOKEN_LEN);
    jwtcore::dangerous::decode_unverified(token, None, Duration::ZERO, &mut buf)
        .map(|u| joined(u.header_json(), u.payload_json()))
        .map_err(|e| jwt_err(e, &[]))
}

/// The header JSON of a compact JWS, unverified (key selection).
#[wasm_bindgen(js_name = decodeHeader)]
pub fn decode_header(token: &str) -> Result<String, JsValue> {
    // Room for the header segment only (the core decodes nothing else).
    let h64 = token.split('.').next().unwrap_or("");
    let mut buf = vec![0u8; jwtcore::scratch_len(h64).max(16)];
    jwtcore::dangerous::decode_header(token, &mut buf).map(str::to_owned).map_err(|e| jwt_err(e, &[]))
}

/// A jose time span (`"2h"`, `"30 minutes ago"`) in seconds.
#[wasm_bindgen]
pub fn timespan(text: &str) -> Result<f64, JsValue> {
    #[allow(clippy::cast_precision_loss)] // spans beyond 2^53 s are not meaningful
    jwtcore::timespan::parse(text).map(|s| s as f64).map_err(|e| jwt_err(e, &[]))
}

/// Every JWT error code the core can return (the JS layer checks its map
/// covers them).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    jwtcore::Error::ALL_CODES.iter().map(|c| (*c).to_owned()).collect()
}

/// The core's algorithm table (`jwtcore::algorithms()`) as a JSON array of
/// `{name, family, kty, crv, hash, hmac_min_key_len, supported}` objects; the
/// JS layer parses it once and reads its algorithm lists from it. Every string
/// in the table is a static ASCII identifier (`HS256`, `rsa-pss`, `P-256`,
/// `SHA-256`), so quoting it is all the JSON encoding it needs.
#[wasm_bindgen]
pub fn algorithms() -> String {
    fn text(v: Option<&str>) -> String {
        v.map_or_else(|| "null".to_owned(), |s| format!("\"{s}\""))
    }
    let rows: Vec<String> = jwtcore::algorithms()
        .iter()
        .map(|r| {
            format!(
                r#"{{"name":{},"family":{},"kty":{},"crv":{},"hash":{},"hmac_min_key_len":{},"supported":{}}}"#,
                text(Some(r.name)),
                text(Some(r.family)),
                text(Some(r.kty)),
                text(r.crv),
                text(r.hash),
                r.hmac_min_key_len.map_or_else(|| "null".to_owned(), |n| n.to_string()),
                r.supported
            )
        })
        .collect();
    format!("[{}]", rows.join(","))
}

/// Binds a name to an algorithm or reports the core's error (used by the
/// JS layer to validate `alg` arguments early, as jose does).
#[wasm_bindgen(js_name = checkAlg)]
pub fn check_alg(name: &str) -> Result<String, JsValue> {
    parse_alg(name).map(|a| a.as_str().to_owned())
}
