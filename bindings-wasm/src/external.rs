//! The core's two-phase verify (`jwtcore::verify_external`) in one call, for
//! a runtime with a synchronous signature primitive (`node:crypto` on Node).
//!
//! [`prepare_external`](crate::prepare_external) and
//! [`finish_external`](crate::finish_external) cross into WebAssembly twice
//! and run phase one twice (the token copied in each time, the signing input
//! and signature copied out between). Here phase one runs once, the platform
//! is called back from inside with views of the bytes it needs, and its
//! verdict finishes the same pending verification: every check is still the
//! core's, in the same order, so the verdict is the one the two calls give.
//!
//! The token crosses as UTF-8 bytes ([`token_utf8`]): the JS layer encodes it
//! with `TextEncoder#encodeInto` into a reused buffer, several times faster
//! than the per-character copy wasm-bindgen's glue makes of a `&str`.

use jwtcore::Algorithm;
use wasm_bindgen::prelude::*;

use crate::ecdsa_der::ecdsa_der;
use crate::jwt::{Policy, token_utf8};
use crate::keys::{Key, KeySet};
use crate::shared::token::{joined, scratch, seconds};

#[wasm_bindgen]
extern "C" {
    /// A JS function `(alg, signingInput, signature, der) => true | false |
    /// undefined`: the platform's verdict on the signature, or undefined when
    /// it cannot evaluate the key (WebAssembly then decides). `alg` is an
    /// index into `Algorithm::ALL`, the order of the core's algorithm table
    /// (`algorithms()`, which the JS layer holds), so no string crosses per
    /// call; `der` is an ECDSA
    /// signature's DER form (empty for other families); the byte arguments
    /// are views of WebAssembly memory, valid only during the call.
    pub type PlatformVerifier;

    #[wasm_bindgen(method, catch, js_name = call)]
    fn check(
        this: &PlatformVerifier,
        this_arg: &JsValue,
        alg: u32,
        signing_input: &[u8],
        signature: &[u8],
        der: &[u8],
    ) -> Result<JsValue, JsValue>;
}

/// Verifies a JWT (UTF-8 bytes) with `key`, the signature arithmetic done by `verifier`
/// between the core's two phases; returns `header \0 payload`, or undefined
/// when the verifier could not evaluate the key (verify in WebAssembly then).
/// Errors are the core's, as [`finish_external`](crate::finish_external)'s.
#[wasm_bindgen(js_name = verifyExternal)]
pub fn verify_external(
    token: &[u8],
    key: &Key,
    policy: &Policy,
    now: f64,
    verifier: &PlatformVerifier,
) -> Result<Option<String>, JsValue> {
    verify_external_by(token_utf8(token)?, &key.0, policy, now, verifier)
}

/// [`verify_external`] with entry `index` of a key set (an index from
/// [`KeySet::candidates`]).
#[wasm_bindgen(js_name = verifyExternalIn)]
pub fn verify_external_in(
    token: &[u8],
    set: &KeySet,
    index: u32,
    policy: &Policy,
    now: f64,
    verifier: &PlatformVerifier,
) -> Result<Option<String>, JsValue> {
    verify_external_by(token_utf8(token)?, set.entry(index)?, policy, now, verifier)
}

fn verify_external_by(
    token: &str,
    key: &jwtcore::Key,
    policy: &Policy,
    now: f64,
    verifier: &PlatformVerifier,
) -> Result<Option<String>, JsValue> {
    two_phase(token, key, policy, now, &mut |alg, signing_input, signature| {
        let der = match alg.family() {
            jwtcore::Family::Ecdsa => ecdsa_der(signature),
            _ => None,
        };
        let der = der.as_ref().map_or(&[][..], |d| d.as_bytes());
        let index = Algorithm::ALL.iter().position(|a| *a == alg).and_then(|i| u32::try_from(i).ok())?;
        // A throw or a non-boolean answer: the platform could not decide, so WebAssembly will.
        verifier.check(&JsValue::UNDEFINED, index, signing_input, signature, der).ok().and_then(|v| v.as_bool())
    })
}

/// The platform's verdict on phase one's algorithm, signing input and
/// signature: `Some(valid)`, or `None` when it cannot decide.
pub(crate) type Verdict<'a> = dyn FnMut(Algorithm, &[u8], &[u8]) -> Option<bool> + 'a;

/// Phase one, `verdict` on its algorithm, signing input and signature,
/// phase two with that verdict; `None` when `verdict` gives none. The one
/// copy of the pipeline behind both [`verify_external`] and
/// [`finish_external`](crate::finish_external) (a `dyn` verdict, so the
/// module, which is downloaded whole, holds the claim checks once for both;
/// never inlined, for the same reason).
#[inline(never)]
pub(crate) fn two_phase(
    token: &str,
    key: &jwtcore::Key,
    policy: &Policy,
    now: f64,
    verdict: &mut Verdict<'_>,
) -> Result<Option<String>, JsValue> {
    let mut buf = scratch(token, policy.max_len());
    policy.with(|v| {
        let pending = jwtcore::verify_external(token, key, v, &mut buf).map_err(|e| policy.err(e))?;
        let Some(valid) = verdict(pending.algorithm(), pending.signing_input(), pending.signature()) else {
            return Ok(None);
        };
        pending
            .finish(valid, seconds(now))
            .map(|t| Some(joined(t.header().json(), t.payload_json())))
            .map_err(|e| policy.err(e))
    })
}
