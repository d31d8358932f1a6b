//! JWS with any payload (jose's `compactVerify` and the flattened and
//! general forms) verified with a key held in WebAssembly whose signature
//! arithmetic the platform does: the lite module's ECDSA, RSA and Ed25519
//! public keys, which it cannot verify itself. The core's
//! `jwtcore::verify_jws_external` makes every check; the JS layer hands
//! phase one's output to `node:crypto` (synchronously) or WebCrypto
//! (asynchronously) and its verdict to phase two.
//!
//! One export per kind of key serves both phases (`verdict` absent or
//! given), and there is no one-call form with a callback as JWTs have
//! (`external.rs`): every export is downloaded with the lite module, and a
//! JWS with any payload is not the hot path a JWT is. The steps run through
//! `platform::run`, the pipeline of platform-held keys, so the module holds
//! the JWS pipeline once for both kinds of key.

use wasm_bindgen::prelude::*;

use crate::jwt::Policy;
use crate::keys::{Key, KeySet};
use crate::platform::{Holder, Outcome, Step, run, unexpected};

/// Without `verdict`, phase one: every check of `verifyJws` but the
/// arithmetic, for `key` (`detached`: the payload of a `header..signature`
/// token); returns the `ExternalParts` the platform verifies. With the
/// platform's `verdict`, phase two: phase one again (deterministic and
/// cheap; nothing is held in wasm memory across WebCrypto's `await`), then
/// the verdict; returns the `VerifiedJws`, its payload decoded only after
/// a `true` verdict.
#[wasm_bindgen(js_name = jwsExternal)]
pub fn jws_external(
    token: &str,
    detached: Option<Vec<u8>>,
    key: &Key,
    policy: &Policy,
    verdict: Option<bool>,
) -> Result<JsValue, JsValue> {
    step(token, detached.as_deref(), &key.0, policy, verdict)
}

/// [`jws_external`] with entry `index` of a key set (a position from
/// `KeySet::candidates`), without copying the key out of the set.
#[wasm_bindgen(js_name = jwsExternalIn)]
pub fn jws_external_in(
    token: &str,
    detached: Option<Vec<u8>>,
    set: &KeySet,
    index: u32,
    policy: &Policy,
    verdict: Option<bool>,
) -> Result<JsValue, JsValue> {
    step(token, detached.as_deref(), set.entry(index)?, policy, verdict)
}

fn step(
    token: &str,
    detached: Option<&[u8]>,
    key: &jwtcore::Key,
    policy: &Policy,
    verdict: Option<bool>,
) -> Result<JsValue, JsValue> {
    let step = match verdict {
        None => Step::Prepare,
        Some(signature_valid) => Step::Finish { now: 0.0, signature_valid, mac: None },
    };
    match run(token, true, detached, Holder::Wasm(key), policy, &step)? {
        Outcome::Parts(p) => Ok(p.into()),
        Outcome::Jws(j) => Ok(j.into()),
        Outcome::Jwt(_) => Err(unexpected()),
    }
}
