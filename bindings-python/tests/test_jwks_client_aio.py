"""AsyncPyJWKClient (issue 17) through the installed wheel, against real loopback servers.

The servers are test_jwks_client's: ``JWKSServer`` (http.server: counts requests per path, can
answer slowly, redirects ``/redirect`` to ``/evil``, fails ``/error``) and ``HostileServer``
(stalls, drip-feeds, sends 8 MiB). Every test runs its own event loop (``asyncio.run``); times
are real (freezegun would freeze the event loop's clock too), so lifespans and cooldowns are a
fraction of a second here."""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc

import pytest

import jwtcore as jwt
from jwtcore import AsyncPyJWKClient, PyJWKClient
from jwtcore.jwks_client import _JWKSClientPolicy

from test_jwks_client import (
    EC_1,
    EC_2,
    ED_1,
    JWKS_1,
    JWKS_BOTH,
    OCT_JWK,
    OCT_SECRET,
    HostileServer,
    JWKSServer,
    token,
)


@pytest.fixture
def server(monkeypatch):
    # httpx honours *_proxy variables too; loopback requests must not leave the machine.
    for var in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(var, "*")
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    s = JWKSServer()
    yield s
    s.close()


@pytest.fixture
def hostile(server):  # `server` for its proxy settings
    s = HostileServer()
    yield s
    s.close()


def test_same_constructor_and_rules_as_the_sync_client():
    # One policy class: the async client adds transport and waiting, not rules.
    assert issubclass(AsyncPyJWKClient, _JWKSClientPolicy) and issubclass(PyJWKClient, _JWKSClientPolicy)
    for name in ("_signing_key_steps", "_accept_body", "_accept_fetched", "_begin_get", "match_kid"):
        assert name not in vars(AsyncPyJWKClient) and name not in vars(PyJWKClient), name
    bad = [
        {"uri": "file:///etc/passwd"},
        {"uri": "ftp://x/jwks"},
        {"uri": "http://x/jwks", "lifespan": 0},
        {"uri": "http://x/jwks", "cooldown_duration": float("inf")},
        {"uri": "http://x/jwks", "cooldown_duration": -1},
        {"uri": "http://x/jwks", "max_response_bytes": 0},
        {"uri": "http://x/jwks", "max_response_bytes": True},
        {"uri": "http://x/jwks", "timeout": 0},
    ]
    for kwargs in bad:
        with pytest.raises(jwt.PyJWKClientError) as sync_error:
            PyJWKClient(**kwargs)
        with pytest.raises(jwt.PyJWKClientError) as async_error:
            AsyncPyJWKClient(**kwargs)
        assert str(async_error.value) == str(sync_error.value), kwargs
    client = AsyncPyJWKClient("http://x/jwks", lifespan=0, cache_jwk_set=False)
    assert client.jwk_set_cache is None and client.max_response_bytes == 512 * 1024
    assert jwt.AsyncPyJWKClient is AsyncPyJWKClient and "AsyncPyJWKClient" in jwt.__all__


def test_end_to_end_and_cache_for_lifespan(server):
    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", headers={"User-Agent": "jwtcore-test"}, lifespan=0.5)
        for key, kid, alg in ((EC_1, "ec-1", "ES256"), (ED_1, "ed-1", "EdDSA")):
            tok = token(key, kid, alg)
            signing_key = await client.get_signing_key_from_jwt(tok)
            assert signing_key.key_id == kid and signing_key.algorithm_name == alg
            assert jwt.decode(tok, signing_key, algorithms=[alg]) == {"sub": kid}
        assert await client.get_jwk_set() is await client.get_jwk_set()
        assert server.hits == {"/jwks.json": 1}
        assert server.headers[0]["User-Agent"] == "jwtcore-test"
        assert server.headers[0]["Accept-Encoding"] == "identity"
        # A key from another issuer does not verify a token signed with this kid.
        forged = token(EC_2, "ec-1")
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(forged, await client.get_signing_key_from_jwt(forged), algorithms=["ES256"])
        await asyncio.sleep(0.6)  # the lifespan passes
        await client.get_signing_key("ec-1")
        assert server.hits == {"/jwks.json": 2}
        await client.get_jwk_set(refresh=True)
        assert server.hits == {"/jwks.json": 3}
        # fetch_data returns the JSON and replaces the cached set.
        server.jwks = JWKS_BOTH
        assert await client.fetch_data() == JWKS_BOTH
        assert [k.key_id for k in await client.get_signing_keys()] == ["ec-1", "ed-1", "ec-2"]
        assert server.hits == {"/jwks.json": 4}

    asyncio.run(main())


