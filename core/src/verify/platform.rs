//! The two-phase verify with a key the platform holds ([`PlatformKey`]): the
//! same pipeline as [`verify_external`](crate::verify_external), the key
//! binding and the signature's shape decided from the platform's description
//! of the key instead of its material.

use core::time::Duration;

use subtle::ConstantTimeEq as _;

use super::{ExternalSignature, Signature, Split, Verified, VerifiedJws, finish_jws, split, split_detached, split_jws};
use crate::alg::Algorithm;
use crate::error::{Error, Part};
use crate::keys::{HmacSecret, PlatformKey};
use crate::validation::Validation;

/// Binding and signature shape: the header's `alg` must be one the key
/// serves (the key decides the family), the key must be allowed to verify,
/// and the signature must have the shape the algorithm demands for this key.
fn bind_platform(split: &Split<'_>, key: &PlatformKey, v: &Validation<'_>) -> Result<Signature, Error> {
    key.check_verify_binding(split.header.alg, v.algorithms.is_some())?;
    let sig = super::decode_signature_owned(split)?;
    key.check_shape(split.header.alg, sig.as_slice(), true)?;
    Ok(sig)
}

/// Phase one of a JWT verification with a platform-held key: every check of
/// [`verify`](crate::verify) up to the arithmetic, for a [`PlatformKey`].
/// The platform then checks [`ExternalSignature::signature`] over
/// [`ExternalSignature::signing_input`] as [`ExternalSignature::algorithm`]
/// (ECDSA in `ieee-p1363` form, PSS with a salt as long as the hash), and its
/// verdict goes to [`ExternalSignature::finish`]; for an HMAC key whose
/// platform computes the MAC instead, the MAC goes to
/// [`ExternalSignature::finish_mac`], which compares in constant time.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::{encode_into, verify_platform, Algorithm, EncodeHeader, Error, HeaderError, Key, Validation};
/// let signer = Key::es256_private(&[7; 32])?;
/// let mut out = [0u8; 512];
/// # #[derive(serde::Serialize)] struct C { exp: u64 }
/// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &signer, &mut out)?;
/// // A P-384 CryptoKey cannot verify an ES256 token: the key decides.
/// let p384 = PlatformKey::from_webcrypto("public", "ECDSA", Some("P-384"), None, None, None, &["verify"], None)?;
/// let validation = Validation::new();
/// let mut scratch = [0u8; 256];
/// let err = verify_platform(token, &p384, &validation, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Header(HeaderError::AlgKeyMismatch));
///
/// let p256 = PlatformKey::from_webcrypto("public", "ECDSA", Some("P-256"), None, None, None, &["verify"], None)?;
/// let pending = verify_platform(token, &p256, &validation, &mut scratch)?;
/// assert_eq!(pending.algorithm(), Algorithm::Es256);
/// // ... WebCrypto verifies pending.signature() over pending.signing_input() ...
/// let verified = pending.finish(true, Duration::from_secs(1_700_000_000))?;
/// assert_eq!(verified.claims().exp.map(|d| d.unix_seconds()), Some(2_000_000_000));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Every structural, header and binding error of [`verify`](crate::verify);
/// [`Error::Signature`] for a signature of the wrong shape;
/// [`KeyError::UseForbidden`](crate::KeyError) when the key's usages leave out `verify`.
pub fn verify_platform<'t, 'v, 'a, 'b>(
    token: &'t str,
    key: &PlatformKey,
    validation: &'v Validation<'a>,
    buf: &'b mut [u8],
) -> Result<ExternalSignature<'t, 'v, 'a, 'b>, Error> {
    let split = split(token, validation, buf)?;
    let sig = bind_platform(&split, key, validation)?;
    Ok(ExternalSignature::from_parts(split, validation, buf, sig))
}

