//! Constant-time comparison helpers.
//!
//! `subtle`'s slice comparison returns early when the lengths differ. Lengths
//! are usually public, but a caller comparing a presented value against a
//! stored one should not have to think about it: [`ct_eq`] always touches
//! every byte of the expected value, whatever the presented length.

use subtle::{Choice, ConstantTimeEq};

/// Constant-time equality of `presented` against `expected`.
///
/// The running time depends only on `expected.len()` (the server-side value),
/// never on where the first difference is or on `presented`'s length. Unequal
/// lengths compare unequal.
///
/// ```
/// use jwtcore::session::ct_eq;
/// assert!(bool::from(ct_eq(b"abc", b"abc")));
/// assert!(!bool::from(ct_eq(b"abd", b"abc")));
/// assert!(!bool::from(ct_eq(b"abcd", b"abc")));
/// assert!(!bool::from(ct_eq(b"", b"abc")));
/// ```
pub fn ct_eq(presented: &[u8], expected: &[u8]) -> Choice {
    let len_eq = (presented.len() as u64).ct_eq(&(expected.len() as u64));
    let mut diff = 0u8;
    for (i, e) in expected.iter().enumerate() {
        // Out-of-range positions compare against 0 and the length check
        // already failed; no branch depends on the bytes.
        let p = presented.get(i).copied().unwrap_or(0);
        diff |= p ^ e;
    }
    len_eq & diff.ct_eq(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_and_unequal() {
        assert!(bool::from(ct_eq(&[1, 2, 3], &[1, 2, 3])));
        assert!(!bool::from(ct_eq(&[0, 2, 3], &[1, 2, 3])));
        assert!(!bool::from(ct_eq(&[1, 2, 4], &[1, 2, 3])));
        // A prefix of the expected value, or the expected value with extra bytes, is not equal
        // (the cookie-signature truncation bug).
        assert!(!bool::from(ct_eq(&[1, 2], &[1, 2, 3])));
        assert!(!bool::from(ct_eq(&[1, 2, 3, 0], &[1, 2, 3])));
        assert!(!bool::from(ct_eq(&[1, 2, 3, 0], &[1, 2, 3, 0, 0])));
        assert!(bool::from(ct_eq(&[], &[])));
    }
}
