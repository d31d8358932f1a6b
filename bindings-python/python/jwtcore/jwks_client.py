"""PyJWT's ``PyJWKClient``: signing keys from a JWKS endpoint, with PyJWT 2.15's caching rules.

The endpoint is fetched with the standard library only, as PyJWT 2.14+ does:
``urllib.request.build_opener(<no-redirect handler>, <HTTP and HTTPS handlers>)
.open(urllib.request.Request(url=uri, headers=headers), timeout=timeout)``, with
``build_opener`` looked up on ``urllib.request`` at every call so that tests that mock it (as
PyJWT's users do) keep working. The HTTP(S) handlers are the standard ones (the HTTPS one with
``ssl_context``) plus a deadline: ``timeout`` bounds the whole fetch, and the body is read up to
``max_response_bytes``. The keys are parsed by the core (:class:`~jwtcore.PyJWKSet`).
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Generator, Mapping
from functools import lru_cache
from ssl import SSLContext
from typing import Any, cast
from urllib.error import HTTPError
from urllib.parse import urlparse

import copy

from ._common import HMAC_ALGORITHMS
from .api_jwk import PyJWK, PyJWKSet
from .api_jws import get_unverified_header
from .exceptions import PyJWKClientConnectionError, PyJWKClientError, PyJWKSetError

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "JWKSetCache", "PyJWKClient"]

DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024
"""The largest JWKS response body :class:`PyJWKClient` reads by default: 512 KiB.

