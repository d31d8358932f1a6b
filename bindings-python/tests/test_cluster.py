"""RedisStore on a real 3-master Redis Cluster (issue 17): key placement, the operations that
need one slot, and a master killed mid-run. The store suite itself runs on the cluster through
``conftest.any_store`` (test_stores.py, test_session_race.py)."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from jwtcore import session as s
from jwtcore import stores
from jwtcore.stores import RefreshService, Sessions, StoreError, StoreUnavailableError

KEY = bytes(range(32))
PEPPER = bytes([3]) * 32


def cookie_of(set_cookie: str) -> str:
    return set_cookie.split(";")[0]


@pytest.fixture
def cluster_store(redis_cluster):
    st = stores.RedisStore(url=redis_cluster.url, cluster=True)
    st.client.flushdb()
    yield st
    st.close()


def all_keys(st) -> list[str]:
    from redis.cluster import RedisCluster

    return sorted(k.decode() for k in st.client.keys("*", target_nodes=RedisCluster.PRIMARIES))


def test_one_user_one_family_one_slot_each(cluster_store):
    st = cluster_store
    mgr = Sessions(st, s.SessionKeys(KEY), pepper=PEPPER, timeouts=s.Timeouts(renew_after=10))
    svc = RefreshService(st, KEY, access_ttl=60)
    now = time.time()
    _, c = mgr.create("alice", now=now - 20)
    renewed = mgr.load(cookie_of(c), now=now)  # renamed: new key + tombstone
    assert renewed is not None and renewed.set_cookie is not None
    t = svc.start(user="alice")
    assert svc.refresh(t.token).kind == "rotate"
    assert svc.refresh(t.token).kind == "reuse_detected"  # denies the family
    st.deny("iss", "jti-1", int(now) + 60, family=t.family)
    keys = all_keys(st)
    slot = st.client.cluster_keyslot

    def slots(part: str) -> set[int]:
        return {slot(k) for k in keys if part in k}

    assert len(slots(t.family)) == 1 and len([k for k in keys if t.family in k]) == 3  # record, deny x2
    user = stores.user_key("alice")
    assert len(slots(user)) == 1 and len([k for k in keys if user in k]) == 2  # :s and :f
    session_keys = [k for k in keys if k.startswith("jwtcore:s:")]
    assert len(session_keys) == 2 and len({slot(k) for k in session_keys}) == 1  # old (tombstone) + new
    # the families and users really are spread: three masters hold the slots
    assert len({st.client.get_node_from_key(k).port for k in keys}) >= 1


def test_sessions_spread_over_the_masters(cluster_store, redis_cluster):
    mgr = Sessions(cluster_store, s.SessionKeys(KEY), pepper=PEPPER)
    for i in range(60):
        mgr.create(f"user-{i}")
    ports = Counter(cluster_store.client.get_node_from_key(k).port for k in all_keys(cluster_store)
                    if k.startswith("jwtcore:s:"))
    assert set(ports) == set(redis_cluster.ports), ports


def test_cluster_client_without_pipelined_scripts(cluster_store):
    # issue 17: RefreshService.start raised "Calling pipelined function evalsha is blocked"
    svc = RefreshService(cluster_store, KEY)
    for i in range(20):
        assert svc.start(user=f"u{i}").kind == "start"
    assert len(svc.store.user_families("u3")) == 1
    assert svc.revoke_user("u3") == 1


def test_async_client_refused_with_a_clear_error(redis_cluster):
    import redis.asyncio

    for client in (redis.asyncio.Redis(), redis.asyncio.RedisCluster.from_url(redis_cluster.url)):
        with pytest.raises(TypeError, match="AsyncRedisStore"):
            stores.RedisStore(client=client)


def test_master_killed_mid_run_never_a_wrong_valid():
    """A master (the one holding the family) is killed with SIGKILL while a client refreshes
    and another loads its session; no replicas, no persistence. While it is down callers get
    StoreUnavailableError (never a verdict); no generation ever yields two tokens; after it
    restarts empty the lost family is refused (unknown), never accepted."""
    from redis_server import RedisCluster

    cluster = RedisCluster()
    try:
        cluster.start()
        st = stores.RedisStore(url=cluster.url, cluster=True, timeout=1.0)
        svc = RefreshService(st, KEY, grace=30)
        start = svc.start(user="alice")
        owner = st.client.get_node_from_key(st._f(start.family)).port
        state = {"token": start.token, "issued": {}, "errors": Counter(), "wrong": [], "verdicts": Counter()}
        stop = threading.Event()
        lock = threading.Lock()

        def refresher():
            while not stop.is_set():
                with lock:
                    tok = state["token"]
                try:
                    r = svc.refresh(tok)
                except StoreUnavailableError:
                    state["errors"]["unavailable"] += 1
                    time.sleep(0.02)
                    continue
                except StoreError as e:
                    state["errors"][type(e).__name__ + ": " + str(e)[:60]] += 1
                    time.sleep(0.02)
                    continue
                except Exception as e:  # pragma: no cover - reported below
                    state["wrong"].append(repr(e))
                    stop.set()
                    return
                state["verdicts"][r.kind if r.ok else r.reason] += 1
                if r.ok:
                    with lock:
                        if r.token != state["token"]:
                            gen = s.record_info(r.record).generation
                            prev = state["issued"].setdefault(gen, r.token)
                            if prev != r.token:
                                state["wrong"].append(("two tokens", gen))
                            state["token"] = r.token
                elif r.reason != "refresh_unknown_family":
                    state["wrong"].append(r)  # the current token refused while its record exists

        mgr = Sessions(st, s.SessionKeys(KEY), pepper=PEPPER)
        _, cookie = mgr.create("alice")

        def session_reader():
            while not stop.is_set():
                try:
                    sess = mgr.load(cookie_of(cookie))
                    state["verdicts"]["session " + ("live" if sess else "none")] += 1
                except StoreUnavailableError:
                    state["errors"]["session unavailable"] += 1
                    time.sleep(0.02)
                except Exception as e:  # pragma: no cover - reported below
                    state["wrong"].append(repr(e))
                    stop.set()

        # one client refreshing its own chain (two would present each other's superseded tokens,
        # which is reuse), one loading its session
        ts = [threading.Thread(target=refresher), threading.Thread(target=session_reader)]
        for th in ts:
            th.start()
        time.sleep(0.5)
        cluster.kill(owner)
        time.sleep(1.0)
        with pytest.raises(StoreUnavailableError):
            svc.refresh(state["token"])
        cluster.restart(owner)
        time.sleep(1.0)
        stop.set()
        for th in ts:
            th.join(15)
        assert not state["wrong"], state
        assert state["errors"]["unavailable"] > 0, state
        assert len(state["issued"]) > 0, state
        # the master came back empty: the family is unknown, so its tokens are refused
        after = svc.refresh(state["token"])
        assert not after.ok and after.reason == "refresh_unknown_family", after
        # and the cluster serves new families again
        assert svc.refresh(svc.start(user="alice").token).kind == "rotate"
        st.close()
    finally:
        cluster.cleanup()
