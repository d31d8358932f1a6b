"""jwtcore for Starlette and FastAPI (``pip install 'jwtcore[starlette]'``).

* :class:`BearerAuth`: a dependency (FastAPI ``Depends``) or a plain ``await auth(request)``
  returning the verified claims, typed if you like; refusals are ``HTTPException``\\ s with the
  RFC 6750 ``WWW-Authenticate`` challenge carrying jwtcore's code.
* :class:`SessionMiddleware`: server-side sessions on
  :class:`~jwtcore.stores.aio.AsyncSessions` — the request check (Fetch Metadata / ``Origin``)
  and the CSRF token on every state-changing request that carries a session, then
  :func:`session_of` in the route for login, logout, rotation and the page's CSRF token.
* :class:`RefreshEndpoint`: the refresh-token route on
  :class:`~jwtcore.stores.aio.AsyncRefreshService` (rotation with reuse detection).

Nothing here blocks the event loop: keys come from a static key, a :class:`~jwtcore.PyJWKSet` or
an :class:`~jwtcore.AsyncPyJWKClient`, and every store call is awaited.
"""

# No `from __future__ import annotations`: FastAPI reads the annotations of __call__ at run time
# to inject the Request, and a callable instance has no __globals__ to resolve strings in.
import inspect
import json
from urllib.parse import parse_qsl
from collections.abc import Awaitable, Iterable
from typing import Any, Callable, Generic, Optional, TypeVar, Union, overload

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import PyJWKClient
from .. import session as _s
from ..stores import Session, StoreError
from ..stores.aio import AsyncRefreshService, AsyncSessions
from ._bearer import BearerError, BearerVerifier, convert_claims, require_scopes, token_from

__all__ = [
    "BearerAuth",
    "BearerError",
    "BearerVerifier",
    "SessionMiddleware",
    "SessionContext",
    "session_of",
    "RefreshEndpoint",
]

C = TypeVar("C")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _http_error(e: BearerError, realm: Optional[str]) -> HTTPException:
    return HTTPException(e.status, detail=e.code, headers=e.headers(realm))


class BearerAuth(Generic[C]):
    """The verified claims of the request's ``Authorization: Bearer`` token.

    FastAPI::

        auth = BearerAuth(BearerVerifier(public_key, algorithms=["ES256"], audience="api"))

        @app.get("/me")
        async def me(claims: dict = Depends(auth)): ...

    Starlette: ``claims = await auth(request)``.

    :param verifier: the key source and checks (:class:`BearerVerifier`). Its ``jwks`` must be
        an :class:`~jwtcore.AsyncPyJWKClient` (a blocking ``PyJWKClient`` would stall the
        event loop) and its ``denylist`` an :class:`~jwtcore.stores.aio.AsyncStore`.
    :param claims_type: what the claims are returned as: a pydantic model, a dataclass or a
        ``TypedDict`` (default: the ``dict``). Claims that do not fit are a 401
        (``claims_deserialize``).
    :param scopes: scopes every token must grant (``scope``/``scp`` claim), else 403
        ``insufficient_scope``. :meth:`require` makes a copy needing more.

    :raises HTTPException: 401 with ``WWW-Authenticate: Bearer error="invalid_token",
        error_description="<code>"`` (a bare ``Bearer`` challenge when there is no token), 400
        ``invalid_request`` for an unreadable or repeated header, 403 ``insufficient_scope``,
        503 when the JWKS endpoint or the denylist store could not answer. ``detail`` is the
        code.
    """

    @overload
    def __init__(self: "BearerAuth[dict[str, Any]]", verifier: BearerVerifier, *, scopes: Iterable[str] = ...) -> None: ...

    @overload
    def __init__(self, verifier: BearerVerifier, *, claims_type: Callable[..., C], scopes: Iterable[str] = ...) -> None: ...

    def __init__(self, verifier: BearerVerifier, *, claims_type: Any = None, scopes: Iterable[str] = ()) -> None:
        if isinstance(verifier.jwks, PyJWKClient):
            raise TypeError("BearerAuth needs an AsyncPyJWKClient: PyJWKClient's fetch would block the event loop")
        self.verifier = verifier
        self.claims_type = claims_type
        self.scopes = tuple(scopes)

    def require(self, *scopes: str) -> "BearerAuth[C]":
        """This dependency, also requiring ``scopes`` (403 ``insufficient_scope`` otherwise)."""
        return BearerAuth(self.verifier, claims_type=self.claims_type, scopes=self.scopes + scopes)  # type: ignore[return-value]

    async def __call__(self, request: Request) -> C:
        try:
            token = token_from(request.headers.getlist("authorization"))
            claims = await self.verifier.averify(token)
            if self.scopes:
                require_scopes(claims, self.scopes)
            return convert_claims(claims, self.claims_type)  # type: ignore[no-any-return]
        except BearerError as e:
            raise _http_error(e, self.verifier.realm) from None


