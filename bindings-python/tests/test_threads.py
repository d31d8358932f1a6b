"""Encode and decode from several threads at once: every result is the one for the thread's own
key and options, and a key-cache hit never waits for a lock another thread holds (waiting there
made two threads slower than one, see README "Threads")."""

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore
from jwtcore import _keycache

THREADS = 8
ROUNDS = 40


class _HeldElsewhere:
    """Stands in for a cache's lock while another thread holds it: a non-blocking acquire fails,
    and a blocking one (a hit that would wait) fails the test instead of hanging it."""

    def __init__(self):
        self.tries = 0

    def acquire(self, blocking=True, timeout=-1):
        if blocking:
            raise AssertionError("a key-cache hit waited for the cache's lock")
        self.tries += 1
        return False

    def release(self):
        raise AssertionError("released a lock that was never acquired")

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _pem_public(key):
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_cache_hits_never_wait_for_the_lock():
    secret = b"s" * 32
    ed = ed25519.Ed25519PrivateKey.generate()
    ed_public, ed_pem = ed.public_key(), _pem_public(ed)
    claims = {"sub": "alice"}
    # Fill the three caches: signing (a secret, a key object), by object, by text.
    jwtcore.encode(claims, secret, algorithm="HS256")
    ed_token = jwtcore.encode(claims, ed, algorithm="EdDSA")
    assert jwtcore.decode(ed_token, ed_public, algorithms=["EdDSA"]) == claims
    assert jwtcore.decode(ed_token, ed_pem, algorithms=["EdDSA"]) == claims
    caches = (_keycache._signing, _keycache._by_object, _keycache._by_text)
    saved = [c._lock for c in caches]
    held = [_HeldElsewhere() for _ in caches]
    try:
        for cache, lock in zip(caches, held):
            cache._lock = lock
            cache._newest = 0  # so that each hit tries to record its recency
        for _ in range(3):
            hs_token = jwtcore.encode(claims, secret, algorithm="HS256")
            assert jwtcore.decode(hs_token, secret, algorithms=["HS256"]) == claims
            assert jwtcore.encode(claims, ed, algorithm="EdDSA") == ed_token  # Ed25519 is deterministic
            assert jwtcore.decode(ed_token, ed_public, algorithms=["EdDSA"]) == claims
            assert jwtcore.decode(ed_token, ed_pem, algorithms=["EdDSA"]) == claims
    finally:
        for cache, lock in zip(caches, saved):
            cache._lock = lock
    # Every cache was hit while its lock was "held": each hit tried once and went on.
    assert all(lock.tries > 0 for lock in held)


def test_recency_is_kept_and_a_repeated_hit_writes_nothing():
    lru = _keycache._LRU(2)
    a, b, c = object(), object(), object()
    lru.put("a", a)
    lru.put("b", b)
    assert lru.get("a") is a  # "a" becomes the newest: "b" is evicted next
    lru.put("c", c)
    assert list(lru._data) == ["a", "c"]
    # A hit on the newest entry does not touch the lock (nor the order): a stand-in that fails on
    # any use proves it.
    lru._lock = None
    assert lru.get("c") is c
    assert list(lru._data) == ["a", "c"]


def _keys(i):
    """Thread ``i``'s (algorithm, signing key, verification key): HMAC secrets, key objects and PEM
    text, so the signing cache, the object cache and the text cache are all shared."""
    kind = i % 4
    if kind == 0:
        secret = bytes([65 + i]) * 32
        return "HS256", secret, secret
    if kind == 1:
        k = ec.generate_private_key(ec.SECP256R1())
        return "ES256", k, _pem_public(k)
    if kind == 2:
        k = ed25519.Ed25519PrivateKey.generate()
        return "EdDSA", k, k.public_key()
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return "RS256", k, k.public_key()


def test_threads_encoding_and_decoding_with_their_own_keys_and_options():
    keys = [_keys(i) for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    now = int(time.time())

    def run(i):
        alg, signing, verifying = keys[i]
        other_alg, _, other_verifying = keys[(i + 4) % THREADS]  # another thread's key of the same kind
        assert other_alg == alg
        # Each thread's own instance options: odd threads do not check `exp`.
        pyjwt = jwtcore.PyJWT(options={"verify_exp": i % 2 == 0})
        barrier.wait()
        for n in range(ROUNDS):
            claims = {"sub": f"t{i}", "n": n, "aud": f"api-{i}", "exp": now + 600}
            token = jwtcore.encode(claims, signing, algorithm=alg)
            assert jwtcore.get_unverified_header(token)["alg"] == alg
            assert jwtcore.decode(token, verifying, algorithms=[alg], audience=f"api-{i}") == claims
            with pytest.raises(jwtcore.InvalidAudienceError):
                jwtcore.decode(token, verifying, algorithms=[alg], audience=f"api-{i + 1}")
            with pytest.raises(jwtcore.InvalidSignatureError):
                jwtcore.decode(token, other_verifying, algorithms=[alg], audience=f"api-{i}")
            expired = jwtcore.encode({**claims, "exp": now - 100}, signing, algorithm=alg)
            if i % 2 == 0:
                with pytest.raises(jwtcore.ExpiredSignatureError):
                    pyjwt.decode(expired, verifying, algorithms=[alg], audience=f"api-{i}")
            else:
                assert pyjwt.decode(expired, verifying, algorithms=[alg], audience=f"api-{i}")["n"] == n
        return i

    # Switch threads far more often than the default 5 ms, so the threads interleave inside the
    # Python layer and the caches, not only around the core's GIL-free work.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            assert sorted(pool.map(run, range(THREADS))) == list(range(THREADS))
    finally:
        sys.setswitchinterval(interval)
