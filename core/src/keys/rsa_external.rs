//! RSA public keys without the RSA arithmetic (`external-keys` without
//! `rsa`): the modulus and exponent kept as checked big-endian bytes,
//! verified only through [`crate::verify_external`] with the platform doing
//! the modular exponentiation.
//!
//! The checks are the ones a full build makes through the `rsa` crate's
//! constructor and `rsa_key::check_public`, byte for byte and with the same
//! errors, so both builds load and refuse the same keys: minimal encodings
//! (no leading zero, no empty integer), a modulus of 2048–8192 bits
//! (`TooSmall` below, `Unsupported` above), an odd modulus, an odd exponent
//! in `[3, 2³³ − 1]`. The modulus's primality or factors are not checked by
//! either build (public keys cannot be).

use alloc::boxed::Box;

use der::asn1::UintRef;
use der::{Decode as _, Reader as _};

use crate::error::{Error, Feature, KeyError};

/// The full build's `MIN_RSA_BITS` and `MAX_RSA_BITS` (public there, with the
/// `rsa` feature; the tests hold them equal).
const MIN_RSA_BITS: u32 = 2048;
const MAX_RSA_BITS: u32 = 8192;

/// Smallest modulus the `rsa` crate's DER decoding accepts (its
/// `RsaPublicKey::MIN_SIZE`); smaller ones fail there as malformed, before
/// the core's own 2048-bit floor.
const DER_MIN_BITS: u32 = 1024;

/// The largest public exponent the `rsa` crate accepts (`MAX_PUB_EXPONENT`).
const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// Big-endian modulus and exponent, minimal length (as the full build's
/// `rsa_key::ModulusExponent`).
#[cfg(not(feature = "rsa"))]
pub(crate) type ModulusExponent = (Box<[u8]>, Box<[u8]>);

/// A checked RSA public key.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RsaPublic {
    n: Box<[u8]>,
    e: Box<[u8]>,
}

impl RsaPublic {
    /// From the JWK members `n` and `e` (or an OpenSSH line's): minimal
    /// big-endian integers.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] for a non-minimal or empty integer, an even
    /// modulus, or an exponent that is even, below 3 or above `2³³ − 1`;
    /// [`KeyError::TooSmall`] below 2048 bits; [`KeyError::Unsupported`]
    /// above 8192.
    pub(crate) fn parse(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        if n.first().is_none_or(|&b| b == 0) || e.first().is_none_or(|&b| b == 0) || e.len() > 8 {
            return Err(invalid);
        }
        let bits = bit_len(n);
        if bits < MIN_RSA_BITS {
            return Err(Error::Key(KeyError::TooSmall));
        }
        if bits > MAX_RSA_BITS {
            return Err(Error::Key(KeyError::Unsupported));
        }
        let exponent = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let odd = |v: &[u8]| v.last().is_some_and(|b| b & 1 == 1);
        if !odd(n) || !odd(e) || !(3..=MAX_EXPONENT).contains(&exponent) {
            return Err(invalid);
        }
        Ok(RsaPublic { n: n.into(), e: e.into() })
    }

    /// From a PKCS#1 `RSAPublicKey` (the body of an SPKI with
    /// `rsaEncryption`, or an `RSA PUBLIC KEY` PEM).
    ///
    /// # Errors
    /// As [`RsaPublic::parse`], except that a modulus below 1024 or above
    /// 8192 bits is [`KeyError::Invalid`], as the `rsa` crate's decoder
    /// reports it in a full build.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        let mut reader = der::SliceReader::new(der).map_err(|_| invalid)?;
        let (n, e) = reader
            .sequence(|r| Ok::<_, der::Error>((UintRef::decode(r)?, UintRef::decode(r)?)))
            .map_err(|_| invalid)?;
        reader.finish().map_err(|_| invalid)?;
        let bits = bit_len(n.as_bytes());
        if !(DER_MIN_BITS..=MAX_RSA_BITS).contains(&bits) {
            return Err(invalid);
        }
        Self::parse(n.as_bytes(), e.as_bytes())
    }

    /// The modulus, big-endian, minimal.
    pub(crate) fn n(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent, big-endian, minimal.
    pub(crate) fn e(&self) -> &[u8] {
        &self.e
    }

    /// A signature must be exactly the modulus length (RFC 8017 §8.2.2 step 1).
    pub(crate) fn check_length(&self, sig: &[u8]) -> Result<(), Error> {
        if sig.len() == self.n.len() { Ok(()) } else { Err(Error::Signature) }
    }
}

/// A PKCS#1 `RSAPrivateKey` (version, then at least `n`, `e`, `d`): what a
/// build without the arithmetic cannot load, reported as such rather than
/// as malformed.
///
/// # Errors
/// [`KeyError::ArithmeticDisabled`] for a private key, [`KeyError::Invalid`]
/// for anything else.
pub(crate) fn refuse_pkcs1_private(der: &[u8]) -> Result<super::Key, Error> {
    let mut reader = der::SliceReader::new(der).map_err(|_| Error::Key(KeyError::Invalid))?;
    let shaped = reader
        .sequence(|r| {
            let version = u8::decode(r)?;
            for _ in 0..3 {
                UintRef::decode(r)?;
            }
            // The primes and CRT values (and any multi-prime data) are not read.
            r.read_slice(r.remaining_len())?;
            Ok::<_, der::Error>(version <= 1)
        })
        .unwrap_or(false);
    Err(Error::Key(if shaped { KeyError::ArithmeticDisabled(Feature::Rsa) } else { KeyError::Invalid }))
}

