"""PyJWT's ``jwt.api_jwk``: :class:`PyJWK`, :class:`PyJWKSet` and ``PyJWTSetWithTimestamp``."""

from __future__ import annotations

import json
import time
import warnings as _warnings
from collections.abc import Iterator, Mapping
from typing import Any, cast

from . import _core
from .warnings import InsecureKeyLengthWarning
from ._common import (
    _core_call,
    _is_utf8,
)
from .exceptions import (
    InvalidKeyError,
    PyJWKError,
    PyJWKKeyError,
    PyJWKSetError,
    PyJWTError,
)
from .types import JWKDict

__all__ = ["PyJWK", "PyJWKSet", "PyJWTSetWithTimestamp"]


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
        ``kty``/``crv`` as PyJWT does (EC P-256 → ES256, P-384 → ES384, P-521 → ES512,
        secp256k1 → ES256K, RSA → RS256,
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
        # An `oct` key shorter than its hash: refused where it is used unless that call turns
        # enforce_minimum_key_length off (PyJWT warns there), as a raw secret is.
        self._short: tuple[_core.CoreKey, InvalidKeyError] | None = None
        try:
            self._key: _core.CoreKey | None = _core_call(_core.CoreKey.from_jwk, text, algorithm)
        except InvalidKeyError as e:
            if e.code != "weak_hmac_key":
                raise self._error(e, text) from None
            self._key = None
            self._short = (self._short_key(text, algorithm), e)
        except PyJWTError as e:
            raise self._error(e, text) from None
        # The core accepted `text` as a strict JSON object, which Python's parser also accepts.
        data = json.loads(text)
        self._jwk_data: JWKDict = data
        self.key_type: str | None = data.get("kty")
        self.key_id: str | None = data.get("kid")
        self.public_key_use: str | None = data.get("use")
        self.algorithm_name: str = (self._key or self._short[0]).algorithm  # type: ignore[index]

    @staticmethod
    def _error(e: PyJWTError, text: str) -> PyJWTError:
        # An algorithm that does not exist is PyJWKError (as PyJWT); unusable key material is
        # InvalidKeyError in PyJWT and PyJWKError in jwtcore 0.1: the class is both.
        cls = PyJWKError if e.code == "alg_not_allowed" else PyJWKKeyError
        err = cls("HMAC key must not be empty." if _empty_oct(text) else str(e))
        err.code = e.code
        return err

    @staticmethod
    def _short_key(text: str, algorithm: str | None) -> _core.CoreKey:
        data = json.loads(text)
        alg = algorithm or data.get("alg") or "HS256"
        return _core_call(_core.CoreKey.from_jwk, text, alg, True)

    def _core_key(self, enforce_minimum_key_length: bool = True, stacklevel: int = 1) -> _core.CoreKey:
        """The core key to sign or verify with, under the caller's ``enforce_minimum_key_length``.

        :raises InvalidKeyError: a short ``oct`` key while the minimum length is enforced.
        """
        if self._key is not None:
            return self._key
        short, error = cast("tuple[_core.CoreKey, InvalidKeyError]", self._short)
        if enforce_minimum_key_length:
            raise _weak_jwk_error(error)
        _warnings.warn(
            f"The HMAC key of this JWK is below the minimum recommended length for {short.algorithm}. "
            "See RFC 7518 Section 3.2.",
            InsecureKeyLengthWarning,
            stacklevel=stacklevel + 1,
        )
        return short

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
        """The parsed key.

        :raises InvalidKeyError: for an ``oct`` key shorter than its hash; pass the ``PyJWK``
            itself to ``encode``/``decode`` with ``options={"enforce_minimum_key_length": False}``.
        """
        return self._core_key()

    @property
    def Algorithm(self) -> Any:  # noqa: N802 - PyJWT's name
        """The :class:`jwtcore.algorithms.Algorithm` of :attr:`algorithm_name` (as PyJWT)."""
        from .algorithms import get_default_algorithms

        return get_default_algorithms()[self.algorithm_name]


def _weak_jwk_error(e: InvalidKeyError) -> InvalidKeyError:
    err = InvalidKeyError(
        f"{e.args[0] if e.args else 'HMAC key is shorter than the hash output'}. jwtcore refuses short keys; "
        "pass the PyJWK itself with options={'enforce_minimum_key_length': False} to accept it with "
        "PyJWT's InsecureKeyLengthWarning."
    )
    err.code = e.code
    return err


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
                jwk = PyJWK(k)
            except PyJWTError:
                continue
            # A short `oct` key has no usable `.key` by default: left out, as before jwtcore 0.2.
            if jwk._key is not None:
                self.keys.append(jwk)
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


class PyJWTSetWithTimestamp:
    """A :class:`PyJWKSet` with the ``time.monotonic()`` instant it was stored (as PyJWT)."""

    def __init__(self, jwk_set: PyJWKSet) -> None:
        self.jwk_set = jwk_set
        self.timestamp = time.monotonic()

    def get_jwk_set(self) -> PyJWKSet:
        return self.jwk_set

    def get_timestamp(self) -> float:
        return self.timestamp
