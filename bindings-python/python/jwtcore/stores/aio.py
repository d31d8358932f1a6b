"""The stores and helpers of :mod:`jwtcore.stores` for asyncio services (Starlette, FastAPI,
aiohttp): the same methods, arguments and results, as coroutines.

* :class:`AsyncMemoryStore`: one process, for development and tests.
* :class:`AsyncRedisStore` (``pip install jwtcore[redis]``): ``redis.asyncio.Redis`` or
  ``redis.asyncio.cluster.RedisCluster``; the same keys and Lua scripts as
  :class:`~jwtcore.stores.RedisStore`, so both can serve one deployment.
* :class:`AsyncSessions` and :class:`AsyncRefreshService`: :class:`~jwtcore.stores.Sessions`
  and :class:`~jwtcore.stores.RefreshService` awaiting the store. They run the very same flows
  (``jwtcore.stores._flows``): every verdict is the core's, and every retry and ordering rule is
  shared with the synchronous classes, not copied.

A request waiting on the store only suspends its own task: the event loop goes on serving
other requests (tests/test_aio.py measures this while Redis is paused).

Usage::

    from jwtcore import session as s
    from jwtcore.stores.aio import AsyncRedisStore, AsyncRefreshService, AsyncSessions

    store = AsyncRedisStore(url="redis://127.0.0.1:6379/0")
    sessions = AsyncSessions(store, s.SessionKeys(key32), pepper=pepper32)
    sid, set_cookie = await sessions.create("alice")
    session = await sessions.load(request.headers.get("cookie"))
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from .. import session as _s
from . import RenameOutcome, _flows as _f
from ._flows import Session, SessionGoneError, StoreConflictError, StoreError, StoreUnavailableError
from .memory import MemoryStore

__all__ = [
    "AsyncStore",
    "AsyncMemoryStore",
    "AsyncRedisStore",
    "AsyncSessions",
    "AsyncRefreshService",
    "Session",
    "StoreError",
    "StoreUnavailableError",
    "StoreConflictError",
    "SessionGoneError",
]


class AsyncStore(ABC):
    """:class:`~jwtcore.stores.Store` with every I/O method a coroutine (``colocated`` stays a
    plain method: it does no I/O). See the synchronous class for each method's contract."""

    @abstractmethod
    async def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool: ...

    @abstractmethod
    async def get_session(self, key: str) -> bytes | None: ...

    @abstractmethod
    async def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool: ...

    @abstractmethod
    async def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome: ...

    def colocated(self, old: str, new: str) -> bool:
        return True

    @abstractmethod
    async def delete_session(self, key: str, user: str | None = None) -> bool: ...

    @abstractmethod
    async def delete_user_sessions(self, user: str) -> int: ...

    @abstractmethod
    async def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool: ...

    @abstractmethod
    async def get_family(self, family: str) -> bytes | None: ...

    @abstractmethod
    async def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool: ...

    @abstractmethod
    async def family_user(self, family: str) -> str | None: ...

    @abstractmethod
    async def user_families(self, user: str) -> list[str]: ...

    @abstractmethod
    async def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None: ...

    @abstractmethod
    async def deny_family(self, family: str, expires_at: int) -> None: ...

    @abstractmethod
    async def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool: ...

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Releases connections."""


class AsyncMemoryStore(AsyncStore):
    """:class:`~jwtcore.stores.MemoryStore` behind coroutines (its lock is held for dictionary
    operations only, never across an ``await``). ``memory`` is the synchronous store it uses,
    so one process can share it between sync and async code."""

    def __init__(self, memory: MemoryStore | None = None) -> None:
        self.memory = memory or MemoryStore()

    async def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        return self.memory.create_session(key, data, ttl, user)

    async def get_session(self, key: str) -> bytes | None:
        return self.memory.get_session(key)

    async def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool:
        return self.memory.touch_session(key, data, ttl, expect)

    async def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome:
        return self.memory.rename_session(old, new, expect, data, ttl, user, renamed_ttl)

    async def delete_session(self, key: str, user: str | None = None) -> bool:
        return self.memory.delete_session(key, user)

    async def delete_user_sessions(self, user: str) -> int:
        return self.memory.delete_user_sessions(user)

    async def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        return self.memory.create_family(family, record, ttl, user)

    async def get_family(self, family: str) -> bytes | None:
        return self.memory.get_family(family)

    async def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        return self.memory.replace_family(family, expect_version, record, ttl)

    async def family_user(self, family: str) -> str | None:
        return self.memory.family_user(family)

    async def user_families(self, user: str) -> list[str]:
        return self.memory.user_families(user)

    async def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        self.memory.deny(iss, jti, expires_at, family)

    async def deny_family(self, family: str, expires_at: int) -> None:
        self.memory.deny_family(family, expires_at)

    async def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        return self.memory.is_denied(iss, jti, family)


class AsyncSessions(_f.SessionFlows):
    """:class:`~jwtcore.stores.Sessions` over an :class:`AsyncStore`: the same constructor,
    methods and results, each method a coroutine."""

    async def create(self, user: str, data: Mapping[str, Any] | None = None, now: float | None = None
                     ) -> tuple[str, str]:
        """At login: a fresh session for ``user``; returns ``(session_id, set_cookie)``."""
        return await _f.adrive(self._create_flow(user, data, now), self.store)

    async def load(self, cookie_header: str | None, now: float | None = None) -> Session | None:
        """The live session named by the request's ``Cookie`` header, or ``None`` (see
        :meth:`jwtcore.stores.Sessions.load`)."""
        return await _f.adrive(self._load_flow(cookie_header, now), self.store)

    async def save(self, session: Session, now: float | None = None) -> bool:
        """Writes ``session.data`` back (only if the session is still live under its key)."""
        return await _f.adrive(self._save_flow(session, now), self.store)

    async def rotate(self, session: Session, now: float | None = None) -> str:
        """A new ID for the session (privilege change); returns the new cookie.

        :raises SessionGoneError: the session was logged out, expired or renamed meanwhile.
        """
        return await _f.adrive(self._rotate_flow(session, now), self.store)

    async def destroy(self, session: Session) -> str:
        """Logout: deletes the record (and its renamed successor); returns the clearing cookie."""
        return await _f.adrive(self._destroy_flow(session), self.store)

    async def logout(self, cookie_header: str | None) -> str:
        """Logout from the ``Cookie`` header alone (see :meth:`jwtcore.stores.Sessions.logout`)."""
        return await _f.adrive(self._logout_flow(cookie_header), self.store)

    async def destroy_all(self, user: str) -> int:
        """Log out everywhere: deletes every session of ``user``; returns how many."""
        return await _f.adrive(self._destroy_all_flow(user), self.store)


class AsyncRefreshService(_f.RefreshFlows):
    """:class:`~jwtcore.stores.RefreshService` over an :class:`AsyncStore`: the same
    constructor, methods and outcomes, each method a coroutine."""

    async def start(self, user: str | None = None, now: float | None = None, binding: str | bytes | None = None
                    ) -> _s.RefreshOutcome:
        """A new family (at login): its first token; the record is inserted if absent."""
        return await _f.adrive(self._start_flow(user, now, binding), self.store)

    async def refresh(self, token: str, now: float | None = None, binding: str | bytes | None = None
                      ) -> _s.RefreshOutcome:
        """Presents ``token``: the core's outcome, persisted (see
        :meth:`jwtcore.stores.RefreshService.refresh`)."""
        return await _f.adrive(self._refresh_flow(token, now, binding), self.store)

    async def revoke(self, family: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> bool:
        """Revokes a family; false when the store has no record."""
        return await _f.adrive(self._revoke_flow(family, reason, now), self.store)

    async def revoke_user(self, user: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> int:
        """Revokes every family started for ``user``; returns how many records were found."""
        return await _f.adrive(self._revoke_user_flow(user, reason, now), self.store)


def __getattr__(name: str) -> Any:
    # AsyncRedisStore imports redis-py, an optional dependency: load it on first use only.
    if name == "AsyncRedisStore":
        from .redis import AsyncRedisStore

        return AsyncRedisStore
    raise AttributeError(name)
