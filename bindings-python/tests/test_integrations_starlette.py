"""jwtcore.integrations.starlette end to end: the README's FastAPI app (mirrored verbatim below)
served by uvicorn on 127.0.0.1 and driven over HTTP with httpx — bearer 200/401/403 with the RFC
6750 header, the session cookie round trip with CSRF, logout, refresh rotation, replay → family
revoked, concurrent requests — plus a Starlette app whose keys come from an AsyncPyJWKClient.

No ``from __future__ import annotations`` here: FastAPI resolves the annotations of the
README's routes, defined inside a function, at run time."""

import asyncio
import dataclasses
import json
import secrets
import time
from types import SimpleNamespace
from typing import Optional, TypedDict

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

import jwtcore  # noqa: E402
from loopback_http import Provider, serve_asgi  # noqa: E402

ORIGIN = {"Origin": "https://app.example"}


def readme_fastapi_app():
    # bindings-python/README.md § FastAPI / Starlette, verbatim.
    import hmac
    import secrets
    import time

    from fastapi import Depends, FastAPI, Request
    from fastapi.responses import JSONResponse

    import jwtcore as jwt
    from jwtcore import session as s
    from jwtcore.integrations.starlette import (
        BearerAuth, BearerVerifier, RefreshEndpoint, SessionMiddleware, session_of,
    )
    from jwtcore.stores.aio import AsyncMemoryStore, AsyncRefreshService, AsyncSessions

    ISSUER = "https://api.example"
    JWT_KEY = secrets.token_bytes(32)       # secrets come from your secret store in production
    USERS = {"alice": "correct horse"}      # your user table, with password hashes
    store = AsyncMemoryStore()              # AsyncRedisStore(url=...) when several processes serve
    sessions = AsyncSessions(store, s.SessionKeys(secrets.token_bytes(32)), pepper=secrets.token_bytes(32))
    refresh = AsyncRefreshService(store, secrets.token_bytes(32), access_ttl=300)


    def mint(user: str, family: str) -> str:
        # sid = the refresh family: revoking the family (logout, reuse) denies its access tokens.
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user, "sid": family, "jti": secrets.token_urlsafe(16),
                  "iat": now, "exp": now + 300, "scope": "profile"}
        return jwt.encode(claims, JWT_KEY, algorithm="HS256")


    bearer = BearerAuth(BearerVerifier(JWT_KEY, algorithms=["HS256"], issuer=ISSUER, denylist=store))
    tokens = RefreshEndpoint(refresh, mint, expires_in=300)

    app = FastAPI()
    # Browser routes: the cookie session, the Origin/Fetch Metadata check and the CSRF token.
    # /api/ carries its credential explicitly (a bearer token), so it is exempt from both checks.
    app.add_middleware(SessionMiddleware, sessions=sessions, exempt=["/api/"],
                       request_policy=s.RequestPolicy(["https://app.example"]))


    def password_ok(body: dict) -> bool:
        expected = USERS.get(body.get("username"), "")
        return bool(expected) and hmac.compare_digest(expected.encode(), str(body.get("password")).encode())


    @app.post("/api/token")
    async def api_token(request: Request):
        body = await request.json()
        if not password_ok(body):
            return JSONResponse({"error": "invalid_credentials"}, 401)
        return await tokens.issue(body["username"])


    app.post("/api/refresh")(tokens)   # rotation; a replayed token revokes its whole family


    @app.get("/api/me")
    async def api_me(claims: dict = Depends(bearer.require("profile"))):
        return {"user": claims["sub"]}


    @app.post("/login")
    async def login(request: Request):
        body = await request.json()
        if not password_ok(body):
            return JSONResponse({"error": "invalid_credentials"}, 401)
        return {"csrf_token": await session_of(request).login(body["username"])}


    @app.get("/me")
    async def me(request: Request):
        ctx = session_of(request)
        if ctx.session is None:
            return JSONResponse({"error": "no_session"}, 401)
        return {"user": ctx.user, "csrf_token": ctx.csrf_token()}


    @app.post("/logout")   # needs the X-CSRF-Token header: the middleware checks it
    async def logout(request: Request):
        await session_of(request).logout()
        return {"ok": True}
    # end of the README example
    return SimpleNamespace(**locals())


@pytest.fixture(scope="module")
def service():
    ns = readme_fastapi_app()
    base, stop = serve_asgi(ns.app)
    ns.base = base
    ns.http = httpx.Client(base_url=base, timeout=30)
    yield ns
    ns.http.close()
    stop()


def challenge(response) -> Optional[str]:
    return response.headers.get("www-authenticate")


