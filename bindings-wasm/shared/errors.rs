//! The error string both modules hand to JS, `code \u{1} claim \u{1} message`,
//! which `js/errors.js` turns into jose's error classes.

use alloc::format;
use wasm_bindgen::JsValue;

/// The error string for a core error about `claim` (none outside the claims).
pub(crate) fn err_naming(e: jwtcore::Error, claim: Option<&str>) -> JsValue {
    JsValue::from_str(&format!("{}\u{1}{}\u{1}{}", e.code(), claim.unwrap_or(""), e))
}

/// The error string for a core error outside a policy: the claim named is
/// the core's own (a policy's custom claims are named through `Policy::err`).
pub(crate) fn err(e: jwtcore::Error) -> JsValue {
    err_naming(e, e.claim().and_then(|c| c.name()))
}

/// Parses an algorithm name; unknown names (including `none`) are
/// `alg_not_allowed`, as the core reports them for tokens.
pub(crate) fn parse_alg(name: &str) -> Result<jwtcore::Algorithm, JsValue> {
    jwtcore::Algorithm::from_name(name).ok_or_else(|| err(jwtcore::Error::Header(jwtcore::HeaderError::AlgNotAllowed)))
}
