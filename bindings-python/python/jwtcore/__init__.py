"""JSON Web Tokens on the jwtcore Rust core, with PyJWT's API: ``import jwtcore as jwt``.

Parsing, validation, cryptography and error classification happen in the core; this module
converts Python values (dicts, datetimes, keys) and maps the core's error codes to PyJWT's
exception classes. Differences from PyJWT are listed in the package README.
"""

from __future__ import annotations

import json
import math
import numbers
import time
import warnings as _warnings
from calendar import timegm
from collections.abc import Iterable, Iterator, Mapping, Set
from datetime import datetime, timedelta
from typing import Any, Callable, NoReturn, TypeVar, cast

from . import _core
from .exceptions import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    MissingRequiredClaimError,
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWKError,
    PyJWKKeyError,
    PyJWKSetError,
    PyJWTError,
    _from_core,
)
from .types import AllowedKeys, JWKDict, Options, SigOptions
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__all__ = [
    "encode",
    "decode",
    "DEFAULT_MAX_TOKEN_LENGTH",
    "decode_complete",
    "get_unverified_header",
    "register_algorithm",
    "unregister_algorithm",
    "get_algorithm_by_name",
    "PyJWS",
    "PyJWT",
    "PyJWK",
    "PyJWKSet",
    "PyJWKClient",
    "AsyncPyJWKClient",
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "ExpiredSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "ImmatureSignatureError",
    "InvalidKeyError",
    "InvalidAlgorithmError",
    "MissingRequiredClaimError",
    "InvalidSubjectError",
    "InvalidJTIError",
    "PyJWKError",
    "PyJWKSetError",
    "PyJWKClientError",
    "PyJWKClientConnectionError",
    "InsecureKeyLengthWarning",
    "RemovedInPyjwt3Warning",
]

__version__ = "0.1.0"

