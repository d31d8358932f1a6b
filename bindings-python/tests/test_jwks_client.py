"""PyJWKClient through the installed wheel.

Two transports: ``urllib.request.build_opener`` replaced (monkeypatch, and the mock pattern
PyJWT's users write), which pins what is requested and counts fetches exactly; and a real
``http.server`` on 127.0.0.1 with an ephemeral port, which verifies tokens end to end and
exercises the real failure modes (refused connection, timeout, HTTP error, redirect)."""

import base64
import contextlib
import io
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from freezegun import freeze_time

import jwtcore as jwt
from jwtcore import _core
from jwtcore.jwks_client import PyJWKClient

URI = "https://idp.example/.well-known/jwks.json"


def public_jwk(private_key, kid, **extra):
    der = private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return {**json.loads(_core.CoreKey.from_der(der).to_jwk(False)), "kid": kid, **extra}


EC_1 = ec.generate_private_key(ec.SECP256R1())
EC_2 = ec.generate_private_key(ec.SECP256R1())
ED_1 = ed25519.Ed25519PrivateKey.generate()
JWKS_1 = {"keys": [public_jwk(EC_1, "ec-1", use="sig"), public_jwk(ED_1, "ed-1")]}
JWKS_2 = {"keys": [public_jwk(EC_2, "ec-2")]}  # after a rotation
JWKS_BOTH = {"keys": JWKS_1["keys"] + JWKS_2["keys"]}


def token(key, kid, alg="ES256"):
    return jwt.encode({"sub": kid}, key, algorithm=alg, headers={"kid": kid})


class FakeOpener:
    """Stands in for ``urllib.request.build_opener``: the opener it returns serves ``bodies``
    in turn (the last one repeats); an exception instance in the list is raised instead.
    Records every request with its timeout and the handlers the opener was built with."""

    def __init__(self, *bodies, delay=0.0):
        self.bodies = list(bodies)
        self.calls = []
        self.delay = delay

    def __call__(self, *handlers):
        fake = self

        class Opener:
            def open(self, request, timeout=None):
                return fake.open(request, timeout, handlers)

        return Opener()

    def open(self, request, timeout, handlers):
        https = [h for h in handlers if isinstance(h, urllib.request.HTTPSHandler)]
        context = https[0]._context if https else None
        self.calls.append({"request": request, "timeout": timeout, "context": context, "handlers": handlers})
        time.sleep(self.delay)
        body = self.bodies.pop(0) if len(self.bodies) > 1 else self.bodies[0]
        if isinstance(body, BaseException):
            raise body
        return io.BytesIO(body if isinstance(body, bytes) else json.dumps(body).encode())


@pytest.fixture
def serve(monkeypatch):
    def install(*bodies, delay=0.0):
        fake = FakeOpener(*bodies, delay=delay)
        monkeypatch.setattr(urllib.request, "build_opener", fake)
        return fake

    return install


def test_request_is_built_and_sent_like_pyjwt(serve):
    fake = serve(JWKS_1, JWKS_BOTH)
    context = ssl.create_default_context()
    client = jwt.PyJWKClient(URI, headers={"User-Agent": "my-app/1"}, timeout=7, ssl_context=context)
    assert client.get_signing_key("ec-1").key_id == "ec-1"
    (call,) = fake.calls
    assert isinstance(call["request"], urllib.request.Request)
    assert call["request"].full_url == URI
    assert call["request"].get_header("User-agent") == "my-app/1"
    assert call["timeout"] == 7 and call["context"] is context
    # Redirects are never followed: the opener carries a handler that refuses them.
    assert any(isinstance(h, urllib.request.HTTPRedirectHandler) for h in call["handlers"])
    # fetch_data itself replaces the cached set (PyJWT); it is served from the cache afterwards.
    assert client.fetch_data() == JWKS_BOTH
    assert [k.key_id for k in client.get_jwk_set()] == ["ec-1", "ed-1", "ec-2"]
    assert len(fake.calls) == 2


