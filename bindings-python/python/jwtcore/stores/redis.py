"""A Redis :class:`~jwtcore.stores.Store` on redis-py (``pip install jwtcore[redis]``).

Keys (``prefix`` defaults to ``jwtcore:``; the part in braces is the Redis Cluster hash tag):

=====================================  ==================================================
``jwtcore:s:{s1:<hex>}``               a session (``SET NX EX`` / ``SET XX EX``)
``jwtcore:u:{u1:<hex>}:s`` / ``:f``    a user's session keys / families (sets, same slot)
``jwtcore:f:{r1:<hex>}``               a family: hash ``v`` (version), ``r`` (160-byte
                                       record), ``u`` (user ID, if given)
``jwtcore:d:{r1:<hex>}``               the whole family denied (its access tokens)
``jwtcore:d:{r1:<hex>}:d1:<hex>``      a denied (``iss``, ``jti``) of that family
``jwtcore:d:{d1:<hex>}``               a denied (``iss``, ``jti``) without a family
=====================================  ==================================================

A family's record and deny entries share the ``{r1:<hex>}`` tag, so they live in one slot and
:meth:`RedisStore.is_denied` checks the token and its family with one ``EXISTS``. Creating and
replacing a record are Lua scripts on that one key: insert-if-absent, and compare-and-set on
the stored version (the version comes from the core's record, never computed here).

The default client has **no automatic retries**: a compare-and-set whose reply was lost must
not be re-sent (it would meet its own write and the core would call that reuse). Failures
raise :class:`~jwtcore.stores.StoreUnavailableError`; the client retries the request, which is
what the refresh grace window is for. Pass your own ``client`` to change this.
"""

from __future__ import annotations

import time
from typing import Any, Callable, TypeVar

import redis as _redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .. import session as _s
from . import Store, StoreError, StoreUnavailableError, deny_key, user_key

_T = TypeVar("_T")

_CREATE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'r', ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'u', ARGV[4]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""

_CAS = """
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'r', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""


class RedisStore(Store):
    """Sessions, families and the denylist in Redis (standalone or Cluster)."""

    def __init__(
        self,
        client: Any = None,
        url: str = "redis://127.0.0.1:6379/0",
        prefix: str = "jwtcore:",
        timeout: float = 2.0,
    ) -> None:
        if client is None:
            client = _redis.Redis.from_url(
                url, retry=Retry(NoBackoff(), 0), socket_timeout=timeout, socket_connect_timeout=timeout
            )
        self.client = client
        self.prefix = prefix
        self._create = client.register_script(_CREATE)
        self._cas = client.register_script(_CAS)

    def _run(self, fn: Callable[[], _T]) -> _T:
        try:
            return fn()
        except (_redis.ConnectionError, _redis.TimeoutError) as e:
            raise StoreUnavailableError(f"redis unavailable: {e}") from e
        except _redis.RedisError as e:
            raise StoreError(f"redis error: {e}") from e

    def _s(self, key: str) -> str:
        return f"{self.prefix}s:{{{key}}}"

    def _u(self, user: str, kind: str) -> str:
        return f"{self.prefix}u:{{{user_key(user)}}}:{kind}"

    def _f(self, family: str) -> str:
        return f"{self.prefix}f:{{{family}}}"

    def _d(self, iss: str | None, jti: str, family: str | None) -> str:
        if family:
            return f"{self.prefix}d:{{{family}}}:{deny_key(iss, jti)}"
        return f"{self.prefix}d:{{{deny_key(iss, jti)}}}"

    def _df(self, family: str) -> str:
        return f"{self.prefix}d:{{{family}}}"

    # sessions
    def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        def run() -> bool:
            # One round trip, in order: index first, so "log out everywhere" may meet a stale
            # entry but never misses a session.
            pipe = self.client.pipeline(transaction=False)
            if user is not None:
                idx = self._u(user, "s")
                pipe.sadd(idx, key)
                pipe.expire(idx, max(int(ttl), 86400))
            pipe.set(self._s(key), data, nx=True, ex=max(1, int(ttl)))
            return bool(pipe.execute()[-1])

        return self._run(run)

    def get_session(self, key: str) -> bytes | None:
        value = self._run(lambda: self.client.get(self._s(key)))
        return None if value is None else bytes(value)

    def touch_session(self, key: str, data: bytes, ttl: int) -> bool:
        return bool(self._run(lambda: self.client.set(self._s(key), data, xx=True, ex=max(1, int(ttl)))))

    def delete_session(self, key: str, user: str | None = None) -> bool:
        def run() -> bool:
            if user is not None:
                self.client.srem(self._u(user, "s"), key)
            return bool(self.client.delete(self._s(key)))

        return self._run(run)

    def delete_user_sessions(self, user: str) -> int:
        def run() -> int:
            idx = self._u(user, "s")
            keys = [k.decode() for k in self.client.smembers(idx)]
            pipe = self.client.pipeline(transaction=False)
            for k in keys:  # one DEL per key: session keys live in different cluster slots
                pipe.delete(self._s(k))
            if not keys:
                return 0
            n = sum(int(r) for r in pipe.execute())
            self.client.srem(idx, *keys)
            return n

        return self._run(run)

    # families
    def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        version = _s.record_info(record).version

        def run() -> bool:
            pipe = self.client.pipeline(transaction=False)
            if user is not None:
                idx = self._u(user, "f")
                pipe.sadd(idx, family)
                pipe.expire(idx, max(int(ttl), 86400))
            args = [version, bytes(record), max(1, int(ttl)), user or ""]
            self._create(keys=[self._f(family)], args=args, client=pipe)
            return bool(pipe.execute()[-1])

        return self._run(run)

    def get_family(self, family: str) -> bytes | None:
        value = self._run(lambda: self.client.hget(self._f(family), "r"))
        return None if value is None else bytes(value)

    def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        version = _s.record_info(record).version
        args = [expect_version, version, bytes(record), max(1, int(ttl))]
        return bool(self._run(lambda: self._cas(keys=[self._f(family)], args=args)))

    def family_user(self, family: str) -> str | None:
        value = self._run(lambda: self.client.hget(self._f(family), "u"))
        return None if value is None else bytes(value).decode("utf-8", "surrogatepass")

    def user_families(self, user: str) -> list[str]:
        members = self._run(lambda: self.client.smembers(self._u(user, "f")))
        return sorted(m.decode() for m in members)

    # denylist
    def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        if expires_at > time.time():
            self._run(lambda: self.client.set(self._d(iss, jti, family), b"1", exat=int(expires_at)))

    def deny_family(self, family: str, expires_at: int) -> None:
        if expires_at > time.time():
            self._run(lambda: self.client.set(self._df(family), b"1", exat=int(expires_at)))

    def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        keys = [self._d(iss, jti, family)] + ([self._df(family)] if family else [])
        return int(self._run(lambda: self.client.exists(*keys))) > 0

    def close(self) -> None:
        self._run(lambda: self.client.close())
