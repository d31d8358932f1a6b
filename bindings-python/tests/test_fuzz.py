"""Property tests: whatever a caller or an attacker passes to the parsing entry points, the only
exceptions are jwtcore's (subclasses of ``jwtcore.exceptions.PyJWTError``) - never TypeError,
ValueError, UnicodeError, RecursionError or a Rust panic (``pyo3_runtime.PanicException``, a
BaseException) - and whatever is accepted has the documented shape.

Inputs mix plain junk (any text, lone surrogates included, and any bytes) with structured
near-misses (real tokens, JWKs and JWK sets with one part replaced), so that the core's deeper
stages - signature, claims, key material - are reached, not only its first parse."""

import base64
import hashlib
import hmac
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jwtcore as jwt
from jwtcore import _core
from jwtcore.exceptions import PyJWTError

# No example database: nothing is written into the source tree, and every run is a fresh search.
SETTINGS = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

SECRET = b"k" * 64
ALGS = ["HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA", "RS256", "PS256"]
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()


def pem(key, private):
    if private:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def der_jwk(key, private):
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return json.loads(_core.CoreKey.from_der(der).to_jwk(private))


REAL_JWKS = [
    der_jwk(EC_KEY, False),
    der_jwk(EC_KEY, True),
    der_jwk(ED_KEY, False),
    {"kty": "oct", "k": base64.urlsafe_b64encode(SECRET).rstrip(b"=").decode(), "alg": "HS256"},
]
KEYS = [SECRET, SECRET.decode(), pem(EC_KEY, False), pem(ED_KEY, False), pem(EC_KEY, True)]


def b64(data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def only_jwt_errors(fn, *args, **kwargs):
    """Calls ``fn``; returns its result, or None for a PyJWTError. Anything else propagates."""
    try:
        return fn(*args, **kwargs)
    except PyJWTError as e:
        # Every jwtcore error carries the core's code (or the default) - never a missing attribute.
        assert isinstance(e.code, str)
        return None


# Any code point, with lone surrogates (which str can hold but UTF-8 cannot) made common: in
# about a third of the strings. (A `text()` alphabet mixing `characters()` with surrogates is
# merged into one character range where they are rare, hence the list of characters.)
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
any_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.lists(st.one_of(st.characters(), st.sampled_from(SURROGATES)), max_size=40).map("".join),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), any_text
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=16,
)
segments = st.one_of(
    st.binary(max_size=64).map(b64),
    json_values.map(lambda v: b64(json.dumps(v))),
    st.text(alphabet="ABCDabcd0189-_=+/. ", max_size=24),
    any_text,
)
headers = st.fixed_dictionaries(
    {"alg": st.one_of(st.sampled_from(ALGS + ["none", "None", "", "HS1"]), json_values)},
    optional={
        "kid": st.one_of(any_text, json_values),
        "crit": st.one_of(st.just(["b64"]), st.just(["exp"]), json_values),
        "b64": json_values,
        "typ": st.one_of(st.sampled_from(["JWT", "at+jwt"]), json_values),
    },
)
numeric_dates = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True), json_values)
claims = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            **{name: numeric_dates for name in ("exp", "nbf", "iat")},
            "aud": st.one_of(st.sampled_from(["me", ["me", "you"], "you", []]), json_values),
            **{name: st.one_of(any_text, json_values) for name in ("iss", "sub", "jti")},
        },
    ),
    json_values,
)
structured_tokens = st.builds(
    lambda h, p, s: f"{b64(json.dumps(h))}.{p}.{s}",
    headers,
    st.one_of(claims.map(lambda c: b64(json.dumps(c))), segments),
    segments,
)
tokens = st.one_of(
    any_text,
    st.binary(max_size=64),
    structured_tokens,
    st.lists(segments, max_size=6).map(".".join),
    # As bytes; a lone surrogate becomes invalid UTF-8.
    structured_tokens.map(lambda t: t.encode("utf-8", "surrogatepass")),
)
keys = st.one_of(any_text, st.binary(max_size=80), st.sampled_from(KEYS))


def hs256(header_bytes, payload_bytes):
    """A token with a valid HS256 MAC under SECRET over whatever header and payload bytes."""
    signing_input = f"{b64(header_bytes)}.{b64(payload_bytes)}"
    mac = hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


signed = st.builds(
    lambda h, p: (hs256(json.dumps(h).encode(), p), p),
    headers.map(lambda h: {**h, "alg": "HS256"}),
    st.one_of(claims.map(lambda c: json.dumps(c).encode()), st.binary(max_size=48)),
)


algorithm_lists = st.one_of(st.just(ALGS), st.lists(st.one_of(st.sampled_from(ALGS), json_values), max_size=4))


@SETTINGS
@given(tokens, keys, algorithm_lists)
def test_decode_any_token_with_any_key(token, key, algs):
    got = only_jwt_errors(jwt.decode, token, key, algorithms=algs)
    assert got is None or isinstance(got, dict)
    got = only_jwt_errors(jwt.PyJWS().decode_complete, token, key, algorithms=algs)
    assert got is None or (isinstance(got["payload"], bytes) and isinstance(got["header"], dict))


@SETTINGS
@given(tokens, st.one_of(st.none(), st.just(["exp"]), st.just(["sub", "custom"])))
def test_decode_without_verifying(token, require):
    options = {"verify_signature": False, "verify_exp": True, "verify_aud": True}
    if require is not None:
        options["require"] = require
    got = only_jwt_errors(jwt.decode, token, options=options, audience="me", issuer="iss")
    assert got is None or isinstance(got, dict)
    got = only_jwt_errors(jwt.PyJWS().decode, token, options={"verify_signature": False})
    assert got is None or isinstance(got, bytes)


