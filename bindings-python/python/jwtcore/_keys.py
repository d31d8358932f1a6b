"""Key coercion: what ``key`` arguments become (a core key, or an HMAC secret bound to an
algorithm), and the short-key messages. The classification of key material is the core's. Private."""

from __future__ import annotations

import json
import warnings as _warnings
from collections.abc import Iterable, Mapping
from typing import Any, cast

from . import _core, _keycache
from ._common import (
    _FAMILY,
    _HASH_LEN,
    HMAC_ALGORITHMS,
    _core_call,
    _fail,
)
from .api_jwk import PyJWK
from .exceptions import (
    InvalidAlgorithmError,
    InvalidKeyError,
)
from .warnings import InsecureKeyLengthWarning


def _key_bytes(key: Any) -> bytes | None:
    if isinstance(key, str):
        try:
            return key.encode("utf-8")
        except UnicodeEncodeError:
            _fail("invalid_key", "The key is not valid UTF-8 text")
    if isinstance(key, (bytes, bytearray, memoryview)):
        return bytes(key)
    return None


def _from_crypto_object(key: Any) -> _core.CoreKey | None:
    """`cryptography` key objects, duck-typed (no hard dependency): serialized to DER."""
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:  # pragma: no cover - cryptography is optional
        return None
    if hasattr(key, "private_bytes"):
        der = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    elif hasattr(key, "public_bytes"):
        der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    else:
        return None
    return _core_call(_core.CoreKey.from_der, der)


def _asymmetric_key(key: Any, enforce_minimum_key_length: bool = True, stacklevel: int = 1) -> _core.CoreKey | None:
    """A parsed key for anything that is not a raw HMAC secret, else None.

    A :class:`PyJWK` of a short ``oct`` key is refused unless ``enforce_minimum_key_length`` is off.
    """
    if isinstance(key, _core.CoreKey):
        return key
    if isinstance(key, PyJWK):
        return key._core_key(enforce_minimum_key_length, stacklevel + 1)
    if isinstance(key, Mapping):
        try:
            text = json.dumps(dict(key))
        except (TypeError, ValueError, RecursionError):
            _fail("invalid_key", "The JWK is not serializable as JSON")
        return _core_call(_core.CoreKey.from_jwk, text, None)
    data = _key_bytes(key)
    if data is None:
        obj = _keycache.object_key(key, _from_crypto_object)
        if obj is None:
            raise InvalidKeyError(f"Expecting a PEM-formatted key, a JWK or a secret, not {type(key).__name__}")
        return obj
    if type(key) in (str, bytes):
        return _core_call(_keycache.material_key, key, data)
    return _material_key(data)


def _material_key(data: bytes) -> _core.CoreKey | None:
    """The key in ``data`` if the core classifies it as asymmetric key material, else None (a secret).

    The classifier is the core's (``looks_like_asymmetric_key``: PEM in any framing, DER, JWK
    text, SSH lines, EC points, ...), so public-key material is never an HMAC secret here either.
    Material the core recognises but cannot parse raises :class:`InvalidKeyError`.
    """
    if _core.looks_like_asymmetric_key(data):
        return _core_call(_core.CoreKey.from_material, data)
    return None


def _signing_key(key: Any, alg: str, enforce_minimum_key_length: bool, stacklevel: int) -> _core.CoreKey:
    """The core key that signs ``alg`` with ``key`` (a secret is bound to ``alg`` here).

    Text/bytes keys and ``cryptography`` key objects are derived once per (key, ``alg``) and
    served from :mod:`._keycache` afterwards (short secrets accepted with a warning are not
    cached, so the warning is given on every call).
    """
    cache_id = _keycache.signing_id(key, alg, enforce_minimum_key_length)
    if cache_id is not None:
        hit = _keycache.signing_get(cache_id, key)
        if hit is not None:
            return hit
    core_key = _derive_signing_key(key, alg, enforce_minimum_key_length, stacklevel + 1)
    if cache_id is not None and (enforce_minimum_key_length or core_key.algorithm not in HMAC_ALGORITHMS):
        _keycache.signing_put(cache_id, key, core_key)
    return core_key


