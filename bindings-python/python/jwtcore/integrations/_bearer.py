"""What every bearer integration shares, without a framework: reading the ``Authorization``
header, picking the key, the core's verdict, the denylist, and the RFC 6750 answer to each
failure. :mod:`jwtcore.integrations.starlette` and :mod:`jwtcore.integrations.django` only move
these values in and out of their request and response types.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Callable, Optional, TypeVar, Union

from .. import PyJWK, PyJWKSet, decode, get_unverified_header
from ..exceptions import PyJWKClientConnectionError, PyJWKClientError, PyJWTError
from ..jwks_client import _public_keys

__all__ = ["BearerError", "BearerVerifier", "bearer_challenge", "convert_claims", "require_scopes"]

C = TypeVar("C")


class BearerError(Exception):
    """Why a request's bearer credential was refused, with the HTTP answer for it.

    :ivar status: ``401`` (no or a bad token), ``400`` (an unreadable ``Authorization``
        header: RFC 6750's ``invalid_request``), ``403`` (``insufficient_scope``) or ``503``
        (the key source or the denylist store could not answer; nothing was decided).
    :ivar error: the RFC 6750 ``error`` (``invalid_token``, ``invalid_request``,
        ``insufficient_scope``), ``None`` when the request carried no bearer token (RFC 6750
        §3.1: no error code then) or for ``503``.
    :ivar code: jwtcore's code: the core's (``expired``, ``bad_signature``, ``no_matching_key``,
        ``revoked``, ...) or ``missing_token``, ``malformed_authorization``,
        ``insufficient_scope``, ``key_source_unavailable``, ``store_unavailable``.
    :ivar scope: the scopes a ``403`` asks for (space-separated), else ``None``.
    """

    def __init__(self, status: int, error: str | None, code: str, scope: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.error = error
        self.code = code
        self.scope = scope

    def headers(self, realm: str | None = None) -> dict[str, str]:
        """The response headers: the ``WWW-Authenticate`` challenge (not for ``503``, which
        gets ``Retry-After``) and ``Cache-Control: no-store``."""
        if self.status == 503:
            return {"Retry-After": "1", "Cache-Control": "no-store"}
        return {"WWW-Authenticate": bearer_challenge(self.error, self.code, realm, self.scope), "Cache-Control": "no-store"}

    def body(self) -> dict[str, str]:
        """The JSON body, ``{"error": code}`` (the same as the axum integration's)."""
        return {"error": self.code}


def bearer_challenge(error: str | None, code: str | None = None, realm: str | None = None,
                     scope: str | None = None) -> str:
    """The ``WWW-Authenticate`` value (RFC 6750 §3): ``Bearer`` with ``realm`` when given, and
    ``error``, ``error_description`` (jwtcore's code) and ``scope`` when there is an error.

    >>> bearer_challenge("invalid_token", "expired")
    'Bearer error="invalid_token", error_description="expired"'
    >>> bearer_challenge(None, "missing_token", realm="api")
    'Bearer realm="api"'
    """
    params = []
    if realm is not None:
        params.append(f'realm="{realm}"')
    if error is not None:
        # Codes and scopes are checked ASCII tokens: nothing to escape inside the quoted-strings.
        params.append(f'error="{error}"')
        if code:
            params.append(f'error_description="{code}"')
        if scope:
            params.append(f'scope="{scope}"')
    return "Bearer" + (" " + ", ".join(params) if params else "")


def _quotable(value: str, what: str) -> str:
    """A value for a quoted-string in the challenge: printable ASCII without ``"`` or ``\\``
    (checked once, at configuration, so a challenge is never malformed)."""
    if not isinstance(value, str) or not all(0x20 <= ord(c) < 0x7F and c not in '"\\' for c in value):
        raise ValueError(f"{what} must be printable ASCII without quotes or backslashes: {value!r}")
    return value


def token_from(header_values: Sequence[str]) -> str:
    """The bearer token of a request from its ``Authorization`` header values (all of them).

    :raises BearerError: none or another scheme (401, no error code); two headers, non-ASCII
        text or a comma (two headers a server joined) (400 ``invalid_request``).
    """
    if not header_values:
        raise BearerError(401, None, "missing_token")
    # Two credentials are ambiguous: a proxy and this server could each honour a different one.
    if len(header_values) > 1:
        raise BearerError(400, "invalid_request", "malformed_authorization")
    value = header_values[0]
    if not value.isascii() or "," in value:
        raise BearerError(400, "invalid_request", "malformed_authorization")
    scheme, _, token = value.strip(" ").partition(" ")
    # Auth schemes are case-insensitive (RFC 9110 §11.1); another scheme is no bearer credential.
    if scheme.lower() != "bearer":
        raise BearerError(401, None, "missing_token")
    return token.strip(" ")


def require_scopes(claims: Mapping[str, Any], scopes: Iterable[str]) -> None:
    """Checks that the token grants every one of ``scopes``: its ``scope`` claim (a
    space-separated string, RFC 8693 §4.2) or ``scp`` (a list, as some providers send).

    :raises BearerError: ``403 insufficient_scope`` naming the scopes needed.
    """
    wanted = list(scopes)
    granted_raw = claims.get("scope", claims.get("scp"))
    if isinstance(granted_raw, str):
        granted = set(granted_raw.split())
    elif isinstance(granted_raw, list):
        granted = {s for s in granted_raw if isinstance(s, str)}
    else:
        granted = set()
    if not set(wanted) <= granted:
        raise BearerError(403, "insufficient_scope", "insufficient_scope", " ".join(wanted))


def convert_claims(claims: dict[str, Any], claims_type: Callable[..., C] | None) -> Any:
    """The verified claims as ``claims_type``: a pydantic model (``model_validate``), a
    dataclass (its fields only; other claims are dropped), or any callable taking the dict (a
    ``TypedDict`` class or ``None`` keeps the dict).

    :raises BearerError: the claims do not fit (401 ``invalid_token``, ``claims_deserialize``,
        the core's code for the same failure).
    """
    if claims_type is None:
        return claims
    try:
        validate = getattr(claims_type, "model_validate", None)
        if validate is not None:
            return validate(claims)
        if dataclasses.is_dataclass(claims_type):
            names = {f.name for f in dataclasses.fields(claims_type) if f.init}
            return claims_type(**{k: v for k, v in claims.items() if k in names})
        return claims_type(claims)
    except Exception as e:  # pydantic's ValidationError, TypeError, ValueError: a bad token
        raise BearerError(401, "invalid_token", "claims_deserialize") from e


Key = Union[str, bytes, PyJWK, PyJWKSet, Mapping[str, Any], Any]


class BearerVerifier:
    """How bearer tokens are checked: the key source and :func:`jwtcore.decode`'s arguments.

    :param key: a static key (an HMAC secret, a public key as PEM/JWK/``cryptography`` object, a
        :class:`~jwtcore.PyJWK`) or a :class:`~jwtcore.PyJWKSet` (the key is the token's ``kid``;
        a set of one key also serves tokens without ``kid``; symmetric ``oct`` keys in a set are
        ignored, as a published set is public).
    :param jwks: instead of ``key``, a :class:`~jwtcore.PyJWKClient` (sync frameworks) or a
        :class:`~jwtcore.AsyncPyJWKClient` (asyncio frameworks); the key is the token's ``kid``.
    :param algorithms: the accepted ``alg`` values, as for :func:`jwtcore.decode` (never taken
        from the token).
    :param audience, issuer, subject, leeway, options: passed to :func:`jwtcore.decode`.
    :param denylist: a :class:`~jwtcore.stores.Store` (sync) or
        :class:`~jwtcore.stores.aio.AsyncStore`: a token whose (``iss``, ``jti``) or whose
        family (the ``sid`` claim, see :class:`~jwtcore.stores.RefreshService`) is denied is
        refused with code ``revoked``. Makes ``jti`` a required claim.
    :param realm: the ``realm`` of the challenges (printable ASCII, no quotes).

    :raises ValueError: neither or both of ``key`` and ``jwks``; a malformed ``realm``.
    :raises PyJWKSetError: a ``PyJWKSet`` with no key left once ``oct`` keys are dropped.
    """

    def __init__(
        self,
        key: Key = None,
        *,
        jwks: Any = None,
        algorithms: Sequence[str] | str | None = None,
        audience: str | Iterable[str] | None = None,
        issuer: str | Iterable[str] | None = None,
        subject: str | None = None,
        leeway: float | timedelta = 0,
        options: Mapping[str, Any] | None = None,
        denylist: Any = None,
        realm: str | None = None,
    ) -> None:
        if (key is None) == (jwks is None):
            raise ValueError("give the verification key as exactly one of key= and jwks=")
        if isinstance(key, PyJWKSet):
            # A key *set* is what providers publish: a secret in it is known to everyone, so it
            # never verifies (as PyJWKClient and the core's KeySet::from_jwks). An HMAC secret
            # is passed as key= itself.
            key = _public_keys(key)
        self.key = key
        self.jwks = jwks
        self.algorithms = [algorithms] if isinstance(algorithms, str) else (list(algorithms) if algorithms else None)
        opts = dict(options or {})
        if denylist is not None:
            # The denylist is keyed by jti: a token without one could never be revoked.
            opts["require"] = sorted(set(opts.get("require", [])) | {"jti"})
        self.options = opts
        self.kwargs: dict[str, Any] = {"audience": audience, "issuer": issuer, "subject": subject, "leeway": leeway}
        self.denylist = denylist
        self.realm = None if realm is None else _quotable(realm, "realm")

    # The three steps, each taking what the previous one produced; the sync and async drivers
    # differ only in whether the key lookup and the denylist are awaited.

    def _static_key(self, token: str) -> Any:
        key = self.key
        if not isinstance(key, PyJWKSet):
            return key
        try:
            kid = get_unverified_header(token).get("kid")
        except PyJWTError as e:
            raise BearerError(401, "invalid_token", getattr(e, "code", "malformed_token")) from e
        keys = list(key)
        if kid is None and len(keys) == 1:
            return keys[0]
        for k in keys:
            if k.key_id == kid:
                return k
        raise BearerError(401, "invalid_token", "no_matching_key")

    def _decode(self, token: str, key: Any) -> dict[str, Any]:
        try:
            return decode(token, key, algorithms=self.algorithms, options=self.options or None, **self.kwargs)  # type: ignore[arg-type]
        except PyJWTError as e:
            raise BearerError(401, "invalid_token", getattr(e, "code", "invalid_token")) from e

    @staticmethod
    def _jwks_failure(e: PyJWTError) -> BearerError:
        if isinstance(e, PyJWKClientConnectionError):
            return BearerError(503, None, "key_source_unavailable")
        if isinstance(e, PyJWKClientError):
            return BearerError(401, "invalid_token", "no_matching_key")
        return BearerError(401, "invalid_token", getattr(e, "code", "invalid_token"))

    @staticmethod
    def _denylist_args(claims: Mapping[str, Any]) -> tuple[Optional[str], str, Optional[str]]:
        iss, jti, sid = claims.get("iss"), claims.get("jti"), claims.get("sid")
        if not isinstance(jti, str) or not (iss is None or isinstance(iss, str)):
            raise BearerError(401, "invalid_token", "claim_invalid")
        return iss, jti, sid if isinstance(sid, str) else None

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of ``token`` (blocking: a :class:`~jwtcore.PyJWKClient` fetch and a sync
        denylist store are called directly).

        :raises BearerError: the token is refused (401), or the key source or store failed (503).
        """
        if self.jwks is not None:
            try:
                key = self.jwks.get_signing_key_from_jwt(token)
            except PyJWTError as e:
                raise self._jwks_failure(e) from e
        else:
            key = self._static_key(token)
        claims = self._decode(token, key)
        if self.denylist is not None:
            try:
                denied = self.denylist.is_denied(*self._denylist_args(claims))
            except BearerError:
                raise
            except Exception as e:  # StoreError and the client's own: fail closed
                raise BearerError(503, None, "store_unavailable") from e
            if denied:
                raise BearerError(401, "invalid_token", "revoked")
        return claims

    async def averify(self, token: str) -> dict[str, Any]:
        """:meth:`verify` for asyncio: an :class:`~jwtcore.AsyncPyJWKClient` fetch and an
        :class:`~jwtcore.stores.aio.AsyncStore` denylist are awaited."""
        if self.jwks is not None:
            try:
                key = await self.jwks.get_signing_key_from_jwt(token)
            except PyJWTError as e:
                raise self._jwks_failure(e) from e
        else:
            key = self._static_key(token)
        claims = self._decode(token, key)
        if self.denylist is not None:
            try:
                denied = await self.denylist.is_denied(*self._denylist_args(claims))
            except BearerError:
                raise
            except Exception as e:
                raise BearerError(503, None, "store_unavailable") from e
            if denied:
                raise BearerError(401, "invalid_token", "revoked")
        return claims
