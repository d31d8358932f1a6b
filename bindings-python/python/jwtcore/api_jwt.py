"""PyJWT's ``jwt.api_jwt``: :class:`PyJWT` and the module-level ``encode``/``decode``
functions of its default instance."""

from __future__ import annotations

import json
import time as _time
import warnings as _warnings
from calendar import timegm
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, cast

from . import _core, _keycache, _policy
from ._common import (
    _ALGORITHM_UNSET,
    _CHECKS,
    _HASH_LEN,
    _TIME_CLAIMS,
    _VERIFY_KEYS,
    _allowed,
    _as_list,
    _audience_error,
    _core_call,
    _fail,
    _leeway_seconds,
    _none_refused,
    _now,
    _token_limit,
    _token_text,
    _Unset,
    _unsupported_alg,
    _warn_legacy_verify,
)
from ._keys import (
    _asymmetric_key,
    _explain_dropped,
    _hmac_fit,
    _key_bytes,
    _weak_key_error,
)
from .api_jwk import PyJWK
from .api_jws import PyJWS, _json_text, _jwk_alg_mismatch, _jws_global_obj
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidKeyError,
    _from_core,
)
from .types import AllowedKeys, Options
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

def _make_compact_encoder() -> Callable[[Any], Any] | None:
    """``json.dumps(obj, separators=(",", ":"), allow_nan=False)``'s C encoder, built once instead
    of per call.

    ``json.dumps`` builds a ``JSONEncoder`` and then the C encoder on every call (0.9 of its
    2.7 µs for the benchmark's claims). This is the same C encoder with the same settings, except
    that it keeps no ``markers`` (the circular-reference bookkeeping, a dict it would otherwise
    share between threads): a circular payload then ends in ``RecursionError`` and
    :func:`_claims_json` lets ``json.dumps`` raise its own error for it. ``None`` where the C
    accelerator is missing (``json.dumps`` is used then).
    """
    from json import encoder as _encoder

    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:
        return None
    # (markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys,
    # allow_nan): what JSONEncoder(separators=(",", ":"), allow_nan=False).iterencode passes,
    # markers aside.
    return make(  # type: ignore[no-any-return]
        None, json.JSONEncoder().default, _encoder.encode_basestring_ascii, None, ":", ",", False, False, False
    )


_COMPACT_ENCODER = _make_compact_encoder()