def _derive_signing_key(key: Any, alg: str, enforce_minimum_key_length: bool, stacklevel: int) -> _core.CoreKey:
    parsed = _asymmetric_key(key, enforce_minimum_key_length, stacklevel + 1)
    if parsed is not None:
        # An `oct` JWK is an HMAC key already (the core checks it is for `alg`); anything else
        # parsed here is public-key material, never an HMAC secret.
        if alg in HMAC_ALGORITHMS and parsed.algorithm not in HMAC_ALGORITHMS:
            raise InvalidKeyError(
                "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret."
            )
        if _FAMILY.get(alg) in ("rsa", "rsa-pss") and parsed.algorithm != alg:
            try:
                return parsed.bind(alg)
            except _core.CoreError:
                pass
        return parsed
    if alg not in HMAC_ALGORITHMS:
        raise InvalidKeyError(f"Expecting a PEM-formatted key for {alg}")
    secret = cast(bytes, _key_bytes(key))
    if not enforce_minimum_key_length and len(secret) < _HASH_LEN[alg]:
        _warnings.warn(
            f"The HMAC key is {len(secret)} bytes long, which is below the minimum recommended length of "
            f"{_HASH_LEN[alg]} bytes for {alg}. See RFC 7518 Section 3.2.",
            InsecureKeyLengthWarning,
            stacklevel=stacklevel + 1,
        )
    try:
        return _core_call(_core.CoreKey.from_secret, alg, secret, not enforce_minimum_key_length)
    except InvalidKeyError as e:
        raise _weak_key_error(e, secret, [alg]) from None


def _hmac_fit(algorithms: list[str], secret: bytes) -> tuple[list[str], list[str]]:
    """Splits the allowed algorithms for a raw HMAC secret: (usable, too long for the secret).

    With short keys refused, a secret only verifies the HMAC algorithms whose hash it is at least
    as long as (RFC 7518 §3.2). When it fits some allowed algorithm, the others are dropped from
    the allow-list given to the core, so a token that names one of them (an attacker picking HS512
    for a 32-byte secret) is refused as a token whose ``alg`` is not allowed
    (:class:`InvalidAlgorithmError`, an :class:`InvalidTokenError`), not as a bad key. A secret
    too short for every allowed algorithm is the caller's mistake: the list is left alone and the
    core raises :class:`InvalidKeyError` (``weak_hmac_key``), as PyJWT with
    ``enforce_minimum_key_length``.
    """
    too_short = _core.hmac_too_short(algorithms, len(secret))  # the core's rule
    if not too_short:
        return algorithms, []
    return [a for a in algorithms if a not in too_short], [a for a in algorithms if a in too_short]


def _explain_dropped(e: InvalidAlgorithmError, secret: bytes, dropped: list[str]) -> InvalidAlgorithmError:
    if e.code == "alg_not_allowed":
        e.args = (
            f"{e.args[0] if e.args else 'The specified alg value is not allowed'} (the {len(secret)}-byte key is "
            f"too short for {', '.join(dropped)}: RFC 7518 section 3.2 requires at least the hash length)",
        )
    return e


def _weak_key_error(e: InvalidKeyError, secret: bytes, algorithms: Iterable[str]) -> InvalidKeyError:
    """PyJWT's short-key message (lengths, RFC) and how to opt out, for the core's ``weak_hmac_key``."""
    if not secret and e.code in ("weak_hmac_key", "invalid_key"):
        e.args = ("HMAC key must not be empty.",)
        return e
    hmac = sorted((_HASH_LEN[a], a) for a in algorithms if a in _HASH_LEN)
    if e.code == "weak_hmac_key" and hmac:
        need, alg = hmac[0]
        e.args = (
            f"The HMAC key is {len(secret)} bytes long, which is below the minimum length of {need} bytes for "
            f"{alg}. See RFC 7518 Section 3.2. jwtcore refuses short keys; pass "
            "options={'enforce_minimum_key_length': False} to accept them with PyJWT's InsecureKeyLengthWarning.",
        )
    return e
