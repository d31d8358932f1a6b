"""jwtcore for Django (``pip install 'jwtcore[django]'``).

* :class:`JwtcoreMiddleware`: server-side sessions on :class:`~jwtcore.stores.Sessions`
  (``request.jwt_session``, a :class:`SessionContext`) with the request check and the CSRF
  token on state-changing requests, and the request's bearer token verified
  (``request.jwt_claims``, ``None`` without a valid one; :func:`bearer_required` answers 401).
* :class:`JWTAuthentication`: a Django REST framework authentication class
  (``authenticate(request) -> (user, claims)``, ``authenticate_header`` giving the RFC 6750
  challenge). It is duck-typed: DRF is not needed to import or call it; with DRF installed it
  raises DRF's ``AuthenticationFailed``.

Configuration is one setting::

    JWTCORE = {
        "SESSIONS": Sessions(store, SessionKeys(key), pepper=pepper),   # optional
        "BEARER": BearerVerifier(public_key, algorithms=["ES256"]),    # optional
        "REQUEST_POLICY": RequestPolicy(["https://app.example"]),     # optional
        "CSRF_HEADER": "X-CSRF-Token",                                 # the default
        "EXEMPT": ["/api/"],           # path prefixes without request check and CSRF
    }

The middleware's CSRF check covers requests that carry a jwtcore session; Django's own
``CsrfViewMiddleware`` protects Django's sessions and may stay for them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from http.cookies import Morsel
from typing import Any, Callable, Optional

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from .. import session as _s
from ..stores import Session, Sessions, StoreError
from ._bearer import BearerError, BearerVerifier, bearer_challenge, require_scopes, token_from

__all__ = [
    "JwtcoreMiddleware",
    "SessionContext",
    "session_of",
    "bearer_required",
    "JWTAuthentication",
    "TokenUser",
    "AuthenticationFailed",
    "BearerError",
    "BearerVerifier",
]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

try:  # DRF's exceptions when it is installed, so its views answer them; else look-alikes.
    from rest_framework.exceptions import APIException as _APIException
    from rest_framework.exceptions import AuthenticationFailed
except ImportError:  # pragma: no cover - the tests install DRF; test_django_without_drf hides it

    class _APIException(Exception):  # type: ignore[no-redef]
        status_code = 500

        def __init__(self, detail: str | None = None, code: str | None = None) -> None:
            super().__init__(detail)
            self.detail = detail
            self.code = code

    class AuthenticationFailed(_APIException):  # type: ignore[no-redef]
        """The bearer token was refused (401)."""

        status_code = 401


class KeySourceUnavailable(_APIException):
    """The JWKS endpoint or the denylist store could not answer (503): nothing was decided."""

    status_code = 503


def _config() -> dict[str, Any]:
    return dict(getattr(settings, "JWTCORE", {}))


def _json(status: int, code: str, headers: dict[str, str] | None = None) -> JsonResponse:
    response = JsonResponse({"error": code}, status=status)
    for name, value in {"Cache-Control": "no-store", **(headers or {})}.items():
        response[name] = value
    return response


class _SetCookie(Morsel):  # type: ignore[type-arg]
    """A ``Set-Cookie`` line exactly as the core wrote it (name, value and every attribute):
    Django's handlers write ``response.cookies`` entries with ``output(header="")``."""

    def __init__(self, line: str) -> None:
        super().__init__()
        name, _, rest = line.partition("=")
        value = rest.split(";", 1)[0]
        self.set(name, value, value)
        self._line = line

    def output(self, attrs: Any = None, header: str = "Set-Cookie:") -> str:
        return f"{header} {self._line}".strip()

    def OutputString(self, attrs: Any = None) -> str:  # noqa: N802 - Morsel's name
        return self._line


def _auth_values(request: HttpRequest) -> list[str]:
    value = request.META.get("HTTP_AUTHORIZATION")
    return [] if value is None else [value]


