"""The token length limit (issue 15 F8, F15): 64 KiB by default, ``options={"max_token_length": n}``
on every entry point, and checked before any other work, so an oversized token is never copied,
decoded or scanned, whatever else is wrong with it."""

import base64
import json
import tracemalloc

import pytest

import jwtcore as jwt
from jwtcore.jwks_client import PyJWKClient

SECRET = "s" * 64
LIMIT = 64 * 1024


def token_of_length(n: int, secret: str = SECRET) -> str:
    """A correctly signed HS256 token exactly ``n`` characters long."""
    # Each 3 bytes of padding add 4 base64url characters, so some lengths need a longer header.
    for kid in range(4):
        headers = {"kid": "k" * kid} if kid else None
        base = jwt.encode({"pad": ""}, secret, algorithm="HS256", headers=headers)
        for pad in range(max(0, (n - len(base)) * 3 // 4 - 4), max(0, (n - len(base)) * 3 // 4 + 4)):
            t = jwt.encode({"pad": "x" * pad}, secret, algorithm="HS256", headers=headers)
            if len(t) == n:
                return t
    raise AssertionError(f"no padding gives a {n}-character token")


def entry_points(limit=None):
    """Every public way a token gets in, each with ``max_token_length`` set when given."""
    opts = {} if limit is None else {"max_token_length": limit}
    jws_opts = dict(opts)
    return {
        "decode": lambda t: jwt.decode(t, SECRET, algorithms=["HS256"], options=opts or None),
        "decode_complete": lambda t: jwt.decode_complete(t, SECRET, algorithms=["HS256"], options=opts or None),
        "decode unverified": lambda t: jwt.decode(t, options={"verify_signature": False, **opts}),
        "PyJWT(options).decode": lambda t: jwt.PyJWT(opts).decode(t, SECRET, algorithms=["HS256"]),
        "PyJWS.decode": lambda t: jwt.PyJWS().decode(t, SECRET, algorithms=["HS256"], options=jws_opts or None),
        "PyJWS.decode_complete": lambda t: jwt.PyJWS().decode_complete(
            t, SECRET, algorithms=["HS256"], options=jws_opts or None
        ),
        "PyJWS.decode unverified": lambda t: jwt.PyJWS().decode(t, options={"verify_signature": False, **jws_opts}),
        "PyJWS(options).get_unverified_header": lambda t: jwt.PyJWS(options=jws_opts).get_unverified_header(t),
        **(
            {
                "get_unverified_header": jwt.get_unverified_header,
                "PyJWKClient.get_signing_key_from_jwt": lambda t: PyJWKClient(
                    "https://idp.invalid/jwks"
                ).get_signing_key_from_jwt(t),
            }
            if limit is None
            else {}
        ),
    }


def test_default_limit_is_64_kib_and_public():
    assert jwt.DEFAULT_MAX_TOKEN_LENGTH == LIMIT


@pytest.mark.parametrize("name", list(entry_points()))
def test_default_limit_on_every_entry_point(name):
    call = entry_points()[name]
    # Real ID tokens with group claims are 9-12 KiB (issue 15 F15): accepted.
    big_id_token = jwt.encode({"groups": [f"group-{i:05d}" for i in range(600)]}, SECRET, algorithm="HS256")
    assert 9 * 1024 < len(big_id_token) < 16 * 1024
    at_limit = token_of_length(LIMIT)
    over = token_of_length(LIMIT + 1)
    if name.startswith("PyJWKClient"):
        # The client refuses before any fetch: the URI does not even resolve.
        with pytest.raises(jwt.DecodeError) as e:
            call(over)
        assert e.value.code == "token_too_long"
        return
    call(big_id_token)
    call(at_limit)
    with pytest.raises(jwt.DecodeError) as e:
        call(over)
    assert e.value.code == "token_too_long"
    assert isinstance(e.value, jwt.InvalidTokenError)


@pytest.mark.parametrize("name", list(entry_points(100)))
def test_option_lowers_and_raises_the_limit(name):
    token = token_of_length(150)
    with pytest.raises(jwt.DecodeError) as e:
        entry_points(100)[name](token)
    assert e.value.code == "token_too_long"
    entry_points(150)[name](token)
    big = token_of_length(LIMIT + 100)
    entry_points(LIMIT + 100)[name](big)


def oversized_and_otherwise_broken(n):
    """Tokens over the limit that are also wrong in other ways the binding or core would notice."""
    return {
        "non-UTF-8 bytes": b"\xff" * n,
        "lone surrogate str": "\ud800" * n,
        "bytearray": bytearray(b"a.b.c" * (n // 5 + 1)),
        "memoryview": memoryview(b"\x80" * n),
        "no dots": "x" * n,
        "JWE shape": ".".join(["eyJhIjoxfQ"] * 5) + "A" * n,
    }


@pytest.mark.parametrize("name", list(entry_points()))
def test_length_is_checked_before_anything_else(name):
    call = entry_points()[name]
    for what, token in oversized_and_otherwise_broken(LIMIT + 1).items():
        with pytest.raises(jwt.DecodeError) as e:
            call(token)
        assert e.value.code == "token_too_long", f"{what}: {e.value.code} {e.value}"


@pytest.mark.parametrize("name", list(entry_points()))
def test_oversized_token_is_not_copied(name):
    # A 32 MiB token: refusing it must not allocate anything near its size in Python (no
    # bytes -> str copy, no UTF-8 re-encoding, no second buffer).
    call = entry_points()[name]
    big = {"bytes": b"e" * (32 << 20), "non-ASCII str": "é" * (16 << 20)}
    for what, token in big.items():
        tracemalloc.start()
        try:
            with pytest.raises(jwt.DecodeError):
                call(token)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 1 << 20, f"{what}: {peak} bytes allocated while refusing a {len(token)}-long token"


@pytest.mark.parametrize("value,error", [("100", TypeError), (1.5, TypeError), (True, TypeError), (-1, ValueError)])
def test_bad_limit_values_are_refused(value, error):
    token = token_of_length(120)
    with pytest.raises(error, match="max_token_length"):
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"max_token_length": value})
    with pytest.raises(error, match="max_token_length"):
        jwt.PyJWS().decode(token, SECRET, algorithms=["HS256"], options={"max_token_length": value})


def test_limit_counts_bytes_not_characters():
    # 100 characters but more UTF-8 bytes: refused by a 100-byte limit (the core counts bytes).
    head = base64.urlsafe_b64encode(json.dumps({"alg": "HS256"}).encode()).rstrip(b"=").decode()
    token = head + ".é" + "a" * (100 - len(head) - 2)
    assert len(token) == 100 and len(token.encode()) == 101
    with pytest.raises(jwt.DecodeError) as e:
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"max_token_length": 100})
    assert e.value.code == "token_too_long"
