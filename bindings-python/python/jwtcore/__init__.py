"""JSON Web Tokens on the jwtcore Rust core, with PyJWT's API: ``import jwtcore as jwt``.

Parsing, validation, cryptography and error classification happen in the core; this module
converts Python values (dicts, datetimes, keys) and maps the core's error codes to PyJWT's
exception classes. Differences from PyJWT are listed in the package README.
"""

from __future__ import annotations

import json
import time
import warnings as _warnings
from calendar import timegm
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

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
    PyJWKSetError,
    PyJWTError,
    _from_core,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__all__ = [
    "encode",
    "decode",
    "decode_complete",
    "get_unverified_header",
    "PyJWT",
    "PyJWK",
    "PyJWKSet",
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


def _core_call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except _core.CoreError as e:
        raise _from_core(e) from None


class PyJWK:
    """A JWK (dict or JSON text) parsed by the core, bound to its algorithm."""

    def __init__(self, jwk_data: Mapping[str, Any] | str, algorithm: str | None = None) -> None:
        text = jwk_data if isinstance(jwk_data, str) else json.dumps(dict(jwk_data))
        try:
            self._key = _core_call(_core.CoreKey.from_jwk, text, algorithm)
        except PyJWTError as e:
            raise PyJWKError(str(e)) from None
        data = json.loads(text)
        self._jwk_data = data
        self.key_type = data.get("kty")
        self.key_id = data.get("kid")
        self.public_key_use = data.get("use")
        self.algorithm_name = self._key.algorithm

    @staticmethod
    def from_dict(obj: Mapping[str, Any], algorithm: str | None = None) -> "PyJWK":
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str, algorithm: str | None = None) -> "PyJWK":
        return PyJWK(json.loads(data), algorithm)

    @property
    def key(self) -> "_core.CoreKey":
        return self._key


class PyJWKSet:
    """A JWK set; keys of unsupported types are skipped (like PyJWT)."""

    def __init__(self, keys: Iterable[Mapping[str, Any]]) -> None:
        self.keys = []
        for k in keys:
            try:
                self.keys.append(PyJWK(k))
            except PyJWKError:
                continue
        if not self.keys:
            raise PyJWKSetError("The JWK Set did not contain any usable keys")

    @staticmethod
    def from_dict(obj: Mapping[str, Any]) -> "PyJWKSet":
        return PyJWKSet(obj.get("keys", []))

    @staticmethod
    def from_json(data: str) -> "PyJWKSet":
        return PyJWKSet.from_dict(json.loads(data))

    def __getitem__(self, kid: str) -> PyJWK:
        for k in self.keys:
            if k.key_id == kid:
                return k
        raise KeyError(f"keyset has no key for kid: {kid}")


def _key_bytes(key: Any) -> bytes | None:
    if isinstance(key, str):
        return key.encode("utf-8")
    if isinstance(key, (bytes, bytearray, memoryview)):
        return bytes(key)
    return None


def _from_crypto_object(key: Any) -> "_core.CoreKey | None":
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


def _asymmetric_key(key: Any) -> "_core.CoreKey | None":
    """A parsed key for anything that is not a raw HMAC secret, else None."""
    if isinstance(key, _core.CoreKey):
        return key
    if isinstance(key, PyJWK):
        return key.key
    if isinstance(key, Mapping):
        return _core_call(_core.CoreKey.from_jwk, json.dumps(dict(key)), None)
    data = _key_bytes(key)
    if data is None:
        obj = _from_crypto_object(key)
        if obj is None:
            raise InvalidKeyError(f"Expecting a PEM-formatted key, a JWK or a secret, not {type(key).__name__}")
        return obj
    if data.lstrip().startswith(b"-----BEGIN"):
        return _core_call(_core.CoreKey.from_pem, data.decode("utf-8", "replace"))
    return None


def _now() -> float:
    # Read through the time module at every call, so freezegun/time-machine work.
    return time.time()


def _to_seconds(value: Any) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def _as_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        items = list(value)
        if not all(isinstance(v, str) for v in items):
            raise TypeError("audience and issuer must be strings or sequences of strings")
        return items
    raise TypeError("audience and issuer must be strings or sequences of strings")


