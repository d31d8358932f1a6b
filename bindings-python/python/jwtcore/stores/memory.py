"""An in-process :class:`~jwtcore.stores.Store` for development and tests: dictionaries behind
one lock, entries expiring by ``time.time()`` (so freezegun moves them too). Not shared between
processes and lost on restart; use :class:`~jwtcore.stores.RedisStore` in production."""

from __future__ import annotations

import threading
import time

from .. import session as _s
from . import RenameOutcome, Store, deny_key, user_key


class MemoryStore(Store):
    """Sessions, families and the denylist in memory (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, tuple[object, float]] = {}
        self._index: dict[str, set[str]] = {}

    def _get(self, key: str) -> object | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        value, expires = entry
        if expires <= time.time():
            del self._data[key]
            return None
        return value

    def _put(self, key: str, value: object, ttl: float) -> None:
        self._data[key] = (value, time.time() + max(1, ttl))

    def _add_index(self, user: str | None, kind: str, key: str) -> None:
        if user is not None:
            self._index.setdefault(user_key(user) + kind, set()).add(key)

    # sessions: "s:<key>" holds ("S", data) for a live session, ("M", new key) for a tombstone
    def _live(self, key: str) -> bytes | None:
        value = self._get("s:" + key)
        return value[1] if isinstance(value, tuple) and value[0] == "S" else None

    def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        with self._lock:
            if self._get("s:" + key) is not None:
                return False
            self._put("s:" + key, ("S", bytes(data)), ttl)
            self._add_index(user, ":s", key)
            return True

    def get_session(self, key: str) -> bytes | None:
        with self._lock:
            return self._live(key)

    def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool:
        with self._lock:
            current = self._live(key)
            if current is None or (expect is not None and current != bytes(expect)):
                return False
            self._put("s:" + key, ("S", bytes(data)), ttl)
            return True

    def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome:
        with self._lock:
            value = self._get("s:" + old)
            if not isinstance(value, tuple):
                return "gone"
            if value[0] == "M":
                return "moved" if self._live(value[1]) is not None else "gone"
            if value[1] != bytes(expect):
                return "changed"
            if self._get("s:" + new) is not None:
                return "exists"
            self._put("s:" + new, ("S", bytes(data)), ttl)
            self._add_index(user, ":s", new)
            self._put("s:" + old, ("M", new), renamed_ttl)
            self._index.get(user_key(user) + ":s", set()).discard(old)
            return "renamed"

    def _delete(self, key: str) -> bool:
        """Deletes ``key`` and, for a tombstone, the session it points at (lock held)."""
        value = self._data.pop("s:" + key, None)
        if value is None or value[1] <= time.time():
            return False
        kind, payload = value[0]  # type: ignore[misc]
        if kind == "M":
            return self._delete(payload)
        return True

    def delete_session(self, key: str, user: str | None = None) -> bool:
        with self._lock:
            if user is not None:
                self._index.get(user_key(user) + ":s", set()).discard(key)
            return self._delete(key)

    def delete_user_sessions(self, user: str) -> int:
        with self._lock:
            keys = self._index.pop(user_key(user) + ":s", set())
            return sum(self._delete(k) for k in keys)

    # families
    def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        version = _s.record_info(record).version
        with self._lock:
            if self._get("f:" + family) is not None:
                return False
            self._put("f:" + family, (version, bytes(record), user), ttl)
            self._add_index(user, ":f", family)
            return True

    def get_family(self, family: str) -> bytes | None:
        with self._lock:
            value = self._get("f:" + family)
            return value[1] if isinstance(value, tuple) else None

    def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        version = _s.record_info(record).version
        record = bytes(record)
        with self._lock:
            value = self._get("f:" + family)
            if not isinstance(value, tuple):
                return False
            if value[0] != expect_version:
                return False
            self._put("f:" + family, (version, record, value[2]), ttl)
            return True

    def family_user(self, family: str) -> str | None:
        with self._lock:
            value = self._get("f:" + family)
            return value[2] if isinstance(value, tuple) else None

    def user_families(self, user: str) -> list[str]:
        with self._lock:
            return sorted(self._index.get(user_key(user) + ":f", set()))

    # denylist
    def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        ttl = expires_at - time.time()
        if ttl > 0:
            with self._lock:
                self._put("d:" + deny_key(iss, jti), True, ttl)

    def deny_family(self, family: str, expires_at: int) -> None:
        ttl = expires_at - time.time()
        if ttl > 0:
            with self._lock:
                self._put("D:" + family, True, ttl)

    def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        with self._lock:
            if self._get("d:" + deny_key(iss, jti)) is not None:
                return True
            return family is not None and self._get("D:" + family) is not None
