//! What only this module asks of a verification's options: its allow-list,
//! which bounds the HMAC algorithms a raw secret may serve here.
//! `Policy` itself (constructor, token limit, error naming) is shared with
//! the main module (`shared/policy.rs`), so both entries give jose's options
//! one meaning.

pub use crate::shared::policy::Policy;

impl Policy {
    /// The verification's allow-list (none: every algorithm, as jose).
    pub(crate) fn allowed(&self) -> jwtcore::AlgorithmSet {
        self.0.allowed_algorithms().unwrap_or(jwtcore::AlgorithmSet::from_slice(&jwtcore::Algorithm::ALL))
    }
}
