//! P-384 public keys without the P-384 arithmetic (`external-keys` without
//! `es384`): the uncompressed point kept as checked bytes, verified only
//! through [`crate::verify_external`]. The same split as the ES256 form in
//! `external.rs`: here the point must be uncompressed, its coordinates field
//! elements, and on the curve (`weierstrass.rs`).

use super::ecdsa_range::UncompressedPoint;
use super::weierstrass::{P384_P, on_p384};
use crate::error::Error;

/// An uncompressed P-384 point whose coordinates are field elements.
pub(crate) type Es384Point = UncompressedPoint<97>;

impl Es384Point {
    /// Checks the encoding of `sec1` and keeps it (the errors of
    /// [`UncompressedPoint::parse_over`]).
    pub(crate) fn parse(sec1: &[u8]) -> Result<Self, Error> {
        Self::parse_over(sec1, &P384_P, on_p384)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KeyError;
    use crate::keys::ecdsa_range::P384_N;

    fn es384_signature_in_range(sig: &[u8]) -> bool {
        crate::keys::ecdsa_range::signature_in_range(crate::Algorithm::Es384, sig)
    }

    fn generator() -> std::vec::Vec<u8> {
        let key = p384::ecdsa::SigningKey::from_slice(&[1; 48]).unwrap();
        key.verifying_key().to_sec1_point(false).as_bytes().to_vec()
    }

    #[test]
    fn points_need_the_uncompressed_form_field_coordinates_and_the_curve() {
        let g = generator();
        assert_eq!(Es384Point::parse(&g).unwrap().to_bytes().as_slice(), g.as_slice());
        let mut compressed = g[..49].to_vec();
        compressed[0] = 0x02;
        assert_eq!(Es384Point::parse(&compressed).err(), Some(Error::Key(KeyError::Unsupported)));
        let mut wrong_prefix = g.clone();
        wrong_prefix[0] = 0x07;
        assert_eq!(Es384Point::parse(&wrong_prefix).err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(Es384Point::parse(&g[..96]).err(), Some(Error::Key(KeyError::Invalid)));
        let mut x_is_p = g.clone();
        x_is_p[1..49].copy_from_slice(&P384_P);
        assert_eq!(Es384Point::parse(&x_is_p).err(), Some(Error::Key(KeyError::Invalid)));
        let mut y_is_p_minus_1 = g.clone();
        y_is_p_minus_1[49..].copy_from_slice(&P384_P);
        y_is_p_minus_1[96] -= 1;
        // A field element, but (x, p − 1) is off the curve: refused as the curve crate refuses it.
        assert_eq!(Es384Point::parse(&y_is_p_minus_1).err(), Some(Error::Key(KeyError::Invalid)));
        let mut off_curve = g.clone();
        off_curve[96] ^= 1;
        assert_eq!(Es384Point::parse(&off_curve).err(), Some(Error::Key(KeyError::Invalid)));
    }

    /// The constants are the curve's: `(x, p − y)` is the negated generator,
    /// on the curve only for the right `p`; RustCrypto refuses `n` as a
    /// scalar and accepts `n − 1`.
    #[test]
    fn constants_are_p384s() {
        use p384::elliptic_curve::PrimeField as _;
        let g = generator();
        let mut negated = g.clone();
        let mut borrow = 0i16;
        for i in (0..48).rev() {
            let d = i16::from(P384_P[i]) - i16::from(g[49 + i]) - borrow;
            negated[49 + i] = d.rem_euclid(256) as u8;
            borrow = i16::from(d < 0);
        }
        assert_ne!(negated, g);
        assert!(p384::ecdsa::VerifyingKey::from_sec1_bytes(&negated).is_ok());
        let scalar = |bytes: &[u8; 48]| bool::from(p384::Scalar::from_repr((*bytes).into()).is_some());
        let mut n_minus_1 = P384_N;
        n_minus_1[47] -= 1;
        assert!(!scalar(&P384_N) && scalar(&n_minus_1));
    }

    #[test]
    fn signature_range_agrees_with_rustcrypto() {
        let mut one = [0u8; 96];
        one[47] = 1;
        one[95] = 1;
        let mut cases = std::vec![[0u8; 96], one];
        for (r, s) in [(P384_N, [1u8; 48]), ([1u8; 48], P384_N), ([0u8; 48], [1u8; 48])] {
            let mut sig = [0u8; 96];
            sig[..48].copy_from_slice(&r);
            sig[48..].copy_from_slice(&s);
            cases.push(sig);
            sig[47] = sig[47].wrapping_sub(1);
            cases.push(sig);
        }
        for sig in cases {
            assert_eq!(es384_signature_in_range(&sig), p384::ecdsa::Signature::from_slice(&sig).is_ok(), "{sig:?}");
        }
        assert!(!es384_signature_in_range(&one[..95]));
    }
}