def test_kid_miss_refreshes_once_outside_the_cooldown(server):
    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0.5)
        await client.get_signing_key("ec-1")
        server.jwks = JWKS_BOTH  # rotation
        # Just fetched: an unknown kid does not make another request.
        with pytest.raises(jwt.PyJWKClientError, match='"ec-2"'):
            await client.get_signing_key("ec-2")
        assert server.hits == {"/jwks.json": 1}
        await asyncio.sleep(0.6)
        assert (await client.get_signing_key("ec-2")).key_id == "ec-2"
        assert server.hits == {"/jwks.json": 2}
        await client.get_signing_key("ec-2")  # the refreshed set is the cached one
        assert server.hits == {"/jwks.json": 2}
        await asyncio.sleep(0.6)
        with pytest.raises(jwt.PyJWKClientError, match="Unable to find a signing key"):
            await client.get_signing_key("unknown")
        assert server.hits == {"/jwks.json": 3}  # exactly one retry per miss
        with pytest.raises(jwt.PyJWKClientError, match="Unable to find a signing key"):
            await client.get_signing_key("unknown")
        assert server.hits == {"/jwks.json": 3}  # and none within the cooldown

    asyncio.run(main())


def test_key_cache_is_an_lru(server):
    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", cache_jwk_set=False, cache_keys=True, max_cached_keys=1)
        first = await client.get_signing_key("ec-1")
        assert await client.get_signing_key("ec-1") is first
        assert server.hits == {"/jwks.json": 1}
        await client.get_signing_key("ed-1")  # evicts ec-1
        await client.get_signing_key("ec-1")
        assert server.hits == {"/jwks.json": 3}
        plain = AsyncPyJWKClient(f"{server.base}/jwks.json", cache_jwk_set=False)
        await plain.get_signing_key("ec-1")
        await plain.get_signing_key("ec-1")
        assert server.hits == {"/jwks.json": 5}

    asyncio.run(main())


def test_redirects_and_http_errors_are_refused(server):
    async def main():
        with pytest.raises(jwt.PyJWKClientConnectionError, match="302"):
            await AsyncPyJWKClient(f"{server.base}/redirect").get_signing_key("ec-2")
        assert "/evil" not in server.hits and server.hits["/redirect"] == 1
        with pytest.raises(jwt.PyJWKClientConnectionError, match="500"):
            await AsyncPyJWKClient(f"{server.base}/error").get_signing_keys()

    asyncio.run(main())


def test_failed_refresh_keeps_the_cached_set(server):
    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0)
        await client.get_signing_key("ec-1")
        client.uri = f"{server.base}/error"
        with pytest.raises(jwt.PyJWKClientConnectionError, match="500"):
            await client.get_signing_key("ec-2")
        assert (await client.get_signing_key("ec-1")).key_id == "ec-1"

    asyncio.run(main())