def test_users_mock_pattern_keeps_working():
    # The shape PyJWT's own tests (and many users') use to fake the endpoint.
    with mock.patch("urllib.request.build_opener") as build_opener:
        response = mock.Mock()
        response.__enter__ = mock.Mock(return_value=response)
        response.__exit__ = mock.Mock()
        response.read.side_effect = [json.dumps(JWKS_1)]
        build_opener.return_value.open.return_value = response
        key = jwt.PyJWKClient(URI).get_signing_key_from_jwt(token(EC_1, "ec-1"))
    assert key.key_id == "ec-1" and build_opener.return_value.open.call_count == 1


def test_jwk_set_is_cached_for_lifespan(serve):
    fake = serve(JWKS_1)
    with freeze_time("2030-01-01 00:00:00") as clock:
        client = jwt.PyJWKClient(URI, lifespan=300)
        for _ in range(5):
            assert client.get_signing_key("ec-1").key_id == "ec-1"
        assert client.get_jwk_set() is client.get_jwk_set()
        assert len(fake.calls) == 1
        clock.tick(299)
        client.get_signing_key("ed-1")
        assert len(fake.calls) == 1
        clock.tick(2)
        client.get_signing_key("ed-1")
        assert len(fake.calls) == 2
        client.get_jwk_set(refresh=True)
        assert len(fake.calls) == 3


def test_no_set_cache_fetches_every_time_and_key_cache_does_not(serve):
    fake = serve(JWKS_1)
    client = jwt.PyJWKClient(URI, cache_jwk_set=False)
    client.get_signing_key("ec-1")
    client.get_signing_key("ec-1")
    assert len(fake.calls) == 2
    cached = jwt.PyJWKClient(URI, cache_jwk_set=False, cache_keys=True, max_cached_keys=1)
    first = cached.get_signing_key("ec-1")
    assert cached.get_signing_key("ec-1") is first
    assert len(fake.calls) == 3
    cached.get_signing_key("ed-1")  # evicts ec-1 (max_cached_keys=1)
    cached.get_signing_key("ec-1")
    assert len(fake.calls) == 5


def test_kid_miss_refreshes_once_outside_the_cooldown(serve):
    fake = serve(JWKS_1, JWKS_BOTH)
    with freeze_time("2030-01-01 00:00:00") as clock:
        client = jwt.PyJWKClient(URI)  # cooldown_duration=30, as PyJWT 2.15
        client.get_signing_key("ec-1")
        # Just fetched: an unknown kid does not make another request.
        with pytest.raises(jwt.PyJWKClientError, match='"ec-2"'):
            client.get_signing_key("ec-2")
        assert len(fake.calls) == 1
        clock.tick(31)
        assert client.get_signing_key("ec-2").key_id == "ec-2"
        assert len(fake.calls) == 2
        # The refreshed set is the cached one now.
        client.get_signing_key("ec-2")
        assert len(fake.calls) == 2
        clock.tick(31)
        with pytest.raises(jwt.PyJWKClientError, match="Unable to find a signing key"):
            client.get_signing_key("unknown")
        assert len(fake.calls) == 3  # exactly one retry per miss


def test_kid_miss_without_cooldown_refreshes_immediately(serve):
    fake = serve(JWKS_1, JWKS_2)
    client = jwt.PyJWKClient(URI, cooldown_duration=0)
    client.get_signing_key("ec-1")
    key = client.get_signing_key_from_jwt(token(EC_2, "ec-2"))
    assert key.key_id == "ec-2" and len(fake.calls) == 2
    claims = jwt.decode(token(EC_2, "ec-2"), key.key, algorithms=["ES256"])
    assert claims == {"sub": "ec-2"}


def test_failed_refresh_keeps_the_cached_set(serve):
    fake = serve(JWKS_1, urllib.error.URLError("down"))
    client = jwt.PyJWKClient(URI, cooldown_duration=0)
    client.get_signing_key("ec-1")
    with pytest.raises(jwt.PyJWKClientConnectionError, match="down"):
        client.get_signing_key("ec-2")
    assert client.get_signing_key("ec-1").key_id == "ec-1"
    assert len(fake.calls) == 2


