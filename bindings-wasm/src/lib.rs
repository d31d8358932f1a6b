//! The WebAssembly side of the npm package `jwtcore`: conversion and error
//! mapping only. Parsing, validation, crypto, error classification and the
//! meaning of every verification option (`jwtcore::policy::Policy`) and
//! cookie setting (`jwtcore::session::OwnedCookieConfig`) are the core's;
//! `js/` maps codes to jose's error classes and shapes the jose-style API.
//!
//! Errors cross the boundary as one string, `code \u{1} claim \u{1} message`,
//! which the JS layer turns into a `JOSEError` subclass; nothing here
//! panics on input (the core is panic-free and this crate adds no indexing
//! or unwraps), so a call never ends in a wasm trap.

extern crate alloc;

/// The allocator (Cargo.toml says why not the default). Single-threaded: the
/// module is built without the `atomics` target feature, which the cfg checks.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod ecdsa_der;
mod external;
mod jws;
mod jws_external;
mod jwt;
mod keys;
mod lifecycle;
mod platform;
mod session;
#[path = "../shared/mod.rs"]
mod shared;
mod sign_external;

pub use external::{PlatformVerifier, verify_external, verify_external_in};
pub use jws::{VerifiedJws, decode_unsecured, encode_unsecured, sign_jws, verify_jws, verify_jws_in};
pub use jws_external::{jws_external, jws_external_in};
pub use jwt::{
    Policy, algorithms, check_alg, decode_header, decode_unverified, error_codes, finish_external, finish_external_in,
    prepare_external, prepare_external_in, sign, timespan, verify, verify_secret, verify_set,
};
pub use keys::{Key, KeySet};
pub use lifecycle::{refresh_record_info, session_check, session_defaults, session_expires_at};
pub use platform::PlatformKey;
pub use session::{
    CookieOptions, RefreshFamilies, RefreshOutcome, SessionKeys, find_cookie, new_session_id, storage_key,
};
use shared::errors::parse_alg;
pub use shared::parts::ExternalParts;
pub use shared::token::{default_max_token_length, token_too_long};
pub use sign_external::{external_signing_input, external_signing_input_bytes, finish_external_signing};
use wasm_bindgen::JsValue;

/// The error string for a core JWT error outside a policy (no custom
/// claims to name); verifications use `Policy::err`.
fn jwt_err(e: jwtcore::Error, custom: &[String]) -> JsValue {
    // The slice keeps the older call sites compiling; verifications name claims through `Policy::err`.
    debug_assert!(custom.is_empty(), "custom claims are named through Policy::err");
    shared::errors::err(e)
}

/// The error string for a session error.
fn session_err(e: jwtcore::session::SessionError) -> JsValue {
    JsValue::from_str(&format!("{}\u{1}\u{1}{}", e.code(), e))
}
