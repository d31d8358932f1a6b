"""PyJWT's ``PyJWKClient``: signing keys from a JWKS endpoint, with PyJWT 2.15's caching rules.

The endpoint is fetched with the standard library only, as PyJWT 2.14+ does:
``urllib.request.build_opener(<no-redirect handler>[, HTTPSHandler(context=ssl_context)])
.open(urllib.request.Request(url=uri, headers=headers), timeout=timeout)``, with
``build_opener`` looked up on ``urllib.request`` at every call so that tests that mock it (as
PyJWT's users do) keep working. The keys are parsed by the core (:class:`~jwtcore.PyJWKSet`).
"""

from __future__ import annotations

import http.client
import json
import math
import threading
import time
import urllib.request
from collections.abc import Mapping
from functools import lru_cache
from ssl import SSLContext
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlparse

from . import PyJWK, PyJWKSet, get_unverified_header
from .exceptions import PyJWKClientConnectionError, PyJWKClientError, PyJWKSetError

__all__ = ["JWKSetCache", "PyJWKClient"]


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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keys only ever come from the configured URI (PyJWT 2.14+): a 3xx response is not
    followed but surfaces as an ``HTTPError``, hence a ``PyJWKClientConnectionError``."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None


class PyJWKClient:
    """Fetches and caches a JWK set from ``uri`` and finds signing keys by ``kid``.

    Two caches, as in PyJWT:

    - the JWK set (``cache_jwk_set=True``, the default), for ``lifespan`` seconds. A failed
      fetch never clears it.
    - signing keys by ``kid`` (``cache_keys=True``): ``functools.lru_cache`` over
      :meth:`get_signing_key` with ``max_cached_keys`` entries and no expiry.

    An unknown ``kid`` refreshes the set once, but not within ``cooldown_duration`` seconds of
    the last successful fetch (a token with a made-up ``kid`` must not make every request hit
    the endpoint); ``cooldown_duration=0`` always refreshes. Only ``http`` and ``https`` URIs
    are fetched, and redirects are refused.

    Thread-safe: one re-entrant lock serializes fetches and lookups, so concurrent requests on
    a cold cache fetch once.
    """

    def __init__(
        self,
        uri: str,
        cache_keys: bool = False,
        max_cached_keys: int = 16,
        cache_jwk_set: bool = True,
        lifespan: float = 300,
        headers: Mapping[str, Any] | None = None,
        timeout: float = 30,
        ssl_context: SSLContext | None = None,
        cooldown_duration: float = 30,
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
        self.uri = uri
        self.headers: dict[str, Any] = dict(headers or {})
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.cooldown_duration = cooldown_duration
        self._last_successful_fetch: float | None = None
        self._client_lock = threading.RLock()
        self.jwk_set_cache: JWKSetCache | None = None
        if cache_jwk_set:
            if not lifespan > 0:
                raise PyJWKClientError(f'Lifespan must be greater than 0, the input is "{lifespan}"')
            self.jwk_set_cache = JWKSetCache(lifespan)
        if cache_keys:
            # Per instance, so that two clients never share keys.
            self.get_signing_key = lru_cache(maxsize=max_cached_keys)(self.get_signing_key)  # type: ignore[method-assign]

    def fetch_data(self) -> Any:
        """Fetches the endpoint and returns its JSON; caches it (parsed) when the set cache is on.

        :raises PyJWKClientConnectionError: the request failed (unreachable, timeout, HTTP
            error status, redirect).
        :raises PyJWKClientError: the body is not a JSON object.
        :raises PyJWKSetError: the set cache is on and the set has no usable key.
        """
        r = urllib.request.Request(url=self.uri, headers=self.headers)
        handlers: list[Any] = [_NoRedirect()]
        if self.ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self.ssl_context))
        try:
            opener = urllib.request.build_opener(*handlers)
            with opener.open(r, timeout=self.timeout) as response:
                body = response.read()
        except (OSError, http.client.HTTPException) as e:
            # OSError covers URLError and HTTPError, TimeoutError and a connection reset while
            # reading; HTTPException covers malformed responses and invalid URLs.
            if isinstance(e, HTTPError):
                e.close()
            raise PyJWKClientConnectionError(f'Fail to fetch data from the url, err: "{e}"') from e
        try:
            jwk_set = json.loads(body)
        except (TypeError, ValueError, RecursionError) as e:
            raise PyJWKClientError(f"The JWKS endpoint did not return valid JSON: {e}") from e
        jwk_set = self._as_jwk_set_payload(jwk_set)
        # Only a successful fetch replaces the cache: clearing it on failure would turn an
        # endpoint outage into failed verifications of tokens whose keys are known.
        if self.jwk_set_cache is not None:
            self.jwk_set_cache.put(jwk_set)
        self._last_successful_fetch = time.monotonic()
        return jwk_set

    def get_jwk_set(self, refresh: bool = False) -> PyJWKSet:
        """The JWK set: from the cache unless it is empty, expired or ``refresh`` is set.

        :raises PyJWKClientError: the endpoint did not return a JSON object (or a fetch error).
        :raises PyJWKSetError: the set has no usable key.
        """
        with self._client_lock:
            data: Any = None
            fetched = False
            if self.jwk_set_cache is not None and not refresh:
                data = self.jwk_set_cache.get()
            if data is None:
                data = self.fetch_data()
                fetched = True
            if isinstance(data, PyJWKSet):
                jwk_set = data
            else:
                # `fetch_data` may be overridden, so its result is checked again here.
                jwk_set = PyJWKSet.from_dict(self._as_jwk_set_payload(data))
            # Cache what is returned: an override of `fetch_data` may have transformed the
            # payload it fetched (and cached).
            if fetched and self.jwk_set_cache is not None:
                self.jwk_set_cache.put(jwk_set)
            return jwk_set

    @staticmethod
    def _as_jwk_set_payload(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise PyJWKClientError("The JWKS endpoint did not return a JSON object")
        return data

    def get_signing_keys(self, refresh: bool = False) -> list[PyJWK]:
        """The set's keys that have a ``kid`` and a ``use`` of ``sig`` or none.

        :raises PyJWKClientError: there are none.
        """
        return self._get_signing_keys_from_jwk_set(self.get_jwk_set(refresh))

    @staticmethod
    def _get_signing_keys_from_jwk_set(jwk_set: PyJWKSet) -> list[PyJWK]:
        signing_keys = [k for k in jwk_set.keys if k.public_key_use in ("sig", None) and k.key_id]
        if not signing_keys:
            raise PyJWKClientError("The JWKS endpoint did not contain any signing keys")
        return signing_keys

    def get_signing_key(self, kid: str) -> PyJWK:
        """The signing key with this ``kid``; on a miss, refetches once (cooldown permitting).

        :raises PyJWKClientError: no key matches, even after the refresh.
        """
        with self._client_lock:
            signing_key = self.match_kid(self.get_signing_keys(), kid)
            if signing_key is None:
                cooling_down = (
                    self.jwk_set_cache is not None
                    and self._last_successful_fetch is not None
                    and time.monotonic() - self._last_successful_fetch < self.cooldown_duration
                )
                if not cooling_down:
                    signing_key = self.match_kid(self.get_signing_keys(refresh=True), kid)
                    self._last_successful_fetch = time.monotonic()
            if signing_key is None:
                raise PyJWKClientError(f'Unable to find a signing key that matches: "{kid}"')
            return signing_key

    def get_signing_key_from_jwt(self, token: str | bytes) -> PyJWK:
        """The signing key named by the token's (unverified) ``kid`` header.

        :raises DecodeError: the token is malformed or its ``kid`` is not a string.
        """
        header = get_unverified_header(token)
        return self.get_signing_key(header.get("kid"))  # type: ignore[arg-type]

    @staticmethod
    def match_kid(signing_keys: list[PyJWK], kid: str) -> PyJWK | None:
        """The first key of ``signing_keys`` whose ``kid`` is ``kid``, else ``None``."""
        for key in signing_keys:
            if key.key_id == kid:
                return key
        return None
