"""``AsyncPyJWKClient``: :class:`~jwtcore.PyJWKClient` for asyncio services, on httpx.

``pip install jwtcore[async]`` installs httpx (the standard async HTTP client, from the encode
organisation, as Starlette and Uvicorn). The client has the same
constructor arguments, methods (as coroutines) and rules as :class:`~jwtcore.PyJWKClient`:
those rules live once, in :class:`jwtcore.jwks_client._JWKSClientPolicy`, which both clients
extend; this module adds the transport (one ``httpx.AsyncClient`` per fetch, redirects never
followed, the body streamed up to ``max_response_bytes``, the whole fetch under
``asyncio.wait_for(timeout)``) and the sharing of a fetch between coroutines (an asyncio task).

Usage::

    from jwtcore import AsyncPyJWKClient

    jwks = AsyncPyJWKClient("https://idp.example/.well-known/jwks.json", timeout=5)
    signing_key = await jwks.get_signing_key_from_jwt(token)
    claims = jwt.decode(token, signing_key, audience="api")
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping
from ssl import SSLContext
from typing import Any, cast

from .api_jwk import PyJWK, PyJWKSet
from .api_jws import get_unverified_header
from .jwks_client import DEFAULT_MAX_RESPONSE_BYTES, _copy, _JWKSClientPolicy, _TooLarge

__all__ = ["AsyncPyJWKClient"]


def _httpx() -> Any:
    try:
        import httpx
    except ImportError as e:  # pragma: no cover - the test environment has httpx
        raise ImportError(
            "AsyncPyJWKClient needs httpx: pip install 'jwtcore[async]'"
        ) from e
    return httpx


class AsyncPyJWKClient(_JWKSClientPolicy):
    """Fetches and caches a JWK set from ``uri`` and finds signing keys by ``kid``, as coroutines.

    The arguments are :class:`~jwtcore.PyJWKClient`'s, with the same meaning and checks:

    :param uri: the JWKS endpoint; only ``http`` and ``https`` URIs are fetched, and redirects
        are refused (httpx's ``follow_redirects=False``: a 3xx answer is an error).
    :param cache_keys: also cache signing keys by ``kid`` (``max_cached_keys`` entries, least
        recently used evicted, no expiry), as ``PyJWKClient``'s ``lru_cache``.
    :param max_cached_keys: the size of that key cache.
    :param cache_jwk_set: cache the parsed set for ``lifespan`` seconds (default). A failed
        fetch never clears it.
    :param lifespan: seconds a fetched set is used before it is fetched again.
    :param headers: extra request headers (``User-Agent``, ...). ``Accept-Encoding`` is
        ``identity`` unless given here: the size limit counts the bytes received.
    :param timeout: seconds the whole fetch may take (connecting, TLS, headers and the whole
        body: ``asyncio.wait_for`` around it, not httpx's per-read timeouts, which a
        drip-feeding server never trips). ``None``: no bound.
    :param ssl_context: the TLS context for ``https`` URIs (httpx's ``verify``).
    :param cooldown_duration: an unknown ``kid`` refreshes the set once, but not within this
        many seconds of the last successful fetch; ``0`` always refreshes.
    :param max_response_bytes: the largest response body read (default 512 KiB); a larger one
        raises :class:`PyJWKClientError` after at most this many bytes are read.

    Symmetric (``oct``) keys in the fetched set are ignored, as by ``PyJWKClient``.

    :raises ImportError: httpx is not installed (``pip install jwtcore[async]``).
    :raises PyJWKClientError: for another URI scheme, a non-positive ``lifespan`` (with the set
        cache on), a negative or infinite ``cooldown_duration``, a ``max_response_bytes`` that
        is not a positive int, a non-positive ``timeout``.

    Coroutines that need a fetch while one is running (a cold cache, concurrent misses of a
    ``kid``) await the same one (an asyncio task), so the endpoint is fetched once and they all
    get its set or its error; a caller that is cancelled does not cancel the fetch for the
    others. A ``kid`` found in the cached set is answered without awaiting anything, also
    while another coroutine's refresh is on the network. One client may serve several event
    loops one after the other (each fetch opens its own ``httpx.AsyncClient``), but a fetch is
    shared only within the loop that started it.

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
        self._httpx = _httpx()
        super().__init__(
            uri, cache_jwk_set, lifespan, headers, timeout, ssl_context, cooldown_duration, max_response_bytes
        )
        self.max_cached_keys = max_cached_keys
        self._signing_key_cache: OrderedDict[str, PyJWK] | None = OrderedDict() if cache_keys else None

    issuer: str | None = None
    """The issuer this client's keys belong to, when made by :meth:`from_issuer`."""

    @classmethod
    async def from_issuer(
        cls: type[AsyncPyJWKClient],
        issuer: str,
        *,
        allow_http_loopback: bool = False,
        max_metadata_bytes: int = 64 * 1024,
        **kwargs: Any,
    ) -> AsyncPyJWKClient:
        """:meth:`PyJWKClient.from_issuer <jwtcore.PyJWKClient.from_issuer>` for asyncio (a
        coroutine: ``jwks = await AsyncPyJWKClient.from_issuer(issuer)``); the discovery
        document is fetched with httpx under the same bounds.

        :raises jwtcore.oidc.OIDCDiscoveryConnectionError: the document could not be fetched.
        :raises jwtcore.oidc.IssuerMismatchError: the document names another issuer.
        :raises jwtcore.oidc.OIDCDiscoveryError: no ``jwks_uri``, an http URL, not JSON, too large.
        """
        from .oidc import adiscover

        metadata = await adiscover(
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

    async def fetch_data(self) -> Any:
        """Fetches the endpoint and returns its JSON; caches it (parsed) when the set cache is on.

        :meth:`get_jwk_set` makes concurrent callers share one fetch; this method fetches
        every time it is called.

        :raises PyJWKClientConnectionError: the request failed (unreachable, HTTP error status,
            redirect) or took longer than ``timeout`` in total.
        :raises PyJWKClientError: the body is larger than ``max_response_bytes`` or is not a
            JSON object.
        :raises PyJWKSetError: the set cache is on and the set has no usable key.
        """
        httpx = self._httpx
        try:
            body = await asyncio.wait_for(self._download(), self.timeout)
        except _TooLarge as e:
            raise self._too_large(e) from None
        except asyncio.TimeoutError as e:
            raise self._connection_error(e, timed_out=True) from e
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as e:
            raise self._connection_error(e, timed_out=False) from e
        return self._accept_body(body)

    async def _download(self) -> bytes:
        httpx = self._httpx
        headers = {"Accept-Encoding": "identity", **self.headers}
        limit = self.max_response_bytes
        verify: Any = self.ssl_context if self.ssl_context is not None else True
        # No httpx timeout: `wait_for` in fetch_data bounds the whole fetch (or nothing does).
        async with httpx.AsyncClient(verify=verify, follow_redirects=False, timeout=None) as client:
            async with client.stream("GET", self.uri, headers=headers) as response:
                if response.status_code >= 300:
                    # urllib's wording, so that both clients report the same error.
                    raise httpx.HTTPStatusError(
                        f"HTTP Error {response.status_code}: {response.reason_phrase}",
                        request=response.request,
                        response=response,
                    )
                self._check_declared_length(response.headers.get("Content-Length"))
                body = bytearray()
                # Raw bytes: what the size limit counts is what arrives, never a decompression.
                async for chunk in response.aiter_raw():
                    body += chunk
                    if len(body) > limit:
                        raise _TooLarge("more")
                return bytes(body)

    async def get_jwk_set(self, refresh: bool = False) -> PyJWKSet:
        """The JWK set: from the cache unless it is empty, expired or ``refresh`` is set.

        A fetch already running for another coroutine is awaited (its set or its error is
        this call's) rather than started again.

        :raises PyJWKClientConnectionError: the fetch failed or timed out.
        :raises PyJWKClientError: the endpoint did not return a JSON object within the size limit.
        :raises PyJWKSetError: the set has no usable key.
        """
        loop = asyncio.get_running_loop()
        cached, flight, leader = self._begin_get(refresh, lambda: loop.create_task(self._fetch_shared()))
        if cached is not None:
            return cached
        if leader:
            flight.add_done_callback(self._flight_done)
        elif flight.get_loop() is not loop:
            # Another loop's fetch cannot be awaited here; this call fetches on its own.
            return self._accept_fetched(await self.fetch_data())
        try:
            # shield: cancelling one caller leaves the fetch to the others.
            return cast(PyJWKSet, await asyncio.shield(flight))
        except Exception as e:
            # Each caller raises its own exception object (one shared instance would collect
            # every caller's traceback).
            raise _copy(e) from e

    async def _fetch_shared(self) -> PyJWKSet:
        return self._accept_fetched(await self.fetch_data())

    def _flight_done(self, flight: asyncio.Task[PyJWKSet]) -> None:
        self._end_flight(flight)
        if not flight.cancelled():
            flight.exception()  # retrieved, even if every caller was cancelled meanwhile

    async def get_signing_keys(self, refresh: bool = False) -> list[PyJWK]:
        """The set's keys that have a ``kid`` and a ``use`` of ``sig`` or none.

        :raises PyJWKClientError: there are none.
        """
        return self._get_signing_keys_from_jwk_set(await self.get_jwk_set(refresh))

    async def get_signing_key(self, kid: str) -> PyJWK:
        """The signing key with this ``kid``; on a miss, refetches once (cooldown permitting).

        :raises PyJWKClientError: no key matches, even after the refresh.
        """
        keys = self._signing_key_cache
        if keys is not None and kid in keys:
            keys.move_to_end(kid)
            return keys[kid]
        steps = self._signing_key_steps(kid)
        try:
            refresh = next(steps)
            while True:
                refresh = steps.send(await self.get_signing_keys(refresh))
        except StopIteration as done:
            signing_key = cast(PyJWK, done.value)
        finally:
            steps.close()
        if keys is not None:
            keys[kid] = signing_key
            while len(keys) > self.max_cached_keys:
                keys.popitem(last=False)
        return signing_key

    async def get_signing_key_from_jwt(self, token: str | bytes) -> PyJWK:
        """The signing key named by the token's (unverified) ``kid`` header.

        :raises DecodeError: the token is malformed, too long or its ``kid`` is not a string.
        :raises PyJWKClientError: as :meth:`get_signing_key`.
        """
        header = get_unverified_header(token)
        return await self.get_signing_key(header.get("kid"))  # type: ignore[arg-type]
