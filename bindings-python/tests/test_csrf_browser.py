"""CSRF in a real browser (issue 25): headless Chromium, the Flask example on one loopback site
(``http://localhost:A``) and an attacker's page on another (``http://127.0.0.1:B``).

The attacker's cross-site form POST and credentialed ``fetch`` both reach the service and are
refused (the browser itself says ``Sec-Fetch-Site: cross-site``), and the session survives them;
the service's own page with the CSRF token logs out everywhere, and without the token it is refused.
Nothing here sets a header by hand: every header the service judges is the browser's.
"""

from __future__ import annotations

import http.server
import os
import socket
import threading

import pytest

pytest.importorskip("flask")
sync_api = pytest.importorskip("playwright.sync_api")
from werkzeug.serving import make_server  # noqa: E402

from jwtcore.stores import MemoryStore  # noqa: E402
from test_example import load_example  # noqa: E402

CHROMIUM = os.environ.get("JWTCORE_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (make test installs Debian's)", allow_module_level=True)

# The probe's flags: no background traffic on this machine's closed network.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def service():
    port = free_port()
    origin = f"http://localhost:{port}"
    app = load_example("flask_sessions").create_app(MemoryStore(), allowed_origins=[origin])
    seen: list[dict] = []

    @app.after_request
    def record(resp):
        from flask import request

        seen.append({"method": request.method, "path": request.path, "status": resp.status_code,
                     "site": request.headers.get("Sec-Fetch-Site"), "origin": request.headers.get("Origin"),
                     "cookie": "__Host-id=" in (request.headers.get("Cookie") or "")})
        return resp

    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield origin, seen
    httpd.shutdown()
    thread.join(5)


@pytest.fixture
def attacker(service):
    target = service[0] + "/logout-everywhere"
    pages = {
        "/form": f"""<form id=f method=POST action="{target}"><input name=csrf_token value=guess></form>
                     <script>document.getElementById('f').submit()</script>""",
        "/fetch": f"""<script>
                     fetch("{target}", {{method: "POST", credentials: "include", mode: "no-cors",
                                        headers: {{"Content-Type": "text/plain"}}, body: "x"}})
                       .finally(() => {{ document.title = "sent"; }});
                     </script>""",
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join(5)


def call(page, method: str, path: str, body=None, token: str | None = None):
    """fetch() from the service's own page: the browser adds Origin, Sec-Fetch-Site and the cookie."""
    return page.evaluate(
        """async ([method, path, body, token]) => {
             const headers = {};
             if (body !== null) headers["Content-Type"] = "application/json";
             if (token !== null) headers["X-CSRF-Token"] = token;
             const r = await fetch(path, {method, headers, body: body === null ? undefined : JSON.stringify(body)});
             return [r.status, await r.json()];
           }""",
        [method, path, body, token],
    )


def test_cross_site_requests_are_refused_in_a_real_browser(service, attacker):
    origin, seen = service
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            context = browser.new_context()
            own = context.new_page()
            own.goto(origin + "/me")  # any page of the service's origin; 401 JSON is fine
            status, body = call(own, "POST", "/login", {"username": "alice", "password": "correct horse"})
            assert status == 200, body
            token = body["csrf_token"]
            assert call(own, "GET", "/me")[0] == 200  # the browser stored and sends the session cookie

            evil = context.new_page()
            evil.goto(attacker + "/form")
            evil.wait_for_url(origin + "/logout-everywhere")
            evil.goto(attacker + "/fetch")
            evil.wait_for_function("document.title === 'sent'")

            attacks = [r for r in seen if r["path"] == "/logout-everywhere"]
            assert len(attacks) == 2, seen  # both reached the service ...
            for r in attacks:  # ... as the browser labelled them, and were refused
                assert (r["method"], r["site"], r["status"]) == ("POST", "cross-site", 403), r
            assert call(own, "GET", "/me")[0] == 200  # the session survived both

            # The service's own page: refused without the token, accepted with it.
            status, body = call(own, "POST", "/logout-everywhere")
            assert status == 403, body
            assert seen[-1]["site"] == "same-origin" and seen[-1]["cookie"], seen[-1]
            status, body = call(own, "POST", "/logout-everywhere", token=token)
            assert status == 200 and body["sessions"] == 1, body
            assert call(own, "GET", "/me")[0] == 401
        finally:
            browser.close()
