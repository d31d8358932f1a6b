//! The per-algorithm constructors of [`Key`]: HMAC secrets, ES256 and ES384
//! points and scalars, RSA moduli, Ed25519 keys, and generated keys. The
//! P-521 and secp256k1 constructors live with their curves
//! (`p521_key.rs`, `k256_key.rs`); parsing JWK, PEM and DER is in `jwk.rs`,
//! `pem.rs` and `x509.rs`.

use super::*;

impl Key {
    /// An HMAC key for `alg` (`HS256`, `HS384` or `HS512`).
    ///
    /// # Errors
    /// [`KeyError::Weak`] if the secret is shorter than the hash output
    /// (32, 48 or 64 bytes; RFC 7518 §3.2), [`KeyError::Invalid`] if it is
    /// empty, [`KeyError::AlgMismatch`] if `alg` is not an HMAC algorithm.
    pub fn hmac(alg: Algorithm, secret: &[u8]) -> Result<Key, Error> {
        Ok(Key::new(Material::Hmac(HmacKey::new(alg, secret, false)?), alg))
    }

    /// Like [`Key::hmac`] but accepts secrets shorter than the hash output.
    /// Short secrets can be brute-forced offline from any token; use this
    /// only to interoperate with systems you cannot fix.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] for an empty secret, [`KeyError::AlgMismatch`]
    /// if `alg` is not an HMAC algorithm.
    pub fn hmac_allowing_short_secret(alg: Algorithm, secret: &[u8]) -> Result<Key, Error> {
        Ok(Key::new(Material::Hmac(HmacKey::new(alg, secret, true)?), alg))
    }

    /// An `ES256` public key from a SEC1 point (65 bytes uncompressed or 33
    /// compressed). The point is checked to be on P-256.
    ///
    /// Without the `p256` feature (no curve arithmetic in the build) the key
    /// is kept as its checked encoding and verifies only through
    /// [`crate::verify_external`]: the point must be uncompressed with both
    /// coordinates below the field prime, and whether it lies on the curve is
    /// left to the platform that imports it for the arithmetic.
    ///
    /// ```
    /// use jwtcore::{Error, Key, KeyError};
    /// let mut point = [0xFF; 65];
    /// point[0] = 0x04; // uncompressed, but x and y are not below the field prime
    /// assert_eq!(Key::es256_public(&point).unwrap_err(), Error::Key(KeyError::Invalid));
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the bytes are not a valid P-256 point;
    /// without the `p256` feature, [`KeyError::Unsupported`] for a compressed
    /// point.
    pub fn es256_public(sec1: &[u8]) -> Result<Key, Error> {
        #[cfg(feature = "p256")]
        {
            let public = p256::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(|_| Error::Key(KeyError::Invalid))?;
            let backend = P256Verifier::new(&public);
            Ok(Key::new(Material::P256 { public, secret: None, backend, signer: EcdsaSigner::NONE }, Algorithm::Es256))
        }
        #[cfg(not(feature = "p256"))]
        {
            Ok(Key::new(Material::Es256External(external::Es256Point::parse(sec1)?), Algorithm::Es256))
        }
    }

    /// An `ES256` private key from its 32-byte scalar.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the scalar is zero or not below the group
    /// order; [`KeyError::ArithmeticDisabled`] without the `p256` feature (a
    /// build that signs on the platform imports the private key there).
    pub fn es256_private(scalar: &[u8]) -> Result<Key, Error> {
        #[cfg(feature = "p256")]
        {
            let secret = p256::ecdsa::SigningKey::from_slice(scalar).map_err(|_| Error::Key(KeyError::Invalid))?;
            let public = *secret.verifying_key();
            let backend = P256Verifier::new(&public);
            let signer = EcdsaSigner::p256(&secret);
            Ok(Key::new(Material::P256 { public, secret: Some(secret), backend, signer }, Algorithm::Es256))
        }
        #[cfg(not(feature = "p256"))]
        {
            let _ = scalar;
            Err(Error::Key(KeyError::ArithmeticDisabled(Feature::P256)))
        }
    }

    /// An `ES384` public key from a SEC1 point (97 bytes uncompressed or 49
    /// compressed), checked to be on P-384. Needs the `es384` feature, or
    /// `external-keys`: without the arithmetic the key is kept as its checked
    /// encoding (uncompressed, coordinates below the field prime) and
    /// verifies only through [`crate::verify_external`].
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the bytes are not a valid P-384 point;
    /// without `es384`, [`KeyError::Unsupported`] for a compressed point.
    #[cfg(any(feature = "es384", feature = "external-keys"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "es384", feature = "external-keys"))))]
    pub fn es384_public(sec1: &[u8]) -> Result<Key, Error> {
        #[cfg(feature = "es384")]
        {
            let public = p384::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(|_| Error::Key(KeyError::Invalid))?;
            Ok(Key::new(Material::P384 { public, secret: None, signer: EcdsaSigner::NONE }, Algorithm::Es384))
        }
        #[cfg(not(feature = "es384"))]
        {
            Ok(Key::new(Material::Es384External(p384_external::Es384Point::parse(sec1)?), Algorithm::Es384))
        }
    }