HMAC_ALGORITHMS = ("HS256", "HS384", "HS512")
ALGORITHMS = HMAC_ALGORITHMS + ("ES256", "ES384", "EdDSA", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_HASH_LEN = {"HS256": 32, "HS384": 48, "HS512": 64}
_TIME_CLAIMS = ("exp", "iat", "nbf")
_CHECKS = ("exp", "nbf", "iat", "aud", "iss", "sub", "jti")
_VERIFY_KEYS = tuple((c, f"verify_{c}") for c in _CHECKS)

_T = TypeVar("_T")

DEFAULT_MAX_TOKEN_LENGTH: int = _core.DEFAULT_MAX_TOKEN_LEN
"""The longest token accepted unless ``options={"max_token_length": n}`` says otherwise: 64 KiB.

Real ID tokens with group claims reach 9–12 KiB; a longer token is refused (``DecodeError``,
code ``token_too_long``) before any of it is copied or decoded."""


class _Unset:
    """The type of ``_ALGORITHM_UNSET``: tells "no algorithm given" from ``algorithm=None``."""

    def __repr__(self) -> str:
        return "<algorithm unset>"


_ALGORITHM_UNSET = _Unset()


def _core_call(fn: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    try:
        return fn(*args, **kwargs)
    except _core.CoreError as e:
        raise _from_core(e) from None


def _fail(code: str, message: str) -> NoReturn:
    """Raises what the core would for ``code``, for checks made on this side of the binding."""
    raise _from_core(_core.CoreError(code, None, message))


def _is_utf8(text: str) -> bool:
    """Whether ``text`` can cross into Rust: lone surrogates cannot be UTF-8.

    ``isascii`` is O(1) on CPython's compact strings, so the usual (ASCII) case costs nothing.
    """
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _token_limit(value: Any) -> int:
    """The ``max_token_length`` option as a byte count (default :data:`DEFAULT_MAX_TOKEN_LENGTH`)."""
    if value is None:
        return DEFAULT_MAX_TOKEN_LENGTH
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_token_length must be an int (bytes), not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"max_token_length must not be negative, got {value}")
    return value


def _token_text(jwt: Any, limit: int) -> str:
    """A token as ``str``: PyJWT accepts ``str`` and UTF-8 ``bytes``; anything else is DecodeError.

    The length is checked first, before the token is copied, decoded or validated in any way: a
    ``str`` has at least as many UTF-8 bytes as characters, so one longer than ``limit``
    characters is too long (a shorter one with many multi-byte characters is refused by the core).
    """
    if type(jwt) is str:
        size = len(jwt)
    elif isinstance(jwt, (str, bytes, bytearray)):
        size = len(jwt)
    else:
        size = jwt.nbytes if isinstance(jwt, memoryview) else 0
    if size > limit:
        _fail("token_too_long", f"The token is {size} long, more than the {limit} bytes accepted (max_token_length)")
    if isinstance(jwt, str):
        if not _is_utf8(jwt):
            raise DecodeError("Invalid token: it is not valid UTF-8 text")
        return jwt
    if isinstance(jwt, (bytes, bytearray, memoryview)):
        try:
            return bytes(jwt).decode("utf-8")
        except UnicodeDecodeError:
            raise DecodeError(f"Invalid token type. Token must be a {str} or {bytes}") from None
    raise DecodeError(f"Invalid token type. Token must be a {str} or {bytes}")


def _validate_headers(header: Mapping[str, Any]) -> None:
    """PyJWT's header checks on tokens it does not verify: ``kid`` a string, ``crit`` well formed.

    The verifying paths get the same checks (and stricter ones) from the core.
    """
    if "kid" in header and not isinstance(header["kid"], str):
        _fail("header_invalid", "Key ID header parameter must be a string")
    if "crit" in header:
        crit = header["crit"]
        if not isinstance(crit, list) or not crit:
            _fail("crit_invalid", "Invalid 'crit' header: must be a non-empty list")
        for ext in crit:
            if not isinstance(ext, str):
                _fail("crit_invalid", "Invalid 'crit' header: values must be strings")
            # PyJWT understands only `b64`; jwtcore understands nothing listed in `crit` by the
            # token alone (the verifier's `critical_extensions` option is not exposed here).
            if ext != "b64":
                _fail("crit_unsupported", f"Unsupported critical extension: {ext}")
            if ext not in header:
                _fail("crit_invalid", f"Critical extension '{ext}' is missing from headers")


def _empty_oct(text: str) -> bool:
    """Whether a JWK text is an ``oct`` key with an empty ``k`` (PyJWT's own message for it)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("kty") == "oct" and data.get("k") == ""


class PyJWK:
    """A JWK (RFC 7517) parsed by the core, bound to one algorithm.

    :param jwk_data: the JWK, a ``dict`` or JSON text.
    :param algorithm: the algorithm to bind; default the JWK's ``alg``, else inferred from
        ``kty``/``crv`` as PyJWT does (EC P-256 → ES256, P-384 → ES384, RSA → RS256,
        oct → HS256, OKP Ed25519 → EdDSA).
    :raises InvalidKeyError: unusable key material (missing or unknown ``kty``/``crv``,
        malformed members, an ``oct`` key shorter than its hash); the class raised,
        :class:`~jwtcore.exceptions.PyJWKKeyError`, is also a :class:`PyJWKError`.
    :raises PyJWKError: ``algorithm`` is not one jwtcore has, or ``jwk_data`` is not a JSON object.

    ``key`` is the parsed :class:`~jwtcore._core.CoreKey` (PyJWT: a ``cryptography`` object);
    pass it, or the ``PyJWK`` itself, as the ``key`` of :func:`decode`; with a ``PyJWK`` the
    token's ``alg`` must be the key's (``algorithms`` defaults to it).
    """

    def __init__(self, jwk_data: Mapping[str, Any] | str, algorithm: str | None = None) -> None:
        if isinstance(jwk_data, str):
            text = jwk_data
        elif isinstance(jwk_data, Mapping):
            try:
                text = json.dumps(dict(jwk_data))
            except (TypeError, ValueError, RecursionError) as e:
                raise PyJWKError(f"The JWK is not serializable as JSON: {e}") from None
        else:
            raise PyJWKError(f"A JWK must be a JSON object (dict or JSON text), not {type(jwk_data).__name__}")
        if algorithm is not None and not isinstance(algorithm, str):
            raise PyJWKError(f"The algorithm must be a str, not {type(algorithm).__name__}")
        if not _is_utf8(text) or (algorithm is not None and not _is_utf8(algorithm)):
            raise PyJWKKeyError("The JWK is not valid UTF-8 text")
        try:
            self._key = _core_call(_core.CoreKey.from_jwk, text, algorithm)
        except PyJWTError as e:
            # An algorithm that does not exist is PyJWKError (as PyJWT); unusable key material is
            # InvalidKeyError in PyJWT and PyJWKError in jwtcore 0.1: the class is both.
            cls = PyJWKError if e.code == "alg_not_allowed" else PyJWKKeyError
            err = cls("HMAC key must not be empty." if _empty_oct(text) else str(e))
            err.code = e.code
            raise err from None
        # The core accepted `text` as a strict JSON object, which Python's parser also accepts.
        data = json.loads(text)
        self._jwk_data: JWKDict = data
        self.key_type: str | None = data.get("kty")
        self.key_id: str | None = data.get("kid")
        self.public_key_use: str | None = data.get("use")
        self.algorithm_name: str = self._key.algorithm

    @staticmethod
    def from_dict(obj: Mapping[str, Any], algorithm: str | None = None) -> PyJWK:
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str | bytes, algorithm: str | None = None) -> PyJWK:
        """Parses JSON text; invalid JSON is :class:`PyJWKError` (PyJWT lets ``JSONDecodeError`` out)."""
        try:
            obj = json.loads(data)
        except (TypeError, ValueError, RecursionError) as e:
            raise PyJWKError(f"The JWK is not valid JSON: {e}") from None
        return PyJWK(obj, algorithm)

    @property
    def key(self) -> _core.CoreKey:
        return self._key

    @property
    def Algorithm(self) -> Any:  # noqa: N802 - PyJWT's name
        """The :class:`jwtcore.algorithms.Algorithm` of :attr:`algorithm_name` (as PyJWT)."""
        from .algorithms import get_default_algorithms

        return get_default_algorithms()[self.algorithm_name]


class PyJWKSet:
    """A JWK set; members that are not objects or not usable are skipped (like PyJWT)."""

    def __init__(self, keys: list[JWKDict]) -> None:
        self.keys: list[PyJWK] = []
        if not isinstance(keys, (list, tuple)):
            raise PyJWKSetError("Invalid JWK Set value")
        if not keys:
            raise PyJWKSetError("The JWK Set did not contain any keys")
        for k in keys:
            if not isinstance(k, Mapping):
                continue
            try:
                self.keys.append(PyJWK(k))
            except PyJWTError:
                continue
        if not self.keys:
            raise PyJWKSetError("The JWK Set did not contain any usable keys")

    @staticmethod
    def from_dict(obj: Mapping[str, Any]) -> PyJWKSet:
        if not isinstance(obj, Mapping):
            raise PyJWKSetError("Invalid JWK Set value")
        return PyJWKSet(obj.get("keys", []))

    @staticmethod
    def from_json(data: str | bytes) -> PyJWKSet:
        """Parses JSON text; invalid JSON is :class:`PyJWKSetError` (PyJWT lets ``JSONDecodeError`` out)."""
        try:
            obj = json.loads(data)
        except (TypeError, ValueError, RecursionError) as e:
            raise PyJWKSetError(f"The JWK Set is not valid JSON: {e}") from None
        return PyJWKSet.from_dict(obj)

    def __getitem__(self, kid: str) -> PyJWK:
        for k in self.keys:
            if k.key_id == kid:
                return k
        raise KeyError(f"keyset has no key for kid: {kid}")

    def __iter__(self) -> Iterator[PyJWK]:
        return iter(self.keys)


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


def _asymmetric_key(key: Any) -> _core.CoreKey | None:
    """A parsed key for anything that is not a raw HMAC secret, else None."""
    if isinstance(key, _core.CoreKey):
        return key
    if isinstance(key, PyJWK):
        return key.key
    if isinstance(key, Mapping):
        try:
            text = json.dumps(dict(key))
        except (TypeError, ValueError, RecursionError):
            _fail("invalid_key", "The JWK is not serializable as JSON")
        return _core_call(_core.CoreKey.from_jwk, text, None)
    data = _key_bytes(key)
    if data is None:
        obj = _from_crypto_object(key)
        if obj is None:
            raise InvalidKeyError(f"Expecting a PEM-formatted key, a JWK or a secret, not {type(key).__name__}")
        return obj
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
    """The core key that signs ``alg`` with ``key`` (a secret is bound to ``alg`` here)."""
    parsed = _asymmetric_key(key)
    if parsed is not None:
        if alg in HMAC_ALGORITHMS:
            raise InvalidKeyError(
                "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret."
            )
        if alg.startswith(("RS", "PS")) and parsed.algorithm != alg:
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


def _now() -> float:
    # Read through the time module at every call, so freezegun/time-machine work.
    return time.time()


def _leeway_seconds(value: float | timedelta) -> float:
    """``leeway`` in seconds: an int, a float or a ``timedelta``, negative allowed (PyJWT).

    A negative leeway narrows the window: ``exp`` must lie more than ``-leeway`` seconds ahead.

    :raises TypeError: for anything else (PyJWT fails on it later, with a TypeError too).
    :raises ValueError: for NaN and infinities, which would silently disable the time checks.
    """
    if type(value) is int:
        return float(value)  # always finite
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, numbers.Real):
        seconds = float(value)
    else:
        raise TypeError(f"leeway must be an int, a float or a timedelta, not {type(value).__name__}")
    if not math.isfinite(seconds):
        raise ValueError(f"leeway must be a finite number of seconds, not {seconds}")
    return seconds


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
    n = len(secret)
    too_short = [a for a in algorithms if a in _HASH_LEN and n < _HASH_LEN[a]]
    if not too_short or not any(a in _HASH_LEN and n >= _HASH_LEN[a] for a in algorithms):
        return algorithms, []
    return [a for a in algorithms if a not in too_short], too_short


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


def _audience_error(e: InvalidAudienceError, audience: Any, strict: bool) -> InvalidAudienceError:
    """PyJWT's wording, which depends on what the caller passed (the core's code does not)."""
    if e.code == "audience_mismatch":
        message = "Audience doesn't match" if audience is not None else "Invalid audience"
    elif e.code == "claim_invalid":
        message = "Invalid claim format in token"
    else:
        return e
    if strict:
        if audience is not None and not isinstance(audience, str):
            message = "Invalid audience"
        message += " (strict)"
    e.args = (message,)
    return e


def _unsupported_alg(e: InvalidAlgorithmError, token: str, requested: Any, registered: Set[str]) -> InvalidAlgorithmError:
    """PyJWT's "Algorithm not supported" when the caller allowed the token's ``alg`` but this
    instance has no such algorithm (an unknown name, or one unregistered); the core only sees
    the names it can verify, so it says "not allowed"."""
    if e.code != "alg_not_allowed" or not requested:
        return e
    unknown = {a for a in requested if isinstance(a, str) and a not in registered}
    if unknown:
        try:
            header = json.loads(_core.decode_jws_unverified(token, len(token))[0])
        except (_core.CoreError, ValueError):
            return e
        if header.get("alg") in unknown:
            e.args = ("Algorithm not supported",)
    return e


def _warn_legacy_verify(verify: Any, options: Mapping[str, Any] | None, stacklevel: int) -> None:
    """PyJWT's warning when the ignored ``verify`` argument contradicts ``verify_signature``."""
    if verify is not None and verify != (options or {}).get("verify_signature", True):
        _warnings.warn(
            "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer. The equivalent is setting "
            "`verify_signature` to False in the `options` dictionary. This invocation has a mismatch between the "
            "kwarg and the option entry.",
            category=DeprecationWarning,
            stacklevel=stacklevel + 1,
        )