def api_login(svc, user="alice", password="correct horse"):
    r = svc.http.post("/api/token", json={"username": user, "password": password})
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    return r.json()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_bearer_valid_token_200(service):
    body = api_login(service)
    assert body["token_type"] == "Bearer" and body["expires_in"] == 300
    r = service.http.get("/api/me", headers=bearer(body["access_token"]))
    assert r.status_code == 200 and r.json() == {"user": "alice"}
    # The scheme is case-insensitive (RFC 9110 §11.1).
    r = service.http.get("/api/me", headers={"Authorization": "bearer " + body["access_token"]})
    assert r.status_code == 200


def test_bearer_refusals_carry_the_rfc6750_challenge(service):
    good = api_login(service)["access_token"]
    head, payload, sig = good.split(".")
    now = int(time.time())
    claims = {"iss": service.ISSUER, "sub": "alice", "jti": "j1", "iat": now, "scope": "profile"}
    cases = [
        (good[:-2] + ("AA" if not good.endswith("AA") else "BB"), "bad_signature"),
        (service.jwt.encode({**claims, "exp": now - 60}, service.JWT_KEY, algorithm="HS256"), "expired"),
        (service.jwt.encode({**claims, "exp": now + 60, "iss": "https://evil.example"}, service.JWT_KEY,
                            algorithm="HS256"), "issuer_mismatch"),
        (service.jwt.encode({**claims, "exp": now + 60}, secrets.token_bytes(32), algorithm="HS256"), "bad_signature"),
        ("not-a-token", "malformed_token"),
        (f"{head}.{payload}", "malformed_token"),
    ]
    for token, code in cases:
        r = service.http.get("/api/me", headers=bearer(token))
        assert r.status_code == 401, (code, r.text)
        assert challenge(r) == f'Bearer error="invalid_token", error_description="{code}"'
        assert r.json() == {"detail": code}
        assert r.headers["cache-control"] == "no-store"
    # An alg=none token is refused like any forgery.
    none = "eyJhbGciOiJub25lIn0." + payload + "."
    r = service.http.get("/api/me", headers=bearer(none))
    assert r.status_code == 401 and challenge(r).startswith('Bearer error="invalid_token"')


def test_no_credential_and_unreadable_header(service):
    r = service.http.get("/api/me")
    assert r.status_code == 401 and challenge(r) == "Bearer" and r.json() == {"detail": "missing_token"}
    r = service.http.get("/api/me", headers={"Authorization": "Basic YWxpY2U6cHc="})
    assert r.status_code == 401 and challenge(r) == "Bearer"
    token = api_login(service)["access_token"]
    # Two Authorization headers: which one counts would depend on the hop (RFC 6750 invalid_request).
    r = service.http.get("/api/me", headers=[("Authorization", f"Bearer {token}"), ("Authorization", f"Bearer {token}")])
    assert r.status_code == 400
    assert challenge(r) == 'Bearer error="invalid_request", error_description="malformed_authorization"'


def test_insufficient_scope_403(service):
    now = int(time.time())
    token = service.jwt.encode({"iss": service.ISSUER, "sub": "alice", "jti": "j-scope", "iat": now, "exp": now + 60,
                                "scope": "email"}, service.JWT_KEY, algorithm="HS256")
    r = service.http.get("/api/me", headers=bearer(token))
    assert r.status_code == 403
    assert challenge(r) == 'Bearer error="insufficient_scope", error_description="insufficient_scope", scope="profile"'


def session_cookie(response) -> str:
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith("__Host-id=") and "Secure" in set_cookie and "HttpOnly" in set_cookie
    return set_cookie.split(";", 1)[0]


