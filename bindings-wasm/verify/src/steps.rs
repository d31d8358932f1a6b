//! The two phases of every verification this module makes. Phase one
//! (`prepare_*`) runs every check but the arithmetic and returns what
//! WebCrypto needs; phase two (`finish_*`) runs phase one again (it is
//! deterministic and cheap, and nothing is held in wasm memory across the
//! JS `await`), then takes WebCrypto's verdict — or, for a raw secret, the
//! MAC it computed, compared here in constant time — and only then decodes
//! and validates the claims.
//!
//! Four kinds of key: a [`Key`] from a JWK, entry `index` of a [`KeySet`], a
//! [`PlatformKey`] (a `CryptoKey`), and a raw HMAC secret, checked exactly as
//! the main module's `jwtcore::keys::HmacSecret` (`verify_secret_platform`).
//! JWTs for all four; any-payload JWS (`compactVerify`) for the last two.

use alloc::{string::String, vec::Vec};
use jwtcore::keys::HmacSecret;
use wasm_bindgen::prelude::*;

use crate::keys::{Key, KeySet};
use crate::policy::Policy;
use crate::shared::parts::ExternalParts;
use crate::shared::platform_key::PlatformKey;
use crate::shared::token::{joined, jws_scratch, scratch, seconds};

/// Who supplies the key for a JWT's two phases.
enum By<'a> {
    Key(&'a jwtcore::Key),
    Platform(&'a jwtcore::keys::PlatformKey),
    Secret(&'a [u8]),
}

/// Phase one (`verdict` none) or both phases of a JWT with one kind of key,
/// through one `Policy::with` call site per kind of key.
fn jwt_step(token: &str, by: &By<'_>, policy: &Policy, verdict: Option<(f64, bool, &[u8])>) -> Result<Step, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    let allowed = policy.allowed();
    let r = policy.with(|v| {
        let pending = match *by {
            By::Key(k) => jwtcore::verify_external(token, k, v, &mut buf),
            By::Platform(k) => jwtcore::verify_platform(token, k, v, &mut buf),
            By::Secret(s) => jwtcore::verify_secret_platform(token, &HmacSecret::new(s).within(allowed), v, &mut buf),
        }?;
        match verdict {
            None => {
                Ok(Step::Parts(ExternalParts::new(pending.algorithm(), pending.signing_input(), pending.signature())))
            }
            Some((now, ok, mac)) => {
                let verified = match by {
                    By::Secret(_) => pending.finish_mac(mac, seconds(now)),
                    _ => pending.finish(ok, seconds(now)),
                }?;
                Ok(Step::Done(joined(verified.header().json(), verified.payload_json())))
            }
        }
    });
    r.map_err(|e| policy.err(e))
}

/// What a step returns.
enum Step {
    Parts(ExternalParts),
    Done(String),
}

fn prepared(s: Step) -> Result<ExternalParts, JsValue> {
    match s {
        Step::Parts(p) => Ok(p),
        Step::Done(_) => Err(JsValue::from_str("serialize_failed\u{1}\u{1}internal: phase one finished")),
    }
}

fn done(s: Step) -> Result<String, JsValue> {
    match s {
        Step::Done(d) => Ok(d),
        Step::Parts(_) => Err(JsValue::from_str("serialize_failed\u{1}\u{1}internal: phase two did not finish")),
    }
}

/// Phase one of a JWT with a key from a JWK.
#[wasm_bindgen(js_name = prepareKey)]
pub fn prepare_key(token: &str, key: &Key, policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepared(jwt_step(token, &By::Key(&key.0), policy, None)?)
}

/// Phase two of a JWT with a key from a JWK: `header \0 payload`.
#[wasm_bindgen(js_name = finishKey)]
pub fn finish_key(token: &str, key: &Key, policy: &Policy, now: f64, signature_valid: bool) -> Result<String, JsValue> {
    done(jwt_step(token, &By::Key(&key.0), policy, Some((now, signature_valid, &[])))?)
}

/// Phase one of a JWT with entry `index` of a set (from `KeySet::candidates`).
#[wasm_bindgen(js_name = prepareSet)]
pub fn prepare_set(token: &str, set: &KeySet, index: u32, policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepared(jwt_step(token, &By::Key(set.entry(index)?), policy, None)?)
}

/// Phase two of a JWT with entry `index` of a set.
#[wasm_bindgen(js_name = finishSet)]
pub fn finish_set(
    token: &str,
    set: &KeySet,
    index: u32,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
) -> Result<String, JsValue> {
    done(jwt_step(token, &By::Key(set.entry(index)?), policy, Some((now, signature_valid, &[])))?)
}

/// Phase one of a JWT with a `CryptoKey`.
#[wasm_bindgen(js_name = preparePlatform)]
pub fn prepare_platform(token: &str, key: &PlatformKey, policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepared(jwt_step(token, &By::Platform(&key.0), policy, None)?)
}

/// Phase two of a JWT with a `CryptoKey` (WebCrypto's verdict).
#[wasm_bindgen(js_name = finishPlatform)]
pub fn finish_platform(
    token: &str,
    key: &PlatformKey,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
) -> Result<String, JsValue> {
    done(jwt_step(token, &By::Platform(&key.0), policy, Some((now, signature_valid, &[])))?)
}

/// Phase one of a JWT with a raw HMAC secret.
#[wasm_bindgen(js_name = prepareSecret)]
pub fn prepare_secret(token: &str, secret: &[u8], policy: &Policy) -> Result<ExternalParts, JsValue> {
    prepared(jwt_step(token, &By::Secret(secret), policy, None)?)
}

/// Phase two of a JWT with a raw HMAC secret: `mac` is WebCrypto's HMAC of
/// the signing input, compared with the token's in constant time.
#[wasm_bindgen(js_name = finishSecret)]
pub fn finish_secret(token: &str, secret: &[u8], policy: &Policy, now: f64, mac: &[u8]) -> Result<String, JsValue> {
    done(jwt_step(token, &By::Secret(secret), policy, Some((now, false, mac)))?)
}

/// Phase one (`verdict` none) or both phases of an any-payload JWS; the
/// result of phase two is `header \0` followed by nothing: the payload comes
/// back separately as bytes (`finish_jws_*`).
fn jws_step(
    token: &str,
    by: &By<'_>,
    policy: &Policy,
    verdict: Option<(bool, &[u8])>,
) -> Result<(Option<ExternalParts>, Vec<u8>), JsValue> {
    let mut buf = jws_scratch(token, policy.max_len());
    let allowed = policy.allowed();
    let r = policy.with(|v| {
        let pending = match *by {
            By::Platform(k) => jwtcore::verify_jws_platform(token, k, v, &mut buf),
            By::Secret(s) => {
                jwtcore::verify_jws_secret_platform(token, &HmacSecret::new(s).within(allowed), v, &mut buf)
            }
            By::Key(_) => Err(jwtcore::Error::Key(jwtcore::KeyError::Unsupported)),
        }?;
        match verdict {
            None => Ok((
                Some(ExternalParts::new(pending.algorithm(), pending.signing_input(), pending.signature())),
                Vec::new(),
            )),
            Some((ok, mac)) => {
                let verified = match by {
                    By::Secret(_) => pending.finish_mac(mac),
                    _ => pending.finish(ok),
                }?;
                // One buffer: the header JSON, a NUL, then the payload bytes.
                let mut out = verified.header().json().as_bytes().to_vec();
                out.push(0);
                out.extend_from_slice(verified.payload());
                Ok((None, out))
            }
        }
    });
    r.map_err(crate::err)
}

/// Phase one of a JWS with a `CryptoKey`.
#[wasm_bindgen(js_name = prepareJwsPlatform)]
pub fn prepare_jws_platform(token: &str, key: &PlatformKey, policy: &Policy) -> Result<ExternalParts, JsValue> {
    jws_parts(jws_step(token, &By::Platform(&key.0), policy, None)?)
}

/// Phase two of a JWS with a `CryptoKey`: header JSON, NUL, payload bytes.
#[wasm_bindgen(js_name = finishJwsPlatform)]
pub fn finish_jws_platform(
    token: &str,
    key: &PlatformKey,
    policy: &Policy,
    signature_valid: bool,
) -> Result<Vec<u8>, JsValue> {
    Ok(jws_step(token, &By::Platform(&key.0), policy, Some((signature_valid, &[])))?.1)
}

/// Phase one of a JWS with a raw HMAC secret.
#[wasm_bindgen(js_name = prepareJwsSecret)]
pub fn prepare_jws_secret(token: &str, secret: &[u8], policy: &Policy) -> Result<ExternalParts, JsValue> {
    jws_parts(jws_step(token, &By::Secret(secret), policy, None)?)
}

/// Phase two of a JWS with a raw HMAC secret (`mac` compared in constant time).
#[wasm_bindgen(js_name = finishJwsSecret)]
pub fn finish_jws_secret(token: &str, secret: &[u8], policy: &Policy, mac: &[u8]) -> Result<Vec<u8>, JsValue> {
    Ok(jws_step(token, &By::Secret(secret), policy, Some((false, mac)))?.1)
}

fn jws_parts((p, _): (Option<ExternalParts>, Vec<u8>)) -> Result<ExternalParts, JsValue> {
    p.ok_or_else(|| JsValue::from_str("serialize_failed\u{1}\u{1}internal: phase one finished"))
}