    /// An `ES384` private key from its 48-byte scalar. Needs the `es384` feature.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the scalar is zero or not below the group order.
    #[cfg(feature = "es384")]
    #[cfg_attr(docsrs, doc(cfg(feature = "es384")))]
    pub fn es384_private(scalar: &[u8]) -> Result<Key, Error> {
        let secret = p384::ecdsa::SigningKey::from_slice(scalar).map_err(|_| Error::Key(KeyError::Invalid))?;
        let public = *secret.verifying_key();
        let signer = EcdsaSigner::p384(&secret);
        Ok(Key::new(Material::P384 { public, secret: Some(secret), signer }, Algorithm::Es384))
    }

    /// An RSA public key from its big-endian modulus and exponent (JWK `n`
    /// and `e` decoded), bound to `alg` (an `RS*` or `PS*` algorithm). Needs
    /// the `rsa` feature, or `external-keys`: without the arithmetic the key
    /// is kept as its checked bytes (the same checks, the same errors) and
    /// verifies only through [`crate::verify_external`].
    ///
    /// ```
    /// use jwtcore::{Algorithm, Error, Key, KeyError};
    /// let mut n = [0xC5u8; 256]; // 2048 bits, odd
    /// let e = [1, 0, 1]; // 65537
    /// assert_eq!(Key::rsa_public(&n, &e, Algorithm::Rs256)?.algorithm(), Algorithm::Rs256);
    /// n[255] = 0xC4; // an even modulus is no RSA modulus
    /// assert_eq!(Key::rsa_public(&n, &e, Algorithm::Rs256).unwrap_err(), Error::Key(KeyError::Invalid));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::TooSmall`] below 2048 bits, [`KeyError::Unsupported`]
    /// above 8192, [`KeyError::Invalid`] for an even modulus, an even or
    /// out-of-range exponent or non-minimal integers,
    /// [`KeyError::AlgMismatch`] for a non-RSA `alg`.
    #[cfg(any(feature = "rsa", feature = "external-keys"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "rsa", feature = "external-keys"))))]
    pub fn rsa_public(n: &[u8], e: &[u8], alg: Algorithm) -> Result<Key, Error> {
        if alg.family() != Family::Rsa {
            return Err(Error::Key(KeyError::AlgMismatch));
        }
        #[cfg(feature = "rsa")]
        let material = Material::Rsa(rsa_key::RsaMaterial::public(n, e)?);
        #[cfg(not(feature = "rsa"))]
        let material = Material::RsaExternal(rsa_external::RsaPublic::parse(n, e)?);
        Ok(Key::new(material, alg))
    }

    #[cfg(feature = "rsa")]
    pub(crate) fn from_rsa_material(material: rsa_key::RsaMaterial, alg: Option<Algorithm>) -> Result<Key, Error> {
        Key::bind_rsa(Material::Rsa(material), alg)
    }

    #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
    pub(crate) fn from_rsa_external(public: rsa_external::RsaPublic, alg: Option<Algorithm>) -> Result<Key, Error> {
        Key::bind_rsa(Material::RsaExternal(public), alg)
    }

    /// An RSA key bound to `alg`, or without one to every RSA algorithm an
    /// explicit allow-list names (PEM and OpenSSH keys carry no `alg`).
    #[cfg(any(feature = "rsa", feature = "external-keys"))]
    fn bind_rsa(material: Material, alg: Option<Algorithm>) -> Result<Key, Error> {
        match alg {
            Some(a) if a.family() != Family::Rsa => Err(Error::Key(KeyError::AlgMismatch)),
            Some(a) => Ok(Key::new(material, a)),
            None => {
                let mut key = Key::new(material, Algorithm::Rs256);
                key.also = AlgorithmSet::from_slice(&Algorithm::RSA);
                Ok(key)
            }
        }
    }

