"""The parsed-key caches behind the plain PyJWT call (PEM text, `cryptography` key objects):
a changed key is never served stale, the caches stay bounded, concurrent use is safe."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

import jwtcore
from jwtcore import _keycache

CLAIMS = {"sub": "alice"}


def _pem(key, private=False):
    if private:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_a_different_pem_text_is_a_different_key():
    a, b = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    token_a = jwtcore.encode(CLAIMS, _pem(a, True), algorithm="EdDSA")
    assert jwtcore.decode(token_a, _pem(a), algorithms=["EdDSA"]) == CLAIMS
    # The text of another key, after the first one is cached, must not verify A's token.
    with pytest.raises(jwtcore.InvalidSignatureError):
        jwtcore.decode(token_a, _pem(b), algorithms=["EdDSA"])
    # The same text as bytes and as str: both the key A.
    assert jwtcore.decode(token_a, _pem(a).encode(), algorithms=["EdDSA"]) == CLAIMS
    token_b = jwtcore.encode(CLAIMS, _pem(b, True).encode(), algorithm="EdDSA")
    assert jwtcore.decode(token_b, _pem(b), algorithms=["EdDSA"]) == CLAIMS
    with pytest.raises(jwtcore.InvalidSignatureError):
        jwtcore.decode(token_b, _pem(a), algorithms=["EdDSA"])


def test_key_objects_freed_and_their_ids_reused_are_not_stale():
    # Keys made and dropped in a loop: CPython reuses the ids of freed objects, so a cache keyed
    # by id alone would hand an earlier key to a later object.
    previous = None
    for i in range(3 * _keycache.MAX_ENTRIES):
        key = ed25519.Ed25519PrivateKey.generate()
        public = key.public_key()
        token = jwtcore.encode({"sub": str(i)}, key, algorithm="EdDSA")
        assert jwtcore.decode(token, public, algorithms=["EdDSA"]) == {"sub": str(i)}
        if previous is not None:
            with pytest.raises(jwtcore.InvalidSignatureError):
                jwtcore.decode(token, previous, algorithms=["EdDSA"])
        previous = public
        del key, public
    assert len(_keycache._by_object) <= _keycache.MAX_ENTRIES


def test_caches_stay_bounded():
    for _ in range(2 * _keycache.MAX_ENTRIES + 5):
        key = ed25519.Ed25519PrivateKey.generate()
        token = jwtcore.encode(CLAIMS, _pem(key, True), algorithm="EdDSA")
        jwtcore.decode(token, _pem(key), algorithms=["EdDSA"])
        jwtcore.decode(token, key.public_key(), algorithms=["EdDSA"])
    assert len(_keycache._by_text) == _keycache.MAX_ENTRIES
    assert len(_keycache._by_object) <= _keycache.MAX_ENTRIES


def test_duck_typed_key_objects_are_not_cached():
    # Only `cryptography`'s (immutable) key objects are cached: a mutable look-alike that now
    # serializes another key must be read again.
    a, b = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()

    class Holder:
        def __init__(self, key):
            self.key = key

        def public_bytes(self, encoding, fmt):
            return self.key.public_key().public_bytes(encoding, fmt)

    holder = Holder(a)
    token_a = jwtcore.encode(CLAIMS, a, algorithm="EdDSA")
    assert jwtcore.decode(token_a, holder, algorithms=["EdDSA"]) == CLAIMS
    holder.key = b
    with pytest.raises(jwtcore.InvalidSignatureError):
        jwtcore.decode(token_a, holder, algorithms=["EdDSA"])


def test_unparseable_key_text_is_refused_every_time():
    bad = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
    token = jwtcore.encode(CLAIMS, ed25519.Ed25519PrivateKey.generate(), algorithm="EdDSA")
    for _ in range(2):
        with pytest.raises(jwtcore.InvalidKeyError):
            jwtcore.decode(token, bad, algorithms=["EdDSA"])
    assert bad not in _keycache._by_text._data


def test_concurrent_use_keeps_each_thread_on_its_own_key():
    keys = [ed25519.Ed25519PrivateKey.generate() for _ in range(6)]
    pems = [_pem(k) for k in keys]

    def run(i):
        token = jwtcore.encode({"sub": str(i)}, keys[i], algorithm="EdDSA")
        other = (i + 1) % len(keys)
        for n in range(150):
            # Alternate the forms so both caches are read and written from every thread.
            key = pems[i] if n % 2 else keys[i].public_key()
            assert jwtcore.decode(token, key, algorithms=["EdDSA"])["sub"] == str(i)
            with pytest.raises(jwtcore.InvalidSignatureError):
                jwtcore.decode(token, pems[other], algorithms=["EdDSA"])
            if n % 50 == 0:
                _keycache.clear()
        return i

    with ThreadPoolExecutor(len(keys)) as pool:
        assert sorted(pool.map(run, range(len(keys)))) == list(range(len(keys)))


def test_signing_with_a_changed_secret_uses_the_new_secret():
    a, b = b"a" * 32, b"b" * 32
    for _ in range(2):  # the second round is served from the cache
        token_a = jwtcore.encode(CLAIMS, a, algorithm="HS256")
        token_b = jwtcore.encode(CLAIMS, b.decode(), algorithm="HS256")
        assert token_a != token_b
        assert jwtcore.decode(token_a, a, algorithms=["HS256"]) == CLAIMS
        assert jwtcore.decode(token_b, b, algorithms=["HS256"]) == CLAIMS
        with pytest.raises(jwtcore.InvalidSignatureError):
            jwtcore.decode(token_a, b, algorithms=["HS256"])
    # The same secret bound to another algorithm is another key.
    token_384 = jwtcore.encode(CLAIMS, b"c" * 48, algorithm="HS384")
    assert jwtcore.get_unverified_header(token_384)["alg"] == "HS384"
    assert jwtcore.encode(CLAIMS, b"c" * 48, algorithm="HS256") != token_384


def test_short_secrets_warn_on_every_call():
    pyjwt = jwtcore.PyJWT(options={"enforce_minimum_key_length": False})
    for _ in range(2):
        with pytest.warns(jwtcore.InsecureKeyLengthWarning):
            pyjwt.encode(CLAIMS, b"short", algorithm="HS256")


def test_signing_with_key_objects_freed_and_reused():
    previous = None
    for i in range(2 * _keycache.MAX_ENTRIES):
        key = ed25519.Ed25519PrivateKey.generate()
        token = jwtcore.encode({"sub": str(i)}, key, algorithm="EdDSA")
        assert jwtcore.decode(token, _pem(key), algorithms=["EdDSA"]) == {"sub": str(i)}
        if previous is not None:
            with pytest.raises(jwtcore.InvalidSignatureError):
                jwtcore.decode(token, previous, algorithms=["EdDSA"])
        previous = _pem(key)
        del key
    assert len(_keycache._signing) <= _keycache.MAX_ENTRIES
