"""Types of the public API, under PyJWT's names (``jwt.types``) where PyJWT has them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Protocol, TypedDict, Union

from . import _core

if TYPE_CHECKING:
    from . import PyJWK

JWKDict = Dict[str, Any]
"""A JWK as a JSON object (RFC 7517)."""


class SigOptions(TypedDict, total=False):
    """Options of :class:`jwtcore.PyJWS` (a subset of :class:`Options`)."""

    verify_signature: bool
    """Default ``True``: check the signature."""
    enforce_minimum_key_length: bool
    """Default ``True`` (PyJWT: ``False``): HMAC keys shorter than the hash output raise
    :class:`~jwtcore.exceptions.InvalidKeyError`; ``False`` gives PyJWT's
    :class:`~jwtcore.warnings.InsecureKeyLengthWarning` on encode instead."""
    max_token_length: int
    """jwtcore only: the longest token accepted, in bytes (default
    :data:`jwtcore.DEFAULT_MAX_TOKEN_LENGTH`, 64 KiB). A longer token raises
    :class:`~jwtcore.exceptions.DecodeError` (code ``token_too_long``) before any of it is
    copied or decoded. PyJWT has no limit; 64 KiB admits the largest tokens real providers issue
    (ID tokens with group claims reach 9–12 KiB)."""


class Options(SigOptions, total=False):
    """Options of :func:`jwtcore.decode` and :func:`jwtcore.decode_complete`, as in PyJWT."""

    require: List[str]
    """Default ``[]``: claims that must be present."""
    strict_aud: bool
    """Default ``False``: ``audience`` and the token's ``aud`` must be single, equal strings."""
    verify_aud: bool
    verify_exp: bool
    verify_iat: bool
    verify_iss: bool
    verify_jti: bool
    verify_nbf: bool
    verify_sub: bool


class PrivateKeyObject(Protocol):
    """A ``cryptography`` private key (RSA, EC or Ed25519), accepted without importing it."""

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes: ...


class PublicKeyObject(Protocol):
    """A ``cryptography`` public key (RSA, EC or Ed25519), accepted without importing it."""

    def public_bytes(self, encoding: Any, format: Any) -> bytes: ...


AllowedKeys = Union[str, bytes, bytearray, memoryview, "PyJWK", _core.CoreKey, JWKDict, PrivateKeyObject, PublicKeyObject]
"""What ``key`` may be: an HMAC secret (str or bytes), a PEM key (str or bytes), a
:class:`~jwtcore.PyJWK`, a parsed :class:`~jwtcore._core.CoreKey`, a JWK dict, or a
``cryptography`` key object."""

__all__ = ["AllowedKeys", "JWKDict", "Options", "PrivateKeyObject", "PublicKeyObject", "SigOptions"]
