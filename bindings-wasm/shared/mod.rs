//! Source compiled into both WebAssembly crates: `jwtcore-wasm` (the main
//! module) and `jwtcore-wasm-verify` (the verify-only module behind
//! `jwtcore/verify`). Each includes this directory with
//! `#[path = …] mod shared;`, so the two modules convert types and map
//! errors with one implementation while staying separate crates (the
//! verify module must not link the main one's exports, or link-time
//! optimisation could not drop the arithmetic and the signing code).
//!
//! Only code that needs nothing but `jwtcore` (with `alloc`) and
//! `wasm-bindgen` belongs here; every item is used by both crates.

pub(crate) mod errors;
pub(crate) mod parts;
pub(crate) mod platform_key;
pub(crate) mod policy;
pub(crate) mod token;
