//! The curves added behind their own features after P-384 — P-521 (`es512`)
//! and secp256k1 (`es256k`) — seen uniformly by the JWK writer, the
//! thumbprint and the PEM/DER readers, so those shared files need one branch
//! each instead of one per curve.

use der::Decode;
use der::asn1::ObjectIdentifier;
use sec1::EcPrivateKey;
use zeroize::Zeroizing;

use super::Key;
use crate::error::{Error, KeyError};

/// The longest coordinate or scalar among these curves (P-521's 66 bytes).
pub(crate) const MAX_COORD: usize = 66;

/// secp521r1 (RFC 5480 §2.1.1.1).
pub(crate) const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
/// secp256k1 (SEC 2 §2.4.1, RFC 8812 §3.3).
pub(crate) const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

/// A key's JWK members: `crv`, the affine coordinates and, when asked for
/// and present, the private scalar, each at the curve's fixed length.
pub(crate) struct CurveParts {
    pub(crate) crv: &'static str,
    len: usize,
    x: [u8; MAX_COORD],
    y: [u8; MAX_COORD],
    d: Option<Zeroizing<[u8; MAX_COORD]>>,
}

impl CurveParts {
    /// `None` if the coordinates are of different lengths or too long (never
    /// for the points the curve crates produce).
    #[cfg_attr(not(any(feature = "es512", feature = "es256k")), allow(dead_code))]
    pub(crate) fn new(crv: &'static str, x: &[u8], y: &[u8], d: Option<&[u8]>) -> Option<CurveParts> {
        let len = x.len();
        if y.len() != len || len > MAX_COORD || d.is_some_and(|d| d.len() != len) {
            return None;
        }
        let mut parts = CurveParts { crv, len, x: [0; MAX_COORD], y: [0; MAX_COORD], d: None };
        parts.x.get_mut(..len)?.copy_from_slice(x);
        parts.y.get_mut(..len)?.copy_from_slice(y);
        if let Some(d) = d {
            let mut buf = Zeroizing::new([0u8; MAX_COORD]);
            buf.get_mut(..len)?.copy_from_slice(d);
            parts.d = Some(buf);
        }
        Some(parts)
    }

    pub(crate) fn x(&self) -> &[u8] {
        self.x.get(..self.len).unwrap_or_default()
    }

    pub(crate) fn y(&self) -> &[u8] {
        self.y.get(..self.len).unwrap_or_default()
    }

    pub(crate) fn d(&self) -> Option<&[u8]> {
        self.d.as_ref().and_then(|d| d.get(..self.len))
    }
}

impl Key {
    /// The JWK members of a P-521 or secp256k1 key; `None` for other keys.
    pub(crate) fn curve_parts(&self, private: bool) -> Option<CurveParts> {
        #[cfg(feature = "es512")]
        if let super::Material::P521(m) = &self.material {
            return m.parts(private);
        }
        #[cfg(feature = "es256k")]
        if let super::Material::K256(m) = &self.material {
            return m.parts(private);
        }
        let _ = private;
        None
    }
}

/// An SPKI public key on one of these curves: `None` if `curve` is not one
/// of them, `Unsupported` if its feature is off.
pub(crate) fn spki_public(curve: ObjectIdentifier, point: &[u8]) -> Option<Result<Key, Error>> {
    let build: fn(&[u8]) -> Result<Key, Error> = if curve == P521 {
        #[cfg(feature = "es512")]
        {
            Key::es512_public
        }
        #[cfg(not(feature = "es512"))]
        {
            unsupported
        }
    } else if curve == SECP256K1 {
        #[cfg(feature = "es256k")]
        {
            Key::es256k_public
        }
        #[cfg(not(feature = "es256k"))]
        {
            unsupported
        }
    } else {
        return None;
    };
    Some(build(point))
}

/// What a curve whose feature is off builds.
#[cfg(not(all(feature = "es512", feature = "es256k")))]
fn unsupported(_: &[u8]) -> Result<Key, Error> {
    Err(Error::Key(KeyError::Unsupported))
}

