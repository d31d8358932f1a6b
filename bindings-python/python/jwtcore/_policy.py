"""The verification policy of :meth:`PyJWT.decode`'s common call, compiled once per options state
instead of on every call. Private.

A :class:`Plan` holds what ``PyJWT.options`` gives (required claims, skipped checks, the token
limit) and a bounded table, per call arguments (``algorithms``, ``audience``, ``issuer``,
``subject``, ``leeway``), of the options with their compiled ``_core.Policy`` (the core's
``jwtcore::policy::Policy``: what each option means is decided there, once). ``fast`` indexes the
same compiled policies for :meth:`PyJWT.decode`'s one-crossing path. ``PyJWT.options`` is a plain dict that users
may change between calls (as in PyJWT), so each call compares it with a deep copy taken when the
plan was built (a C-level ``==`` of about a dozen items) and rebuilds the plan when they differ.
Only arguments of exact immutable types (``str``, ``int``, ``float``, ``None``, lists/tuples of
them) are cached; anything else (generators, sets, ``timedelta``, ...) takes the uncached path.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

from . import _core
from ._common import _VERIFY_KEYS, HMAC_ALGORITHMS, _token_limit

#: Distinct call-argument combinations kept per plan.
MAX_CALL_SHAPES = 32
#: HMAC secrets kept per plan and algorithm (their keyed state, see :meth:`Plan.hmac_key`).
MAX_SECRETS = 64

_SCALARS = (str, int, float, type(None))
_SCALAR_SET = frozenset(_SCALARS)


class Plan:
    """The compiled form of one ``PyJWT.options`` state."""

    __slots__ = (
        "snapshot",
        "require",
        "skip",
        "max_len",
        "strict_keys",
        "registered",
        "registered_len",
        "table",
        "fast",
        "secrets",
        "lock",
    )

    def __init__(self, options: dict[str, Any]) -> None:
        self.max_len = _token_limit(options.get("max_token_length"))
        try:
            self.snapshot: Any = copy.deepcopy(options)
        except Exception:  # an option value that cannot be copied: never matches, rebuilt per call
            self.snapshot = object()
        self.require = list(options.get("require") or [])
        self.skip = [c for c, k in _VERIFY_KEYS if not options.get(k, True)]
        self.strict_keys = bool(options.get("enforce_minimum_key_length", True))
        self.registered: Any = None
        self.registered_len = -1
        self.table: dict[Any, dict[str, Any]] = {}
        #: ``decode``'s one-crossing path: call shape -> (compiled ``_core.Policy``, number of
        #: allowed algorithms, the HMAC algorithm when it is the only one allowed, else None).
        #: Filled by the full path, read by :meth:`PyJWT.decode` without a lock (one dict read);
        #: valid while ``registered`` is unchanged (cleared with ``table``).
        self.fast: dict[Any, tuple[Any, int, str | None]] = {}
        #: HMAC algorithm -> {secret bytes: core key bound to it}, at most MAX_SECRETS each: the
        #: keyed HMAC state, so a decode does not redo the key schedule (see :meth:`hmac_key`).
        self.secrets: dict[str, dict[bytes, Any]] = {}
        self.lock = threading.Lock()

    def core_options(
        self, key: Any, registered: Any, build: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """The core's options for the call arguments ``key`` (from :func:`call_key`), built once.

        ``registered`` (the instance's algorithm set) only ever shrinks (jwtcore has no
        ``register_algorithm``), so the same set object with the same length has the same members.
        The returned dict is shared: callers copy it before changing it.
        """
        if key is None:
            return build()
        if registered is self.registered and len(registered) == self.registered_len:
            # The hit path takes no lock: a dict read is atomic, and entries are never changed.
            hit = self.table.get(key)
            if hit is not None:
                return hit
        with self.lock:
            if registered is not self.registered or len(registered) != self.registered_len:
                self.table.clear()
                self.fast.clear()
                self.registered, self.registered_len = registered, len(registered)
            hit = self.table.get(key)
        if hit is not None:
            return hit
        built = build()
        with self.lock:
            if len(self.table) >= MAX_CALL_SHAPES:
                self.table.clear()
                self.fast.clear()
            self.table[key] = built
            if self.strict_keys and built["algorithms"] is not None and registered is self.registered:
                allowed = built["algorithms"]
                only = allowed[0] if len(allowed) == 1 and allowed[0] in HMAC_ALGORITHMS else None
                self.fast[key] = (built["policy"], len(allowed), only)
        return built

    def hmac_key(self, alg: str, secret: bytes) -> Any:
        """The core key for ``secret`` bound to ``alg``, made once per secret, or None.

        Only for a policy whose sole allowed algorithm is ``alg``: a token the key accepts is
        exactly one the raw secret accepts there (the ``alg`` and the MAC), and every refusal goes
        to the full path anyway. None (the raw secret is passed instead) for bytes the core
        classifies as key material or a secret it refuses (too short): the full path decides those.
        Bytes are immutable, so the entry can never go stale.
        """
        keys = self.secrets.get(alg)
        if keys is None:
            keys = self.secrets.setdefault(alg, {})
        key = keys.get(secret)
        if key is not None or _core.looks_like_asymmetric_key(secret):
            return key
        try:
            key = _core.CoreKey.from_secret(alg, secret, False)
        except _core.CoreError:
            return None
        if len(keys) >= MAX_SECRETS:
            keys.clear()
        keys[secret] = key
        return key

    def fast_policy(
        self, options: dict[str, Any], registered: Any, algorithms: Any, audience: Any, issuer: Any, subject: Any,
        leeway: Any,
    ) -> tuple[Any, int, str | None] | None:
        """(compiled policy, number of allowed algorithms, sole HMAC algorithm) for this call if ``decode`` may take its
        one-crossing path: the options unchanged since compiled and the call shape seen before."""
        if registered is not self.registered or len(registered) != self.registered_len or self.snapshot != options:
            return None
        key = call_key(algorithms, audience, issuer, subject, leeway)
        return self.fast.get(key) if key is not None else None


def plan_for(owner: Any, options: dict[str, Any]) -> Plan:
    """``owner``'s plan for its current ``options``, rebuilt when they changed since."""
    plan: Plan | None = getattr(owner, "_jwtcore_plan", None)
    if plan is not None and plan.snapshot == options:
        return plan
    plan = Plan(options)
    owner._jwtcore_plan = plan
    return plan


