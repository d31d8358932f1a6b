"""Shared by the API modules: the algorithm names, token text and length checks, error mapping
and the argument conversions PyJWT's functions have in common. Private."""

from __future__ import annotations

import json
import math
import numbers
import time
import warnings as _warnings
from collections.abc import Iterable, Mapping, Set
from datetime import timedelta
from typing import Any, Callable, NoReturn, TypeVar

from . import _core
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidSignatureError,
    _from_core,
)

# The algorithm facts are the core's (``jwtcore::algorithms()``); nothing here restates them.
_ALGORITHM_TABLE: tuple[dict[str, Any], ...] = tuple(r for r in _core.algorithms() if r["supported"])
# Families in the order PyJWT's lists put them (HMAC first, as ``get_algorithms()`` always has).
_FAMILY_ORDER = ("hmac", "ec", "okp", "rsa", "rsa-pss")
ALGORITHMS: tuple[str, ...] = tuple(
    r["name"] for r in sorted(_ALGORITHM_TABLE, key=lambda r: _FAMILY_ORDER.index(r["family"]))
)
HMAC_ALGORITHMS: tuple[str, ...] = tuple(r["name"] for r in _ALGORITHM_TABLE if r["family"] == "hmac")
_FAMILY: dict[str, str] = {r["name"]: r["family"] for r in _ALGORITHM_TABLE}
_HASH_LEN: dict[str, int] = {r["name"]: r["hmac_min_key_len"] for r in _ALGORITHM_TABLE if r["family"] == "hmac"}
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


# PyJWT's messages for the header rules the core checks on unverified reads
# (`jwtcore::dangerous::check_unverified_header`), by the rule it reports.
_UNVERIFIED_HEADER_MESSAGES = {
    "kid_not_string": "Key ID header parameter must be a string",
    "crit_not_list": "Invalid 'crit' header: must be a non-empty list",
    "crit_not_string": "Invalid 'crit' header: values must be strings",
    "crit_unsupported": "Unsupported critical extension: {}",
    "crit_missing": "Critical extension '{}' is missing from headers",
}


def _validate_headers(header_json: str) -> None:
    """PyJWT's header checks on tokens it does not verify (``kid`` a string, ``crit`` well formed),
    decided by the core; the verifying paths get the same checks, and stricter ones, from the core.
    """
    broken = _core.check_unverified_header(header_json)
    if broken is not None:
        code, rule, extension = broken
        _fail(code, _UNVERIFIED_HEADER_MESSAGES.get(rule, "Invalid header string").format(extension))


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


def _header_alg(token: str) -> Any:
    """The ``alg`` of ``token``'s header, unverified, or ``None``; only to choose PyJWT's message
    after the core has refused the token."""
    try:
        return json.loads(_core.decode_jws_unverified(token, len(token))[0]).get("alg")
    except (_core.CoreError, ValueError):
        return None


def _unsupported_alg(e: InvalidAlgorithmError, token: str, requested: Any, registered: Set[str]) -> InvalidAlgorithmError:
    """PyJWT's "Algorithm not supported" when the caller allowed the token's ``alg`` but this
    instance has no such algorithm (an unknown name, or one unregistered); the core only sees
    the names it can verify, so it says "not allowed"."""
    if e.code != "alg_not_allowed" or not requested:
        return e
    unknown = {a for a in requested if isinstance(a, str) and a not in registered}
    if unknown and _header_alg(token) in unknown:
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
    """The names of ``algorithms`` this binding may verify: known, still registered, not ``none``.

    Anything else could never match a header ``alg`` the core accepts (``none`` is never
    accepted), so dropping it keeps the verdict and keeps non-str values out of the Rust
    conversion.
    """
    return [a for a in algorithms if isinstance(a, str) and a in registered and a != NONE]


NONE = "none"
"""PyJWT's name for the Unsecured JWS (RFC 7518 §3.6): listed by ``get_algorithms()`` and made by
``encode(..., algorithm="none")`` as PyJWT does, never accepted by a verifying call."""

_ALL_NAMES = frozenset((NONE, *ALGORITHMS))
"""Every name a :class:`~jwtcore.PyJWS` can have registered: the core's algorithms and ``none``."""


def _none_refused(e: InvalidAlgorithmError, token: str, requested: Any, registered: Set[str]) -> Exception:
    """PyJWT's verdict on an ``alg: "none"`` token whose caller allowed ``none``.

    The core refuses every unsecured token (``alg_none``) whatever the allow-list; PyJWT lets it
    reach its ``NoneAlgorithm``, whose ``verify`` is always ``False``, and raises
    ``InvalidSignatureError("Signature verification failed")``. Same refusal, PyJWT's class and
    text; ``code`` stays ``alg_none``. A token spelled ``"None"``, or a caller that did not allow
    ``none``, keeps the core's :class:`InvalidAlgorithmError` (PyJWT: not an allowed alg), with
    PyJWT's "Algorithm not supported" when the caller allowed ``none`` but this instance had it
    unregistered.
    """
    if e.code != "alg_none" or not requested or NONE not in requested or _header_alg(token) != NONE:
        return e
    if NONE not in registered:
        e.args = ("Algorithm not supported",)
        return e
    refused = InvalidSignatureError("Signature verification failed")
    refused.code = e.code
    return refused
