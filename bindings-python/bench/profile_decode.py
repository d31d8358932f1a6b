"""Where one HS256 ``jwtcore.decode`` spends its time (issue #21): the whole call, the one crossing
into Rust (``_core.decode_claims``: the core's verify under the compiled policy, with the GIL held
as for every HMAC key (``src/gil.rs``), then the claims turned into a ``dict``), the ``dict`` step alone, and the rest (the Python
layer). ``json.loads`` of the same claims is shown for comparison (the previous layer ran it on
every call). Each figure is the fastest of 301 interleaved rounds of 200 calls (µs/call; short rounds, so some
fall between the time slices other processes take on a loaded machine); PyJWT's
decode of the same token is the scale.

    .venv/bin/python bindings-python/bench/profile_decode.py
"""

import json
import os
import time
import timeit
from json.scanner import c_make_scanner

import jwt as pyjwt

import jwtcore
from jwtcore import _core
from workload import CLAIMS, KW, SECRET

# The policy PyJWT.decode compiles for this call (see api_jwt.PyJWT._verify), built once, and the
# key it keeps for the secret (one HMAC algorithm allowed: _policy.Plan.hmac_key).
POLICY = _core.Policy(
    algorithms=["HS256"], issuer=["https://auth.example.com"], audience=["api.example.com"], require=[]
)
KEY = _core.CoreKey.from_secret("HS256", SECRET, False)


def main():
    token = jwtcore.encode(CLAIMS, SECRET, algorithm="HS256")
    payload = _core.verify(token, None, SECRET, False, POLICY, time.time())[1].decode()
    scanner = c_make_scanner(json.JSONDecoder())
    assert jwtcore.decode(token, SECRET, algorithms=["HS256"], **KW) == CLAIMS
    assert _core.decode_claims(token, None, SECRET, False, POLICY, time.time()) == CLAIMS
    assert scanner(payload, 0)[0] == json.loads(payload) == CLAIMS
    parts = {
        "full": lambda: jwtcore.decode(token, SECRET, algorithms=["HS256"], **KW),
        "crossing": lambda: _core.decode_claims(token, KEY, None, False, POLICY, time.time()),
        "raw secret": lambda: _core.decode_claims(token, None, SECRET, False, POLICY, time.time()),
        "dict": lambda: scanner(payload, 0),
        "loads": lambda: json.loads(payload),
        "peer": lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"], **KW),
    }
    # The parts take turns, 301 short rounds each, so load from other processes hits them alike.
    best = {name: float("inf") for name in parts}
    for _ in range(301):
        for name, fn in parts.items():
            best[name] = min(best[name], timeit.timeit(fn, number=200) / 200 * 1e6)
    full, crossing, as_dict, loads, peer = (best[k] for k in ("full", "crossing", "dict", "loads", "peer"))
    print(f"1-minute load average at the end: {os.getloadavg()[0]:.1f}")
    print("| part of one HS256 decode | µs | share |")
    print("|---|---:|---:|")
    for name, us in (
        ("the core's verify (compiled `_core.Policy`, kept HMAC key), GIL held, and the crossing", crossing - as_dict),
        ("claims text to `dict` (the C scanner `json.loads` runs, called directly)", as_dict),
        ("the Python layer (arguments, compiled-policy lookup, key lookup)", full - crossing),
        ("**`jwtcore.decode`, whole call**", full),
    ):
        print(f"| {name} | {us:.2f} | {us / full:.0%} |")
    print(f"\n`json.loads` of the same claims (what the previous layer ran): {loads:.2f} µs")
    print(f"The crossing with the raw secret instead of the kept key: {best['raw secret']:.2f} µs")
    print(f"PyJWT 2.15 decode: {peer:.1f} µs ({peer / full:.1f}× jwtcore)")


if __name__ == "__main__":
    main()
