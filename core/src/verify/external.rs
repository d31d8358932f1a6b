//! The two-phase verification: every decision in the core, the signature
//! arithmetic on the caller's platform (`node:crypto`, WebCrypto).

use core::time::Duration;

use super::{PlatformJws, Signature, Split, Verified, alg_and_kid, bind, finish, split};
use crate::alg::Algorithm;
use crate::error::Error;
use crate::error::KeySetError;
use crate::keys::{Key, KeyResolver};
use crate::validation::Validation;

/// A verification whose signature arithmetic runs outside the core (the npm
/// package hands ECDSA, RSA and Ed25519 to `node:crypto` or WebCrypto, which
/// are faster than WebAssembly there), returned by [`verify_external`].
///
/// Everything that decides acceptance except the arithmetic has run when
/// this exists: length, structure, header (`alg`, `crit`, `b64`, `typ`), the
/// algorithm allow-list, the key's binding to the header's `alg`, the key's
/// permitted operations, and the signature's shape (ECDSA `0 < r, s < n` at
/// the exact length; RSA exactly the modulus length; Ed25519 64 bytes with
/// `S < L` and an `R` not of small order, so that a platform verifier which
/// skips those checks still gives ed25519-dalek's `verify_strict` verdict).
/// The payload has not been decoded: the claims are only reachable through
/// [`finish`](ExternalSignature::finish), which takes the external verdict
/// and refuses on `false` before reading them.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
/// # let key = Key::es256_private(&[7; 32])?;
/// # let mut out = [0u8; 512];
/// # #[derive(serde::Serialize)] struct C { exp: u64 }
/// # let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
/// # let validation = Validation::new();
/// let mut scratch = [0u8; 256];
/// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
///
/// // The platform's verdict was `false`: refused without decoding the payload.
/// let now = Duration::from_secs(1_700_000_000);
/// assert!(matches!(pending.finish(false, now), Err(jwtcore::Error::Signature)));
/// # Ok::<(), jwtcore::Error>(())
/// ```
pub struct ExternalSignature<'t, 'v, 'a, 'b> {
    split: Split<'t>,
    validation: &'v Validation<'a>,
    buf: &'b mut [u8],
    sig: Signature,
}

impl core::fmt::Debug for ExternalSignature<'_, '_, '_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ExternalSignature").field("alg", &self.split.header.alg).finish_non_exhaustive()
    }
}

impl<'t, 'v, 'a, 'b> ExternalSignature<'t, 'v, 'a, 'b> {
    /// Phase one's result, for the platform-key binding (`verify/platform.rs`).
    pub(super) fn from_parts(
        split: Split<'t>,
        validation: &'v Validation<'a>,
        buf: &'b mut [u8],
        sig: Signature,
    ) -> Self {
        ExternalSignature { split, validation, buf, sig }
    }
}

impl<'t, 'b> ExternalSignature<'t, '_, '_, 'b> {
    /// The algorithm the external verifier must use (the header's, which
    /// the key accepted).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::es256_private(&[7; 32])?;
    /// # let mut out = [0u8; 512];
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let validation = Validation::new();
    /// let mut scratch = [0u8; 256];
    /// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
    ///
    /// assert_eq!(pending.algorithm(), Algorithm::Es256); // WebCrypto: ECDSA with P-256 and SHA-256
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn algorithm(&self) -> Algorithm {
        self.split.header.alg
    }

    /// The bytes that were signed: `base64url(header) "." base64url(payload)`.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::es256_private(&[7; 32])?;
    /// # let mut out = [0u8; 512];
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let validation = Validation::new();
    /// let mut scratch = [0u8; 256];
    /// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
    ///
    /// let (signed, _signature_b64) = token.rsplit_once('.').unwrap();
    /// assert_eq!(pending.signing_input(), signed.as_bytes());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn signing_input(&self) -> &'t [u8] {
        self.split.parts.signing_input()
    }

    /// The decoded signature (ECDSA as JWS's raw `r || s`, RSA as the
    /// modulus-length octet string), already range-checked.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::es256_private(&[7; 32])?;
    /// # let mut out = [0u8; 512];
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let validation = Validation::new();
    /// let mut scratch = [0u8; 256];
    /// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
    ///
    /// assert_eq!(pending.signature().len(), 64); // ES256: r || s, 32 bytes each
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn signature(&self) -> &[u8] {
        self.sig.as_slice()
    }

    /// The second half: `signature_valid` is the external verifier's verdict
    /// on [`signing_input`](Self::signing_input) and
    /// [`signature`](Self::signature) under the same key. On `false` this is
    /// [`Error::Signature`] without looking at the payload; on `true` the
    /// payload is decoded and the claims validated at `now` exactly as
    /// [`verify`](crate::verify) does.
    ///
    /// # Errors
    /// [`Error::Signature`], then every payload and claim error of [`verify`](crate::verify).
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
    /// # let key = Key::es256_private(&[7; 32])?;
    /// # let mut out = [0u8; 512];
    /// # #[derive(serde::Serialize)] struct C { exp: u64 }
    /// # let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
    /// # let validation = Validation::new();
    /// let mut scratch = [0u8; 256];
    /// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
    ///
    /// // exp has passed by this `now`: the claims are still validated after a `true` verdict.
    /// let late = Duration::from_secs(2_100_000_000);
    /// let err = pending.finish(true, late).unwrap_err();
    /// assert_eq!(err, jwtcore::Error::Claim { claim: jwtcore::Claim::Exp, reason: jwtcore::Reason::Expired });
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn finish(self, signature_valid: bool, now: Duration) -> Result<Verified<'b>, Error> {
        if !signature_valid {
            return Err(Error::Signature);
        }
        finish(&self.split, self.validation, now, self.buf)
    }
}

