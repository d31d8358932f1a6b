"""The README's promises, run the way it tells users to write them.

Every ``python`` block of README.md and bindings-python/README.md (except the Sessions and
Stores sections, tested in test_session.py / test_stores.py) is mirrored verbatim below, with a
comment naming its section; ``test_every_readme_example_is_mirrored`` fails when a README block
changes without its mirror. Each bullet of "Where jwtcore is deliberately stricter than PyJWT"
has a test named after it.
"""

import base64
import json
import re
import textwrap
import time
import urllib.request
from pathlib import Path

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

import jwtcore
import jwtcore as jwt

HERE = Path(__file__).resolve()
READMES = [HERE.parents[2] / "README.md", HERE.parents[1] / "README.md"]
NOT_HERE = ("Sessions", "Stores", "Integrations")  # tested with their own suites


def readme_blocks():
    """(readme, section, code) for every python block outside the sections tested elsewhere."""
    for readme in READMES:
        h2 = h3 = ""
        code = None
        for line in readme.read_text().splitlines():
            if code is not None:
                if line.startswith("```"):
                    if not h2.startswith(NOT_HERE) and not h3.startswith(NOT_HERE):
                        yield readme.name, h3 or h2, "\n".join(code) + "\n"
                    code = None
                else:
                    code.append(line)
            elif line.startswith("```python"):
                code = []
            elif line.startswith("## "):
                h2, h3 = line[3:], ""
            elif line.startswith("### "):
                h3 = line[4:]


def test_every_readme_example_is_mirrored():
    source = [line[4:] if line.startswith("    ") else line for line in HERE.read_text().splitlines()]
    blocks = list(readme_blocks())
    assert blocks, "no README examples found"
    for readme, section, code in blocks:
        lines = code.rstrip("\n").splitlines()
        found = any(source[i : i + len(lines)] == lines for i in range(len(source)))
        assert found, f"{readme} § {section}: this example has no verbatim mirror here:\n{code}"


# bindings-python/README.md § Quick start, first example.
def test_quick_start_shared_secret():
    import time

    import jwtcore as jwt

    key = "a-secret-of-at-least-32-bytes-for-HS256!"   # HS256 needs 32 bytes, HS512 64
    token = jwt.encode({"sub": "user-1", "aud": "api", "exp": int(time.time()) + 300}, key, algorithm="HS256")

    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], audience="api", leeway=5)
    except jwt.InvalidTokenError as e:   # every failure the token causes; e.code is the core's code
        claims = None                    # answer 401

    assert claims is not None and claims["sub"] == "user-1"
    # What the except clause is for: each token-caused failure lands there, none escapes.
    forged_hs512 = pyjwt.encode({"sub": "admin", "aud": "api"}, "x" * 64, algorithm="HS512")
    for bad, algorithms in (
        (token + "x", ["HS256"]),
        (jwt.encode({"aud": "api", "exp": 1}, key, algorithm="HS256"), ["HS256"]),
        (jwt.encode({"aud": "web", "exp": int(time.time()) + 300}, key, algorithm="HS256"), ["HS256"]),
        (forged_hs512, ["HS256", "HS512"]),  # issue 15 F11: the token picks an alg the key is too short for
        ("x" * 70_000, ["HS256"]),
    ):
        try:
            jwt.decode(bad, key, algorithms=algorithms, audience="api", leeway=5)
            raise AssertionError("accepted")
        except jwt.InvalidTokenError as e:
            assert e.code


# bindings-python/README.md § Quick start, the leeway bound (the core's, policy-bounds.json).
def test_quick_start_leeway_bound():
    import jwtcore as jwt
    try:
        jwt.decode("a.b.c", b"k" * 32, algorithms=["HS256"], leeway=1e13)
    except ValueError as e:
        assert "between -1e12 and 1e12" in str(e)
    else:
        raise AssertionError("accepted")


class JWKSEndpoint:
    """Stands in for ``urllib.request.build_opener``: serves ``jwks`` for any request."""

    def __init__(self, jwks):
        self.body = json.dumps(jwks).encode()
        self.urls = []

    def __call__(self, *handlers):
        endpoint = self

        class Opener:
            def open(self, request, timeout=None):
                import io

                endpoint.urls.append(request.full_url)
                return io.BytesIO(endpoint.body)

        return Opener()