Providers' sets are a few KiB (Google's and Microsoft's are under 10 KiB); a bigger body is
refused (:class:`PyJWKClientError`) after reading at most this many bytes."""


class JWKSetCache:
    """The parsed JWK set of the last successful fetch, valid for ``lifespan`` seconds.

    Time is ``time.monotonic()`` (wall-clock jumps do not expire or revive it; freezegun
    controls it in tests).
    """

    def __init__(self, lifespan: float) -> None:
        self.lifespan = lifespan
        self._jwk_set: PyJWKSet | None = None
        self._stored_at = 0.0

    def put(self, jwk_set: PyJWKSet | Mapping[str, Any] | None) -> None:
        """Stores ``jwk_set`` (parsed here if it is the endpoint's JSON object); ``None`` clears.

        :raises PyJWKSetError: if it is neither a ``PyJWKSet`` nor a JWK set with usable keys.
        """
        if jwk_set is None:
            self._jwk_set = None
            return
        if not isinstance(jwk_set, PyJWKSet):
            if not isinstance(jwk_set, Mapping):
                raise PyJWKSetError("Invalid JWK Set value")
            jwk_set = PyJWKSet.from_dict(jwk_set)
        self._jwk_set = jwk_set
        self._stored_at = time.monotonic()

    def get(self) -> PyJWKSet | None:
        """The cached set, or ``None`` when there is none or it has expired."""
        if self._jwk_set is None or self.is_expired():
            return None
        return self._jwk_set

    def is_expired(self) -> bool:
        return self._jwk_set is not None and time.monotonic() > self._stored_at + self.lifespan


class _NoRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Keys only ever come from the configured URI (PyJWT 2.14+): a 3xx response is not
    followed but surfaces as an ``HTTPError``, hence a ``PyJWKClientConnectionError``."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None


class _Deadline:
    """The end of one fetch: connections opened for it are shut down when it passes.

    Socket timeouts bound each read, not the fetch: a server that sends a byte now and then
    keeps every read short and the fetch alive forever. A timer shuts the connection's socket
    down at the deadline, which ends a blocked connect, TLS handshake, header or body read at
    once; each socket operation is also capped at the time left.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def socket_timeout(self, requested: Any) -> float:
        left = max(0.001, self.expires - time.monotonic())
        if isinstance(requested, (int, float)) and requested > 0:
            return min(float(requested), left)
        return left

    def watch(self, connection_or_socket: Any) -> None:
        """Shuts this connection's current socket (or this socket) down at the deadline."""
        with self._lock:
            self._connections.append(connection_or_socket)
            expired = self.expired
        if expired:
            self._shut(connection_or_socket)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for c in connections:
            self._shut(c)

    @staticmethod
    def _shut(connection_or_socket: Any) -> None:
        if isinstance(connection_or_socket, socket.socket):
            sock = connection_or_socket
        else:
            sock = getattr(connection_or_socket, "sock", None)
        if sock is None:
            return
        try:
            # The plain socket's shutdown, also for TLS sockets: it wakes a read blocked in
            # another thread with end-of-file, without touching the TLS object that read uses.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass

    def cancel(self) -> None:
        self._timer.cancel()


class _DeadlineHandler:
    """Mixed into urllib's HTTP(S) handlers: every connection they open is watched by the deadline."""

    _deadline: _Deadline

    def do_open(self, http_class: Any, req: Any, **http_conn_args: Any) -> Any:
        deadline = self._deadline

        def connection(host: str, timeout: Any = None, **kwargs: Any) -> Any:
            conn = http_class(host, timeout=deadline.socket_timeout(timeout), **kwargs)
            connect = conn.connect

            def watched_connect() -> None:
                # While connecting (and in the TLS handshake): whatever socket it has then.
                deadline.watch(conn)
                connect()
                # Then the socket itself: urllib drops `conn.sock` once the response headers
                # are in, while the body is still read from that socket.
                deadline.watch(conn.sock)

            conn.connect = watched_connect
            return conn

        return super().do_open(connection, req, **http_conn_args)  # type: ignore[misc]


class _HTTPHandler(_DeadlineHandler, urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline


class _HTTPSHandler(_DeadlineHandler, urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline, context: SSLContext | None) -> None:
        super().__init__(context=context)
        self._deadline = deadline


class _Flight:
    """One fetch in progress, shared by every thread that needs the set while it runs."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: PyJWKSet | None = None
        self.error: BaseException | None = None


class _JWKSClientPolicy:
    """What :class:`PyJWKClient` and :class:`~jwtcore.AsyncPyJWKClient` decide, without I/O.

    The constructor's checks, the set cache and its lifespan, the cooldown after a fetch, the
    one-fetch-at-a-time bookkeeping, the size limit, the parsing of a fetched body, the
    dropping of ``oct`` keys and the choice of signing keys live here once; the subclasses add
    only the transport (urllib, httpx) and the way a caller waits for a shared fetch (a thread
    event, an asyncio task). The key lookup itself is :meth:`_signing_key_steps`, a generator
    that each client drives with its own (blocking or awaited) :meth:`get_signing_keys`.
    """

    jwk_set_cache: JWKSetCache | None

    def __init__(
        self,
        uri: str,
        cache_jwk_set: bool,
        lifespan: float,
        headers: Mapping[str, Any] | None,
        timeout: float | None,
        ssl_context: SSLContext | None,
        cooldown_duration: float,
        max_response_bytes: int,
    ) -> None:
        # urllib would also open file://, ftp:// and data: URIs; a URI that reaches here from
        # untrusted input (a `jku` header, say) must not read local files.
        scheme = urlparse(uri).scheme.lower()
        if scheme not in ("http", "https"):
            raise PyJWKClientError(f"Invalid JWKS URI scheme {scheme!r}: only 'http' and 'https' are supported.")
        if cooldown_duration < 0 or not math.isfinite(cooldown_duration):
            raise PyJWKClientError(
                f'Cooldown duration must be a finite number greater than or equal to 0, the input is "{cooldown_duration}"'
            )
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes <= 0:
            raise PyJWKClientError(
                f'max_response_bytes must be a positive int (bytes), the input is "{max_response_bytes}"'
            )
        if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
            raise PyJWKClientError(f'Timeout must be a positive number of seconds or None, the input is "{timeout}"')
        self.uri = uri
        self.headers: dict[str, Any] = dict(headers or {})
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.cooldown_duration = cooldown_duration
        self.max_response_bytes = max_response_bytes
        self._last_successful_fetch: float | None = None
        # Guards this client's state only; never held while a fetch is on the network.
        self._client_lock = threading.RLock()
        self._flight: Any = None
        self.jwk_set_cache = None
        if cache_jwk_set:
            if not lifespan > 0:
                raise PyJWKClientError(f'Lifespan must be greater than 0, the input is "{lifespan}"')
            self.jwk_set_cache = JWKSetCache(lifespan)

    # One fetch at a time.

    def _begin_get(self, refresh: bool, new_flight: Callable[[], Any]) -> tuple[PyJWKSet | None, Any, bool]:
        """``(cached set, None, False)`` when the cache answers; else ``(None, flight, leader)``:
        the fetch in progress to join, or a new one (``new_flight()``) this caller leads."""
        with self._client_lock:
            if self.jwk_set_cache is not None and not refresh:
                cached = self.jwk_set_cache.get()
                if cached is not None:
                    return cached, None, False
            if self._flight is not None:
                return None, self._flight, False
            self._flight = new_flight()
            return None, self._flight, True

    def _end_flight(self, flight: Any) -> None:
        with self._client_lock:
            if self._flight is flight:
                self._flight = None

    # What a fetch returns.

    def _check_declared_length(self, declared: Any) -> None:
        """:raises _TooLarge: the response announces more than ``max_response_bytes``."""
        if isinstance(declared, str) and declared.strip().isdigit() and int(declared) > self.max_response_bytes:
            raise _TooLarge(f"{int(declared)} bytes declared")

    def _too_large(self, detail: _TooLarge) -> PyJWKClientError:
        return PyJWKClientError(
            f"The JWKS response is larger than max_response_bytes={self.max_response_bytes} ({detail}): refused"
        )

    def _connection_error(self, error: BaseException | None, timed_out: bool) -> PyJWKClientConnectionError:
        if timed_out:
            return PyJWKClientConnectionError(
                f'Fail to fetch data from the url, err: "the fetch took longer than timeout={self.timeout} s"'
            )
        return PyJWKClientConnectionError(f'Fail to fetch data from the url, err: "{error}"')

    def _accept_body(self, body: bytes) -> dict[str, Any]:
        """The endpoint's JSON object from ``body`` (at most ``max_response_bytes``); caches it
        (parsed, public keys only) when the set cache is on, and records the successful fetch.

        :raises PyJWKClientError: not a JSON object. :raises PyJWKSetError: no usable key.
        """
        try:
            jwk_set = json.loads(body)
        except (TypeError, ValueError, RecursionError) as e:
            raise PyJWKClientError(f"The JWKS endpoint did not return valid JSON: {e}") from e
        jwk_set = self._as_jwk_set_payload(jwk_set)
        # Only a successful fetch replaces the cache: clearing it on failure would turn an
        # endpoint outage into failed verifications of tokens whose keys are known.
        if self.jwk_set_cache is not None:
            parsed = _public_keys(PyJWKSet.from_dict(jwk_set))
            with self._client_lock:
                self.jwk_set_cache.put(parsed)
        with self._client_lock:
            self._last_successful_fetch = time.monotonic()
        return jwk_set

    def _accept_fetched(self, data: Any) -> PyJWKSet:
        """The set ``fetch_data`` returned (which may be overridden, so it is checked again),
        without ``oct`` keys; it is what gets cached, as an override may have transformed it."""
        if isinstance(data, PyJWKSet):
            jwk_set = _public_keys(data)
        else:
            jwk_set = _public_keys(PyJWKSet.from_dict(self._as_jwk_set_payload(data)))
        if self.jwk_set_cache is not None:
            with self._client_lock:
                self.jwk_set_cache.put(jwk_set)
        return jwk_set

    @staticmethod
    def _as_jwk_set_payload(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise PyJWKClientError("The JWKS endpoint did not return a JSON object")
        return data

    # Finding a key.

    @staticmethod
    def _get_signing_keys_from_jwk_set(jwk_set: PyJWKSet) -> list[PyJWK]:
        signing_keys = [
            k
            for k in jwk_set.keys
            if k.public_key_use in ("sig", None) and k.key_id and k.key.algorithm not in HMAC_ALGORITHMS
        ]
        if not signing_keys:
            raise PyJWKClientError("The JWKS endpoint did not contain any signing keys")
        return signing_keys

    def _signing_key_steps(self, kid: str) -> Generator[bool, list[PyJWK], PyJWK]:
        """The lookup of ``kid``: yields ``refresh`` each time it needs the signing keys (the
        driver sends back ``get_signing_keys(refresh)``), returns the key or raises.

        A miss refetches once, unless the last successful fetch is within the cooldown; then
        the keys are only read again (another caller's refresh may have brought the kid).
        """
        signing_key = self.match_kid((yield False), kid)
        if signing_key is None:
            with self._client_lock:
                cooling_down = (
                    self.jwk_set_cache is not None
                    and self._last_successful_fetch is not None
                    and time.monotonic() - self._last_successful_fetch < self.cooldown_duration
                )
            signing_key = self.match_kid((yield not cooling_down), kid)
            if not cooling_down:
                with self._client_lock:
                    self._last_successful_fetch = time.monotonic()
        if signing_key is None:
            raise PyJWKClientError(f'Unable to find a signing key that matches: "{kid}"')
        return signing_key

    @staticmethod
    def match_kid(signing_keys: list[PyJWK], kid: str) -> PyJWK | None:
        """The first key of ``signing_keys`` whose ``kid`` is ``kid``, else ``None``."""
        for key in signing_keys:
            if key.key_id == kid:
                return key
        return None


class PyJWKClient(_JWKSClientPolicy):
    """Fetches and caches a JWK set from ``uri`` and finds signing keys by ``kid``.

    :param uri: the JWKS endpoint; only ``http`` and ``https`` URIs are fetched, and redirects
        are refused (keys only ever come from this URI).
    :param cache_keys: also cache signing keys by ``kid`` (``functools.lru_cache`` over
        :meth:`get_signing_key`, ``max_cached_keys`` entries, no expiry), as PyJWT.
    :param max_cached_keys: the size of that key cache.
    :param cache_jwk_set: cache the parsed set for ``lifespan`` seconds (default). A failed
        fetch never clears it.
    :param lifespan: seconds a fetched set is used before it is fetched again.
    :param headers: extra request headers (``User-Agent``, ...).
    :param timeout: seconds the whole fetch may take: connecting, the TLS handshake, the
        response headers and the whole body (PyJWT bounds each socket read instead, so a
        server that drip-feeds its answer holds a caller indefinitely). ``None``: no bound.
    :param ssl_context: the TLS context for ``https`` URIs.
    :param cooldown_duration: an unknown ``kid`` refreshes the set once, but not within this
        many seconds of the last successful fetch (a token with a made-up ``kid`` must not make
        every request hit the endpoint); ``0`` always refreshes.
    :param max_response_bytes: the largest response body read (default
        :data:`DEFAULT_MAX_RESPONSE_BYTES`, 512 KiB); a larger one raises
        :class:`PyJWKClientError` after at most this many bytes are read. jwtcore only.

    Symmetric (``oct``) keys in the fetched set are ignored: a JWKS is public, so a secret in it
    would let anyone forge tokens (PyJWT uses them; jose refuses them, as jwtcore's core does).

    :raises PyJWKClientError: for another URI scheme, a non-positive ``lifespan`` (with the set
        cache on), a negative or infinite ``cooldown_duration``, a ``max_response_bytes`` that
        is not a positive int.

    Thread-safe, and lookups never wait on someone else's fetch unless they need its result:
    a ``kid`` found in the cached set is answered from the cache while another caller's
    refresh (for an unknown ``kid``) is on the network. Callers that need a fetch while one is
    running (a cold cache, concurrent misses) share it and its outcome, so the endpoint is
    fetched once.

    Security: the ``kid`` a token names is attacker-chosen; the cooldown limits how often it
    makes this client fetch, and ``timeout`` and ``max_response_bytes`` bound what one fetch
    costs when the endpoint is slow or hostile.
    """

    def __init__(
        self,
        uri: str,
        cache_keys: bool = False,
        max_cached_keys: int = 16,
        cache_jwk_set: bool = True,
        lifespan: float = 300,
        headers: Mapping[str, Any] | None = None,
        timeout: float | None = 30,
        ssl_context: SSLContext | None = None,
        cooldown_duration: float = 30,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        super().__init__(
            uri, cache_jwk_set, lifespan, headers, timeout, ssl_context, cooldown_duration, max_response_bytes
        )
        if cache_keys:
            # Per instance, so that two clients never share keys.
            self.get_signing_key = lru_cache(maxsize=max_cached_keys)(self.get_signing_key)  # type: ignore[method-assign]

    issuer: str | None = None
    """The issuer this client's keys belong to, when made by :meth:`from_issuer`."""

    @classmethod
    def from_issuer(
        cls: type[PyJWKClient],
        issuer: str,
        *,
        allow_http_loopback: bool = False,
        max_metadata_bytes: int = 64 * 1024,
        **kwargs: Any,
    ) -> PyJWKClient:
        """A client for the keys of an OpenID provider, found from its issuer URL.

        Fetches ``{issuer}/.well-known/openid-configuration`` (with this client's ``timeout``,
        ``headers`` and ``ssl_context``, redirects refused, at most ``max_metadata_bytes``),
        requires its ``issuer`` to equal ``issuer`` exactly, and returns a client for its
        ``jwks_uri`` built with ``kwargs`` (the constructor's arguments). ``issuer`` and
        ``jwks_uri`` must be https; ``allow_http_loopback=True`` admits http to loopback hosts
        only (tests). The client's ``issuer`` attribute is set: pass it to ``decode(issuer=)``.

        :raises jwtcore.oidc.OIDCDiscoveryConnectionError: the document could not be fetched.
        :raises jwtcore.oidc.IssuerMismatchError: the document names another issuer.
        :raises jwtcore.oidc.OIDCDiscoveryError: no ``jwks_uri``, an http URL, not JSON, too large.
        """
        from .oidc import discover

        metadata = discover(
            issuer,
            timeout=kwargs.get("timeout", 30),
            headers=kwargs.get("headers"),
            ssl_context=kwargs.get("ssl_context"),
            max_response_bytes=max_metadata_bytes,
            allow_http_loopback=allow_http_loopback,
        )
        client = cls(metadata.jwks_uri, **kwargs)
        client.issuer = metadata.issuer
        return client

    def fetch_data(self) -> Any:
        """Fetches the endpoint and returns its JSON; caches it (parsed) when the set cache is on.

        Takes no lock: :meth:`get_jwk_set` makes concurrent callers share one fetch.

        :raises PyJWKClientConnectionError: the request failed (unreachable, HTTP error status,
            redirect) or took longer than ``timeout`` in total.
        :raises PyJWKClientError: the body is larger than ``max_response_bytes`` or is not a
            JSON object.
        :raises PyJWKSetError: the set cache is on and the set has no usable key.
        """
        r = urllib.request.Request(url=self.uri, headers=self.headers)
        deadline = _Deadline(self.timeout) if self.timeout is not None else None
        handlers: list[Any] = [_NoRedirectHandler()]
        if deadline is not None:
            handlers += [_HTTPHandler(deadline), _HTTPSHandler(deadline, self.ssl_context)]
        elif self.ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self.ssl_context))
        limit = self.max_response_bytes
        try:
            opener = urllib.request.build_opener(*handlers)
            with opener.open(r, timeout=self.timeout) as response:
                declared = getattr(response, "headers", None)
                self._check_declared_length(declared.get("Content-Length") if declared is not None else None)
                body = response.read(limit + 1)
                if len(body) > limit:
                    raise _TooLarge("more")
                if deadline is not None and deadline.expired:
                    raise TimeoutError("the deadline passed while reading")
        except _TooLarge as e:
            raise self._too_large(e) from None
        except (OSError, http.client.HTTPException) as e:
            # OSError covers URLError and HTTPError, TimeoutError and a connection reset while
            # reading; HTTPException covers malformed responses and invalid URLs (and a read
            # cut short by the deadline).
            if isinstance(e, HTTPError):
                e.close()
            raise self._connection_error(e, deadline is not None and deadline.expired) from e
        finally:
            if deadline is not None:
                deadline.cancel()
        return self._accept_body(body)

    def get_jwk_set(self, refresh: bool = False) -> PyJWKSet:
        """The JWK set: from the cache unless it is empty, expired or ``refresh`` is set.

        A fetch already running for another caller is joined (its set or its error is this
        call's) rather than started again.

        :raises PyJWKClientConnectionError: the fetch failed or timed out.
        :raises PyJWKClientError: the endpoint did not return a JSON object within the size limit.
        :raises PyJWKSetError: the set has no usable key.
        """
        cached, flight, leader = self._begin_get(refresh, _Flight)
        if cached is not None:
            return cached
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise _copy(flight.error) from flight.error
            return cast(PyJWKSet, flight.result)
        try:
            flight.result = self._accept_fetched(self.fetch_data())
            return flight.result
        except BaseException as e:
            flight.error = e
            raise
        finally:
            self._end_flight(flight)
            flight.done.set()

    def get_signing_keys(self, refresh: bool = False) -> list[PyJWK]:
        """The set's keys that have a ``kid`` and a ``use`` of ``sig`` or none.

        :raises PyJWKClientError: there are none.
        """
        return self._get_signing_keys_from_jwk_set(self.get_jwk_set(refresh))

    def get_signing_key(self, kid: str) -> PyJWK:
        """The signing key with this ``kid``; on a miss, refetches once (cooldown permitting).

        :raises PyJWKClientError: no key matches, even after the refresh.
        """
        steps = self._signing_key_steps(kid)
        try:
            refresh = next(steps)
            while True:
                refresh = steps.send(self.get_signing_keys(refresh))
        except StopIteration as done:
            return cast(PyJWK, done.value)
        finally:
            steps.close()

    def get_signing_key_from_jwt(self, token: str | bytes) -> PyJWK:
        """The signing key named by the token's (unverified) ``kid`` header.

        :raises DecodeError: the token is malformed, too long or its ``kid`` is not a string.
        """
        header = get_unverified_header(token)
        return self.get_signing_key(header.get("kid"))  # type: ignore[arg-type]


class _TooLarge(Exception):
    pass


def _public_keys(jwk_set: PyJWKSet) -> PyJWKSet:
    """``jwk_set`` without its symmetric (``oct``) keys: a set fetched from an endpoint is public
    (RFC 7517 §9.3), so a secret in it is known to everyone and must never verify a token (an
    HS256 forgery with no ``kid`` needed; issue 15 F1, as the core's ``KeySet::from_jwks``).

    :raises PyJWKSetError: nothing else is left.
    """
    public = [k for k in jwk_set.keys if k.key.algorithm not in HMAC_ALGORITHMS]
    if len(public) == len(jwk_set.keys):
        return jwk_set
    if not public:
        raise PyJWKSetError("The JWK Set did not contain any usable keys (symmetric keys are ignored)")
    filtered = copy.copy(jwk_set)
    filtered.keys = public
    return filtered


def _copy(error: BaseException) -> BaseException:
    """A fresh exception like ``error`` for another thread to raise (raising one instance from
    several threads would interleave their tracebacks on it)."""
    try:
        copy = type(error)(*error.args)
        copy.__dict__.update(error.__dict__)
    except Exception:
        return error
    return copy
