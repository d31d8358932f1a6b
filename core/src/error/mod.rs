//! Every way an operation can fail, as one small `Copy` value.
//!
//! Errors are grouped by the stage that produced them ([`TokenError`] for the
//! compact structure and its encodings, [`HeaderError`] for the protected
//! header, [`KeyError`] for key material, claim failures as a
//! ([`Claim`], [`Reason`]) pair). [`Error::code`] gives a stable snake_case
//! string; the conformance vectors assert it and the bindings map it to
//! PyJWT's exception classes and jose's `code` strings.

// The human-readable messages: `Display` for `Error` and the sub-errors it carries.
mod display;
// The session half's own error type; it exists only with the `session` feature, and so does the
// `Error::Session` variant that carries it.
#[cfg(feature = "session")]
mod session;

#[cfg(feature = "session")]
pub use session::{CookieRule, SessionError};

/// Which part of a compact token a structural error was found in.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::{Error, Part, TokenError};
/// // `*` is not base64url: the header segment is named.
/// let err = verify("eyJhbGciOiJIUzI1NiJ9*.e30.c2ln", &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Token(TokenError::Base64(Part::Header)));
/// assert_eq!(err.part(), Some(Part::Header));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The protected header (first segment).
    Header,
    /// The payload (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
}

impl Part {
    /// The segment's stable code, used in messages and conformance vectors:
    /// `header`, `payload` or `signature`.
    ///
    /// ```
    /// use jwtcore::{Part, TokenError};
    /// assert_eq!(Part::Signature.code(), "signature");
    /// let err = jwtcore::Error::Token(TokenError::Json(Part::Payload));
    /// assert_eq!(err.part().map(Part::code), Some("payload"));
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        }
    }

    /// The old name of [`code`](Part::code).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// assert_eq!(jwtcore::Part::Header.as_str(), "header");
    /// ```
    #[deprecated(since = "0.1.0", note = "use `code()`: every stable string in jwtcore is a `code()`")]
    pub const fn as_str(self) -> &'static str {
        self.code()
    }
}

/// The compact serialization or one of its encodings is malformed.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::{Error, TokenError};
/// let err = verify("not-a-jwt", &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Token(TokenError::Segments));
/// assert_eq!(err.code(), "malformed_token");
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenError {
    /// A segment is not strict, canonical, unpadded base64url.
    Base64(Part),
    /// The same member name appears twice in one JSON object (escapes decoded).
    DuplicateMember(Part),
    /// Five segments: a compact JWE, which this verifier does not accept.
    Jwe,
    /// Nesting, member count or number length exceeds the parser's bounds.
    JsonLimit(Part),
    /// Not UTF-8, not a JSON object, or not valid JSON.
    Json(Part),
    /// The token does not have exactly three `.`-separated segments, or the
    /// header or payload segment is empty.
    Segments,
    /// The token is longer than the configured maximum.
    TooLong,
}

/// The protected header is unacceptable.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::{Error, HeaderError};
/// // {"alg":"none"}.{}.
/// let err = verify("eyJhbGciOiJub25lIn0.e30.", &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Header(HeaderError::AlgNone));
/// // An ES256 token offered to an HMAC key.
/// let err = verify("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Header(HeaderError::AlgKeyMismatch));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderError {
    /// `alg` does not belong to the key that was offered for verification.
    AlgKeyMismatch,
    /// `alg` is absent or not a string.
    AlgMissing,
    /// `alg` is `none` in any letter case.
    AlgNone,
    /// `alg` is not in the caller's allow-list (or is unknown).
    AlgNotAllowed,
    /// `b64: false` (RFC 7797 unencoded payload), which a JWT must not use.
    B64Unsupported,
    /// `crit` is malformed: not a non-empty array of distinct strings naming
    /// present, non-registered header parameters.
    CritInvalid,
    /// `crit` lists an extension this verifier was not told it understands.
    CritUnsupported,
    /// A registered header parameter (`kid`, `typ`, `cty`) has the wrong type.
    Invalid,
}