def test_quick_start_jwks(monkeypatch):
    idp_key = ec.generate_private_key(ec.SECP256R1())
    public_jwk = {**json.loads(pyjwt.algorithms.ECAlgorithm.to_jwk(idp_key.public_key())), "kid": "2024-06"}
    endpoint = JWKSEndpoint({"keys": [public_jwk]})
    monkeypatch.setattr(urllib.request, "build_opener", endpoint)
    token = pyjwt.encode(
        {"sub": "user-1", "aud": "api", "exp": int(time.time()) + 300},
        idp_key,
        algorithm="ES256",
        headers={"kid": "2024-06"},
    )

    # bindings-python/README.md § Quick start, second example.
    jwks = jwt.PyJWKClient("https://idp.example/.well-known/jwks.json", timeout=5)
    signing_key = jwks.get_signing_key_from_jwt(token)     # a PyJWK: it carries its algorithm
    claims = jwt.decode(token, signing_key, audience="api", options={"require": ["exp"]})

    assert claims["sub"] == "user-1"
    assert endpoint.urls == ["https://idp.example/.well-known/jwks.json"]
    # The key's algorithm is the allow-list: an HS256 token with that kid is refused.
    hs = pyjwt.encode({"sub": "x", "aud": "api", "exp": int(time.time()) + 300}, "k" * 32, headers={"kid": "2024-06"})
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(hs, jwks.get_signing_key_from_jwt(hs), audience="api", options={"require": ["exp"]})


def test_pyjwkclient_async(monkeypatch):
    import asyncio

    import httpx

    idp_key = ec.generate_private_key(ec.SECP256R1())
    public_jwk = {**json.loads(pyjwt.algorithms.ECAlgorithm.to_jwk(idp_key.public_key())), "kid": "2024-06"}
    urls = []

    def endpoint(request):
        urls.append(str(request.url))
        # A streamed body, as from the network (AsyncPyJWKClient reads it raw, chunk by chunk).
        return httpx.Response(200, stream=httpx.ByteStream(json.dumps({"keys": [public_jwk]}).encode()))

    # The README's URL is not reachable from tests: httpx's own mock transport answers it.
    real_client = httpx.AsyncClient
    monkeypatch.setattr(httpx, "AsyncClient", lambda **kw: real_client(transport=httpx.MockTransport(endpoint), **kw))
    token = pyjwt.encode(
        {"sub": "user-1", "aud": "api", "exp": int(time.time()) + 300},
        idp_key,
        algorithm="ES256",
        headers={"kid": "2024-06"},
    )

    # bindings-python/README.md § `PyJWKClient`, the AsyncPyJWKClient example.
    from jwtcore import AsyncPyJWKClient

    jwks = AsyncPyJWKClient("https://idp.example/.well-known/jwks.json", timeout=5)

    async def verify(token: str) -> dict:
        signing_key = await jwks.get_signing_key_from_jwt(token)
        return jwt.decode(token, signing_key, audience="api", options={"require": ["exp"]})

    async def main():
        claims = await asyncio.gather(*(verify(token) for _ in range(3)))
        assert [c["sub"] for c in claims] == ["user-1"] * 3
        # The key's algorithm is the allow-list: an HS256 token with that kid is refused.
        hs = pyjwt.encode({"sub": "x", "aud": "api", "exp": int(time.time()) + 300}, "k" * 32, headers={"kid": "2024-06"})
        with pytest.raises(jwt.InvalidAlgorithmError):
            await verify(hs)

    asyncio.run(main())
    assert urls == ["https://idp.example/.well-known/jwks.json"]  # one fetch for all of them


def test_quick_start_prose_negative_leeway_and_limit():
    key = "k" * 32
    in_30s = jwt.encode({"exp": int(time.time()) + 30}, key, algorithm="HS256")
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(in_30s, key, algorithms=["HS256"], leeway=-60)
    in_2min = jwt.encode({"exp": int(time.time()) + 120}, key, algorithm="HS256")
    assert jwt.decode(in_2min, key, algorithms=["HS256"], leeway=-60)
    big = jwt.encode({"blob": "x" * 70_000}, key, algorithm="HS256")
    with pytest.raises(jwt.DecodeError):
        jwt.decode(big, key, algorithms=["HS256"])
    assert jwt.decode(big, key, algorithms=["HS256"], options={"max_token_length": 128 * 1024})


# bindings-python/README.md § Where jwtcore is deliberately stricter than PyJWT: one test per bullet.


