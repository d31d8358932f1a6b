"""Where one HS256 ``jwtcore.decode`` spends its time (issue #21): the whole call, the core's
verify as the binding calls it, ``json.loads`` of the claims, and the rest (the Python layer).
Each figure is the fastest of 41 interleaved rounds of 2000 calls (µs/call); PyJWT's decode of the same token is the scale.

    .venv/bin/python bindings-python/bench/profile_decode.py
"""

import json
import time
import timeit

import jwt as pyjwt

import jwtcore
from jwtcore import _core

SECRET = b"0123456789abcdef0123456789abcdef"
CLAIMS = {
    "sub": "user-1234567890",
    "iss": "https://auth.example.com",
    "aud": "api.example.com",
    "exp": 4102444800,
    "nbf": 1700000000,
    "iat": 1700000000,
    "jti": "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "name": "Alice Example",
    "roles": ["admin", "editor", "viewer"],
}
KW = dict(audience="api.example.com", issuer="https://auth.example.com")
# What PyJWT.decode hands to the core for this call (see api_jwt.PyJWT._verify).
CORE_OPTIONS = {
    "algorithms": ["HS256"],
    "leeway": 0.0,
    "issuer": ["https://auth.example.com"],
    "audience": ["api.example.com"],
    "subject": None,
    "require": [],
    "skip": [],
    "strict_aud": False,
    "max_age": None,
    "typ": None,
    "crit": [],
    "max_token_length": jwtcore.DEFAULT_MAX_TOKEN_LENGTH,
}


def main():
    token = jwtcore.encode(CLAIMS, SECRET, algorithm="HS256")
    payload = _core.verify(token, None, SECRET, False, CORE_OPTIONS, time.time())[1]
    assert jwtcore.decode(token, SECRET, algorithms=["HS256"], **KW) == json.loads(payload) == CLAIMS
    parts = {
        "full": lambda: jwtcore.decode(token, SECRET, algorithms=["HS256"], **KW),
        "core": lambda: _core.verify(token, None, SECRET, False, CORE_OPTIONS, time.time()),
        "loads": lambda: json.loads(payload.decode()),
        "peer": lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"], **KW),
    }
    # The parts take turns, 41 short rounds each, so load from other processes hits them alike.
    best = {name: float("inf") for name in parts}
    for _ in range(41):
        for name, fn in parts.items():
            best[name] = min(best[name], timeit.timeit(fn, number=2000) / 2000 * 1e6)
    full, core, loads, peer = best["full"], best["core"], best["loads"], best["peer"]
    print("| part of one HS256 decode | µs | share |")
    print("|---|---:|---:|")
    for name, us in (
        ("`_core.verify` (options dict to Rust, verify with the GIL released, results to Python)", core),
        ("`json.loads` of the claims", loads),
        ("the Python layer (arguments, compiled policy, key lookup, error mapping)", full - core - loads),
        ("**`jwtcore.decode`, whole call**", full),
    ):
        print(f"| {name} | {us:.2f} | {us / full:.0%} |")
    print(f"\nPyJWT 2.15 decode: {peer:.1f} µs ({peer / full:.1f}× jwtcore)")


if __name__ == "__main__":
    main()
