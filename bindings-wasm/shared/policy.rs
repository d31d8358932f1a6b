//! Verification options compiled into the core's `jwtcore::policy::Policy`,
//! which decides what each option means: one constructor for both modules,
//! so both npm entries give jose's options one meaning.

use alloc::{format, string::String, vec::Vec};
use jwtcore::policy::{Policy as CorePolicy, PolicyError, PolicyOptions};
use wasm_bindgen::prelude::*;

use super::errors::err_naming;

/// Verification options compiled once (the JS layer caches a `Policy` per
/// distinct options object, so the hot path does not rebuild it).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy(pub(crate) CorePolicy);

#[wasm_bindgen]
impl Policy {
    /// Options in jose's terms: `algorithms` (names; unknown ones are
    /// dropped, so a list of only unknown names allows nothing), `issuer`
    /// and `audience` (any of), `subject`, `typ`, `leeway` in seconds
    /// (negative: the core's negative leeway), `max_age` in seconds, `required`
    /// claim names, the recognised `crit` extensions and the maximum token
    /// length in bytes (none: the core's default). A leeway or max age outside
    /// the core's bounds (±1e12 s, finite; max age not negative) is refused
    /// with the core's `policy_leeway` / `policy_max_age` code.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)] // one argument per jose option
    pub fn new(
        algorithms: Option<Vec<String>>,
        issuer: Option<Vec<String>>,
        audience: Option<Vec<String>>,
        subject: Option<String>,
        typ: Option<String>,
        leeway: f64,
        max_age: Option<f64>,
        required: Vec<String>,
        crit: Vec<String>,
        max_token_length: Option<u32>,
    ) -> Result<Policy, JsValue> {
        // Without an audience, a token that names one is refused (security checklist 5.5; jose
        // would accept it): the core's verdict, documented as a difference from jose.
        CorePolicy::from_options(PolicyOptions {
            algorithms,
            leeway,
            max_age,
            require: required,
            issuer,
            audience,
            subject,
            typ,
            crit,
            max_token_length: max_token_length.map(|n| n as usize),
            ..PolicyOptions::default()
        })
        .map(Policy)
        .map_err(policy_err)
    }
}

/// The core's [`PolicyError`] in the error string format (`code \u{1}\u{1} message`).
fn policy_err(e: PolicyError) -> JsValue {
    JsValue::from_str(&format!("{}\u{1}\u{1}{}", e.code(), e))
}

impl Policy {
    /// The maximum token length in bytes.
    pub(crate) fn max_len(&self) -> usize {
        self.0.token_limit()
    }

    /// Lends the core's `Validation` to `f`.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&jwtcore::Validation<'_>) -> R) -> R {
        self.0.with(f)
    }

    /// The error string for a verification under this policy (custom claims named).
    pub(crate) fn err(&self, e: jwtcore::Error) -> JsValue {
        err_naming(e, self.0.claim_name(&e))
    }
}