def _json(status: int, code: str, headers: Optional[dict[str, str]] = None) -> JSONResponse:
    return JSONResponse({"error": code}, status, headers={"Cache-Control": "no-store", **(headers or {})})


class SessionContext:
    """The request's session, from :func:`session_of`. ``session`` is the live
    :class:`~jwtcore.stores.Session` or ``None``; the methods change it and queue the
    ``Set-Cookie`` the middleware adds to the response."""

    def __init__(self, sessions: AsyncSessions, cookie_header: Optional[str], session: Optional[Session]) -> None:
        self.sessions = sessions
        self.session = session
        self._cookie_header = cookie_header
        self.set_cookie: Optional[str] = session.set_cookie if session is not None else None

    @property
    def user(self) -> Optional[str]:
        """The session's user, ``None`` without a session."""
        return None if self.session is None else self.session.user

    async def login(self, user: str, data: Optional[dict[str, Any]] = None) -> str:
        """Starts a session for ``user`` under a fresh ID (any session the request came with is
        ended first: no ID survives a login). Returns the page's masked CSRF token."""
        await self.logout()
        sid, self.set_cookie = await self.sessions.create(user, data)
        key = _s.storage_key(sid, self.sessions.pepper)
        self.session = Session(sid, user, dict(data or {}), _s.SessionTimes.new(), None, key)
        return self.csrf_token()

    async def logout(self) -> None:
        """Ends the session (also one renamed by a concurrent request) and clears the cookie."""
        if self.session is not None:
            await self.sessions.destroy(self.session)
        self.set_cookie = await self.sessions.logout(self._cookie_header)
        self.session = None

    async def rotate(self) -> None:
        """A new ID for the session (after a privilege change).

        :raises SessionGoneError: the session ended meanwhile.
        """
        if self.session is None:
            raise LookupError("no session to rotate")
        self.set_cookie = await self.sessions.rotate(self.session)

    async def save(self) -> bool:
        """Stores ``session.data``; false when the session ended meanwhile."""
        return self.session is not None and await self.sessions.save(self.session)

    def csrf_token(self) -> str:
        """A masked CSRF token for this session (a different string each call), to put into
        the page; state-changing requests send it back in the CSRF header."""
        if self.session is None:
            raise LookupError("no session: a CSRF token is bound to one")
        keys = self.sessions.keys
        return _s.mask_csrf_token(keys.csrf_token(self.session.key))


def session_of(request: Request) -> SessionContext:
    """The :class:`SessionContext` :class:`SessionMiddleware` attached to ``request``.

    :raises LookupError: the middleware is not installed.
    """
    ctx = request.scope.get("jwtcore.session")
    if ctx is None:
        raise LookupError("jwtcore.integrations.starlette.SessionMiddleware is not installed")
    return ctx  # type: ignore[no-any-return]


class SessionMiddleware:
    """Loads the session named by the request's cookie and guards state-changing requests.

    For each HTTP request, in order:

    1. ``request_policy`` (a :class:`~jwtcore.session.RequestPolicy`) judges ``Sec-Fetch-Site``
       / ``Origin`` / ``Referer``: refused → 403 ``{"error": "<reason>"}`` before any route runs.
    2. :meth:`AsyncSessions.load <jwtcore.stores.aio.AsyncSessions.load>` with the ``Cookie``
       header (a duplicated session cookie → 400 ``session_cookie_duplicate``; a store failure →
       503 ``store_unavailable``, fail closed).
    3. With ``csrf`` on, a session and an unsafe method (not GET/HEAD/OPTIONS/TRACE): the
       ``csrf_header`` must carry a token for this session
       (:meth:`~jwtcore.session.SessionKeys.verify_csrf`) → else 403 with the core's code.
    4. The route runs; :func:`session_of` gives it the :class:`SessionContext`, whose pending
       ``Set-Cookie`` (a re-signed or renewed cookie, a login, a logout) goes out with the
       response.

    ``exempt`` path prefixes skip steps 1 and 3 (routes authenticated by something other than
    the ambient cookie, a bearer API under ``/api/`` say).
    """

    def __init__(
        self,
        app: ASGIApp,
        sessions: AsyncSessions,
        *,
        request_policy: Optional[_s.RequestPolicy] = None,
        csrf: bool = True,
        csrf_header: str = "x-csrf-token",
        exempt: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.sessions = sessions
        self.request_policy = request_policy
        self.csrf = csrf
        self.csrf_header = csrf_header
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        guarded = not request.url.path.startswith(self.exempt) if self.exempt else True
        if guarded and self.request_policy is not None:
            verdict = self.request_policy.check_headers(request.method, request.headers)
            if not verdict.allowed:
                await _json(403, verdict.reason)(scope, receive, send)
                return
        # HTTP/2 may split the header; the cookies are the same either way.
        cookie_header = "; ".join(request.headers.getlist("cookie")) or None
        try:
            session = await self.sessions.load(cookie_header)
        except _s.SessionError as e:
            await _json(400, e.code)(scope, receive, send)
            return
        except StoreError:
            await _json(503, "store_unavailable", {"Retry-After": "1"})(scope, receive, send)
            return
        if self.csrf and guarded and session is not None and request.method not in SAFE_METHODS:
            try:
                self.sessions.keys.verify_csrf(session.key, request.headers.get(self.csrf_header))
            except _s.CsrfError as e:
                await _json(403, e.code)(scope, receive, send)
                return
        ctx = SessionContext(self.sessions, cookie_header, session)
        scope["jwtcore.session"] = ctx

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and ctx.set_cookie is not None:
                headers = MutableHeaders(scope=message)
                headers.append("Set-Cookie", ctx.set_cookie)
                # A response that sets a session cookie is never stored by a shared cache.
                headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_cookie)


