//! Public keys kept as their validated encoding, for builds without the
//! curve arithmetic (the `p256` feature off, as in the npm package's default
//! WebAssembly module). Such a key never verifies in the core: the platform
//! (WebCrypto, `node:crypto`) does the signature arithmetic through the
//! two-phase verify ([`crate::verify_external`]), and the core keeps every
//! other decision — parsing, the algorithm binding, `key_ops`, the signature's
//! exact length and `0 < r, s < n` — so both builds reach the same verdict.
//!
//! What is checked where. Here, without the curve crate: the SEC1 encoding is
//! uncompressed (`0x04 || x || y`, 65 bytes), both coordinates are field
//! elements (`< p`) and the point is on the curve (`weierstrass.rs`, field
//! arithmetic only), so an import gets the verdict a full build gives.
//! Compressed points (33 bytes) need a square root to decompress, so they are
//! refused as unsupported here; JWKs, the form providers publish, always carry
//! both coordinates.

use super::ecdsa_range::UncompressedPoint;
use super::weierstrass::{P256_P, on_p256};
use crate::error::Error;

/// An uncompressed P-256 point whose coordinates are field elements.
pub(crate) type Es256Point = UncompressedPoint<65>;

impl Es256Point {
    /// Checks the encoding of `sec1` and keeps it (the errors of
    /// [`UncompressedPoint::parse_over`]).
    pub(crate) fn parse(sec1: &[u8]) -> Result<Self, Error> {
        Self::parse_over(sec1, &P256_P, on_p256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KeyError;
    use crate::keys::ecdsa_range::P256_N;

    fn es256_signature_in_range(sig: &[u8]) -> bool {
        crate::keys::ecdsa_range::signature_in_range(crate::Algorithm::Es256, sig)
    }

    /// The P-256 generator, uncompressed (SEC 2 §2.4.2).
    const G: &str = "046B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296\
                     4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";

    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn points_need_the_uncompressed_form_field_coordinates_and_the_curve() {
        let g = hex(G);
        assert_eq!(Es256Point::parse(&g).unwrap().to_bytes().as_slice(), g.as_slice());
        let mut compressed = g[..33].to_vec();
        compressed[0] = 0x03;
        assert_eq!(Es256Point::parse(&compressed).err(), Some(Error::Key(KeyError::Unsupported)));
        let mut wrong_prefix = g.clone();
        wrong_prefix[0] = 0x06;
        assert_eq!(Es256Point::parse(&wrong_prefix).err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(Es256Point::parse(&g[..64]).err(), Some(Error::Key(KeyError::Invalid)));
        // x = p is not a field element.
        let mut x_is_p = g.clone();
        x_is_p[1..33].copy_from_slice(&P256_P);
        assert_eq!(Es256Point::parse(&x_is_p).err(), Some(Error::Key(KeyError::Invalid)));
        let mut y_is_p_minus_1 = g.clone();
        y_is_p_minus_1[33..].copy_from_slice(&P256_P);
        y_is_p_minus_1[64] -= 1;
        // A field element, but (x, p − 1) is off the curve: refused as the curve crate refuses it.
        assert_eq!(Es256Point::parse(&y_is_p_minus_1).err(), Some(Error::Key(KeyError::Invalid)));
        let mut off_curve = g.clone();
        off_curve[64] ^= 1;
        assert_eq!(Es256Point::parse(&off_curve).err(), Some(Error::Key(KeyError::Invalid)));
    }

    #[test]
    fn signature_scalars_must_be_in_range() {
        let mut sig = [0u8; 64];
        assert!(!es256_signature_in_range(&sig), "r = s = 0");
        sig[31] = 1;
        sig[63] = 1;
        assert!(es256_signature_in_range(&sig));
        assert!(!es256_signature_in_range(&sig[..63]));
        let mut s_is_n = sig;
        s_is_n[32..].copy_from_slice(&P256_N);
        assert!(!es256_signature_in_range(&s_is_n));
        let mut r_is_n_minus_1 = sig;
        r_is_n_minus_1[..32].copy_from_slice(&P256_N);
        r_is_n_minus_1[31] -= 1;
        assert!(es256_signature_in_range(&r_is_n_minus_1));
        let mut r_zero = sig;
        r_zero[31] = 0;
        assert!(!es256_signature_in_range(&r_zero));
    }

    /// With the arithmetic built in, the core's own checks agree with these
    /// on every edge the tests above use.
    #[cfg(feature = "p256")]
    #[test]
    fn agrees_with_rustcrypto_on_the_edges() {
        let mut sig = [0u8; 64];
        sig[31] = 1;
        sig[63] = 1;
        for (r_last, s) in [(0u8, P256_N), (1, P256_N), (1, [0; 32])] {
            let mut candidate = sig;
            candidate[31] = r_last;
            candidate[32..].copy_from_slice(&s);
            assert_eq!(
                es256_signature_in_range(&candidate),
                p256::ecdsa::Signature::from_slice(&candidate).is_ok(),
                "{candidate:?}"
            );
        }
        assert_eq!(es256_signature_in_range(&sig), p256::ecdsa::Signature::from_slice(&sig).is_ok());
        let g = hex(G);
        assert!(p256::ecdsa::VerifyingKey::from_sec1_bytes(&g).is_ok() && Es256Point::parse(&g).is_ok());
    }
}
