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
:class:`RedisStore` (``jwtcore.stores.redis``, ``pip install jwtcore[redis]``).

:class:`Sessions` and :class:`RefreshService` put the core and a store together: every
verdict is the core's (:func:`~jwtcore.session.check`, :meth:`~jwtcore.session.RefreshFamilies.decide`);
they only read, persist what the core decided, and retry the read-decide-write cycle when a
compare-and-set loses a race.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from .. import session as _s

__all__ = [
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "StoreConflictError",
    "MemoryStore",
    "RedisStore",
    "Sessions",
    "Session",
    "RefreshService",
    "deny_key",
    "user_key",
]


class StoreError(Exception):
    """A store operation failed; nothing was decided (fail closed: treat as "not valid")."""


class StoreUnavailableError(StoreError):
    """The store could not be reached or answered with an error (Redis down, timeout)."""


class StoreConflictError(StoreError):
    """A compare-and-set kept losing races (the retry budget ran out)."""


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


class Store(ABC):
    """What :class:`Sessions` and :class:`RefreshService` need from storage.

    TTLs are whole seconds (at least 1). Every method raises :class:`StoreUnavailableError`
    when the backend cannot answer; none returns a guess.
    """

    # sessions
    @abstractmethod
    def create_session(self, key: str, data: bytes, ttl: int, user: str | None = None) -> bool:
        """Stores ``data`` under ``key`` only if absent (``SET NX EX``); indexes it under ``user``."""

    @abstractmethod
    def get_session(self, key: str) -> bytes | None: ...

    @abstractmethod
    def touch_session(self, key: str, data: bytes, ttl: int) -> bool:
        """Replaces ``data`` and the TTL only if the session still exists (``SET XX EX``)."""

    @abstractmethod
    def delete_session(self, key: str, user: str | None = None) -> bool: ...

    @abstractmethod
    def delete_user_sessions(self, user: str) -> int:
        """Deletes every session indexed under ``user`` (log out everywhere); returns how many."""

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


def _ttl(seconds: float) -> int:
    return max(1, int(seconds))


# --- sessions ----------------------------------------------------------------------------------


@dataclass
class Session:
    """A live session loaded by :meth:`Sessions.load`.

    ``set_cookie`` is a ``Set-Cookie`` value to send with the response when not ``None`` (the
    cookie was signed by a previous key, or the ID was renewed).
    """

    id: str
    user: str
    data: dict[str, Any]
    times: _s.SessionTimes
    set_cookie: Optional[str] = None
    key: str = field(default="", repr=False)


