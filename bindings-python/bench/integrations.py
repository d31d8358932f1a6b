"""What the web-framework integrations add per request, in process (no server, no network):
``jwtcore.decode`` alone, :class:`~jwtcore.integrations.BearerVerifier` (header parsing, key
choice, error mapping), the same with a ``MemoryStore`` denylist, and the Starlette
``BearerAuth`` dependency on a request built from an ASGI scope.

    .venv/bin/python bindings-python/bench/integrations.py

Best of 5 runs of 20,000 calls each, in µs per call.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import timeit

import jwtcore as jwt
from jwtcore.integrations import BearerVerifier
from jwtcore.stores import MemoryStore

N = 20_000
ISSUER = "https://api.example"


def per_call(fn) -> float:
    return min(timeit.repeat(fn, number=N, repeat=5)) / N * 1e6


def main() -> None:
    key = secrets.token_bytes(32)
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "alice", "jti": "j1", "iat": now, "exp": now + 3600}
    token = jwt.encode(claims, key, algorithm="HS256")
    plain = BearerVerifier(key, algorithms=["HS256"], issuer=ISSUER)
    denylist = BearerVerifier(key, algorithms=["HS256"], issuer=ISSUER, denylist=MemoryStore())
    rows = [
        ("jwtcore.decode (HS256)", lambda: jwt.decode(token, key, algorithms=["HS256"], issuer=ISSUER)),
        ("BearerVerifier.verify", lambda: plain.verify(token)),
        ("BearerVerifier.verify + MemoryStore denylist", lambda: denylist.verify(token)),
    ]
    try:
        from starlette.requests import Request

        from jwtcore.integrations.starlette import BearerAuth

        auth = BearerAuth(plain)
        scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"authorization", b"Bearer " + token.encode())]}
        loop = asyncio.new_event_loop()
        rows.append(("starlette BearerAuth (one event-loop step each)",
                     lambda: loop.run_until_complete(auth(Request(scope)))))
    except ImportError:
        pass
    for name, fn in rows:
        print(f"{name:<50} {per_call(fn):7.2f} µs")


if __name__ == "__main__":
    main()
