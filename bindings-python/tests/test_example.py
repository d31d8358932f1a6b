"""End to end over HTTP, driven with urllib: examples/flask_sessions served by werkzeug and
examples/fastapi_sessions served by uvicorn, both on 127.0.0.1, each over its memory store, a
real redis-server and a real 3-master Redis Cluster. The same flows run on both examples."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("flask")
from werkzeug.serving import make_server  # noqa: E402

from conftest import open_store  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str = "flask_sessions"):
    spec = importlib.util.spec_from_file_location(f"{name}_example", EXAMPLES / name / "app.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Client:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, method: str, path: str, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        # As a browser on one of the service's own pages sends it; a test overrides it (or drops
        # it with None) to play another site or an older browser.
        sent = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        sent = {k: v for k, v in sent.items() if v is not None}
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, resp.headers, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, json.loads(e.read() or b"null")


def serve_flask(store):
    app = load_example("flask_sessions").create_app(store)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def stop():
        httpd.shutdown()
        thread.join(5)

    return f"http://127.0.0.1:{httpd.server_port}", stop


def serve_fastapi(store):
    """uvicorn on 127.0.0.1 in a thread with its own event loop (the asyncio store's
    connections belong to that loop)."""
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    from redis_server import free_port

    app = load_example("fastapi_sessions").create_app(store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)

    def stop():
        server.should_exit = True
        thread.join(10)

    return f"http://127.0.0.1:{port}", stop


EXAMPLE_STORES = [f"{app}-{kind}" for app in ("flask", "fastapi") for kind in ("memory", "redis", "cluster")]


def example_store(request, app: str, kind: str):
    if app == "flask":
        return open_store(request, kind)
    from jwtcore.stores import aio

    if kind == "memory":
        return aio.AsyncMemoryStore()
    import redis

    if kind == "redis":
        url = request.getfixturevalue("redis_server").url
        with redis.Redis.from_url(url) as r:
            r.flushdb()
        return aio.AsyncRedisStore(url=url)
    url = request.getfixturevalue("redis_cluster").url
    with redis.RedisCluster.from_url(url) as r:
        r.flushdb()
    return aio.AsyncRedisStore(url=url, cluster=True)


@pytest.fixture(params=EXAMPLE_STORES)
def client(request):
    app, kind = request.param.split("-")
    store = example_store(request, app, kind)
    base, stop = (serve_flask if app == "flask" else serve_fastapi)(store)
    yield Client(base)
    stop()


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
    status, headers, login2 = client.call("POST", "/login", {"username": "alice", "password": "correct horse"},
                                          headers=cookie)
    cookie2 = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    assert cookie2 != cookie
    assert client.call("GET", "/me", headers=cookie)[0] == 401
    assert client.call("GET", "/me", headers=cookie2)[0] == 200

    # duplicated cookie name: refused
    dup = {"Cookie": cookie2["Cookie"] + "; " + cookie["Cookie"]}
    assert client.call("GET", "/me", headers=dup)[0] == 400

    status, headers, _ = client.call("POST", "/logout", headers={**cookie2, "X-CSRF-Token": login2["csrf_token"]})
    assert status == 200 and "Max-Age=0" in headers["Set-Cookie"]
    assert client.call("GET", "/me", headers=cookie2)[0] == 401


def test_logout_everywhere(client):
    cookies, tokens = [], []
    for _ in range(3):
        _, headers, body = client.call("POST", "/login", {"username": "alice", "password": "correct horse"})
        cookies.append({"Cookie": headers["Set-Cookie"].split(";")[0]})
        tokens.append(body["csrf_token"])
    _, _, api = client.call("POST", "/api/token", {"username": "alice", "password": "correct horse"})
    _, headers, _ = client.call("POST", "/login", {"username": "bob", "password": "battery staple"})
    bob = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    status, _, body = client.call("POST", "/logout-everywhere", headers={**cookies[0], "X-CSRF-Token": tokens[0]})
    assert status == 200 and body == {"sessions": 3, "refresh_families": 1}
    assert all(client.call("GET", "/me", headers=c)[0] == 401 for c in cookies)
    assert client.call("GET", "/api/me", headers=bearer(api["access_token"]))[0] == 401
    assert client.call("POST", "/api/refresh", {"refresh_token": api["refresh_token"]})[0] == 401
    assert client.call("GET", "/me", headers=bob)[0] == 200


def test_csrf_layers(client):
    """The request check refuses cross-site and foreign-origin requests before any handler; the
    session routes also need the session's own token (issue 25)."""
    login = {"username": "alice", "password": "correct horse"}
    _, headers, body = client.call("POST", "/login", login)
    alice = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    token = body["csrf_token"]
    _, headers, bob_body = client.call("POST", "/login", {"username": "bob", "password": "battery staple"})
    bob = {"Cookie": headers["Set-Cookie"].split(";")[0]}

    def logout_everywhere(extra):
        return client.call("POST", "/logout-everywhere", headers={**alice, **extra})

    # A cross-site form or fetch: refused by Fetch Metadata, even with a valid token.
    status, _, err = logout_everywhere({"Sec-Fetch-Site": "cross-site", "X-CSRF-Token": token})
    assert status == 403 and err["error"].endswith("cross_site")
    assert logout_everywhere({"Sec-Fetch-Site": "same-site", "X-CSRF-Token": token})[0] == 403
    # Login CSRF: the login form is checked too.
    assert client.call("POST", "/login", login, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    # An older browser (no Fetch Metadata): Origin must be listed exactly; none at all is refused.
    old = {"Sec-Fetch-Site": None, "X-CSRF-Token": token}
    for origin in ("https://evil.test", "http://localhost:8000.evil.test", "null"):
        assert logout_everywhere({**old, "Origin": origin})[0] == 403, origin
    assert logout_everywhere(old)[0] == 403
    assert logout_everywhere({**old, "Origin": None, "Referer": "https://evil.test/x"})[0] == 403
    # Same origin but no token, garbage, or another session's token: refused by the token check.
    for bad in (None, "x" * 128, bob_body["csrf_token"]):
        status, _, err = logout_everywhere({"X-CSRF-Token": bad})
        assert status == 403 and "CSRF token" in err["error"], bad
    # Safe methods are not checked, and each response carries a different masked token.
    status, _, me1 = client.call("GET", "/me", headers={**alice, "Sec-Fetch-Site": "cross-site"})
    _, _, me2 = client.call("GET", "/me", headers=alice)
    assert status == 200 and len({token, me1["csrf_token"], me2["csrf_token"]}) == 3
    # The API authenticates explicitly, so the request check does not apply to it.
    assert client.call("POST", "/api/token", login, headers={"Sec-Fetch-Site": "cross-site"})[0] == 200
    # Nothing refused above changed anything: alice's session is alive until a proper request.
    assert client.call("GET", "/me", headers=alice)[0] == 200
    status, _, body = logout_everywhere({**old, "Origin": "http://localhost:8000", "X-CSRF-Token": me1["csrf_token"]})
    assert status == 200 and body["sessions"] == 1
    assert client.call("GET", "/me", headers=alice)[0] == 401
    assert client.call("GET", "/me", headers=bob)[0] == 200


# --- a stalled store call does not hold up other requests (issue 17) ---------------------------


class BlockingInAsync:
    """The mistake the issue measured: a blocking RedisStore called from async handlers (each
    coroutine runs the blocking call on the event loop)."""

    def __init__(self, sync_store) -> None:
        self.sync = sync_store

    def __getattr__(self, name):
        attr = getattr(self.sync, name)
        if name == "colocated" or not callable(attr):
            return attr

        async def call(*args, **kwargs):
            return attr(*args, **kwargs)

        return call


def timed_call(client: Client, method: str, path: str, headers=None, out=None):
    t0 = time.perf_counter()
    result = client.call(method, path, headers=headers)
    elapsed = time.perf_counter() - t0
    if out is not None:
        out.append((path, result[0], elapsed))
    return result[0], elapsed


def stalled_then_unrelated(client: Client, stalled: dict, unrelated: tuple[str, dict | None], pause) -> tuple:
    """Pauses the server(s), starts the stalled request, then times the unrelated one."""
    out: list = []
    pause()
    th = threading.Thread(target=timed_call, args=(client, "GET", "/me", stalled, out))
    th.start()
    time.sleep(0.2)  # the stalled request is waiting on Redis now
    status, elapsed = timed_call(client, "GET", unrelated[0], unrelated[1])
    th.join(10)
    return status, elapsed, out[0]


@pytest.mark.parametrize("kind", ["redis", "cluster"])
def test_fastapi_stalled_redis_does_not_block_an_unrelated_request(request, kind):
    import redis

    from redis_server import LOOPBACK

    def pause_port(port: int, ms: int = 1500):
        with redis.Redis(host=LOOPBACK, port=port) as r:
            r.execute_command("CLIENT", "PAUSE", ms, "ALL")

    store = example_store(request, "fastapi", kind)
    base, stop = serve_fastapi(store)
    try:
        client = Client(base)
        _, headers, _ = client.call("POST", "/login", {"username": "alice", "password": "correct horse"})
        alice = {"Cookie": headers["Set-Cookie"].split(";")[0]}
        if kind == "redis":
            port = request.getfixturevalue("redis_server").port
            unrelated: tuple = ("/health", None)
        else:
            # two users whose sessions live on different masters: pause only alice's
            url = request.getfixturevalue("redis_cluster").url

            def session_ports() -> set[int]:
                with redis.RedisCluster.from_url(url) as rc:
                    keys = rc.keys("jwtcore:s:*", target_nodes=redis.RedisCluster.PRIMARIES)
                    return {rc.get_node_from_key(k).port for k in keys}

            (port,) = session_ports()
            for _ in range(40):  # bob logs in until his session is on another master
                _, headers, _ = client.call("POST", "/login", {"username": "bob", "password": "battery staple"})
                bob = {"Cookie": headers["Set-Cookie"].split(";")[0]}
                if len(session_ports()) == 2:
                    break
                client.call("POST", "/logout", headers=bob)
            else:  # pragma: no cover
                pytest.fail("no session landed on another master")
            unrelated = ("/me", bob)
        status, elapsed, (_, stalled_status, stalled_elapsed) = stalled_then_unrelated(
            client, alice, unrelated, lambda: pause_port(port))
        print(f"\n{kind}: stalled request {stalled_elapsed * 1000:.0f} ms, unrelated {elapsed * 1000:.1f} ms")
        assert stalled_status == 200 and stalled_elapsed >= 1.0, stalled_elapsed  # it did wait for Redis
        assert status == 200 and elapsed < 0.5, elapsed  # the other request did not
    finally:
        stop()


def test_fastapi_with_a_blocking_store_does_block(request, redis_server):
    """The control: the same example over a blocking store called from its async handlers
    holds every request for the pause (so the test above can fail)."""
    import redis

    sync_store = open_store(request, "redis")
    base, stop = serve_fastapi(BlockingInAsync(sync_store))
    try:
        client = Client(base)
        _, headers, _ = client.call("POST", "/login", {"username": "alice", "password": "correct horse"})
        alice = {"Cookie": headers["Set-Cookie"].split(";")[0]}

        def pause():
            with redis.Redis(host="127.0.0.1", port=redis_server.port) as r:
                r.execute_command("CLIENT", "PAUSE", 1500, "ALL")

        status, elapsed, _ = stalled_then_unrelated(client, alice, ("/health", None), pause)
        print(f"\nblocking store: unrelated request {elapsed * 1000:.0f} ms")
        assert status == 200 and elapsed >= 1.0, elapsed
    finally:
        stop()
        sync_store.close()