impl<'b> ExternalSignature<'_, '_, '_, 'b> {
    /// Phase two for a MAC the platform computed over
    /// [`signing_input`](Self::signing_input) (HMAC with a platform-held
    /// secret): compared with the token's in constant time, then as
    /// [`finish`](Self::finish).
    ///
    /// # Errors
    /// As [`finish`](Self::finish).
    ///
    /// ```
    /// use core::time::Duration;
    /// use jwtcore::keys::PlatformKey;
    /// use jwtcore::{encode_into, verify_platform, Algorithm, EncodeHeader, Error, Key, Validation};
    /// let secret = b"an example secret, 32 bytes long";
    /// let key = Key::hmac(Algorithm::Hs256, secret)?;
    /// let mut out = [0u8; 256];
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// let held = PlatformKey::from_node("secret", None, None, None, None, Some(32), None)?;
    /// let validation = Validation::new();
    /// let mut scratch = [0u8; 256];
    /// let pending = verify_platform(token, &held, &validation, &mut scratch)?;
    /// // node:crypto's createHmac over pending.signing_input(); a wrong MAC here:
    /// assert_eq!(pending.finish_mac(&[0; 32], Duration::from_secs(1_700_000_000)).unwrap_err(), Error::Signature);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn finish_mac(self, mac: &[u8], now: Duration) -> Result<Verified<'b>, Error> {
        let equal = mac_matches(self.signature(), mac);
        self.finish(equal, now)
    }
}

/// Constant-time MAC comparison (lengths are public: the core checked the
/// token's against the hash length in phase one).
fn mac_matches(expected: &[u8], computed: &[u8]) -> bool {
    expected.len() == computed.len() && bool::from(expected.ct_eq(computed))
}

/// Phase one of a JWS verification (any payload, as [`verify_jws`](crate::verify_jws),
/// or a detached one, as [`verify_jws_detached`](crate::verify_jws_detached))
/// whose arithmetic the platform does: with a platform-held key
/// ([`verify_jws_platform`], [`verify_jws_detached_platform`]) or with a
/// [`Key`](crate::Key) the core holds ([`verify_jws_external`](crate::verify_jws_external),
/// [`verify_jws_detached_external`](crate::verify_jws_detached_external)).
pub struct PlatformJws<'t, 'b> {
    split: Split<'t>,
    buf: &'b mut [u8],
    sig: Signature,
    /// The detached payload and the length of the signing input assembled in `buf`.
    detached: Option<(&'b [u8], usize)>,
}

/// How a key whose arithmetic the platform does is bound to a split token:
/// the key's own binding and shape checks, returning the decoded signature.
pub(super) type Bind<'a> = dyn Fn(&Split<'_>) -> Result<Signature, Error> + 'a;

impl<'t, 'b> PlatformJws<'t, 'b> {
    /// Phase one of a JWS for every kind of key whose arithmetic the
    /// platform does: the token split (attached, or over a detached
    /// `payload`, the signing input assembled in `buf`), then `bind`. One copy
    /// of the splits for every key kind (never inlined: the npm package's
    /// WebAssembly module is downloaded whole, and reaches this through four
    /// entry points).
    #[inline(never)]
    pub(super) fn phase_one(
        token: &'t str,
        payload: Option<&'b [u8]>,
        v: &Validation<'_>,
        buf: &'b mut [u8],
        bind: &Bind<'_>,
    ) -> Result<Self, Error> {
        let (split, detached) = match payload {
            None => (split_jws(token, v, buf)?, None),
            Some(p) => {
                let (split, input_len) = split_detached(token, p, v, buf)?;
                (split, Some((p, input_len)))
            }
        };
        let sig = bind(&split)?;
        Ok(PlatformJws { split, buf, sig, detached })
    }
}

impl core::fmt::Debug for PlatformJws<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PlatformJws").field("alg", &self.split.header.alg).finish_non_exhaustive()
    }
}

