"""`make bench-python`: jwtcore vs PyJWT and the Rust-backed PyJWT-style peers, one run.

Same claims, same keys; every decode checks the signature, exp, nbf, aud and iss. Prints the median
CPU µs/op (process time, see CLOCK) of 5 repeats (each calibrated to about 20 ms; the columns take turns) for each library, in the key form each
library is fastest with, plus jwtcore's "plain" forms (what most PyJWT code passes: a bytes secret,
a `cryptography` key object, PEM text). Then the throughput of 1 and 2 threads for every row
(`--threads-only`: that table alone).
Peers (versions pinned in bench/requirements.txt) that are not installed are left out.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import resource
import statistics
import sys
import threading
import time
import timeit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore
from workload import CLAIMS, KW, SECRET

EC = ec.derive_private_key(0x1234567890ABCDEF1234567890ABCDEF, ec.SECP256R1())
ED = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KEY_FOR = {"ES256": EC, "EdDSA": ED, "RS256": RSA, "PS256": RSA}
ROWS = [("HS256", "decode"), ("HS256", "encode"), ("ES256", "decode"), ("ES256", "encode"),
        ("EdDSA", "decode"), ("EdDSA", "encode"), ("RS256", "decode"), ("RS256", "encode"),
        ("PS256", "decode")]


class _Null:
    """A stdout that drops text: webtoken 0.5.0's `encode` prints a stray debug line per call."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def pem(k, private: bool) -> str:
    if private:
        data = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    else:
        data = k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return data.decode()


def jwtcore_pyjwk(alg: str, private: bool) -> jwtcore.PyJWK:
    """jwtcore's prepared key: a PyJWK (parsed once)."""
    if alg == "HS256":
        text = jwtcore._core.CoreKey.from_secret("HS256", SECRET, False).to_jwk(True)
    else:
        # PyJWT's JWK export (jwtcore's ring-backed private keys do not export).
        from jwt.algorithms import get_default_algorithms

        k = KEY_FOR[alg]
        text = get_default_algorithms()[alg].to_jwk(k if private else k.public_key())
    return jwtcore.PyJWK.from_json(text, alg)


def forms(alg: str) -> dict[str, tuple[object, object, object]]:
    """Column -> (module, signing key, verification key)."""
    peers = {}
    for name, module in (("PyJWT 2.15", "jwt"), ("webtoken 0.5", "webtoken"), ("pyjwt-rs 1.2", "jwt_rs")):
        try:
            peers[name] = importlib.import_module(module)
        except ImportError:
            continue
    out = {}
    if alg == "HS256":
        for name, mod in peers.items():
            out[name] = (mod, SECRET, SECRET)
        out["jwtcore best"] = (jwtcore, jwtcore_pyjwk(alg, True), jwtcore_pyjwk(alg, True))
        out["jwtcore plain"] = (jwtcore, SECRET, SECRET)
        out["jwtcore PEM text"] = (jwtcore, SECRET, SECRET)
        return out
    k = KEY_FOR[alg]
    for name, mod in peers.items():
        # PyJWT is fastest with cryptography objects; the Rust peers with PEM text (they
        # re-serialize key objects on every call).
        out[name] = (mod, k, k.public_key()) if name.startswith("PyJWT") else (mod, pem(k, True), pem(k, False))
    out["jwtcore best"] = (jwtcore, jwtcore_pyjwk(alg, True), jwtcore_pyjwk(alg, False))
    out["jwtcore plain"] = (jwtcore, k, k.public_key())
    out["jwtcore PEM text"] = (jwtcore, pem(k, True), pem(k, False))
    return out


# The table's clock: this process's CPU time, not wall time. The machines this runs on are shared
# with other builds (load 10+ on 2 cores), and wall time then mostly measures how long the process
# waited for a core; CPU time counts only the work of the call (the core's part runs on the calling
# thread, GIL released or not, so it is counted too). The thread table below is wall time by nature.
CLOCK = time.process_time


def calibrate(fn) -> int:
    """Calls per repeat so that one repeat takes about 20 ms of CPU time."""
    fn()
    number = 1
    while True:
        t = timeit.timeit(fn, number=number, timer=CLOCK)
        if t > 0.02 or number >= 1 << 16:
            return number
        number *= 4 if t < 0.005 else 2


def call(mod, sk, vk, alg: str, op: str):
    """The timed call for one cell, after checking that it round-trips."""
    with contextlib.redirect_stdout(_Null()):
        token = mod.encode(CLAIMS, sk, algorithm=alg)
        claims = mod.decode(token, vk, algorithms=[alg], **KW)
    assert claims["sub"] == CLAIMS["sub"], (mod, alg)
    if op == "decode":
        return lambda: mod.decode(token, vk, algorithms=[alg], **KW)
    return lambda: mod.encode(CLAIMS, sk, algorithm=alg)