Issuer = Callable[[str, str], Union[str, Awaitable[str]]]


class RefreshEndpoint:
    """The refresh-token route: presents the refresh token to
    :class:`~jwtcore.stores.aio.AsyncRefreshService` (which rotates it, or detects its reuse and
    revokes the whole family) and answers with a new access and refresh token.

    :param refresh: the service.
    :param issue_access_token: ``(user, family) -> access token`` (may be a coroutine function):
        mint the JWT here; put ``family`` in its ``sid`` claim and a ``jti`` in it, so that a
        :class:`BearerVerifier` with ``denylist=`` refuses it once the family is revoked.
    :param expires_in: the access token's lifetime in seconds, for the response.

    Use it as a route (``Route("/refresh", endpoint, methods=["POST"])``, or FastAPI's
    ``app.post("/refresh")(endpoint)``); :meth:`issue` answers a login with a new family.

    The request body is JSON ``{"refresh_token": ...}`` or a form (RFC 6749 §6's
    ``grant_type=refresh_token&refresh_token=...``). Answers: 200 ``{"access_token",
    "token_type": "Bearer", "expires_in", "refresh_token"}``; 400 ``invalid_request`` without a
    token; 401 ``{"error": "<code>"}`` for a refused token — ``reuse_detected`` when an already
    rotated token comes back (the family is revoked by then) — never cached.
    """

    def __init__(self, refresh: AsyncRefreshService, issue_access_token: Issuer, *, expires_in: int) -> None:
        self.refresh = refresh
        self.issue_access_token = issue_access_token
        self.expires_in = expires_in

    async def issue(self, user: str) -> JSONResponse:
        """The token response for a login: a new refresh family for ``user``."""
        return await self._tokens(user, await self.refresh.start(user=user))

    async def _tokens(self, user: str, out: _s.RefreshOutcome) -> JSONResponse:
        access = self.issue_access_token(user, out.family)
        if inspect.isawaitable(access):
            access = await access
        body = {"access_token": access, "token_type": "Bearer", "expires_in": self.expires_in,
                "refresh_token": out.token}
        return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    async def __call__(self, request: Request) -> Response:
        token = await _refresh_token_of(request)
        if token is None:
            return _json(400, "invalid_request")
        try:
            out = await self.refresh.refresh(token)
        except StoreError:
            return _json(503, "store_unavailable", {"Retry-After": "1"})
        if not out.ok:
            return _json(401, out.reason or out.kind)
        user = await self.refresh.store.family_user(out.family)
        if user is None:
            return _json(401, "refresh_unknown_family")
        return await self._tokens(user, out)


async def _refresh_token_of(request: Request) -> Optional[str]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        # The standard library's parser: Starlette's form() needs python-multipart installed.
        try:
            pairs = parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True, max_num_fields=16)
        except (UnicodeDecodeError, ValueError):
            return None
        form: dict[str, list[str]] = {}
        for name, value in pairs:
            form.setdefault(name, []).append(value)
        # RFC 6749 §3.2: a parameter sent twice makes the request invalid.
        if any(len(values) > 1 for values in form.values()):
            return None
        if form.get("grant_type", ["refresh_token"]) != ["refresh_token"]:
            return None
        token: Any = form.get("refresh_token", [None])[0]
    else:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return None
        token = body.get("refresh_token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None