@pytest.mark.filterwarnings("ignore:The HMAC key is 32 bytes long")  # PyJWT's, signing the HS512 token
def test_stricter_short_hmac_keys():
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode({"a": 1}, "short", algorithm="HS256")
    lenient = jwt.PyJWT({"enforce_minimum_key_length": False})
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        token = lenient.encode({"a": 1}, "short", algorithm="HS256")
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        assert jwt.decode(token, "short", algorithms=["HS256"], options={"enforce_minimum_key_length": False})
    # A secret verifies only the allowed HMAC algorithms it is long enough for.
    hs512 = pyjwt.encode({"a": 1}, "k" * 32, algorithm="HS512")
    with pytest.raises(jwt.InvalidAlgorithmError) as e:
        jwt.decode(hs512, "k" * 32, algorithms=["HS256", "HS512"])
    assert isinstance(e.value, jwt.InvalidTokenError)
    with pytest.raises(jwt.InvalidKeyError) as e:
        jwt.decode(token, "short", algorithms=["HS256", "HS512"])
    assert not isinstance(e.value, jwt.InvalidTokenError)


def test_stricter_public_keys_are_never_hmac_secrets():
    # The full table of encodings is test_key_material.py; here the README's four kinds.
    key = ec.generate_private_key(ec.SECP256R1())
    from cryptography.hazmat.primitives import serialization as s

    pem = key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo)
    der = key.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
    ssh = key.public_key().public_bytes(s.Encoding.OpenSSH, s.PublicFormat.OpenSSH)
    jwk_text = pyjwt.algorithms.ECAlgorithm.to_jwk(key.public_key()).encode()
    es256 = jwt.encode({"a": 1}, key, algorithm="ES256")
    for material in (pem, der, jwk_text, ssh):
        with pytest.raises(jwt.InvalidKeyError):
            jwt.encode({"a": 1}, material, algorithm="HS256")
        forged = pyjwt.api_jws.PyJWS().encode(b'{"a":1}', b"x" * 32, algorithm="HS256")
        for algorithms in (["HS256", "ES256"], ["HS256"]):
            with pytest.raises(jwt.AlgorithmKeyMismatchError) as e:
                jwt.decode(forged, material, algorithms=algorithms)
            assert isinstance(e.value, jwt.InvalidKeyError) and isinstance(e.value, jwt.InvalidAlgorithmError)
        assert jwt.decode(es256, material, algorithms=["ES256"]) == {"a": 1}


def test_stricter_tokens_must_be_strict():
    key = "k" * 32
    token = jwt.encode({"a": 1}, key, algorithm="HS256")
    head, body, sig = token.split(".")
    padded = f"{head}.{body}.{sig}="
    dup_body = base64.urlsafe_b64encode(b'{"a":1,"a":2}').rstrip(b"=").decode()
    deep_body = base64.urlsafe_b64encode(b'{"a":' + b"[" * 200 + b"]" * 200 + b"}").rstrip(b"=").decode()
    for bad in (padded, f"{head}.{dup_body}.{sig}", f"{head}.{deep_body}.{sig}", f"{head}.{body}"):
        with pytest.raises(jwt.DecodeError):
            jwt.decode(bad, key, algorithms=["HS256"], options={"verify_signature": False})
    for bad in (padded,):
        with pytest.raises(jwt.DecodeError):
            jwt.decode(bad, key, algorithms=["HS256"])
    # A payload segment that cannot be base64url by its shape is refused before the signature
    # (here: under the wrong key); a bad character inside it is found only after.
    with pytest.raises(jwt.DecodeError, match="^Invalid payload padding$"):
        jwt.decode(f"{head}.{body}=.{sig}", "another key of 32 bytes or more!", algorithms=["HS256"])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{head}.{body[:2]}={body[3:]}.{sig}", key, algorithms=["HS256"])


def test_stricter_token_length():
    # The full matrix of entry points is test_limits.py.
    assert jwtcore.DEFAULT_MAX_TOKEN_LENGTH == 64 * 1024
    big = jwt.encode({"blob": "x" * 50_000}, "k" * 32, algorithm="HS256")
    assert 64 * 1024 < len(big)
    for call in (
        lambda t, o: jwt.decode(t, "k" * 32, algorithms=["HS256"], options=o),
        lambda t, o: jwt.decode_complete(t, "k" * 32, algorithms=["HS256"], options=o),
        lambda t, o: jwt.PyJWS().decode(t, "k" * 32, algorithms=["HS256"], options=o),
        lambda t, o: jwt.PyJWS(options=o).get_unverified_header(t),
    ):
        with pytest.raises(jwt.DecodeError) as e:
            call(big, {})
        assert e.value.code == "token_too_long"
        call(big, {"max_token_length": 128 * 1024})
    with pytest.raises(jwt.DecodeError):
        jwt.get_unverified_header(big)
    with pytest.raises(jwt.DecodeError):
        jwt.PyJWKClient("https://idp.invalid/jwks").get_signing_key_from_jwt(big)
    assert jwt.PyJWT({"max_token_length": 128 * 1024}).decode(big, "k" * 32, algorithms=["HS256"])