_DEFAULT_OPTIONS: dict[str, Any] = {
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
    """PyJWT's class interface; the module-level functions use one default instance."""

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = {**_DEFAULT_OPTIONS, **(options or {})}

    def encode(
        self,
        payload: Mapping[str, Any],
        key: Any,
        algorithm: str | None = "HS256",
        headers: Mapping[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        sort_headers: bool = True,
    ) -> str:
        if not isinstance(payload, Mapping):
            raise TypeError("Expecting a dict object, as JWT only supports JSON objects as payloads.")
        payload = dict(payload)
        for claim in _TIME_CLAIMS:
            if isinstance(payload.get(claim), datetime):
                payload[claim] = timegm(payload[claim].utctimetuple())
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")
        if isinstance(key, PyJWK) and algorithm in (None, "HS256") and not (headers or {}).get("alg"):
            algorithm = key.algorithm_name
        alg = (headers or {}).get("alg") or algorithm or "none"
        if alg not in ALGORITHMS:
            raise NotImplementedError("Algorithm not supported")
        header: dict[str, Any] = {"typ": "JWT", "alg": alg}
        if headers:
            header.update(headers)
        if header.get("typ") in (None, ""):
            header.pop("typ", None)
        if "kid" in header and not isinstance(header["kid"], str):
            raise InvalidTokenError("Key ID header parameter must be a string")
        header_json = json.dumps(header, separators=(",", ":"), sort_keys=sort_headers, cls=json_encoder)
        payload_json = json.dumps(payload, separators=(",", ":"), cls=json_encoder)
        core_key = self._signing_key(key, alg)
        return _core_call(_core.sign, header_json.encode("utf-8"), payload_json.encode("utf-8"), core_key)

    def _signing_key(self, key: Any, alg: str) -> "_core.CoreKey":
        parsed = _asymmetric_key(key)
        if parsed is not None:
            if alg.startswith(("RS", "PS")) and parsed.algorithm != alg:
                try:
                    return parsed.bind(alg)
                except _core.CoreError:
                    pass
            return parsed
        if alg not in HMAC_ALGORITHMS:
            raise InvalidKeyError(f"Expecting a PEM-formatted key for {alg}")
        secret = _key_bytes(key)
        enforce = self.options.get("enforce_minimum_key_length", True)
        if not enforce and len(secret) < _HASH_LEN[alg]:
            _warnings.warn(
                f"The HMAC key is {len(secret)} bytes long, which is below the minimum recommended length of "
                f"{_HASH_LEN[alg]} bytes for {alg}. See RFC 7518 Section 3.2.",
                InsecureKeyLengthWarning,
                stacklevel=3,
            )
        return _core_call(_core.CoreKey.from_secret, alg, secret, not enforce)

    def decode_complete(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Iterable[str] | None = None,
        options: Mapping[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: Any = None,
        issuer: Any = None,
        subject: str | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        if kwargs:
            _warnings.warn(
                "passing additional kwargs to decode_complete() is deprecated and will be removed in pyjwt version "
                f"3. Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        if detached_payload is not None:
            raise DecodeError("Detached payloads (b64: false) are not supported")
        merged = {**self.options, **(options or {})}
        if isinstance(jwt, (bytes, bytearray)):
            try:
                jwt = bytes(jwt).decode("utf-8")
            except UnicodeDecodeError:
                raise DecodeError("Invalid token type. Token must be a <class 'str'> or <class 'bytes'>") from None
        if not isinstance(jwt, str):
            raise DecodeError(f"Invalid token type. Token must be a {str} or {bytes}")
        verify_signature = merged.get("verify_signature", True)
        if not verify_signature:
            # PyJWT turns every other check off unless it is asked for explicitly.
            for name in _CHECKS:
                merged.setdefault(f"verify_{name}", False)
                if options is None or f"verify_{name}" not in options:
                    merged[f"verify_{name}"] = False
        require = list(merged.get("require") or [])
        skip = [c for c in _CHECKS if not merged.get(f"verify_{c}", True)]
        core_options = {
            "algorithms": list(algorithms) if algorithms is not None else None,
            "leeway": _to_seconds(leeway),
            "issuer": _as_list(issuer) if merged.get("verify_iss", True) else None,
            "audience": _as_list(audience) if merged.get("verify_aud", True) else None,
            "subject": subject if merged.get("verify_sub", True) else None,
            "require": require,
            "skip": skip,
            "strict_aud": bool(merged.get("strict_aud", False)),
            "max_age": None,
            "typ": None,
            "crit": [],
            "max_token_length": merged.get("max_token_length"),
        }
        now = _now()
        if not verify_signature:
            header_json, payload = _core_call(_core.decode_unverified, jwt, core_options, now)
            signature = b""
        else:
            if algorithms is None:
                raise DecodeError(
                    'It is required that you pass in a value for the "algorithms" argument when calling decode().'
                )
            parsed = _asymmetric_key(key)
            secret = None
            allow_short = not merged.get("enforce_minimum_key_length", True)
            if parsed is None:
                secret = _key_bytes(key)
            header_json, payload, signature = _core_call(
                _core.verify, jwt, parsed, secret, allow_short, core_options, now
            )
        return {"header": json.loads(header_json), "payload": json.loads(payload), "signature": signature}

    def decode(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Iterable[str] | None = None,
        options: Mapping[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: Any = None,
        subject: str | None = None,
        issuer: Any = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        return self.decode_complete(
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
        )["payload"]


_jwt_global_obj = PyJWT()
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode


def get_unverified_header(jwt: str | bytes) -> dict[str, Any]:
    """The header, without any verification (kid/crit types still checked by the core)."""
    if isinstance(jwt, (bytes, bytearray)):
        jwt = bytes(jwt).decode("utf-8", "replace")
    header_json, _ = _core_call(_core.decode_unverified, jwt, None, 0.0)
    return json.loads(header_json)