/// Key material is unusable, or unusable for this operation.
///
/// ```
/// use jwtcore::{Algorithm, Error, Key, KeyError};
/// assert_eq!(Key::hmac(Algorithm::Hs256, b"too short").unwrap_err(), Error::Key(KeyError::Weak));
/// assert_eq!(Key::es256_public(&[4; 65]).unwrap_err(), Error::Key(KeyError::Invalid)); // not on the curve
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyError {
    /// The key is malformed: bad encoding, off the curve, small order, empty.
    Invalid,
    /// The key's declared `alg` does not match the requested algorithm.
    AlgMismatch,
    /// The key type or curve is not supported (for example RSA, X25519, P-384).
    Unsupported,
    /// JWK `use` or `key_ops` forbid this operation.
    UseForbidden,
    /// An HMAC key shorter than the hash output, refused unless allowed.
    Weak,
    /// A private key is needed but only public material was given.
    NotPrivate,
    /// A PEM document is encrypted; decrypt it first.
    Encrypted,
    /// Public or private key material (PEM, DER, JWK, an OpenSSH line, an
    /// EC point) was offered as an HMAC secret: the algorithm-confusion
    /// attack.
    AsymmetricAsHmac,
    /// An RSA modulus below 2048 bits (RFC 7518 §3.3).
    TooSmall,
    /// This build has no arithmetic for the key: the cargo feature named is
    /// off (the npm package's lite WebAssembly module leaves out every
    /// curve and RSA crate). Its public keys still verify through the
    /// two-phase [`verify_external`](crate::verify_external), the
    /// arithmetic done by the caller's platform; signing, private keys and
    /// the one-call [`verify`](crate::verify) need the feature.
    ///
    /// ```
    /// use jwtcore::{Error, Feature, KeyError};
    /// let e = Error::Key(KeyError::ArithmeticDisabled(Feature::Ed25519));
    /// assert_eq!(e.code(), "feature_disabled");
    /// assert!(e.to_string().contains("`ed25519`") && e.to_string().contains("verify_external"));
    /// ```
    ArithmeticDisabled(Feature),
}

/// A key set could not supply a key for the token.
///
/// ```
/// use jwtcore::{Error, Feature, KeySetError};
/// let e = Error::KeySet(KeySetError::FeatureDisabled(Feature::Rsa));
/// assert_eq!(e.code(), "feature_disabled");
/// assert!(e.to_string().contains("`rsa` feature"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySetError {
    /// No key in the set matches the token's `kid` and `alg`.
    NoMatchingKey,
    /// The JWKS document is malformed (not `{"keys":[...]}`).
    Invalid,
    /// The set is full: built without `alloc`, a
    /// [`KeySet<N>`](crate::keys::KeySet) holds at most `N` keys.
    Full {
        /// The set's capacity `N`.
        capacity: usize,
    },
    /// The set has no designated signing key.
    NoSigningKey,
    /// No key fits the token, and the set skipped keys for its algorithm
    /// because this build of `jwtcore` lacks the feature they need.
    FeatureDisabled(Feature),
}

/// An optional cargo feature of `jwtcore` that some keys need.
///
/// ```
/// use jwtcore::Feature;
/// assert_eq!(Feature::Rsa.name(), "rsa");
/// assert_eq!(Feature::Rsa.is_enabled(), cfg!(feature = "rsa"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// `rsa`: RS256/384/512 and PS256/384/512.
    Rsa,
    /// `es384`: ECDSA on P-384.
    Es384,
    /// `es512`: ECDSA on P-521.
    Es512,
    /// `es256k`: ECDSA on secp256k1.
    Es256k,
    /// `p256`: the P-256 arithmetic (ES256 keys load without it, for
    /// [`verify_external`](crate::verify_external) only).
    P256,
    /// `ed25519`: the Ed25519 arithmetic (EdDSA keys load without it, for
    /// [`verify_external`](crate::verify_external) only).
    Ed25519,
}

impl Feature {
    /// The feature's name in `Cargo.toml`.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Feature};
    /// // Tell operators which cargo feature an algorithm needs.
    /// assert_eq!(Feature::Es384.name(), "es384");
    /// assert_eq!(format!("enable `{}` for {}", Feature::Rsa.name(), Algorithm::Rs256), "enable `rsa` for RS256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Feature::Rsa => "rsa",
            Feature::Es384 => "es384",
            Feature::Es512 => "es512",
            Feature::Es256k => "es256k",
            Feature::P256 => "p256",
            Feature::Ed25519 => "ed25519",
        }
    }

    /// Whether this build of `jwtcore` has the feature.
    ///
    /// ```
    /// use jwtcore::Feature;
    /// // Report at startup which optional algorithms this build supports.
    /// let enabled = [Feature::Rsa, Feature::Es384].map(Feature::is_enabled);
    /// assert_eq!(enabled, [cfg!(feature = "rsa"), cfg!(feature = "es384")]);
    /// ```
    pub const fn is_enabled(self) -> bool {
        match self {
            Feature::Rsa => cfg!(feature = "rsa"),
            Feature::Es384 => cfg!(feature = "es384"),
            Feature::Es512 => cfg!(feature = "es512"),
            Feature::Es256k => cfg!(feature = "es256k"),
            Feature::P256 => cfg!(feature = "p256"),
            Feature::Ed25519 => cfg!(feature = "ed25519"),
        }
    }

    /// The feature `alg` needs, if any.
    pub(crate) const fn needed_by(alg: crate::Algorithm) -> Option<Feature> {
        match alg.family() {
            crate::Family::Rsa => Some(Feature::Rsa),
            _ if matches!(alg, crate::Algorithm::Es384) => Some(Feature::Es384),
            _ if matches!(alg, crate::Algorithm::Es512) => Some(Feature::Es512),
            _ if matches!(alg, crate::Algorithm::Es256k) => Some(Feature::Es256k),
            _ => None,
        }
    }
}

