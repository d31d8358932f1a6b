"""A ``PyJWK`` of an ``oct`` key shorter than its hash (issue 19): built, as in PyJWT, but refused
where it is used unless that call turns ``enforce_minimum_key_length`` off, exactly as a raw
secret is; ``.key`` never hands out the short key, and ``PyJWKSet`` leaves it out."""

import warnings

import pytest

import jwtcore as jwt

SHORT = {"kty": "oct", "k": "c2VjcmV0"}  # b"secret": 6 bytes, HS256 needs 32
LONG = {"kty": "oct", "k": "A" * 43}  # 32 zero bytes
LAX = {"enforce_minimum_key_length": False}


def test_a_short_oct_jwk_is_refused_by_default_with_the_opt_out_named():
    jwk = jwt.PyJWK(SHORT)
    assert jwk.algorithm_name == "HS256"
    with pytest.raises(jwt.InvalidKeyError, match="enforce_minimum_key_length") as e:
        jwk.key
    assert e.value.code == "weak_hmac_key"
    with pytest.raises(jwt.InvalidKeyError, match="enforce_minimum_key_length"):
        jwt.encode({"sub": "a"}, jwk)


def test_turning_the_minimum_off_accepts_it_with_pyjwts_warning():
    jwk = jwt.PyJWK(SHORT)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        token = jwt.PyJWT(LAX).encode({"sub": "a"}, jwk)
        assert jwt.PyJWT(LAX).decode(token, jwk) == {"sub": "a"}
        assert jwt.PyJWS(options=LAX).decode(token, jwk) == b'{"sub":"a"}'
    assert [w.category for w in caught] == [jwt.InsecureKeyLengthWarning] * 3
    # The token is the HS256 token of the raw secret: the same key either way.
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        assert jwt.decode(token, b"secret", algorithms=["HS256"], options=LAX) == {"sub": "a"}
    # With the minimum enforced (the default), the same PyJWK does not verify it.
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, jwk)


def test_an_oct_jwk_signs_and_verifies_its_own_algorithm_only():
    jwk = jwt.PyJWK(LONG)
    token = jwt.encode({"sub": "a"}, jwk)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert jwt.decode(token, jwk) == {"sub": "a"}
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.encode({"sub": "a"}, jwk, algorithm="HS512")


def test_a_key_set_leaves_short_oct_keys_out():
    keys = jwt.PyJWKSet([{**SHORT, "kid": "short"}, {**LONG, "kid": "long"}])
    assert [k.key_id for k in keys] == ["long"]
