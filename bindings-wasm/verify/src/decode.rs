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

/// The fields of `alg`'s row that the JS layer reads, `-` for none.
const fn fields(alg: jwtcore::Algorithm) -> [&'static str; 4] {
    let r = alg.info();
    let crv = match r.crv {
        Some(c) => c,
        None => "-",
    };
    let hash = match r.hash {
        Some(h) => h,
        None => "-",
    };
    [r.name, r.family, crv, hash]
}

/// Writes the table into `out` (when given) and returns its length: one
/// function for both, so the length and the text cannot disagree.
const fn table_into(mut out: Option<&mut [u8]>) -> usize {
    let mut n = 0;
    let mut a = 0;
    while a < jwtcore::Algorithm::ALL.len() {
        let row = fields(jwtcore::Algorithm::ALL[a]);
        let mut f = 0;
        while f < row.len() {
            let bytes = row[f].as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if let Some(o) = &mut out {
                    o[n] = bytes[i];
                }
                n += 1;
                i += 1;
            }
            if let Some(o) = &mut out {
                o[n] = if f + 1 == row.len() { b'\n' } else { b' ' };
            }
            n += 1;
            f += 1;
        }
        a += 1;
    }
    n
}

const TABLE_LEN: usize = table_into(None);
const TABLE_BYTES: [u8; TABLE_LEN] = {
    let mut t = [0u8; TABLE_LEN];
    table_into(Some(&mut t));
    t
};

/// The core's algorithm table as `name family crv hash` lines (`-` for none),
/// written at compile time from the core's `Algorithm::info`: a constant
/// costs the module less than the loop that would build it per call.
const ALGORITHM_LINES: &str = match core::str::from_utf8(&TABLE_BYTES) {
    Ok(s) => s,
    // The table is ASCII names; a compile error, not a run-time panic, if it ever is not.
    Err(_) => panic!("the algorithm table is not UTF-8"),
};

/// The core's algorithm table as `name family crv hash` lines (`-` for none):
/// the JS layer derives WebCrypto's parameters from it, so the family, curve
/// and hash of each algorithm are the core's.
#[wasm_bindgen]
#[must_use]
pub fn algorithms() -> String {
    ALGORITHM_LINES.to_owned()
}
