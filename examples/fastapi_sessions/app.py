"""A FastAPI service on jwtcore with the asyncio stores: the Flask example's flows (cookie
sessions for browser routes, JWT access tokens plus rotating refresh tokens for API routes, a
jti denylist), every store call awaited so a slow store never holds up other requests.

Run it (from the repository root, with the wheel installed in .venv):

    .venv/bin/pip install fastapi uvicorn redis
    .venv/bin/uvicorn --factory examples.fastapi_sessions.app:create_app --host 127.0.0.1
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/uvicorn --factory examples.fastapi_sessions.app:create_app
    REDIS_URL=redis://127.0.0.1:7000 REDIS_CLUSTER=1 .venv/bin/uvicorn --factory ...   # a Redis Cluster

Routes and CSRF layers are the Flask example's (see examples/flask_sessions/app.py), plus
``GET /health``, which touches no store: an HTTP middleware runs the core's request check (Fetch
Metadata, else an exact ``Origin`` match against ``ALLOWED_ORIGINS``) before any browser route,
and the state-changing session routes need the session's CSRF token in ``X-CSRF-Token``.

Secrets come from the environment in a real deployment; this demo draws them at start-up.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

import jwtcore as jwt
from jwtcore import session as s
from jwtcore.stores import Session, StoreError
from jwtcore.stores.aio import AsyncMemoryStore, AsyncRefreshService, AsyncSessions, AsyncStore

ISSUER = "https://example.test"
ACCESS_TTL = 300
# The origins this service's pages are served from (scheme://host[:port], no trailing slash).
DEFAULT_ORIGINS = ["http://localhost:8000", "http://127.0.0.1:8000"]
# Demo users; a real service checks a password hash (argon2/bcrypt) in its user table.
USERS = {"alice": "correct horse", "bob": "battery staple"}


def create_app(store: AsyncStore | None = None, *, session_key: bytes | None = None, jwt_key: bytes | None = None,
               refresh_key: bytes | None = None, pepper: bytes | None = None,
               allowed_origins: list[str] | None = None) -> FastAPI:
    if store is None:
        url = os.environ.get("REDIS_URL")
        if url:
            from jwtcore.stores.aio import AsyncRedisStore

            store = AsyncRedisStore(url=url, cluster=bool(os.environ.get("REDIS_CLUSTER")))
        else:
            store = AsyncMemoryStore()
    jwt_key = jwt_key or secrets.token_bytes(32)
    pepper = pepper or secrets.token_bytes(32)
    keys = s.SessionKeys(session_key or secrets.token_bytes(32))
    sessions = AsyncSessions(store, keys, timeouts=s.Timeouts(idle=30 * 60, absolute=12 * 3600), pepper=pepper)
    if allowed_origins is None:
        env = os.environ.get("ALLOWED_ORIGINS")
        allowed_origins = env.split(",") if env else DEFAULT_ORIGINS
    origin_policy = s.RequestPolicy(allowed_origins)  # ValueError at start-up for a malformed entry
    refresh = AsyncRefreshService(store, refresh_key or secrets.token_bytes(32), pepper=pepper,
                                  absolute=30 * 86400, idle=7 * 86400, grace=10, access_ttl=ACCESS_TTL)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await store.close()

    app = FastAPI(lifespan=lifespan)

    def error(status: int, message: str, **headers: str) -> JSONResponse:
        return JSONResponse({"error": message}, status, headers={"Cache-Control": "no-store", **headers})

    async def body(request: Request) -> dict[str, Any]:
        try:
            value = await request.json()
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def check_password(body: dict[str, Any]) -> str | None:
        user, password = body.get("username"), body.get("password")
        expected = USERS.get(user) if isinstance(user, str) else None
        if expected is None or not isinstance(password, str):
            return None
        return user if hmac.compare_digest(expected.encode(), password.encode()) else None

    def tokens(user: str, out: s.RefreshOutcome) -> JSONResponse:
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user, "sid": out.family, "jti": secrets.token_urlsafe(16),
                  "iat": now, "exp": now + ACCESS_TTL}
        token = jwt.encode(claims, jwt_key, algorithm="HS256")
        return JSONResponse({"access_token": token, "token_type": "Bearer", "expires_in": ACCESS_TTL,
                             "refresh_token": out.token}, headers={"Cache-Control": "no-store"})

    async def bearer(request: Request) -> dict[str, Any] | None:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return None
        try:
            claims = jwt.decode(auth[7:], jwt_key, algorithms=["HS256"], issuer=ISSUER,
                                options={"require": ["exp", "iat", "sub", "jti"]})
        except jwt.PyJWTError:
            return None
        # Revocation after the core's verdict: the token itself, or its whole family.
        if await store.is_denied(claims["iss"], claims["jti"], family=claims.get("sid")):
            return None
        return claims

    @app.middleware("http")
    async def refuse_cross_site(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # Before routing, so a refused request changes nothing. Safe methods pass inside the
        # check; /api/* carries its credentials explicitly (bearer or body), never ambiently.
        if not request.url.path.startswith("/api/"):
            verdict = origin_policy.check_headers(request.method, request.headers)
            if not verdict.allowed:
                return error(403, f"cross-origin request refused: {verdict.reason}")
        return await call_next(request)

    def csrf_refused(request: Request, sess: Session) -> JSONResponse | None:
        try:
            keys.verify_csrf(sess.key, request.headers.get("x-csrf-token"))
        except s.CsrfError:
            return error(403, "missing or invalid CSRF token")
        return None

    def csrf_token(storage_key: str) -> str:
        # A new nonce and pad per response: no two pages carry the same string (BREACH).
        return s.mask_csrf_token(keys.csrf_token(storage_key))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, e: StoreError) -> JSONResponse:
        # Fail closed: the store could not answer, so nothing is treated as valid.
        return error(503, "session store unavailable", **{"Retry-After": "1"})

    @app.exception_handler(s.DuplicateCookieError)
    async def duplicate_cookie(request: Request, e: s.SessionError) -> JSONResponse:
        return error(400, "duplicate session cookie")

    @app.get("/health")
    async def health() -> dict[str, bool]:
        return {"ok": True}

    # --- browser routes -------------------------------------------------------------------

    @app.post("/login")
    async def login(request: Request) -> JSONResponse:
        user = check_password(await body(request))
        if user is None:
            return error(401, "invalid credentials")
        await sessions.logout(request.headers.get("cookie"))  # never carry a pre-login ID over the login
        sid, set_cookie = await sessions.create(user, {"login_at": int(time.time())})
        token = csrf_token(s.storage_key(sid, pepper))
        return JSONResponse({"user": user, "csrf_token": token}, headers={"Set-Cookie": set_cookie, "Cache-Control": "no-store"})

    @app.get("/me")
    async def me(request: Request) -> JSONResponse:
        sess = await sessions.load(request.headers.get("cookie"))
        if sess is None:
            return error(401, "no session")
        # re-signed or renewed ID
        headers = {"Set-Cookie": sess.set_cookie} if sess.set_cookie else None
        return JSONResponse({"user": sess.user, "data": sess.data, "csrf_token": csrf_token(sess.key)}, headers=headers)

    @app.post("/logout")
    async def logout(request: Request) -> JSONResponse:
        sess = await sessions.load(request.headers.get("cookie"))
        if sess is not None and (refused := csrf_refused(request, sess)) is not None:
            return refused  # a forged logout is refused too; without a session there is nothing to protect
        # From the cookie alone: also ends the session if a concurrent request just renewed its ID.
        clear = await sessions.logout(request.headers.get("cookie"))
        return JSONResponse({"ok": True}, headers={"Set-Cookie": clear, "Clear-Site-Data": '"cookies"'})

    @app.post("/logout-everywhere")
    async def logout_everywhere(request: Request) -> JSONResponse:
        sess = await sessions.load(request.headers.get("cookie"))
        if sess is None:
            return error(401, "no session")
        if (refused := csrf_refused(request, sess)) is not None:
            return refused
        n = await sessions.destroy_all(sess.user)
        families = await refresh.revoke_user(sess.user, "logout")
        return JSONResponse({"sessions": n, "refresh_families": families},
                            headers={"Set-Cookie": sessions.cookie.clear()})

    # --- API routes -----------------------------------------------------------------------

    @app.post("/api/token")
    async def api_token(request: Request) -> JSONResponse:
        user = check_password(await body(request))
        if user is None:
            return error(401, "invalid credentials")
        return tokens(user, await refresh.start(user=user))

    @app.post("/api/refresh")
    async def api_refresh(request: Request) -> JSONResponse:
        token = (await body(request)).get("refresh_token")
        if not isinstance(token, str):
            return error(400, "refresh_token required")
        out = await refresh.refresh(token)
        if not out.ok:
            # reuse_detected: the service already revoked the family and denied its tokens.
            return error(401, out.reason or out.kind)
        user = await store.family_user(out.family)
        if user is None:
            return error(401, "unknown family")
        return tokens(user, out)

    @app.get("/api/me")
    async def api_me(request: Request) -> JSONResponse:
        claims = await bearer(request)
        if claims is None:
            return error(401, "invalid or revoked token", **{"WWW-Authenticate": "Bearer"})
        return JSONResponse({"user": claims["sub"], "sid": claims["sid"]})

    @app.post("/api/logout")
    async def api_logout(request: Request) -> JSONResponse:
        claims = await bearer(request)
        if claims is None:
            return error(401, "invalid or revoked token")
        await store.deny(claims["iss"], claims["jti"], int(claims["exp"]), family=claims.get("sid"))
        await refresh.revoke(claims["sid"], "logout")
        return JSONResponse({"ok": True})

    return app
