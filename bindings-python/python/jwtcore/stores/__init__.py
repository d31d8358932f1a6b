"""Session, refresh-family and ``jti`` denylist storage for :mod:`jwtcore.session`.

A :class:`Store` holds three kinds of entries, always under the core's storage keys, never
under a raw session ID or token:

* sessions, under :func:`jwtcore.session.storage_key` (``s1:<hex>``), created only if absent
  (``SET NX``) with a TTL, plus a per-user index for "log out everywhere";
* refresh-token families, under the family key (``r1:<hex>``): the core's 160-byte record,
  replaced only by compare-and-set on its version (:meth:`Store.replace_family`);
* the ``jti`` denylist, keyed by a hash of (``iss``, ``jti``), each entry expiring when the
  token it revokes would; optionally grouped under a family (deny a whole family at once).

Two implementations: :class:`MemoryStore` (``jwtcore.stores.memory``, default, one process) and
:class:`RedisStore` (``jwtcore.stores.redis``, ``pip install jwtcore[redis]``; a standalone
server or a Redis Cluster). :mod:`jwtcore.stores.aio` has their asyncio twins.

:class:`Sessions` and :class:`RefreshService` put the core and a store together: every
verdict is the core's (:func:`~jwtcore.session.check`, :meth:`~jwtcore.session.RefreshFamilies.decide`);
they only read, persist what the core decided, and retry the read-decide-write cycle when a
compare-and-set loses a race. Their flows (``jwtcore.stores._flows``) are shared with
:class:`~jwtcore.stores.aio.AsyncSessions` and :class:`~jwtcore.stores.aio.AsyncRefreshService`.

A session's ID renewal is an atomic rename in the store that fails when the session was logged
out meanwhile, and a logout follows a rename that raced it, so no logout is ever undone
(:meth:`Store.rename_session`, :meth:`Sessions.logout`).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, Literal, Optional

from .. import session as _s
from . import _flows as _f
from ._flows import Session, SessionGoneError, StoreConflictError, StoreError, StoreUnavailableError

__all__ = [
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "StoreConflictError",
    "SessionGoneError",
    "MemoryStore",
    "RedisStore",
    "Sessions",
    "Session",
    "RefreshService",
    "deny_key",
    "user_key",
]


def _h(*parts: str) -> str:
    """A 128-bit hex digest of length-prefixed parts (store key hygiene, not a secret)."""
    d = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8", "surrogatepass")
        d.update(len(b).to_bytes(4, "big") + b)
    return d.hexdigest()[:32]


def deny_key(iss: Optional[str], jti: str) -> str:
    """The denylist key of (``iss``, ``jti``): ``d1:`` + 32 hex (jti values never reach the store
    as raw text, so key length and characters are bounded)."""
    return "d1:" + _h(iss or "", jti)


def user_key(user: str) -> str:
    """The per-user index key: ``u1:`` + 32 hex of the user ID (no PII in key names)."""
    return "u1:" + _h(user)


RenameOutcome = Literal["renamed", "gone", "moved", "exists", "changed"]


class Store(ABC):
    """What :class:`Sessions` and :class:`RefreshService` need from storage.

    TTLs are whole seconds (at least 1). Every method raises :class:`StoreUnavailableError`
    when the backend cannot answer; none returns a guess.

    A renamed session leaves a *tombstone* under its old key for a short while (pointing at the
    new key): reads of the old key find nothing, while deleting the old key (a logout that
    raced the rename, "log out everywhere") deletes the new one too, so no logout is undone.
    """

    # sessions
    @abstractmethod
    def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        """Stores ``data`` under ``key`` only if absent (``SET NX EX``); indexes it under ``user``."""

    @abstractmethod
    def get_session(self, key: str) -> bytes | None:
        """The live session's data (``None`` when absent, expired or renamed)."""

    @abstractmethod
    def touch_session(self, key: str, data: bytes, ttl: int, expect: bytes | None = None) -> bool:
        """Replaces ``data`` and the TTL only if the session is still live (never a tombstone),
        and, when ``expect`` is given, only if its data is still exactly ``expect``."""

    @abstractmethod
    def rename_session(
        self, old: str, new: str, expect: bytes, data: bytes, ttl: int, user: str, renamed_ttl: int
    ) -> RenameOutcome:
        """Atomically moves a live session from ``old`` to ``new`` (storing ``data``), leaving a
        tombstone under ``old`` for ``renamed_ttl`` seconds, if ``old`` still holds exactly
        ``expect``. ``new`` is indexed under ``user``.

        Outcomes: ``renamed``; ``gone`` (logged out or expired: nothing written); ``moved`` (a
        concurrent rename already moved it and the new record is live); ``exists`` (``new`` is
        taken: draw another ID); ``changed`` (``old`` holds other data: read again)."""

    def colocated(self, old: str, new: str) -> bool:
        """Whether ``new`` may be the target of a rename of ``old`` (a Redis Cluster store needs
        both keys in one hash slot). Pure: no I/O."""
        return True

    @abstractmethod
    def delete_session(self, key: str, user: str | None = None) -> bool:
        """Deletes the session, and the session it was renamed to if ``key`` is a tombstone;
        true when a live session was deleted."""

    @abstractmethod
    def delete_user_sessions(self, user: str) -> int:
        """Deletes every session indexed under ``user`` (log out everywhere), following
        tombstones as :meth:`delete_session` does; returns how many live sessions it deleted."""

    # refresh families
    @abstractmethod
    def create_family(self, family: str, record: bytes, ttl: int, user: str | None = None) -> bool:
        """Inserts the record only if the family is new."""

    @abstractmethod
    def get_family(self, family: str) -> bytes | None: ...

    @abstractmethod
    def replace_family(self, family: str, expect_version: int, record: bytes, ttl: int) -> bool:
        """Compare-and-set: writes ``record`` only if the stored record's version is still
        ``expect_version``; false when it is not (or the family is gone).

        Deliberately not idempotent: two callers presenting the same token at the same second
        compute the same next record, and only one of them may win (the other re-reads and
        meets the core's reuse detection or grace retry). A reply lost in transit is therefore
        an error (:class:`StoreUnavailableError`), never retried blindly; the client's retry
        of the same token is what the grace window is for."""

    @abstractmethod
    def family_user(self, family: str) -> str | None:
        """The user a family was started for (``None`` if unknown or absent)."""

    @abstractmethod
    def user_families(self, user: str) -> list[str]:
        """The families started for ``user`` (some may have expired)."""

    # denylist
    @abstractmethod
    def deny(self, iss: str | None, jti: str, expires_at: int, family: str | None = None) -> None:
        """Revokes (``iss``, ``jti``) until ``expires_at`` (Unix seconds: the token's ``exp``)."""

    @abstractmethod
    def deny_family(self, family: str, expires_at: int) -> None:
        """Revokes every access token carrying ``family`` until ``expires_at``."""

    @abstractmethod
    def is_denied(self, iss: str | None, jti: str, family: str | None = None) -> bool:
        """Whether (``iss``, ``jti``), or the whole ``family``, is revoked (one round trip)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Releases connections."""


