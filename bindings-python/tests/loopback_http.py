"""Servers on 127.0.0.1 for the integration tests: a programmable OpenID provider (discovery
document and JWKS), uvicorn for ASGI apps and Django's threaded WSGI server. Each runs in a
daemon thread on an ephemeral port and is stopped by the test that started it."""

from __future__ import annotations

import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

LOOPBACK = "127.0.0.1"


def self_signed_cert(directory: Any) -> tuple[str, str]:
    """A certificate for 127.0.0.1 (IP SAN) and its key, as PEM files in ``directory``."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = f"{directory}/cert.pem", f"{directory}/key.pem"
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return cert_file, key_file


class Provider:
    """An OpenID provider on loopback (https with ``tls``). ``routes`` maps a path to ``(status, headers, body)``
    (a dict body is sent as JSON); ``hits`` counts requests per path."""

    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], Any]] = {}
        self.hits: dict[str, int] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                provider.hits[self.path] = provider.hits.get(self.path, 0) + 1
                status, headers, body = provider.routes.get(self.path, (404, {}, {"error": "not found"}))
                data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        scheme = "http"
        if tls is not None:  # (certificate file, key file): serve https
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.base = f"{scheme}://{LOOPBACK}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def issuer(self, name: str, jwks: dict[str, Any] | None = None, **document: Any) -> str:
        """Publishes an issuer at ``{base}/{name}`` with its discovery document (``issuer`` and
        ``jwks_uri`` defaulted, overridable, ``None`` removes) and, if given, its JWKS."""
        issuer = f"{self.base}/{name}"
        doc = {"issuer": issuer, "jwks_uri": f"{issuer}/jwks.json", **document}
        doc = {k: v for k, v in doc.items() if v is not None}
        self.routes[f"/{name}/.well-known/openid-configuration"] = (200, {}, doc)
        if jwks is not None:
            self.routes[f"/{name}/jwks.json"] = (200, {}, jwks)
        return issuer

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


def serve_asgi(app: Any) -> tuple[str, Callable[[], None]]:
    """uvicorn on 127.0.0.1 in a thread with its own event loop; returns (base URL, stop)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=LOOPBACK, port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return f"http://{LOOPBACK}:{port}", stop


def serve_wsgi_django(application: Any) -> tuple[str, Callable[[], None]]:
    """Django's own threaded development server (what ``runserver`` uses) on 127.0.0.1."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer((LOOPBACK, 0), QuietHandler, allow_reuse_address=False)
    server.set_app(application)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(10)

    return f"http://{LOOPBACK}:{server.server_address[1]}", stop