class SessionContext:
    """The request's session (``request.jwt_session``): ``session`` is the live
    :class:`~jwtcore.stores.Session` or ``None``; the methods change it and queue the
    ``Set-Cookie`` the middleware adds to the response."""

    def __init__(self, sessions: Sessions, cookie_header: str | None, session: Session | None) -> None:
        self.sessions = sessions
        self.session = session
        self._cookie_header = cookie_header
        self.set_cookie: Optional[str] = session.set_cookie if session is not None else None

    @property
    def user(self) -> str | None:
        return None if self.session is None else self.session.user

    def login(self, user: str, data: dict[str, Any] | None = None) -> str:
        """Starts a session for ``user`` under a fresh ID (the request's session, if any, is
        ended first). Returns the page's masked CSRF token."""
        self.logout()
        sid, self.set_cookie = self.sessions.create(user, data)
        key = _s.storage_key(sid, self.sessions.pepper)
        self.session = Session(sid, user, dict(data or {}), _s.SessionTimes.new(), None, key)
        return self.csrf_token()

    def logout(self) -> None:
        """Ends the session (also one renamed by a concurrent request) and clears the cookie."""
        if self.session is not None:
            self.sessions.destroy(self.session)
        self.set_cookie = self.sessions.logout(self._cookie_header)
        self.session = None

    def rotate(self) -> None:
        """A new ID for the session (after a privilege change).

        :raises SessionGoneError: the session ended meanwhile.
        """
        if self.session is None:
            raise LookupError("no session to rotate")
        self.set_cookie = self.sessions.rotate(self.session)

    def save(self) -> bool:
        """Stores ``session.data``; false when the session ended meanwhile."""
        return self.session is not None and self.sessions.save(self.session)

    def csrf_token(self) -> str:
        """A masked CSRF token for this session (a different string each call), for the page."""
        if self.session is None:
            raise LookupError("no session: a CSRF token is bound to one")
        return _s.mask_csrf_token(self.sessions.keys.csrf_token(self.session.key))


def session_of(request: HttpRequest) -> SessionContext:
    """``request.jwt_session``.

    :raises LookupError: :class:`JwtcoreMiddleware` is not installed or has no ``SESSIONS``.
    """
    ctx = getattr(request, "jwt_session", None)
    if ctx is None:
        raise LookupError("JwtcoreMiddleware with JWTCORE['SESSIONS'] is not installed")
    return ctx  # type: ignore[no-any-return]


class JwtcoreMiddleware:
    """Per request, in order (each step only when configured in ``settings.JWTCORE``):

    1. ``REQUEST_POLICY`` judges ``Sec-Fetch-Site`` / ``Origin`` / ``Referer``: refused → 403
       ``{"error": "<reason>"}`` before the view.
    2. ``SESSIONS``: the session named by the ``Cookie`` header is loaded into
       ``request.jwt_session`` (a duplicated session cookie → 400; a store failure → 503, fail
       closed); with a session, an unsafe method must carry its CSRF token in ``CSRF_HEADER``
       → else 403 with the core's code.
    3. ``BEARER``: ``request.jwt_claims`` is the verified claims of the ``Authorization:
       Bearer`` token, else ``None`` and ``request.jwt_bearer_error`` says why (a
       :class:`BearerError`); :func:`bearer_required` turns that into the 401.

    ``EXEMPT`` path prefixes skip the request check and the CSRF check.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        config = _config()
        self.get_response = get_response
        self.sessions: Sessions | None = config.get("SESSIONS")
        self.verifier: BearerVerifier | None = config.get("BEARER")
        self.request_policy: _s.RequestPolicy | None = config.get("REQUEST_POLICY")
        self.csrf_header: str = config.get("CSRF_HEADER", "X-CSRF-Token")
        self.exempt = tuple(config.get("EXEMPT", ()))
        if self.verifier is not None and _is_async_client(self.verifier.jwks):
            raise TypeError("JWTCORE['BEARER'] needs a PyJWKClient (sync): Django's views are synchronous here")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        guarded = not request.path.startswith(self.exempt) if self.exempt else True
        if guarded and self.request_policy is not None:
            verdict = self.request_policy.check_headers(request.method or "GET", request.headers)
            if not verdict.allowed:
                return _json(403, verdict.reason)
        ctx = None
        if self.sessions is not None:
            cookie_header = request.META.get("HTTP_COOKIE")
            try:
                session = self.sessions.load(cookie_header)
            except _s.SessionError as e:
                return _json(400, e.code)
            except StoreError:
                return _json(503, "store_unavailable", {"Retry-After": "1"})
            if guarded and session is not None and request.method not in SAFE_METHODS:
                try:
                    self.sessions.keys.verify_csrf(session.key, request.headers.get(self.csrf_header))
                except _s.CsrfError as e:
                    return _json(403, e.code)
            ctx = SessionContext(self.sessions, cookie_header, session)
            request.jwt_session = ctx  # type: ignore[attr-defined]
        request.jwt_claims = None  # type: ignore[attr-defined]
        request.jwt_bearer_error = None  # type: ignore[attr-defined]
        if self.verifier is not None:
            try:
                request.jwt_claims = self.verifier.verify(token_from(_auth_values(request)))  # type: ignore[attr-defined]
            except BearerError as e:
                request.jwt_bearer_error = e  # type: ignore[attr-defined]
        response = self.get_response(request)
        if ctx is not None and ctx.set_cookie is not None:
            cookie = _SetCookie(ctx.set_cookie)
            response.cookies[cookie.key] = cookie
            response["Cache-Control"] = "no-store"
        return response


def _is_async_client(jwks: Any) -> bool:
    from ..jwks_client_aio import AsyncPyJWKClient

    return isinstance(jwks, AsyncPyJWKClient)


def _bearer_response(e: BearerError, realm: str | None) -> JsonResponse:
    return _json(e.status, e.code, e.headers(realm))


def bearer_required(view: Callable[..., HttpResponse] | None = None, *, scopes: Iterable[str] = ()) -> Any:
    """Decorates a view that needs a valid bearer token (``request.jwt_claims``, set by
    :class:`JwtcoreMiddleware`): otherwise 401 with the RFC 6750 challenge and
    ``{"error": "<code>"}`` (400 for an unreadable header, 503 when the key source or store
    failed); with ``scopes``, 403 ``insufficient_scope`` when the token lacks one."""
    needed = tuple(scopes)

    def decorate(fn: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(fn)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            verifier: BearerVerifier | None = _config().get("BEARER")
            realm = verifier.realm if verifier is not None else None
            claims = getattr(request, "jwt_claims", None)
            if claims is None:
                error = getattr(request, "jwt_bearer_error", None) or BearerError(401, None, "missing_token")
                return _bearer_response(error, realm)
            if needed:
                try:
                    require_scopes(claims, needed)
                except BearerError as e:
                    return _bearer_response(e, realm)
            return fn(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


class TokenUser:
    """The user of a verified token when no user model is involved: ``id``/``pk``/``username``
    are the ``sub`` claim, ``claims`` the verified claims; always authenticated."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, claims: dict[str, Any]) -> None:
        self.claims = claims
        self.id = self.pk = self.username = claims.get("sub")

    def __str__(self) -> str:
        return str(self.username)


