//! What both modules do with a token around the core's calls: the scratch
//! buffer it decodes into, the clock reading, the `header \0 payload` result
//! and the token limit the JS layer checks first.

use alloc::{string::String, vec, vec::Vec};
use core::time::Duration;

use jwtcore::DEFAULT_MAX_TOKEN_LEN;
use jwtcore::policy::unix_time;
use wasm_bindgen::prelude::*;

/// A clock reading in Unix seconds as the verifier's `now` (the core's rule).
pub(crate) fn seconds(s: f64) -> Duration {
    unix_time(s)
}

/// `header \0 payload`: a raw NUL cannot occur in JSON text, so the JS side
/// splits at the first one.
pub(crate) fn joined(header: &str, payload: &str) -> String {
    let mut s = String::with_capacity(header.len() + payload.len() + 1);
    s.push_str(header);
    s.push('\0');
    s.push_str(payload);
    s
}

/// The scratch buffer for a JWT. A token over `max_len` gets none: the core
/// refuses it before touching the buffer, so its size must not decide how
/// much memory is reserved (issue 15 F8).
pub(crate) fn scratch(token: &str, max_len: usize) -> Vec<u8> {
    let n = if token.len() > max_len { 0 } else { jwtcore::scratch_len(token) };
    vec![0u8; n.max(16)]
}

/// [`scratch`] for a JWS with any payload, which may be unencoded (RFC 7797)
/// and so needs its full length.
pub(crate) fn jws_scratch(token: &str, max_len: usize) -> Vec<u8> {
    let n = if token.len() > max_len { 0 } else { jwtcore::jws_scratch_len(token) };
    vec![0u8; n.max(16)]
}

/// The core's default token limit in bytes (the JS layer checks a token's
/// length against it before copying the token into wasm memory).
#[wasm_bindgen(js_name = defaultMaxTokenLength)]
#[must_use]
pub fn default_max_token_length() -> u32 {
    u32::try_from(DEFAULT_MAX_TOKEN_LEN).unwrap_or(u32::MAX)
}

/// The core's `token_too_long` error, for a token the JS layer refused
/// before handing it over (same code and message as the core's own check).
#[wasm_bindgen(js_name = tokenTooLong)]
#[must_use]
pub fn token_too_long() -> JsValue {
    super::errors::err(jwtcore::Error::Token(jwtcore::TokenError::TooLong))
}
