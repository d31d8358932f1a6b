"""The session and refresh-token flows, written once for the synchronous and the asyncio classes.

Each flow is a generator: it asks for store operations by yielding :class:`_Call` values and is
sent each result back; the verdicts come from the core (:mod:`jwtcore.session`). :func:`drive`
runs a flow against a synchronous :class:`~jwtcore.stores.Store`, :func:`adrive` awaits each call
on an asyncio store, so ``Sessions``/``AsyncSessions`` and ``RefreshService``/``AsyncRefreshService``
share every decision, retry and ordering rule, and differ only in how a call is made.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, TypeVar

from .. import session as _s

_T = TypeVar("_T")


class StoreError(Exception):
    """A store operation failed; nothing was decided (fail closed: treat as "not valid")."""


class StoreUnavailableError(StoreError):
    """The store could not be reached or answered with an error (Redis down, timeout)."""


class StoreConflictError(StoreError):
    """A compare-and-set kept losing races (the retry budget ran out)."""


class SessionGoneError(StoreError):
    """:meth:`~jwtcore.stores.Sessions.rotate` found the session logged out, expired, or already
    renamed by a concurrent request: nothing was renamed. Treat the request as logged out."""


@dataclass(frozen=True)
class _Call:
    name: str
    args: tuple[Any, ...]


def _c(name: str, *args: Any) -> _Call:
    return _Call(name, args)


Flow = Generator[_Call, Any, _T]


def drive(flow: Flow[_T], store: Any) -> _T:
    """Runs ``flow`` with each store call made synchronously."""
    try:
        call = next(flow)
        while True:
            call = flow.send(getattr(store, call.name)(*call.args))
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    finally:
        flow.close()


async def adrive(flow: Flow[_T], store: Any) -> _T:
    """Runs ``flow`` awaiting each store call (an asyncio store)."""
    try:
        call = next(flow)
        while True:
            call = flow.send(await getattr(store, call.name)(*call.args))
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    finally:
        flow.close()


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


# How many fresh IDs to try before giving up on a store that needs a rename target in the old
# key's slot (RedisStore: 1 in 256 IDs qualifies, so this never runs out in practice).
_COLOCATE_TRIES = 1 << 16


class SessionFlows:
    """What :class:`~jwtcore.stores.Sessions` and :class:`~jwtcore.stores.aio.AsyncSessions`
    do, as flows. Records hold JSON (user, data, times) under the ID's storage key; the store TTL
    is the core's :func:`~jwtcore.session.expires_at`."""

    def __init__(
        self,
        store: Any,
        keys: _s.SessionKeys,
        cookie: _s.SessionCookie | None = None,
        timeouts: _s.Timeouts = _s.Timeouts(),
        pepper: bytes | None = None,
        renamed_ttl: int = 60,
    ) -> None:
        self.store = store
        self.keys = keys
        self.cookie = cookie or _s.SessionCookie()
        self.timeouts = timeouts
        self.pepper = pepper
        self.renamed_ttl = _ttl(renamed_ttl)

    def _encode(self, user: str, data: Mapping[str, Any], t: _s.SessionTimes) -> bytes:
        body = {"u": user, "d": dict(data), "t": [t.created_at, t.last_seen_at, t.id_issued_at]}
        return json.dumps(body, separators=(",", ":")).encode()

    def _ttl(self, t: _s.SessionTimes, now: int) -> int:
        return _ttl(_s.expires_at(t, self.timeouts) - now)

    def _set_cookie(self, sid: str) -> str:
        return self.cookie.serialize(self.keys.sign_cookie(self.cookie.name, sid))

    def _sid(self, cookie_header: str | None) -> tuple[str, bool] | None:
        if not cookie_header:
            return None
        value = _s.find_cookie(cookie_header, self.cookie.name)
        if value is None:
            return None
        try:
            return self.keys.verify_cookie(self.cookie.name, value)
        except _s.InvalidCookieError:
            return None

    def _rotation(self, old_id: str) -> _s.Rotation:
        """The core's rotation, drawn again until the store can rename within one slot."""
        r = _s.rotate_id(old_id, self.pepper)
        colocated = getattr(self.store, "colocated", None)
        if colocated is None or colocated(r.delete, r.create):
            return r
        for _ in range(_COLOCATE_TRIES):
            new_id = _s.new_session_id()
            create = _s.storage_key(new_id, self.pepper)
            if colocated(r.delete, create):
                return _s.Rotation(new_id, r.delete, create)
        raise StoreConflictError("no session ID colocated with the old one")  # pragma: no cover

    def _create_flow(self, user: str, data: Mapping[str, Any] | None, now: float | None) -> Flow[tuple[str, str]]:
        t = _s.SessionTimes.new(now)
        for _ in range(4):
            sid = _s.new_session_id()
            key = _s.storage_key(sid, self.pepper)
            if (yield _c("create_session", key, self._encode(user, data or {}, t), self._ttl(t, t.created_at), user)):
                return sid, self._set_cookie(sid)
        raise StoreConflictError("could not create a session under a fresh ID")

    def _load_flow(self, cookie_header: str | None, now: float | None) -> Flow[Optional[Session]]:
        found = self._sid(cookie_header)
        if found is None:
            return None
        sid, reissue = found
        key = _s.storage_key(sid, self.pepper)
        t_now = _s._now(now)
        for _ in range(8):
            raw = yield _c("get_session", key)
            if raw is None:
                return None
            body = json.loads(raw)
            times = _s.SessionTimes(*body["t"])
            verdict = _s.check(times, self.timeouts, t_now)
            if not verdict.active:
                yield _c("delete_session", key, body["u"])
                return None
            session = Session(sid, body["u"], body["d"], times, None, key)
            if verdict.renew_id:
                outcome = yield from self._rename(session, raw, t_now)
                if outcome == "changed":
                    continue  # written meanwhile: decide again on what is stored now
                if outcome == "gone":
                    return None  # logged out (or expired) while we decided: stays logged out
                # "renamed": the new cookie goes out; "moved": a concurrent request renamed it a
                # moment ago and its response carries the new cookie; this one is served as is
                # and sends no cookie (re-signing the old ID would overwrite the new cookie).
                if outcome == "moved":
                    return session
            elif verdict.touch:
                session.times = times.touched(t_now)
                new = self._encode(session.user, session.data, session.times)
                ok = yield _c("touch_session", key, new, self._ttl(session.times, t_now), raw)
                if not ok:
                    continue  # gone, renamed or rewritten since the read: read again
            if reissue and session.set_cookie is None:
                session.set_cookie = self._set_cookie(session.id)
            return session
        raise StoreConflictError("the session kept changing while it was loaded")

    def _rename(self, session: Session, raw: bytes, t_now: int) -> Flow[str]:
        """Renames the record read as ``raw`` under a fresh ID: ``renamed`` (``session`` updated),
        ``gone``, ``moved`` (a concurrent rename won) or ``changed`` (rewritten since ``raw``)."""
        times = _s.Rotation.times(session.times, t_now)
        data = self._encode(session.user, session.data, times)
        for _ in range(4):
            r = self._rotation(session.id)
            outcome = yield _c(
                "rename_session", r.delete, r.create, raw, data, self._ttl(times, t_now), session.user, self.renamed_ttl
            )
            if outcome == "exists":
                continue  # the fresh ID's key is taken (never in practice): draw another
            if outcome == "renamed":
                session.id, session.key, session.times = r.new_id, r.create, times
                session.set_cookie = self._set_cookie(r.new_id)
            return str(outcome)
        raise StoreConflictError("could not rename the session under a fresh ID")

    def _save_flow(self, session: Session, now: float | None) -> Flow[bool]:
        t_now = _s._now(now)
        data = self._encode(session.user, session.data, session.times)
        return bool((yield _c("touch_session", session.key, data, self._ttl(session.times, t_now), None)))

    def _rotate_flow(self, session: Session, now: float | None) -> Flow[str]:
        t_now = _s._now(now)
        for _ in range(8):
            raw = yield _c("get_session", session.key)
            if raw is None:
                raise SessionGoneError("the session is gone")
            body = json.loads(raw)
            if body["u"] != session.user:  # pragma: no cover - a storage key names one session
                raise SessionGoneError("the session is gone")
            session.times = _s.SessionTimes(*body["t"])
            outcome = yield from self._rename(session, raw, t_now)
            if outcome == "renamed":
                assert session.set_cookie is not None
                return session.set_cookie
            if outcome != "changed":
                raise SessionGoneError(f"the session is gone ({outcome})")
        raise StoreConflictError("the session kept changing while it was renamed")

    def _destroy_flow(self, session: Session) -> Flow[str]:
        yield _c("delete_session", session.key, session.user)
        return self.cookie.clear()

    def _logout_flow(self, cookie_header: str | None) -> Flow[str]:
        found = self._sid(cookie_header)
        if found is not None:
            yield _c("delete_session", _s.storage_key(found[0], self.pepper), None)
        return self.cookie.clear()

    def _destroy_all_flow(self, user: str) -> Flow[int]:
        return int((yield _c("delete_user_sessions", user)))


