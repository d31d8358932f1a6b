//! The parts of Ed25519, P-384 and RSA keys that JWK export, thumbprints
//! and the private/public pair checks read, whichever form keeps them: the
//! arithmetic crate's key types, or the checked bytes of a build without
//! them (`*_external.rs`), so that both builds export the same members.

use zeroize::Zeroizing;

use super::{Key, Material};

impl Key {
    /// The 32-byte public key of an Ed25519 key, whichever form holds it
    /// (what JWK export, thumbprints and pair checks compare).
    pub(crate) fn ed25519_public_bytes(&self) -> Option<[u8; 32]> {
        match &self.material {
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { public, .. } => Some(public.to_bytes()),
            #[cfg(not(feature = "ed25519"))]
            Material::Ed25519External(public) => Some(*public.as_bytes()),
            _ => None,
        }
    }

    /// The seed of an Ed25519 private key (only a build with the arithmetic
    /// holds one).
    pub(crate) fn ed25519_seed(&self) -> Option<Zeroizing<[u8; 32]>> {
        match &self.material {
            #[cfg(feature = "ed25519")]
            Material::Ed25519 { secret: Some(sk), .. } => Some(Zeroizing::new(sk.to_bytes())),
            _ => None,
        }
    }

    /// The uncompressed point of a P-384 key kept without the arithmetic
    /// (a build with it exports through `p384_parts`).
    #[cfg(not(feature = "es384"))]
    pub(crate) fn p384_external_point(&self) -> Option<[u8; 97]> {
        match &self.material {
            #[cfg(feature = "external-keys")]
            Material::Es384External(point) => Some(point.to_bytes()),
            _ => None,
        }
    }

    /// The modulus and exponent of an RSA key kept without the arithmetic
    /// (a build with it exports through `rsa_material`), copied as the
    /// full build's `n_bytes` / `e_bytes` are.
    #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
    pub(crate) fn rsa_external_parts(&self) -> Option<super::rsa_external::ModulusExponent> {
        match &self.material {
            Material::RsaExternal(public) => Some((public.n().into(), public.e().into())),
            _ => None,
        }
    }
}
