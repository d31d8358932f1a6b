"""The header of a plain `encode` call (no extra headers, no JSON encoder) is made once per
(alg, typ, sort_headers) and reused; it must be the text PyJWT writes for the same call."""

import base64
import json

import jwt as pyjwt
import pytest

import jwtcore

SECRET = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"


def header_segment(token: str) -> str:
    return token.split(".")[0]


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
@pytest.mark.parametrize("sort_headers", [True, False])
@pytest.mark.parametrize("typ", ["JWT", "at+jwt", None, ""])
def test_plain_header_is_pyjwts(alg, sort_headers, typ):
    ours, theirs = jwtcore.PyJWS(), pyjwt.PyJWS()
    ours.header_typ = theirs.header_typ = typ
    for _ in range(2):  # the second call is served from the cache
        mine = ours.encode(b'{"a":1}', SECRET, algorithm=alg, sort_headers=sort_headers)
        ref = theirs.encode(b'{"a":1}', SECRET, algorithm=alg, sort_headers=sort_headers)
        assert header_segment(mine) == header_segment(ref)
        assert mine == ref  # HMAC is deterministic: the whole token matches


def test_headers_argument_still_wins_over_the_cached_form():
    plain = jwtcore.encode({"a": 1}, SECRET, algorithm="HS256")
    with_kid = jwtcore.encode({"a": 1}, SECRET, algorithm="HS256", headers={"kid": "k1"})
    decoded = json.loads(base64.urlsafe_b64decode(header_segment(with_kid) + "=="))
    assert decoded == {"alg": "HS256", "kid": "k1", "typ": "JWT"}
    assert header_segment(plain) != header_segment(with_kid)
    # And a plain call after it is plain again.
    assert jwtcore.encode({"a": 1}, SECRET, algorithm="HS256") == plain