# --- refresh families --------------------------------------------------------------------------


class RefreshFlows:
    """What :class:`~jwtcore.stores.RefreshService` and its asyncio twin do, as flows."""

    def __init__(
        self,
        store: Any,
        current: bytes,
        previous: tuple[bytes, ...] | list[bytes] = (),
        pepper: bytes | None = None,
        absolute: int = _s._DEFAULTS["refresh"]["absolute"],
        idle: int = _s._DEFAULTS["refresh"]["idle"],
        grace: int = _s._DEFAULTS["refresh"]["grace"],
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

    def _start_flow(self, user: str | None, now: float | None, binding: str | bytes | None) -> Flow[_s.RefreshOutcome]:
        t_now = _s._now(now)
        for _ in range(4):
            out = self.families.start(t_now, binding)
            assert out.record is not None
            if (yield _c("create_family", out.family, out.record, self._ttl(out.record, t_now), user)):
                return out
        raise StoreConflictError("could not create a refresh family")

    def _refresh_flow(self, token: str, now: float | None, binding: str | bytes | None) -> Flow[_s.RefreshOutcome]:
        try:
            family = self.families.family_of(token)
        except _s.RefreshTokenError as e:
            return _s.RefreshOutcome("reject", "", reason=e.code)
        for _ in range(self.retries):
            record = yield _c("get_family", family)
            if record is None:
                return _s.RefreshOutcome("reject", family, reason="refresh_unknown_family")
            t_now = _s._now(now)
            out = self.families.decide(record, token, t_now, binding)
            if out.record is None or out.expect_version is None:
                return out
            if (yield _c("replace_family", family, out.expect_version, out.record, self._ttl(out.record, t_now))):
                if out.kind == "reuse_detected":
                    yield from self._deny(family, t_now)
                return out
        raise StoreConflictError(f"refresh of {family} kept losing the compare-and-set")

    def _deny(self, family: str, now: int) -> Flow[None]:
        if self.access_ttl:
            yield _c("deny_family", family, now + self.access_ttl)

    def _revoke_flow(self, family: str, reason: _s.RevokeReason, now: float | None) -> Flow[bool]:
        for _ in range(self.retries):
            record = yield _c("get_family", family)
            if record is None:
                return False
            info = _s.record_info(record)
            if info.revoked is not None:
                return True
            t_now = _s._now(now)
            revoked = self.families.revoke(record, reason, t_now)
            if (yield _c("replace_family", family, info.version, revoked, self._ttl(revoked, t_now))):
                yield from self._deny(family, t_now)
                return True
        raise StoreConflictError(f"revocation of {family} kept losing the compare-and-set")

    def _revoke_user_flow(self, user: str, reason: _s.RevokeReason, now: float | None) -> Flow[int]:
        n = 0
        for family in (yield _c("user_families", user)):
            n += bool((yield from self._revoke_flow(family, reason, now)))
        return n