/// A SEC1 `ECPrivateKey` on one of these curves, its embedded public key
/// (if any) checked against the scalar: `None` if `curve` is not one of
/// them, `Unsupported` if its feature is off.
pub(crate) fn sec1_private(curve: ObjectIdentifier, der: &[u8]) -> Option<Result<Key, Error>> {
    let build: fn(&[u8]) -> Result<Key, Error> = if curve == P521 {
        #[cfg(feature = "es512")]
        {
            Key::es512_private
        }
        #[cfg(not(feature = "es512"))]
        {
            unsupported
        }
    } else if curve == SECP256K1 {
        #[cfg(feature = "es256k")]
        {
            Key::es256k_private
        }
        #[cfg(not(feature = "es256k"))]
        {
            unsupported
        }
    } else {
        return None;
    };
    Some(sec1_private_with(curve, der, build))
}

fn sec1_private_with(
    curve: ObjectIdentifier,
    der: &[u8],
    build: fn(&[u8]) -> Result<Key, Error>,
) -> Result<Key, Error> {
    let invalid = Error::Key(KeyError::Invalid);
    let ec = EcPrivateKey::from_der(der).map_err(|_| invalid)?;
    if ec.parameters.is_some_and(|p| p.named_curve() != Some(curve)) {
        return Err(Error::Key(KeyError::Unsupported));
    }
    let key = build(ec.private_key)?;
    if let Some(public) = ec.public_key {
        // The embedded point must be the scalar's own (uncompressed, as
        // OpenSSL writes it), or the file is two keys pretending to be one.
        let parts = key.curve_parts(false).ok_or(invalid)?;
        let matches = public.first() == Some(&0x04)
            && public.len() == 1 + 2 * parts.x().len()
            && public.get(1..).is_some_and(|xy| xy.split_at(parts.x().len()) == (parts.x(), parts.y()));
        if !matches {
            return Err(invalid);
        }
    }
    Ok(key)
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use crate::keys::{KeySet, SkipReason};
    use crate::{Error, Feature, KeyError};

    #[test]
    fn key_sets_say_which_feature_a_skipped_key_needs() {
        // Off-curve points: with its feature a key is invalid, without it the feature is named.
        let jwks = r#"{"keys":[{"kty":"EC","crv":"P-521","kid":"a","x":"AA","y":"AA"},
            {"kty":"EC","crv":"secp256k1","kid":"b","x":"AA","y":"AA"},
            {"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}]}"#;
        let set: KeySet = KeySet::from_jwks(jwks).unwrap();
        let es512 = SkipReason::FeatureDisabled(Feature::Es512);
        let es256k = SkipReason::FeatureDisabled(Feature::Es256k);
        assert_eq!(set.skipped_for(es512), usize::from(!cfg!(feature = "es512")));
        assert_eq!(set.skipped_for(es256k), usize::from(!cfg!(feature = "es256k")));
        assert_eq!(
            set.skipped_for(SkipReason::Invalid),
            usize::from(cfg!(feature = "es512")) + usize::from(cfg!(feature = "es256k"))
        );
        assert_eq!(Feature::Es512.name(), "es512");
        assert_eq!(Feature::Es256k.is_enabled(), cfg!(feature = "es256k"));
    }

    #[test]
    fn key_files_on_a_disabled_curve_are_unsupported_not_invalid() {
        // The SPKI of a P-521 key and of a secp256k1 key (openssl-made, as in the curve modules).
        let p521 = "-----BEGIN PUBLIC KEY-----\nMIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQAEp4udBlK8ycq2O5hoIzg0nhSvyyL\n83wybW3/4MJxLDznvckUtss+xvGi3/bzsJYCqMdbjA72vTh87WBP9lWZe9cAuT4S\nflVFBVU0Vpb3r3t+iAXhRMOmEVTEx25RDPfdCOfjcHyyIOeUUQDk7LRIKCqSEOyO\nd9upRqQIEM3UH0wuEQo=\n-----END PUBLIC KEY-----\n";
        let k256 = "-----BEGIN PUBLIC KEY-----\nMFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEIz7rvXznCYTgigLW5/yvSFusRZi95GQ5\nuxiv3/u+CwvsVizDbHIpRBcTJ1MrfTvsBDa1MN+TxIg+3bRbnlV6qA==\n-----END PUBLIC KEY-----\n";
        for (pem, on) in [(p521, cfg!(feature = "es512")), (k256, cfg!(feature = "es256k"))] {
            match crate::Key::from_pem(pem) {
                Ok(key) => assert!(on, "{key:?}"),
                Err(e) => assert!(!on && e == Error::Key(KeyError::Unsupported), "{e:?}"),
            }
        }
    }
}