def row(alg: str, op: str, repeats: int = 5) -> dict[str, float]:
    """Median µs/op of each column. The columns take turns within each repeat, so load from other
    processes lands on all of them alike instead of on whichever ran during a spike."""
    fns = {}
    for name, (mod, sk, vk) in forms(alg).items():
        if op == "encode" and alg == "HS256" and name == "jwtcore PEM text":
            continue
        fn = call(mod, sk, vk, alg, op)
        with contextlib.redirect_stdout(_Null()):
            fns[name] = (fn, calibrate(fn))
    runs: dict[str, list[float]] = {name: [] for name in fns}
    with contextlib.redirect_stdout(_Null()):
        for _ in range(repeats):
            for name, (fn, number) in fns.items():
                runs[name].append(timeit.timeit(fn, number=number, timer=CLOCK) / number * 1e6)
    return {name: statistics.median(r) for name, r in runs.items()}


def table() -> None:
    columns: list[str] = []
    rows = []
    for alg, op in ROWS:
        cells = row(alg, op)
        columns.extend(c for c in cells if c not in columns)
        rows.append((alg, op, cells))
    print("| op | " + " | ".join(columns) + " | plain/best | PyJWT/best |")
    print("|---|" + "---:|" * (len(columns) + 2))
    for alg, op, cells in rows:
        vals = " | ".join(f"{cells[c]:.1f}" if c in cells else "–" for c in columns)
        best = cells["jwtcore best"]
        print(f"| {alg} {op} | {vals} | {cells['jwtcore plain'] / best:.2f}× | {cells['PyJWT 2.15'] / best:.1f}× |")


def throughput(alg: str, threads: int, op: str = "decode", seconds: float = 1.0) -> tuple[float, float, float]:
    """Decodes (or encodes) per second by `threads` threads sharing jwtcore's default instance, the
    process CPU µs per call meanwhile, and the voluntary context switches per call. Calls per second
    is wall time, so it shows how much the threads overlap only on an otherwise idle machine; CPU
    per call is independent of that and rises if the threads slow each other down (spinning,
    contended locks, shared caches, GIL hand-offs). A voluntary switch is a thread going to sleep
    because something it waits for is held: the GIL or a lock, so waits per call counts hand-offs
    (about 0.001 with the GIL switched every 5 ms and nothing else contended)."""
    sk = SECRET if alg == "HS256" else KEY_FOR[alg]
    token = jwtcore.encode(CLAIMS, sk, algorithm=alg)
    vk = SECRET if alg == "HS256" else KEY_FOR[alg].public_key()
    if op == "decode":
        def once() -> None:
            jwtcore.decode(token, vk, algorithms=[alg], **KW)
    else:
        def once() -> None:
            jwtcore.encode(CLAIMS, sk, algorithm=alg)
    counts = [0] * threads
    stop = threading.Event()

    def work(i: int) -> None:
        n = 0
        while not stop.is_set():
            for _ in range(10):
                once()
            n += 10
        counts[i] = n

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    switches = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw
    cpu = time.process_time()
    start = time.perf_counter()
    for t in pool:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in pool:
        t.join()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    switches = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw - switches
    calls = max(sum(counts), 1)
    return sum(counts) / wall, cpu / calls * 1e6, switches / calls


def thread_table(repeats: int = 3) -> None:
    """1 vs 2 threads for every row. The 1- and 2-thread runs take turns `repeats` times: calls/s
    is the best run of each (the one other processes disturbed least), CPU µs and waits per call
    the median."""
    print("| jwtcore | 1 thread /s | 2 threads /s | 2 vs 1 | CPU µs/call, 1 thread | CPU µs/call, 2 threads "
          "| waits/call, 2 threads |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for alg, op in ROWS:
        one, two = [], []
        for _ in range(repeats):
            one.append(throughput(alg, 1, op))
            two.append(throughput(alg, 2, op))
        rate1, rate2 = max(r[0] for r in one), max(r[0] for r in two)
        cpu1, cpu2 = statistics.median(r[1] for r in one), statistics.median(r[1] for r in two)
        waits = statistics.median(r[2] for r in two)
        print(f"| {alg} {op} | {rate1:,.0f} | {rate2:,.0f} | {rate2 / rate1:.2f}× | {cpu1:.1f} | {cpu2:.1f} "
              f"| {waits:.3f} |")
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads-only", action="store_true", help="only the 1 vs 2 threads table")
    parser.add_argument("--repeats", type=int, default=3, help="runs of 1 and of 2 threads per row (default 3)")
    args = parser.parse_args()
    if not args.threads_only:
        table()
        print()
    print(f"1-minute load average before the thread table: {os.getloadavg()[0]:.1f}")
    thread_table(args.repeats)
    print(f"1-minute load average after it: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