def _frozen(value: Any) -> Any:
    """``value`` as a hashable key part, or raises TypeError if it is not cacheable."""
    if type(value) in _SCALARS:
        return value
    if type(value) in (list, tuple) and all(type(v) in _SCALARS for v in value):
        return (type(value), *value)
    raise TypeError


def call_key(algorithms: Any, audience: Any, issuer: Any, subject: Any, leeway: Any) -> Any:
    """The table key for one call's arguments, or None when one of them is not cacheable."""
    tu, ti, ts, tl = type(audience), type(issuer), type(subject), type(leeway)
    scalars = _SCALAR_SET
    if type(algorithms) is list and tu in scalars and ti in scalars and ts in scalars and tl in scalars:
        # The common call: algorithms=[...] of str, scalars for the rest (a loop, not all():
        # this runs on every decode).
        for a in algorithms:
            if type(a) is not str:
                break
        else:
            # Types are part of the key: "a" and ["a"] build equal options today, but need not.
            return (tuple(algorithms), tu, audience, ti, issuer, ts, subject, tl, leeway)
    try:
        return (
            _frozen(algorithms),
            type(audience),
            _frozen(audience),
            type(issuer),
            _frozen(issuer),
            type(subject),
            _frozen(subject),
            type(leeway),
            _frozen(leeway),
        )
    except TypeError:
        return None
