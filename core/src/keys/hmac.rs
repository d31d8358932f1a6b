//! HMAC keys (`HS256`, `HS384`, `HS512`), prepared once.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::alg::Algorithm;
use crate::error::{Error, KeyError};

/// The longest secret kept for export (`to_jwk`); longer secrets still sign
/// and verify (HMAC hashes them down), they just cannot be exported.
pub(crate) const MAX_EXPORTABLE_SECRET: usize = 128;

/// The keyed HMAC state: inner and outer pads already absorbed, so each
/// signature costs only the message blocks (saves two compressions a call).
#[derive(Clone)]
enum State {
    S256(Hmac<Sha256>),
    S384(Hmac<Sha384>),
    S512(Hmac<Sha512>),
}

/// A shared secret bound to one HMAC algorithm.
///
/// The secret is zeroized on drop (the keyed states through `hmac`'s
/// `zeroize` support, the exported copy here) and never printed by `Debug`.
#[derive(Clone)]
pub(crate) struct HmacKey {
    state: State,
    secret: [u8; MAX_EXPORTABLE_SECRET],
    secret_len: usize,
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl ZeroizeOnDrop for HmacKey {}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey").finish_non_exhaustive()
    }
}

impl HmacKey {
    /// Prepares `secret` for `alg`, refusing empty secrets and, unless
    /// `allow_short`, secrets shorter than the hash output (RFC 7518 §3.2).
    pub(crate) fn new(alg: Algorithm, secret: &[u8], allow_short: bool) -> Result<Self, Error> {
        if alg.family() != crate::alg::Family::Hmac {
            return Err(Error::Key(KeyError::AlgMismatch));
        }
        Self::check(secret, alg, allow_short)?;
        let bad = |_| Error::Key(KeyError::Invalid);
        let state = match alg {
            Algorithm::Hs256 => State::S256(Hmac::new_from_slice(secret).map_err(bad)?),
            Algorithm::Hs384 => State::S384(Hmac::new_from_slice(secret).map_err(bad)?),
            Algorithm::Hs512 => State::S512(Hmac::new_from_slice(secret).map_err(bad)?),
            _ => return Err(Error::Key(KeyError::AlgMismatch)),
        };
        let mut copy = [0u8; MAX_EXPORTABLE_SECRET];
        let secret_len = match copy.get_mut(..secret.len()) {
            Some(dst) => {
                dst.copy_from_slice(secret);
                secret.len()
            }
            None => 0,
        };
        Ok(HmacKey { state, secret: copy, secret_len })
    }

    /// The checks on a secret before it becomes a key for `alg` (an HMAC
    /// algorithm): not empty, not asymmetric key material, and (unless
    /// `allow_short`) at least as long as the hash. Shared with the
    /// two-phase verify of a raw secret whose MAC the platform computes
    /// ([`crate::verify_secret_platform`]), so both refuse the same secrets.
    pub(crate) fn check(secret: &[u8], alg: Algorithm, allow_short: bool) -> Result<(), Error> {
        if secret.is_empty() {
            return Err(Error::Key(KeyError::Invalid));
        }
        if super::confusion::looks_like_asymmetric_key(secret) {
            return Err(Error::Key(KeyError::AsymmetricAsHmac));
        }
        // The one table of minimum lengths (`Algorithm::hmac_min_key_len`), which the bindings export.
        if !allow_short && secret.len() < alg.hmac_min_key_len().unwrap_or(usize::MAX) {
            return Err(Error::Key(KeyError::Weak));
        }
        Ok(())
    }

    /// The secret, when it is short enough to have been kept.
    pub(crate) fn secret(&self) -> Option<&[u8]> {
        if self.secret_len == 0 { None } else { self.secret.get(..self.secret_len) }
    }

    /// Writes the MAC of `msg` into `out`, returning its length.
    pub(crate) fn sign(&self, msg: &[u8], out: &mut [u8; 64]) -> usize {
        fn run<M: Mac + Clone>(m: &M, msg: &[u8], out: &mut [u8; 64]) -> usize {
            let mut m = m.clone();
            m.update(msg);
            let tag = m.finalize().into_bytes();
            let n = tag.len().min(out.len());
            if let (Some(dst), Some(src)) = (out.get_mut(..n), tag.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        }
        match &self.state {
            State::S256(m) => run(m, msg, out),
            State::S384(m) => run(m, msg, out),
            State::S512(m) => run(m, msg, out),
        }
    }

    /// Checks `tag` against the MAC of `msg` in constant time; a tag of the
    /// wrong length fails like a wrong tag.
    pub(crate) fn verify(&self, msg: &[u8], tag: &[u8]) -> Result<(), Error> {
        fn run<M: Mac + Clone>(m: &M, msg: &[u8], tag: &[u8]) -> Result<(), Error> {
            let mut m = m.clone();
            m.update(msg);
            m.verify_slice(tag).map_err(|_| Error::Signature)
        }
        match &self.state {
            State::S256(m) => run(m, msg, tag),
            State::S384(m) => run(m, msg, tag),
            State::S512(m) => run(m, msg, tag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2_is_refused_as_short_then_matches_when_allowed() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(HmacKey::new(Algorithm::Hs256, b"Jefe", false).err(), Some(Error::Key(KeyError::Weak)));
        let k = HmacKey::new(Algorithm::Hs256, b"Jefe", true).unwrap();
        let mut out = [0u8; 64];
        let n = k.sign(b"what do ya want for nothing?", &mut out);
        let expected = [
            0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00,
            0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
        ];
        assert_eq!(&out[..n], &expected);
        assert!(k.verify(b"what do ya want for nothing?", &expected).is_ok());
        assert_eq!(k.verify(b"what do ya want for nothing?", &expected[..31]), Err(Error::Signature));
        let mut longer = [0u8; 33];
        longer[..32].copy_from_slice(&expected);
        assert_eq!(k.verify(b"what do ya want for nothing?", &longer), Err(Error::Signature));
        assert_eq!(k.verify(b"what do ya want for nothing?", &[]), Err(Error::Signature));
    }

    #[test]
    fn empty_and_wrong_family() {
        assert_eq!(HmacKey::new(Algorithm::Hs256, b"", true).err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(HmacKey::new(Algorithm::Es256, &[1; 32], false).err(), Some(Error::Key(KeyError::AlgMismatch)));
        assert_eq!(HmacKey::new(Algorithm::Hs512, &[1; 63], false).err(), Some(Error::Key(KeyError::Weak)));
        assert!(HmacKey::new(Algorithm::Hs512, &[1; 64], false).is_ok());
    }
}