@SETTINGS
@given(signed)
def test_correctly_signed_arbitrary_content(token_and_payload):
    token, payload = token_and_payload
    for audience in (None, "me"):
        got = only_jwt_errors(jwt.decode, token, SECRET, algorithms=["HS256"], audience=audience, leeway=10)
        assert got is None or got == json.loads(payload)
    # The MAC is right, so PyJWS fails only on the header; what it returns is the exact payload.
    got = only_jwt_errors(jwt.PyJWS().decode, token, SECRET, algorithms=["HS256"])
    assert got is None or got == payload


@SETTINGS
@given(st.one_of(tokens, json_values, st.integers(), st.binary()))
def test_get_unverified_header(value):
    got = only_jwt_errors(jwt.get_unverified_header, value)
    assert got is None or isinstance(got, dict)


def mutate(jwk, field, value):
    out = dict(jwk)
    out[field] = value
    return out


# Python values json.dumps refuses (bytes, sets, tuple keys, integers past its digit limit).
unserializable = st.one_of(
    st.binary(max_size=8),
    st.frozensets(st.integers(), max_size=2),
    st.just({(1, 2): "tuple key"}),
    st.just(10**5000),
)
jwk_fields = st.sampled_from(["kty", "crv", "x", "y", "d", "k", "n", "e", "alg", "kid", "use", "key_ops"])
jwks = st.one_of(
    json_values,
    any_text,
    st.builds(mutate, st.sampled_from(REAL_JWKS), jwk_fields, st.one_of(json_values, segments, unserializable)),
    st.fixed_dictionaries(
        {"kty": st.one_of(st.sampled_from(["EC", "OKP", "RSA", "oct", ""]), json_values)},
        optional={f: st.one_of(segments, json_values) for f in ("crv", "x", "y", "d", "k", "n", "e", "alg")},
    ),
)
algorithms = st.one_of(st.none(), st.sampled_from(ALGS + ["none", "ES521"]), any_text, json_values)


@SETTINGS
@given(jwks, algorithms)
def test_pyjwk(data, algorithm):
    got = only_jwt_errors(jwt.PyJWK, data, algorithm)
    if got is not None:
        assert got.algorithm_name in ALGS
        # A short `oct` key is built, as in PyJWT, but `.key` refuses to hand it out (InvalidKeyError)
        # unless the call that uses it turns enforce_minimum_key_length off; any other key is usable.
        key = only_jwt_errors(getattr, got, "key")
        assert isinstance(key, _core.CoreKey) or (key is None and got.key_type == "oct"), (data, key)
    only_jwt_errors(jwt.PyJWK.from_dict, data, algorithm)
    try:
        text = data if isinstance(data, str) else json.dumps(data)
    except (TypeError, ValueError):
        return
    only_jwt_errors(jwt.PyJWK.from_json, text, algorithm)


key_sets = st.one_of(
    json_values,
    st.builds(lambda ks: {"keys": ks}, st.lists(jwks, max_size=4)),
    st.builds(lambda v: {"keys": v}, json_values),
)


@SETTINGS
@given(key_sets)
def test_pyjwkset_from_dict_and_json(obj):
    got = only_jwt_errors(jwt.PyJWKSet.from_dict, obj)
    assert got is None or all(isinstance(k, jwt.PyJWK) for k in got)
    try:
        text = json.dumps(obj)
    except (TypeError, ValueError):
        return
    got = only_jwt_errors(jwt.PyJWKSet.from_json, text)
    assert got is None or len(got.keys) >= 1


@SETTINGS
@given(st.one_of(any_text, st.binary(max_size=64), json_values))
def test_pyjwkset_from_json_junk(data):
    only_jwt_errors(jwt.PyJWKSet.from_json, data)
    only_jwt_errors(jwt.PyJWK.from_json, data)


@pytest.mark.parametrize("token", ["\ud800", "a.\udfff.b", b"\xff\xfe.x.y", "é.é.é"])
def test_non_utf8_tokens_are_decode_errors(token):
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token, SECRET, algorithms=["HS256"])
    with pytest.raises(jwt.DecodeError):
        jwt.get_unverified_header(token)


def test_surrogate_key_and_jwk_are_jwtcore_errors():
    token = jwt.encode({"a": 1}, SECRET)
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, "\ud800" * 40, algorithms=["HS256"])
    with pytest.raises(jwt.PyJWKError):
        jwt.PyJWK('{"kty":"oct","k":"\ud800"}')
    with pytest.raises(jwt.PyJWKError):
        jwt.PyJWK(REAL_JWKS[0], algorithm="\udc00")
    with pytest.raises(jwt.PyJWKSetError):
        jwt.PyJWKSet.from_json("{")
    with pytest.raises(jwt.PyJWKSetError):
        jwt.PyJWKSet.from_dict(["not", "a", "mapping"])


def test_pyjwkset_skips_members_that_are_not_objects():
    # As PyJWT: a JWK given as JSON text inside the set's list is not a JWK object.
    with pytest.raises(jwt.PyJWKSetError):
        jwt.PyJWKSet([json.dumps(REAL_JWKS[0])])
    assert len(jwt.PyJWKSet([json.dumps(REAL_JWKS[0]), REAL_JWKS[2]]).keys) == 1
