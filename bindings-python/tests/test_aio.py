"""jwtcore.stores.aio natively on asyncio (issue 17): concurrent refreshes with
asyncio.gather, logout racing renewal (issue 15 F3) on one event loop, and the event loop kept
free while Redis stalls. The store contract and the Sessions/RefreshService scenarios run on
the asyncio stores too, through test_stores.py (conftest.every_store)."""

from __future__ import annotations

import asyncio
import inspect
import os
import random
import time
from collections import Counter

import pytest

from jwtcore import session as s
from jwtcore import stores
from jwtcore.stores import aio

from conftest import ASYNC_KINDS

KEY = bytes(range(32))
PEPPER = bytes([3]) * 32
# 100 per case here (the synchronous race in test_session_race.py runs 200 per case)
TRIALS = int(os.environ.get("JWTCORE_RACE_TRIALS", "100"))
# Scheduling slack allowed on top of the 100 ms ticker bound (a shared 2-core machine under load).
MARGIN = float(os.environ.get("JWTCORE_TICK_MARGIN", "0.15"))


def cookie_of(set_cookie: str) -> str:
    return set_cookie.split(";")[0]


@pytest.fixture(params=ASYNC_KINDS)
def astore(request):
    """A fresh asyncio store, not yet bound to a loop (the test's asyncio.run owns its
    connections); Redis is emptied first with a blocking client."""
    if request.param == "aio-memory":
        return aio.AsyncMemoryStore()
    import redis

    if request.param == "aio-redis":
        url = request.getfixturevalue("redis_server").url
        with redis.Redis.from_url(url) as r:
            r.flushdb()
        return aio.AsyncRedisStore(url=url)
    url = request.getfixturevalue("redis_cluster").url
    with redis.RedisCluster.from_url(url) as r:
        r.flushdb()
    return aio.AsyncRedisStore(url=url, cluster=True)


class ASlow:
    """Every store call takes about ``latency`` seconds (asyncio.sleep around the call)."""

    def __init__(self, inner, latency: float = 0.002) -> None:
        self.inner, self.latency = inner, latency

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if not asyncio.iscoroutinefunction(attr):
            return attr

        async def slowed(*args):
            await asyncio.sleep(self.latency / 2)
            try:
                return await attr(*args)
            finally:
                await asyncio.sleep(self.latency / 2)

        return slowed


@pytest.mark.parametrize("grace", [0, 30])
def test_gather_eight_refreshes_one_winner(astore, grace):
    async def main():
        svc = aio.AsyncRefreshService(ASlow(astore), KEY, grace=grace, access_ttl=60)
        t = await svc.start(user="alice")
        token = t.token
        for gen in range(3):
            results = await asyncio.gather(*(svc.refresh(token) for _ in range(8)))
            kinds = Counter(r.kind for r in results)
            assert kinds["rotate"] == 1, kinds
            winner = next(r for r in results if r.kind == "rotate")
            if grace:
                assert kinds["grace_retry"] == 7 and {r.token for r in results} == {winner.token}, kinds
                token = winner.token
            else:
                assert kinds["reuse_detected"] >= 1 and kinds["rotate"] + kinds["reuse_detected"] + kinds["reject"] == 8
                assert s.record_info(await astore.get_family(t.family)).revoked == "reuse"
                assert (await svc.refresh(winner.token)).reason == "refresh_revoked"
                assert await astore.is_denied("iss", "any-jti", family=t.family)
                break
        await astore.close()

    asyncio.run(main())


@pytest.mark.parametrize("how", ["logout", "log_out_everywhere", "logout_by_cookie"])
def test_logout_racing_renewal_on_one_loop_is_never_undone(astore, how):
    async def main():
        slow = ASlow(astore)
        mgr = aio.AsyncSessions(slow, s.SessionKeys(KEY), pepper=PEPPER, timeouts=s.Timeouts(renew_after=10))
        check = aio.AsyncSessions(astore, s.SessionKeys(KEY), pepper=PEPPER, timeouts=s.Timeouts(touch_after=10**6))
        rng = random.Random(17)
        stats = Counter()
        for i in range(TRIALS):
            user = f"user-{i}"
            _, c = await mgr.create(user, now=time.time() - 20)
            cookie = cookie_of(c)
            loaded = await check.load(cookie)

            async def logout():
                await asyncio.sleep(rng.uniform(0, 0.005))
                if how == "logout":
                    await mgr.destroy(loaded)
                elif how == "logout_by_cookie":
                    await mgr.logout(cookie)
                else:
                    await mgr.destroy_all(user)

            renewed, _ = await asyncio.gather(mgr.load(cookie), logout())
            cookies = [cookie]
            if renewed is not None and renewed.set_cookie:
                stats["renewed"] += 1
                cookies.append(cookie_of(renewed.set_cookie))
            else:
                stats["refused"] += 1
            if any([await check.load(c) for c in cookies]):
                stats["undone"] += 1
        await astore.close()
        return stats

    stats = asyncio.run(main())
    assert stats["undone"] == 0, stats
    assert stats["renewed"] and stats["refused"], stats


