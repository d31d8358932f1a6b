"""One HS256 `jwtcore.encode` taken apart (README, "One HS256 encode"), with webtoken and pyjwt-rs
(bench/requirements.txt) in the same run.

Each part is timed alone in CPU time (`time.process_time`: the machine is shared), in rounds of
2,000 calls that take turns, so load lands on every part alike. Prints the fastest and the median
round per call, in µs. Usage: `.venv/bin/python bindings-python/bench/profile_encode.py [ROUNDS]`.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import timeit

import jwt_rs
import webtoken

import jwtcore
from jwtcore import _core
from jwtcore._keys import _signing_key
from jwtcore.api_jws import _plain_header
from jwtcore.api_jwt import _claims_json
from workload import CLAIMS, SECRET


class _Null:
    """A stdout that drops text: webtoken 0.5.0's `encode` prints a stray debug line per call."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    key = _signing_key(SECRET, "HS256", True, 2)
    header = _plain_header("HS256", "JWT", True).encode()
    payload = _claims_json(CLAIMS).encode()
    assert payload == json.dumps(CLAIMS, separators=(",", ":")).encode()
    parts = {
        "jwtcore.encode": lambda: jwtcore.encode(CLAIMS, SECRET, algorithm="HS256"),
        "webtoken.encode": lambda: webtoken.encode(CLAIMS, SECRET, algorithm="HS256"),
        "jwt_rs.encode": lambda: jwt_rs.encode(CLAIMS, SECRET, algorithm="HS256"),
        "json.dumps": lambda: json.dumps(CLAIMS, separators=(",", ":")),
        "_claims_json": lambda: _claims_json(CLAIMS),
        "_plain_header": lambda: _plain_header("HS256", "JWT", True),
        "_signing_key": lambda: _signing_key(SECRET, "HS256", True, 2),
        "_core.sign": lambda: _core.sign(header, payload, key, False),
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    with contextlib.redirect_stdout(_Null()):
        for _ in range(rounds):
            for name, fn in parts.items():
                times[name].append(timeit.timeit(fn, number=2000, timer=time.process_time) / 2000 * 1e6)
    for name, t in times.items():
        t.sort()
        print(f"{name:18} min {t[0]:6.2f}  median {t[len(t) // 2]:6.2f} µs")


if __name__ == "__main__":
    main()