class JWTAuthentication:
    """A Django REST framework authentication class for ``Authorization: Bearer`` tokens
    (``authentication_classes = [JWTAuthentication]``), also callable without DRF.

    The verifier is the class attribute ``verifier`` (subclass to set it) or
    ``settings.JWTCORE["BEARER"]``. :meth:`user_from_claims` makes the user (override it to
    load your user model; default :class:`TokenUser`).
    """

    verifier: BearerVerifier | None = None

    def get_verifier(self) -> BearerVerifier:
        verifier = self.verifier or _config().get("BEARER")
        if verifier is None:
            raise LookupError("set JWTAuthentication.verifier or settings.JWTCORE['BEARER']")
        return verifier

    def authenticate(self, request: Any) -> tuple[Any, dict[str, Any]] | None:
        """``(user, claims)`` for a valid bearer token; ``None`` when the request has no bearer
        credential (the next authentication class may try).

        :raises AuthenticationFailed: the token (or the header) is refused; ``detail`` is
            jwtcore's code, and :meth:`authenticate_header` gives the matching challenge.
        :raises KeySourceUnavailable: 503, the JWKS endpoint or the denylist store failed.
        """
        try:
            token = token_from(_auth_values(getattr(request, "_request", request)))
        except BearerError as e:
            if e.error is None:
                return None
            request._jwtcore_bearer_error = e
            raise AuthenticationFailed(e.code, e.code) from None
        try:
            claims = self.get_verifier().verify(token)
        except BearerError as e:
            request._jwtcore_bearer_error = e
            if e.status == 503:
                raise KeySourceUnavailable(e.code, e.code) from None
            raise AuthenticationFailed(e.code, e.code) from None
        return self.user_from_claims(claims), claims

    def user_from_claims(self, claims: dict[str, Any]) -> Any:
        """The user for verified ``claims`` (default: a :class:`TokenUser`)."""
        return TokenUser(claims)

    def authenticate_header(self, request: Any) -> str:
        """The ``WWW-Authenticate`` value for a 401: ``Bearer`` (with ``realm``), plus
        ``error="invalid_token"`` and the code when :meth:`authenticate` refused a token."""
        e: BearerError | None = getattr(request, "_jwtcore_bearer_error", None)
        verifier = self.verifier or _config().get("BEARER")
        realm = verifier.realm if verifier is not None else None
        if e is None:
            return bearer_challenge(None, None, realm)
        return bearer_challenge(e.error, e.code, realm, e.scope)