def test_stricter_numeric_dates():
    key = "k" * 32
    string_exp = pyjwt.encode({"exp": str(int(time.time()) + 60)}, key)
    assert pyjwt.decode(string_exp, key, algorithms=["HS256"])
    with pytest.raises(jwt.DecodeError):
        jwt.decode(string_exp, key, algorithms=["HS256"])
    # Fractions are compared exactly: exp = now + 0.5 is still valid, exp = now - 0.5 is not.
    now = time.time()
    assert jwt.decode(jwt.encode({"exp": now + 0.5}, key), key, algorithms=["HS256"])
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(jwt.encode({"exp": now - 0.5}, key), key, algorithms=["HS256"])


def test_stricter_alg_none():
    # Made as PyJWT makes it (the same bytes), never accepted: with "none" allowed it is PyJWT's
    # InvalidSignatureError (its NoneAlgorithm never verifies), otherwise a disallowed alg.
    unsigned = pyjwt.encode({"a": 1}, None, algorithm="none")
    assert jwt.encode({"a": 1}, None, algorithm="none") == unsigned
    for algorithms in (["none"], ["HS256", "none"]):
        with pytest.raises(jwt.InvalidSignatureError, match="^Signature verification failed$"):
            jwt.decode(unsigned, "", algorithms=algorithms)
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(unsigned, "k" * 32, algorithms=["HS256"])
    assert jwt.decode(unsigned, options={"verify_signature": False}) == {"a": 1}
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode({"a": 1}, "k" * 32, algorithm=None)


def test_stricter_nan_and_infinity():
    key = "k" * 32
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError, match="RFC 8259"):
            jwt.encode({"exp": value}, key)
        with pytest.raises(ValueError, match="RFC 8259"):
            jwt.encode({"sub": "a"}, key, headers={"x": [value]})
        written = pyjwt.encode({"exp": value}, key)
        with pytest.raises(jwt.DecodeError):
            jwt.decode(written, key, algorithms=["HS256"])


def test_stricter_crit_and_b64():
    key = "k" * 32
    crit = pyjwt.encode({"a": 1}, key, headers={"crit": ["exp"], "exp": 1})
    with pytest.raises(jwt.DecodeError):
        jwt.decode(crit, key, algorithms=["HS256"])
    # README: b64: false on PyJWS, detached, as PyJWT 2.15.
    token = jwt.PyJWS().encode(b"$.02", key, is_payload_detached=True)
    assert token.split(".")[1] == ""
    assert jwt.PyJWS().decode(token, key, algorithms=["HS256"], detached_payload=b"$.02") == b"$.02"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.PyJWS().decode(token, key, algorithms=["HS256"], detached_payload=b"$.03")
    with pytest.raises(jwt.DecodeError) as e:
        jwt.decode(jwt.encode({"a": 1}, key), key, algorithms=["HS256"], detached_payload=b"x")
    assert e.value.code == "b64_unsupported"


def test_stricter_empty_jws_payload():
    with pytest.raises(jwt.DecodeError) as e:
        jwt.PyJWS().encode(b"", "k" * 32)
    assert e.value.code == "malformed_token"


def test_stricter_malformed_input_is_always_a_pyjwt_error():
    with pytest.raises(jwt.DecodeError):
        jwt.decode("\ud800.a.b", "k" * 32, algorithms=["HS256"])
    with pytest.raises(jwt.DecodeError):
        jwt.decode(b"\xff.a.b", "k" * 32, algorithms=["HS256"])
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(jwt.encode({"a": 1}, "k" * 32), "k" * 32 + "\ud800", algorithms=["HS256"])
    with pytest.raises(jwt.PyJWKError):
        jwt.PyJWK.from_json("{not json")
    with pytest.raises(jwt.PyJWKSetError):
        jwt.PyJWKSet.from_json("{not json")


def test_same_as_pyjwt_exp_optional_and_aud_without_audience():
    # bindings-python/README.md § PyJWKClient, "Same as PyJWT" paragraph.
    key = "k" * 32
    assert jwt.decode(jwt.encode({"sub": "x"}, key), key, algorithms=["HS256"]) == {"sub": "x"}
    with pytest.raises(jwt.MissingRequiredClaimError):
        jwt.decode(jwt.encode({"sub": "x"}, key), key, algorithms=["HS256"], options={"require": ["exp"]})
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(jwt.encode({"aud": "api"}, key), key, algorithms=["HS256"])


def test_readme_blocks_found_are_the_ones_expected():
    sections = sorted({section for _, section, _ in readme_blocks()})
    assert sections == ["Quick start", "`PyJWKClient`"], textwrap.shorten(str(sections), 200)
