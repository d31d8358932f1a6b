//! The two phases of every verification this module makes, one export per
//! kind of key and token. Phase one (no verdict given) runs every check but
//! the arithmetic and returns what WebCrypto needs; phase two (WebCrypto's
//! verdict given) runs phase one again (it is deterministic and cheap, and
//! nothing is held in wasm memory across the JS `await`), then takes that
//! verdict — or, for a raw secret, the MAC WebCrypto computed, compared here
//! in constant time — and only then decodes and validates the claims.
//!
//! One export serves both phases, rather than a `prepare` and a `finish`
//! each: every export carries its own argument conversions, and the pairs
//! cost this module (whose download is the product) about 5 kB.
//!
//! Four kinds of key: a [`Key`] from a JWK, entry `index` of a [`KeySet`], a
//! [`PlatformKey`] (a `CryptoKey`), and a raw HMAC secret, checked exactly as
//! the main module's `jwtcore::keys::HmacSecret` (`verify_secret_platform`).
//! JWTs for all four; any-payload JWS (`compactVerify`) for the last two.

use alloc::vec::Vec;
use jwtcore::keys::HmacSecret;
use wasm_bindgen::prelude::*;

use crate::keys::{Key, KeySet};
use crate::policy::Policy;
use crate::shared::parts::ExternalParts;
use crate::shared::platform_key::PlatformKey;
use crate::shared::token::{joined, jws_scratch, scratch, seconds};

/// Who supplies the key for a token's two phases.
enum By<'a> {
    Key(&'a jwtcore::Key),
    Platform(&'a jwtcore::keys::PlatformKey),
    Secret(&'a [u8]),
}

/// WebCrypto's answer for phase two: a signature verdict, or the MAC it
/// computed with a raw secret.
#[derive(Clone, Copy)]
enum Verdict<'a> {
    Signature(bool),
    Mac(&'a [u8]),
}

/// Phase one (`verdict` none): the parts for WebCrypto (`ExternalParts`).
/// Phase two: `header \0 payload` as a string.
fn jwt_step(
    token: &str,
    by: &By<'_>,
    policy: &Policy,
    now: f64,
    verdict: Option<Verdict<'_>>,
) -> Result<JsValue, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    let allowed = policy.allowed();
    let r = policy.with(|v| {
        let pending = match *by {
            By::Key(k) => jwtcore::verify_external(token, k, v, &mut buf),
            By::Platform(k) => jwtcore::verify_platform(token, k, v, &mut buf),
            By::Secret(s) => jwtcore::verify_secret_platform(token, &HmacSecret::new(s).within(allowed), v, &mut buf),
        }?;
        let verified = match verdict {
            None => {
                let parts = ExternalParts::new(pending.algorithm(), pending.signing_input(), pending.signature());
                return Ok(JsValue::from(parts));
            }
            Some(Verdict::Mac(mac)) => pending.finish_mac(mac, seconds(now)),
            Some(Verdict::Signature(ok)) => pending.finish(ok, seconds(now)),
        }?;
        Ok(JsValue::from_str(&joined(verified.header().json(), verified.payload_json())))
    });
    r.map_err(|e| policy.err(e))
}

/// A JWT with a key from a JWK: phase one without `signature_valid`, phase
/// two with WebCrypto's verdict (`now` in Unix seconds).
#[wasm_bindgen(js_name = jwtKey)]
pub fn jwt_key(
    token: &str,
    key: &Key,
    policy: &Policy,
    now: f64,
    signature_valid: Option<bool>,
) -> Result<JsValue, JsValue> {
    jwt_step(token, &By::Key(&key.0), policy, now, signature_valid.map(Verdict::Signature))
}

/// A JWT with entry `index` of a set (from `KeySet::candidates`), as [`jwt_key`].
#[wasm_bindgen(js_name = jwtSet)]
pub fn jwt_set(
    token: &str,
    set: &KeySet,
    index: u32,
    policy: &Policy,
    now: f64,
    signature_valid: Option<bool>,
) -> Result<JsValue, JsValue> {
    jwt_step(token, &By::Key(set.entry(index)?), policy, now, signature_valid.map(Verdict::Signature))
}

/// A JWT with a `CryptoKey`, as [`jwt_key`].
#[wasm_bindgen(js_name = jwtPlatform)]
pub fn jwt_platform(
    token: &str,
    key: &PlatformKey,
    policy: &Policy,
    now: f64,
    signature_valid: Option<bool>,
) -> Result<JsValue, JsValue> {
    jwt_step(token, &By::Platform(&key.0), policy, now, signature_valid.map(Verdict::Signature))
}

/// A JWT with a raw HMAC secret: phase one without `mac`, phase two with
/// WebCrypto's HMAC of the signing input, compared with the token's in
/// constant time.
#[wasm_bindgen(js_name = jwtSecret)]
pub fn jwt_secret(
    token: &str,
    secret: &[u8],
    policy: &Policy,
    now: f64,
    mac: Option<Vec<u8>>,
) -> Result<JsValue, JsValue> {
    jwt_step(token, &By::Secret(secret), policy, now, mac.as_deref().map(Verdict::Mac))
}

/// An any-payload JWS: phase one's parts, or phase two's header JSON, a NUL,
/// then the payload bytes (a `Uint8Array`: the payload need not be text).
fn jws_step(token: &str, by: &By<'_>, policy: &Policy, verdict: Option<Verdict<'_>>) -> Result<JsValue, JsValue> {
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
        let verified = match verdict {
            None => {
                let parts = ExternalParts::new(pending.algorithm(), pending.signing_input(), pending.signature());
                return Ok(JsValue::from(parts));
            }
            Some(Verdict::Mac(mac)) => pending.finish_mac(mac),
            Some(Verdict::Signature(ok)) => pending.finish(ok),
        }?;
        let mut out: Vec<u8> = verified.header().json().as_bytes().to_vec();
        out.push(0);
        out.extend_from_slice(verified.payload());
        Ok(JsValue::from(out))
    });
    r.map_err(crate::err)
}

/// A JWS with a `CryptoKey`: phase one without `signature_valid`, phase two
/// with WebCrypto's verdict.
#[wasm_bindgen(js_name = jwsPlatform)]
pub fn jws_platform(
    token: &str,
    key: &PlatformKey,
    policy: &Policy,
    signature_valid: Option<bool>,
) -> Result<JsValue, JsValue> {
    jws_step(token, &By::Platform(&key.0), policy, signature_valid.map(Verdict::Signature))
}

/// A JWS with a raw HMAC secret: phase one without `mac`, phase two with
/// WebCrypto's HMAC (compared in constant time).
#[wasm_bindgen(js_name = jwsSecret)]
pub fn jws_secret(token: &str, secret: &[u8], policy: &Policy, mac: Option<Vec<u8>>) -> Result<JsValue, JsValue> {
    jws_step(token, &By::Secret(secret), policy, mac.as_deref().map(Verdict::Mac))
}
