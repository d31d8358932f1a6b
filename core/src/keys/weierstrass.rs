//! The curve equation of P-256 and P-384, `y² = x³ − 3x + b (mod p)`, for
//! builds without those curves' arithmetic (the npm package's lite module):
//! an uncompressed point that is not on its curve is refused at import there
//! too, as the curve crates refuse it in a full build, so a JWK or SEC1 point
//! gets the same verdict in every build — and a 65- or 97-byte HMAC secret is
//! taken for a public key (`confusion.rs`) only if it really is one.
//!
//! Only field multiplication and addition: no scalar multiplication, no
//! square root. Variable time is fine, as only public points come here.

use crypto_bigint::U384;
use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};

/// The P-256 field prime `p`, big-endian (SEC 2 §2.4.2).
pub(crate) const P256_P: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //
    0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
];

/// The P-256 curve coefficient `b`, big-endian (SEC 2 §2.4.2).
pub(crate) const P256_B: [u8; 32] = [
    0x5A, 0xC6, 0x35, 0xD8, 0xAA, 0x3A, 0x93, 0xE7, 0xB3, 0xEB, 0xBD, 0x55, 0x76, 0x98, 0x86, 0xBC, //
    0x65, 0x1D, 0x06, 0xB0, 0xCC, 0x53, 0xB0, 0xF6, 0x3B, 0xCE, 0x3C, 0x3E, 0x27, 0xD2, 0x60, 0x4B,
];

// The P-384 constants serve `p384_external.rs`, compiled where it is.
#[cfg(any(test, all(feature = "external-keys", not(feature = "es384"))))]
/// The P-384 field prime `p = 2³⁸⁴ − 2¹²⁸ − 2⁹⁶ + 2³² − 1`, big-endian (SEC 2 §2.5.1).
pub(crate) const P384_P: [u8; 48] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, //
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
];

#[cfg(any(test, all(feature = "external-keys", not(feature = "es384"))))]
/// The P-384 curve coefficient `b`, big-endian (SEC 2 §2.5.1).
pub(crate) const P384_B: [u8; 48] = [
    0xB3, 0x31, 0x2F, 0xA7, 0xE2, 0x3E, 0xE7, 0xE4, 0x98, 0x8E, 0x05, 0x6B, 0xE3, 0xF8, 0x2D, 0x19, //
    0x18, 0x1D, 0x9C, 0x6E, 0xFE, 0x81, 0x41, 0x12, 0x03, 0x14, 0x08, 0x8F, 0x50, 0x13, 0x87, 0x5A, //
    0xC6, 0x56, 0x39, 0x8D, 0x8A, 0x2E, 0xD1, 0x9D, 0x2A, 0x85, 0xC8, 0xED, 0xD3, 0xEC, 0x2A, 0xEF,
];

// The Montgomery constants are computed at compile time: a runtime set-up would put a generic
// big-integer division into the WebAssembly module (about 13 kB gzip, measured), for four
// multiplications per key import. Both fields use 384-bit integers (Montgomery form works for any
// odd modulus below R = 2³⁸⁴), so the module holds one copy of the arithmetic, not two.
crypto_bigint::const_monty_params!(
    P256Field,
    U384,
    "00000000000000000000000000000000ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
    "The P-256 field, modulo `P256_P`."
);
#[cfg(any(test, all(feature = "external-keys", not(feature = "es384"))))]
crypto_bigint::const_monty_params!(
    P384Field,
    U384,
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
    "The P-384 field, modulo `P384_P`."
);

/// Whether `(x, y)` (big-endian, `x, y < p` checked by the caller) is on P-256.
pub(crate) fn on_p256(x: &[u8], y: &[u8]) -> bool {
    on_curve::<P256Field>(x, y, &P256_B)
}

/// Whether `(x, y)` (big-endian, `x, y < p` checked by the caller) is on P-384.
#[cfg(any(test, all(feature = "external-keys", not(feature = "es384"))))]
pub(crate) fn on_p384(x: &[u8], y: &[u8]) -> bool {
    on_curve::<P384Field>(x, y, &P384_B)
}

/// `y² = x³ − 3x + b` in the field `F` (the NIST curves' `a = −3`), all
/// three big-endian, at most 48 bytes.
fn on_curve<F: ConstMontyParams<{ U384::LIMBS }>>(x: &[u8], y: &[u8], b: &[u8]) -> bool {
    let fe = |v: &[u8]| {
        let mut wide = [0u8; 48];
        let start = wide.len().checked_sub(v.len())?;
        wide.get_mut(start..)?.copy_from_slice(v);
        Some(ConstMontyForm::<F, { U384::LIMBS }>::new(&U384::from_be_slice(&wide)))
    };
    let (Some(x), Some(y), Some(b)) = (fe(x), fe(y), fe(b)) else { return false };
    y.square() == x.square().mul(&x) - (x + x + x) + b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six hundred points per curve: public keys of deterministic scalars
    /// (on the curve), the same with `y` changed in its last byte, and
    /// arbitrary coordinates below `p` — each judged as RustCrypto's curve
    /// crate judges its SEC1 encoding.
    #[test]
    fn agrees_with_the_curve_crates() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut on = 0;
        for i in 0..600u32 {
            let mut seed = [0u8; 48];
            seed.iter_mut().for_each(|b| *b = next() as u8);
            seed[0] &= 0x7F; // below both orders
            let p256_point = p256::ecdsa::SigningKey::from_slice(&seed[..32])
                .map(|k| k.verifying_key().to_sec1_point(false).as_bytes().to_vec())
                .unwrap();
            let p384_point = p384::ecdsa::SigningKey::from_slice(&seed)
                .map(|k| k.verifying_key().to_sec1_point(false).as_bytes().to_vec())
                .unwrap();
            for mut point in [p256_point, p384_point] {
                let coord = point.len() / 2;
                match i % 3 {
                    0 => {}
                    1 => *point.last_mut().unwrap() ^= 1 << (i % 8),
                    _ => {
                        point[1..].iter_mut().for_each(|b| *b = next() as u8);
                        // Below p (both primes start 0xFF…), so that only the equation decides.
                        point[1] &= 0x7F;
                        point[1 + coord] &= 0x7F;
                    }
                }
                let (x, y) = point[1..].split_at(coord);
                let (ours, theirs) = if coord == 32 {
                    (on_p256(x, y), p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).is_ok())
                } else {
                    (on_p384(x, y), p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).is_ok())
                };
                assert_eq!(ours, theirs, "case {i}: {point:02x?}");
                on += usize::from(ours);
            }
        }
        // A third are unmodified public keys; the rest are almost never on a curve.
        assert!(on >= 400, "{on} points on a curve");
    }

    #[test]
    fn over_wide_coordinates_are_off_the_curve() {
        assert!(!on_p256(&[0; 49], &[0; 32]));
        assert!(!on_p384(&[1; 48], &[0; 49]));
    }

    /// The compile-time moduli are the byte constants the range checks use.
    #[test]
    fn field_moduli_are_the_primes() {
        assert_eq!(P256Field::PARAMS.modulus().as_ref().to_be_bytes()[16..], P256_P);
        assert_eq!(P384Field::PARAMS.modulus().as_ref().to_be_bytes()[..], P384_P);
    }
}