def _algorithm_list(algorithms: Any) -> Any:
    """``algorithms`` as PyJWT takes it: a sequence of names, or one name as a ``str``."""
    return [algorithms] if isinstance(algorithms, str) else algorithms


def _as_list(value: Any, name: str) -> list[str] | None:
    """``audience``/``issuer`` as the list of strings the core compares with.

    As in PyJWT, any iterable is accepted and only its ``str`` members can ever match a claim
    (``audience=b"api"`` matches nothing, so the token is refused).

    :raises TypeError: ``value`` is neither ``None``, a ``str`` nor an iterable (PyJWT's message).
    """
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [v for v in value if isinstance(v, str)]
    raise TypeError(f"{name} must be a string, iterable or None")


def _allowed(algorithms: Iterable[str], registered: Set[str]) -> list[str]:
    """The names of ``algorithms`` this binding may verify: known and still registered.

    Anything else could never match a header ``alg`` the core accepts, so dropping it keeps the
    verdict and keeps non-str values out of the Rust conversion.
    """
    return [a for a in algorithms if isinstance(a, str) and a in registered]


_ALL_ALGORITHMS = frozenset(ALGORITHMS)

_DEFAULT_SIG_OPTIONS: SigOptions = {
    "verify_signature": True,
    # PyJWT warns about short HMAC keys; jwtcore refuses them unless this is turned off.
    "enforce_minimum_key_length": True,
}

