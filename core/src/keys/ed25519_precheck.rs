//! Byte-level checks that let a platform's Ed25519 verifier (OpenSSL through
//! `node:crypto`, WebCrypto) stand in for ed25519-dalek's `verify_strict`.
//!
//! Platform verifiers agree with `verify_strict` on the equation itself (the
//! cofactorless `[S]B - [k]A`, compared as an encoding with `R`) but differ in
//! what they refuse beforehand: OpenSSL accepts a small-order `R` or `A`,
//! some verifiers refuse a non-canonical `A` that dalek decodes (`y ≥ p`), and
//! older ones accept `S ≥ L`. Everything on which they may differ is decided
//! here, before the hand-over, without curve arithmetic:
//!
//! - `S` must be below the group order `L` (RFC 8032 §5.1.7: no malleability);
//! - `R` must not encode a point of small order (dalek's `is_small_order` on
//!   the decoded `R`), in any encoding, canonical or not;
//! - `A` must not encode a point of small order (such keys are refused at
//!   import too) and must be canonical (`y < p`); a key that is not is never
//!   handed over (`KeyError::Unsupported`), the core verifies it itself, so
//!   platforms that refuse such encodings cannot change the verdict.
//!
//! What is left for the platform is the equation, on which every
//! cofactorless verifier agrees once these hold (tested against dalek over
//! the Wycheproof vectors and crafted edge cases below).

use crate::error::{Error, KeyError};

/// The `y` coordinates (sign bit cleared) of every encoding that decodes to a
/// point of order 1, 2, 4 or 8: the eight torsion points have the five
/// `y` values 1, −1, 0 and ±y₈ (the order-8 ones), and two of them also have
/// a non-canonical encoding `y + p < 2²⁵⁵`: `p` (for 0) and `p + 1` (for 1).
/// With either sign bit that is fourteen encodings (the sign bit of `x = 0`
/// is ignored by dalek's decoding, so `y = 1` and `y = −1` count twice too).
/// The same set as libsodium's `has_small_order` blocklist; derived from
/// curve25519-dalek's `EIGHT_TORSION` and checked against its
/// `is_small_order` in the tests.
const SMALL_ORDER_Y: [[u8; 32]; 7] = [
    // 0: the two points of order 4, (±√−1, 0).
    [0; 32],
    // 1: the identity.
    le_word(1, 0x00),
    // p − 1 = −1: the point of order 2, (0, −1).
    le_word(0xec, 0x7f),
    // ±y₈: the four points of order 8.
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf,
        0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20,
        0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
    ],
    // p: a non-canonical 0.
    le_word(0xed, 0x7f),
    // p + 1: a non-canonical 1.
    le_word(0xee, 0x7f),
];

/// A little-endian 32-byte word with lowest byte `low`, highest byte `high`
/// and every byte between them 0xff when `high` is 0x7f (the numbers near
/// `p = 2²⁵⁵ − 19`), 0 otherwise (the numbers near 0).
const fn le_word(low: u8, high: u8) -> [u8; 32] {
    let fill = if high == 0x7f { 0xff } else { 0x00 };
    let mut w = [fill; 32];
    w[0] = low;
    w[31] = high;
    w
}

/// The group order `L = 2²⁵² + 27742317777372353535851937790883648493`,
/// little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// Whether the 32 bytes decode (as ed25519-dalek decodes them) to a point
/// of small order, or would if they decoded at all. Public data: no need for
/// constant time.
pub(crate) fn is_small_order_encoding(bytes: &[u8; 32]) -> bool {
    let mut y = *bytes;
    if let Some(top) = y.last_mut() {
        *top &= 0x7f;
    }
    SMALL_ORDER_Y.contains(&y)
}

/// Whether the little-endian `s` is below `L`.
pub(crate) fn is_canonical_scalar(s: &[u8; 32]) -> bool {
    // Compare from the most significant byte down; equal means not below.
    for (a, l) in s.iter().rev().zip(L.iter().rev()) {
        if a != l {
            return a < l;
        }
    }
    false
}

/// Whether the `y` of a point encoding (sign bit cleared) is below
/// `p = 2²⁵⁵ − 19`, i.e. the encoding is the one RFC 8032 §5.1.3 accepts.
pub(crate) fn is_canonical_y(bytes: &[u8; 32]) -> bool {
    // y ≥ p only if every byte above the lowest is at its maximum (0xff, and
    // 0x7f for the top byte once the sign bit is cleared) and the lowest is
    // at least 0xed.
    let [low, middle @ .., high] = bytes;
    let top_full = high & 0x7f == 0x7f && middle.iter().all(|&b| b == 0xff);
    !(top_full && *low >= 0xed)
}

/// The checks of `verify_strict` a platform verifier may not make, for the
/// signature `sig` under the public key `public`: the signature's length,
/// `S < L`, `R` not of small order, `A` canonical and not of small order.
///
/// # Errors
/// [`Error::Signature`] for a signature `verify_strict` refuses whatever the
/// message; [`KeyError::Invalid`] for a small-order key (import refuses
/// them; this keeps the check self-contained);
/// [`KeyError::Unsupported`] for a non-canonical key encoding, which must
/// be verified by the core itself rather than handed over.
pub(crate) fn check(public: &[u8; 32], sig: &[u8]) -> Result<(), Error> {
    if is_small_order_encoding(public) {
        return Err(Error::Key(KeyError::Invalid));
    }
    if !is_canonical_y(public) {
        return Err(Error::Key(KeyError::Unsupported));
    }
    let (r, s) = match sig.split_first_chunk::<32>() {
        Some((r, rest)) if rest.len() == 32 => (r, rest),
        _ => return Err(Error::Signature),
    };
    let s: &[u8; 32] = s.try_into().map_err(|_| Error::Signature)?;
    if !is_canonical_scalar(s) || is_small_order_encoding(r) {
        return Err(Error::Signature);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
