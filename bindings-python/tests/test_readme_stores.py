"""The Python code blocks of bindings-python/README.md's "Sessions" and "Stores" sections, copied
verbatim (each test names its section) and run against the private redis-server and cluster;
test_blocks_are_verbatim fails when the README and these copies drift apart."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"

KEY32, OLD_KEY32, PEPPER32, REFRESH_KEY32 = bytes(range(32)), bytes([7]) * 32, bytes([3]) * 32, bytes([9]) * 32


def test_sessions_section():
    # README "Sessions (`jwtcore.session`)": the setup the block assumes
    from jwtcore import session as s_

    key32, old_key32, pepper32 = KEY32, OLD_KEY32, PEPPER32
    old_value = s_.SessionKeys(old_key32).sign_cookie("__Host-id", s_.new_session_id())
    request_cookie_header = f"theme=dark; __Host-id={old_value}"
    now = int(time.time())
    created, last_seen, issued = now - 100, now - 10, now - 100
    stored_record = s_.RefreshFamilies(key32, pepper=pepper32).start(now).record
    presented_token = "not-a-token"

    # --- verbatim from the README ---
    from jwtcore import session as s

    keys = s.SessionKeys(current=key32, previous=[old_key32])   # signs with current only
    cookie = s.SessionCookie()                  # __Host-id; Path=/; Secure; HttpOnly; SameSite=Lax
    sid = s.new_session_id()                    # 256 bits, 43 base64url characters
    set_cookie = cookie.serialize(keys.sign_cookie(cookie.name, sid))
    store_key = s.storage_key(sid, pepper=pepper32)             # "s1:<hex>": store under this
    value = s.find_cookie(request_cookie_header, cookie.name)   # DuplicateCookieError if sent twice
    sid, reissue = keys.verify_cookie(cookie.name, value)       # reissue: a previous key matched
    s.check(s.SessionTimes(created, last_seen, issued), s.Timeouts(idle=1800, absolute=43200))
    #   -> Liveness(status="active"|"idle_expired"|"absolute_expired"|"clock_skew", touch, renew_id)
    s.rotate_id(sid, pepper32)                  # Rotation(new_id, delete, create): login, privilege change

    fam = s.RefreshFamilies(current=key32, pepper=pepper32, absolute=30*86400, idle=7*86400, grace=10)
    out = fam.start(binding=None)               # RefreshOutcome(kind="start", token, record, family)
    out = fam.decide(stored_record, presented_token)   # rotate | grace_retry | reuse_detected | reject
    fam.revoke(stored_record, "logout")         # the record to persist
    # --- end ---

    assert set_cookie.startswith("__Host-id=") and "Secure" in set_cookie
    assert store_key.startswith("s1:") and len(store_key) == 67
    assert value == old_value and reissue  # signed by the previous key: send it again
    assert s.check(s.SessionTimes(created, last_seen, issued), s.Timeouts(idle=1800, absolute=43200)).active
    assert out.kind == "reject" and out.reason == "refresh_malformed"
    assert s.record_info(fam.revoke(stored_record, "logout")).revoked == "logout"


@pytest.fixture(params=["redis", "cluster"])
def redis_env(request, monkeypatch):
    """REDIS_URL (and REDIS_CLUSTER_URL) for the README's examples: the private standalone
    server, or the private cluster (REDIS_URL then names a cluster node)."""
    import redis

    server = request.getfixturevalue("redis_server")
    cluster = request.getfixturevalue("redis_cluster")
    with redis.Redis.from_url(server.url) as r:
        r.flushdb()
    with redis.RedisCluster.from_url(cluster.url) as rc:
        rc.flushdb()
    monkeypatch.setenv("REDIS_URL", server.url if request.param == "redis" else cluster.url)
    monkeypatch.setenv("REDIS_CLUSTER_URL", cluster.url)
    return request.param


def test_stores_section(redis_server, monkeypatch):
    import redis

    from jwtcore import session as s_
    from jwtcore.stores import RedisStore as _RedisStore, Sessions as _Sessions

    with redis.Redis.from_url(redis_server.url) as r:
        r.flushdb()
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    key32, pepper32, refresh_key32 = KEY32, PEPPER32, REFRESH_KEY32
    exp = int(time.time()) + 300
    # the request's Cookie header: alice logged in 1000 s ago (renewal due after 900 s)
    earlier = _Sessions(_RedisStore(url=redis_server.url), s_.SessionKeys(key32), pepper=pepper32)
    _, first_login = earlier.create("alice", now=time.time() - 1000)
    cookie_header = "theme=dark; " + first_login.split(";")[0]

    # --- verbatim from the README ("Stores (`jwtcore.stores`)") ---
    import os
    from jwtcore import session as s
    from jwtcore.stores import RedisStore, RefreshService, Sessions

    store = RedisStore(url=os.environ["REDIS_URL"])           # or MemoryStore()
    sessions = Sessions(store, s.SessionKeys(key32), pepper=pepper32,
                        timeouts=s.Timeouts(idle=1800, absolute=43200, renew_after=900))
    sid, set_cookie = sessions.create("alice", {"role": "user"})    # at login: send set_cookie
    session = sessions.load(cookie_header)                  # None: not logged in
    if session is not None and session.set_cookie:          # renewed ID or re-signed cookie
        response_set_cookie = session.set_cookie
    clear_cookie = sessions.logout(cookie_header)           # logout, from the cookie alone
    sessions.destroy_all("alice")                           # log out everywhere

    refresh = RefreshService(store, refresh_key32, pepper=pepper32, grace=10, access_ttl=300)
    out = refresh.start(user="alice")                       # out.token goes to the client
    out = refresh.refresh(out.token)                        # rotate | grace_retry | reuse_detected | reject
    refresh.revoke_user("alice")                            # e.g. on a password change
    store.deny("https://issuer", "jti-1", exp, family=out.family)   # one access token, until exp
    store.is_denied("https://issuer", "jti-1", family=out.family)   # True
    # --- end ---

    assert session is not None and session.user == "alice"
    renewed = response_set_cookie.split(";")[0]  # the ID was renewed: a new cookie went out
    assert renewed != first_login.split(";")[0]
    assert "Max-Age=0" in clear_cookie
    assert sessions.load(renewed) is None  # the logout with the old cookie ended the renamed session
    assert store.get_session(s.storage_key(sid, pepper32)) is None  # log out everywhere
    assert out.kind == "rotate"
    assert refresh.refresh(out.token).reason == "refresh_revoked"  # revoke_user
    assert store.is_denied("https://issuer", "jti-1", family=out.family)
    assert not store.is_denied("https://issuer", "jti-2")
    store.close()


def test_cluster_section(redis_env):
    from jwtcore import session as s
    from jwtcore.stores import RefreshService, Sessions

    # --- verbatim from the README ("Redis Cluster") ---
    import os
    from jwtcore.stores import RedisStore

    store = RedisStore(url=os.environ["REDIS_CLUSTER_URL"], cluster=True)   # any node; the others are discovered
    # --- end ---
    sessions = Sessions(store, s.SessionKeys(KEY32), pepper=PEPPER32)
    _, c = sessions.create("alice")
    assert sessions.load(c.split(";")[0]).user == "alice"
    svc = RefreshService(store, REFRESH_KEY32)
    assert svc.refresh(svc.start(user="alice").token).kind == "rotate"
    assert len(store.client.get_nodes()) == 3
    store.close()


def test_asyncio_section(redis_env):
    key32, pepper32, refresh_key32 = KEY32, PEPPER32, REFRESH_KEY32
    from jwtcore import session as s

    async def main():
        # --- verbatim from the README ("asyncio (`jwtcore.stores.aio`)") ---
        import os
        from jwtcore.stores.aio import AsyncRedisStore, AsyncRefreshService, AsyncSessions

        store = AsyncRedisStore(url=os.environ["REDIS_URL"])   # cluster=True for a Redis Cluster
        sessions = AsyncSessions(store, s.SessionKeys(key32), pepper=pepper32)
        refresh = AsyncRefreshService(store, refresh_key32, pepper=pepper32, grace=10, access_ttl=300)

        async def me(cookie_header):
            session = await sessions.load(cookie_header)
            return None if session is None else session.user
        # --- end ---
        return store, sessions, refresh, me

    async def run():
        store, sessions, refresh, me = await main()
        if redis_env == "cluster":  # the README's comment: cluster=True for a Redis Cluster
            import os

            from jwtcore.stores.aio import AsyncRedisStore

            await store.close()
            store = AsyncRedisStore(url=os.environ["REDIS_URL"], cluster=True)
            sessions.store = refresh.store = store
        _, c = await sessions.create("alice")
        assert await me(c.split(";")[0]) == "alice"
        assert await me(None) is None
        out = await refresh.start(user="alice")
        assert (await refresh.refresh(out.token)).kind == "rotate"
        await store.close()

    asyncio.run(run())


SECTIONS = ["## Sessions (`jwtcore.session`)", "## Stores (`jwtcore.stores`)"]


def test_csrf_section():
    # README "CSRF": a same-origin request from an older browser that echoes the page's token.
    from jwtcore import session as s

    keys = s.SessionKeys(KEY32)
    store_key = s.storage_key(s.new_session_id())

    class Headers(dict):
        def get(self, name, default=None):
            # The header carries the token the page received (page_token, assigned below).
            return page_token if name == "X-CSRF-Token" else super().get(name, default)

    class Request:
        method = "POST"
        headers = Headers(Origin="https://app.example")

    request = Request()

    def abort(status):
        raise AssertionError(f"refused with {status}")

    # --- verbatim from the README ---
    policy = s.RequestPolicy(["https://app.example"])           # ValueError for "https://app.example/"
    verdict = policy.check_headers(request.method, request.headers)   # Flask, Starlette, Django headers
    if not verdict:                                             # RequestVerdict(allowed, reason)
        abort(403)                                              # reason: "cross_site", "origin_mismatch", …
    page_token = s.mask_csrf_token(keys.csrf_token(store_key))  # into the page / a response header
    keys.verify_csrf(store_key, request.headers.get("X-CSRF-Token"))  # CsrfError -> 403
    # --- end ---

    assert verdict == s.RequestVerdict(True, "origin_listed")
    with pytest.raises(ValueError):
        s.RequestPolicy(["https://app.example/"])
    assert policy.check_headers("POST", {"Sec-Fetch-Site": "cross-site"}).reason == "cross_site"
    with pytest.raises(s.CsrfError):
        keys.verify_csrf(s.storage_key(s.new_session_id()), page_token)


def readme_blocks() -> list[str]:
    text = README.read_text()
    start = text.index(SECTIONS[0])
    end = text.index("### Throughput")
    return re.findall(r"```python\n(.*?)```", text[start:end], re.S)


def test_blocks_are_verbatim():
    """Every line of every Python block in the README's Sessions/Stores sections appears in
    this file exactly (indentation aside): the copies above are the README's code."""
    here = {line.strip() for line in Path(__file__).read_text().splitlines()}
    blocks = readme_blocks()
    assert len(blocks) == 5
    for block in blocks:
        for line in block.splitlines():
            assert not line.strip() or line.strip() in here, line
