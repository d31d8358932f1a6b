//! The key material of an ECDSA curve that needs nothing of its own beyond
//! its parameters (P-521, secp256k1): one definition, stamped out per curve
//! by [`ecdsa_curve_material!`].
//!
//! A macro rather than a type generic over RustCrypto's curve traits: the
//! generic form needs the `ecdsa` and `elliptic-curve` crates as direct
//! dependencies and a dozen bounds (`EcdsaCurve + CurveArithmetic +
//! DigestAlgorithm`, `SignatureSize<C>: ArraySize`, `FieldBytesSize<C>:
//! ModulusSize`, the affine point's SEC1 traits, ...) to say what every curve
//! crate already provides. Each curve's module keeps only what differs: the
//! crate, the JWK `crv` name, the coordinate length and how a signature is
//! prepared before verifying (secp256k1's low-S normalisation).
//!
//! P-256 and P-384 are not made here: they carry a `ring` signer (and P-256 a
//! native verifier) beside the RustCrypto keys.

/// Defines `COORD_LEN` and a material type `$name` holding a curve crate's
/// ECDSA verifying key and optional signing key.
///
/// - `curve`: the RustCrypto crate (`p521`, `k256`), whose `ecdsa` module
///   has `VerifyingKey`, `SigningKey` and `Signature`;
/// - `crv`: the JWK `crv` name (RFC 7518 §6.2.1.1, RFC 8812 §3.1);
/// - `coord_len`: bytes in a coordinate or scalar;
/// - `prepare`: a `fn(Signature) -> Signature` applied to a parsed signature
///   before verifying (the identity for curves whose crate takes both S);
/// - `variant`, `alg`: the `Material` variant and the algorithm its keys
///   are bound to;
/// - `public`, `private`: the names (with their rustdoc) of the public
///   `Key` constructors from a SEC1 point and from a scalar.
macro_rules! ecdsa_curve_material {
    (
        $(#[$doc:meta])*
        $name:ident {
            curve: $curve:ident,
            crv: $crv:literal,
            coord_len: $coord_len:expr,
            prepare: $prepare:path,
            variant: $variant:ident,
            alg: $alg:ident,
        }
        $(#[$public_doc:meta])*
        public: $public:ident,
        $(#[$private_doc:meta])*
        private: $private:ident $(,)?
    ) => {
        // The constructors live with the curve rather than in
        // `keys/constructors.rs` so that the curve's code is in one place.
        impl $crate::keys::Key {
            $(#[$public_doc])*
            pub fn $public(sec1: &[u8]) -> Result<$crate::keys::Key, $crate::error::Error> {
                let material = $crate::keys::Material::$variant($name::from_sec1(sec1)?);
                Ok($crate::keys::Key::new(material, $crate::alg::Algorithm::$alg))
            }

            $(#[$private_doc])*
            pub fn $private(scalar: &[u8]) -> Result<$crate::keys::Key, $crate::error::Error> {
                let material = $crate::keys::Material::$variant($name::from_scalar(scalar)?);
                Ok($crate::keys::Key::new(material, $crate::alg::Algorithm::$alg))
            }
        }

        /// Bytes in a coordinate or scalar of this curve.
        pub(crate) const COORD_LEN: usize = $coord_len;

        // JWK export and thumbprints hold coordinates in `CurveParts`' buffers.
        const _: () = assert!(COORD_LEN <= $crate::keys::curve_parts::MAX_COORD);

        $(#[$doc])*
        #[derive(Clone)]
        pub(crate) struct $name {
            public: $curve::ecdsa::VerifyingKey,
            secret: Option<$curve::ecdsa::SigningKey>,
        }

        impl $name {
            /// A public key from a SEC1 point, checked to be on the curve.
            pub(crate) fn from_sec1(sec1: &[u8]) -> Result<Self, $crate::error::Error> {
                let public = $curve::ecdsa::VerifyingKey::from_sec1_bytes(sec1)
                    .map_err(|_| $crate::error::Error::Key($crate::error::KeyError::Invalid))?;
                Ok(Self { public, secret: None })
            }

            /// A private key from its big-endian scalar of exactly
            /// `COORD_LEN` bytes, non-zero and below the group order.
            pub(crate) fn from_scalar(scalar: &[u8]) -> Result<Self, $crate::error::Error> {
                let invalid = $crate::error::Error::Key($crate::error::KeyError::Invalid);
                // The crates also take shorter slices (left-padded); a JWK `d` or
                // PKCS#8 scalar of another length is malformed, not a key.
                if scalar.len() != COORD_LEN {
                    return Err(invalid);
                }
                let secret = $curve::ecdsa::SigningKey::from_slice(scalar).map_err(|_| invalid)?;
                Ok(Self { public: *secret.verifying_key(), secret: Some(secret) })
            }

            pub(crate) fn is_private(&self) -> bool {
                self.secret.is_some()
            }

            pub(crate) fn to_public(&self) -> Self {
                Self { public: self.public, secret: None }
            }

            pub(crate) fn sign(
                &self,
                msg: &[u8],
                out: &mut [u8; $crate::keys::MAX_SIG_LEN],
            ) -> Result<usize, $crate::error::Error> {
                use $curve::ecdsa::signature::Signer as _;
                let sk = self
                    .secret
                    .as_ref()
                    .ok_or($crate::error::Error::Key($crate::error::KeyError::NotPrivate))?;
                let sig: $curve::ecdsa::Signature = sk.sign(msg);
                $crate::keys::signature::put(out, &sig.to_bytes())
            }

            pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), $crate::error::Error> {
                use $curve::ecdsa::signature::Verifier as _;
                // As for P-256: `r || s` of exactly twice the coordinate length
                // and 0 < r, s < n, before any arithmetic.
                let sig = $curve::ecdsa::Signature::from_slice(sig).map_err(|_| $crate::error::Error::Signature)?;
                self.public.verify(msg, &$prepare(sig)).map_err(|_| $crate::error::Error::Signature)
            }

            /// `r || s` of the exact length with both in range.
            pub(crate) fn check_shape(sig: &[u8]) -> Result<(), $crate::error::Error> {
                $curve::ecdsa::Signature::from_slice(sig).map(|_| ()).map_err(|_| $crate::error::Error::Signature)
            }

            pub(crate) fn parts(&self, private: bool) -> Option<$crate::keys::curve_parts::CurveParts> {
                let point = self.public.to_sec1_point(false);
                let d = match (private, &self.secret) {
                    (true, Some(sk)) => Some(zeroize::Zeroizing::new(sk.to_bytes())),
                    _ => None,
                };
                $crate::keys::curve_parts::CurveParts::new($crv, point.x()?, point.y()?, d.as_ref().map(|d| d.as_slice()))
            }
        }
    };
}

pub(super) use ecdsa_curve_material;

/// Checks shared by the curves' tests: one key given as SEC1, PKCS#8 and SPKI
/// PEM, signing and verifying through [`Key`](super::Key).
#[cfg(test)]
pub(super) mod tests {
    use core::time::Duration;

    // What every curve's tests use beside the helpers, imported with them.
    pub(crate) use crate::error::KeyError;
    pub(crate) use crate::keys::{Key, MAX_SIG_LEN};
    pub(crate) use crate::{Algorithm, Error};
    use crate::{EncodeHeader, HeaderError, Validation, encode_into, verify};

    pub(crate) fn thumbprint(key: &Key) -> [u8; 43] {
        let mut buf = [0u8; 43];
        let mut out = [0u8; 43];
        out.copy_from_slice(key.thumbprint(&mut buf).unwrap().as_bytes());
        out
    }

    /// The three PEM files load as one key of `alg`, private where they hold the
    /// scalar, with `sig_len`-byte signatures the public file verifies.
    pub(crate) fn three_files_are_one_key(pems: [&str; 3], alg: Algorithm, sig_len: usize) {
        let [sec1, pkcs8, spki] = pems.map(|pem| Key::from_pem(pem).unwrap());
        for key in [&sec1, &pkcs8, &spki] {
            assert_eq!(key.algorithm(), alg);
        }
        assert!(sec1.is_private() && pkcs8.is_private() && !spki.is_private());
        assert_eq!(thumbprint(&sec1), thumbprint(&spki));
        assert_eq!(thumbprint(&pkcs8), thumbprint(&spki));
        for signer in [&sec1, &pkcs8] {
            let mut sig = [0u8; MAX_SIG_LEN];
            let n = signer.sign(b"message", &mut sig).unwrap();
            assert_eq!(n, sig_len);
            spki.verify(b"message", &sig[..n]).unwrap();
            assert_eq!(spki.verify(b"messagf", &sig[..n]), Err(Error::Signature));
        }
    }

    /// A token signed by `private` verifies with `public` under the default
    /// policy, and not when only ES256 is allowed; the public key's raw point
    /// is never taken for an HMAC secret. Returns the token's first bytes.
    pub(crate) fn tokens_verify_only_as_own_alg(private: &Key, public: &Key) -> [u8; 21] {
        #[derive(serde::Serialize)]
        struct Claims {
            exp: u64,
        }
        let mut out = [0u8; 512];
        let token = encode_into(&EncodeHeader::new(), &Claims { exp: 2_000_000_000 }, private, &mut out).unwrap();
        let now = Duration::from_secs(1_700_000_000);
        let mut scratch = [0u8; 512];
        assert!(verify(token, public, &Validation::new(), now, &mut scratch).is_ok());
        let es256 = Validation::new().algorithms(&[Algorithm::Es256]);
        let err = verify(token, public, &es256, now, &mut scratch).unwrap_err();
        assert_eq!(err, Error::Header(HeaderError::AlgNotAllowed));
        let point = public.curve_parts(false).unwrap();
        let mut sec1 = std::vec![4u8];
        sec1.extend_from_slice(point.x());
        sec1.extend_from_slice(point.y());
        assert!(crate::keys::looks_like_asymmetric_key(&sec1));
        let mut start = [0u8; 21];
        start.copy_from_slice(&token.as_bytes()[..21]);
        start
    }
}
