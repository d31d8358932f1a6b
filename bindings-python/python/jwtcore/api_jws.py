"""PyJWT's ``jwt.api_jws``: :class:`PyJWS` (compact JWS with a ``bytes`` payload) and the
functions of its default instance."""

from __future__ import annotations

import base64
import json
import warnings as _warnings
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, cast

from . import _core
from ._common import (
    _ALGORITHM_UNSET,
    _ALL_NAMES,
    ALGORITHMS,
    NONE,
    _algorithm_list,
    _allowed,
    _core_call,
    _fail,
    _header_alg,
    _none_refused,
    _token_limit,
    _token_text,
    _Unset,
    _unsupported_alg,
    _validate_headers,
)
from ._keys import (
    _asymmetric_key,
    _explain_dropped,
    _hmac_fit,
    _key_bytes,
    _signing_key,
    _weak_key_error,
)
from .api_jwk import PyJWK
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidKeyError,
    InvalidTokenError,
)
from .types import AllowedKeys, SigOptions
from .warnings import RemovedInPyjwt3Warning

# The header JSON of the common `encode` call (no extra headers, no custom encoder), by
# (alg, typ, sort_headers): the same text json.dumps gives, made once instead of per call (about
# 2 µs of a 20 µs ES256 encode). Bounded: alg is one of the supported names, typ a string a
# caller set on the instance.
_PLAIN_HEADERS: dict[tuple[str, Any, bool], str] = {}


def _json_text(value: Any, sort_keys: bool, json_encoder: type[json.JSONEncoder] | None) -> str:
    """``value`` as compact JSON, refusing NaN and infinities.

    JSON has no NaN or Infinity (RFC 8259 §6); ``json.dumps`` writes them by default, which makes
    a token no verifier can read (jwtcore refuses it, as does any strict parser). PyJWT encodes
    them; jwtcore raises :class:`ValueError`, the class ``json.dumps(..., allow_nan=False)``
    raises for them, with a message that says how to fix it.
    """
    try:
        return json.dumps(value, separators=(",", ":"), sort_keys=sort_keys, cls=json_encoder, allow_nan=False)
    except ValueError as e:
        if "Out of range float values" not in str(e):
            raise
        raise ValueError(
            f"{e}: JSON has no NaN or Infinity (RFC 8259 §6), so no verifier could read the token; "
            "send the value as a string, or leave the member out"
        ) from None


def _plain_header(alg: str, typ: Any, sort_headers: bool) -> str:
    key = (alg, typ, sort_headers)
    text = _PLAIN_HEADERS.get(key) if isinstance(typ, (str, type(None))) else None
    if text is None:
        header: dict[str, Any] = {"typ": typ, "alg": alg} if typ else {"alg": alg}
        text = json.dumps(header, separators=(",", ":"), sort_keys=sort_headers, allow_nan=False)
        if isinstance(typ, (str, type(None))) and len(_PLAIN_HEADERS) < 256:
            _PLAIN_HEADERS[key] = text
    return text

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


def _jwk_alg_mismatch(e: InvalidAlgorithmError, token: str, key: PyJWK) -> InvalidAlgorithmError:
    """PyJWT's message when the token's ``alg`` is allowed but is not the :class:`PyJWK`'s (the
    core refuses it as the key's mismatch; the error path reads the header again to name it)."""
    if e.code != "alg_key_mismatch":
        return e
    alg = _header_alg(token)
    if alg is None:
        return e
    e.args = (f"Token algorithm {alg!r} does not match the key's algorithm {key.algorithm_name!r}",)
    return e


def _crit_encode_error(header: Mapping[str, Any]) -> InvalidTokenError:
    """PyJWT's error for the ``crit`` of ``header``, which the core refused to sign.

    The core made the decision (RFC 7515 §4.1.11); this only picks the text PyJWT's ``decode``
    gives the same header, so code matching on it works, and says how to fix the rest.
    """
    crit = header.get("crit")
    if not isinstance(crit, list) or not crit:
        message = "Invalid 'crit' header: must be a non-empty list"
    elif not all(isinstance(ext, str) for ext in crit):
        message = "Invalid 'crit' header: values must be strings"
    elif any(ext not in header for ext in crit):
        missing = next(ext for ext in crit if ext not in header)
        message = f"Critical extension '{missing}' is missing from headers"
    elif len(set(crit)) != len(crit):
        message = "Invalid 'crit' header: each extension may be listed once"
    else:
        message = (
            "Invalid 'crit' header: it must list only extensions, not parameters registered by "
            "RFC 7515/7518 such as 'alg', 'kid' or 'typ' (every recipient understands those)"
        )
    error = InvalidTokenError(message)
    error.code = "crit_invalid"
    return error