def test_async_and_sync_clients_refused_with_clear_errors(redis_server):
    import redis
    import redis.asyncio

    with pytest.raises(TypeError, match="AsyncRedisStore"):
        stores.RedisStore(client=redis.asyncio.Redis.from_url(redis_server.url))
    with pytest.raises(TypeError, match="RedisStore"):
        aio.AsyncRedisStore(client=redis.Redis.from_url(redis_server.url))
    with pytest.raises(ValueError, match="decode_responses"):
        stores.RedisStore(client=redis.Redis.from_url(redis_server.url, decode_responses=True))


def pause(port: int, ms: int) -> None:
    import redis

    with redis.Redis(host="127.0.0.1", port=port) as r:
        r.execute_command("CLIENT", "PAUSE", ms, "ALL")


@pytest.mark.parametrize("kind", ["aio-redis", "aio-cluster"])
def test_paused_redis_does_not_stall_the_loop(request, kind):
    """While Redis is paused (CLIENT PAUSE 1500 ALL) a session load waits for it; a ticker task
    on the same loop keeps ticking every 10 ms: no gap over 100 ms."""
    if kind == "aio-redis":
        server = request.getfixturevalue("redis_server")
        st = aio.AsyncRedisStore(url=server.url, timeout=5)
    else:
        cluster = request.getfixturevalue("redis_cluster")
        st = aio.AsyncRedisStore(url=cluster.url, cluster=True, timeout=5)

    async def main():
        mgr = aio.AsyncSessions(st, s.SessionKeys(KEY), pepper=PEPPER)
        _, c = await mgr.create("alice")
        key = s.storage_key(mgr.keys.verify_cookie(mgr.cookie.name, cookie_of(c).split("=", 1)[1])[0], PEPPER)
        port = server.port if kind == "aio-redis" else st.client.get_node_from_key(st._s(key)).port
        gaps: list[float] = []
        done = asyncio.Event()

        async def ticker():
            last = time.perf_counter()
            while not done.is_set():
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        pause(port, 1500)
        t0 = time.perf_counter()
        sess = await mgr.load(cookie_of(c))
        waited = time.perf_counter() - t0
        done.set()
        await tick
        await st.close()
        return sess, waited, max(gaps), len(gaps)

    sess, waited, worst, ticks = asyncio.run(main())
    print(f"\n{kind}: load waited {waited * 1000:.0f} ms; ticker worst gap {worst * 1000:.1f} ms over {ticks} ticks")
    assert sess is not None and sess.user == "alice"
    assert waited >= 1.0, waited  # the load really waited for the paused server
    # ...while the loop kept running: the bound is 100 ms; on a loaded shared machine the
    # OS alone can delay a tick by more, so the bound is 100 ms plus a margin, far below the
    # >= 900 ms the blocking control shows
    assert ticks >= 50 and worst < 0.1 + MARGIN, (worst, ticks)


def test_sync_store_in_async_code_does_stall_the_loop(redis_server):
    """The control for the test above: the blocking RedisStore called inside a coroutine holds
    the whole loop for the pause (the issue's 1.31 s), so the measurement can fail."""

    async def main():
        st = stores.RedisStore(url=redis_server.url, timeout=5)
        mgr = stores.Sessions(st, s.SessionKeys(KEY), pepper=PEPPER)
        _, c = mgr.create("alice")
        gaps: list[float] = []
        done = asyncio.Event()

        async def ticker():
            last = time.perf_counter()
            while not done.is_set():
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        pause(redis_server.port, 1000)
        assert mgr.load(cookie_of(c)) is not None
        done.set()
        await tick
        st.close()
        return max(gaps)

    assert asyncio.run(main()) >= 0.9


def public_methods(cls) -> dict:
    return {name: inspect.signature(member) for name, member in inspect.getmembers(cls, callable)
            if not name.startswith("_")}


@pytest.mark.parametrize("sync_cls, async_cls", [
    (stores.Sessions, aio.AsyncSessions),
    (stores.RefreshService, aio.AsyncRefreshService),
    (stores.MemoryStore, aio.AsyncMemoryStore),
    (stores.RedisStore, aio.AsyncRedisStore),
    (stores.Store, aio.AsyncStore),
], ids=lambda c: c.__name__)
def test_async_classes_mirror_the_sync_ones(sync_cls, async_cls):
    """Same public methods with the same parameters; every I/O method a coroutine."""
    sync, asyn = public_methods(sync_cls), public_methods(async_cls)
    assert set(sync) == set(asyn), set(sync) ^ set(asyn)
    for name, sig in sync.items():
        if name == "__init__":
            continue
        assert list(asyn[name].parameters) == list(sig.parameters), name
        is_io = name != "colocated"
        assert inspect.iscoroutinefunction(getattr(async_cls, name)) == is_io, name
    sync_init = list(inspect.signature(sync_cls.__init__).parameters)
    assert list(inspect.signature(async_cls.__init__).parameters)[:len(sync_init)] == sync_init