# --- sessions ----------------------------------------------------------------------------------


class Sessions(_f.SessionFlows):
    """Cookie sessions over a :class:`Store`: login with a fresh ID, load with the core's checks,
    rotate on privilege change, logout, log out everywhere. Records hold JSON (user, data,
    times) under the ID's storage key; the store TTL is the core's :func:`~jwtcore.session.expires_at`.

    ``renamed_ttl`` (seconds, default 60) is how long a renamed session's old key stays a
    tombstone: a logout presenting the old cookie in that time (a request that raced the
    renewal) still ends the renamed session.
    """

    def create(self, user: str, data: Mapping[str, Any] | None = None, now: float | None = None) -> tuple[str, str]:
        """At login: a fresh session for ``user``; returns ``(session_id, set_cookie)``.

        Always a new ID (never one the client presented: fixation defence), stored with
        ``SET NX`` so a collision can never overwrite another session.
        """
        return _f.drive(self._create_flow(user, data, now), self.store)

    def load(self, cookie_header: str | None, now: float | None = None) -> Session | None:
        """The live session named by the request's ``Cookie`` header, or ``None``.

        ``None`` for no cookie, a cookie that does not verify, an unknown, expired or logged-out
        session (expired records are deleted). When the core says the ID is due for renewal it
        is renamed atomically (``session.set_cookie`` carries the new cookie); a session logged
        out meanwhile stays logged out (``None``). A duplicated cookie name raises
        :class:`~jwtcore.session.DuplicateCookieError` (refuse the request).
        """
        return _f.drive(self._load_flow(cookie_header, now), self.store)

    def save(self, session: Session, now: float | None = None) -> bool:
        """Writes ``session.data`` back (only if the session is still live under its key)."""
        return _f.drive(self._save_flow(session, now), self.store)

    def rotate(self, session: Session, now: float | None = None) -> str:
        """A new ID for the session (privilege change), keeping its absolute deadline and writing
        ``session.data``; updates ``session`` and returns (and sets ``session.set_cookie`` to)
        the new cookie.

        :raises SessionGoneError: the session was logged out, expired or renamed meanwhile
            (nothing renamed; treat the request as logged out).
        """
        return _f.drive(self._rotate_flow(session, now), self.store)

    def destroy(self, session: Session) -> str:
        """Logout: deletes the record (and the record it was renamed to by a concurrent
        request); returns the clearing ``Set-Cookie`` value."""
        return _f.drive(self._destroy_flow(session), self.store)

    def logout(self, cookie_header: str | None) -> str:
        """Logout from the request's ``Cookie`` header alone: deletes the session it names, even
        one renamed a moment ago by a concurrent request (its new ID dies too); returns the
        clearing ``Set-Cookie`` value. Prefer this to ``load`` + ``destroy`` in logout handlers."""
        return _f.drive(self._logout_flow(cookie_header), self.store)

    def destroy_all(self, user: str) -> int:
        """Log out everywhere: deletes every session of ``user`` (renamed ones included);
        returns how many live sessions were deleted."""
        return _f.drive(self._destroy_all_flow(user), self.store)