def _b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _peek_header(token: str) -> Any:
    """The header of ``token``, unverified, or ``{}``; used only to choose PyJWT's message."""
    try:
        header = json.loads(_b64decode(token.split(".", 1)[0]))
    except (ValueError, TypeError):
        return {}
    return header if isinstance(header, dict) else {}


def _is_detached_form(token: str) -> bool:
    """Whether ``token`` has the shape of a detached-payload JWS (three segments, the middle one
    empty); the core checks the rest."""
    _, _, rest = token.partition(".")
    return rest.startswith(".") and "." not in rest[1:]


def _check_detached(token: str, detached_payload: bytes | None) -> None:
    """PyJWT's rules for ``detached_payload``, with its messages. The core enforces the RFC
    rules again (``b64`` critical, empty payload segment); this only picks PyJWT's errors and
    its restriction of detached payloads to ``b64: false``."""
    segments = token.split(".")
    detached_shape = len(segments) == 3 and segments[1] == ""
    if detached_payload is None:
        if detached_shape and _peek_header(token).get("b64", True) is False:
            raise DecodeError(
                'It is required that you pass in a value for the "detached_payload" argument to decode a '
                "message having the b64 header set to false."
            )
        return
    header = _peek_header(token)
    if header.get("b64", True) is not False:
        raise DecodeError(
            'It is only valid to pass "detached_payload" when the protected header has "b64" set to false.'
        )
    crit = header.get("crit") or []
    if not isinstance(crit, list) or "b64" not in crit:
        raise InvalidTokenError("The 'b64' header parameter requires 'b64' to be listed in 'crit'.")
    if len(segments) == 3 and segments[1]:
        raise DecodeError("Payload segment must be empty when 'b64' is false.")


