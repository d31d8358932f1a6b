"""jwtcore.stores: the same tests over MemoryStore and RedisStore (a real redis-server on
127.0.0.1), the concurrency of refresh rotation, and redis-server killed mid-run."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from jwtcore import session as s
from jwtcore import stores
from jwtcore.stores import RefreshService, Sessions, StoreError, StoreUnavailableError

from conftest import instrument, make_refresh, make_sessions

KEY = bytes(range(32))
PEPPER = bytes([3]) * 32


@pytest.fixture
def store(every_store):
    """Memory, standalone Redis and a 3-master Redis Cluster, each as a synchronous store and as
    an asyncio one driven through conftest.SyncOverAsync (conftest.every_store): every test
    here runs on all six, the asyncio ones through AsyncSessions/AsyncRefreshService."""
    return every_store


def sessions(store, **kw):
    return make_sessions(store, s.SessionKeys(KEY), pepper=PEPPER, **kw)


def cookie_of(set_cookie: str) -> str:
    return set_cookie.split(";")[0]


# --- raw store contract ------------------------------------------------------------------------


def test_session_entries(store):
    k = s.storage_key(s.new_session_id())
    assert store.create_session(k, b"a", 60, user="alice")
    assert not store.create_session(k, b"b", 60, user="alice")  # NX
    assert store.get_session(k) == b"a"
    assert store.touch_session(k, b"c", 60)
    assert store.get_session(k) == b"c"
    assert store.delete_session(k, "alice")
    assert store.get_session(k) is None
    assert not store.touch_session(k, b"d", 60)  # XX: never resurrects
    assert store.get_session(k) is None


def test_session_ttl(store):
    k = s.storage_key(s.new_session_id())
    store.create_session(k, b"a", 1)
    time.sleep(1.3)
    assert store.get_session(k) is None


def test_log_out_everywhere(store):
    keys = [s.storage_key(s.new_session_id()) for _ in range(5)]
    for k in keys[:4]:
        assert store.create_session(k, b"x", 60, user="alice")
    store.create_session(keys[4], b"x", 60, user="bob")
    assert store.delete_user_sessions("alice") == 4
    assert all(store.get_session(k) is None for k in keys[:4])
    assert store.get_session(keys[4]) == b"x"
    assert store.delete_user_sessions("alice") == 0


def test_family_cas(store):
    f = s.RefreshFamilies(KEY)
    t = f.start()
    assert store.create_family(t.family, t.record, 60, user="alice")
    assert not store.create_family(t.family, t.record, 60)
    assert store.get_family(t.family) == t.record
    r = f.decide(t.record, t.token)
    assert not store.replace_family(t.family, 7, r.record, 60)  # wrong version
    assert store.replace_family(t.family, r.expect_version, r.record, 60)
    assert not store.replace_family(t.family, r.expect_version, r.record, 60)  # not idempotent
    assert store.get_family(t.family) == r.record
    assert store.user_families("alice") == [t.family]
    assert store.family_user(t.family) == "alice"  # kept across replace
    assert store.family_user("r1:" + "0" * 32) is None
    assert not store.replace_family("r1:" + "0" * 32, 0, r.record, 60)  # absent


def test_denylist(store):
    now = int(time.time())
    store.deny("https://issuer", "jti-1", now + 60)
    assert store.is_denied("https://issuer", "jti-1")
    assert not store.is_denied("https://other", "jti-1")
    assert not store.is_denied(None, "jti-1")
    store.deny(None, "jti-2", now - 1)  # already expired: nothing stored
    assert not store.is_denied(None, "jti-2")
    store.deny(None, "short", now + 1)
    fam = "r1:" + "ab" * 16
    store.deny("iss", "jti-3", now + 60, family=fam)
    assert store.is_denied("iss", "jti-3", family=fam)
    assert not store.is_denied("iss", "jti-4", family=fam)
    store.deny_family(fam, now + 60)
    assert store.is_denied("iss", "jti-4", family=fam)
    time.sleep(1.3)
    assert not store.is_denied(None, "short")  # expired with the token


def test_keys_never_hold_raw_ids_or_tokens(redis_server):
    st = stores.RedisStore(url=redis_server.url)
    st.client.flushdb()
    mgr = sessions(st)
    sid, _ = mgr.create("alice")
    svc = RefreshService(st, KEY)
    t = svc.start(user="alice")
    st.deny("iss", "some-jti", int(time.time()) + 60, family=t.family)
    names = [k.decode() for k in st.client.keys("*")]
    blob = " ".join(names) + " " + " ".join(
        (st.client.get(k) or b"").decode("latin-1") for k in names if st.client.type(k) == b"string"
    )
    assert sid not in blob and t.token not in blob and "some-jti" not in blob
    assert not any("alice" in n for n in names)  # the user ID is only inside the session value
    sk = s.storage_key(sid, PEPPER)
    assert f"jwtcore:s:{{{sk[:5]}}}{sk[5:]}" in names  # tag: the first two hex digits
    fam_keys = [n for n in names if t.family in n]
    assert len(fam_keys) == 2 and all(f"{{{t.family}}}" in n for n in fam_keys)  # one hash slot


# --- Sessions over a store ---------------------------------------------------------------------


def test_sessions_login_load_logout(store):
    mgr = sessions(store, timeouts=s.Timeouts(idle=600, absolute=3600, touch_after=0))
    sid, set_cookie = mgr.create("alice", {"role": "user"})
    assert set_cookie.startswith("__Host-id=") and sid not in set_cookie.split(".")[1]
    header = "theme=dark; " + cookie_of(set_cookie)
    sess = mgr.load(header)
    assert sess is not None and sess.user == "alice" and sess.data == {"role": "user"} and sess.id == sid
    assert sess.set_cookie is None
    # privilege change: new ID, old cookie dead, absolute deadline kept
    new_cookie = mgr.rotate(sess)
    assert mgr.load(header) is None
    again = mgr.load(cookie_of(new_cookie))
    assert again is not None and again.times.created_at == sess.times.created_at
    clear = mgr.destroy(again)
    assert "Max-Age=0" in clear
    assert mgr.load(cookie_of(new_cookie)) is None


def test_sessions_reject_bad_cookies(store):
    mgr = sessions(store)
    _, set_cookie = mgr.create("alice")
    c = cookie_of(set_cookie)
    assert mgr.load(None) is None and mgr.load("") is None and mgr.load("other=1") is None
    assert mgr.load(c[:-1] + ("A" if c[-1] != "A" else "B")) is None
    other = make_sessions(store, s.SessionKeys(bytes(32)), pepper=PEPPER)
    assert other.load(c) is None
    with pytest.raises(s.DuplicateCookieError):
        mgr.load(c + "; " + c)


def test_sessions_expire_and_log_out_everywhere(store):
    mgr = sessions(store, timeouts=s.Timeouts(idle=100, absolute=1000))
    now = time.time()
    _, c1 = mgr.create("alice", now=now)
    _, c2 = mgr.create("alice", now=now)
    _, c3 = mgr.create("bob", now=now)
    assert mgr.load(cookie_of(c1), now=now + 101) is None  # idle: deleted
    assert mgr.load(cookie_of(c1), now=now) is None
    assert mgr.destroy_all("alice") == 1
    assert mgr.load(cookie_of(c2), now=now) is None
    assert mgr.load(cookie_of(c3), now=now) is not None


def test_sessions_key_rotation_reissues(store):
    old = make_sessions(store, s.SessionKeys(bytes([5]) * 32), pepper=PEPPER)
    _, c = old.create("alice")
    new = make_sessions(store, s.SessionKeys(KEY, [bytes([5]) * 32]), pepper=PEPPER)
    sess = new.load(cookie_of(c))
    assert sess is not None and sess.set_cookie is not None
    assert new.load(cookie_of(sess.set_cookie)).set_cookie is None


def test_sessions_renew_id(store):
    mgr = sessions(store, timeouts=s.Timeouts(renew_after=10))
    now = time.time()
    sid, c = mgr.create("alice", now=now)
    sess = mgr.load(cookie_of(c), now=now + 11)
    assert sess is not None and sess.id != sid and sess.set_cookie is not None
    assert mgr.load(cookie_of(c), now=now + 12) is None


# --- RefreshService ----------------------------------------------------------------------------


def test_refresh_flow(store):
    svc = make_refresh(store, KEY, access_ttl=900)
    t0 = svc.start(user="alice")
    t1 = svc.refresh(t0.token)
    assert t1.kind == "rotate"
    t2 = svc.refresh(t1.token)
    assert t2.kind == "rotate"
    replay = svc.refresh(t0.token)
    assert replay.kind == "reuse_detected" and not replay.ok
    assert svc.refresh(t2.token).reason == "refresh_revoked"
    assert store.is_denied("iss", "any", family=t0.family)  # the family's access tokens are dead
    assert svc.refresh("garbage").reason == "refresh_malformed"
    forged = s.RefreshFamilies(bytes(32)).start()
    assert svc.refresh(forged.token).reason == "refresh_not_authentic"
    assert make_refresh(store, bytes(32)).refresh(forged.token).reason == "refresh_unknown_family"


def test_refresh_revoke_and_revoke_user(store):
    svc = make_refresh(store, KEY)
    a, b = svc.start(user="alice"), svc.start(user="alice")
    c = svc.start(user="bob")
    assert svc.revoke(a.family)
    assert svc.refresh(a.token).reason == "refresh_revoked"
    assert svc.revoke_user("alice", "credential_change") == 2
    assert svc.refresh(b.token).reason == "refresh_revoked"
    assert svc.refresh(c.token).kind == "rotate"
    assert s.record_info(store.get_family(a.family)).revoked == "logout"
    assert not svc.revoke("r1:" + "0" * 32)


@pytest.mark.parametrize("grace", [0, 30])
def test_concurrent_refresh_one_winner_per_generation(store, grace):
    conflicts = Counter()

    def count(ok):
        conflicts["lost"] += not ok

    # a 1 ms pause before each write widens the read-decide-write window so the callers race
    store = instrument(store, "replace_family", count)
    svc = make_refresh(store, KEY, grace=grace)
    t = svc.start()
    token, generations, threads_n = t.token, 5, 8
    for gen in range(generations):
        barrier = threading.Barrier(threads_n)
        results: list = []
        errors: list = []

        def worker():
            barrier.wait()
            try:
                results.append(svc.refresh(token))
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        ts = [threading.Thread(target=worker) for _ in range(threads_n)]
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        assert not errors, errors
        kinds = Counter(r.kind for r in results)
        assert kinds["rotate"] == 1, kinds  # exactly one rotation wins the generation
        winner = next(r for r in results if r.kind == "rotate")
        if grace:
            # the losers re-read and get the same successor (idempotent retry), nothing revoked
            assert kinds["grace_retry"] == threads_n - 1, kinds
            assert {r.token for r in results} == {winner.token}
            info = s.record_info(store.get_family(t.family))
            assert info.generation == gen + 1 and info.revoked is None
            token = winner.token
        else:
            # two parties presenting the same token is reuse: the family dies
            assert kinds["reuse_detected"] + kinds["reject"] == threads_n - 1, kinds
            assert kinds["reuse_detected"] >= 1
            assert s.record_info(store.get_family(t.family)).revoked == "reuse"
            assert svc.refresh(winner.token).reason == "refresh_revoked"
            assert conflicts["lost"] > 0
            return
    assert conflicts["lost"] > 0  # compare-and-set races happened and were resolved
    # nothing lost: the chain advanced exactly once per generation; a replay is detected
    assert s.record_info(store.get_family(t.family)).generation == generations
    assert svc.refresh(t.token).kind == "reuse_detected"


def test_many_families_in_parallel(store):
    svc = make_refresh(store, KEY)
    starts = [svc.start(user=f"u{i % 4}") for i in range(16)]
    finals: dict = {}

    def chain(o):
        tok = o.token
        for _ in range(10):
            r = svc.refresh(tok)
            assert r.kind == "rotate", r
            tok = r.token
        finals[o.family] = tok

    ts = [threading.Thread(target=chain, args=(o,)) for o in starts]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert len(finals) == 16
    for o in starts:
        assert s.record_info(store.get_family(o.family)).generation == 10


# --- redis-server killed and restarted mid-run -------------------------------------------------


def test_redis_killed_mid_run_never_a_wrong_valid():
    from redis_server import RedisServer

    server = RedisServer()
    server.start()
    try:
        st = stores.RedisStore(url=server.url, timeout=1.0)
        # grace: a rotation whose reply was lost in the kill is retried by the client with the
        # same token, which must return the same successor, not count as reuse.
        svc = RefreshService(st, KEY, grace=30)
        mgr = sessions(st)
        start = svc.start()
        _, cookie = mgr.create("alice")
        state = {"token": start.token, "issued": {}, "errors": Counter(), "wrong": []}
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
                    time.sleep(0.01)
                    continue
                except StoreError as e:  # pragma: no cover
                    state["errors"][type(e).__name__] += 1
                    continue
                if r.ok:
                    gen = s.record_info(r.record).generation  # the record just persisted (no store read:
                    # the server may be dying right now)
                    with lock:
                        if r.token != state["token"]:
                            prev = state["issued"].setdefault(gen, r.token)
                            if prev != r.token:
                                state["wrong"].append(gen)  # two tokens for one generation
                            state["token"] = r.token
                else:
                    state["wrong"].append(r)  # the client's own current token was refused
                    stop.set()

        def session_reader():
            while not stop.is_set():
                try:
                    sess = mgr.load(cookie_of(cookie))
                    if sess is None:
                        state["wrong"].append("session vanished")
                except StoreUnavailableError:
                    state["errors"]["session_unavailable"] += 1
                    time.sleep(0.01)

        ts = [threading.Thread(target=refresher), threading.Thread(target=session_reader)]
        for th in ts:
            th.start()
        time.sleep(0.5)
        server.kill()
        time.sleep(0.5)
        # while down: clear errors, never a verdict
        with pytest.raises(StoreUnavailableError):
            mgr.load(cookie_of(cookie))
        with pytest.raises(StoreUnavailableError):
            svc.refresh(state["token"])
        server.start()
        time.sleep(0.7)
        stop.set()
        for th in ts:
            th.join(10)
        assert state["errors"]["unavailable"] + state["errors"]["session_unavailable"] > 0
        assert not state["wrong"], state
        # acknowledged writes survived (appendfsync always): the chain goes on
        info = s.record_info(st.get_family(start.family))
        assert info.generation >= len(state["issued"]) > 0 and info.revoked is None
        last = svc.refresh(state["token"])
        assert last.kind in ("rotate", "grace_retry"), (last, info)
        assert mgr.load(cookie_of(cookie)) is not None
        st.close()
    finally:
        server.cleanup()
