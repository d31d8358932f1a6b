//! Phase one's output of the core's two-phase verify, for the platform
//! (WebCrypto, Node's `crypto`) to run the signature arithmetic or MAC on.

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use wasm_bindgen::prelude::*;

/// What the platform needs from phase one: the algorithm, the signed bytes
/// and the signature (already checked for length and range by the core).
#[wasm_bindgen]
#[derive(Debug)]
pub struct ExternalParts {
    alg: &'static str,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
}

impl ExternalParts {
    /// Phase one's output, from any two-phase path.
    pub(crate) fn new(alg: jwtcore::Algorithm, signing_input: &[u8], signature: &[u8]) -> Self {
        ExternalParts { alg: alg.as_str(), signing_input: signing_input.to_vec(), signature: signature.to_vec() }
    }
}

#[wasm_bindgen]
impl ExternalParts {
    /// The algorithm to verify (or MAC) as: the header's, bound to the key.
    #[wasm_bindgen(getter)]
    pub fn alg(&self) -> String {
        self.alg.to_owned()
    }
    /// The signed bytes.
    #[wasm_bindgen(getter, js_name = signingInput)]
    pub fn signing_input(&self) -> Vec<u8> {
        self.signing_input.clone()
    }
    /// The signature, already checked for length and range.
    #[wasm_bindgen(getter)]
    pub fn signature(&self) -> Vec<u8> {
        self.signature.clone()
    }
}
