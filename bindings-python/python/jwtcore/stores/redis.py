"""Redis stores on redis-py (``pip install jwtcore[redis]``): :class:`RedisStore` for the
blocking clients (``redis.Redis``, ``redis.cluster.RedisCluster``) and :class:`AsyncRedisStore`
for the asyncio ones (``redis.asyncio.Redis``, ``redis.asyncio.cluster.RedisCluster``). Both run
the same command plans, so they keep the same keys and give the same answers.

Keys (``prefix`` defaults to ``jwtcore:``; the part in braces is the Redis Cluster hash tag):

=====================================  ==================================================
``jwtcore:s:{s1:ab}cdef…``             a session (storage key ``s1:abcdef…``): ``S`` +
                                       data, or for a renamed one a tombstone ``M`` +
                                       the new key, for ``renamed_ttl`` seconds
``jwtcore:u:{u1:<hex>}:s`` / ``:f``    a user's session keys / families (sets, same slot)
``jwtcore:f:{r1:<hex>}``               a family: hash ``v`` (version), ``r`` (160-byte
                                       record), ``u`` (user ID, if given)
``jwtcore:d:{r1:<hex>}``               the whole family denied (its access tokens)
``jwtcore:d:{r1:<hex>}:d1:<hex>``      a denied (``iss``, ``jti``) of that family
``jwtcore:d:{d1:<hex>}``               a denied (``iss``, ``jti``) without a family
=====================================  ==================================================

Every script touches the keys of one hash slot only and is sent on its own (never inside a
Cluster pipeline), so every operation works on Redis Cluster:

* a session's hash tag is the first two hex digits of its storage key (256 slots in use), and
  a renamed session's new ID is drawn until its key has the same tag
  (:meth:`RedisStore.colocated`), so one Lua script renames atomically: it checks the old
  record is still the one read, writes the new one and turns the old key into a tombstone.
  Deleting a key follows its tombstone, so a logout or "log out everywhere" that raced a
  renewal deletes the renamed session too;
* a family's record and deny entries share the ``{r1:<hex>}`` tag: creating and replacing a
  record are Lua scripts on that one key (insert-if-absent, compare-and-set on the version the
  core put in the record), and :meth:`RedisStore.is_denied` checks a token and its family with
  one ``EXISTS``.

Round trips: session create 1 (pipelined index and ``SET NX``), load 1 (``GET``), touch 1,
renewal 3 (index, the rename script, index cleanup), logout 1 (2 after a renewal), log out
everywhere 1 + one per session; refresh 2 (``HGET``, compare-and-set), family start 1 on a
standalone server (pipelined) and 2 on a cluster, ``is_denied`` 1.

The default client has **no automatic retries**: a compare-and-set whose reply was lost must
not be re-sent (it would meet its own write and the core would call that reuse). Failures
raise :class:`~jwtcore.stores.StoreUnavailableError`; the client retries the request, which is
what the refresh grace window is for. Pass your own ``client`` to change this.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, TypeVar, Union

import redis as _redis
import redis.asyncio as _aredis
from redis.backoff import NoBackoff

from .. import session as _s
from . import RenameOutcome, Store, StoreError, StoreUnavailableError, deny_key, user_key
from .aio import AsyncStore

__all__ = ["RedisStore", "AsyncRedisStore"]

_T = TypeVar("_T")

# Values: b"S" + data for a live session, b"M" + the new key for a renamed one (a tombstone).
_LIVE, _MOVED = b"S", b"M"

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

# KEYS[1]; ARGV: new value, ttl, expected value ('' for any live value)
_TOUCH = """
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, 1) ~= 'S' then return 0 end
if ARGV[3] ~= '' and v ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
"""

# KEYS: old, new (one slot); ARGV: expected old value, new value, ttl, tombstone ttl
_RENAME = """
local v = redis.call('GET', KEYS[1])
if not v then return 'gone' end
if string.sub(v, 1, 1) == 'M' then return v end
if v ~= ARGV[1] then return 'changed' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'exists' end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('SET', KEYS[1], 'M' .. KEYS[2], 'EX', ARGV[4])
return 'renamed'
"""

# KEYS: a key, or a tombstone's key and the key it points at (ARGV[1]: that tombstone). Deletes
# the tombstone (if unchanged), then the session; answers 1 (a live session deleted), 0, or the
# next tombstone of a chain (the caller goes on with it).
_DELETE = """
local key = KEYS[1]
if #KEYS == 2 then
  if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
  key = KEYS[2]
