//! Unverified decoding (jose's `decodeJwt`, `decodeProtectedHeader`), the
//! core's token limit and time spans, and its algorithm table.

use alloc::{borrow::ToOwned, string::String, vec};
use core::time::Duration;

use jwtcore::DEFAULT_MAX_TOKEN_LEN;
use wasm_bindgen::prelude::*;

use crate::err;
use crate::shared::token::{joined, scratch};

/// Header and claims **without verifying** (jose's `decodeJwt`): `header \0 payload`.
#[wasm_bindgen(js_name = decodeUnverified)]
pub fn decode_unverified(token: &str) -> Result<String, JsValue> {
    let mut buf = scratch(token, DEFAULT_MAX_TOKEN_LEN);
    jwtcore::dangerous::decode_unverified(token, None, Duration::ZERO, &mut buf)
        .map(|u| joined(u.header_json(), u.payload_json()))
        .map_err(err)
}

/// The header JSON of a compact JWS, unverified.
#[wasm_bindgen(js_name = decodeHeader)]
pub fn decode_header(token: &str) -> Result<String, JsValue> {
    // Room for the header segment only (the core decodes nothing else).
    let h64 = token.split('.').next().unwrap_or("");
    let mut buf = vec![0u8; jwtcore::scratch_len(h64).max(16)];
    jwtcore::dangerous::decode_header(token, &mut buf).map(str::to_owned).map_err(err)
}

/// A jose time span (`"2h"`, `"30 minutes ago"`) in seconds.
#[wasm_bindgen]
pub fn timespan(text: &str) -> Result<f64, JsValue> {
    #[allow(clippy::cast_precision_loss)] // spans beyond 2^53 s are not meaningful
    jwtcore::timespan::parse(text).map(|s| s as f64).map_err(err)
}

/// The core's algorithm table as `name family crv hash` lines (`-` for none):
/// the JS layer derives WebCrypto's parameters from it, so the family, curve
/// and hash of each algorithm are the core's.
#[wasm_bindgen]
#[must_use]
pub fn algorithms() -> String {
    let mut out = String::new();
    for r in jwtcore::algorithms() {
        for (i, field) in [r.name, r.family, r.crv.unwrap_or("-"), r.hash.unwrap_or("-")].iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(field);
        }
        out.push('\n');
    }
    out
}
