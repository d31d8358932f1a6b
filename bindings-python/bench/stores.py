"""Store throughput: session create+lookup and refresh rotation, on MemoryStore, RedisStore on a
standalone server and on a 3-master Redis Cluster, and the asyncio stores on both (one run).

    .venv/bin/python bindings-python/bench/stores.py            # starts a private redis-server
                                                                # and a private 3-master cluster
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bindings-python/bench/stores.py

Synchronous stores are driven by 1 and 4 threads, asyncio stores by 1 and 16 tasks on one
event loop (a service's concurrent requests).

The private server listens on 127.0.0.1 (ephemeral port, temp dir, no persistence, as a cache
would run); the figures are per operation as the application sees it: a session create is
new ID + storage key + SET NX (+ user index), a lookup is Cookie parsing + cookie verification
+ GET + the core's liveness check; a rotation is token authentication + HGET + decide + the
compare-and-set script.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import socket
import subprocess
import tempfile
import threading
import time
from typing import Callable

from jwtcore import session as s
from jwtcore import stores
from jwtcore.stores import aio

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from redis_server import RedisCluster  # noqa: E402

KEY = bytes(range(32))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))


def start_redis() -> tuple[subprocess.Popen[bytes], str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    d = tempfile.mkdtemp(prefix="jwtcore-bench-")
    proc = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", d, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0", d


def rate(fn: Callable[[], None], threads: int = 1) -> float:
    """Operations per second of ``fn`` over SECONDS, from ``threads`` threads."""
    counts = [0] * threads
    stop = time.perf_counter() + SECONDS

    def work(i: int) -> None:
        n = 0
        while time.perf_counter() < stop:
            fn()
            n += 1
        counts[i] = n

    ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


def bench(name: str, store: stores.Store) -> None:
    mgr = stores.Sessions(store, s.SessionKeys(KEY), pepper=bytes(32))
    svc = stores.RefreshService(store, KEY)

    def create_and_lookup() -> None:
        _, set_cookie = mgr.create("user")
        assert mgr.load(set_cookie.split(";")[0]) is not None

    _, c = mgr.create("user")
    header = c.split(";")[0]

    def lookup() -> None:
        assert mgr.load(header) is not None

    local = threading.local()

    def rotate() -> None:
        tok = getattr(local, "tok", None) or svc.start().token
        out = svc.refresh(tok)
        assert out.kind == "rotate"
        local.tok = out.token

    for threads in (1, 4):
        print(f"{name:14} threads={threads:<2}  session create+lookup {rate(create_and_lookup, threads):9,.0f}/s"
              f"  lookup {rate(lookup, threads):9,.0f}/s  refresh rotation {rate(rotate, threads):9,.0f}/s",
              flush=True)


async def arate(fn, tasks: int) -> float:
    """Operations per second of the coroutine function ``fn`` over SECONDS, from ``tasks``
    concurrent tasks on this loop."""
    stop = time.perf_counter() + SECONDS

    async def work() -> int:
        n = 0
        while time.perf_counter() < stop:
            await fn()
            n += 1
        return n

    t0 = time.perf_counter()
    counts = await asyncio.gather(*(work() for _ in range(tasks)))
    return sum(counts) / (time.perf_counter() - t0)


def abench(name: str, make_store) -> None:
    async def run() -> None:
        store = make_store()
        mgr = aio.AsyncSessions(store, s.SessionKeys(KEY), pepper=bytes(32))
        svc = aio.AsyncRefreshService(store, KEY)
        _, c = await mgr.create("user")
        header = c.split(";")[0]

        async def create_and_lookup() -> None:
            _, set_cookie = await mgr.create("user")
            assert await mgr.load(set_cookie.split(";")[0]) is not None

        async def lookup() -> None:
            assert await mgr.load(header) is not None

        for tasks in (1, 16):
            chains = [(await svc.start()).token for _ in range(tasks)]
            free = list(range(tasks))

            async def rotate() -> None:
                i = free.pop()
                try:
                    out = await svc.refresh(chains[i])
                    assert out.kind == "rotate"
                    chains[i] = out.token
                finally:
                    free.append(i)

            a = await arate(create_and_lookup, tasks)
            b = await arate(lookup, tasks)
            r = await arate(rotate, tasks)
            print(f"{name:14} tasks={tasks:<3}  session create+lookup {a:9,.0f}/s  lookup {b:9,.0f}/s"
                  f"  refresh rotation {r:9,.0f}/s", flush=True)
        await store.close()

    asyncio.run(run())


def main() -> None:
    bench("memory", stores.MemoryStore())
    abench("async memory", aio.AsyncMemoryStore)
    url = os.environ.get("REDIS_URL")
    proc = None
    tmp = None
    if url is None:
        proc, url, tmp = start_redis()
    try:
        # A server given by REDIS_URL is shared: use a prefix of our own, flush nothing.
        st = stores.RedisStore(url=url, prefix="jwtcore:" if proc else "jwtcore-bench:")
        info = st.client.info("server")
        print(f"redis {info['redis_version']} at {url}")
        bench("redis", st)
        abench("async redis", lambda: aio.AsyncRedisStore(url=url, prefix=st.prefix))
        if proc is not None:  # a private cluster, measured by the same code
            cluster = RedisCluster()
            try:
                cluster.start()
                bench("cluster", stores.RedisStore(url=cluster.url, cluster=True))
                abench("async cluster", lambda: aio.AsyncRedisStore(url=cluster.url, cluster=True))
            finally:
                cluster.cleanup()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
