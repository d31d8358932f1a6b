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


class PyJWKSetError(PyJWTError):
    pass


class PyJWKClientError(PyJWTError):
    pass


class PyJWKClientConnectionError(PyJWKClientError):
    pass


# Which class each core error code raises (tests/vectors/error-codes.json is the source).
_BY_CODE = {
    "alg_key_mismatch": InvalidAlgorithmError,
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


def _from_core(error: Exception) -> PyJWTError:
    """The PyJWT-style exception for a core error (``_core.CoreError(code, claim, message)``)."""
    code, claim, message = error.args
    cls = _BY_CODE.get(code, InvalidTokenError)
    if code == "claim_invalid" and claim in _CLAIM_INVALID_BY_CLAIM:
        cls = _CLAIM_INVALID_BY_CLAIM[claim]
    if cls is MissingRequiredClaimError:
        exc = MissingRequiredClaimError(claim or "?")
    else:
        exc = cls(message)
        exc.claim = claim
    exc.code = code
    return exc
