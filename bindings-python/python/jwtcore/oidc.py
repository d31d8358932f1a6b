"""OpenID Connect discovery: an identity provider's keys from its issuer URL.

:func:`discover` (and :func:`adiscover` for asyncio) fetch
``{issuer}/.well-known/openid-configuration`` (OpenID Connect Discovery 1.0 §4) with the JWKS
clients' own bounds — a total ``timeout``, a ``max_response_bytes`` limit, redirects refused —
and require the document's ``issuer`` to equal the configured issuer exactly (§4.3: a document
naming another issuer is someone else's, and its keys must not verify this issuer's tokens).
:meth:`PyJWKClient.from_issuer <jwtcore.PyJWKClient.from_issuer>` and
:meth:`AsyncPyJWKClient.from_issuer <jwtcore.AsyncPyJWKClient.from_issuer>` then use its
``jwks_uri`` with the usual cached client.

Issuer and ``jwks_uri`` must be ``https`` URLs; ``allow_http_loopback=True`` admits ``http`` to
``127.0.0.0/8``, ``::1`` and ``localhost`` only (tests and local development), never elsewhere.

Usage::

    from jwtcore import PyJWKClient

    jwks = PyJWKClient.from_issuer("https://accounts.example", timeout=5)
    key = jwks.get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key, issuer=jwks.issuer, audience="api")
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from ssl import SSLContext
from typing import Any
from urllib.parse import urlsplit

from .exceptions import PyJWKClientConnectionError, PyJWKClientError

__all__ = [
    "OIDCDiscoveryError",
    "OIDCDiscoveryConnectionError",
    "IssuerMismatchError",
    "ProviderMetadata",
    "discovery_url",
    "discover",
    "adiscover",
]

DEFAULT_MAX_METADATA_BYTES = 64 * 1024
"""The largest discovery document read by default (providers' are 2–6 KiB)."""


class OIDCDiscoveryError(PyJWKClientError):
    """The provider's discovery document could not be used: not a JSON object, too large, no
    ``jwks_uri``, an ``http`` URL, ... (the message says which)."""


class OIDCDiscoveryConnectionError(OIDCDiscoveryError, PyJWKClientConnectionError):
    """The discovery document could not be fetched: unreachable, an HTTP error status, a
    redirect (never followed) or the ``timeout`` passed."""


class IssuerMismatchError(OIDCDiscoveryError):
    """The document's ``issuer`` is not exactly the configured issuer (OIDC Discovery §4.3)."""


@dataclass(frozen=True)
class ProviderMetadata:
    """The checked discovery document: ``issuer`` (equal to the configured one), ``jwks_uri``,
    and ``raw``, the whole JSON object."""

    issuer: str
    jwks_uri: str
    raw: dict[str, Any] = field(repr=False)


def _loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(url: Any, what: str, allow_http_loopback: bool) -> str:
    if not isinstance(url, str) or not url:
        raise OIDCDiscoveryError(f"{what} must be a non-empty URL string, got {url!r}")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as e:
        raise OIDCDiscoveryError(f"{what} is not a valid URL: {url!r} ({e})") from None
    if parts.scheme not in ("https", "http"):
        raise OIDCDiscoveryError(f"{what} {url!r} must use https")
    if not host:
        raise OIDCDiscoveryError(f"{what} has no host: {url!r}")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and allow_http_loopback and _loopback(host):
        return url
    if parts.scheme == "http" and allow_http_loopback:
        raise OIDCDiscoveryError(f"{what} {url!r} uses http to a non-loopback host: only https is accepted there")
    raise OIDCDiscoveryError(
        f"{what} {url!r} must use https (allow_http_loopback=True admits http to 127.0.0.1/localhost only)"
    )


def discovery_url(issuer: str, *, allow_http_loopback: bool = False) -> str:
    """The discovery document's URL for ``issuer``: the issuer without a trailing ``/``, then
    ``/.well-known/openid-configuration`` (OIDC Discovery §4.1).

    >>> discovery_url("https://login.example/tenant/")
    'https://login.example/tenant/.well-known/openid-configuration'

    :raises OIDCDiscoveryError: not an https URL, or one with a query or fragment (an issuer
        has neither, OIDC Core §2).
    """
    _check_url(issuer, "the issuer", allow_http_loopback)
    parts = urlsplit(issuer)
    if parts.query or parts.fragment or "?" in issuer or "#" in issuer:
        raise OIDCDiscoveryError(f"the issuer {issuer!r} must not have a query or fragment")
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def _metadata(document: Any, issuer: str, allow_http_loopback: bool) -> ProviderMetadata:
    if not isinstance(document, dict):
        raise OIDCDiscoveryError("the discovery document is not a JSON object")
    found = document.get("issuer")
    # Exact string equality, as §4.3 says: no case folding, no trailing-slash leniency.
    if found != issuer:
        raise IssuerMismatchError(
            f"the discovery document names issuer {found!r}, not the configured {issuer!r}: refused"
        )
    if "jwks_uri" not in document:
        raise OIDCDiscoveryError(f"the discovery document of {issuer!r} has no jwks_uri")
    jwks_uri = _check_url(document["jwks_uri"], "the jwks_uri", allow_http_loopback)
    return ProviderMetadata(issuer, jwks_uri, document)


def _fetch_failure(e: PyJWKClientError, url: str) -> OIDCDiscoveryError:
    """The JWKS fetcher's error, reworded for the discovery document (same class family)."""
    detail = str(e).replace("The JWKS response", "The discovery document").replace("The JWKS endpoint", url)
    if isinstance(e, PyJWKClientConnectionError):
        return OIDCDiscoveryConnectionError(f"could not fetch {url}: {detail}")
    return OIDCDiscoveryError(f"{url}: {detail}")


def _fetcher_args(headers: Mapping[str, Any] | None, timeout: float | None, ssl_context: SSLContext | None,
                  max_response_bytes: int) -> dict[str, Any]:
    # The JWKS clients' transport with the set cache off: fetch_data then returns the JSON
    # object as read, under the same timeout, size limit and no-redirect rule.
    return {"cache_jwk_set": False, "headers": {"Accept": "application/json", **(headers or {})},
            "timeout": timeout, "ssl_context": ssl_context, "max_response_bytes": max_response_bytes}


def discover(
    issuer: str,
    *,
    timeout: float | None = 30,
    headers: Mapping[str, Any] | None = None,
    ssl_context: SSLContext | None = None,
    max_response_bytes: int = DEFAULT_MAX_METADATA_BYTES,
    allow_http_loopback: bool = False,
) -> ProviderMetadata:
    """Fetches and checks ``issuer``'s discovery document (blocking, with urllib).

    :raises OIDCDiscoveryConnectionError: unreachable, an HTTP error, a redirect, the timeout.
    :raises IssuerMismatchError: the document names another issuer.
    :raises OIDCDiscoveryError: anything else wrong with the issuer or the document.
    """
    from .jwks_client import PyJWKClient

    url = discovery_url(issuer, allow_http_loopback=allow_http_loopback)
    fetcher = PyJWKClient(url, **_fetcher_args(headers, timeout, ssl_context, max_response_bytes))
    try:
        document = fetcher.fetch_data()
    except PyJWKClientError as e:
        raise _fetch_failure(e, url) from e
    return _metadata(document, issuer, allow_http_loopback)


async def adiscover(
    issuer: str,
    *,
    timeout: float | None = 30,
    headers: Mapping[str, Any] | None = None,
    ssl_context: SSLContext | None = None,
    max_response_bytes: int = DEFAULT_MAX_METADATA_BYTES,
    allow_http_loopback: bool = False,
) -> ProviderMetadata:
    """:func:`discover` for asyncio, on httpx (``pip install 'jwtcore[async]'``)."""
    from .jwks_client_aio import AsyncPyJWKClient

    url = discovery_url(issuer, allow_http_loopback=allow_http_loopback)
    fetcher = AsyncPyJWKClient(url, **_fetcher_args(headers, timeout, ssl_context, max_response_bytes))
    try:
        document = await fetcher.fetch_data()
    except PyJWKClientError as e:
        raise _fetch_failure(e, url) from e
    return _metadata(document, issuer, allow_http_loopback)
