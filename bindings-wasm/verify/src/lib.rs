//! The WebAssembly module behind the npm entry `jwtcore/verify`: verification
//! only, every signature and MAC computed by WebCrypto. The core still makes
//! every decision — header, `alg` and key binding, `crit`, the signature's
//! length and range, the constant-time MAC comparison, the claims — through
//! its two-phase verify (`jwtcore::verify_external`, `verify_platform`,
//! `verify_secret_platform`); this crate only converts types and maps errors.
//!
//! It is a crate of its own, rather than a feature of `jwtcore-wasm`, so
//! that the module exports nothing else: link-time optimisation then drops
//! the core's signing, sessions, DER/PEM and SHA-2 code, which no export
//! reaches (`bindings-wasm/README.md`, "Verify-only entry").
//!
//! Errors cross the boundary as the main module's do, one string
//! `code \u{1} claim \u{1} message`, which `js/verify/` turns into jose's
//! error classes (`js/errors.js`). Nothing here panics on input.

// No std in the module: its panic machinery (message formatting) is code no caller sees. The
// host build (clippy, tests) keeps std, whose panic handler it needs.
#![cfg_attr(target_family = "wasm", no_std)]

extern crate alloc;

/// The allocator (see Cargo.toml for why not the default). Single-threaded: this
/// module is built without the `atomics` target feature, which the cfg checks.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A panic ends the call in a trap, as `panic = "abort"` would with std, but
/// without std's panic machinery (message formatting, locations), which no
/// caller sees: nothing here panics on input, and the JS layer reports a trap
/// as an internal error.
#[cfg(target_family = "wasm")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

mod decode;
mod keys;
mod policy;
#[path = "../../shared/mod.rs"]
mod shared;
mod steps;

pub use decode::{algorithms, decode_header, decode_unverified, timespan};
pub use keys::{Key, KeySet};
pub use policy::Policy;
use shared::errors::{err, parse_alg};
pub use shared::parts::ExternalParts;
pub use shared::platform_key::PlatformKey;
pub use shared::token::{default_max_token_length, token_too_long};
pub use steps::{jws_platform, jws_secret, jwt_key, jwt_platform, jwt_secret, jwt_set};
