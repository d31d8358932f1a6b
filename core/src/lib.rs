#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Untrusted bytes must never reach a panic: these lints keep `unwrap`, indexing and friends out of
// library code (tests opt back in via clippy.toml).
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::alloc_instead_of_core
)]
// Unit tests link std (see below); naming its types there is fine.
#![cfg_attr(test, allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

mod alg;
mod alg_info;
mod b64;
mod claims;
pub mod compact;
pub mod dangerous;
mod error;
mod header;
mod json;
pub mod keys;
#[cfg(feature = "alloc")]
mod owned_validation;
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod policy;
pub mod raw;
#[cfg(feature = "session")]
#[cfg_attr(docsrs, doc(cfg(feature = "session")))]
pub mod session;
mod signing;
mod signing_external;
mod signing_platform;
#[cfg(test)]
mod test_support;
mod time;
pub mod timespan;
pub mod unsecured;
mod validation;
mod verify;

pub use alg::{Algorithm, AlgorithmSet, Family};
pub use alg_info::{AlgorithmInfo, algorithms};
pub use claims::{Audience, AudienceIter, RegisteredClaims};
pub use error::{Claim, Error, Feature, HeaderError, KeyError, KeySetError, Part, Reason, TokenError};
pub use header::{EncodeHeader, Header};
pub use keys::{Key, KeyOps};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use owned_validation::OwnedValidation;
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use signing::encode;
pub use signing::{encode_into, sign_compact_into, sign_detached_into};
pub use signing_external::{external_signing_input_into, finish_external_signing_into};
pub use signing_platform::{finish_platform_signing_into, platform_signing_input_into};
pub use time::NumericDate;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use time::now;
pub use validation::{ClaimSet, DEFAULT_MAX_TOKEN_LEN, Denylist, Validation};
pub use verify::{
    ExternalSignature, Verified, VerifiedJws, detached_scratch_len, jws_scratch_len, scratch_len, select_external,
    verify, verify_external, verify_jws, verify_jws_detached, verify_jws_detached_external, verify_jws_detached_with,
    verify_jws_external, verify_jws_with, verify_with,
};
pub use verify::{
    PlatformJws, verify_jws_detached_platform, verify_jws_platform, verify_jws_secret_platform, verify_platform,
    verify_secret_platform,
};