class Sessions:
    """Cookie sessions over a :class:`Store`: login with a fresh ID, load with the core's checks,
    rotate on privilege change, logout, logout everywhere. Records hold JSON (user, data,
    times) under the ID's storage key; the store TTL is the core's :func:`~jwtcore.session.expires_at`.
    """

    def __init__(
        self,
        store: Store,
        keys: _s.SessionKeys,
        cookie: _s.SessionCookie | None = None,
        timeouts: _s.Timeouts = _s.Timeouts(),
        pepper: bytes | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.cookie = cookie or _s.SessionCookie()
        self.timeouts = timeouts
        self.pepper = pepper

    def _encode(self, user: str, data: Mapping[str, Any], t: _s.SessionTimes) -> bytes:
        body = {"u": user, "d": dict(data), "t": [t.created_at, t.last_seen_at, t.id_issued_at]}
        return json.dumps(body, separators=(",", ":")).encode()

    def _ttl(self, t: _s.SessionTimes, now: int) -> int:
        return _ttl(_s.expires_at(t, self.timeouts) - now)

    def _set_cookie(self, sid: str) -> str:
        return self.cookie.serialize(self.keys.sign_cookie(self.cookie.name, sid))

    def create(self, user: str, data: Mapping[str, Any] | None = None, now: float | None = None) -> tuple[str, str]:
        """At login: a fresh session for ``user``; returns ``(session_id, set_cookie)``.

        Always a new ID (never one the client presented: fixation defence), stored with
        ``SET NX`` so a collision can never overwrite another session.
        """
        t = _s.SessionTimes.new(now)
        for _ in range(4):
            sid = _s.new_session_id()
            key = _s.storage_key(sid, self.pepper)
            if self.store.create_session(key, self._encode(user, data or {}, t), self._ttl(t, t.created_at), user):
                return sid, self._set_cookie(sid)
        raise StoreConflictError("could not create a session under a fresh ID")

    def load(self, cookie_header: str | None, now: float | None = None) -> Session | None:
        """The live session named by the request's ``Cookie`` header, or ``None``.

        ``None`` for no cookie, a cookie that does not verify, an unknown or expired session
        (expired records are deleted). A duplicated cookie name raises
        :class:`~jwtcore.session.DuplicateCookieError` (refuse the request).
        """
        if not cookie_header:
            return None
        value = _s.find_cookie(cookie_header, self.cookie.name)
        if value is None:
            return None
        try:
            sid, reissue = self.keys.verify_cookie(self.cookie.name, value)
        except _s.InvalidCookieError:
            return None
        key = _s.storage_key(sid, self.pepper)
        raw = self.store.get_session(key)
        if raw is None:
            return None
        body = json.loads(raw)
        times = _s.SessionTimes(*body["t"])
        t_now = _s._now(now)
        verdict = _s.check(times, self.timeouts, t_now)
        if not verdict.active:
            self.store.delete_session(key, body["u"])
            return None
        session = Session(sid, body["u"], body["d"], times, None, key)
        if verdict.renew_id:
            self.rotate(session, now=t_now)
        elif verdict.touch:
            session.times = times.touched(t_now)
            if not self.store.touch_session(key, self._encode(session.user, session.data, session.times),
                                            self._ttl(session.times, t_now)):
                return None
        if reissue and session.set_cookie is None:
            session.set_cookie = self._set_cookie(session.id)
        return session

    def save(self, session: Session, now: float | None = None) -> bool:
        """Writes ``session.data`` back (only if the session still exists)."""
        t_now = _s._now(now)
        return self.store.touch_session(
            session.key, self._encode(session.user, session.data, session.times), self._ttl(session.times, t_now)
        )

    def rotate(self, session: Session, now: float | None = None) -> str:
        """A new ID for the session (privilege change, renewal), keeping its absolute deadline;
        updates ``session`` and returns (and sets ``session.set_cookie`` to) the new cookie."""
        t_now = _s._now(now)
        times = _s.Rotation.times(session.times, t_now)
        for _ in range(4):
            r = _s.rotate_id(session.id, self.pepper)
            if self.store.create_session(
                r.create, self._encode(session.user, session.data, times), self._ttl(times, t_now), session.user
            ):
                self.store.delete_session(r.delete, session.user)
                session.id, session.key, session.times = r.new_id, r.create, times
                session.set_cookie = self._set_cookie(r.new_id)
                return session.set_cookie
        raise StoreConflictError("could not create a session under a fresh ID")

    def destroy(self, session: Session) -> str:
        """Logout: deletes the record; returns the clearing ``Set-Cookie`` value."""
        self.store.delete_session(session.key, session.user)
        return self.cookie.clear()

    def destroy_all(self, user: str) -> int:
        """Log out everywhere: deletes every session of ``user``."""
        return self.store.delete_user_sessions(user)


# --- refresh families --------------------------------------------------------------------------


class RefreshService:
    """Refresh-token families over a :class:`Store`: :meth:`start` at login, :meth:`refresh` per
    presented token (read, core decision, compare-and-set, retry on conflict), :meth:`revoke`.

    ``absolute`` is also the store TTL of each record (kept after revocation so late replays
    still meet "revoked", not "unknown"). With ``access_ttl`` (the access-token lifetime), a
    revoked family (reuse, logout) is also put on the denylist for that long, so its access
    tokens (carrying the family as ``sid``) stop working at once.
    """

    def __init__(
        self,
        store: Store,
        current: bytes,
        previous: tuple[bytes, ...] | list[bytes] = (),
        pepper: bytes | None = None,
        absolute: int = 30 * 86400,
        idle: int = 7 * 86400,
        grace: int = 0,
        retries: int = 16,
        access_ttl: int | None = None,
    ) -> None:
        self.store = store
        self.access_ttl = access_ttl
        self.families = _s.RefreshFamilies(current, previous, pepper, absolute, idle, grace)
        self.absolute = absolute
        self.retries = retries

    def _ttl(self, record: bytes, now: int) -> int:
        return _ttl(_s.record_info(record).created_at + self.absolute - now)

    def start(self, user: str | None = None, now: float | None = None, binding: str | bytes | None = None
              ) -> _s.RefreshOutcome:
        """A new family (at login): its first token; the record is inserted if absent."""
        t_now = _s._now(now)
        for _ in range(4):
            out = self.families.start(t_now, binding)
            assert out.record is not None
            if self.store.create_family(out.family, out.record, self._ttl(out.record, t_now), user):
                return out
        raise StoreConflictError("could not create a refresh family")

    def refresh(self, token: str, now: float | None = None, binding: str | bytes | None = None
                ) -> _s.RefreshOutcome:
        """Presents ``token``: the core's outcome, persisted. Send ``outcome.token`` only when
        ``outcome.ok``. ``reject`` with reason ``refresh_unknown_family`` when the store has no
        record (expired, or never existed)."""
        try:
            family = self.families.family_of(token)
        except _s.RefreshTokenError as e:
            return _s.RefreshOutcome("reject", "", reason=e.code)
        for _ in range(self.retries):
            record = self.store.get_family(family)
            if record is None:
                return _s.RefreshOutcome("reject", family, reason="refresh_unknown_family")
            t_now = _s._now(now)
            out = self.families.decide(record, token, t_now, binding)
            if out.record is None or out.expect_version is None:
                return out
            if self.store.replace_family(family, out.expect_version, out.record, self._ttl(out.record, t_now)):
                if out.kind == "reuse_detected":
                    self._deny(family, t_now)
                return out
        raise StoreConflictError(f"refresh of {family} kept losing the compare-and-set")

    def _deny(self, family: str, now: int) -> None:
        if self.access_ttl:
            self.store.deny_family(family, now + self.access_ttl)

    def revoke(self, family: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> bool:
        """Revokes a family (logout, credential change); false when the store has no record."""
        for _ in range(self.retries):
            record = self.store.get_family(family)
            if record is None:
                return False
            info = _s.record_info(record)
            if info.revoked is not None:
                return True
            t_now = _s._now(now)
            revoked = self.families.revoke(record, reason, t_now)
            if self.store.replace_family(family, info.version, revoked, self._ttl(revoked, t_now)):
                self._deny(family, t_now)
                return True
        raise StoreConflictError(f"revocation of {family} kept losing the compare-and-set")

    def revoke_user(self, user: str, reason: _s.RevokeReason = "logout", now: float | None = None) -> int:
        """Revokes every family started for ``user``; returns how many records were found."""
        return sum(self.revoke(f, reason, now) for f in self.store.user_families(user))


from .memory import MemoryStore  # noqa: E402


def __getattr__(name: str) -> Any:
    # RedisStore imports redis-py, an optional dependency: load it on first use only.
    if name == "RedisStore":
        from .redis import RedisStore

        return RedisStore
    raise AttributeError(name)