impl<'b> PlatformJws<'_, 'b> {
    /// The algorithm the platform must use (the header's, which the key serves).
    pub fn algorithm(&self) -> Algorithm {
        self.split.header.alg
    }

    /// The bytes that were signed.
    pub fn signing_input(&self) -> &[u8] {
        match self.detached {
            None => self.split.parts.signing_input(),
            Some((_, len)) => {
                let start = self.split.header_len;
                self.buf.get(start..start.saturating_add(len)).unwrap_or_default()
            }
        }
    }

    /// The decoded signature, already shape-checked.
    pub fn signature(&self) -> &[u8] {
        self.sig.as_slice()
    }

    /// Phase two with the platform's verdict; the payload is decoded only
    /// when `signature_valid` is true.
    ///
    /// # Errors
    /// [`Error::Signature`] on `false`; payload decoding errors.
    pub fn finish(self, signature_valid: bool) -> Result<VerifiedJws<'b>, Error> {
        if !signature_valid {
            return Err(Error::Signature);
        }
        match self.detached {
            None => finish_jws(&self.split, self.buf),
            Some((payload, _)) => {
                let buf: &'b [u8] = self.buf;
                let head =
                    buf.get(..self.split.header_len).ok_or(Error::Token(crate::TokenError::Json(Part::Header)))?;
                Ok(VerifiedJws { header: self.split.header.view(head)?, payload })
            }
        }
    }

    /// Phase two with a MAC the platform computed (compared in constant time).
    ///
    /// # Errors
    /// As [`finish`](Self::finish).
    pub fn finish_mac(self, mac: &[u8]) -> Result<VerifiedJws<'b>, Error> {
        let equal = mac_matches(self.signature(), mac);
        self.finish(equal)
    }
}