# The core's verification options for a JWS: no claims, so nothing but the allow-list and the
# token length applies (`_core.verify` with `jws=True` ignores the claim settings).
_JWS_CORE_OPTIONS: dict[str, Any] = {
    "algorithms": None,
    "leeway": 0.0,
    "issuer": None,
    "audience": None,
    "subject": None,
    "require": [],
    "skip": [],
    "strict_aud": False,
    "max_age": None,
    "typ": None,
    "crit": [],
    "max_token_length": None,
}


class PyJWS:
    """PyJWT's ``PyJWS``: compact JWS with an arbitrary ``bytes`` payload (no claims).

    ``algorithms`` restricts the instance to those names (default: every algorithm jwtcore
    has). Custom algorithms cannot be registered: the cryptography is the core's. Unencoded and
    detached payloads (RFC 7797, ``b64: false``) are not supported; they raise
    :class:`DecodeError` (code ``b64_unsupported``).
    """

    header_typ: str | None = "JWT"

    def __init__(self, algorithms: Iterable[str] | None = None, options: SigOptions | None = None) -> None:
        self._algorithms: set[str] = set(ALGORITHMS if algorithms is None else _allowed(algorithms, _ALL_ALGORITHMS))
        self.options: SigOptions = {**_DEFAULT_SIG_OPTIONS, **(options or {})}

    def register_algorithm(self, alg_id: str, alg_obj: Any) -> NoReturn:
        """Not supported: jwtcore only runs the core's algorithms (raises ``NotImplementedError``)."""
        raise NotImplementedError(
            f"jwtcore does not support registering algorithms (asked for {alg_id!r}): signing and "
            f"verification run in the Rust core, which has {', '.join(ALGORITHMS)}"
        )

    def unregister_algorithm(self, alg_id: str) -> None:
        """Stops this instance from signing or accepting ``alg_id``.

        :raises KeyError: if ``alg_id`` is not registered (as PyJWT).
        """
        if alg_id not in self._algorithms:
            raise KeyError("The specified algorithm could not be removed because it is not registered.")
        self._algorithms.discard(alg_id)

    def get_algorithms(self) -> list[str]:
        """The ``alg`` values this instance signs and accepts."""
        return [a for a in ALGORITHMS if a in self._algorithms]

    def get_algorithm_by_name(self, alg_name: str) -> Any:
        """The :class:`jwtcore.algorithms.Algorithm` for ``alg_name`` (key conversion:
        ``prepare_key``, ``to_jwk``, ``from_jwk``; its raw ``sign``/``verify`` are not supported,
        the core signs and verifies whole tokens).

        :raises NotImplementedError: ``"Algorithm not supported"`` when this instance does not
            have ``alg_name`` (never had it, or it was unregistered), as PyJWT.
        """
        from .algorithms import get_default_algorithms

        if alg_name in self._algorithms:
            return get_default_algorithms()[alg_name]
        raise NotImplementedError("Algorithm not supported")

    def encode(
        self,
        payload: bytes,
        key: AllowedKeys,
        algorithm: str | None | _Unset = _ALGORITHM_UNSET,
        headers: Mapping[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        is_payload_detached: bool = False,
        sort_headers: bool = True,
    ) -> str:
        """Signs ``payload`` (bytes, any content) into a compact JWS.

        :param payload: the bytes to sign (not empty).
        :param key: the signing key, as in :meth:`PyJWT.encode`.
        :param algorithm: the ``alg``: ``headers["alg"]`` wins, then this, then the
            :class:`PyJWK`'s, then HS256. ``None`` means ``none``, which raises
            ``NotImplementedError``, as every algorithm this instance does not have.
        :param headers: extra header members; ``typ`` is :attr:`header_typ` unless set here
            (``None`` or ``""`` leaves it out); ``kid`` must be a ``str``.
        :param json_encoder: a ``json.JSONEncoder`` subclass for the header.
        :param is_payload_detached: not supported (RFC 7797).
        :param sort_headers: sort the header's members (default ``True``).
        :returns: the token (``str``).
        :raises DecodeError: ``is_payload_detached`` / ``b64: false`` (``b64_unsupported``) and
            empty payloads (``malformed_token``), which the core's verifier would refuse.
        :raises InvalidKeyError: the key is unusable for the algorithm (see :meth:`PyJWT.encode`).
        :raises NotImplementedError: the algorithm is ``none`` or not supported.
        """
        return self._encode(payload, key, algorithm, headers, json_encoder, is_payload_detached, sort_headers, 3)

    def _encode(
        self,
        payload: bytes,
        key: AllowedKeys,
        algorithm: str | None | _Unset,
        headers: Mapping[str, Any] | None,
        json_encoder: type[json.JSONEncoder] | None,
        is_payload_detached: bool,
        sort_headers: bool,
        stacklevel: int,
    ) -> str:
        if not isinstance(payload, (bytes, bytearray, memoryview)):
            raise TypeError(f"Expecting a bytes payload, not {type(payload).__name__}")
        if isinstance(algorithm, _Unset):
            alg: Any = key.algorithm_name if isinstance(key, PyJWK) else "HS256"
        elif algorithm is None:
            alg = key.algorithm_name if isinstance(key, PyJWK) else "none"
        else:
            alg = algorithm
        if headers:
            alg = headers.get("alg") or alg
            if headers.get("b64") is False:
                is_payload_detached = True
        header: dict[str, Any] = {"typ": self.header_typ, "alg": alg}
        if headers:
            if "kid" in headers and not isinstance(headers["kid"], str):
                raise InvalidTokenError("Key ID header parameter must be a string")
            header.update(headers)
        if not header.get("typ"):
            header.pop("typ", None)
        if is_payload_detached:
            _fail("b64_unsupported", "unencoded and detached payloads (`b64: false`) are not supported by jwtcore")
        # `b64: true` is the default meaning; PyJWT drops it rather than sign it.
        header.pop("b64", None)
        if not isinstance(alg, str) or alg not in self._algorithms:
            raise NotImplementedError("Algorithm not supported")
        if not payload:
            # The core's verifier requires three non-empty segments; refuse to make a token it
            # would reject.
            _fail("malformed_token", "jwtcore does not sign empty payloads: they cannot be verified")
        header_json = json.dumps(header, separators=(",", ":"), sort_keys=sort_headers, cls=json_encoder)
        enforce = bool(self.options.get("enforce_minimum_key_length", True))
        core_key = _signing_key(key, alg, enforce, stacklevel + 1)
        return _core_call(_core.sign, header_json.encode("utf-8"), bytes(payload), core_key)

    def decode_complete(
        self,
        jwt: str | bytes,
        key: AllowedKeys = "",
        algorithms: Iterable[str] | None = None,
        options: SigOptions | None = None,
        detached_payload: bytes | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Verifies a compact JWS with any payload; returns ``{"payload": bytes, "header": dict,
        "signature": bytes}``. No claims are read.

        :param jwt: the token (``str`` or ``bytes``), at most ``max_token_length`` bytes.
        :param key: as :meth:`PyJWT.decode`; a raw secret is bound to the token's HMAC ``alg``.
        :param algorithms: the accepted ``alg`` values (one name as a ``str`` works too).
            Required unless ``key`` is a :class:`PyJWK` (then its algorithm) or
            ``options={"verify_signature": False}``.
            Security: never compute ``algorithms`` from the token's own ``alg`` or any other
            data an attacker can influence (RFC 8725 §2.1); hard-code it next to the key, and
            do not mix HMAC with asymmetric algorithms that read ``key`` differently. jwtcore
            binds every key to one algorithm and never uses public-key material as an HMAC
            secret, whatever the list says.
        :param options: ``verify_signature``, ``enforce_minimum_key_length``, ``max_token_length``.
        :param detached_payload: not supported (RFC 7797).
        :raises DecodeError: malformed or oversized token, ``algorithms`` missing,
            ``detached_payload`` given (code ``b64_unsupported``).
        :raises InvalidSignatureError: the signature does not verify.
        :raises InvalidAlgorithmError: ``alg`` missing, not allowed, not the key's, not supported.
        :raises InvalidKeyError: ``key`` is unusable (see :meth:`PyJWT.decode`).
        """
        if kwargs:
            _warnings.warn(
                "passing additional kwargs to decode_complete() is deprecated and will be removed in pyjwt version "
                f"3. Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        merged: dict[str, Any] = {**self.options, **(options or {})}
        max_len = _token_limit(merged.get("max_token_length"))
        token = _token_text(jwt, max_len)
        verify_signature = merged.get("verify_signature", True)
        if verify_signature and not algorithms and not isinstance(key, PyJWK):
            raise DecodeError(
                'It is required that you pass in a value for the "algorithms" argument when calling decode().'
            )
        if detached_payload is not None:
            _fail("b64_unsupported", "detached payloads (`b64: false`) are not supported by jwtcore")
        if not verify_signature:
            header_json, payload, signature = _core_call(_core.decode_jws_unverified, token, max_len)
            header = json.loads(header_json)
            _validate_headers(header)
            return {"payload": payload, "header": header, "signature": signature}
        if algorithms is None and isinstance(key, PyJWK):
            algorithms = [key.algorithm_name]
        core_options = dict(_JWS_CORE_OPTIONS)
        allowed = _allowed(_algorithm_list(algorithms) or (), self._algorithms)
        core_options["max_token_length"] = max_len
        allow_short = not merged.get("enforce_minimum_key_length", True)
        # Text or bytes go to the core as they are: it tells key material from a secret.
        secret = _key_bytes(key)
        parsed = _asymmetric_key(key) if secret is None else None
        dropped: list[str] = []
        if secret is not None and not allow_short and len(secret) < 64 and len(allowed) > 1:
            allowed, dropped = _hmac_fit(allowed, secret)
        core_options["algorithms"] = allowed
        try:
            header_json, payload, signature = _core_call(
                _core.verify, token, parsed, secret, allow_short, core_options, 0.0, True
            )
        except InvalidAlgorithmError as e:
            if dropped:
                raise _explain_dropped(e, cast(bytes, secret), dropped) from None
            raise _unsupported_alg(e, token, _algorithm_list(algorithms), self._algorithms) from None
        except InvalidKeyError as e:
            if secret is not None:
                raise _weak_key_error(e, secret, allowed) from None
            raise
        return {"payload": payload, "header": json.loads(header_json), "signature": signature}

    def decode(
        self,
        jwt: str | bytes,
        key: AllowedKeys = "",
        algorithms: Iterable[str] | None = None,
        options: SigOptions | None = None,
        detached_payload: bytes | None = None,
        **kwargs: Any,
    ) -> bytes:
        """Verifies a compact JWS as :meth:`decode_complete` does; returns the payload ``bytes``.

        :raises DecodeError, InvalidTokenError, InvalidKeyError: as :meth:`decode_complete`.
        """
        if kwargs:
            _warnings.warn(
                "passing additional kwargs to decode() is deprecated and will be removed in pyjwt version 3. "
                f"Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        decoded = self.decode_complete(jwt, key, algorithms, options, detached_payload=detached_payload)
        return cast(bytes, decoded["payload"])

    def get_unverified_header(self, jwt: str | bytes) -> dict[str, Any]:
        """The header of ``jwt``, without verifying anything.

        :param jwt: the token (``str`` or ``bytes``), at most the instance's
            ``max_token_length`` bytes (default 64 KiB).
        :returns: the header (``dict``).
        :raises DecodeError: the token is oversized or malformed (three segments, canonical
            base64url, a JSON object as header), ``kid`` is not a ``str`` or ``crit`` is invalid
            (as PyJWT checks them).

        Security: nothing here is authenticated. Use the header only to pick a key (``kid``),
        never to pick the algorithm, and verify the token before trusting anything in it.
        """
        limit = _token_limit(self.options.get("max_token_length"))
        header_json, _, _ = _core_call(_core.decode_jws_unverified, _token_text(jwt, limit), limit)
        header: dict[str, Any] = json.loads(header_json)
        _validate_headers(header)
        return header


_DEFAULT_OPTIONS: Options = {
    "verify_signature": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": True,
    "verify_jti": True,
    "require": [],
    "strict_aud": False,
    # PyJWT warns about short HMAC keys; jwtcore refuses them unless this is turned off.
    "enforce_minimum_key_length": True,
}


class PyJWT:
    """PyJWT's class interface; the module-level functions use one default instance.

    Signing goes through a :class:`PyJWS` (``_jws``, shared with the module-level functions for
    the default instance, as in PyJWT), so ``unregister_algorithm`` applies to both.
    """

    def __init__(self, options: Options | None = None) -> None:
        given = dict(options or {})
        if not given.get("verify_signature", True):
            # As PyJWT: without signature checks, the claim checks are off unless asked for.
            for name in _CHECKS:
                given.setdefault(f"verify_{name}", False)  # type: ignore[misc]
        self.options: Options = {**_DEFAULT_OPTIONS, **given}  # type: ignore[typeddict-item]
        self._jws = PyJWS(
            options={"enforce_minimum_key_length": bool(self.options.get("enforce_minimum_key_length", True))}
        )

    def _plan(self) -> tuple[dict[str, Any], list[str], list[str]]:
        """(options, required claims, skipped checks) for a call without ``options``: read from
        ``self.options`` at each call (users may change it, as in PyJWT), without copying it."""
        opts = cast("dict[str, Any]", self.options)
        return opts, list(opts.get("require") or []), [c for c, k in _VERIFY_KEYS if not opts.get(k, True)]

    def encode(
        self,
        payload: Mapping[str, Any],
        key: AllowedKeys,
        algorithm: str | None | _Unset = _ALGORITHM_UNSET,
        headers: Mapping[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        sort_headers: bool = True,
    ) -> str:
        """Signs the claims ``payload`` into a compact JWT.

        :param payload: the claims, a ``dict``; ``datetime`` values of ``exp``/``iat``/``nbf``
            become integer seconds (UTC).
        :param key: the signing key: an HMAC secret (at least the hash length: 32 bytes for
            HS256, 48 for HS384, 64 for HS512, unless ``enforce_minimum_key_length`` is off), a
            private key as PEM/DER/JWK text, a :class:`PyJWK`, a ``CoreKey``, a JWK dict or a
            ``cryptography`` private key.
        :param algorithm: the ``alg``; left out: HS256, or the :class:`PyJWK`'s algorithm.
            ``None`` (``none``) and names jwtcore does not have raise ``NotImplementedError``.
        :param headers: extra header members; ``headers["alg"]`` overrides ``algorithm``, ``typ``
            set to ``None`` or ``""`` is left out, ``kid`` must be a ``str``.
        :param json_encoder: a ``json.JSONEncoder`` subclass for the header and the claims.
        :param sort_headers: sort the header's members (default ``True``).
        :returns: the token (``str``).
        :raises TypeError: ``payload`` is not a dict, or ``iss`` is not a ``str``.
        :raises InvalidKeyError: the key is unusable for ``algorithm``: public key material for
            HS*, an HMAC secret for an asymmetric algorithm, a public key for signing, a short
            HMAC secret (the message says how to opt out).
        :raises NotImplementedError: ``algorithm`` is ``None`` or not supported.
        """
        if not isinstance(payload, Mapping):
            raise TypeError("Expecting a dict object, as JWT only supports JSON objects as payloads.")
        payload = dict(payload)
        for claim in _TIME_CLAIMS:
            if isinstance(payload.get(claim), datetime):
                payload[claim] = timegm(payload[claim].utctimetuple())
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")
        payload_json = json.dumps(payload, separators=(",", ":"), cls=json_encoder)
        return self._jws._encode(
            payload_json.encode("utf-8"), key, algorithm, headers, json_encoder, False, sort_headers, 3
        )

    def decode_complete(
        self,
        jwt: str | bytes,
        key: AllowedKeys = "",
        algorithms: Iterable[str] | None = None,
        options: Options | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        issuer: str | Iterable[str] | None = None,
        subject: str | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Verifies ``jwt`` as :meth:`decode` does; returns ``{"header": dict, "payload": dict,
        "signature": bytes}``.

        Parameters, exceptions and security notes: :meth:`decode` (note the parameter order
        here, as in PyJWT: ``audience``, ``issuer``, ``subject``, ``leeway``).

        :raises DecodeError, InvalidTokenError, InvalidKeyError: as :meth:`decode`.
        """
        if kwargs:
            _warnings.warn(
                "passing additional kwargs to decode_complete() is deprecated and will be removed in pyjwt version "
                f"3. Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        _warn_legacy_verify(verify, options, 2)
        header_json, payload, signature = self._verify(
            jwt, key, algorithms, options, detached_payload, audience, issuer, subject, leeway
        )
        return {"header": json.loads(header_json), "payload": json.loads(payload), "signature": signature}

    def _verify(
        self,
        jwt: str | bytes,
        key: AllowedKeys,
        algorithms: Iterable[str] | None,
        options: Options | None,
        detached_payload: bytes | None,
        audience: str | Iterable[str] | None,
        issuer: str | Iterable[str] | None,
        subject: str | None,
        leeway: float | timedelta,
    ) -> tuple[str, bytes, bytes]:
        """The core's verdict: (header JSON, payload JSON bytes, signature bytes)."""
        if options is None and self.options.get("verify_signature", True):
            # The common call: the instance's options, derived once per distinct options state.
            merged, require, skip = self._plan()
            verify_signature = True
        else:
            merged = {**self.options, **(options or {})}
            verify_signature = merged.get("verify_signature", True)
            if not verify_signature:
                # PyJWT turns every other check off unless it is asked for explicitly.
                for name in _CHECKS:
                    if options is None or f"verify_{name}" not in options:
                        merged[f"verify_{name}"] = False
            require = list(merged.get("require") or [])
            skip = [c for c in _CHECKS if not merged.get(f"verify_{c}", True)]
        # Before any work on the token: its length.
        max_len = _token_limit(merged.get("max_token_length"))
        token = _token_text(jwt, max_len)
        if detached_payload is not None:
            _fail("b64_unsupported", "detached payloads (`b64: false`) are not supported by jwtcore")
        if isinstance(algorithms, str):
            algorithms = [algorithms]
        if algorithms is None and isinstance(key, PyJWK) and verify_signature:
            # PyJWT: a PyJWK is bound to one algorithm, which is then the whole allow-list.
            algorithms = [key.algorithm_name]
        registered = self._jws._algorithms
        core_options = {
            "algorithms": _allowed(algorithms, registered) if algorithms is not None else None,
            "leeway": _leeway_seconds(leeway),
            "issuer": _as_list(issuer, "issuer") if merged.get("verify_iss", True) else None,
            "audience": _as_list(audience, "audience") if merged.get("verify_aud", True) else None,
            "subject": subject if merged.get("verify_sub", True) else None,
            "require": require,
            "skip": skip,
            "strict_aud": bool(merged.get("strict_aud", False)),
            "max_age": None,
            "typ": None,
            "crit": [],
            "max_token_length": max_len,
        }
        now = _now()
        try:
            return self._verdict(token, key, algorithms, merged, verify_signature, core_options, now)
        except InvalidAudienceError as e:
            raise _audience_error(e, audience, core_options["strict_aud"]) from None

    def _verdict(
        self,
        token: str,
        key: AllowedKeys,
        algorithms: Any,
        merged: Mapping[str, Any],
        verify_signature: bool,
        core_options: dict[str, Any],
        now: float,
    ) -> tuple[str, bytes, bytes]:
        if not verify_signature:
            header_json, payload, signature = _core_call(_core.decode_unverified, token, core_options, now)
        else:
            if algorithms is None:
                raise DecodeError(
                    'It is required that you pass in a value for the "algorithms" argument when calling decode().'
                )
            allow_short = not merged.get("enforce_minimum_key_length", True)
            # Text or bytes go to the core as they are: it tells asymmetric key material (parsed
            # as a key) from an HMAC secret, with the same classifier everywhere.
            secret = _key_bytes(key)
            parsed = _asymmetric_key(key) if secret is None else None
            dropped: list[str] = []
            if secret is not None and not allow_short and len(secret) < 64 and len(core_options["algorithms"]) > 1:
                # (With one algorithm there is nothing to drop: the core's verdict stands.)
                core_options["algorithms"], dropped = _hmac_fit(core_options["algorithms"], secret)
            try:
                header_json, payload, signature = _core_call(
                    _core.verify, token, parsed, secret, allow_short, core_options, now
                )
            except InvalidAlgorithmError as e:
                if dropped:
                    raise _explain_dropped(e, cast(bytes, secret), dropped) from None
                raise _unsupported_alg(e, token, algorithms, self._jws._algorithms) from None
            except InvalidKeyError as e:
                if secret is not None:
                    raise _weak_key_error(e, secret, core_options["algorithms"] or ()) from None
                raise
            if allow_short and secret is not None and len(secret) < 64:
                # Accepted only because the caller turned enforce_minimum_key_length off: say so,
                # as PyJWT does.
                alg = json.loads(header_json).get("alg")
                if alg in _HASH_LEN and len(secret) < _HASH_LEN[alg]:
                    _warnings.warn(
                        f"The HMAC key is {len(secret)} bytes long, which is below the minimum recommended length "
                        f"of {_HASH_LEN[alg]} bytes for {alg}. See RFC 7518 Section 3.2.",
                        InsecureKeyLengthWarning,
                        stacklevel=5,
                    )
        return header_json, payload, signature

    def decode(
        self,
        jwt: str | bytes,
        key: AllowedKeys = "",
        algorithms: Iterable[str] | None = None,
        options: Options | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        subject: str | None = None,
        issuer: str | Iterable[str] | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Verifies the signature of ``jwt`` and its claims; returns the claims.

        :param jwt: the compact token, ``str`` or UTF-8 ``bytes``; at most ``max_token_length``
            bytes (default :data:`DEFAULT_MAX_TOKEN_LENGTH`, 64 KiB), checked before anything else.
        :param key: the verification key: an HMAC secret (``str``/``bytes``), a public key as PEM
            (any framing: BOM, comments or ``openssl -text`` output before it), DER or JWK text,
            a :class:`PyJWK` (then ``algorithms`` may be left out), a parsed
            :class:`~jwtcore._core.CoreKey`, a JWK dict or a ``cryptography`` key object. Text and
            bytes are classified by the core: key material is parsed as a key, never used as a
            secret.
        :param algorithms: the accepted ``alg`` values, e.g. ``["ES256"]`` (one name as a ``str``
            works too). Required unless ``key`` is a :class:`PyJWK` (then its algorithm) or the
            signature is not verified.
            Security: never compute ``algorithms`` from the token's own ``alg`` or any other
            data an attacker can influence (RFC 8725 §2.1); hard-code it next to the key, and
            do not mix HMAC with asymmetric algorithms that read ``key`` differently. jwtcore
            binds every key to one algorithm and never uses public-key material as an HMAC
            secret, whatever the list says.
        :param options: :class:`jwtcore.types.Options`, merged over the instance's options:
            ``verify_signature``, ``verify_exp``/``nbf``/``iat``/``aud``/``iss``/``sub``/``jti``,
            ``require`` (claims that must be present), ``strict_aud``,
            ``enforce_minimum_key_length`` (default ``True``: short HMAC keys are refused),
            ``max_token_length``.
        :param verify: ignored, as in PyJWT 2 (a ``DeprecationWarning`` when it contradicts
            ``options["verify_signature"]``).
        :param detached_payload: not supported: raises :class:`DecodeError` (``b64_unsupported``).
        :param audience: the expected audience (a ``str`` or an iterable of them; one match
            suffices). A token with ``aud`` is refused when none is given.
        :param subject: the expected ``sub``.
        :param issuer: the expected issuer (a ``str`` or an iterable of them).
        :param leeway: seconds (int, float or ``timedelta``) of clock skew allowed for ``exp``,
            ``nbf`` and ``iat``; negative asks for remaining validity (``leeway=-60``: the token
            must stay valid for more than a minute).
        :returns: the claims (``dict``).
        :raises DecodeError: malformed or oversized token (code ``token_too_long``),
            ``algorithms`` missing, non-numeric dates, bad ``crit``.
        :raises InvalidSignatureError: the signature does not verify.
        :raises InvalidAlgorithmError: ``alg`` missing, ``none``, not allowed, not the key's, or
            an HMAC algorithm the secret is too short for.
        :raises ExpiredSignatureError: ``exp`` is past (with ``leeway``).
        :raises ImmatureSignatureError: ``nbf`` or ``iat`` in the future.
        :raises InvalidAudienceError, InvalidIssuerError, InvalidSubjectError, InvalidJTIError,
            InvalidIssuedAtError, MissingRequiredClaimError: the claim checks; every one of these
            is an :class:`InvalidTokenError` (``except InvalidTokenError`` catches every failure
            the token causes).
        :raises InvalidKeyError: ``key`` is unusable: malformed, of the wrong family, an HMAC
            secret too short for every allowed algorithm (a configuration mistake).
        :raises TypeError, ValueError: ``audience``/``issuer``/``leeway``/``max_token_length``
            of the wrong type or value.

        Every exception carries ``.code``, the core's error code (``tests/vectors/error-codes.json``).
        """
        if kwargs or type(self).decode_complete is not PyJWT.decode_complete:
            # PyJWT's decode goes through decode_complete: keep that for subclasses that override it.
            decoded = self.decode_complete(
                jwt,
                key,
                algorithms,
                options,
                verify=verify,
                detached_payload=detached_payload,
                audience=audience,
                issuer=issuer,
                subject=subject,
                leeway=leeway,
                **kwargs,
            )
            return cast("dict[str, Any]", decoded["payload"])
        # The common path: the header is validated by the core but not parsed again here.
        if verify is not None:
            _warn_legacy_verify(verify, options, 2)
        _, payload, _ = self._verify(jwt, key, algorithms, options, detached_payload, audience, issuer, subject, leeway)
        return cast("dict[str, Any]", json.loads(payload.decode()))


_jws_global_obj = PyJWS()
_jwt_global_obj = PyJWT()
_jwt_global_obj._jws = _jws_global_obj
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode
get_unverified_header = _jws_global_obj.get_unverified_header
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_algorithm_by_name = _jws_global_obj.get_algorithm_by_name

# Last: the client and PyJWT's submodules use the classes and functions above. Importing them
# here makes `jwt.algorithms.RSAAlgorithm` etc. work after `import jwtcore as jwt`, as in PyJWT.
from .jwks_client import PyJWKClient  # noqa: E402
from .jwks_client_aio import AsyncPyJWKClient  # noqa: E402  (httpx is imported when one is made)
from . import algorithms, api_jwk, api_jws, api_jwt, jwk_set_cache, utils  # noqa: E402,F401
