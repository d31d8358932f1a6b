//! Keys held by the platform (a WebCrypto `CryptoKey`, a Node `KeyObject`):
//! the core's `jwtcore::keys::PlatformKey` built from what the platform
//! reports, and the two phases of verifying and signing with it. The JS
//! layer reads the key's description, calls these, and runs only the
//! platform's arithmetic (or MAC) in between.

use wasm_bindgen::prelude::*;

use crate::jws::VerifiedJws;
use crate::jwt::Policy;
use crate::shared::parts::ExternalParts;
pub use crate::shared::platform_key::PlatformKey;
use crate::shared::token::{joined, jws_scratch, scratch, seconds};
use crate::{jwt_err, parse_alg};

// The struct and `fromWebCrypto` are shared with the verify-only module
// (`shared/platform_key.rs`); Node's `KeyObject` and the getters are the
// main module's alone.
#[wasm_bindgen]
impl PlatformKey {
    /// From a Node `KeyObject`'s `type`, `asymmetricKeyType`,
    /// `asymmetricKeyDetails` (`namedCurve`, `modulusLength`,
    /// `hashAlgorithm`) and `symmetricKeySize`.
    #[wasm_bindgen(js_name = fromNode)]
    pub fn from_node(
        key_type: &str,
        asymmetric_key_type: Option<String>,
        named_curve: Option<String>,
        modulus_length: Option<u32>,
        hash_algorithm: Option<String>,
        symmetric_key_size: Option<u32>,
        ed25519_public: Option<Vec<u8>>,
    ) -> Result<PlatformKey, JsValue> {
        jwtcore::keys::PlatformKey::from_node(
            key_type,
            asymmetric_key_type.as_deref(),
            named_curve.as_deref(),
            modulus_length,
            hash_algorithm.as_deref(),
            symmetric_key_size,
            ed25519_public.as_deref(),
        )
        .map(PlatformKey)
        .map_err(|e| jwt_err(e, &[]))
    }

    /// The algorithm the key serves without an allow-list.
    #[wasm_bindgen(getter)]
    pub fn algorithm(&self) -> String {
        self.0.algorithm().as_str().to_owned()
    }

    /// Whether the platform holds a private key or a secret.
    #[wasm_bindgen(getter, js_name = isPrivate)]
    pub fn is_private(&self) -> bool {
        self.0.is_private()
    }

    /// Whether this is an HMAC secret.
    #[wasm_bindgen(getter, js_name = isHmac)]
    pub fn is_hmac(&self) -> bool {
        self.0.is_hmac()
    }
}