/// Phase one of a two-phase verification for platforms with a faster
/// signature primitive than the core's portable one (WebCrypto in browsers,
/// Node and workers): every check of [`verify`](crate::verify) up to, but excluding, the
/// ECDSA/RSA arithmetic. Hand [`ExternalSignature::algorithm`],
/// [`signing_input`](ExternalSignature::signing_input) and
/// [`signature`](ExternalSignature::signature) with the same public key to
/// the platform verifier, then pass its verdict to
/// [`ExternalSignature::finish`].
///
/// ```
/// use core::time::Duration;
/// use jwtcore::{encode_into, verify_external, Algorithm, EncodeHeader, Key, Validation};
///
/// let key = Key::es256_private(&[7; 32])?;
/// let mut out = [0u8; 512];
/// let token = encode_into(&EncodeHeader::new(), &Claims { exp: 2_000_000_000 }, &key, &mut out)?;
/// let validation = Validation::new();
/// let mut scratch = [0u8; 256];
/// let pending = verify_external(token, &key.to_public()?, &validation, &mut scratch)?;
/// assert_eq!(pending.algorithm(), Algorithm::Es256);
/// // ... the platform checks pending.signature() over pending.signing_input() ...
/// let platform_says = true;
/// let verified = pending.finish(platform_says, Duration::from_secs(1_700_000_000))?;
/// assert_eq!(verified.claims().exp.map(|d| d.unix_seconds()), Some(2_000_000_000));
/// #[derive(serde::Serialize)]
/// struct Claims { exp: u64 }
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Every structural, header and key-binding error of [`verify`](crate::verify);
/// [`Error::Signature`] for a signature of the wrong shape;
/// [`KeyError::Unsupported`](crate::KeyError::Unsupported) for HMAC keys, which are never
/// delegated, and for an Ed25519 key whose encoding is not canonical (`y ≥ p`; platform verifiers
/// disagree on those): use [`verify`](crate::verify) for both.
pub fn verify_external<'t, 'v, 'a, 'b>(
    token: &'t str,
    key: &Key,
    validation: &'v Validation<'a>,
    buf: &'b mut [u8],
) -> Result<ExternalSignature<'t, 'v, 'a, 'b>, Error> {
    let split = split(token, validation, buf)?;
    let sig = bind_external(&split, key, validation)?;
    Ok(ExternalSignature { split, validation, buf, sig })
}

/// [`bind`], then the signature's shape for the platform (ECDSA ranges, RSA
/// length, Ed25519's strict-verify refusals; HMAC never delegated).
fn bind_external(split: &Split<'_>, key: &Key, validation: &Validation<'_>) -> Result<Signature, Error> {
    let sig = bind(split, key, validation)?;
    key.check_external_shape(sig.as_slice())?;
    Ok(sig)
}