/// The claim a validation failure concerns.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::{encode_into, Claim, EncodeHeader, Error, Reason};
/// # let mut out = [0u8; 256];
/// #[derive(serde::Serialize)]
/// struct C { exp: u64 }
/// let token = encode_into(&EncodeHeader::new(), &C { exp: 2_000_000_000 }, &key, &mut out)?;
/// let strict = Validation::new().issuer(&["https://issuer.example"]);
/// let err = verify(token, &key, &strict, now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Claim { claim: Claim::Iss, reason: Reason::Missing });
/// assert_eq!(err.claim(), Some(Claim::Iss));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `aud`
    Aud,
    /// `exp`
    Exp,
    /// `iat`
    Iat,
    /// `iss`
    Iss,
    /// `jti`
    Jti,
    /// `nbf`
    Nbf,
    /// `sub`
    Sub,
    /// the `typ` header parameter (jose reports it as a claim check)
    Typ,
    /// A caller-required custom claim: the index into
    /// [`Validation::require_custom`](crate::Validation::require_custom)'s list.
    Custom(u8),
}

impl Claim {
    /// The claim's JSON member name; `None` for [`Claim::Custom`] (look the
    /// name up in the list you passed).
    ///
    /// ```
    /// use jwtcore::Claim;
    /// assert_eq!(Claim::Nbf.name(), Some("nbf"));
    /// assert_eq!(Claim::Custom(0).name(), None); // index into `require_custom`'s list
    /// ```
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Claim::Aud => "aud",
            Claim::Exp => "exp",
            Claim::Iat => "iat",
            Claim::Iss => "iss",
            Claim::Jti => "jti",
            Claim::Nbf => "nbf",
            Claim::Sub => "sub",
            Claim::Typ => "typ",
            Claim::Custom(_) => return None,
        })
    }
}

/// Why a claim failed validation.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::{encode_into, Claim, EncodeHeader, Error, Reason};
/// # let mut out = [0u8; 256];
/// #[derive(serde::Serialize)]
/// struct C { exp: u64 }
/// let token = encode_into(&EncodeHeader::new(), &C { exp: 1_600_000_000 }, &key, &mut out)?;
/// let err = verify(token, &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// assert_eq!(err, Error::Claim { claim: Claim::Exp, reason: Reason::Expired });
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// `exp` is at or before now (minus leeway).
    Expired,
    /// `iat` lies in the future (beyond leeway).
    InFuture,
    /// The claim has the wrong JSON type or an unusable value.
    Invalid,
    /// The claim does not match what the caller expects.
    Mismatch,
    /// A required claim is absent.
    Missing,
    /// `nbf` lies in the future (beyond leeway).
    NotYetValid,
    /// `iat` is older than the configured maximum age.
    TooOld,
}

