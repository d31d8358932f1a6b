"""Server-side sessions on the jwtcore core: IDs, signed cookies, storage keys, ``Set-Cookie``
headers, lifetime checks, rotating refresh tokens with reuse detection, and CSRF protection (a
session-bound token and a Fetch Metadata / ``Origin`` request check).

Every check and decision is the Rust core's (``jwtcore::session``), so the bytes and verdicts
equal the Rust crate's and the npm package's: the same key, ID and cookie name give the same
cookie value, and the same ID and pepper the same storage key. This module converts Python
values, reads the clock (``time.time()`` at each call unless ``now`` is given) and maps the
core's error codes to :class:`SessionError` subclasses.

Malformed input (cookie values, IDs, headers, refresh tokens, records: wrong type, non-UTF-8
text, garbage) always raises a :class:`SessionError`, never ``ValueError``/``TypeError``. Keys,
peppers and options of the wrong shape are configuration mistakes and raise ``ValueError`` or
``TypeError``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Literal, NoReturn, Optional, TypeVar, Union, cast

from . import _core
from .exceptions import PyJWTError

__all__ = [
    "SessionError",
    "InvalidSessionIdError",
    "InvalidCookieError",
    "DuplicateCookieError",
    "CookieConfigError",
    "RefreshTokenError",
    "RecordError",
    "new_session_id",
    "storage_key",
    "find_cookie",
    "SessionKeys",
    "SessionCookie",
    "CsrfError",
    "mask_csrf_token",
    "same_csrf_token",
    "RequestPolicy",
    "RequestVerdict",
    "Timeouts",
    "SessionTimes",
    "Liveness",
    "check",
    "expires_at",
    "Rotation",
    "rotate_id",
    "RefreshFamilies",
    "RefreshOutcome",
    "RecordInfo",
    "record_info",
]

_T = TypeVar("_T")
Text = Union[str, bytes]
OutcomeKind = Literal["start", "rotate", "grace_retry", "reuse_detected", "reject"]
RevokeReason = Literal["logout", "credential_change", "admin", "reuse"]
LivenessStatus = Literal["active", "idle_expired", "absolute_expired", "clock_skew"]
_U64_MAX = 2**64 - 1
# The core's defaults (Timeouts::DEFAULT, RefreshPolicy::DEFAULT), not copies of them.
_DEFAULTS = _core.session_defaults()


class SessionError(PyJWTError):
    """A session-ID, cookie, refresh-token or record operation failed.

    ``code`` is the core's code (``session_id_length``, ``session_cookie_signature``,
    ``refresh_not_authentic``, …); :func:`error_codes` lists them all.
    """

    code: str = "session_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class InvalidSessionIdError(SessionError):
    """A session ID is not 43 canonical base64url characters (``session_id_*``)."""


class InvalidCookieError(SessionError):
    """A signed cookie value is malformed or does not verify (one opaque class for unknown key,
    other cookie name and forged tag: ``session_cookie_malformed`` / ``session_cookie_signature``)."""


class DuplicateCookieError(InvalidCookieError):
    """The ``Cookie`` header names the cookie more than once (``session_cookie_duplicate``)."""


class CookieConfigError(SessionError):
    """A cookie configuration or value breaks a browser rule (``session_cookie_config``);
    ``rule`` says which (``prefix_needs_secure``, ``host_prefix_needs_root_path``,
    ``host_prefix_forbids_domain``, ``same_site_none_needs_secure``, ``invalid_name``,
    ``invalid_value``, ``invalid_attribute``, ``max_age_too_long``)."""

    rule: str | None = None


class RefreshTokenError(SessionError):
    """A refresh token is malformed or not authentic (``refresh_malformed``,
    ``refresh_not_authentic``), raised by :meth:`RefreshFamilies.family_of`."""


class CsrfError(SessionError):
    """A CSRF token is malformed or does not verify for this session (one opaque class for other
    session, unknown key and forged tag: ``session_csrf_malformed`` / ``session_csrf_mismatch``).
    Answer 403."""


class RecordError(SessionError):
    """A stored family record is not a valid 160-byte record (``session_record_malformed``)."""


def _class_for(code: str) -> type[SessionError]:
    if code.startswith("session_id_"):
        return InvalidSessionIdError
    if code == "session_cookie_duplicate":
        return DuplicateCookieError
    if code in ("session_cookie_malformed", "session_cookie_signature"):
        return InvalidCookieError
    if code == "session_cookie_config":
        return CookieConfigError
    if code.startswith("refresh_") or code == "session_refresh_malformed":
        return RefreshTokenError
    if code == "session_record_malformed":
        return RecordError
    if code.startswith("session_csrf_"):
        return CsrfError
    return SessionError


def _fail(code: str, message: str, detail: str | None = None) -> NoReturn:
    err = _class_for(code)(message, code)
    if isinstance(err, CookieConfigError):
        err.rule = detail
    raise err


def _call(fn: Callable[..., _T], *args: Any) -> _T:
    try:
        return fn(*args)
    except _core.CoreError as e:
        code, detail, message = e.args
        _fail(code, message, detail)


def error_codes() -> list[str]:
    """Every code a :class:`SessionError` or a refresh rejection can carry."""
    return list(_core.session_error_codes())


def _text(value: object, code: str, what: str) -> str:
    """Input text for the core. ``bytes`` must be UTF-8; lone surrogates become U+FFFD, which
    every core check refuses where it matters (IDs, tags, names and values are ASCII); other
    types raise the input's malformed ``code``."""
    if isinstance(value, str):
        if value.isascii():
            return value
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    _fail(code, f"{what} must be str or bytes, not {type(value).__name__}")


