//! Verification options compiled into the core's `jwtcore::policy::Policy`,
//! with the same constructor as the main module's, so both entries give one
//! meaning to jose's options.

use jwtcore::policy::{Policy as CorePolicy, PolicyError, PolicyOptions};
use wasm_bindgen::prelude::*;

use crate::err_naming;

/// Verification options compiled once (the JS layer caches one per distinct
/// options value).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy(CorePolicy);

#[wasm_bindgen]
impl Policy {
    /// Options in jose's terms, as the main module's `Policy`: `algorithms`,
    /// `issuer` and `audience` (any of), `subject`, `typ`, `leeway` and
    /// `max_age` in seconds, `required` claim names, the recognised `crit`
    /// extensions and the maximum token length in bytes. Out-of-bounds
    /// values are refused with the core's `policy_leeway` / `policy_max_age`.
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
        .map_err(|e: PolicyError| JsValue::from_str(&format!("{}\u{1}\u{1}{}", e.code(), e)))
    }
}

impl Policy {
    /// The maximum token length in bytes.
    pub(crate) fn max_len(&self) -> usize {
        self.0.token_limit()
    }

    /// The verification's allow-list (none: every algorithm, as jose).
    pub(crate) fn allowed(&self) -> jwtcore::AlgorithmSet {
        self.0.allowed_algorithms().unwrap_or(jwtcore::AlgorithmSet::from_slice(&jwtcore::Algorithm::ALL))
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