/// The bit length of a minimal big-endian integer.
fn bit_len(v: &[u8]) -> u32 {
    let Some(&top) = v.first() else { return 0 };
    let bytes = u32::try_from(v.len()).unwrap_or(u32::MAX);
    bytes.saturating_sub(1).saturating_mul(8).saturating_add(8 - top.leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full build's constructor on the same bytes: `Some(error)` or `None` for a key it keeps.
    #[cfg(feature = "rsa")]
    fn full_build(n: &[u8], e: &[u8]) -> Option<Error> {
        super::super::rsa_key::RsaMaterial::public(n, e).err()
    }

    fn modulus(bits: usize, low: u8) -> std::vec::Vec<u8> {
        let mut n = std::vec![0xC5u8; bits / 8];
        n[0] = 0x80 | 0x45;
        *n.last_mut().unwrap() = low;
        n
    }

    #[cfg(feature = "rsa")]
    #[test]
    fn agrees_with_the_rsa_crate_on_every_bound() {
        assert_eq!((MIN_RSA_BITS, MAX_RSA_BITS), (crate::keys::MIN_RSA_BITS, crate::keys::MAX_RSA_BITS));
        let e = [1u8, 0, 1];
        let cases: std::vec::Vec<(std::vec::Vec<u8>, std::vec::Vec<u8>)> = std::vec![
            (modulus(2048, 0x01), e.to_vec()),
            (modulus(2048, 0x02), e.to_vec()),
            (modulus(2040, 0x01), e.to_vec()),
            (modulus(8192, 0x01), e.to_vec()),
            (modulus(8200, 0x01), e.to_vec()),
            ([&[0u8][..], &modulus(2048, 0x01)].concat(), e.to_vec()),
            (std::vec![], e.to_vec()),
            (modulus(2048, 0x01), std::vec![]),
            (modulus(2048, 0x01), std::vec![0, 1, 0, 1]),
            (modulus(2048, 0x01), std::vec![1]),
            (modulus(2048, 0x01), std::vec![2]),
            (modulus(2048, 0x01), std::vec![3]),
            (modulus(2048, 0x01), std::vec![1, 0, 0, 0, 0]),
            (modulus(2048, 0x01), std::vec![1, 0xFF, 0xFF, 0xFF, 0xFF]),
            (modulus(2048, 0x01), std::vec![2, 0, 0, 0, 1]),
            (modulus(2048, 0x01), std::vec![1; 9]),
        ];
        for (n, e) in cases {
            let mine = RsaPublic::parse(&n, &e);
            assert_eq!(mine.as_ref().err().copied(), full_build(&n, &e), "n: {} bytes, e: {e:?}", n.len());
            if let Ok(key) = mine {
                assert_eq!((key.n(), key.e()), (n.as_slice(), e.as_slice()));
            }
        }
    }

    #[cfg(feature = "rsa")]
    #[test]
    fn pkcs1_der_agrees_with_the_rsa_crate() {
        use rsa::pkcs1::{DecodeRsaPublicKey as _, EncodeRsaPublicKey as _};
        use rsa::traits::PublicKeyParts as _;
        for bits in [1016usize, 1024, 2048] {
            let n = rsa::BoxedUint::from_be_slice(&modulus(bits, 0x01), u32::try_from(bits).unwrap()).unwrap();
            let public = rsa::RsaPublicKey::new_unchecked(n, rsa::BoxedUint::from(65537u32));
            let der = public.to_pkcs1_der().unwrap();
            // What pem.rs does with it in a full build.
            let full = rsa::RsaPublicKey::from_pkcs1_der(der.as_bytes())
                .map_err(|_| Error::Key(KeyError::Invalid))
                .and_then(super::super::rsa_key::RsaMaterial::from_public)
                .err();
            let mine = RsaPublic::from_pkcs1_der(der.as_bytes());
            assert_eq!(mine.as_ref().err().copied(), full, "{bits} bits");
            if let Ok(key) = mine {
                assert_eq!(key.n(), public.n_bytes().as_ref());
            }
        }
        assert_eq!(RsaPublic::from_pkcs1_der(&[0x30, 0x00]).err(), Some(Error::Key(KeyError::Invalid)));
    }

    #[test]
    fn private_keys_are_named_as_needing_the_arithmetic() {
        // SEQUENCE { version 0, n, e, d, p } with toy numbers: the shape of an RSAPrivateKey.
        let private =
            [0x30, 0x0F, 0x02, 0x01, 0x00, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x02, 0x01, 0x07, 0x02, 0x01, 0x0B];
        assert_eq!(refuse_pkcs1_private(&private).err(), Some(Error::Key(KeyError::ArithmeticDisabled(Feature::Rsa))));
        // An RSAPublicKey (two integers) or anything else is malformed as a private key.
        let public = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        assert_eq!(refuse_pkcs1_private(&public).err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(refuse_pkcs1_private(b"not DER").err(), Some(Error::Key(KeyError::Invalid)));
    }

    #[test]
    fn signatures_are_the_modulus_length() {
        let key = RsaPublic::parse(&modulus(2048, 1), &[1, 0, 1]).unwrap();
        assert!(key.check_length(&[0; 256]).is_ok());
        assert_eq!(key.check_length(&[0; 255]), Err(Error::Signature));
    }
}
