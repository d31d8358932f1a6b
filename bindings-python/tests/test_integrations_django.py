"""jwtcore.integrations.django end to end: the README's one-file Django app (tests/
django_readme_app.py, a verbatim mirror) served by Django's threaded WSGI server on 127.0.0.1
and driven over HTTP with httpx — bearer middleware and ``bearer_required``, the DRF
authentication class through DRF's own APIView, the session cookie round trip with CSRF and
logout, the denylist — and JWTAuthentication called without DRF installed (a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("django")
pytest.importorskip("rest_framework")

from loopback_http import serve_wsgi_django  # noqa: E402

ORIGIN = {"Origin": "https://app.example"}


@pytest.fixture(scope="module")
def app():
    import django_readme_app as ns
    from django.core.wsgi import get_wsgi_application

    base, stop = serve_wsgi_django(get_wsgi_application())
    ns.http = httpx.Client(base_url=base, timeout=30)
    yield ns
    ns.http.close()
    stop()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def api_token(app):
    r = app.http.post("/api/token", json={"username": "alice", "password": "correct horse"})
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def test_bearer_middleware_and_bearer_required(app):
    token = api_token(app)
    r = app.http.get("/api/me", headers=bearer(token))
    assert r.status_code == 200 and r.json() == {"user": "alice"}
    r = app.http.get("/api/me")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json() == {"error": "missing_token"}
    now = int(time.time())
    expired = app.jwt.encode({"iss": app.ISSUER, "sub": "alice", "jti": "j", "exp": now - 60}, app.JWT_KEY,
                             algorithm="HS256")
    for bad, code in ((token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "bad_signature"),
                      (expired, "expired"), ("x.y", "malformed_token")):
        r = app.http.get("/api/me", headers=bearer(bad))
        assert r.status_code == 401, r.text
        assert r.headers["www-authenticate"] == f'Bearer error="invalid_token", error_description="{code}"'
        assert r.json() == {"error": code}
    # A token without jti cannot be revoked, so the denylist makes jti required.
    no_jti = app.jwt.encode({"iss": app.ISSUER, "sub": "alice", "exp": now + 60}, app.JWT_KEY, algorithm="HS256")
    r = app.http.get("/api/me", headers=bearer(no_jti))
    assert r.status_code == 401 and r.json() == {"error": "missing_claim"}


def test_denylisted_token_is_revoked(app):
    token = api_token(app)
    claims = app.jwt.decode(token, app.JWT_KEY, algorithms=["HS256"], issuer=app.ISSUER)
    assert app.http.get("/api/me", headers=bearer(token)).status_code == 200
    app.store.deny(claims["iss"], claims["jti"], claims["exp"])
    r = app.http.get("/api/me", headers=bearer(token))
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer error="invalid_token", error_description="revoked"'
    r = app.http.get("/api/drf/me", headers=bearer(token))
    assert r.status_code == 401 and 'error_description="revoked"' in r.headers["www-authenticate"]


def test_drf_authentication_class(app):
    token = api_token(app)
    claims = app.jwt.decode(token, app.JWT_KEY, algorithms=["HS256"], issuer=app.ISSUER)
    r = app.http.get("/api/drf/me", headers=bearer(token))
    assert r.status_code == 200 and r.json() == {"user": "alice", "jti": claims["jti"]}
    # No credential: DRF's NotAuthenticated, with our authenticate_header as the challenge.
    r = app.http.get("/api/drf/me")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = app.http.get("/api/drf/me", headers=bearer("not.a.token"))
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith('Bearer error="invalid_token", error_description="')
    assert r.json() == {"detail": r.headers["www-authenticate"].split('error_description="')[1][:-1]}
    r = app.http.get("/api/drf/me", headers={"Authorization": f"Bearer {token}, Bearer {token}"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer error="invalid_request", error_description="malformed_authorization"'


def test_session_round_trip_csrf_and_logout(app):
    http = app.http
    r = http.post("/login", json={"username": "alice", "password": "correct horse"})
    assert r.status_code == 403 and r.json() == {"error": "origin_missing"}  # the request check
    r = http.post("/login", json={"username": "alice", "password": "correct horse"}, headers=ORIGIN)
    assert r.status_code == 200, r.text
    set_cookie = r.headers["set-cookie"]
    assert set_cookie.startswith("__Host-id=") and "Secure" in set_cookie and "HttpOnly" in set_cookie
    assert "SameSite=Lax" in set_cookie and r.headers["cache-control"] == "no-store"
    cookie = set_cookie.split(";", 1)[0]
    me = http.get("/me", headers={"Cookie": cookie})
    assert me.status_code == 200 and me.json()["user"] == "alice"
    r = http.post("/logout", headers={"Cookie": cookie, **ORIGIN})
    assert r.status_code == 403 and r.json() == {"error": "session_csrf_malformed"}
    r = http.post("/logout", headers={"Cookie": cookie, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and r.json() == {"error": "cross_site"}
    assert http.get("/me", headers={"Cookie": cookie}).status_code == 200
    r = http.post("/logout", headers={"Cookie": cookie, **ORIGIN, "X-CSRF-Token": me.json()["csrf_token"]})
    assert r.status_code == 200
    assert r.headers["set-cookie"].startswith("__Host-id=;") and "Max-Age=0" in r.headers["set-cookie"]
    assert http.get("/me", headers={"Cookie": cookie}).status_code == 401
    r = http.get("/me", headers={"Cookie": f"{cookie}; {cookie}"})
    assert r.status_code == 400 and r.json() == {"error": "session_cookie_duplicate"}


def test_concurrent_requests(app):
    import concurrent.futures

    token = api_token(app)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: app.http.get("/api/me", headers=bearer(token)).status_code, range(32)))
    assert results == [200] * 32


def test_jwt_authentication_without_drf(tmp_path):
    """DRF hidden from the import system: the class still authenticates a plain HttpRequest and
    raises its own AuthenticationFailed (status 401) with the challenge."""
    script = r'''
import sys
sys.modules["rest_framework"] = None  # ImportError for it and every submodule
import django
from django.conf import settings
from jwtcore.integrations.django import AuthenticationFailed, BearerVerifier, JWTAuthentication
import jwtcore as jwt
key = b"k" * 32
settings.configure(ALLOWED_HOSTS=["testserver"], JWTCORE={"BEARER": BearerVerifier(key, algorithms=["HS256"])})
django.setup()
from django.test import RequestFactory
auth = JWTAuthentication()
rf = RequestFactory()
token = jwt.encode({"sub": "alice"}, key, algorithm="HS256")
user, claims = auth.authenticate(rf.get("/", HTTP_AUTHORIZATION="Bearer " + token))
assert user.is_authenticated and user.username == "alice" and claims == {"sub": "alice"}
assert auth.authenticate(rf.get("/")) is None
request = rf.get("/", HTTP_AUTHORIZATION="Bearer " + token + "x")
try:
    auth.authenticate(request)
except AuthenticationFailed as e:
    assert e.status_code == 401 and type(e).__module__ == "jwtcore.integrations.django"
    assert auth.authenticate_header(request) == 'Bearer error="invalid_token", error_description="bad_signature"'
else:
    raise AssertionError("a forged token was accepted")
print("ok")
'''
    env = {**os.environ, "PYTHONPATH": ""}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_misconfiguration_is_refused():
    import django_readme_app  # noqa: F401 - settings configured
    from django.test import override_settings

    from jwtcore import AsyncPyJWKClient
    from jwtcore.integrations.django import BearerVerifier, JwtcoreMiddleware

    verifier = BearerVerifier(jwks=AsyncPyJWKClient("https://idp.example/jwks"), algorithms=["ES256"])
    with override_settings(JWTCORE={"BEARER": verifier}):
        with pytest.raises(TypeError, match="PyJWKClient"):
            JwtcoreMiddleware(lambda request: None)
    assert Path(django_readme_app.__file__).name == "django_readme_app.py"
