import sys
from pathlib import Path

# The installed wheel, never the source tree.
here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() not in (here.parent / "python", here.parent)]


import shutil as _shutil  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(here))
from redis_server import RedisCluster, RedisServer  # noqa: E402


@pytest.fixture(scope="session")
def redis_server():
    """A private redis-server on 127.0.0.1 (ephemeral port, temp dir), stopped at the end."""
    if _shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (scripts/test-python.sh installs it)")
    pytest.importorskip("redis")
    server = RedisServer()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def redis_cluster():
    """A private 3-master Redis Cluster on 127.0.0.1 (ephemeral ports, temp dir), started once
    per test session and stopped at the end."""
    if _shutil.which("redis-server") is None or _shutil.which("redis-cli") is None:
        pytest.skip("redis-server/redis-cli are not installed (scripts/test-python.sh installs them)")
    pytest.importorskip("redis")
    cluster = RedisCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.cleanup()


STORE_KINDS = ["memory", "redis", "cluster"]


def open_store(request, kind: str):
    """A fresh synchronous store of ``kind``: MemoryStore, RedisStore on the private
    redis-server, or RedisStore on the private 3-master cluster (emptied first)."""
    from jwtcore import stores

    if kind == "memory":
        return stores.MemoryStore()
    if kind == "redis":
        st = stores.RedisStore(url=request.getfixturevalue("redis_server").url)
    else:
        st = stores.RedisStore(url=request.getfixturevalue("redis_cluster").url, cluster=True)
    st.client.flushdb()
    return st


@pytest.fixture(params=STORE_KINDS)
def any_store(request):
    """Each synchronous store in turn: memory, standalone Redis, Redis Cluster."""
    st = open_store(request, request.param)
    yield st
    st.close()


# --- asyncio stores driven from synchronous tests ----------------------------------------------

import asyncio  # noqa: E402
import inspect  # noqa: E402
import threading  # noqa: E402


class Portal:
    """An event loop in a thread: synchronous test code (and its threads) runs coroutines on it,
    so concurrent callers interleave on one loop as an async service's requests do."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class SyncOverAsync:
    """Calls an async object's coroutine methods synchronously through a Portal; other
    attributes pass through. ``target`` is the async object."""

    def __init__(self, target, portal: Portal) -> None:
        self.target = target
        self.portal = portal

    def __getattr__(self, name):
        attr = getattr(self.target, name)
        if not inspect.iscoroutinefunction(attr):
            return attr

        def call(*args, **kwargs):
            return self.portal.run(attr(*args, **kwargs))

        return call


ASYNC_KINDS = ["aio-memory", "aio-redis", "aio-cluster"]


def open_async_store(request, kind: str, portal: Portal):
    """A fresh asyncio store (AsyncMemoryStore, AsyncRedisStore standalone or cluster), emptied."""
    from jwtcore.stores import aio

    if kind == "aio-memory":
        return aio.AsyncMemoryStore()
    if kind == "aio-redis":
        st = aio.AsyncRedisStore(url=request.getfixturevalue("redis_server").url)
    else:
        st = aio.AsyncRedisStore(url=request.getfixturevalue("redis_cluster").url, cluster=True)
    portal.run(st.client.flushdb())
    return st


@pytest.fixture(params=STORE_KINDS + ASYNC_KINDS)
def every_store(request):
    """Each store, synchronous and asyncio; asyncio ones wrapped in SyncOverAsync so the same
    test body drives them (make_sessions/make_refresh then build the Async helpers)."""
    if request.param in STORE_KINDS:
        st = open_store(request, request.param)
        yield st
        st.close()
        return
    portal = Portal()
    st = open_async_store(request, request.param, portal)
    yield SyncOverAsync(st, portal)
    portal.run(st.close())
    portal.close()


def make_sessions(store, keys, **kw):
    """Sessions over ``store``, or AsyncSessions (driven synchronously) over an asyncio one."""
    from jwtcore.stores import Sessions, aio

    if isinstance(store, SyncOverAsync):
        return SyncOverAsync(aio.AsyncSessions(store.target, keys, **kw), store.portal)
    return Sessions(store, keys, **kw)


def make_refresh(store, *args, **kw):
    """RefreshService over ``store``, or AsyncRefreshService (driven synchronously)."""
    from jwtcore.stores import RefreshService, aio

    if isinstance(store, SyncOverAsync):
        return SyncOverAsync(aio.AsyncRefreshService(store.target, *args, **kw), store.portal)
    return RefreshService(store, *args, **kw)


def instrument(store, name: str, after):
    """``store`` with method ``name`` replaced: it calls the original, then ``after(result)``
    after a 1 ms pause before the call (asyncio.sleep for asyncio stores)."""
    import time as _time

    if isinstance(store, SyncOverAsync):
        target = store.target
        original = getattr(target, name)

        async def patched(*args):
            await asyncio.sleep(0.001)
            result = await original(*args)
            after(result)
            return result

        setattr(target, name, patched)
        return store
    original = getattr(store, name)

    def patched_sync(*args):
        _time.sleep(0.001)
        result = original(*args)
        after(result)
        return result

    setattr(store, name, patched_sync)
    return store