@pytest.mark.parametrize(
    "body,error",
    [
        (b"<html>not json</html>", jwt.PyJWKClientError),
        (b"\xff\xfe\xfa", jwt.PyJWKClientError),
        ([JWKS_1], jwt.PyJWKClientError),
        ({"keys": []}, jwt.PyJWKSetError),
        ({"keys": [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "kid": "bad"}]}, jwt.PyJWKSetError),
        ({"keys": [public_jwk(EC_1, "enc", use="enc")]}, jwt.PyJWKClientError),
        ({"keys": [{k: v for k, v in public_jwk(EC_1, "x").items() if k != "kid"}]}, jwt.PyJWKClientError),
        (TimeoutError("timed out"), jwt.PyJWKClientConnectionError),
        (ConnectionResetError("reset"), jwt.PyJWKClientConnectionError),
    ],
)
def test_endpoint_failures_are_jwk_client_errors(serve, body, error):
    serve(body)
    with pytest.raises(error):
        jwt.PyJWKClient(URI).get_signing_key("ec-1")


def test_construction_checks():
    for uri in ("file:///etc/passwd", "ftp://x/jwks", "data:,{}", "/relative"):
        with pytest.raises(jwt.PyJWKClientError, match="scheme"):
            jwt.PyJWKClient(uri)
    with pytest.raises(jwt.PyJWKClientError, match="Lifespan"):
        jwt.PyJWKClient(URI, lifespan=0)
    with pytest.raises(jwt.PyJWKClientError, match="Cooldown"):
        jwt.PyJWKClient(URI, cooldown_duration=float("inf"))
    jwt.PyJWKClient(URI, lifespan=0, cache_jwk_set=False)
    assert issubclass(jwt.PyJWKClientConnectionError, jwt.PyJWKClientError)


def test_subclass_can_filter_fetch_data(serve):
    fake = serve(JWKS_BOTH)

    class OnlyEC2(PyJWKClient):
        def fetch_data(self):
            data = super().fetch_data()
            return {"keys": [k for k in data["keys"] if k["kid"] == "ec-2"]}

    client = OnlyEC2(URI)
    assert [k.key_id for k in client.get_signing_keys()] == ["ec-2"]
    # The filtered set is what gets cached.
    assert [k.key_id for k in client.get_signing_keys()] == ["ec-2"]
    assert len(fake.calls) == 1


def test_match_kid_is_static():
    keys = jwt.PyJWKSet.from_dict(JWKS_BOTH).keys
    assert PyJWKClient.match_kid(keys, "ec-2") is keys[2]
    assert PyJWKClient.match_kid(keys, "nope") is None


