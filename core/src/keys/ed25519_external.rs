//! Ed25519 public keys without ed25519-dalek (the `ed25519` feature off):
//! the 32-byte encoding kept as is, verified only through
//! [`crate::verify_external`], whose pre-check (`ed25519_precheck`) gives the
//! platform's verifier `verify_strict`'s verdict.
//!
//! What a full build refuses at import, and how this one decides it without
//! arithmetic: a small-order key is refused by comparing the bytes with the
//! fourteen small-order encodings (`KeyError::Invalid`, as dalek's
//! `is_weak`). A key whose `y` is not below `p` (non-canonical) is one only
//! the core's own arithmetic verifies (platforms may refuse the encoding), so
//! this build refuses it as needing the `ed25519` feature. Whether the
//! bytes decode to a point at all needs a square root: that is left to the
//! platform's key import, which refuses such a key as invalid.

use super::ed25519_precheck::{is_canonical_y, is_small_order_encoding};
use crate::error::{Error, Feature, KeyError};

/// An Ed25519 public key encoding that is canonical and not of small order.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Ed25519Public([u8; 32]);

impl Ed25519Public {
    /// Checks `bytes` and keeps them.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] for a length other than 32 or a small-order
    /// encoding; [`KeyError::ArithmeticDisabled`] for a non-canonical one.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let key: [u8; 32] = bytes.try_into().map_err(|_| Error::Key(KeyError::Invalid))?;
        if is_small_order_encoding(&key) {
            return Err(Error::Key(KeyError::Invalid));
        }
        if !is_canonical_y(&key) {
            return Err(Error::Key(KeyError::ArithmeticDisabled(Feature::Ed25519)));
        }
        Ok(Ed25519Public(key))
    }

    /// The 32-byte encoding.
    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On every key dalek accepts as canonical and strong, this form agrees;
    /// on the small-order encodings both refuse.
    #[test]
    fn agrees_with_dalek_on_import() {
        for seed in 0u8..32 {
            let public = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]).verifying_key();
            assert_eq!(Ed25519Public::parse(public.as_bytes()).unwrap().as_bytes(), public.as_bytes());
        }
        for point in curve25519_dalek::constants::EIGHT_TORSION {
            let bytes = point.compress().to_bytes();
            assert_eq!(Ed25519Public::parse(&bytes).err(), Some(Error::Key(KeyError::Invalid)));
            let dalek = ed25519_dalek::VerifyingKey::from_bytes(&bytes);
            assert!(dalek.is_err() || dalek.unwrap().is_weak());
        }
        assert_eq!(Ed25519Public::parse(&[9; 31]).err(), Some(Error::Key(KeyError::Invalid)));
    }

    #[test]
    fn non_canonical_keys_need_the_arithmetic() {
        // y = p + 2 (not of small order): canonical only as 2.
        let mut y = [0xff; 32];
        y[0] = 0xef;
        y[31] = 0x7f;
        assert_eq!(Ed25519Public::parse(&y).err(), Some(Error::Key(KeyError::ArithmeticDisabled(Feature::Ed25519))));
    }
}
