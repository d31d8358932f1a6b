"""A Flask service on jwtcore: cookie sessions for browser routes, JWT access tokens plus
rotating refresh tokens for API routes, and a jti denylist.

Run it (from the repository root, with the wheel installed in .venv):

    .venv/bin/pip install flask redis            # redis only for REDIS_URL
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/flask --app examples/flask_sessions/app.py run

Browser routes (cookie ``__Host-id``; browsers send it only over HTTPS or to localhost):
    POST /login {username, password}   new session, always under a fresh ID (fixation defence);
                                       answers the session's CSRF token
    GET  /me                           the session's user and a fresh (masked) CSRF token
    POST /logout                       deletes the session, clears the cookie
    POST /logout-everywhere            every session and refresh family of the user

CSRF, in three layers: the cookie is ``SameSite=Lax`` (no cookie on cross-site POSTs in current
browsers); every state-changing browser request passes the core's request check (Fetch Metadata,
else an exact ``Origin`` match against ``ALLOWED_ORIGINS``) before any handler runs; and every
state-changing route that acts on a session needs its CSRF token in ``X-CSRF-Token`` (or the
``csrf_token`` form field). The token is bound to the session's storage key, so one taken from
another session is refused. ``/api/*`` routes are exempt: they authenticate with a bearer token
or a refresh token in the body, which a browser never attaches on its own.

API routes:
    POST /api/token {username, password}    access token (HS256, 5 min) + refresh token
    POST /api/refresh {refresh_token}       rotates; a replayed (superseded) token revokes the
                                            family and its access tokens
    GET  /api/me   (Authorization: Bearer)  verified by the core, then the denylist
    POST /api/logout (Bearer, {refresh_token})  denies the access token's jti, revokes the family

Secrets come from the environment in a real deployment; this demo draws them at start-up.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from typing import Any

from flask import Flask, Response, jsonify, request

import jwtcore as jwt
from jwtcore import session as s
from jwtcore.stores import MemoryStore, RefreshService, Session, Sessions, Store, StoreError

ISSUER = "https://example.test"
# The origins this service's pages are served from (scheme://host[:port], no trailing slash).
DEFAULT_ORIGINS = ["http://localhost:8000", "http://127.0.0.1:8000"]
ACCESS_TTL = 300
# Demo users; a real service checks a password hash (argon2/bcrypt) in its user table.
USERS = {"alice": "correct horse", "bob": "battery staple"}


def create_app(store: Store | None = None, *, session_key: bytes | None = None, jwt_key: bytes | None = None,
               refresh_key: bytes | None = None, pepper: bytes | None = None,
               allowed_origins: list[str] | None = None) -> Flask:
    if store is None:
        url = os.environ.get("REDIS_URL")
        if url:
            from jwtcore.stores import RedisStore

            store = RedisStore(url=url)
        else:
            store = MemoryStore()
    jwt_key = jwt_key or secrets.token_bytes(32)
    pepper = pepper or secrets.token_bytes(32)
    keys = s.SessionKeys(session_key or secrets.token_bytes(32))
    sessions = Sessions(store, keys, timeouts=s.Timeouts(idle=30 * 60, absolute=12 * 3600), pepper=pepper)
    if allowed_origins is None:
        env = os.environ.get("ALLOWED_ORIGINS")
        allowed_origins = env.split(",") if env else DEFAULT_ORIGINS
    origin_policy = s.RequestPolicy(allowed_origins)  # ValueError at start-up for a malformed entry
    refresh = RefreshService(store, refresh_key or secrets.token_bytes(32), pepper=pepper,
                             absolute=30 * 86400, idle=7 * 86400, grace=10, access_ttl=ACCESS_TTL)
    app = Flask(__name__)

    def error(status: int, message: str, **headers: str) -> Response:
        resp = jsonify(error=message)
        resp.status_code = status
        resp.headers["Cache-Control"] = "no-store"
        for k, v in headers.items():
            resp.headers[k] = v
        return resp

    def check_password(body: dict[str, Any]) -> str | None:
        user, password = body.get("username"), body.get("password")
        expected = USERS.get(user) if isinstance(user, str) else None
        if expected is None or not isinstance(password, str):
            return None
        return user if hmac.compare_digest(expected.encode(), password.encode()) else None

    def access_token(user: str, family: str) -> tuple[str, int]:
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user, "sid": family, "jti": secrets.token_urlsafe(16),
                  "iat": now, "exp": now + ACCESS_TTL}
        return jwt.encode(claims, jwt_key, algorithm="HS256"), ACCESS_TTL

    def tokens(user: str, out: s.RefreshOutcome) -> Response:
        token, ttl = access_token(user, out.family)
        resp = jsonify(access_token=token, token_type="Bearer", expires_in=ttl, refresh_token=out.token)
        resp.headers["Cache-Control"] = "no-store"
        return resp

    def bearer() -> dict[str, Any] | None:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return None
        try:
            claims = jwt.decode(auth[7:], jwt_key, algorithms=["HS256"], issuer=ISSUER,
                                options={"require": ["exp", "iat", "sub", "jti"]})
        except jwt.PyJWTError:
            return None
        # Revocation after the core's verdict: the token itself, or its whole family.
        if store.is_denied(claims["iss"], claims["jti"], family=claims.get("sid")):
            return None
        return claims

    @app.before_request
    def refuse_cross_site() -> Response | None:
        # Before any handler, so a refused request changes nothing. Safe methods pass inside the
        # check; /api/* carries its credentials explicitly (see the module docstring).
        if request.path.startswith("/api/"):
            return None
        verdict = origin_policy.check_headers(request.method, request.headers)
        return None if verdict.allowed else error(403, f"cross-origin request refused: {verdict.reason}")

    def csrf_refused(sess: Session) -> Response | None:
        token = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token")
        try:
            keys.verify_csrf(sess.key, token)
        except s.CsrfError:
            return error(403, "missing or invalid CSRF token")
        return None

    def csrf_token(storage_key: str) -> str:
        # A new nonce and pad per response: no two pages carry the same string (BREACH).
        return s.mask_csrf_token(keys.csrf_token(storage_key))

    @app.errorhandler(StoreError)
    def store_down(e: StoreError) -> Response:
        # Fail closed: the store could not answer, so nothing is treated as valid.
        return error(503, "session store unavailable", **{"Retry-After": "1"})

    @app.errorhandler(s.DuplicateCookieError)
    def duplicate_cookie(e: s.SessionError) -> Response:
        return error(400, "duplicate session cookie")

    # --- browser routes -------------------------------------------------------------------

    @app.post("/login")
    def login() -> Response:
        user = check_password(request.get_json(silent=True) or request.form.to_dict())
        if user is None:
            return error(401, "invalid credentials")
        sessions.logout(request.headers.get("Cookie"))  # never carry a pre-login ID over the login
        sid, set_cookie = sessions.create(user, {"login_at": int(time.time())})
        resp = jsonify(user=user, csrf_token=csrf_token(s.storage_key(sid, pepper)))
        resp.headers["Set-Cookie"] = set_cookie
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.get("/me")
    def me() -> Response:
        sess = sessions.load(request.headers.get("Cookie"))
        if sess is None:
            return error(401, "no session")
        resp = jsonify(user=sess.user, data=sess.data, csrf_token=csrf_token(sess.key))
        if sess.set_cookie:
            resp.headers["Set-Cookie"] = sess.set_cookie  # re-signed or renewed ID
        return resp

    @app.post("/logout")
    def logout() -> Response:
        sess = sessions.load(request.headers.get("Cookie"))
        if sess is not None and (refused := csrf_refused(sess)) is not None:
            return refused  # a forged logout is refused too; without a session there is nothing to protect
        resp = jsonify(ok=True)
        # From the cookie alone: also ends the session if a concurrent request just renewed its ID.
        resp.headers["Set-Cookie"] = sessions.logout(request.headers.get("Cookie"))
        resp.headers["Clear-Site-Data"] = '"cookies"'
        return resp

    @app.post("/logout-everywhere")
    def logout_everywhere() -> Response:
        sess = sessions.load(request.headers.get("Cookie"))
        if sess is None:
            return error(401, "no session")
        if (refused := csrf_refused(sess)) is not None:
            return refused
        n = sessions.destroy_all(sess.user)
        families = refresh.revoke_user(sess.user, "logout")
        resp = jsonify(sessions=n, refresh_families=families)
        resp.headers["Set-Cookie"] = sessions.cookie.clear()
        return resp

    # --- API routes -----------------------------------------------------------------------

    @app.post("/api/token")
    def api_token() -> Response:
        user = check_password(request.get_json(silent=True) or {})
        if user is None:
            return error(401, "invalid credentials")
        return tokens(user, refresh.start(user=user))

    @app.post("/api/refresh")
    def api_refresh() -> Response:
        token = (request.get_json(silent=True) or {}).get("refresh_token")
        if not isinstance(token, str):
            return error(400, "refresh_token required")
        out = refresh.refresh(token)
        if not out.ok:
            # reuse_detected: RefreshService already revoked the family and denied its tokens.
            return error(401, out.reason or out.kind)
        user = store.family_user(out.family)
        if user is None:
            return error(401, "unknown family")
        return tokens(user, out)

    @app.get("/api/me")
    def api_me() -> Response:
        claims = bearer()
        if claims is None:
            return error(401, "invalid or revoked token", **{"WWW-Authenticate": "Bearer"})
        return jsonify(user=claims["sub"], sid=claims["sid"])

    @app.post("/api/logout")
    def api_logout() -> Response:
        claims = bearer()
        if claims is None:
            return error(401, "invalid or revoked token")
        store.deny(claims["iss"], claims["jti"], int(claims["exp"]), family=claims.get("sid"))
        refresh.revoke(claims["sid"], "logout")
        return jsonify(ok=True)

    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8000)
