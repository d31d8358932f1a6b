//! The messages: what went wrong and, where there is one, how to fix it.
//! Sub-errors display as the [`Error`] carrying them, so a message reads the
//! same whichever level it is printed from.

use core::fmt;

use super::{Claim, Error, Feature, HeaderError, KeyError, KeySetError, Part, Reason, TokenError};

/// The message of the [`Error`] that carries it.
impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Error::Token(*self), f)
    }
}

/// The message of the [`Error`] that carries it.
impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Error::Header(*self), f)
    }
}

/// The message of the [`Error`] that carries it.
impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Error::Key(*self), f)
    }
}

/// The message of the [`Error`] that carries it.
impl fmt::Display for KeySetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Error::KeySet(*self), f)
    }
}

/// The segment's [`code`](Part::code).
impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The feature's name in `Cargo.toml`.
impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
            Error::Claim { claim, reason } => {
                let name = claim.name().unwrap_or("custom");
                match reason {
                    Reason::Expired => f.write_str("token has expired (exp)"),
                    Reason::InFuture => f.write_str("token was issued in the future (iat)"),
                    Reason::Invalid => write!(f, "claim `{name}` has an invalid value or type"),
                    Reason::Mismatch => match claim {
                        Claim::Typ => f.write_str("unexpected `typ` header value"),
                        _ => write!(f, "claim `{name}` does not match the expected value"),
                    },
                    Reason::Missing => match claim {
                        Claim::Custom(i) => write!(f, "required custom claim #{i} is missing"),
                        _ => write!(f, "claim `{name}` is missing"),
                    },
                    Reason::NotYetValid => f.write_str("token is not yet valid (nbf)"),
                    Reason::TooOld => f.write_str("token is too old (iat older than max age)"),
                }
            }
            Error::Header(h) => f.write_str(match h {
                HeaderError::AlgKeyMismatch => "header `alg` does not match the key's algorithm",
                HeaderError::AlgMissing => "header `alg` is missing or not a string",
                HeaderError::AlgNone => "unsecured tokens (`alg: none`) are never accepted",
                HeaderError::AlgNotAllowed => "header `alg` is not an allowed algorithm",
                HeaderError::B64Unsupported => "unencoded payloads (`b64: false`) are not supported",
                HeaderError::CritInvalid => "header `crit` is malformed",
                HeaderError::CritUnsupported => "header `crit` lists an unsupported extension",
                HeaderError::Invalid => "header parameter `kid`, `typ` or `cty` is not a string",
            }),
            Error::Key(KeyError::ArithmeticDisabled(feat)) => write!(
                f,
                "this build of jwtcore has no arithmetic for this key (cargo feature `{}` is off): verify \
                 its tokens through the two-phase `verify_external` (the npm package's async API), or \
                 enable the feature to verify or sign in one call",
                feat.name()
            ),
            Error::Key(k) => f.write_str(match k {
                KeyError::Invalid => "invalid key",
                KeyError::AlgMismatch => "key is bound to a different algorithm",
                KeyError::Unsupported => "unsupported key type or curve",
                KeyError::UseForbidden => "key `use`/`key_ops` forbid this operation",
                KeyError::Weak => "HMAC key is shorter than the hash output",
                KeyError::NotPrivate => "a private key is required",
                KeyError::Encrypted => "encrypted PEM keys are not supported; decrypt first",
                KeyError::AsymmetricAsHmac => "asymmetric key material cannot be used as an HMAC secret",
                KeyError::TooSmall => "RSA keys must have at least 2048 bits",
                KeyError::ArithmeticDisabled(_) => "this build has no arithmetic for this key",
            }),
            Error::KeySet(k) => match k {
                KeySetError::NoMatchingKey => f.write_str("no key in the set matches the token's kid and alg"),
                KeySetError::Invalid => f.write_str("malformed JWK set"),
                // The two ways out, so the message is the fix.
                KeySetError::Full { capacity } => write!(
                    f,
                    "key set is full: KeySet<{capacity}> holds {capacity} keys; use KeySet<M> with a larger M, \
                     or enable jwtcore's `alloc` feature for a set without a fixed capacity"
                ),
                KeySetError::NoSigningKey => f.write_str("key set has no signing key"),
                KeySetError::FeatureDisabled(feat) => write!(
                    f,
                    "the only keys for this token's algorithm were skipped: they need jwtcore's `{}` feature",
                    feat.name()
                ),
            },
            Error::Deserialize => f.write_str("claims do not fit the requested type"),
            Error::Revoked => f.write_str("token has been revoked (jti)"),
            Error::Serialize => f.write_str("could not serialize JSON"),
            #[cfg(feature = "session")]
            Error::Session(s) => fmt::Display::fmt(s, f),
            Error::Signature => f.write_str("signature verification failed"),
            Error::Token(t) => match t {
                TokenError::Base64(p) => write!(f, "{} is not canonical base64url", p.code()),
                TokenError::DuplicateMember(p) => {
                    write!(f, "{} has a duplicate member name", p.code())
                }
                TokenError::Jwe => f.write_str("token is a JWE (5 segments); expected a JWS"),
                TokenError::JsonLimit(p) => {
                    write!(f, "{} exceeds JSON nesting, member or number limits", p.code())
                }
                TokenError::Json(p) => write!(f, "{} is not a valid UTF-8 JSON object", p.code()),
                TokenError::Segments => f.write_str("token must have three non-empty segments"),
                TokenError::TooLong => f.write_str("token exceeds the maximum length"),
            },
        }
    }
}