/// Who holds the key of a two-phase verification.
#[derive(Clone, Copy)]
pub(crate) enum Holder<'a> {
    /// The platform (a `CryptoKey` or `KeyObject`, by its description).
    Platform(&'a jwtcore::keys::PlatformKey),
    /// WebAssembly: a key whose arithmetic the platform does, as every asymmetric key of the lite
    /// module, which has none of its own (JWS only; a JWT with one goes through `external.rs`).
    Wasm(&'a jwtcore::Key),
}

/// One step of a two-phase verification.
pub(crate) enum Step<'a> {
    /// Phase one: every check but the arithmetic.
    Prepare,
    /// Phase two with the platform's verdict, or the MAC it computed (HMAC).
    Finish { now: f64, signature_valid: bool, mac: Option<&'a [u8]> },
}

/// What a step returns.
pub(crate) enum Outcome {
    Parts(ExternalParts),
    Jwt(String),
    Jws(VerifiedJws),
}

/// Every verification step with a key whose arithmetic the platform does, JWT or JWS (`jws`;
/// `detached` payload), through one `Policy::with` call: each call site of that generic would be
/// another copy of the pipeline in the module, which is downloaded whole.
pub(crate) fn run(
    token: &str,
    jws: bool,
    detached: Option<&[u8]>,
    key: Holder<'_>,
    policy: &Policy,
    step: &Step<'_>,
) -> Result<Outcome, JsValue> {
    let mut buf = match (jws, detached) {
        (false, _) => scratch(token, policy.max_len()),
        (true, None) => jws_scratch(token, policy.max_len()),
        (true, Some(p)) => {
            let n = if token.len() > policy.max_len() { 0 } else { jwtcore::detached_scratch_len(token, p.len()) };
            vec![0u8; n.max(16)]
        }
    };
    let result = policy.with(|v| step_in(token, jws, detached, key, v, step, &mut buf));
    // JWT errors name custom claims through the policy; a JWS has no claims.
    result.map_err(|e| if jws { jwt_err(e, &[]) } else { policy.err(e) })
}

fn step_in(
    token: &str,
    jws: bool,
    detached: Option<&[u8]>,
    holder: Holder<'_>,
    v: &jwtcore::Validation<'_>,
    step: &Step<'_>,
    buf: &mut [u8],
) -> Result<Outcome, jwtcore::Error> {
    if !jws {
        // Never called otherwise: a JWT with a wasm key goes through `external.rs`. Refused
        // rather than trapped if it ever were.
        let Holder::Platform(key) = holder else {
            return Err(jwtcore::Error::Key(jwtcore::KeyError::Unsupported));
        };
        let pending = jwtcore::verify_platform(token, key, v, buf)?;
        return match *step {
            Step::Prepare => Ok(Outcome::Parts(ExternalParts::new(
                pending.algorithm(),
                pending.signing_input(),
                pending.signature(),
            ))),
            Step::Finish { now, signature_valid, mac } => {
                let t = match mac {
                    Some(m) => pending.finish_mac(m, seconds(now))?,
                    None => pending.finish(signature_valid, seconds(now))?,
                };
                Ok(Outcome::Jwt(joined(t.header().json(), t.payload_json())))
            }
        };
    }
    let pending = match (holder, detached) {
        (Holder::Platform(k), None) => jwtcore::verify_jws_platform(token, k, v, buf)?,
        (Holder::Platform(k), Some(p)) => jwtcore::verify_jws_detached_platform(token, p, k, v, buf)?,
        (Holder::Wasm(k), None) => jwtcore::verify_jws_external(token, k, v, buf)?,
        (Holder::Wasm(k), Some(p)) => jwtcore::verify_jws_detached_external(token, p, k, v, buf)?,
    };
    match *step {
        Step::Prepare => {
            Ok(Outcome::Parts(ExternalParts::new(pending.algorithm(), pending.signing_input(), pending.signature())))
        }
        Step::Finish { signature_valid, mac, .. } => {
            let j = match mac {
                Some(m) => pending.finish_mac(m)?,
                None => pending.finish(signature_valid)?,
            };
            Ok(Outcome::Jws(VerifiedJws::from_core(&j)))
        }
    }
}

/// A step's outcome of the wrong kind: unreachable (each step has one kind), reported as a
/// JOSEError rather than a trap if it ever were.
pub(crate) fn unexpected() -> JsValue {
    jwt_err(jwtcore::Error::Serialize, &[])
}

/// Phase one of a JWT verification with a platform key: every check but
/// the arithmetic.
#[wasm_bindgen(js_name = preparePlatform)]
pub fn prepare_platform(token: &str, key: &PlatformKey, policy: &Policy) -> Result<ExternalParts, JsValue> {
    match run(token, false, None, Holder::Platform(&key.0), policy, &Step::Prepare)? {
        Outcome::Parts(p) => Ok(p),
        _ => Err(unexpected()),
    }
}

/// Phase two: runs phase one again (deterministic and cheap) and finishes
/// with the platform's verdict, or with the MAC it computed (`mac`, HMAC:
/// compared in the core in constant time); returns `header \0 payload`.
#[wasm_bindgen(js_name = finishPlatform)]
pub fn finish_platform(
    token: &str,
    key: &PlatformKey,
    policy: &Policy,
    now: f64,
    signature_valid: bool,
    mac: Option<Vec<u8>>,
) -> Result<String, JsValue> {
    let step = Step::Finish { now, signature_valid, mac: mac.as_deref() };
    match run(token, false, None, Holder::Platform(&key.0), policy, &step)? {
        Outcome::Jwt(s) => Ok(s),
        _ => Err(unexpected()),
    }
}

/// Phase one of a JWS verification (any payload; `detached` for
/// `header..signature` tokens) with a platform key.
#[wasm_bindgen(js_name = preparePlatformJws)]
pub fn prepare_platform_jws(
    token: &str,
    detached: Option<Vec<u8>>,
    key: &PlatformKey,
    policy: &Policy,
) -> Result<ExternalParts, JsValue> {
    match run(token, true, detached.as_deref(), Holder::Platform(&key.0), policy, &Step::Prepare)? {
        Outcome::Parts(p) => Ok(p),
        _ => Err(unexpected()),
    }
}

/// Phase two of [`prepare_platform_jws`]: the platform's verdict, or the
/// MAC it computed.
#[wasm_bindgen(js_name = finishPlatformJws)]
pub fn finish_platform_jws(
    token: &str,
    detached: Option<Vec<u8>>,
    key: &PlatformKey,
    policy: &Policy,
    signature_valid: bool,
    mac: Option<Vec<u8>>,
) -> Result<VerifiedJws, JsValue> {
    let step = Step::Finish { now: 0.0, signature_valid, mac: mac.as_deref() };
    match run(token, true, detached.as_deref(), Holder::Platform(&key.0), policy, &step)? {
        Outcome::Jws(j) => Ok(j),
        _ => Err(unexpected()),
    }
}

/// Room for a signing input of this header and payload, plus the longest
/// signature (RSA-8192 is 1366 base64url characters).
fn capacity(header_json: &str, payload_len: usize) -> usize {
    64 + (header_json.len() + payload_len).saturating_mul(4) / 3 + 1400
}

/// Phase one of signing with a platform key as `alg`: the key's binding and
/// the header checked, the signing input returned as bytes (`detached`: the
/// payload will not be carried in the token, and unencoded may be any bytes).
#[wasm_bindgen(js_name = platformSigningInput)]
pub fn platform_signing_input(
    header_json: &str,
    payload: &[u8],
    key: &PlatformKey,
    alg: &str,
    detached: bool,
) -> Result<Vec<u8>, JsValue> {
    let alg = parse_alg(alg)?;
    let mut out = vec![0u8; capacity(header_json, payload.len())];
    jwtcore::platform_signing_input_into(header_json.as_bytes(), payload, &key.0, alg, &mut out, detached)
        .map(<[u8]>::to_vec)
        .map_err(|e| jwt_err(e, &[]))
}

/// Phase two: the compact token from the signing input and the platform's
/// raw signature, refused unless it has the JOSE shape for `alg` and `key`;
/// `header..signature` when `detached`.
#[wasm_bindgen(js_name = finishPlatformSigning)]
pub fn finish_platform_signing(
    signing_input: &[u8],
    signature: &[u8],
    key: &PlatformKey,
    alg: &str,
    detached: bool,
) -> Result<String, JsValue> {
    let alg = parse_alg(alg)?;
    // Detached: only `base64url(header) "."` stays before the signature.
    let keep = if detached {
        signing_input.iter().position(|&b| b == b'.').map_or(signing_input.len(), |i| i + 1)
    } else {
        signing_input.len()
    };
    let prefix = signing_input.get(..keep).unwrap_or_default();
    let mut out = vec![0u8; keep + 1 + signature.len().saturating_mul(4) / 3 + 4];
    if let Some(dst) = out.get_mut(..keep) {
        dst.copy_from_slice(prefix);
    }
    jwtcore::finish_platform_signing_into(&key.0, alg, &mut out, keep, signature)
        .map(str::to_owned)
        .map_err(|e| jwt_err(e, &[]))
}
