"""Bounded caches of parsed keys, so the plain PyJWT call (PEM text or a ``cryptography`` key
object handed over on every call) does not parse or serialize the key each time. Private.

Keying is what keeps a changed key from being served stale:

* ``str``/``bytes`` are immutable: entries are keyed by value (equal text is the same key).
* ``cryptography`` key objects are immutable too, but neither hashable by content nor weakly
  referenceable: entries are keyed by ``id()`` and hold a strong reference to the object, and a
  hit requires ``entry.obj is key``. While an entry exists its object cannot be freed, so its
  ``id`` cannot be reused by another object; once evicted, nothing refers to the id any more.
  Only objects from the ``cryptography`` package are cached (a duck-typed key object could be
  mutable).

Verification caches only asymmetric key material (secrets go to the core as they are); signing
caches the key bound to the algorithm, an HMAC secret's too. Each cache is an LRU of at most
:data:`MAX_ENTRIES` entries; changes are made under a lock, which a hit never waits for (see
:meth:`_LRU.get`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from . import _core

#: Entries per cache: enough for every key of a typical service and of its JWKS rotation.
MAX_ENTRIES = 64


class _LRU:
    """A thread-safe, bounded mapping with least-recently-used eviction."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        #: ``id()`` of the value last moved to the LRU end: a hint read without the lock (an id,
        #: not the object, so it keeps nothing alive; a reused id only skips one recency update).
        self._newest = 0

    def get(self, key: Any) -> Any:
        # The read takes no lock: one dict read is atomic. Recency is only an eviction hint, so a
        # hit records it when the lock is free and skips it when another thread holds the lock:
        # a hit never waits. A waiting hit (`with self._lock`) put two threads encoding with one
        # cached key into a convoy, a lock hand-off and a GIL hand-off per call (README "Threads").
        # A hit on the newest entry (one key used over and over) writes nothing at all, so threads
        # sharing it do not pass the lock's and the list's memory between their cores.
        value = self._data.get(key)
        if value is not None and id(value) != self._newest and self._lock.acquire(blocking=False):
            try:
                if key in self._data:  # may have been evicted meanwhile
                    self._data.move_to_end(key)
                    self._newest = id(value)
            finally:
                self._lock.release()
        return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            self._newest = id(value)
            while len(self._data) > self._size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._newest = 0


_by_text = _LRU(MAX_ENTRIES)
_by_object = _LRU(MAX_ENTRIES)
_signing = _LRU(MAX_ENTRIES)


def material_key(key: str | bytes, data: bytes) -> _core.CoreKey | None:
    """The parsed key for PEM/DER/JWK/SSH text ``key`` (``data``: its bytes), or None for a secret.

    ``key`` must be a ``str`` or ``bytes`` (immutable). Material the core recognises but cannot
    parse raises :class:`~jwtcore._core.CoreError` and is not cached.
    """
    hit = _by_text.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    if not _core.looks_like_asymmetric_key(data):
        return None
    parsed = _core.CoreKey.from_material(data)
    _by_text.put(key, parsed)
    return parsed


def cached_material(key: str | bytes) -> _core.CoreKey | None:
    """The parsed key :func:`material_key` cached for ``key``, or None (a secret, or not seen)."""
    return _by_text.get(key)  # type: ignore[no-any-return]


def cached_object(key: Any) -> _core.CoreKey | None:
    """The parsed key :func:`object_key` cached for the object ``key`` itself, or None."""
    entry = _by_object.get(id(key))
    if entry is not None and entry[0] is key:
        return entry[1]  # type: ignore[no-any-return]
    return None


def is_crypto_object(key: Any) -> bool:
    """Whether ``key`` comes from the ``cryptography`` package (its key objects are immutable)."""
    return type(key).__module__.startswith("cryptography.")


def object_key(key: Any, convert: Callable[[Any], _core.CoreKey | None]) -> _core.CoreKey | None:
    """``convert(key)`` for a ``cryptography`` key object, computed once per live object."""
    entry = _by_object.get(id(key))
    if entry is not None and entry[0] is key:
        return entry[1]  # type: ignore[no-any-return]
    parsed = convert(key)
    if parsed is not None and is_crypto_object(key):
        # The entry holds `key` itself: its id stays taken while the entry lives.
        _by_object.put(id(key), (key, parsed))
    return parsed


def signing_id(key: Any, alg: str, enforce: bool) -> tuple[Any, ...] | None:
    """The signing cache's entry name for ``key`` bound to ``alg``, or None if not cacheable.

    Text and bytes by value (an HMAC secret included: the cached key holds nothing the caller's
    own ``key`` does not); ``cryptography`` objects by ``id``, checked by identity on a hit.
    """
    kind = type(key)
    if kind is str or kind is bytes:
        return (key, alg, enforce)
    if is_crypto_object(key):
        return (id(key), alg, enforce)
    return None


def signing_get(entry_id: tuple[Any, ...], key: Any) -> _core.CoreKey | None:
    entry = _signing.get(entry_id)
    if entry is not None and (entry[0] is key or type(key) in (str, bytes)):
        return entry[1]  # type: ignore[no-any-return]
    return None


def signing_put(entry_id: tuple[Any, ...], key: Any, core_key: _core.CoreKey) -> None:
    # The entry holds `key`: an object's id stays taken while its entry lives.
    _signing.put(entry_id, (key, core_key))


def clear() -> None:
    """Empties the caches (tests; or to drop references to keys a process no longer uses)."""
    _by_text.clear()
    _by_object.clear()
    _signing.clear()