def _secret(value: object, what: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{what} must be 32 bytes, not {type(value).__name__}")
    return bytes(value)


def _pepper(pepper: object) -> bytes | None:
    return None if pepper is None else _secret(pepper, "the store pepper")


def _previous(previous: object) -> list[bytes]:
    if isinstance(previous, (bytes, bytearray, memoryview, str)):
        raise TypeError("previous must be a sequence of 32-byte keys, not a single key")
    if not isinstance(previous, Iterable):
        raise TypeError("previous must be a sequence of 32-byte keys")
    return [_secret(k, "each previous key") for k in previous]


def _seconds(value: object, what: str) -> int:
    """A non-negative whole number of seconds (floats floored, clamped to the core's u64)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if isinstance(value, float):
        if math.isnan(value):
            return 0
        if math.isinf(value):
            return _U64_MAX if value > 0 else 0
        value = math.floor(value)
    return max(0, min(int(value), _U64_MAX))


def _now(now: float | None) -> int:
    return _seconds(time.time() if now is None else now, "now")


def _binding(binding: object) -> bytes | None:
    if binding is None:
        return None
    if isinstance(binding, str):
        return binding.encode("utf-8", "surrogatepass")
    if isinstance(binding, (bytes, bytearray, memoryview)):
        return bytes(binding)
    raise TypeError(f"binding must be str or bytes, not {type(binding).__name__}")


def _record(record: object) -> bytes:
    if isinstance(record, (bytes, bytearray, memoryview)):
        return bytes(record)
    _fail("session_record_malformed", f"a family record must be bytes, not {type(record).__name__}")


def new_session_id() -> str:
    """A new 256-bit session ID from the OS CSPRNG: 43 base64url characters."""
    return _call(_core.session_new_id)


def storage_key(session_id: Text, pepper: bytes | None = None) -> str:
    """The key to store the session under (``s1:`` + 64 hex): SHA-256 of the ID, or HMAC-SHA256
    under the 32-byte ``pepper``. Never store or log the ID itself."""
    sid = _text(session_id, "session_id_alphabet", "a session ID")
    return _call(_core.session_storage_key, sid, _pepper(pepper))


def find_cookie(cookie_header: Text, name: str) -> str | None:
    """The value of cookie ``name`` in a ``Cookie`` request header, ``None`` when absent.

    Names match byte for byte (never percent-decoded, trimmed of SP/HTAB only); a name sent
    twice raises :class:`DuplicateCookieError` (cookie tossing).
    """
    header = _text(cookie_header, "session_cookie_malformed", "a Cookie header")
    return _call(_core.session_find_cookie, header, _text(name, "session_cookie_malformed", "a cookie name"))


class SessionKeys:
    """The session MAC keys: signs with ``current`` only, verifies against ``current`` and every
    ``previous`` key (32 bytes each) in constant time."""

    def __init__(self, current: bytes, previous: Sequence[bytes] = ()) -> None:
        self._inner = _core.SessionKeys(_secret(current, "the current key"), _previous(previous))

    def sign_cookie(self, name: str, session_id: Text) -> str:
        """The signed cookie value ``id.tag`` (87 characters) for cookie ``name``; the tag binds
        the name, so the value does not verify under another cookie name."""
        sid = _text(session_id, "session_id_alphabet", "a session ID")
        return _call(self._inner.sign_cookie, _text(name, "session_cookie_malformed", "a cookie name"), sid)

    def verify_cookie(self, name: str, value: Text) -> tuple[str, bool]:
        """``(session_id, reissue)``; ``reissue`` is true when a previous key matched (send the
        cookie again, signed with the current key).

        :raises InvalidCookieError: for any malformed, forged or foreign value.
        """
        text = _text(value, "session_cookie_malformed", "a cookie value")
        return _call(self._inner.verify_cookie, _text(name, "session_cookie_malformed", "a cookie name"), text)

    def csrf_token(self, storage_key: str, *, nonce: bytes | None = None) -> str:
        """A fresh CSRF token (64 characters) bound to the session stored under ``storage_key``
        (what :func:`storage_key` returned — never the raw session ID), tagged with the current
        key. The server keeps nothing: the tag is recomputed on verification.

        Put :func:`mask_csrf_token` of it into each page (a different string every response, so
        BREACH has nothing stable to recover), or call this for every page — each call draws a
        new nonce. ``nonce`` (16 bytes) is for test vectors only.

        >>> keys = SessionKeys(bytes(32))
        >>> sk = storage_key(new_session_id())
        >>> token = keys.csrf_token(sk)
        >>> keys.verify_csrf(sk, mask_csrf_token(token))
        False
        """
        return _call(self._inner.csrf_issue, _storage_key_text(storage_key), None if nonce is None else bytes(nonce))

    def verify_csrf(self, storage_key: str, token: Text | None) -> bool:
        """Verifies a presented CSRF token (masked or plain) for the session stored under
        ``storage_key`` against every key, in constant time. Returns ``reissue``: true when a
        previous key matched (send the page a fresh token).

        :raises CsrfError: for a missing, malformed, foreign or forged token.
        """
        if token is None:
            _fail("session_csrf_malformed", "the request carries no CSRF token")
        text = _text(token, "session_csrf_malformed", "a CSRF token")
        return _call(self._inner.csrf_verify, _storage_key_text(storage_key), text)


def _storage_key_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("storage_key must be the str that storage_key() returned")
    return value


def mask_csrf_token(token: Text, *, pad: bytes | None = None) -> str:
    """The masked form (128 characters) of a CSRF token for one response: a fresh random pad
    followed by the token XOR the pad, so the string differs in every page (BREACH) while
    :meth:`SessionKeys.verify_csrf` accepts each. ``pad`` (48 bytes) is for test vectors only.

    :raises CsrfError: when ``token`` is not a token.
    """
    text = _text(token, "session_csrf_malformed", "a CSRF token")
    return _call(_core.csrf_mask, text, None if pad is None else bytes(pad))


def same_csrf_token(a: Text, b: Text) -> bool:
    """Whether two token strings (masked or plain) carry the same token, compared in constant
    time — for a double-submit cookie checked against a header.

    :raises CsrfError: when either is not a token.
    """
    code = "session_csrf_malformed"
    return _call(_core.csrf_same, _text(a, code, "a CSRF token"), _text(b, code, "a CSRF token"))


@dataclass(frozen=True)
class RequestVerdict:
    """The request check's outcome. ``reason`` is the core's code: allowed ones are
    ``safe_method``, ``same_origin``, ``user_initiated``, ``same_site_listed``,
    ``origin_listed``, ``referer_listed``, ``no_origin``, ``null_origin``; refused ones
    ``cross_site``, ``same_site``, ``fetch_site_invalid``, ``origin_mismatch``, ``origin_null``,
    ``origin_missing``, ``referer_mismatch``."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


class RequestPolicy:
    """Where state-changing requests may come from — the check that runs before the token.

    Safe methods (``GET``, ``HEAD``, ``OPTIONS``, ``TRACE``) always pass. For the others, a
    browser's ``Sec-Fetch-Site`` decides: ``same-origin`` and ``none`` pass, ``cross-site`` is
    refused, ``same-site`` is refused unless ``allow_same_site`` (and then only from a listed
    origin). Without Fetch Metadata, ``Origin`` must equal one of ``allowed_origins`` exactly
    (scheme, host and port; never a prefix or substring match); ``Referer``'s origin counts only
    when ``Origin`` is absent. A missing or ``null`` ``Origin`` is refused unless allowed.

    :param allowed_origins: your site's origins, ``"https://app.example"`` (no path, no trailing
        slash; a malformed entry raises ``ValueError``).

    >>> policy = RequestPolicy(["https://app.example"])
    >>> policy.check("POST", sec_fetch_site="cross-site")
    RequestVerdict(allowed=False, reason='cross_site')
    >>> policy.check("POST", origin="https://app.example").allowed
    True
    """

    def __init__(
        self,
        allowed_origins: Iterable[str],
        *,
        allow_same_site: bool = False,
        allow_missing_origin: bool = False,
        allow_null_origin: bool = False,
    ) -> None:
        if isinstance(allowed_origins, str):
            raise TypeError("allowed_origins must be a list of origins, not one string")
        origins = list(allowed_origins)
        if not all(isinstance(o, str) for o in origins):
            raise TypeError("each allowed origin must be a str")
        self._inner = _core.OriginPolicy(origins, bool(allow_same_site), bool(allow_missing_origin), bool(allow_null_origin))
        self.allowed_origins: tuple[str, ...] = tuple(origins)

    def check(
        self,
        method: str,
        *,
        sec_fetch_site: str | None = None,
        origin: str | None = None,
        referer: str | None = None,
    ) -> RequestVerdict:
        """The verdict for a request with these header values (``None`` when absent)."""
        allowed, reason = self._inner.check(
            _header(method), _opt_header(sec_fetch_site), _opt_header(origin), _opt_header(referer)
        )
        return RequestVerdict(allowed, reason)

    def check_headers(self, method: str, headers: Any) -> RequestVerdict:
        """:meth:`check` reading ``Sec-Fetch-Site``, ``Origin`` and ``Referer`` from a headers
        mapping with a ``get`` method (Flask/Werkzeug, Starlette and Django headers match names
        case-insensitively)."""
        return self.check(
            method,
            sec_fetch_site=headers.get("Sec-Fetch-Site"),
            origin=headers.get("Origin"),
            referer=headers.get("Referer"),
        )


def _header(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        # Header bytes are Latin-1 on the wire (WSGI/ASGI); non-ASCII never matches anyway.
        return bytes(value).decode("latin-1")
    raise TypeError(f"a header value must be str or bytes, not {type(value).__name__}")


def _opt_header(value: object) -> str | None:
    return None if value is None else _header(value)


class SessionCookie:
    """A validated session-cookie configuration; the defaults are
    ``__Host-id; Path=/; Secure; HttpOnly; SameSite=Lax`` with no ``Max-Age``.

    The browser rules are enforced when constructed (:class:`CookieConfigError`): ``__Host-``
    needs ``Secure``, ``Path=/`` and no ``Domain``; ``__Secure-`` needs ``Secure``;
    ``SameSite=None`` needs ``Secure``; ``Max-Age`` is at most 400 days.
    """

    def __init__(
        self,
        name: str = "__Host-id",
        path: str = "/",
        domain: str | None = None,
        secure: bool = True,
        http_only: bool = True,
        same_site: Literal["Strict", "Lax", "None"] = "Lax",
        max_age: int | None = None,
        partitioned: bool = False,
    ) -> None:
        if not isinstance(same_site, str):
            raise TypeError("same_site must be 'Strict', 'Lax' or 'None'")
        code = "session_cookie_config"
        self._inner = _call(
            _core.CookieOptions,
            _text(name, code, "the cookie name"),
            _text(path, code, "the cookie path"),
            None if domain is None else _text(domain, code, "the cookie domain"),
            bool(secure),
            bool(http_only),
            same_site,
            None if max_age is None else _seconds(max_age, "max_age"),
            bool(partitioned),
        )
        self.name: str = name

    def serialize(self, value: Text) -> str:
        """The ``Set-Cookie`` header value that sends ``value``."""
        return _call(self._inner.set_cookie, _text(value, "session_cookie_config", "a cookie value"))

    def clear(self) -> str:
        """The ``Set-Cookie`` header value that deletes the cookie (same name, path, domain and
        flags, empty value, ``Max-Age=0`` and a 1970 ``Expires``)."""
        return _call(self._inner.clear_cookie)


@dataclass(frozen=True)
class Timeouts:
    """Idle and absolute timeouts in seconds (defaults: 30 min and 12 h), the throttle for
    last-seen writes and an optional ID renewal age."""

    idle: int = _DEFAULTS["session"]["idle"]
    absolute: int = _DEFAULTS["session"]["absolute"]
    touch_after: int = _DEFAULTS["session"]["touch_after"]
    renew_after: Optional[int] = _DEFAULTS["session"]["renew_after"]


@dataclass(frozen=True)
class SessionTimes:
    """What to store with each session (Unix seconds)."""

    created_at: int
    last_seen_at: int
    id_issued_at: int

    @staticmethod
    def new(now: float | None = None) -> SessionTimes:
        """Times for a session created now."""
        t = _now(now)
        return SessionTimes(t, t, t)

    def touched(self, now: float | None = None) -> SessionTimes:
        """The times with ``last_seen_at`` moved to now."""
        return SessionTimes(self.created_at, _now(now), self.id_issued_at)


@dataclass(frozen=True)
class Liveness:
    """The verdict of :func:`check`: ``status`` is ``active``, ``idle_expired``,
    ``absolute_expired`` or ``clock_skew`` (stored times in the future: treat as expired)."""

    status: LivenessStatus
    touch: bool = False
    renew_id: bool = False

    @property
    def active(self) -> bool:
        return self.status == "active"


def _times(times: SessionTimes) -> tuple[int, int, int]:
    return (
        _seconds(times.created_at, "created_at"),
        _seconds(times.last_seen_at, "last_seen_at"),
        _seconds(times.id_issued_at, "id_issued_at"),
    )


def _timeouts(t: Timeouts) -> tuple[int, int, int, int | None]:
    renew = None if t.renew_after is None else _seconds(t.renew_after, "renew_after")
    return _seconds(t.idle, "idle"), _seconds(t.absolute, "absolute"), _seconds(t.touch_after, "touch_after"), renew


def check(times: SessionTimes, timeouts: Timeouts = Timeouts(), now: float | None = None) -> Liveness:
    """Checks a session's stored times against the timeouts (absolute first, then idle).

    ``touch``: store ``last_seen_at = now`` (throttled by ``touch_after``); ``renew_id``: the ID is
    older than ``renew_after``, rotate it with :func:`rotate_id`.
    """
    created, last_seen, issued = _times(times)
    idle, absolute, touch_after, renew_after = _timeouts(timeouts)
    status, touch, renew = _core.session_check(
        created, last_seen, issued, idle, absolute, touch_after, renew_after, _now(now)
    )
    return Liveness(status, touch, renew)  # type: ignore[arg-type]


def expires_at(times: SessionTimes, timeouts: Timeouts = Timeouts()) -> int:
    """When the session ends if nothing else happens: the earlier of the idle and absolute
    deadlines (use ``expires_at - now`` as the store TTL)."""
    created, last_seen, _ = _times(times)
    idle, absolute, _, _ = _timeouts(timeouts)
    return int(_core.session_expires_at(created, last_seen, idle, absolute))


@dataclass(frozen=True)
class Rotation:
    """A new ID for an existing session (login, privilege change): create the record under
    ``create`` (collision-safe, e.g. ``SET NX``), delete ``delete``, send ``new_id``."""

    new_id: str
    delete: str
    create: str

    @staticmethod
    def times(times: SessionTimes, now: float | None = None) -> SessionTimes:
        """The times after rotating now: ``created_at`` is kept (rotation never extends the
        absolute lifetime)."""
        t = _now(now)
        return SessionTimes(times.created_at, t, t)


def rotate_id(old_id: Text, pepper: bytes | None = None) -> Rotation:
    """Rotates ``old_id`` to a fresh ID from the OS CSPRNG (the session-fixation defence)."""
    sid = _text(old_id, "session_id_alphabet", "a session ID")
    new_id, delete, create = _call(_core.session_rotate, sid, _pepper(pepper))
    return Rotation(new_id, delete, create)


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh-token operation tells the caller to do.

    ``kind``: ``start`` (insert ``record`` if absent, send ``token``), ``rotate`` /
    ``grace_retry`` (persist ``record`` only if the stored version still equals
    ``expect_version``, then send ``token``), ``reuse_detected`` (persist the revoked ``record``
    with the same compare-and-set, refuse, deny-list the family's access tokens) or ``reject``
    (nothing to persist; ``reason`` is the core's code). ``family`` is the record's store key
    (``r1:`` + 32 hex).
    """

    kind: OutcomeKind
    family: str
    token: Optional[str] = None
    record: Optional[bytes] = None
    expect_version: Optional[int] = None
    reason: Optional[str] = None

    @property
    def ok(self) -> bool:
        """Whether the presented token earned a token (start, rotate, grace_retry)."""
        return self.token is not None


def _outcome(raw: tuple[str, str | None, bytes | None, str, int | None, str | None]) -> RefreshOutcome:
    kind, token, record, family, expect_version, reason = raw
    return RefreshOutcome(kind, family, token, record, expect_version, reason)  # type: ignore[arg-type]


@dataclass(frozen=True)
class RecordInfo:
    """The public fields of a family record (for stores and logs; the hashes stay inside)."""

    family: str
    generation: int
    version: int
    created_at: int
    rotated_at: int
    last_used_at: int
    revoked: Optional[RevokeReason]
    revoked_at: Optional[int]


def record_info(record: bytes) -> RecordInfo:
    """Reads a stored record's public fields.

    :raises RecordError: for anything but a valid 160-byte record.
    """
    family, generation, version, created, rotated, used, reason, at = _call(_core.refresh_record_info, _record(record))
    return RecordInfo(family, generation, version, created, rotated, used, cast(Optional[RevokeReason], reason), at)


class RefreshFamilies:
    """Rotating refresh tokens with reuse detection (RFC 9700 §4.14) as a pure state machine:
    the caller stores each family's 160-byte record under ``family`` and persists records by
    compare-and-set on the version (``jwtcore.stores`` does this for memory and Redis).

    ``absolute`` (from login, never extended) and ``idle`` are in seconds; ``grace`` (default 0,
    capped at 300 s by the core) lets the immediately previous token be retried once more,
    returning the same successor.
    """

    def __init__(
        self,
        current: bytes,
        previous: Sequence[bytes] = (),
        pepper: bytes | None = None,
        absolute: int = _DEFAULTS["refresh"]["absolute"],
        idle: int = _DEFAULTS["refresh"]["idle"],
        grace: int = _DEFAULTS["refresh"]["grace"],
    ) -> None:
        self._inner = _core.RefreshFamilies(
            _secret(current, "the current key"),
            _previous(previous),
            _pepper(pepper),
            _seconds(absolute, "absolute"),
            _seconds(idle, "idle"),
            _seconds(grace, "grace"),
        )

    def start(self, now: float | None = None, binding: str | bytes | None = None) -> RefreshOutcome:
        """At login: a new family's first ``token`` and the ``record`` to insert if absent.
        ``binding`` (client ID, DPoP key thumbprint) must be presented again with every refresh."""
        return _outcome(_call(self._inner.start, _now(now), _binding(binding)))

    def family_of(self, token: Text) -> str:
        """The family store key of an authentic token, to load its record.

        :raises RefreshTokenError: for a malformed or forged token (no store access needed).
        """
        return _call(self._inner.family_of, _text(token, "refresh_malformed", "a refresh token"))

    def decide(
        self, record: bytes, token: Text, now: float | None = None, binding: str | bytes | None = None
    ) -> RefreshOutcome:
        """What ``token`` does to the family whose stored ``record`` is given. A bad token is a
        ``reject`` outcome (never an exception); a bad record raises :class:`RecordError`."""
        rec = _record(record)
        if not isinstance(token, (str, bytes, bytearray, memoryview)):
            info = record_info(rec)
            return RefreshOutcome("reject", info.family, reason="refresh_malformed")
        text = _text(token, "refresh_malformed", "a refresh token")
        return _outcome(_call(self._inner.decide, rec, text, _now(now), _binding(binding)))

    def revoke(self, record: bytes, reason: RevokeReason = "logout", now: float | None = None) -> bytes:
        """The record revoked for ``reason`` (``logout``, ``credential_change``, ``admin``), to
        persist with the same compare-and-set (expect the record's current version)."""
        if not isinstance(reason, str):
            raise TypeError("reason must be 'logout', 'credential_change', 'admin' or 'reuse'")
        return _call(self._inner.revoke, _record(record), reason, _now(now))
