"""PyJWT's exception hierarchy, under the same names (``import jwtcore.exceptions``)."""

from __future__ import annotations


class PyJWTError(Exception):
    """Base class for every jwtcore error.

    ``code`` is the core's error code (``tests/vectors/error-codes.json``), ``claim`` the claim
    it concerns, if any.
    """

    code: str = "jwtcore_error"
    claim: str | None = None


class InvalidTokenError(PyJWTError):
    pass


class DecodeError(InvalidTokenError):
    pass


class InvalidSignatureError(DecodeError):
    pass


class ExpiredSignatureError(InvalidTokenError):
    pass


class InvalidAudienceError(InvalidTokenError):
    pass


class InvalidIssuerError(InvalidTokenError):
    pass


class InvalidIssuedAtError(InvalidTokenError):
    pass


class ImmatureSignatureError(InvalidTokenError):
    pass


class InvalidKeyError(PyJWTError):
    pass


class InvalidAlgorithmError(InvalidTokenError):
    pass


class AlgorithmKeyMismatchError(InvalidAlgorithmError, InvalidKeyError):
    """The key cannot serve the algorithm the token names: public-key material given as the
    key of an HS* token (the key-confusion attack of GHSA-ffqj-6fqr-9h24), an HMAC secret for an
    ES256 token, a key of one curve for another's algorithm, a :class:`PyJWK` bound to another
    ``alg``. ``code`` is the core's ``alg_key_mismatch``.

    Why both bases: PyJWT raises :class:`InvalidKeyError` for the key-confusion token, so code
    and tests written for PyJWT (``pytest.raises(InvalidKeyError)``, ``except InvalidKeyError``)
    expect that class. But the token is the attacker's input, not a configuration mistake, and
    PyJWT's :class:`InvalidKeyError` is not an :class:`InvalidTokenError`: an ``except
    InvalidTokenError`` handler would let it escape as a server error (500) instead of
    answering 401. This class is both, so either handler catches it.
    """


class MissingRequiredClaimError(InvalidTokenError):
    def __init__(self, claim: str) -> None:
        super().__init__(claim)
        self.claim = claim

    def __str__(self) -> str:
        return f'Token is missing the "{self.claim}" claim'


class InvalidSubjectError(InvalidTokenError):
    pass


class InvalidJTIError(InvalidTokenError):
    pass


class PyJWKError(PyJWTError):
    pass


class MissingCryptographyError(PyJWKError):
    pass


class PyJWKKeyError(PyJWKError, InvalidKeyError):
    """A JWK whose key material is unusable (missing or unknown ``kty``/``crv``, malformed
    members). PyJWT raises :class:`InvalidKeyError` here; this class is also a
    :class:`PyJWKError`, so handlers written for either keep working."""


class PyJWKSetError(PyJWTError):
    pass


class PyJWKClientError(PyJWTError):
    pass


class PyJWKClientConnectionError(PyJWKClientError):
    pass


# Which class each core error code raises (tests/vectors/error-codes.json is the source).
_BY_CODE = {
    "alg_key_mismatch": AlgorithmKeyMismatchError,
    "alg_missing": InvalidAlgorithmError,
    "alg_none": InvalidAlgorithmError,
    "alg_not_allowed": InvalidAlgorithmError,
    "audience_mismatch": InvalidAudienceError,
    "b64_unsupported": DecodeError,
    "bad_signature": InvalidSignatureError,
    "buffer_too_small": PyJWTError,
    "claim_invalid": DecodeError,
    "claim_mismatch": InvalidTokenError,
    "claims_deserialize": DecodeError,
    "crit_invalid": DecodeError,
    "crit_unsupported": DecodeError,
    "duplicate_member": DecodeError,
    "expired": ExpiredSignatureError,
    "feature_disabled": MissingCryptographyError,
    "header_invalid": DecodeError,
    "invalid_key": InvalidKeyError,
    "invalid_key_set": PyJWKSetError,
    "issued_in_future": ImmatureSignatureError,
    "issuer_mismatch": InvalidIssuerError,
    "json_limit": DecodeError,
    "jwe_not_supported": DecodeError,
    "key_encrypted": InvalidKeyError,
    "key_not_private": InvalidKeyError,
    "key_set_full": PyJWKSetError,
    "key_too_small": InvalidKeyError,
    "key_unsupported": InvalidKeyError,
    "key_use_forbidden": InvalidKeyError,
    "malformed_base64": DecodeError,
    "malformed_json": DecodeError,
    "malformed_token": DecodeError,
    "missing_claim": MissingRequiredClaimError,
    "no_matching_key": PyJWKSetError,
    "no_signing_key": PyJWKSetError,
    "not_yet_valid": ImmatureSignatureError,
    "revoked": InvalidJTIError,
    "serialize_failed": PyJWTError,
    "subject_mismatch": InvalidSubjectError,
    "token_too_long": DecodeError,
    "token_too_old": ExpiredSignatureError,
    "typ_mismatch": InvalidTokenError,
    "weak_hmac_key": InvalidKeyError,
}