def _claims_json(payload: dict[str, Any]) -> str:
    """:func:`_json_text` of ``payload`` (no sorting, no encoder class): the same text and the
    same exceptions, faster."""
    if _COMPACT_ENCODER is not None:
        try:
            return "".join(_COMPACT_ENCODER(payload, 0))
        except (RecursionError, ValueError):
            # Circular or too deep, or NaN/Infinity: json.dumps raises what it raises for it,
            # with _json_text's explanation for NaN.
            pass
    return _json_text(payload, False, None)


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
            ``"none"`` (or ``None``) makes an Unsecured JWT, ``header.claims.`` with no
            signature, as PyJWT does: ``key`` must then be ``None``, and no verifying call of
            jwtcore (nor of any careful library) accepts the token. Names jwtcore does not have
            raise ``NotImplementedError``.
        :param headers: extra header members; ``headers["alg"]`` overrides ``algorithm``, ``typ``
            set to ``None`` or ``""`` is left out, ``kid`` must be a ``str``.
        :param json_encoder: a ``json.JSONEncoder`` subclass for the header and the claims.
        :param sort_headers: sort the header's members (default ``True``).
        :returns: the token (``str``).
        :raises TypeError: ``payload`` is not a dict, or ``iss`` is not a ``str``.
        :raises ValueError: a claim or header value is NaN or infinite: JSON cannot carry it, and
            no verifier would accept the token (PyJWT writes the non-standard ``NaN``/``Infinity``).
        :raises InvalidKeyError: the key is unusable for ``algorithm``: public key material for
            HS*, an HMAC secret for an asymmetric algorithm, a public key for signing, a short
            HMAC secret (the message says how to opt out); any key with ``algorithm="none"``.
        :raises NotImplementedError: ``algorithm`` is not supported (or was unregistered).
        """
        if not isinstance(payload, Mapping):
            raise TypeError("Expecting a dict object, as JWT only supports JSON objects as payloads.")
        payload = dict(payload)
        for claim in _TIME_CLAIMS:
            if isinstance(payload.get(claim), datetime):
                payload[claim] = timegm(payload[claim].utctimetuple())
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")
        if json_encoder is None:
            payload_json = _claims_json(payload)
        else:
            payload_json = _json_text(payload, False, json_encoder)
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
        claims_only: bool = False,
    ) -> Any:
        """The core's verdict: (header JSON, payload JSON bytes, signature bytes), or with
        ``claims_only`` the claims ``dict`` alone."""
        plan = None
        if options is None and self.options.get("verify_signature", True):
            # The common call: the instance's options, compiled once per distinct options state.
            merged = cast("dict[str, Any]", self.options)
            plan = _policy.plan_for(self, merged)
            require, skip = plan.require, plan.skip
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
        max_len = plan.max_len if plan is not None else _token_limit(merged.get("max_token_length"))
        token = _token_text(jwt, max_len)
        if detached_payload is not None:
            _fail("b64_unsupported", "detached payloads (`b64: false`) are not supported by jwtcore")
        if isinstance(algorithms, str):
            algorithms = [algorithms]
        if algorithms is None and isinstance(key, PyJWK) and verify_signature:
            # PyJWT: a PyJWK is bound to one algorithm, which is then the whole allow-list.
            algorithms = [key.algorithm_name]
        registered = self._jws._algorithms

        def build() -> dict[str, Any]:
            fields: dict[str, Any] = {
                "algorithms": _allowed(algorithms, registered) if algorithms is not None else None,
                "leeway": _leeway_seconds(leeway),
                "issuer": _as_list(issuer, "issuer") if merged.get("verify_iss", True) else None,
                "audience": _as_list(audience, "audience") if merged.get("verify_aud", True) else None,
                "subject": subject if merged.get("verify_sub", True) else None,
                "require": require,
                "skip": skip,
                "strict_aud": bool(merged.get("strict_aud", False)),
                "max_token_length": max_len,
            }
            # Compiled once per options state and call shape: what each option means is the
            # core's (`jwtcore::policy::Policy`); a leeway outside ±1e12 s is its ValueError.
            try:
                fields["policy"] = _core.Policy(**fields)
            except ValueError as e:
                raise ValueError(e.args[0]) from None
            return fields

        if plan is not None:
            shape = _policy.call_key(algorithms, audience, issuer, subject, leeway)
            core_options = plan.core_options(shape, registered, build)
        else:
            core_options = build()
        now = _now()
        try:
            return self._verdict(token, key, algorithms, merged, verify_signature, core_options, now, claims_only)
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
        claims_only: bool = False,
    ) -> Any:
        if not verify_signature:
            header_json, payload, signature = _core_call(
                _core.decode_unverified, token, core_options["policy"], now
            )
        else:
            if algorithms is None:
                raise DecodeError(
                    'It is required that you pass in a value for the "algorithms" argument when calling decode().'
                )
            allow_short = not merged.get("enforce_minimum_key_length", True)
            # Text or bytes go to the core as they are: it tells asymmetric key material (parsed
            # as a key) from an HMAC secret, with the same classifier everywhere.
            secret = _key_bytes(key)
            parsed = _asymmetric_key(key, not allow_short, 3) if secret is None else None
            if secret is not None and type(key) in (str, bytes):
                # PEM/JWK/DER text: parsed once (cached by value), not on every call.
                try:
                    parsed = _keycache.material_key(key, secret)
                except _core.CoreError:
                    parsed = None  # the core parses it again below and gives its verdict
                if parsed is not None:
                    secret = None
            dropped: list[str] = []
            if secret is not None and not allow_short and len(secret) < 64 and len(core_options["algorithms"]) > 1:
                # (With one algorithm there is nothing to drop: the core's verdict stands.)
                core_options = dict(core_options)  # may be the plan's shared dict
                core_options["algorithms"], dropped = _hmac_fit(core_options["algorithms"], secret)
                if dropped:
                    core_options["policy"] = core_options["policy"].with_algorithms(core_options["algorithms"])
            # A short secret accepted with enforce_minimum_key_length off warns below, which needs
            # the header; every other decode() takes the claims dict straight from the core.
            warn_short = allow_short and secret is not None and len(secret) < 64
            try:
                if claims_only and not warn_short:
                    claims = _core_call(
                        _core.decode_claims, token, parsed, secret, allow_short, core_options["policy"], now
                    )
                    if claims is not None:
                        return claims
                    # (None: key material the cache could not parse; `verify` gives the core's verdict.)
                header_json, payload, signature = _core_call(
                    _core.verify, token, parsed, secret, allow_short, core_options["policy"], now
                )
            except InvalidAlgorithmError as e:
                if e.code == "alg_none":
                    raise _none_refused(e, token, algorithms, self._jws._algorithms) from None
                if dropped:
                    raise _explain_dropped(e, cast(bytes, secret), dropped) from None
                if isinstance(key, PyJWK):
                    raise _jwk_alg_mismatch(e, token, key) from None
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

    def _decode_fast(
        self, plan: Any, token: str, key: Any, algorithms: Any, audience: Any, issuer: Any, subject: Any, leeway: Any
    ) -> dict[str, Any] | None:
        """``decode``'s common call in one crossing into the core, or None to take the full path.

        Taken when the instance's options (unchanged since they were compiled) verify signatures
        with short keys refused, the key is ``bytes``/``str`` (a secret, or key text the full path
        has parsed and cached), and this call shape was compiled before (by the full path, the
        first time). Any refusal is re-run on the full path, which raises PyJWT's exception with
        PyJWT's message; the verdict is the core's either way.
        """
        entry = plan.fast_policy(self.options, self._jws._algorithms, algorithms, audience, issuer, subject, leeway)
        if entry is None:
            return None
        policy, allowed, _ = entry
        kind = type(key)
        secret = parsed = None
        if kind is bytes or kind is str:
            secret = key if kind is bytes else _key_bytes(key)
            if allowed > 1 and len(secret) < 64:
                return None  # the full path narrows the algorithms to what the secret is long enough for
        elif kind is PyJWK:
            parsed = key._key  # None for a short `oct` key: the full path raises or warns
        elif kind is _core.CoreKey:
            parsed = key
        else:
            parsed = _keycache.cached_object(key)  # a `cryptography` key the full path has converted
        if secret is None and parsed is None:
            return None
        try:
            claims = _core.decode_claims(token, parsed, secret, False, policy, _time.time())
            if claims is None:
                # Key material, not a secret: served parsed from the cache the full path fills.
                parsed = _keycache.cached_material(key)
                if parsed is None:
                    return None
                claims = _core.decode_claims(token, parsed, None, False, policy, _time.time())
        except _core.CoreError as e:
            if e.args[0] == "bad_signature":
                # The full path would raise this same exception (same key, same compiled policy):
                # raised here, a forged token costs one verification instead of two.
                raise _from_core(e) from None
            return None
        return claims  # type: ignore[no-any-return]

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
        :raises InvalidSignatureError: the signature does not verify, or the token is an
            ``alg: "none"`` one and ``algorithms`` lists ``"none"`` (PyJWT's verdict: nothing
            verifies an unsecured token; ``code`` is ``alg_none``).
        :raises InvalidAlgorithmError: ``alg`` missing, ``none`` (not listed), not allowed, or an
            HMAC algorithm the secret is too short for.
        :raises AlgorithmKeyMismatchError: ``alg`` is not the key's: public-key material given
            for an HS* token, a secret for an ES256 one, ... Both an :class:`InvalidAlgorithmError`
            and an :class:`InvalidKeyError` (PyJWT raises the latter for the key-confusion case).
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
        if options is None and verify is None and detached_payload is None and not kwargs and type(jwt) is str:
            plan = self.__dict__.get("_jwtcore_plan")
            if plan is not None and jwt.isascii() and type(self).decode_complete is _DECODE_COMPLETE:
                if type(key) is bytes:
                    # The commonest call, spelled out here: every function call saved is ~0.1 µs.
                    entry = plan.fast_policy(
                        self.options, self._jws._algorithms, algorithms, audience, issuer, subject, leeway
                    )
                    if entry is not None and (entry[1] <= 1 or len(key) >= 64):
                        # One HMAC algorithm: the secret's keyed state is kept (no key schedule).
                        hmac_key = None
                        if entry[2] is not None:
                            hmac_key = plan.secrets.get(entry[2], _NO_SECRETS).get(key) or plan.hmac_key(entry[2], key)
                        try:
                            if hmac_key is not None:
                                claims = _core.decode_claims(jwt, hmac_key, None, False, entry[0], _time.time())
                            else:
                                claims = _core.decode_claims(jwt, None, key, False, entry[0], _time.time())
                        except _core.CoreError as e:
                            if e.args[0] == "bad_signature":
                                raise _from_core(e) from None  # a forged token costs one verification
                            claims = None  # the full path below raises PyJWT's exception
                        if claims is not None:
                            return claims  # type: ignore[no-any-return]
                claims = self._decode_fast(plan, jwt, key, algorithms, audience, issuer, subject, leeway)
                if claims is not None:
                    return claims
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
        verdict = self._verify(
            jwt, key, algorithms, options, detached_payload, audience, issuer, subject, leeway, claims_only=True
        )
        if type(verdict) is dict:
            return verdict
        return cast("dict[str, Any]", json.loads(verdict[1]))



_DECODE_COMPLETE = PyJWT.decode_complete
_NO_SECRETS: dict[bytes, Any] = {}
_jwt_global_obj = PyJWT()
# One PyJWS for the module-level functions of both modules, as in PyJWT: unregister_algorithm
# applies to jwt.encode too.
_jwt_global_obj._jws = _jws_global_obj
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode

__all__ = ["PyJWT", "decode", "decode_complete", "encode"]