/// Phase one of [`verify_jws`](crate::verify_jws) with a platform-held key.
/// Size `buf` with [`jws_scratch_len`](crate::jws_scratch_len).
///
/// ```
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::{sign_compact_into, verify_jws_platform, Algorithm, Key, Validation};
/// let key = Key::ed25519_private(&[3; 32])?;
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"EdDSA"}"#, b"any bytes", &key, &mut out)?;
/// let public = ed25519_dalek::SigningKey::from_bytes(&[3; 32]).verifying_key();
/// let held = PlatformKey::from_node("public", Some("ed25519"), None, None, None, None, Some(&public.to_bytes()))?;
/// let mut scratch = [0u8; 128];
/// let pending = verify_jws_platform(jws, &held, &Validation::new(), &mut scratch)?;
/// // The platform's part (OpenSSL, WebCrypto); dalek stands in for it here.
/// let sig = ed25519_dalek::Signature::from_slice(pending.signature()).unwrap();
/// let ok = public.verify_strict(pending.signing_input(), &sig).is_ok();
/// assert_eq!(pending.finish(ok)?.payload(), b"any bytes");
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_platform`], minus the claims.
pub fn verify_jws_platform<'t, 'b>(
    token: &'t str,
    key: &PlatformKey,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<PlatformJws<'t, 'b>, Error> {
    PlatformJws::phase_one(token, None, validation, buf, &|split| bind_platform(split, key, validation))
}

/// Phase one of [`verify_jws_detached`](crate::verify_jws_detached) with a
/// platform-held key. Size `buf` with [`detached_scratch_len`](crate::detached_scratch_len).
///
/// # Errors
/// As [`verify_jws_platform`]; [`TokenError::Segments`](crate::TokenError)
/// if the token's payload segment is not empty.
///
/// ```
/// use jwtcore::keys::PlatformKey;
/// use jwtcore::{sign_detached_into, verify_jws_detached_platform, Algorithm, Key, Validation};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut out = [0u8; 256];
/// let jws = sign_detached_into(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, b"$.02", &key, &mut out)?;
/// let held = PlatformKey::from_webcrypto("secret", "HMAC", None, Some("SHA-256"), None, Some(256), &["verify"], None)?;
/// let mut scratch = [0u8; 128];
/// let pending = verify_jws_detached_platform(jws, b"$.02", &held, &Validation::new(), &mut scratch)?;
/// assert_eq!(pending.signing_input(), br#"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02"#);
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub fn verify_jws_detached_platform<'t, 'b>(
    token: &'t str,
    payload: &'b [u8],
    key: &PlatformKey,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<PlatformJws<'t, 'b>, Error> {
    PlatformJws::phase_one(token, Some(payload), validation, buf, &|split| bind_platform(split, key, validation))
}

/// Binding for a raw HMAC secret whose MAC the platform computes: the
/// refusals of [`HmacSecret`]'s resolver (family, allow-list, the secret's
/// own checks), then the signature segment. Its length is compared with the
/// platform's MAC in constant time at phase two, as the core's own HMAC does.
fn bind_secret(split: &Split<'_>, secret: &HmacSecret<'_>) -> Result<Signature, Error> {
    secret.check_for(split.header.alg)?;
    super::decode_signature_owned(split)
}

/// Phase one of a JWT verification with a raw HMAC secret whose MAC the
/// platform computes (WebCrypto's HMAC in the npm package's verify-only
/// module, which holds no SHA-2): every check and refusal of
/// [`verify_with`](crate::verify_with) with the same [`HmacSecret`], in the
/// same order, without the MAC. The platform computes the HMAC of
/// [`ExternalSignature::signing_input`] with the secret and
/// [`ExternalSignature::algorithm`]'s hash, and
/// [`ExternalSignature::finish_mac`] compares it in constant time before the
/// claims are read.
///
/// ```
/// use core::time::Duration;
/// use jwtcore::keys::HmacSecret;
/// use jwtcore::{sign_compact_into, verify_secret_platform, Algorithm, Error, HeaderError, Key, KeyError, Validation};
/// let secret = b"an example secret, 32 bytes long";
/// let mut out = [0u8; 256];
/// let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"exp":2000000000}"#, &Key::hmac(Algorithm::Hs256, secret)?, &mut out)?;
/// let (validation, mut scratch) = (Validation::new(), [0u8; 256]);
/// let pending = verify_secret_platform(token, &HmacSecret::new(secret), &validation, &mut scratch)?;
/// assert_eq!(pending.algorithm(), Algorithm::Hs256);
/// // WebCrypto's HMAC over pending.signing_input(); a wrong MAC here:
/// assert_eq!(pending.finish_mac(&[0; 32], Duration::from_secs(1_700_000_000)).unwrap_err(), Error::Signature);
/// // The secret's checks are the resolver's: a short one is weak, a public key is refused.
/// let short = verify_secret_platform(token, &HmacSecret::new(b"short"), &validation, &mut scratch);
/// assert_eq!(short.unwrap_err(), Error::Key(KeyError::Weak));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Every structural and header error of [`verify`](crate::verify);
/// [`HeaderError::AlgKeyMismatch`](crate::HeaderError::AlgKeyMismatch) for a
/// non-HMAC `alg`; the secret's [`KeyError`](crate::KeyError)s (`Invalid`,
/// `AsymmetricAsHmac`, `Weak`) as [`Key::hmac`](crate::Key::hmac) reports them.
pub fn verify_secret_platform<'t, 'v, 'a, 'b>(
    token: &'t str,
    secret: &HmacSecret<'_>,
    validation: &'v Validation<'a>,
    buf: &'b mut [u8],
) -> Result<ExternalSignature<'t, 'v, 'a, 'b>, Error> {
    let split = split(token, validation, buf)?;
    let sig = bind_secret(&split, secret)?;
    Ok(ExternalSignature::from_parts(split, validation, buf, sig))
}

/// [`verify_secret_platform`] for a JWS with any payload (as
/// [`verify_jws_with`](crate::verify_jws_with) with an [`HmacSecret`]); phase
/// two is [`PlatformJws::finish_mac`].
///
/// ```
/// use jwtcore::keys::HmacSecret;
/// use jwtcore::{sign_compact_into, verify_jws_secret_platform, Algorithm, Key, Validation};
/// let secret = b"an example secret, 32 bytes long";
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"HS256"}"#, b"any bytes", &Key::hmac(Algorithm::Hs256, secret)?, &mut out)?;
/// let mut scratch = [0u8; 128];
/// let pending = verify_jws_secret_platform(jws, &HmacSecret::new(secret), &Validation::new(), &mut scratch)?;
/// assert!(pending.signing_input().starts_with(b"eyJhbGciOiJIUzI1NiJ9."));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_secret_platform`], minus the claims.
pub fn verify_jws_secret_platform<'t, 'b>(
    token: &'t str,
    secret: &HmacSecret<'_>,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<PlatformJws<'t, 'b>, Error> {
    PlatformJws::phase_one(token, None, validation, buf, &|split| bind_secret(split, secret))
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests;