# --- refresh families --------------------------------------------------------------------------


class RefreshService(_f.RefreshFlows):
    """Refresh-token families over a :class:`Store`: :meth:`start` at login, :meth:`refresh` per
    presented token (read, core decision, compare-and-set, retry on conflict), :meth:`revoke`.

    ``absolute`` is also the store TTL of each record (kept after revocation so late replays
    still meet "revoked", not "unknown"). With ``access_ttl`` (the access-token lifetime), a
    revoked family (reuse, logout) is also put on the denylist for that long, so its access
    tokens (carrying the family as ``sid``) stop working at once.
    """

    def start(self, user: str | None = None, now: float | None = None, binding: str | bytes | None = None
              ) -> _s.RefreshOutcome:
        """A new family (at login): its first token; the record is inserted if absent."""
        return _f.drive(self._start_flow(user, now, binding), self.store)

    def refresh(self, token: str, now: float | None = None, binding: str | bytes | None = None
                ) -> _s.RefreshOutcome:
        """Presents ``token``: the core's outcome, persisted. Send ``outcome.token`` only when
        ``outcome.ok``. ``reject`` with reason ``refresh_unknown_family`` when the store has no
        record (expired, or never existed)."""
        return _f.drive(self._refresh_flow(token, now, binding), self.store)

    def revoke(self, family: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> bool:
        """Revokes a family (logout, credential change); false when the store has no record."""
        return _f.drive(self._revoke_flow(family, reason, now), self.store)

    def revoke_user(self, user: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> int:
        """Revokes every family started for ``user``; returns how many records were found."""
        return _f.drive(self._revoke_user_flow(user, reason, now), self.store)


from .memory import MemoryStore  # noqa: E402


def __getattr__(name: str) -> Any:
    # RedisStore imports redis-py, an optional dependency: load it on first use only.
    if name == "RedisStore":
        from .redis import RedisStore

        return RedisStore
    raise AttributeError(name)