def test_session_cookie_round_trip_csrf_and_logout(service):
    http = service.http
    r = http.post("/login", json={"username": "alice", "password": "wrong"}, headers=ORIGIN)
    assert r.status_code == 401 and "set-cookie" not in r.headers
    r = http.post("/login", json={"username": "alice", "password": "correct horse"}, headers=ORIGIN)
    assert r.status_code == 200, r.text
    cookie = session_cookie(r)
    assert r.headers["cache-control"] == "no-store"
    csrf = r.json()["csrf_token"]
    me = http.get("/me", headers={"Cookie": cookie})
    assert me.status_code == 200 and me.json()["user"] == "alice"
    assert me.json()["csrf_token"] != csrf  # masked afresh for each page (BREACH)
    # Without the cookie there is no session.
    assert http.get("/me").status_code == 401
    # State-changing requests: the request check first, then the session's CSRF token.
    r = http.post("/logout", headers={"Cookie": cookie, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and r.json() == {"error": "cross_site"}
    r = http.post("/logout", headers={"Cookie": cookie, **ORIGIN})
    assert r.status_code == 403 and r.json() == {"error": "session_csrf_malformed"}
    other = http.post("/login", json={"username": "alice", "password": "correct horse"}, headers=ORIGIN).json()
    r = http.post("/logout", headers={"Cookie": cookie, **ORIGIN, "X-CSRF-Token": other["csrf_token"]})
    assert r.status_code == 403 and r.json() == {"error": "session_csrf_mismatch"}
    assert http.get("/me", headers={"Cookie": cookie}).status_code == 200  # refusals changed nothing
    r = http.post("/logout", headers={"Cookie": cookie, **ORIGIN, "X-CSRF-Token": me.json()["csrf_token"]})
    assert r.status_code == 200
    assert r.headers["set-cookie"].startswith("__Host-id=;") and "Max-Age=0" in r.headers["set-cookie"]
    assert http.get("/me", headers={"Cookie": cookie}).status_code == 401
    # A forged cookie is no session; a duplicated one is refused outright (cookie tossing).
    forged = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    assert http.get("/me", headers={"Cookie": forged}).status_code == 401
    r = http.get("/me", headers={"Cookie": f"{cookie}; {cookie}"})
    assert r.status_code == 400 and r.json() == {"error": "session_cookie_duplicate"}


def test_login_replaces_the_previous_session(service):
    http = service.http
    first = http.post("/login", json={"username": "alice", "password": "correct horse"}, headers=ORIGIN)
    cookie1 = session_cookie(first)
    second = http.post("/login", json={"username": "alice", "password": "correct horse"},
                       headers={"Cookie": cookie1, **ORIGIN, "X-CSRF-Token": first.json()["csrf_token"]})
    assert second.status_code == 200
    cookie2 = session_cookie(second)
    assert cookie2 != cookie1
    assert http.get("/me", headers={"Cookie": cookie1}).status_code == 401  # no ID survives a login
    assert http.get("/me", headers={"Cookie": cookie2}).json()["user"] == "alice"


def test_refresh_rotation_and_replay_revokes_the_family(service):
    http = service.http
    first = api_login(service)
    r = http.post("/api/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"] and r.headers["cache-control"] == "no-store"
    # The RFC 6749 §6 form works too.
    r = http.post("/api/refresh", data={"grant_type": "refresh_token", "refresh_token": second["refresh_token"]})
    assert r.status_code == 200, r.text
    third = r.json()
    assert http.get("/api/me", headers=bearer(third["access_token"])).status_code == 200
    # Replay of an already rotated token: reuse detected, the whole family revoked.
    r = http.post("/api/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 401 and r.json() == {"error": "refresh_reuse_detected"}
    r = http.post("/api/refresh", json={"refresh_token": third["refresh_token"]})
    assert r.status_code == 401 and r.json()["error"].startswith("refresh_")
    # ... and its access tokens with it (the denylist's family entry).
    r = http.get("/api/me", headers=bearer(third["access_token"]))
    assert r.status_code == 401
    assert challenge(r) == 'Bearer error="invalid_token", error_description="revoked"'
    # Another family of the same user is untouched.
    other = api_login(service)
    assert http.get("/api/me", headers=bearer(other["access_token"])).status_code == 200
    # Garbage and missing tokens.
    assert http.post("/api/refresh", json={"refresh_token": "x"}).json() == {"error": "refresh_malformed"}
    assert http.post("/api/refresh", json={}).status_code == 400
    assert http.post("/api/refresh", data={"grant_type": "password", "refresh_token": "x"}).status_code == 400


def test_concurrent_requests(service):
    """16 concurrent refreshes of one token: exactly one wins (grace 0: the others are reuse,
    which then revokes the winner's family too); 32 concurrent bearer calls all succeed."""
    tokens = api_login(service)
    other = api_login(service)

    async def main():
        async with httpx.AsyncClient(base_url=service.base, timeout=60) as client:
            refreshes = [client.post("/api/refresh", json={"refresh_token": tokens["refresh_token"]}) for _ in range(16)]
            calls = [client.get("/api/me", headers=bearer(other["access_token"])) for _ in range(32)]
            return await asyncio.gather(*refreshes), await asyncio.gather(*calls)

    refreshes, calls = asyncio.run(main())
    assert sorted(r.status_code for r in refreshes).count(200) == 1
    assert {r.json()["error"] for r in refreshes if r.status_code != 200} <= {"refresh_reuse_detected", "refresh_revoked"}
    assert all(r.status_code == 200 and r.json() == {"user": "alice"} for r in calls)


# --- keys from a JWKS endpoint, typed claims (a plain Starlette app) ----------------------------


@dataclasses.dataclass
class Claims:
    sub: str
    exp: int


class ClaimsDict(TypedDict):
    sub: str


def test_jwks_key_source_typed_claims_and_unavailable_endpoint():
    from cryptography.hazmat.primitives.asymmetric import ec
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from jwtcore.integrations.starlette import BearerAuth, BearerVerifier
    from test_oidc import public_jwk

    key = ec.generate_private_key(ec.SECP256R1())
    provider = Provider()
    jwks_url = f"{provider.base}/jwks.json"
    provider.routes["/jwks.json"] = (200, {}, {"keys": [public_jwk(key, "k1")]})
    client = jwtcore.AsyncPyJWKClient(jwks_url, cooldown_duration=0, timeout=5)
    typed = BearerAuth(BearerVerifier(jwks=client, algorithms=["ES256"], audience="api", realm="svc"), claims_type=Claims)

    async def me(request: Request):
        claims = await typed(request)
        assert isinstance(claims, Claims)
        return JSONResponse({"sub": claims.sub})

    base, stop = serve_asgi(Starlette(routes=[Route("/me", me)]))
    try:
        def tok(kid="k1", **extra):
            claims = {"sub": "alice", "aud": "api", "exp": int(time.time()) + 60, **extra}
            return jwtcore.encode(claims, key, algorithm="ES256", headers={"kid": kid})

        with httpx.Client(base_url=base, timeout=30) as http:
            r = http.get("/me", headers=bearer(tok()))
            assert r.status_code == 200 and r.json() == {"sub": "alice"}
            r = http.get("/me", headers=bearer(tok(kid="nope")))
            assert r.status_code == 401
            assert challenge(r) == 'Bearer realm="svc", error="invalid_token", error_description="no_matching_key"'
            r = http.get("/me", headers=bearer(tok(aud="other")))
            assert challenge(r) == 'Bearer realm="svc", error="invalid_token", error_description="audience_mismatch"'
            assert http.get("/me").headers["www-authenticate"] == 'Bearer realm="svc"'
            provider.stop()  # the endpoint goes away: a kid not cached cannot be decided
            r = http.get("/me", headers=bearer(tok(kid="k2")))
            assert r.status_code == 503 and "www-authenticate" not in r.headers
            # The cached key still serves its tokens.
            assert http.get("/me", headers=bearer(tok())).status_code == 200
    finally:
        stop()


def test_claims_types_and_configuration_errors():
    from jwtcore.integrations._bearer import BearerError, convert_claims
    from jwtcore.integrations.starlette import BearerAuth, BearerVerifier

    claims = {"sub": "alice", "exp": 5, "extra": 1}
    assert convert_claims(claims, Claims) == Claims("alice", 5)  # unknown claims dropped
    assert convert_claims(claims, ClaimsDict) == claims
    with pytest.raises(BearerError) as e:
        convert_claims({"exp": 5}, Claims)
    assert (e.value.status, e.value.code) == (401, "claims_deserialize")
    pydantic = pytest.importorskip("pydantic")

    class Model(pydantic.BaseModel):
        sub: str
        exp: int

    assert convert_claims(claims, Model) == Model(sub="alice", exp=5)
    with pytest.raises(BearerError):
        convert_claims({"sub": "alice", "exp": "soon"}, Model)
    # A blocking JWKS client would stall the event loop: refused at configuration.
    with pytest.raises(TypeError, match="AsyncPyJWKClient"):
        BearerAuth(BearerVerifier(jwks=jwtcore.PyJWKClient("https://idp.example/jwks"), algorithms=["ES256"]))
    with pytest.raises(ValueError, match="exactly one"):
        BearerVerifier(algorithms=["HS256"])
    with pytest.raises(ValueError, match="realm"):
        BearerVerifier(b"k" * 32, algorithms=["HS256"], realm='a"b')


def test_readme_integration_examples_are_mirrored():
    """Every python block of the README's Integrations section appears verbatim in a test."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    readme = (here.parent / "README.md").read_text()
    section = readme.split("## Integrations: FastAPI/Starlette, Django, OIDC discovery", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```python\n")[1:]]
    assert len(blocks) == 3
    sources = []
    for name in ("test_integrations_starlette.py", "django_readme_app.py", "test_oidc.py"):
        lines = (here / name).read_text().splitlines()
        sources.append(lines)
        sources.append([line[4:] if line.startswith("    ") else line for line in lines])
    for block in blocks:
        want = block.rstrip("\n").splitlines()
        found = any(src[i : i + len(want)] == want for src in sources for i in range(len(src)))
        assert found, f"README example without a verbatim mirror:\n{block}"


def test_pyjwkset_key_source_ignores_secrets():
    """A PyJWKSet key source picks the key by kid; an oct key in it never verifies (a published
    set is public: anyone could sign with that "secret")."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from jwtcore.integrations._bearer import BearerError, BearerVerifier
    from test_oidc import public_jwk

    key = ec.generate_private_key(ec.SECP256R1())
    secret = secrets.token_bytes(32)
    oct_jwk = {"kty": "oct", "kid": "h1", "k": jwtcore.utils.base64url_encode(secret).decode()}
    keyset = jwtcore.PyJWKSet.from_dict({"keys": [public_jwk(key, "k1"), oct_jwk]})
    verifier = BearerVerifier(keyset, algorithms=["ES256", "HS256"])
    exp = int(time.time()) + 60
    good = jwtcore.encode({"sub": "alice", "exp": exp}, key, algorithm="ES256", headers={"kid": "k1"})
    assert verifier.verify(good)["sub"] == "alice"
    assert asyncio.run(verifier.averify(good))["sub"] == "alice"
    forged = jwtcore.encode({"sub": "admin", "exp": exp}, secret, algorithm="HS256", headers={"kid": "h1"})
    for bad, code in ((forged, "no_matching_key"), (good.replace(".", "x.", 1), "malformed_token")):
        with pytest.raises(BearerError) as e:
            verifier.verify(bad)
        assert (e.value.status, e.value.error) == (401, "invalid_token")
        if code == "no_matching_key":
            assert e.value.code == code
    # A set of one key serves tokens without kid; a bigger one needs the kid.
    single = BearerVerifier(jwtcore.PyJWKSet.from_dict({"keys": [public_jwk(key, "k1")]}), algorithms=["ES256"])
    no_kid = jwtcore.encode({"sub": "alice", "exp": exp}, key, algorithm="ES256")
    assert single.verify(no_kid)["sub"] == "alice"
    two = BearerVerifier(jwtcore.PyJWKSet.from_dict({"keys": [public_jwk(key, "k1"), public_jwk(key, "k2")]}),
                         algorithms=["ES256"])
    with pytest.raises(BearerError) as e:
        two.verify(no_kid)
    assert e.value.code == "no_matching_key"
    with pytest.raises(jwtcore.PyJWKSetError):
        BearerVerifier(jwtcore.PyJWKSet.from_dict({"keys": [oct_jwk]}), algorithms=["HS256"])


def test_session_middleware_reissues_and_renews_cookies():
    """A cookie signed by a previous key comes back re-signed with the current one; an ID
    older than renew_after is renamed and the new cookie sent (the old one then names nothing)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from jwtcore import session as s
    from jwtcore.integrations.starlette import SessionMiddleware, session_of
    from jwtcore.stores.aio import AsyncMemoryStore, AsyncSessions

    old, new, pepper = secrets.token_bytes(32), secrets.token_bytes(32), secrets.token_bytes(32)
    store = AsyncMemoryStore()
    before = AsyncSessions(store, s.SessionKeys(old), pepper=pepper)
    rotated = AsyncSessions(store, s.SessionKeys(new, previous=[old]), pepper=pepper)
    renewing = AsyncSessions(store, s.SessionKeys(new), pepper=pepper, timeouts=s.Timeouts(renew_after=0))

    async def me(request: Request):
        ctx = session_of(request)
        return JSONResponse({"user": ctx.user})

    def app_with(sessions):
        return Starlette(routes=[Route("/me", me)], middleware=[Middleware(SessionMiddleware, sessions=sessions)])

    sid, set_cookie = asyncio.run(before.create("alice"))
    cookie = set_cookie.split(";", 1)[0]
    for sessions, renamed in ((rotated, False), (renewing, True)):
        base, stop = serve_asgi(app_with(sessions))
        try:
            r = httpx.get(base + "/me", headers={"Cookie": cookie}, timeout=30)
            assert r.status_code == 200 and r.json() == {"user": "alice"}
            fresh = r.headers["set-cookie"].split(";", 1)[0]
            assert fresh != cookie and r.headers["cache-control"] == "no-store"
            value = fresh.split("=", 1)[1]
            assert s.SessionKeys(new).verify_cookie("__Host-id", value)[1] is False  # the current key
            assert (s.SessionKeys(new).verify_cookie("__Host-id", value)[0] != sid) is renamed
            r = httpx.get(base + "/me", headers={"Cookie": fresh}, timeout=30)
            assert r.json() == {"user": "alice"}
            cookie = fresh
        finally:
            stop()