/// Phase one of [`verify_jws`](crate::verify_jws) (a JWS with any payload)
/// with the signature arithmetic left to the caller's platform, as
/// [`verify_external`] is for a JWT: every check of `verify_jws` up to the
/// arithmetic (structure, header rules including `crit` and `b64`, the
/// allow-list, the key's binding to `alg`, its permitted operations, the
/// signature's shape). The platform checks [`PlatformJws::signature`] over
/// [`PlatformJws::signing_input`] as [`PlatformJws::algorithm`] with the same
/// public key, and [`PlatformJws::finish`] takes its verdict; the payload is
/// decoded only after a `true` one. Size `buf` with
/// [`jws_scratch_len`](crate::jws_scratch_len).
///
/// ```
/// use jwtcore::{sign_compact_into, verify_jws_external, Error, Key, Validation};
/// let key = Key::ed25519_private(&[3; 32])?;
/// let mut out = [0u8; 256];
/// let jws = sign_compact_into(br#"{"alg":"EdDSA"}"#, b"any bytes", &key, &mut out)?;
/// let public = key.to_public()?;
/// let mut scratch = [0u8; 128];
/// let pending = verify_jws_external(jws, &public, &Validation::new(), &mut scratch)?;
/// // The platform's part (OpenSSL, WebCrypto); dalek stands in for it here.
/// let dalek = ed25519_dalek::SigningKey::from_bytes(&[3; 32]).verifying_key();
/// let sig = ed25519_dalek::Signature::from_slice(pending.signature()).unwrap();
/// let ok = dalek.verify_strict(pending.signing_input(), &sig).is_ok();
/// assert_eq!(pending.finish(ok)?.payload(), b"any bytes");
/// // A `false` verdict: refused before the payload is decoded.
/// let pending = verify_jws_external(jws, &public, &Validation::new(), &mut scratch)?;
/// assert_eq!(pending.finish(false).unwrap_err(), Error::Signature);
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_external`], minus the claims: every structural, header and
/// key-binding error of [`verify_jws`](crate::verify_jws);
/// [`Error::Signature`] for a signature of the wrong shape;
/// [`KeyError::Unsupported`](crate::KeyError::Unsupported) for an HMAC key or
/// a non-canonical Ed25519 key (use [`verify_jws`](crate::verify_jws)).
pub fn verify_jws_external<'t, 'b>(
    token: &'t str,
    key: &Key,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<PlatformJws<'t, 'b>, Error> {
    PlatformJws::phase_one(token, None, validation, buf, &|split| bind_external(split, key, validation))
}

/// [`verify_jws_external`] for a token whose payload travels separately
/// (`header..signature`), as [`verify_jws_detached`](crate::verify_jws_detached):
/// the signing input is assembled in `buf` (base64url-encoding `payload`
/// unless the header says `b64: false`). Size `buf` with
/// [`detached_scratch_len`](crate::detached_scratch_len).
///
/// ```
/// use jwtcore::{sign_detached_into, verify_jws_detached_external, Key, Validation};
/// let key = Key::ed25519_private(&[3; 32])?;
/// let mut out = [0u8; 256];
/// let jws = sign_detached_into(br#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#, b"$.02", &key, &mut out)?;
/// let mut scratch = [0u8; 128];
/// let pending = verify_jws_detached_external(jws, b"$.02", &key.to_public()?, &Validation::new(), &mut scratch)?;
/// assert_eq!(pending.signing_input(), b"eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02");
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// As [`verify_jws_external`]; [`TokenError::Segments`](crate::TokenError)
/// if the token's payload segment is not empty.
pub fn verify_jws_detached_external<'t, 'b>(
    token: &'t str,
    payload: &'b [u8],
    key: &Key,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<PlatformJws<'t, 'b>, Error> {
    PlatformJws::phase_one(token, Some(payload), validation, buf, &|split| bind_external(split, key, validation))
}

/// Key selection for the two-phase verify with a resolver (a
/// [`KeySet`](crate::keys::KeySet)): every check of
/// [`verify_with`](crate::verify_with) up to the choice of key, then `each`
/// is called with every key the resolver would try, in its order. The caller
/// runs [`verify_external`] with each in turn (the first signature that
/// verifies decides), as `verify_with` tries them; nothing is verified and no
/// payload is decoded here.
///
/// ```
/// use jwtcore::keys::KeySet;
/// use jwtcore::{encode_into, select_external, EncodeHeader, Error, Key, KeySetError, Validation};
/// let mut set: KeySet = KeySet::new();
/// set.rotate(Key::ed25519_private(&[1; 32])?.with_kid("2025")?)?;
/// let public = set.signing_key()?.to_public()?;
/// # #[derive(serde::Serialize)] struct C { exp: u64 }
/// let mut out = [0u8; 512];
/// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, set.signing_key()?, &mut out)?;
/// let mut found = 0;
/// select_external(token, &set, &Validation::new(), &mut [0u8; 256], &mut |k| {
///     assert_eq!(k.kid(), Some("2025"));
///     found += 1;
/// })?;
/// assert_eq!(found, 1);
/// // No key with the token's kid: the resolver's own error.
/// let other: KeySet = KeySet::new();
/// let none = select_external(token, &other, &Validation::new(), &mut [0u8; 256], &mut |_| {});
/// assert_eq!(none.unwrap_err(), Error::KeySet(KeySetError::NoMatchingKey));
/// # let _ = public;
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// Every structural and header error of [`verify`](crate::verify), and the
/// resolver's error when it offers no key
/// ([`KeySetError::NoMatchingKey`](crate::KeySetError::NoMatchingKey)).
pub fn select_external<R: KeyResolver + ?Sized>(
    token: &str,
    keys: &R,
    validation: &Validation<'_>,
    buf: &mut [u8],
    each: &mut dyn FnMut(&Key),
) -> Result<(), Error> {
    let split = split(token, validation, buf)?;
    let (alg, kid) = alg_and_kid(&split, buf)?;
    let mut offered = false;
    let resolved = keys.resolve(alg, kid, &mut |key| {
        offered = true;
        each(key);
        // Not a verdict: tells the resolver to offer its next candidate.
        Err(Error::KeySet(KeySetError::NoMatchingKey))
    });
    if offered { Ok(()) } else { resolved }
}