@pytest.mark.parametrize("behaviour", ["stall", "drip-headers", "drip-body"])
def test_timeout_bounds_the_whole_fetch(hostile, behaviour):
    # The drip-fed answers would take several seconds, one quick read after another.
    async def main():
        client = AsyncPyJWKClient(f"{hostile.base}/{behaviour}", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(jwt.PyJWKClientConnectionError, match=r"timeout=0\.5"):
            await asyncio.wait_for(client.get_signing_key("ec-1"), 3)
        assert time.monotonic() - started < 1.5
        # The same client recovers when the endpoint does.
        client.uri = f"{hostile.base}/ok"
        assert (await client.get_signing_key("ec-1")).key_id == "ec-1"

    asyncio.run(main())


def test_a_slow_but_timely_answer_is_accepted(hostile):
    hostile.drip = 0.001
    client = AsyncPyJWKClient(f"{hostile.base}/drip-body", timeout=10)
    assert asyncio.run(client.get_signing_key("ec-1")).key_id == "ec-1"


@pytest.mark.parametrize("behaviour", ["huge", "huge-unsized"])
def test_response_size_is_bounded(hostile, behaviour):
    client = AsyncPyJWKClient(f"{hostile.base}/{behaviour}", timeout=10)
    tracemalloc.start()
    try:
        with pytest.raises(jwt.PyJWKClientError, match="max_response_bytes=524288") as e:
            asyncio.run(client.get_signing_keys())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not isinstance(e.value, jwt.PyJWKClientConnectionError)
    assert peak < 2 << 20, peak  # the 8 MiB body is not read


def test_response_size_limit_is_configurable(server):
    size = len(json.dumps(JWKS_1))
    with pytest.raises(jwt.PyJWKClientError, match=f"max_response_bytes={size - 1}"):
        asyncio.run(AsyncPyJWKClient(f"{server.base}/jwks.json", max_response_bytes=size - 1).get_signing_keys())
    keys = asyncio.run(AsyncPyJWKClient(f"{server.base}/jwks.json", max_response_bytes=size).get_signing_keys())
    assert [k.key_id for k in keys] == ["ec-1", "ed-1"]


def test_eight_concurrent_coroutines_make_one_request(server):
    server.delay = 0.2  # every coroutine finds the cache cold while the fetch runs

    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json")
        results = await asyncio.gather(
            *(client.get_signing_key("ed-1") if i % 2 else client.get_signing_keys() for i in range(8))
        )
        assert server.hits == {"/jwks.json": 1}
        assert [r.key_id if i % 2 else len(r) for i, r in enumerate(results)] == [2, "ed-1"] * 4
        # Eight concurrent misses of a new kid (cooldown 0): one refresh, which they all use.
        client.cooldown_duration = 0
        server.jwks = JWKS_BOTH
        keys = await asyncio.gather(*(client.get_signing_key("ec-2") for _ in range(8)))
        assert {k.key_id for k in keys} == {"ec-2"}
        assert server.hits == {"/jwks.json": 2}

    asyncio.run(main())


def test_concurrent_coroutines_share_one_failure(server):
    server.delay = 1.0  # longer than the client's timeout: every caller fails

    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", timeout=0.3)
        results = await asyncio.gather(*(client.get_signing_key("ec-1") for _ in range(8)), return_exceptions=True)
        assert all(isinstance(r, jwt.PyJWKClientConnectionError) for r in results), results
        assert len({id(r) for r in results}) == 8  # each caller raised its own exception object
        # On a loaded machine the one request can reach the server's handler after the client gave
        # up; wait for it (no clock in the verdict), then check no caller sent a second one.
        deadline = time.monotonic() + 10
        while not server.hits and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        assert server.hits == {"/jwks.json": 1}

    asyncio.run(main())


def test_a_cancelled_caller_does_not_cancel_the_shared_fetch(server):
    server.delay = 0.3

    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json")
        first = asyncio.ensure_future(client.get_signing_key("ec-1"))
        await asyncio.sleep(0.05)
        second = asyncio.ensure_future(client.get_signing_key("ed-1"))
        await asyncio.sleep(0.05)
        first.cancel()  # the coroutine that started the fetch
        assert (await second).key_id == "ed-1"
        assert first.cancelled() and server.hits == {"/jwks.json": 1}

    asyncio.run(main())


@pytest.mark.parametrize("cache_keys", [False, True])
def test_a_known_kid_stays_fast_while_an_unknown_kid_fetch_stalls(server, cache_keys):
    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0, timeout=10, cache_keys=cache_keys)
        assert (await client.get_signing_key("ec-1")).key_id == "ec-1"
        server.delay = 1.0
        miss = asyncio.ensure_future(client.get_signing_key("unknown"))
        deadline = time.monotonic() + 5
        while server.hits.get("/jwks.json", 0) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert server.hits["/jwks.json"] == 2, "the refresh did not reach the server"
        started = time.monotonic()
        tok = token(EC_1, "ec-1")
        for _ in range(20):
            assert (await client.get_signing_key("ec-1")).key_id == "ec-1"
            assert jwt.decode(tok, await client.get_signing_key_from_jwt(tok), algorithms=["ES256"]) == {"sub": "ec-1"}
        assert time.monotonic() - started < 0.2
        assert not miss.done(), "the refresh should still be waiting on the slow endpoint"
        with pytest.raises(jwt.PyJWKClientError, match='"unknown"'):
            await miss
        assert server.hits["/jwks.json"] == 2

    asyncio.run(main())


@pytest.mark.parametrize("first", [True, False])
def test_oct_keys_from_an_endpoint_never_verify(server, first):
    server.jwks = {"keys": [OCT_JWK] + JWKS_1["keys"]} if first else {"keys": JWKS_1["keys"] + [OCT_JWK]}

    async def main():
        client = AsyncPyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0)
        forged = jwt.encode({"sub": "admin"}, OCT_SECRET, algorithm="HS256", headers={"kid": "hs"})
        with pytest.raises(jwt.PyJWKClientError, match='"hs"'):
            await client.get_signing_key_from_jwt(forged)
        assert all(k.key_type != "oct" for k in (await client.get_jwk_set()).keys)
        assert (await client.get_signing_key("ec-1")).key_id == "ec-1"
        server.jwks = {"keys": [OCT_JWK]}
        with pytest.raises(jwt.PyJWKSetError):
            await AsyncPyJWKClient(f"{server.base}/jwks.json").get_signing_key("hs")

    asyncio.run(main())


def test_one_client_serves_successive_event_loops(server):
    # asyncio.run twice (a test suite, a CLI): each fetch opens its own httpx client.
    client = AsyncPyJWKClient(f"{server.base}/jwks.json", cooldown_duration=0)
    assert asyncio.run(client.get_signing_key("ec-1")).key_id == "ec-1"
    server.jwks = JWKS_BOTH
    assert asyncio.run(client.get_signing_key("ec-2")).key_id == "ec-2"
    assert server.hits == {"/jwks.json": 2}


def test_unreachable_endpoint(server):  # `server` for its proxy settings
    import contextlib
    import socket

    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = AsyncPyJWKClient(f"http://127.0.0.1:{port}/jwks.json")
    with pytest.raises(jwt.PyJWKClientConnectionError, match="Fail to fetch data"):
        asyncio.run(client.get_signing_key("ec-1"))
    assert client.jwk_set_cache is not None and client.jwk_set_cache.get() is None