class PyJWS:
    """PyJWT's ``PyJWS``: compact JWS with an arbitrary ``bytes`` payload (no claims).

    ``algorithms`` restricts the instance to those names (default: every algorithm jwtcore
    has, and ``none``, as PyJWT). ``none`` makes Unsecured JWSs (``encode(..., key=None,
    algorithm="none")``), which no verifying call accepts. Custom algorithms cannot be
    registered: the cryptography is the core's. Detached
    unencoded payloads (RFC 7797, ``b64: false`` with ``"b64"`` in ``crit``) work as in PyJWT:
    ``encode(..., is_payload_detached=True)`` and ``decode(..., detached_payload=...)``.
    """

    header_typ: str | None = "JWT"

    def __init__(self, algorithms: Iterable[str] | None = None, options: SigOptions | None = None) -> None:
        names = _ALL_NAMES if algorithms is None else algorithms
        self._algorithms: set[str] = {a for a in names if isinstance(a, str) and a in _ALL_NAMES}
        self.options: SigOptions = {**_DEFAULT_SIG_OPTIONS, **(options or {})}

    def register_algorithm(self, alg_id: str, alg_obj: Any) -> NoReturn:
        """Not supported: jwtcore only runs the core's algorithms.

        :raises TypeError: ``alg_obj`` is not an :class:`~jwtcore.algorithms.Algorithm` (as PyJWT).
        :raises ValueError: ``alg_id`` is already registered (as PyJWT).
        :raises NotImplementedError: otherwise: the cryptography is the core's.
        """
        from .algorithms import Algorithm

        if not isinstance(alg_obj, Algorithm):
            raise TypeError("Object is not of type `Algorithm`")
        if alg_id in self._algorithms:
            raise ValueError("Algorithm already has a handler.")
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
        """The ``alg`` values this instance signs, ``none`` first as in PyJWT. All but ``none``
        are also accepted by :meth:`decode` (when listed in its ``algorithms``); an unsecured
        token is refused whatever is registered."""
        return [a for a in (NONE, *ALGORITHMS) if a in self._algorithms]

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
            :class:`PyJWK`'s, then HS256. ``None`` means ``none``: an Unsecured JWS
            (``header.payload.``, made by the core's ``jwtcore::unsecured``), as in PyJWT, with
            ``key=None``; no verifying call accepts it. An algorithm this instance does not have
            raises ``NotImplementedError``.
        :param headers: extra header members; ``typ`` is :attr:`header_typ` unless set here
            (``None`` or ``""`` leaves it out); ``kid`` must be a ``str``.
        :param json_encoder: a ``json.JSONEncoder`` subclass for the header.
        :param is_payload_detached: sign ``payload`` unencoded and leave it out of the token
            (RFC 7797 with RFC 7515 Appendix F): the header gets ``"b64": false`` and ``"b64"``
            in ``crit``; ``headers={"b64": False}`` does the same. The verifier needs the payload
            as ``detached_payload``.
        :param sort_headers: sort the header's members (default ``True``).
        :returns: the token (``str``).
        :raises DecodeError: empty attached payloads (``malformed_token``), which the core's
            verifier would refuse.
        :raises InvalidTokenError: ``crit`` in ``headers`` is malformed (``code`` is
            ``crit_invalid``): not a non-empty list of strings, naming a member the header
            lacks, a registered name such as ``alg``, or a name twice. PyJWT signs such headers
            and refuses the token at ``decode`` with the same class and message; jwtcore refuses
            to sign them (RFC 7515 §4.1.11: producers MUST NOT).
        :raises InvalidKeyError: the key is unusable for the algorithm (see :meth:`PyJWT.encode`),
            or a key is given with ``none`` (PyJWT's rule).
        :raises ValueError: a header value is NaN or infinite (JSON cannot carry it).
        :raises NotImplementedError: the algorithm is not supported (or was unregistered).
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
            # RFC 7797 §6: `b64` must be critical, so a verifier that does not know it refuses
            # the token rather than misreading the payload (the core requires it too).
            header["b64"] = False
            crit = header.get("crit", [])
            if not isinstance(crit, list):
                raise InvalidTokenError("Invalid 'crit' header: must be a list")
            if "b64" not in crit:
                header["crit"] = [*crit, "b64"]
        else:
            # `b64: true` is the default meaning; PyJWT drops it rather than sign it.
            header.pop("b64", None)
        if not isinstance(alg, str) or alg not in self._algorithms:
            raise NotImplementedError("Algorithm not supported")
        if not payload and not is_payload_detached:
            # The core's verifier requires three non-empty segments; refuse to make a token it
            # would reject.
            _fail("malformed_token", "jwtcore does not sign empty payloads: they cannot be verified")
        if headers or json_encoder is not None or is_payload_detached:
            header_json = _json_text(header, sort_headers, json_encoder)
        else:
            header_json = _plain_header(alg, header.get("typ"), sort_headers)
        try:
            if alg == NONE:
                from .algorithms import NoneAlgorithm

                # PyJWT's rule: a key given with `none` means the caller meant to sign, so it is
                # refused (InvalidKeyError) rather than silently dropped.
                NoneAlgorithm().prepare_key(cast(Any, key))
                return _core_call(_core.sign_unsecured, header_json.encode("utf-8"), bytes(payload))
            enforce = bool(self.options.get("enforce_minimum_key_length", True))
            core_key = _signing_key(key, alg, enforce, stacklevel + 1)
            return _core_call(_core.sign, header_json.encode("utf-8"), bytes(payload), core_key, is_payload_detached)
        except DecodeError as e:
            if e.code != "crit_invalid":
                raise
            raise _crit_encode_error(header) from None

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
        :param detached_payload: the payload of a token signed with ``is_payload_detached=True``
            (its header has ``"b64": false``, listed in ``crit``, and its payload segment is
            empty); required for such a token, refused for any other.
        :raises DecodeError: malformed or oversized token, ``algorithms`` missing,
            ``detached_payload`` missing for a ``b64: false`` token or given for another one.
        :raises InvalidSignatureError: the signature does not verify, or ``alg`` is ``none`` and
            ``algorithms`` lists it (PyJWT's verdict: nothing verifies an Unsecured JWS; ``code``
            is ``alg_none``).
        :raises InvalidAlgorithmError: ``alg`` missing, not allowed, ``none`` not listed, not
            supported; :class:`AlgorithmKeyMismatchError` (also an :class:`InvalidKeyError`) when
            it is not the key's.
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
        _check_detached(token, detached_payload)
        if not verify_signature:
            if detached_payload is not None:
                # Nothing is verified: the header and signature as they stand (the core's rules for
                # a detached token's structure and encoding), the payload as given.
                header_json, signature = _core_call(_core.decode_detached_unverified, token, max_len)
                header = json.loads(header_json)
                _validate_headers(header_json)
                return {"payload": detached_payload, "header": header, "signature": signature}
            header_json, payload, signature = _core_call(_core.decode_jws_unverified, token, max_len)
            header = json.loads(header_json)
            _validate_headers(header_json)
            return {"payload": payload, "header": header, "signature": signature}
        if algorithms is None and isinstance(key, PyJWK):
            algorithms = [key.algorithm_name]
        core_options = dict(_JWS_CORE_OPTIONS)
        allowed = _allowed(_algorithm_list(algorithms) or (), self._algorithms)
        core_options["max_token_length"] = max_len
        allow_short = not merged.get("enforce_minimum_key_length", True)
        # Text or bytes go to the core as they are: it tells key material from a secret.
        secret = _key_bytes(key)
        parsed = _asymmetric_key(key, not allow_short, 2) if secret is None else None
        dropped: list[str] = []
        if secret is not None and not allow_short and len(secret) < 64 and len(allowed) > 1:
            allowed, dropped = _hmac_fit(allowed, secret)
        core_options["algorithms"] = allowed
        try:
            header_json, payload, signature = _core_call(
                _core.verify, token, parsed, secret, allow_short, core_options, 0.0, True, None, detached_payload
            )
        except InvalidAlgorithmError as e:
            if e.code == "alg_none":
                raise _none_refused(e, token, _algorithm_list(algorithms), self._algorithms) from None
            if dropped:
                raise _explain_dropped(e, cast(bytes, secret), dropped) from None
            if isinstance(key, PyJWK):
                raise _jwk_alg_mismatch(e, token, key) from None
            raise _unsupported_alg(e, token, _algorithm_list(algorithms), self._algorithms) from None
        except InvalidKeyError as e:
            if secret is not None:
                raise _weak_key_error(e, secret, allowed) from None
            raise
        header = json.loads(header_json)
        if detached_payload is None and header.get("b64", True) is False:
            # The core verified an unencoded payload carried in the token; PyJWT only knows the
            # detached form, so refuse (after verification: this refusal is PyJWT's policy).
            raise DecodeError("Payload segment must be empty when 'b64' is false.")
        return {"payload": payload, "header": header, "signature": signature}

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
        :returns: the header (``dict``), also of a token with a detached payload
            (``header..signature``).
        :raises DecodeError: the token is oversized or malformed (three segments, canonical
            base64url, a JSON object as header), ``kid`` is not a ``str`` or ``crit`` is invalid
            (as PyJWT checks them).

        Security: nothing here is authenticated. Use the header only to pick a key (``kid``),
        never to pick the algorithm, and verify the token before trusting anything in it.
        """
        limit = _token_limit(self.options.get("max_token_length"))
        token = _token_text(jwt, limit)
        if _is_detached_form(token):
            # `header..signature` (RFC 7515 Appendix F): PyJWT reads its header too.
            header_json, _ = _core_call(_core.decode_detached_unverified, token, limit)
        else:
            header_json, _, _ = _core_call(_core.decode_jws_unverified, token, limit)
        header: dict[str, Any] = json.loads(header_json)
        _validate_headers(header_json)
        return header


_jws_global_obj = PyJWS()
encode = _jws_global_obj.encode
decode_complete = _jws_global_obj.decode_complete
decode = _jws_global_obj.decode
get_unverified_header = _jws_global_obj.get_unverified_header
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_algorithm_by_name = _jws_global_obj.get_algorithm_by_name

__all__ = [
    "PyJWS",
    "decode",
    "decode_complete",
    "encode",
    "get_algorithm_by_name",
    "get_unverified_header",
    "register_algorithm",
    "unregister_algorithm",
]
