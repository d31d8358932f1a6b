"""OIDC discovery (jwtcore.oidc, PyJWKClient.from_issuer, AsyncPyJWKClient.from_issuer) against
a provider on 127.0.0.1: a matching document, a mismatched issuer, no jwks_uri, a redirect, an
oversized document, http URLs, and a key rotation seen through the discovered client. Also runs
the README's discovery example."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

import jwtcore as jwt
from jwtcore import AsyncPyJWKClient, PyJWKClient, PyJWKClientConnectionError, PyJWKClientError, _core
from jwtcore import oidc
from loopback_http import Provider, self_signed_cert


def public_jwk(private_key, kid):
    der = private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return {**json.loads(_core.CoreKey.from_der(der).to_jwk(False)), "kid": kid, "use": "sig"}


EC_1 = ec.generate_private_key(ec.SECP256R1())
EC_2 = ec.generate_private_key(ec.SECP256R1())


def token(key, kid, issuer, aud="api"):
    claims = {"iss": issuer, "aud": aud, "sub": "alice", "exp": int(time.time()) + 300}
    return jwt.encode(claims, key, algorithm="ES256", headers={"kid": kid})


@pytest.fixture
def provider():
    p = Provider()
    yield p
    p.stop()


# bindings-python/README.md § OIDC discovery, verbatim.
import jwtcore as jwt
from jwtcore import PyJWKClient


def make_verifier(issuer: str, audience: str, **options):
    # At start-up: one discovery, then the JWKS client caches the keys (and refetches on an
    # unknown kid, cooldown permitting).
    jwks = PyJWKClient.from_issuer(issuer, timeout=5, **options)

    def verify(token: str) -> dict:
        key = jwks.get_signing_key_from_jwt(token)
        return jwt.decode(token, key, issuer=jwks.issuer, audience=audience)

    return verify
# end of the README example


def test_readme_example_verifies_through_discovery(provider):
    issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]})
    verify = make_verifier(issuer, "api", allow_http_loopback=True)
    assert verify(token(EC_1, "k1", issuer))["sub"] == "alice"
    # The issuer check is decode's, with the discovered issuer: another issuer's token fails.
    with pytest.raises(jwt.InvalidIssuerError):
        verify(token(EC_1, "k1", issuer + "/other"))
    with pytest.raises(jwt.InvalidAudienceError):
        verify(token(EC_1, "k1", issuer, aud="other"))
    assert provider.hits["/idp/.well-known/openid-configuration"] == 1


def test_discovery_document_fields(provider):
    issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]}, token_endpoint="https://x/token")
    meta = oidc.discover(issuer, allow_http_loopback=True)
    assert meta.issuer == issuer
    assert meta.jwks_uri == issuer + "/jwks.json"
    assert meta.raw["token_endpoint"] == "https://x/token"
    # A trailing slash on the issuer is not part of the well-known path (OIDC Discovery §4.1),
    # but the document must then name the issuer with the slash: exact equality.
    with pytest.raises(oidc.IssuerMismatchError):
        oidc.discover(issuer + "/", allow_http_loopback=True)
    assert oidc.discovery_url(issuer + "/", allow_http_loopback=True) == issuer + "/.well-known/openid-configuration"


@pytest.mark.parametrize(
    "named",
    ["https://evil.example", "{issuer}/", "{ISSUER}", "{issuer}x", None, 42],
)
def test_issuer_mismatch_refused(provider, named):
    issuer = f"{provider.base}/idp"
    if isinstance(named, str):
        named = named.format(issuer=issuer, ISSUER=issuer.upper())
    provider.routes["/idp/.well-known/openid-configuration"] = (
        200, {}, {"issuer": named, "jwks_uri": issuer + "/jwks.json"},
    )
    with pytest.raises(oidc.IssuerMismatchError, match="not the configured"):
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    with pytest.raises(oidc.IssuerMismatchError):
        asyncio.run(AsyncPyJWKClient.from_issuer(issuer, allow_http_loopback=True))


def test_missing_or_bad_jwks_uri(provider):
    issuer = provider.issuer("nojwks", jwks_uri=None)
    with pytest.raises(oidc.OIDCDiscoveryError, match="no jwks_uri"):
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    # jwks_uri over http to a non-loopback host: refused even with the loopback allowance.
    issuer = provider.issuer("httpjwks", jwks_uri="http://keys.example/jwks.json")
    with pytest.raises(oidc.OIDCDiscoveryError, match="non-loopback"):
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    issuer = provider.issuer("filejwks", jwks_uri="file:///etc/passwd")
    with pytest.raises(oidc.OIDCDiscoveryError, match="https"):
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    issuer = provider.issuer("numjwks", jwks_uri=7)
    with pytest.raises(oidc.OIDCDiscoveryError, match="URL string"):
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)


def test_http_needs_the_loopback_allowance(provider):
    issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]})
    with pytest.raises(oidc.OIDCDiscoveryError, match="must use https"):
        PyJWKClient.from_issuer(issuer)
    # Non-loopback http never, whatever the flag: refused before any connection is made.
    for bad in ("http://idp.example", "http://10.0.0.1", "ftp://idp.example", "https://idp.example?x=1", "https://"):
        with pytest.raises(oidc.OIDCDiscoveryError):
            oidc.discover(bad, allow_http_loopback=True)
    assert "/idp/.well-known/openid-configuration" not in provider.hits


def test_redirect_refused(provider):
    good = provider.issuer("good", {"keys": [public_jwk(EC_1, "k1")]})
    provider.routes["/moved/.well-known/openid-configuration"] = (
        302, {"Location": good + "/.well-known/openid-configuration"}, b"",
    )
    issuer = f"{provider.base}/moved"
    with pytest.raises(oidc.OIDCDiscoveryConnectionError) as e:
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    assert isinstance(e.value, PyJWKClientConnectionError) and "302" in str(e.value)
    with pytest.raises(oidc.OIDCDiscoveryConnectionError):
        asyncio.run(AsyncPyJWKClient.from_issuer(issuer, allow_http_loopback=True))
    assert "/good/.well-known/openid-configuration" not in provider.hits  # never followed


def test_oversized_document_refused(provider):
    issuer = provider.issuer("big", {"keys": [public_jwk(EC_1, "k1")]}, padding="x" * 70_000)
    with pytest.raises(oidc.OIDCDiscoveryError, match="max_response_bytes=65536") as e:
        PyJWKClient.from_issuer(issuer, allow_http_loopback=True)
    assert not isinstance(e.value, PyJWKClientConnectionError)
    with pytest.raises(oidc.OIDCDiscoveryError, match="max_response_bytes=65536"):
        asyncio.run(AsyncPyJWKClient.from_issuer(issuer, allow_http_loopback=True))
    # The limit is a parameter: a larger one admits the same document.
    client = PyJWKClient.from_issuer(issuer, allow_http_loopback=True, max_metadata_bytes=1 << 20)
    assert client.uri == issuer + "/jwks.json"


def test_not_json_and_unreachable(provider):
    provider.routes["/garbage/.well-known/openid-configuration"] = (200, {}, b"<html>")
    with pytest.raises(oidc.OIDCDiscoveryError, match="valid JSON"):
        oidc.discover(f"{provider.base}/garbage", allow_http_loopback=True)
    provider.routes["/list/.well-known/openid-configuration"] = (200, {}, [1, 2])
    with pytest.raises(oidc.OIDCDiscoveryError, match="JSON object"):
        oidc.discover(f"{provider.base}/list", allow_http_loopback=True)
    with pytest.raises(oidc.OIDCDiscoveryConnectionError, match="404"):
        oidc.discover(f"{provider.base}/absent", allow_http_loopback=True)
    base = provider.base
    provider.stop()
    with pytest.raises(oidc.OIDCDiscoveryConnectionError):
        oidc.discover(f"{base}/idp", allow_http_loopback=True, timeout=2)
    # Every discovery error is a PyJWKClientError, as PyJWKClient's own.
    assert issubclass(oidc.OIDCDiscoveryError, PyJWKClientError)


def test_key_rotation_through_discovery(provider):
    issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]})
    client = PyJWKClient.from_issuer(issuer, allow_http_loopback=True, cooldown_duration=0)
    assert client.issuer == issuer
    t1 = token(EC_1, "k1", issuer)
    assert jwt.decode(t1, client.get_signing_key_from_jwt(t1), issuer=issuer, audience="api")["sub"] == "alice"
    # The provider rotates: k2 published, k1 withdrawn. A k2 token makes the client refetch.
    provider.routes["/idp/jwks.json"] = (200, {}, {"keys": [public_jwk(EC_2, "k2")]})
    t2 = token(EC_2, "k2", issuer)
    assert jwt.decode(t2, client.get_signing_key_from_jwt(t2), issuer=issuer, audience="api")["sub"] == "alice"
    assert provider.hits["/idp/jwks.json"] == 2
    # A token signed by k2 but naming k1 (withdrawn) finds no key.
    forged = token(EC_2, "k1", issuer)
    with pytest.raises(PyJWKClientError, match="Unable to find a signing key"):
        client.get_signing_key_from_jwt(forged)
    # Discovery ran once: the document is not refetched for each key refresh.
    assert provider.hits["/idp/.well-known/openid-configuration"] == 1


def test_async_discovery_and_rotation(provider):
    issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]})

    async def main():
        client = await AsyncPyJWKClient.from_issuer(issuer, allow_http_loopback=True, cooldown_duration=0)
        assert client.issuer == issuer and isinstance(client, AsyncPyJWKClient)
        t1 = token(EC_1, "k1", issuer)
        assert jwt.decode(t1, await client.get_signing_key_from_jwt(t1), audience="api")["sub"] == "alice"
        provider.routes["/idp/jwks.json"] = (200, {}, {"keys": [public_jwk(EC_2, "k2")]})
        t2 = token(EC_2, "k2", issuer)
        assert jwt.decode(t2, await client.get_signing_key_from_jwt(t2), audience="api")["sub"] == "alice"
        meta = await oidc.adiscover(issuer, allow_http_loopback=True)
        assert meta.jwks_uri == issuer + "/jwks.json"

    asyncio.run(main())


def test_https_provider_with_its_own_trust_anchor(tmp_path):
    """The production path: https issuer and jwks_uri, no loopback allowance; the client's
    ssl_context serves both the discovery fetch and the JWKS fetches."""
    import ssl

    cert_file, key_file = self_signed_cert(tmp_path)
    provider = Provider(tls=(cert_file, key_file))
    try:
        issuer = provider.issuer("idp", {"keys": [public_jwk(EC_1, "k1")]})
        assert issuer.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=cert_file)
        verify = make_verifier(issuer, "api", ssl_context=context)
        assert verify(token(EC_1, "k1", issuer))["sub"] == "alice"
        assert provider.hits == {"/idp/.well-known/openid-configuration": 1, "/idp/jwks.json": 1}

        async def main():
            client = await AsyncPyJWKClient.from_issuer(issuer, ssl_context=context)
            t = token(EC_1, "k1", issuer)
            return jwt.decode(t, await client.get_signing_key_from_jwt(t), audience="api")

        assert asyncio.run(main())["sub"] == "alice"
        # Without the trust anchor, the certificate is refused: a connection error, no keys.
        with pytest.raises(oidc.OIDCDiscoveryConnectionError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
            PyJWKClient.from_issuer(issuer, timeout=5)
        with pytest.raises(oidc.OIDCDiscoveryConnectionError):
            asyncio.run(AsyncPyJWKClient.from_issuer(issuer, timeout=5))
    finally:
        provider.stop()
