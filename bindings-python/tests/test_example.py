"""End to end over HTTP: examples/flask_sessions served by werkzeug on 127.0.0.1, driven with
urllib, over MemoryStore and a real redis-server."""

from __future__ import annotations

import importlib.util
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("flask")
from werkzeug.serving import make_server  # noqa: E402

from jwtcore import stores  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "examples" / "flask_sessions" / "app.py"


def load_example():
    spec = importlib.util.spec_from_file_location("flask_sessions_example", APP)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Client:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, method: str, path: str, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=dict(headers or {}))
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, resp.headers, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, json.loads(e.read() or b"null")


@pytest.fixture(params=["memory", "redis"])
def client(request):
    if request.param == "memory":
        store = stores.MemoryStore()
    else:
        server = request.getfixturevalue("redis_server")
        store = stores.RedisStore(url=server.url)
        store.client.flushdb()
    app = load_example().create_app(store)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Client(f"http://127.0.0.1:{httpd.server_port}")
    httpd.shutdown()
    thread.join(5)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_api_refresh_replay_revokes_the_family(client):
    status, _, body = client.call("POST", "/api/token", {"username": "alice", "password": "correct horse"})
    assert status == 200
    access0, refresh0 = body["access_token"], body["refresh_token"]
    status, _, me = client.call("GET", "/api/me", headers=bearer(access0))
    assert status == 200 and me["user"] == "alice"

    status, _, body = client.call("POST", "/api/refresh", {"refresh_token": refresh0})
    assert status == 200
    access1, refresh1 = body["access_token"], body["refresh_token"]
    assert refresh1 != refresh0
    assert client.call("GET", "/api/me", headers=bearer(access1))[0] == 200

    # outside the 10 s grace only the previous token may be retried; go one generation further
    status, _, body = client.call("POST", "/api/refresh", {"refresh_token": refresh1})
    assert status == 200
    access2 = body["access_token"]

    # a thief replays the first refresh token: reuse detected, family revoked
    status, _, body = client.call("POST", "/api/refresh", {"refresh_token": refresh0})
    assert status == 401 and body["error"] == "refresh_reuse_detected"
    # every access token of the family is refused at once, and the latest refresh token is dead
    for token in (access0, access1, access2):
        assert client.call("GET", "/api/me", headers=bearer(token))[0] == 401
    status, _, body = client.call("POST", "/api/refresh", {"refresh_token": body.get("refresh_token") or refresh1})
    assert status == 401


def test_api_grace_retry_and_logout(client):
    _, _, body = client.call("POST", "/api/token", {"username": "bob", "password": "battery staple"})
    r0 = body["refresh_token"]
    _, _, a = client.call("POST", "/api/refresh", {"refresh_token": r0})
    _, _, b = client.call("POST", "/api/refresh", {"refresh_token": r0})  # lost response, retried
    assert a["refresh_token"] == b["refresh_token"]
    access = b["access_token"]
    assert client.call("POST", "/api/logout", headers=bearer(access))[0] == 200
    assert client.call("GET", "/api/me", headers=bearer(access))[0] == 401  # jti denied
    assert client.call("POST", "/api/refresh", {"refresh_token": b["refresh_token"]})[2]["error"] == "refresh_revoked"


def test_api_rejects_bad_input(client):
    assert client.call("POST", "/api/token", {"username": "alice", "password": "nope"})[0] == 401
    assert client.call("GET", "/api/me")[0] == 401
    assert client.call("GET", "/api/me", headers=bearer("a.b.c"))[0] == 401
    assert client.call("POST", "/api/refresh", {"refresh_token": "x" * 111})[2]["error"] == "refresh_malformed"
    assert client.call("POST", "/api/refresh", {"refresh_token": "x" * 112})[2]["error"] == "refresh_not_authentic"
    assert client.call("POST", "/api/refresh", {})[0] == 400


def test_browser_sessions(client):
    status, headers, _ = client.call("POST", "/login", {"username": "alice", "password": "correct horse"})
    assert status == 200
    set_cookie = headers["Set-Cookie"]
    assert set_cookie.startswith("__Host-id=") and "Secure" in set_cookie and "HttpOnly" in set_cookie
    cookie = {"Cookie": set_cookie.split(";")[0]}
    status, _, me = client.call("GET", "/me", headers=cookie)
    assert status == 200 and me["user"] == "alice"

    # login again while holding a session: a fresh ID, the old one is gone
    status, headers, _ = client.call("POST", "/login", {"username": "alice", "password": "correct horse"},
                                     headers=cookie)
    cookie2 = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    assert cookie2 != cookie
    assert client.call("GET", "/me", headers=cookie)[0] == 401
    assert client.call("GET", "/me", headers=cookie2)[0] == 200

    # duplicated cookie name: refused
    dup = {"Cookie": cookie2["Cookie"] + "; " + cookie["Cookie"]}
    assert client.call("GET", "/me", headers=dup)[0] == 400

    status, headers, _ = client.call("POST", "/logout", headers=cookie2)
    assert status == 200 and "Max-Age=0" in headers["Set-Cookie"]
    assert client.call("GET", "/me", headers=cookie2)[0] == 401


def test_logout_everywhere(client):
    cookies = []
    for _ in range(3):
        _, headers, _ = client.call("POST", "/login", {"username": "alice", "password": "correct horse"})
        cookies.append({"Cookie": headers["Set-Cookie"].split(";")[0]})
    _, _, api = client.call("POST", "/api/token", {"username": "alice", "password": "correct horse"})
    _, headers, _ = client.call("POST", "/login", {"username": "bob", "password": "battery staple"})
    bob = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    status, _, body = client.call("POST", "/logout-everywhere", headers=cookies[0])
    assert status == 200 and body == {"sessions": 3, "refresh_families": 1}
    assert all(client.call("GET", "/me", headers=c)[0] == 401 for c in cookies)
    assert client.call("GET", "/api/me", headers=bearer(api["access_token"]))[0] == 401
    assert client.call("POST", "/api/refresh", {"refresh_token": api["refresh_token"]})[0] == 401
    assert client.call("GET", "/me", headers=bob)[0] == 200