end
local v = redis.call('GET', key)
if not v then return 0 end
if string.sub(v, 1, 1) == 'M' then return v end
redis.call('DEL', key)
return 1
"""

_SCRIPTS = {"create": _CREATE, "cas": _CAS, "touch": _TOUCH, "rename": _RENAME, "delete": _DELETE}


# --- command plans: generators yielding what to send, shared by the sync and asyncio stores ----


@dataclass(frozen=True)
class _Cmd:
    name: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class _Script:
    name: str
    keys: tuple[str, ...]
    args: tuple[Any, ...]


@dataclass(frozen=True)
class _Pipe:
    """Commands sent in one round trip (no transaction). On a cluster client, scripts in it are
    sent on their own after the plain commands before them (redis-py refuses pipelined
    ``EVALSHA`` there)."""

    ops: tuple[Union[_Cmd, _Script], ...]


def _cmd(name: str, *args: Any, **kwargs: Any) -> _Cmd:
    return _Cmd(name, args, tuple(kwargs.items()))


_Plan = Generator[Union[_Cmd, _Script, _Pipe], Any, _T]


def _text(value: Any) -> str:
    return value.decode("utf-8", "surrogatepass") if isinstance(value, (bytes, bytearray)) else str(value)


_UNAVAILABLE = (_redis.ConnectionError, _redis.TimeoutError) + tuple(
    getattr(_redis.exceptions, name)
    for name in ("ClusterDownError", "MasterDownError", "TryAgainError", "SlotNotCoveredError", "BusyLoadingError")
    if hasattr(_redis.exceptions, name)
)


def _error(e: Exception) -> StoreError:
    if isinstance(e, _UNAVAILABLE):
        return StoreUnavailableError(f"redis unavailable: {type(e).__name__}: {e}")
    return StoreError(f"redis error: {type(e).__name__}: {e}")


_ASYNC_CLIENTS = (_aredis.Redis, _aredis.RedisCluster)
_SYNC_CLIENTS = (_redis.Redis, _redis.RedisCluster)


class _RedisLayout:
    """Key names and command plans (no I/O)."""

    client: Any
    prefix: str
    cluster: bool

    def _setup(self, client: Any, prefix: str) -> None:
        encoder = getattr(client, "get_encoder", None)
        if encoder is not None and getattr(encoder(), "decode_responses", False):
            raise ValueError("the redis client must be created with decode_responses=False (records are bytes)")
        self.client = client
        self.prefix = prefix
        self.cluster = isinstance(client, (_redis.RedisCluster, _aredis.RedisCluster))
        self._scripts = {name: client.register_script(text) for name, text in _SCRIPTS.items()}

    # keys
    def _s(self, key: str) -> str:
        return f"{self.prefix}s:{{{key[:5]}}}{key[5:]}"

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

    def colocated(self, old: str, new: str) -> bool:
        """Whether sessions ``old`` and ``new`` (storage keys) share a hash tag, hence a Cluster
        slot: the condition for renaming one to the other with one script."""
        return old[:5] == new[:5]

    # sessions
    def _p_create_session(self, key: str, data: bytes, ttl: int, user: str | None) -> _Plan[bool]:
        # Index first, so "log out everywhere" may meet a stale entry but never misses a session.
        ops: list[Union[_Cmd, _Script]] = []
        if user is not None:
            idx = self._u(user, "s")
            ops += [_cmd("sadd", idx, key), _cmd("expire", idx, max(int(ttl), 86400))]
        ops.append(_cmd("set", self._s(key), _LIVE + bytes(data), nx=True, ex=max(1, int(ttl))))
        return bool((yield _Pipe(tuple(ops)))[-1])

    def _p_get_session(self, key: str) -> _Plan[bytes | None]:
        value = yield _cmd("get", self._s(key))
        return bytes(value[1:]) if value is not None and value[:1] == _LIVE else None

    def _p_touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None) -> _Plan[bool]:
        want = b"" if expect is None else _LIVE + bytes(expect)
        args = (_LIVE + bytes(data), max(1, int(ttl)), want)
        return bool((yield _Script("touch", (self._s(key),), args)))

    def _p_rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> _Plan[RenameOutcome]:
        if not self.colocated(old, new):
            raise ValueError("rename_session: the new key must share the old key's hash tag (see colocated)")
        idx = self._u(user, "s")
        # Index first: "log out everywhere" then finds the new key, or deletes the old one before
        # the rename (which then fails) or after it (following the tombstone).
        yield _Pipe((_cmd("sadd", idx, new), _cmd("expire", idx, max(int(ttl), 86400))))
        args = (_LIVE + bytes(expect), _LIVE + bytes(data), max(1, int(ttl)), max(1, int(renamed_ttl)))
        res = yield _Script("rename", (self._s(old), self._s(new)), args)
        res = bytes(res) if isinstance(res, (bytes, bytearray)) else str(res).encode()
        if res[:1] == _MOVED:
            # A concurrent rename won; it counts only if its session is still live.
            target = yield _cmd("get", _text(res[1:]))
            return "moved" if target is not None and target[:1] == _LIVE else "gone"
        outcome = _text(res)
        if outcome == "renamed":
            yield _cmd("srem", idx, old)
        return outcome  # type: ignore[return-value]

    def _p_delete_key(self, key: str) -> _Plan[bool]:
        keys: tuple[str, ...] = (key,)
        args: tuple[Any, ...] = ()
        for _ in range(64):  # a chain of renames, each within the tombstone lifetime
            res = yield _Script("delete", keys, args)
            if isinstance(res, (bytes, bytearray)) and res[:1] == _MOVED:
                keys, args = (keys[-1], _text(res[1:])), (bytes(res),)
                continue
            return int(res) == 1
        raise StoreError("a session's renames form a cycle")  # pragma: no cover

    def _p_delete_session(self, key: str, user: str | None) -> _Plan[bool]:
        if user is not None:
            yield _cmd("srem", self._u(user, "s"), key)
        return (yield from self._p_delete_key(self._s(key)))

    def _p_delete_user_sessions(self, user: str) -> _Plan[int]:
        idx = self._u(user, "s")
        members = list((yield _cmd("smembers", idx)))
        n = 0
        for m in members:  # one script per session: sessions live in many slots
            n += bool((yield from self._p_delete_key(self._s(_text(m)))))
        if members:
            yield _cmd("srem", idx, *members)
        return n

    # families
    def _p_create_family(self, family: str, record: bytes, ttl: int, user: str | None) -> _Plan[bool]:
        version = _s.record_info(record).version
        ops: list[Union[_Cmd, _Script]] = []
        if user is not None:
            idx = self._u(user, "f")
            ops += [_cmd("sadd", idx, family), _cmd("expire", idx, max(int(ttl), 86400))]
        ops.append(_Script("create", (self._f(family),), (version, bytes(record), max(1, int(ttl)), user or "")))
        return bool((yield _Pipe(tuple(ops)))[-1])

    def _p_get_family(self, family: str) -> _Plan[bytes | None]:
        value = yield _cmd("hget", self._f(family), "r")
        return None if value is None else bytes(value)

    def _p_replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> _Plan[bool]:
        version = _s.record_info(record).version
        args = (expect_version, version, bytes(record), max(1, int(ttl)))
        return bool((yield _Script("cas", (self._f(family),), args)))

    def _p_family_user(self, family: str) -> _Plan[str | None]:
        value = yield _cmd("hget", self._f(family), "u")
        return None if value is None else _text(value)

    def _p_user_families(self, user: str) -> _Plan[list[str]]:
        members = yield _cmd("smembers", self._u(user, "f"))
        return sorted(_text(m) for m in members)

    # denylist
    def _p_deny(self, iss: str | None, jti: str, expires_at: int, family: str | None) -> _Plan[None]:
        if expires_at > time.time():
            yield _cmd("set", self._d(iss, jti, family), b"1", exat=int(expires_at))

    def _p_deny_family(self, family: str, expires_at: int) -> _Plan[None]:
        if expires_at > time.time():
            yield _cmd("set", self._df(family), b"1", exat=int(expires_at))

    def _p_is_denied(self, iss: str | None, jti: str, family: str | None) -> _Plan[bool]:
        keys = [self._d(iss, jti, family)] + ([self._df(family)] if family else [])
        return int((yield _cmd("exists", *keys))) > 0


def _pipe_groups(ops: tuple[Union[_Cmd, _Script], ...], cluster: bool) -> list[list[Union[_Cmd, _Script]]]:
    """Splits a pipe into round trips: one on a standalone server; on a cluster, each script
    alone, in order."""
    if not cluster:
        return [list(ops)]
    groups: list[list[Union[_Cmd, _Script]]] = []
    for op in ops:
        if isinstance(op, _Script) or not groups or isinstance(groups[-1][-1], _Script):
            groups.append([op])
        else:
            groups[-1].append(op)
    return groups



def _client_for(module: Any, retry: Any, url: str, cluster: bool, timeout: float) -> Any:
    """The default client of either flavour (``redis`` or ``redis.asyncio``): bounded socket
    waits and no automatic retries, so an outage surfaces at once as StoreUnavailableError."""
    opts: dict[str, Any] = {
        "retry": retry(NoBackoff(), 0),
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
    }
    factory = module.RedisCluster if cluster else module.Redis
    return factory.from_url(url, **opts)

class RedisStore(_RedisLayout, Store):
    """Sessions, families and the denylist in Redis: a standalone server or a Cluster.

    :param client: a ``redis.Redis`` or ``redis.cluster.RedisCluster`` (``decode_responses``
        off). Default: a client for ``url`` with no automatic retries and ``timeout``.
    :param url: used when ``client`` is not given.
    :param cluster: with ``url``, connect with ``redis.cluster.RedisCluster`` (the URL names any
        node; the client discovers the others).
    :param prefix: prepended to every key.
    :param timeout: socket and connect timeout in seconds, for the default client.
    :raises TypeError: for an asyncio client (use :class:`AsyncRedisStore`).
    """

    def __init__(
        self,
        client: Any = None,
        url: str = "redis://127.0.0.1:6379/0",
        prefix: str = "jwtcore:",
        timeout: float = 2.0,
        cluster: bool = False,
    ) -> None:
        if isinstance(client, _ASYNC_CLIENTS):
            raise TypeError(
                f"RedisStore needs a blocking redis client, not {type(client).__module__}.{type(client).__name__}: "
                "for redis.asyncio clients use jwtcore.stores.aio.AsyncRedisStore"
            )
        if client is None:
            from redis.retry import Retry

            client = _client_for(_redis, Retry, url, cluster, timeout)
        self._setup(client, prefix)

    def _exec(self, op: Union[_Cmd, _Script, _Pipe]) -> Any:
        if isinstance(op, _Cmd):
            return getattr(self.client, op.name)(*op.args, **dict(op.kwargs))
        if isinstance(op, _Script):
            return self._scripts[op.name](keys=list(op.keys), args=list(op.args))
        results: list[Any] = []
        for group in _pipe_groups(op.ops, self.cluster):
            if len(group) == 1 and isinstance(group[0], _Script):
                results.append(self._exec(group[0]))
                continue
            pipe = self.client.pipeline(transaction=False)
            for o in group:
                if isinstance(o, _Script):
                    self._scripts[o.name](keys=list(o.keys), args=list(o.args), client=pipe)
                else:
                    getattr(pipe, o.name)(*o.args, **dict(o.kwargs))
            results.extend(pipe.execute())
        return results

    def _run(self, plan: _Plan[_T]) -> _T:
        try:
            op = next(plan)
            while True:
                op = plan.send(self._exec(op))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        except _redis.RedisError as e:
            raise _error(e) from e
        finally:
            plan.close()

    def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        return self._run(self._p_create_session(key, data, ttl, user))

    def get_session(self, key: str) -> bytes | None:
        return self._run(self._p_get_session(key))

    def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool:
        return self._run(self._p_touch_session(key, data, ttl, expect))

    def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome:
        return self._run(self._p_rename_session(old, new, expect, data, ttl, user, renamed_ttl))

    def delete_session(self, key: str, user: str | None = None) -> bool:
        return self._run(self._p_delete_session(key, user))

    def delete_user_sessions(self, user: str) -> int:
        return self._run(self._p_delete_user_sessions(user))

    def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        return self._run(self._p_create_family(family, record, ttl, user))

    def get_family(self, family: str) -> bytes | None:
        return self._run(self._p_get_family(family))

    def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        return self._run(self._p_replace_family(family, expect_version, record, ttl))

    def family_user(self, family: str) -> str | None:
        return self._run(self._p_family_user(family))

    def user_families(self, user: str) -> list[str]:
        return self._run(self._p_user_families(user))

    def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        self._run(self._p_deny(iss, jti, expires_at, family))

    def deny_family(self, family: str, expires_at: int) -> None:
        self._run(self._p_deny_family(family, expires_at))

    def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        return self._run(self._p_is_denied(iss, jti, family))

    def close(self) -> None:
        try:
            self.client.close()
        except _redis.RedisError as e:  # pragma: no cover
            raise _error(e) from e


class AsyncRedisStore(_RedisLayout, AsyncStore):
    """:class:`RedisStore` for asyncio: the same keys, scripts and answers, every method a
    coroutine, on ``redis.asyncio.Redis`` or ``redis.asyncio.cluster.RedisCluster``.

    :param client: an asyncio redis client (``decode_responses`` off). Default: one for ``url``
        with no automatic retries and ``timeout``.
    :param url: used when ``client`` is not given.
    :param cluster: with ``url``, connect with ``redis.asyncio.cluster.RedisCluster``.
    :param prefix: prepended to every key.
    :param timeout: socket and connect timeout in seconds, for the default client.
    :raises TypeError: for a blocking client (use :class:`RedisStore`).
    """

    def __init__(
        self,
        client: Any = None,
        url: str = "redis://127.0.0.1:6379/0",
        prefix: str = "jwtcore:",
        timeout: float = 2.0,
        cluster: bool = False,
    ) -> None:
        if isinstance(client, _SYNC_CLIENTS):
            raise TypeError(
                f"AsyncRedisStore needs a redis.asyncio client, not {type(client).__module__}.{type(client).__name__}: "
                "for blocking clients use jwtcore.stores.RedisStore"
            )
        if client is None:
            from redis.asyncio.retry import Retry

            client = _client_for(_aredis, Retry, url, cluster, timeout)
        self._setup(client, prefix)

    async def _exec(self, op: Union[_Cmd, _Script, _Pipe]) -> Any:
        if isinstance(op, _Cmd):
            return await getattr(self.client, op.name)(*op.args, **dict(op.kwargs))
        if isinstance(op, _Script):
            return await self._scripts[op.name](keys=list(op.keys), args=list(op.args))
        results: list[Any] = []
        for group in _pipe_groups(op.ops, self.cluster):
            if len(group) == 1 and isinstance(group[0], _Script):
                results.append(await self._exec(group[0]))
                continue
            pipe = self.client.pipeline(transaction=False)
            for o in group:
                if isinstance(o, _Script):
                    await self._scripts[o.name](keys=list(o.keys), args=list(o.args), client=pipe)
                else:
                    getattr(pipe, o.name)(*o.args, **dict(o.kwargs))
            results.extend(await pipe.execute())
        return results

    async def _run(self, plan: _Plan[_T]) -> _T:
        try:
            op = next(plan)
            while True:
                op = plan.send(await self._exec(op))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        except _redis.RedisError as e:
            raise _error(e) from e
        finally:
            plan.close()

    async def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        """As :meth:`jwtcore.stores.Store.create_session`."""
        return await self._run(self._p_create_session(key, data, ttl, user))

    async def get_session(self, key: str) -> bytes | None:
        """As :meth:`jwtcore.stores.Store.get_session`."""
        return await self._run(self._p_get_session(key))

    async def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool:
        """As :meth:`jwtcore.stores.Store.touch_session`."""
        return await self._run(self._p_touch_session(key, data, ttl, expect))

    async def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome:
        """As :meth:`jwtcore.stores.Store.rename_session`."""
        return await self._run(self._p_rename_session(old, new, expect, data, ttl, user, renamed_ttl))

    async def delete_session(self, key: str, user: str | None = None) -> bool:
        """As :meth:`jwtcore.stores.Store.delete_session`."""
        return await self._run(self._p_delete_session(key, user))

    async def delete_user_sessions(self, user: str) -> int:
        """As :meth:`jwtcore.stores.Store.delete_user_sessions`."""
        return await self._run(self._p_delete_user_sessions(user))

    async def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        """As :meth:`jwtcore.stores.Store.create_family`."""
        return await self._run(self._p_create_family(family, record, ttl, user))

    async def get_family(self, family: str) -> bytes | None:
        """As :meth:`jwtcore.stores.Store.get_family`."""
        return await self._run(self._p_get_family(family))

    async def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        """As :meth:`jwtcore.stores.Store.replace_family`."""
        return await self._run(self._p_replace_family(family, expect_version, record, ttl))

    async def family_user(self, family: str) -> str | None:
        """As :meth:`jwtcore.stores.Store.family_user`."""
        return await self._run(self._p_family_user(family))

    async def user_families(self, user: str) -> list[str]:
        """As :meth:`jwtcore.stores.Store.user_families`."""
        return await self._run(self._p_user_families(user))

    async def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        """As :meth:`jwtcore.stores.Store.deny`."""
        await self._run(self._p_deny(iss, jti, expires_at, family))

    async def deny_family(self, family: str, expires_at: int) -> None:
        """As :meth:`jwtcore.stores.Store.deny_family`."""
        await self._run(self._p_deny_family(family, expires_at))

    async def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        """As :meth:`jwtcore.stores.Store.is_denied`."""
        return await self._run(self._p_is_denied(iss, jti, family))

    async def close(self) -> None:
        """Closes the client's connections."""
        try:
            close = getattr(self.client, "aclose", None) or self.client.close
            await close()
        except _redis.RedisError as e:  # pragma: no cover
            raise _error(e) from e
