//! The range checks an ECDSA signature and a public point must pass before
//! any arithmetic sees them, for builds and keys where the core does not do
//! the arithmetic itself: the arithmetic-free ES256/ES384 public keys
//! (`external.rs`, `p384_external.rs`) and keys a platform holds
//! (`platform.rs`). One table of curve constants and one comparison, so the
//! three paths cannot drift apart.

use crate::alg::Algorithm;
#[cfg(any(test, not(feature = "p256"), all(feature = "external-keys", not(feature = "es384"))))]
use crate::error::{Error, KeyError};

/// The P-256 group order `n`, big-endian (SEC 2 §2.4.2).
pub(crate) const P256_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //
    0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
];

/// The P-384 group order `n`, big-endian (SEC 2 §2.5.1).
pub(crate) const P384_N: [u8; 48] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC7, 0x63, 0x4D, 0x81, 0xF4, 0x37, 0x2D, 0xDF, //
    0x58, 0x1A, 0x0D, 0xB2, 0x48, 0xB0, 0xA7, 0x7A, 0xEC, 0xEC, 0x19, 0x6A, 0xCC, 0xC5, 0x29, 0x73,
];

/// The P-521 group order `n`, big-endian in 66 bytes (SEC 2 §2.6.1).
const P521_N: [u8; 66] = [
    0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //
    0xFF, 0xFA, 0x51, 0x86, 0x87, 0x83, 0xBF, 0x2F, 0x96, 0x6B, 0x7F, 0xCC, 0x01, 0x48, 0xF7, 0x09, //
    0xA5, 0xD0, 0x3B, 0xB5, 0xC9, 0xB8, 0x89, 0x9C, 0x47, 0xAE, 0xBB, 0x6F, 0xB7, 0x1E, 0x91, 0x38, //
    0x64, 0x09,
];

/// The secp256k1 group order `n`, big-endian (SEC 2 §2.4.1).
const K256_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, //
    0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
];

/// The group order of an ECDSA algorithm's curve.
pub(crate) fn order(alg: Algorithm) -> Option<&'static [u8]> {
    match alg {
        Algorithm::Es256 => Some(&P256_N),
        Algorithm::Es384 => Some(&P384_N),
        Algorithm::Es512 => Some(&P521_N),
        Algorithm::Es256k => Some(&K256_N),
        _ => None,
    }
}

/// `a < b` for big-endian integers of the same length (`false` for different
/// lengths). Variable time: only public values (points, signatures) come here.
pub(crate) fn below(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().lt(b.iter())
}

/// ECDSA's JOSE shape (RFC 7518 §3.4) for `alg`: `r || s`, each exactly the
/// order's length, and `0 < r, s < n` — the check RustCrypto's
/// `Signature::from_slice` makes in a build with the arithmetic. `r = s = 0`,
/// the "psychic signature", never reaches a platform. `false` for a
/// non-ECDSA `alg`.
pub(crate) fn signature_in_range(alg: Algorithm, sig: &[u8]) -> bool {
    let Some(n) = order(alg) else { return false };
    if sig.len() != 2 * n.len() {
        return false;
    }
    let (r, s) = sig.split_at(n.len());
    [r, s].iter().all(|v| v.iter().any(|&b| b != 0) && below(v, n))
}

// Tested, against RustCrypto's own range checks for every curve built in, in
// `platform/tests.rs` (`ecdsa_shapes_at_the_edges`, `orders_agree_with_rustcrypto`).

/// An uncompressed SEC1 point of `N` bytes (`0x04 || x || y`) on its curve,
/// kept for a build without that curve's arithmetic (`Es256Point` in
/// `external.rs`, `Es384Point` in `p384_external.rs`): the coordinates are
/// field elements and satisfy the curve equation (`weierstrass.rs`), the
/// checks the curve crates make in a full build.
#[cfg(any(test, not(feature = "p256"), all(feature = "external-keys", not(feature = "es384"))))]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct UncompressedPoint<const N: usize>([u8; N]);

#[cfg(any(test, not(feature = "p256"), all(feature = "external-keys", not(feature = "es384"))))]
impl<const N: usize> UncompressedPoint<N> {
    /// Checks the encoding of `sec1` against the field prime `p` and the
    /// curve (`on_curve(x, y)`, `weierstrass.rs`), and keeps it.
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for a compressed point (decompressing needs
    /// a square root), [`KeyError::Invalid`] for any other length or prefix,
    /// a coordinate `>= p`, or a point off the curve. The point at infinity
    /// has no uncompressed encoding.
    pub(crate) fn parse_over(sec1: &[u8], p: &[u8], on_curve: fn(&[u8], &[u8]) -> bool) -> Result<Self, Error> {
        let coord = N / 2;
        if sec1.len() == coord + 1 && matches!(sec1.first(), Some(0x02 | 0x03)) {
            return Err(Error::Key(KeyError::Unsupported));
        }
        let point: [u8; N] = sec1.try_into().map_err(|_| Error::Key(KeyError::Invalid))?;
        let (prefix, xy) = point.split_at(1);
        let (x, y) = xy.split_at(coord);
        if prefix != [0x04] || !below(x, p) || !below(y, p) || !on_curve(x, y) {
            return Err(Error::Key(KeyError::Invalid));
        }
        Ok(UncompressedPoint(point))
    }

    /// The SEC1 encoding, `0x04 || x || y`.
    pub(crate) fn to_bytes(&self) -> [u8; N] {
        self.0
    }
}
