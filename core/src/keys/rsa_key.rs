//! RSA keys (feature `rsa`): RSASSA-PKCS1-v1_5 (`RS*`) and RSASSA-PSS (`PS*`,
//! MGF1 with the same hash, salt length = hash length, RFC 7518 §3.5).
//!
//! Verification needs no secret and is the main use. Signing uses the `rsa`
//! crate's blinding (a fresh blinding factor from the OS RNG per signature,
//! so it needs the `getrandom` feature too); its modular exponentiation is
//! written to be constant-time, but the crate has not been audited for
//! timing (see RUSTSEC-2023-0071 on its decryption side): sign on machines
//! where local timing attackers are not a concern. With the `ring` feature,
//! keys of 2048–4096 bits with `e ≥ 65537` sign on `ring` instead (its
//! constant-time, blinded RSA; see `keys::backend`), several times faster.

use alloc::boxed::Box;

use rsa::traits::PublicKeyParts as _;
use rsa::{BoxedUint, RsaPrivateKey, RsaPublicKey};
use sha2::{Sha256, Sha384, Sha512};

use crate::alg::Algorithm;
use crate::error::{Error, KeyError};

/// Smallest modulus accepted (NIST SP 800-131A; RFC 7518 §3.3 requires 2048).
pub const MIN_RSA_BITS: u32 = 2048;
/// Largest modulus accepted (bounds the work a key can cost).
pub const MAX_RSA_BITS: u32 = 8192;

/// Big-endian modulus and exponent, minimal length.
pub(crate) type ModulusExponent = (Box<[u8]>, Box<[u8]>);

#[derive(Clone)]
pub(crate) struct RsaMaterial {
    pub(crate) public: RsaPublicKey,
    pub(crate) secret: Option<Box<RsaPrivateKey>>,
    /// With the `ring` backend: the public components, for `ring` to verify
    /// with (parsed once, like every key).
    #[cfg(feature = "ring")]
    pub(crate) components: ring::signature::RsaPublicKeyComponents<Box<[u8]>>,
    /// The native signer prepared from `secret` (empty on the portable
    /// backend, for public keys, and for keys `ring` does not sign with).
    signer: super::backend::RsaSigner,
}

fn check_public(public: &RsaPublicKey) -> Result<(), Error> {
    let bits = public.n().bit_width();
    if bits < MIN_RSA_BITS {
        return Err(Error::Key(KeyError::TooSmall));
    }
    if bits > MAX_RSA_BITS {
        return Err(Error::Key(KeyError::Unsupported));
    }
    // RsaPublicKey's constructors bound e to [2, 2^33 - 1]; it must also be odd and not 1.
    let e = public.e_bytes();
    if e.last().is_none_or(|b| b & 1 == 0) || e.as_ref() == [1] {
        return Err(Error::Key(KeyError::Invalid));
    }
    Ok(())
}

impl RsaMaterial {
    pub(crate) fn public(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        if n.first() == Some(&0) || e.first() == Some(&0) || n.is_empty() || e.is_empty() || e.len() > 8 {
            // Non-minimal big-endian integers (RFC 7518 §6.3.1.1) or absurd exponents.
            return Err(invalid);
        }
        let n_bits = u32::try_from(n.len().saturating_mul(8)).map_err(|_| invalid)?;
        if n_bits > MAX_RSA_BITS.saturating_add(8) {
            return Err(Error::Key(KeyError::Unsupported));
        }
        let n = BoxedUint::from_be_slice(n, n_bits).map_err(|_| invalid)?;
        let e = BoxedUint::from_be_slice(e, 64).map_err(|_| invalid)?;
        let range = MIN_RSA_BITS as usize..=MAX_RSA_BITS as usize;
        let public = RsaPublicKey::new_with_size_limits(n, e, range).map_err(|err| match err {
            rsa::Error::ModulusTooSmall => Error::Key(KeyError::TooSmall),
            rsa::Error::ModulusTooLarge => Error::Key(KeyError::Unsupported),
            _ => invalid,
        })?;
        Self::from_public(public)
    }

    pub(crate) fn from_public(public: RsaPublicKey) -> Result<Self, Error> {
        check_public(&public)?;
        Ok(RsaMaterial {
            #[cfg(feature = "ring")]
            components: ring::signature::RsaPublicKeyComponents { n: public.n_bytes(), e: public.e_bytes() },
            public,
            secret: None,
            signer: super::backend::RsaSigner::default(),
        })
    }

    /// The public half only.
    pub(crate) fn to_public(&self) -> Self {
        RsaMaterial {
            public: self.public.clone(),
            secret: None,
            #[cfg(feature = "ring")]
            components: self.components.clone(),
            signer: super::backend::RsaSigner::default(),
        }
    }

    pub(crate) fn from_private(secret: RsaPrivateKey) -> Result<Self, Error> {
        secret.validate().map_err(|_| Error::Key(KeyError::Invalid))?;
        let mut material = Self::from_public(secret.to_public_key())?;
        material.signer = super::backend::RsaSigner::new(&secret);
        material.secret = Some(Box::new(secret));
        Ok(material)
    }