/// The one error type of `jwtcore`.
///
/// It is `Copy`, heap-free and a few bytes in size. Signature failures are
/// deliberately opaque; everything else names the stage and the check.
///
/// ```
/// # use core::time::Duration;
/// # use jwtcore::{verify, Algorithm, Key, Validation};
/// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// # let mut scratch = [0u8; 256];
/// # let now = Duration::from_secs(1_700_000_000);
///
/// use jwtcore::Error;
/// let err = verify("a.b.c", &key, &Validation::new(), now, &mut scratch).unwrap_err();
/// // Match on the variant, or map `code()` to your API's error strings.
/// assert!(matches!(err, Error::Token(_)));
/// assert_eq!(err.code(), "malformed_base64");
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// A caller-supplied output or scratch buffer is too small.
    BufferTooSmall {
        /// The number of bytes the operation needs.
        needed: usize,
    },
    /// A claim failed validation.
    Claim {
        /// Which claim.
        claim: Claim,
        /// Which check.
        reason: Reason,
    },
    /// The protected header was refused.
    Header(HeaderError),
    /// Key material was refused.
    Key(KeyError),
    /// A key set could not supply a key.
    KeySet(KeySetError),
    /// The token's `jti` is on the caller's denylist.
    Revoked,
    /// The verified claims do not fit the caller's type.
    Deserialize,
    /// A claim set or header could not be serialized into JSON.
    Serialize,
    /// A session-ID, cookie or refresh-token operation failed.
    ///
    /// Session functions return [`SessionError`] itself; this variant exists
    /// so that code mixing them with JWT calls can use `?` into one
    /// `Result<_, jwtcore::Error>`. Only with the `session` feature (`Error`
    /// is `#[non_exhaustive]`, so matches already have a wildcard arm).
    #[cfg(feature = "session")]
    #[cfg_attr(docsrs, doc(cfg(feature = "session")))]
    Session(SessionError),
    /// The signature does not verify under the key.
    Signature,
    /// The compact structure or its encodings are malformed.
    Token(TokenError),
}

impl Error {
    /// A stable snake_case identifier for this error, shared by the Rust,
    /// Python and JavaScript surfaces and asserted by the conformance vectors.
    ///
    /// ```
    /// use jwtcore::{Claim, Error, Reason};
    /// let e = Error::Claim { claim: Claim::Exp, reason: Reason::Expired };
    /// assert_eq!(e.code(), "expired");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Error::BufferTooSmall { .. } => "buffer_too_small",
            Error::Claim { claim, reason } => match (claim, reason) {
                (_, Reason::Missing) => "missing_claim",
                (_, Reason::Invalid) => "claim_invalid",
                (_, Reason::Expired) => "expired",
                (_, Reason::NotYetValid) => "not_yet_valid",
                (_, Reason::InFuture) => "issued_in_future",
                (_, Reason::TooOld) => "token_too_old",
                (Claim::Iss, Reason::Mismatch) => "issuer_mismatch",
                (Claim::Aud, Reason::Mismatch) => "audience_mismatch",
                (Claim::Sub, Reason::Mismatch) => "subject_mismatch",
                (Claim::Typ, Reason::Mismatch) => "typ_mismatch",
                (_, Reason::Mismatch) => "claim_mismatch",
            },
            Error::Header(h) => match h {
                HeaderError::AlgKeyMismatch => "alg_key_mismatch",
                HeaderError::AlgMissing => "alg_missing",
                HeaderError::AlgNone => "alg_none",
                HeaderError::AlgNotAllowed => "alg_not_allowed",
                HeaderError::B64Unsupported => "b64_unsupported",
                HeaderError::CritInvalid => "crit_invalid",
                HeaderError::CritUnsupported => "crit_unsupported",
                HeaderError::Invalid => "header_invalid",
            },
            Error::Key(k) => match k {
                KeyError::Invalid => "invalid_key",
                KeyError::AlgMismatch => "alg_key_mismatch",
                KeyError::Unsupported => "key_unsupported",
                KeyError::UseForbidden => "key_use_forbidden",
                KeyError::Weak => "weak_hmac_key",
                KeyError::NotPrivate => "key_not_private",
                KeyError::Encrypted => "key_encrypted",
                KeyError::AsymmetricAsHmac => "invalid_key",
                KeyError::TooSmall => "key_too_small",
                // The same code as a key set's skipped keys: a cargo feature is missing.
                KeyError::ArithmeticDisabled(_) => "feature_disabled",
            },
            Error::KeySet(k) => match k {
                KeySetError::NoMatchingKey => "no_matching_key",
                KeySetError::Invalid => "invalid_key_set",
                KeySetError::Full { .. } => "key_set_full",
                KeySetError::NoSigningKey => "no_signing_key",
                KeySetError::FeatureDisabled(_) => "feature_disabled",
            },
            Error::Deserialize => "claims_deserialize",
            Error::Revoked => "revoked",
            Error::Serialize => "serialize_failed",
            #[cfg(feature = "session")]
            Error::Session(s) => s.code(),
            Error::Signature => "bad_signature",
            Error::Token(t) => match t {
                TokenError::Base64(_) => "malformed_base64",
                TokenError::DuplicateMember(_) => "duplicate_member",
                TokenError::Jwe => "jwe_not_supported",
                TokenError::JsonLimit(_) => "json_limit",
                TokenError::Json(_) => "malformed_json",
                TokenError::Segments => "malformed_token",
                TokenError::TooLong => "token_too_long",
            },
        }
    }

    /// The claim this error concerns, for claim failures.
    ///
    /// ```
    /// use jwtcore::{Claim, Error, Reason};
    /// let err = Error::Claim { claim: Claim::Aud, reason: Reason::Mismatch };
    /// assert_eq!(err.claim(), Some(Claim::Aud));
    /// assert_eq!(Error::Signature.claim(), None);
    /// ```
    pub const fn claim(&self) -> Option<Claim> {
        match self {
            Error::Claim { claim, .. } => Some(*claim),
            _ => None,
        }
    }

    /// The token part a structural error was found in.
    ///
    /// ```
    /// use jwtcore::{Error, Part, TokenError};
    /// assert_eq!(Error::Token(TokenError::Json(Part::Header)).part(), Some(Part::Header));
    /// assert_eq!(Error::Token(TokenError::Segments).part(), None);
    /// ```
    pub const fn part(&self) -> Option<Part> {
        match self {
            Error::Token(
                TokenError::Base64(p) | TokenError::DuplicateMember(p) | TokenError::JsonLimit(p) | TokenError::Json(p),
            ) => Some(*p),
            _ => None,
        }
    }

    /// Every error code [`Error::code`] can return, for completeness checks of
    /// the bindings' mapping tables.
    ///
    /// ```
    /// use jwtcore::{Claim, Error, Reason};
    /// let e = Error::Claim { claim: Claim::Exp, reason: Reason::Expired };
    /// assert!(Error::ALL_CODES.contains(&e.code()));
    /// assert!(Error::ALL_CODES.windows(2).all(|w| w[0] < w[1])); // sorted, no duplicates
    /// ```
    pub const ALL_CODES: &'static [&'static str] = &[
        "alg_key_mismatch",
        "alg_missing",
        "alg_none",
        "alg_not_allowed",
        "audience_mismatch",
        "b64_unsupported",
        "bad_signature",
        "buffer_too_small",
        "claim_invalid",
        "claim_mismatch",
        "claims_deserialize",
        "crit_invalid",
        "crit_unsupported",
        "duplicate_member",
        "expired",
        "feature_disabled",
        "header_invalid",
        "invalid_key",
        "invalid_key_set",
        "issued_in_future",
        "issuer_mismatch",
        "json_limit",
        "jwe_not_supported",
        "key_encrypted",
        "key_not_private",
        "key_set_full",
        "key_too_small",
        "key_unsupported",
        "key_use_forbidden",
        "malformed_base64",
        "malformed_json",
        "malformed_token",
        "missing_claim",
        "no_matching_key",
        "no_signing_key",
        "not_yet_valid",
        "revoked",
        "serialize_failed",
        "subject_mismatch",
        "token_too_long",
        "token_too_old",
        "typ_mismatch",
        "weak_hmac_key",
    ];
}