_CLAIM_INVALID_BY_CLAIM = {
    "iat": InvalidIssuedAtError,
    "aud": InvalidAudienceError,
    "iss": InvalidIssuerError,
    "sub": InvalidSubjectError,
    "jti": InvalidJTIError,
}


# PyJWT's message for the same failure, so code (and tests) matching on PyJWT's text keep
# working; the core's own classification stays in ``.code``. Codes without an entry keep the
# core's message (failures PyJWT does not have).
_PYJWT_MESSAGES = {
    "alg_key_mismatch": "The specified alg value is not allowed",
    "alg_missing": "Algorithm not specified",
    "alg_none": "The specified alg value is not allowed",
    "alg_not_allowed": "The specified alg value is not allowed",
    "audience_mismatch": "Invalid audience",
    "bad_signature": "Signature verification failed",
    "crit_invalid": "Invalid 'crit' header: must be a non-empty list of extensions present in the header",
    "crit_unsupported": "Unsupported critical extension",
    "expired": "Signature has expired",
    "issued_in_future": "The token is not yet valid (iat)",
    "issuer_mismatch": "Invalid issuer",
    "malformed_token": "Not enough segments",
    "not_yet_valid": "The token is not yet valid (nbf)",
    "subject_mismatch": "Invalid subject",
}

_CLAIM_INVALID_MESSAGES = {
    "exp": "Expiration Time claim (exp) must be an integer.",
    "nbf": "Not Before claim (nbf) must be an integer.",
    "iat": "Issued At claim (iat) must be an integer.",
    "aud": "Invalid claim format in token",
    "iss": "Payload Issuer (iss) must be a string",
    "sub": "Subject must be a string",
    "jti": "JWT ID must be a string",
}


def _pyjwt_message(code: str, claim: str | None, message: str, part: str | None) -> str:
    if code == "claim_invalid" and claim in _CLAIM_INVALID_MESSAGES:
        return _CLAIM_INVALID_MESSAGES[claim]
    if code == "malformed_base64" and part:
        return f"Invalid {'crypto' if part == 'signature' else part} padding"
    if code == "malformed_json" and part in ("header", "payload"):
        return f"Invalid {part} string: must be a json object"
    if code in ("duplicate_member", "json_limit") and part in ("header", "payload"):
        # PyJWT has no such check; its prefix, the core's reason.
        return f"Invalid {part} string: {message}"
    return _PYJWT_MESSAGES.get(code, message)


def _from_core(error: Exception) -> PyJWTError:
    """The PyJWT-style exception for a core error (``_core.CoreError(code, claim, message[, part])``):
    PyJWT's class and message for the same failure, with the core's ``code`` and ``claim``."""
    code, claim, message, *rest = error.args
    part = rest[0] if rest else None
    cls = _BY_CODE.get(code, InvalidTokenError)
    if code == "claim_invalid" and claim in _CLAIM_INVALID_BY_CLAIM:
        cls = _CLAIM_INVALID_BY_CLAIM[claim]
    if cls is MissingRequiredClaimError:
        exc = MissingRequiredClaimError(claim or "?")
    else:
        exc = cls(_pyjwt_message(code, claim, message, part))
        exc.claim = claim
    exc.code = code
    return exc