    /// An `EdDSA` (Ed25519) public key from its 32 bytes.
    ///
    /// Without the `ed25519` feature (no ed25519-dalek in the build) the key
    /// is kept as its 32 bytes and verifies only through
    /// [`crate::verify_external`]; small-order encodings are refused by
    /// comparison, and whether the bytes decode to a point is left to the
    /// platform that imports the key for the arithmetic.
    ///
    /// ```
    /// use jwtcore::{Error, Key, KeyError};
    /// let mut identity = [0u8; 32];
    /// identity[0] = 1; // the neutral point: every signature would verify
    /// assert_eq!(Key::ed25519_public(&identity).unwrap_err(), Error::Key(KeyError::Invalid));
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the bytes do not decode to a point, or the
    /// point has small order (such keys admit trivial forgeries); without
    /// the `ed25519` feature, [`KeyError::ArithmeticDisabled`] for a
    /// non-canonical encoding (`y ≥ p`), which only the core's own
    /// arithmetic verifies.
    pub fn ed25519_public(bytes: &[u8]) -> Result<Key, Error> {
        #[cfg(feature = "ed25519")]
        {
            let arr: &[u8; 32] = bytes.try_into().map_err(|_| Error::Key(KeyError::Invalid))?;
            let public = ed25519_dalek::VerifyingKey::from_bytes(arr).map_err(|_| Error::Key(KeyError::Invalid))?;
            if public.is_weak() {
                return Err(Error::Key(KeyError::Invalid));
            }
            Ok(Key::new(
                Material::Ed25519 { public, secret: None, signer: aws_lc::Ed25519Signer::NONE },
                Algorithm::EdDsa,
            ))
        }
        #[cfg(not(feature = "ed25519"))]
        {
            Ok(Key::new(Material::Ed25519External(ed25519_external::Ed25519Public::parse(bytes)?), Algorithm::EdDsa))
        }
    }

    /// An `EdDSA` (Ed25519) private key from its 32-byte seed.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if `seed` is not 32 bytes;
    /// [`KeyError::ArithmeticDisabled`] without the `ed25519` feature.
    pub fn ed25519_private(seed: &[u8]) -> Result<Key, Error> {
        let arr: &[u8; 32] = seed.try_into().map_err(|_| Error::Key(KeyError::Invalid))?;
        #[cfg(feature = "ed25519")]
        {
            let secret = ed25519_dalek::SigningKey::from_bytes(arr);
            let public = secret.verifying_key();
            let signer = aws_lc::Ed25519Signer::new(&secret);
            Ok(Key::new(Material::Ed25519 { public, secret: Some(secret), signer }, Algorithm::EdDsa))
        }
        #[cfg(not(feature = "ed25519"))]
        {
            let _ = arr;
            Err(Error::Key(KeyError::ArithmeticDisabled(Feature::Ed25519)))
        }
    }

    /// A fresh key for `alg` from the caller's cryptographic RNG (HMAC keys
    /// get as many bytes as the hash output).
    ///
    /// ```
    /// # use jwtcore::{Algorithm, Key};
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// let key = Key::generate(Algorithm::EdDsa, &mut rng)?;
    /// assert!(key.is_private());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for RSA, ES384, ES512 and ES256K (load those
    /// from a JWK or PEM); otherwise only if the RNG keeps producing invalid P-256 scalars
    /// (probability about 2^-32 per try, retried 16 times).
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(alg: Algorithm, rng: &mut R) -> Result<Key, Error> {
        Self::check_generatable(alg)?;
        let mut seed = Zeroizing::new([0u8; 64]);
        for _ in 0..16 {
            rng.fill_bytes(seed.as_mut_slice());
            if let Ok(k) = Key::from_seed(alg, seed.as_slice()) {
                return Ok(k);
            }
        }
        Err(Error::Key(KeyError::Invalid))
    }

    /// A fresh key for `alg` from the operating system's RNG.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the OS RNG fails.
    #[cfg(feature = "getrandom")]
    #[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
    pub fn generate_os(alg: Algorithm) -> Result<Key, Error> {
        Self::check_generatable(alg)?;
        let mut seed = Zeroizing::new([0u8; 64]);
        for _ in 0..16 {
            getrandom::fill(seed.as_mut_slice()).map_err(|_| Error::Key(KeyError::Invalid))?;
            if let Ok(k) = Key::from_seed(alg, seed.as_slice()) {
                return Ok(k);
            }
        }
        Err(Error::Key(KeyError::Invalid))
    }

    /// RSA and ES384 keys are loaded (JWK, PEM), not generated here.
    fn check_generatable(alg: Algorithm) -> Result<(), Error> {
        match alg.family() {
            Family::Hmac => Ok(()),
            Family::EdDsa if cfg!(feature = "ed25519") => Ok(()),
            Family::EdDsa => Err(Error::Key(KeyError::ArithmeticDisabled(Feature::Ed25519))),
            Family::Ecdsa if alg == Algorithm::Es256 && cfg!(feature = "p256") => Ok(()),
            Family::Ecdsa if alg == Algorithm::Es256 => Err(Error::Key(KeyError::ArithmeticDisabled(Feature::P256))),
            _ => Err(Error::Key(KeyError::Unsupported)),
        }
    }

    fn from_seed(alg: Algorithm, seed: &[u8]) -> Result<Key, Error> {
        let take = |n: usize| seed.get(..n).ok_or(Error::Key(KeyError::Invalid));
        match alg.family() {
            Family::Hmac => Key::hmac(alg, take(alg.signature_len())?),
            Family::Ecdsa if alg == Algorithm::Es256 => Key::es256_private(take(32)?),
            Family::EdDsa => Key::ed25519_private(take(32)?),
            // ES384 and RSA keys are not generated here: load them from a JWK or PEM.
            _ => Err(Error::Key(KeyError::Unsupported)),
        }
    }
}