#[cfg(feature = "session")]
impl From<SessionError> for Error {
    fn from(e: SessionError) -> Self {
        Error::Session(e)
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn sub_errors_display_as_the_error_carrying_them() {
        assert_eq!(HeaderError::AlgNone.to_string(), Error::Header(HeaderError::AlgNone).to_string());
        assert_eq!(KeyError::Weak.to_string(), Error::Key(KeyError::Weak).to_string());
        assert_eq!(TokenError::Json(Part::Payload).to_string(), "payload is not a valid UTF-8 JSON object");
        let full = KeySetError::Full { capacity: 4 };
        assert_eq!(full.to_string(), Error::KeySet(full).to_string());
        assert_eq!(Part::Signature.to_string(), "signature");
        assert_eq!(Feature::Es384.to_string(), "es384");
    }

    #[test]
    fn all_codes_is_sorted_and_unique() {
        let mut prev = "";
        for c in Error::ALL_CODES {
            assert!(*c > prev, "{c} out of order");
            prev = c;
        }
    }

    #[test]
    fn codes_are_listed() {
        let samples = [
            Error::Signature,
            Error::Token(TokenError::Jwe),
            Error::Header(HeaderError::AlgNone),
            Error::Key(KeyError::Weak),
            Error::KeySet(KeySetError::NoMatchingKey),
            Error::Claim { claim: Claim::Aud, reason: Reason::Mismatch },
            Error::Claim { claim: Claim::Custom(0), reason: Reason::Missing },
            Error::Revoked,
        ];
        for e in samples {
            assert!(Error::ALL_CODES.contains(&e.code()), "{}", e.code());
        }
    }
}