def test_concurrent_cold_start_fetches_once(serve):
    # A slow endpoint, so that without the lock every thread would find the cache empty.
    fake = serve(JWKS_1, delay=0.05)
    client = jwt.PyJWKClient(URI)
    results, errors = [], []

    def work(by_kid):
        try:
            if by_kid:
                results.append(client.get_signing_key("ed-1").key_id)
            else:
                results.append(client.get_signing_keys()[1].key_id)
        except Exception as e:  # pragma: no cover - reported by the assert below
            errors.append(e)

    # Both entry points: a kid lookup and a plain read of the set.
    threads = [threading.Thread(target=work, args=(i % 2 == 0,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == ["ed-1"] * 8
    assert len(fake.calls) == 1


# A real HTTP server on the loopback interface.


class JWKSServer:
    def __init__(self):
        self.jwks = JWKS_1
        self.hits = {}
        self.headers = []
        # `hold`: the JWKS answer waits for `release` (or a 30 s safety net), so a test can tell a
        # client-side timeout from a slow answer without measuring time.
        self.hold = False
        self.release = threading.Event()
        self.answered = 0
        # `delay`: a slow (not a stuck) endpoint, for the tests about what happens meanwhile.
        self.delay = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                server.headers.append(dict(self.headers))
                if self.path == "/redirect":
                    self.send_response(302)
                    self.send_header("Location", "/evil")
                    self.end_headers()
                    return
                if self.path == "/error":
                    self.send_error(500)
                    return
                if server.hold:
                    server.release.wait(30)
                time.sleep(server.delay)
                body = json.dumps(JWKS_2 if self.path == "/evil" else server.jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                server.answered += 1

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch):
    # urllib honours *_proxy variables; loopback requests must not leave the machine.
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    s = JWKSServer()
    yield s
    s.close()


def test_real_server_end_to_end(server):
    client = jwt.PyJWKClient(f"{server.base}/jwks.json", headers={"User-Agent": "jwtcore-test"}, cooldown_duration=0)
    for key, kid, alg in ((EC_1, "ec-1", "ES256"), (ED_1, "ed-1", "EdDSA")):
        tok = token(key, kid, alg)
        signing_key = client.get_signing_key_from_jwt(tok)
        assert signing_key.key_id == kid and signing_key.algorithm_name == alg
        assert jwt.decode(tok, signing_key.key, algorithms=[alg]) == {"sub": kid}
        assert jwt.decode(tok, signing_key, algorithms=[alg]) == {"sub": kid}
    assert server.hits == {"/jwks.json": 1}  # the second key came from the cache
    assert server.headers[0]["User-Agent"] == "jwtcore-test"
    # A key from another issuer does not verify a token signed by this one's key.
    forged = token(EC_2, "ec-1")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, client.get_signing_key_from_jwt(forged).key, algorithms=["ES256"])
    # Rotation: the unknown kid makes one refresh, which finds the new key.
    server.jwks = JWKS_BOTH
    tok = token(EC_2, "ec-2")
    assert jwt.decode(tok, client.get_signing_key_from_jwt(tok).key, algorithms=["ES256"]) == {"sub": "ec-2"}
    assert server.hits == {"/jwks.json": 2}


def test_real_server_failures(server):
    with pytest.raises(jwt.PyJWKClientConnectionError, match="500"):
        jwt.PyJWKClient(f"{server.base}/error").get_signing_keys()
    with pytest.raises(jwt.PyJWKClientConnectionError, match="302"):
        jwt.PyJWKClient(f"{server.base}/redirect").get_signing_key("ec-2")
    # The server holds its answer until released: the request reached it, no answer left it, and
    # the client still gave up, so only its own timeout can have ended the fetch. No clock is read.
    server.hold = True
    try:
        with pytest.raises(jwt.PyJWKClientConnectionError):
            jwt.PyJWKClient(f"{server.base}/jwks.json", timeout=0.2).get_signing_keys()
        assert server.hits.get("/jwks.json") == 1
        assert server.answered == 0
    finally:
        server.release.set()


def test_unreachable_endpoint(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on the port any more: the connection is refused.
    client = jwt.PyJWKClient(f"http://127.0.0.1:{port}/jwks.json")
    with pytest.raises(jwt.PyJWKClientConnectionError, match="Fail to fetch data"):
        client.get_signing_key("ec-1")
    assert client.jwk_set_cache is not None and client.jwk_set_cache.get() is None


# Issue 15 F12: no lock across the network fetch, a total time bound, a body size bound. Each
# hostile behaviour comes from a raw loopback server, so the real urllib stack is exercised.


class HostileServer:
    """A loopback HTTP server whose answer per path is a behaviour: ``ok`` (JWKS_1), ``stall``
    (accept, then say nothing), ``drip-headers`` / ``drip-body`` (one byte every ``drip``
    seconds), ``huge`` (``size`` bytes, with Content-Length) and ``huge-unsized`` (the same,
    close-delimited, no Content-Length). Stops dripping and stalling when closed."""

    def __init__(self, size=8 << 20, drip=0.05, tls=None):
        self.tls = tls
        self.size = size
        self.drip = drip
        self.stop = threading.Event()
        self.requests = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        with conn:
            try:
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ")[1].decode()
                self.requests.append(path)
                self.respond(conn, path.strip("/"))
            except OSError:
                pass

    def respond(self, conn, what):
        jwks = json.dumps(JWKS_1).encode()
        if what == "ok":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(jwks) + jwks)
        elif what == "stall":
            self.stop.wait()
        elif what in ("drip-headers", "drip-body"):
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(jwks)
            if what == "drip-body":
                conn.sendall(head)
                data = jwks
            else:
                data = head + jwks
            for byte in data:
                if self.stop.wait(self.drip):
                    return
                conn.sendall(bytes([byte]))
        elif what.startswith("huge"):
            sized = what == "huge"
            head = b"HTTP/1.1 200 OK\r\n" + (b"Content-Length: %d\r\n" % self.size if sized else b"") + b"\r\n"
            conn.sendall(head)
            block = b" " * 65536
            for _ in range(self.size // len(block)):
                if self.stop.is_set():
                    return
                conn.sendall(block)

    def close(self):
        self.stop.set()
        self.sock.close()


def tls_contexts():
    """A server context with a fresh self-signed certificate for 127.0.0.1, and a client context
    that trusts only it."""
    import datetime
    import ipaddress
    import tempfile

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with tempfile.TemporaryDirectory() as d:
        with open(f"{d}/c.pem", "wb") as f:
            f.write(cert_pem + key_pem)
        server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.load_cert_chain(f"{d}/c.pem")
    client = ssl.create_default_context(cadata=cert_pem.decode())
    return server, client


@pytest.fixture
def hostile(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    s = HostileServer()
    yield s
    s.close()


def finishes_within(seconds, fn):
    """Runs ``fn`` in a thread; returns (elapsed, outcome) or fails if it is still running after
    ``seconds`` (the thread is left to the server's shutdown)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = fn()
        except BaseException as e:  # reported to the test
            outcome["error"] = e

    started = time.monotonic()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    return time.monotonic() - started, outcome


@pytest.mark.parametrize("behaviour", ["stall", "drip-headers", "drip-body"])
def test_timeout_bounds_the_whole_fetch(hostile, behaviour):
    # The drip-fed answers would take len(JWKS) * 0.05 s (several seconds); every single read
    # is quick, so a per-read timeout never fires.
    client = jwt.PyJWKClient(f"{hostile.base}/{behaviour}", timeout=0.5)
    elapsed, outcome = finishes_within(3, lambda: client.get_signing_key("ec-1"))
    assert isinstance(outcome.get("error"), jwt.PyJWKClientConnectionError), outcome
    assert "timeout=0.5" in str(outcome["error"]) or "timed out" in str(outcome["error"])
    assert elapsed < 1.5
    # The same client recovers when the endpoint does.
    client.uri = f"{hostile.base}/ok"
    assert client.get_signing_key("ec-1").key_id == "ec-1"


@pytest.mark.parametrize("behaviour", ["drip-headers", "drip-body"])
def test_timeout_bounds_the_whole_fetch_over_tls(monkeypatch, behaviour):
    monkeypatch.setenv("no_proxy", "*")
    server_ctx, client_ctx = tls_contexts()
    hostile = HostileServer(tls=server_ctx)
    try:
        client = jwt.PyJWKClient(f"{hostile.base}/{behaviour}", timeout=0.5, ssl_context=client_ctx)
        elapsed, outcome = finishes_within(3, lambda: client.get_signing_key("ec-1"))
        assert isinstance(outcome.get("error"), jwt.PyJWKClientConnectionError), outcome
        assert elapsed < 1.5
        client.uri = f"{hostile.base}/ok"
        assert client.get_signing_key("ec-1").key_id == "ec-1"
    finally:
        hostile.close()


def test_a_slow_but_timely_answer_is_accepted(hostile):
    hostile.drip = 0.001
    client = jwt.PyJWKClient(f"{hostile.base}/drip-body", timeout=10)
    assert client.get_signing_key("ec-1").key_id == "ec-1"


@pytest.mark.parametrize("behaviour", ["huge", "huge-unsized"])
def test_response_size_is_bounded(hostile, behaviour):
    import tracemalloc

    client = jwt.PyJWKClient(f"{hostile.base}/{behaviour}", timeout=10)
    assert client.max_response_bytes == 512 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(jwt.PyJWKClientError, match="max_response_bytes=524288") as e:
            client.get_signing_keys()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not isinstance(e.value, jwt.PyJWKClientConnectionError)
    # At most the limit (plus a byte) is read into memory; the 8 MiB body is not.
    assert peak < 2 << 20, peak


def test_response_size_limit_is_configurable(serve):
    padded = {**JWKS_1, "padding": "x" * (600 * 1024)}
    serve(padded)
    with pytest.raises(jwt.PyJWKClientError, match="max_response_bytes"):
        jwt.PyJWKClient(URI).get_signing_key("ec-1")
    assert jwt.PyJWKClient(URI, max_response_bytes=1 << 20).get_signing_key("ec-1").key_id == "ec-1"
    for bad in (0, -1, 1.5, "1024", True):
        with pytest.raises(jwt.PyJWKClientError, match="max_response_bytes"):
            jwt.PyJWKClient(URI, max_response_bytes=bad)


@pytest.mark.parametrize("cache_keys", [False, True])
def test_cache_hits_never_wait_on_a_fetch(server, cache_keys):
    # ec-1 is cached; a token with an unknown kid makes one refresh, which the endpoint holds
    # until released. Lookups of ec-1 meanwhile are answered from the cache: had they waited on
    # the fetch, they could only return after the release, and the refresh would be over.
    client = jwt.PyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0, timeout=60, cache_keys=cache_keys)
    assert client.get_signing_key("ec-1").key_id == "ec-1"
    server.hold = True
    miss = threading.Thread(target=lambda: pytest.raises(jwt.PyJWKClientError, client.get_signing_key, "unknown"))
    miss.start()
    deadline = time.monotonic() + 5
    while server.hits.get("/jwks.json", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        assert server.hits["/jwks.json"] == 2, "the refresh did not reach the server"
        for _ in range(20):
            assert client.get_signing_key("ec-1").key_id == "ec-1"
            tok = token(EC_1, "ec-1")
            assert jwt.decode(tok, client.get_signing_key_from_jwt(tok), algorithms=["ES256"]) == {"sub": "ec-1"}
        assert miss.is_alive(), "the refresh should still be waiting on the held endpoint"
        assert server.answered == 1  # only the first fetch has been answered
    finally:
        server.release.set()
    miss.join()


def test_concurrent_misses_share_one_fetch_and_its_failure(serve):
    # Eight threads miss on a cold cache against an endpoint that fails slowly: one request,
    # and every thread gets the failure (none starts its own fetch after the first fails).
    fake = serve(urllib.error.URLError("down"), delay=0.2)
    client = jwt.PyJWKClient(URI)
    errors = []

    def work():
        try:
            client.get_signing_key("ec-1")
        except jwt.PyJWKClientConnectionError as e:
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 8 and len(fake.calls) == 1
    assert len({id(e) for e in errors}) == 8  # each thread raised its own exception object


# Issue 15 F1 on the Python side: a JWKS endpoint is public, so an `oct` key published in it is
# known to everyone. PyJWKClient must never hand it out as a signing key.

OCT_SECRET = b"published-by-mistake-".ljust(32, b"!")
OCT_JWK = {"kty": "oct", "kid": "hs", "alg": "HS256", "k": base64.urlsafe_b64encode(OCT_SECRET).rstrip(b"=").decode()}


@pytest.mark.parametrize("served", [{"keys": [OCT_JWK] + JWKS_1["keys"]}, {"keys": JWKS_1["keys"] + [OCT_JWK]}])
def test_oct_keys_from_an_endpoint_never_verify(serve, served):
    serve(served)
    client = jwt.PyJWKClient(URI, cooldown_duration=0)
    forged = jwt.encode({"sub": "admin"}, OCT_SECRET, algorithm="HS256", headers={"kid": "hs"})
    with pytest.raises(jwt.PyJWKClientError, match='"hs"'):
        client.get_signing_key_from_jwt(forged)
    assert all(k.key_type != "oct" for k in client.get_jwk_set().keys)
    assert "hs" not in [k.key_id for k in client.get_signing_keys()]
    # The public keys of the same set still work.
    assert client.get_signing_key("ec-1").key_id == "ec-1"
    # Also when the cache was filled directly (PyJWT's tests do that) or fetch_data is overridden.
    direct = jwt.PyJWKClient(URI)
    assert direct.jwk_set_cache is not None
    direct.jwk_set_cache.put(served)
    with pytest.raises(jwt.PyJWKClientError):
        direct.get_signing_key("hs")


def test_an_endpoint_with_only_secrets_has_no_usable_keys(serve):
    serve({"keys": [OCT_JWK]})
    with pytest.raises(jwt.PyJWKSetError):
        jwt.PyJWKClient(URI).get_signing_key("hs")