    /// From JWK private members (n, e, d, p, q); the CRT values are recomputed.
    pub(crate) fn private_components(n: &[u8], e: &[u8], d: &[u8], p: &[u8], q: &[u8]) -> Result<Self, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        let public = Self::public(n, e)?;
        let bits = public.public.n().bits_precision();
        let uint = |b: &[u8]| BoxedUint::from_be_slice(b, bits).map_err(|_| invalid);
        let secret = RsaPrivateKey::from_components(
            public.public.n().as_ref().clone(),
            public.public.e().clone(),
            uint(d)?,
            alloc::vec![uint(p)?, uint(q)?],
        )
        .map_err(|_| invalid)?;
        Self::from_private(secret)
    }

    pub(crate) fn n_bytes(&self) -> Box<[u8]> {
        self.public.n_bytes()
    }

    pub(crate) fn e_bytes(&self) -> Box<[u8]> {
        self.public.e_bytes()
    }

    /// A signature must be exactly the modulus length (RFC 8017 §8.2.2 step 1).
    pub(crate) fn check_length(&self, sig: &[u8]) -> Result<(), Error> {
        if sig.len() != self.public.size() { Err(Error::Signature) } else { Ok(()) }
    }

    pub(crate) fn verify(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        self.check_length(sig)?;
        #[cfg(feature = "ring")]
        {
            use ring::signature as rs;
            let params: &rs::RsaParameters = match alg {
                Algorithm::Rs256 => &rs::RSA_PKCS1_2048_8192_SHA256,
                Algorithm::Rs384 => &rs::RSA_PKCS1_2048_8192_SHA384,
                Algorithm::Rs512 => &rs::RSA_PKCS1_2048_8192_SHA512,
                Algorithm::Ps256 => &rs::RSA_PSS_2048_8192_SHA256,
                Algorithm::Ps384 => &rs::RSA_PSS_2048_8192_SHA384,
                Algorithm::Ps512 => &rs::RSA_PSS_2048_8192_SHA512,
                _ => return Err(Error::Header(crate::HeaderError::AlgKeyMismatch)),
            };
            self.components.verify(params, msg, sig).map_err(|_| Error::Signature)
        }
        #[cfg(not(feature = "ring"))]
        self.verify_portable(alg, msg, sig)
    }

    /// RustCrypto `rsa`: the portable backend.
    #[cfg_attr(feature = "ring", allow(dead_code))]
    pub(crate) fn verify_portable(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        use rsa::signature::Verifier as _;
        let bad = |_| Error::Signature;
        let public = self.public.clone();
        match alg {
            Algorithm::Rs256 | Algorithm::Rs384 | Algorithm::Rs512 => {
                let sig = rsa::pkcs1v15::Signature::try_from(sig).map_err(bad)?;
                match alg {
                    Algorithm::Rs256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public).verify(msg, &sig),
                    Algorithm::Rs384 => rsa::pkcs1v15::VerifyingKey::<Sha384>::new(public).verify(msg, &sig),
                    _ => rsa::pkcs1v15::VerifyingKey::<Sha512>::new(public).verify(msg, &sig),
                }
                .map_err(bad)
            }
            Algorithm::Ps256 | Algorithm::Ps384 | Algorithm::Ps512 => {
                let sig = rsa::pss::Signature::try_from(sig).map_err(bad)?;
                // `new` fixes the salt length to the hash length, as JWA requires.
                match alg {
                    Algorithm::Ps256 => rsa::pss::VerifyingKey::<Sha256>::new(public).verify(msg, &sig),
                    Algorithm::Ps384 => rsa::pss::VerifyingKey::<Sha384>::new(public).verify(msg, &sig),
                    _ => rsa::pss::VerifyingKey::<Sha512>::new(public).verify(msg, &sig),
                }
                .map_err(bad)
            }
            _ => Err(Error::Header(crate::HeaderError::AlgKeyMismatch)),
        }
    }

    pub(crate) fn sign(&self, alg: Algorithm, msg: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        let secret = self.secret.as_deref().ok_or(Error::Key(KeyError::NotPrivate))?;
        match self.signer.sign(alg, msg, out) {
            Some(native) => native,
            None => sign_with_os_rng(secret, alg, msg, out),
        }
    }
}

#[cfg(feature = "getrandom")]
pub(super) fn sign_with_os_rng(
    secret: &RsaPrivateKey,
    alg: Algorithm,
    msg: &[u8],
    out: &mut [u8],
) -> Result<usize, Error> {
    use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _};
    let mut rng = getrandom::SysRng;
    let fail = |_| Error::Key(KeyError::Invalid);
    let key = secret.clone();
    let bytes: Box<[u8]> = match alg {
        Algorithm::Rs256 => {
            rsa::pkcs1v15::SigningKey::<Sha256>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        Algorithm::Rs384 => {
            rsa::pkcs1v15::SigningKey::<Sha384>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        Algorithm::Rs512 => {
            rsa::pkcs1v15::SigningKey::<Sha512>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        Algorithm::Ps256 => {
            rsa::pss::SigningKey::<Sha256>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        Algorithm::Ps384 => {
            rsa::pss::SigningKey::<Sha384>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        Algorithm::Ps512 => {
            rsa::pss::SigningKey::<Sha512>::new(key).try_sign_with_rng(&mut rng, msg).map_err(fail)?.to_bytes()
        }
        _ => return Err(Error::Header(crate::HeaderError::AlgKeyMismatch)),
    };
    let dst = out.get_mut(..bytes.len()).ok_or(Error::BufferTooSmall { needed: bytes.len() })?;
    dst.copy_from_slice(&bytes);
    Ok(bytes.len())
}

#[cfg(not(feature = "getrandom"))]
pub(super) fn sign_with_os_rng(_: &RsaPrivateKey, _: Algorithm, _: &[u8], _: &mut [u8]) -> Result<usize, Error> {
    // Blinding needs randomness, and this build has no RNG.
    Err(Error::Key(KeyError::Unsupported))
}
