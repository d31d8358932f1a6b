"""Verdicts that must match PyJWT 2.15 on the same input, or differ only in the safe direction.

Issue 15: F2 (negative ``leeway``), F11 (a token-chosen algorithm the key is too short for is a
token failure, so ``except jwt.InvalidTokenError`` catches it), F14 (``decode(token, PyJWK)``
without ``algorithms`` uses the key's algorithm). Each runs PyJWT on the same token and compares.
"""

import base64
import hashlib
import hmac
import json
import warnings
from datetime import timedelta

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from freezegun import freeze_time

import jwtcore as jwt
from jwtcore import _core

SECRET = b"k" * 32  # long enough for HS256, too short for HS384 (48) and HS512 (64)
NOW = 1_900_000_000
FROZEN = "2030-03-17 17:46:40"  # NOW as UTC


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hmac_token(header: dict, claims: dict, secret: bytes, digest=hashlib.sha256) -> str:
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{b64(hmac.new(secret, signing_input.encode(), digest).digest())}"


def verdict(fn):
    """The exception class name PyJWT-style code would see, or "valid"."""
    try:
        fn()
    except pyjwt.PyJWTError as e:  # PyJWT's classes
        return type(e).__name__
    except jwt.PyJWTError as e:  # jwtcore's classes, same names
        return type(e).__name__
    return "valid"


# F2: negative leeway. PyJWT: exp <= now - leeway is expired, nbf > now + leeway and
# iat > now + leeway are immature; one leeway (int, float or timedelta) for all three.

LEEWAYS = [-10, -10.5, timedelta(seconds=-10), timedelta(seconds=-10.5), 0, 10]
OFFSETS = [-30, -11, -10, -9, -5, 0, 5, 9, 10, 11, 30]


def claims_grid():
    for off in OFFSETS:
        yield {"exp": NOW + off}
        yield {"nbf": NOW + off, "exp": NOW + 3600}
        yield {"iat": NOW + off, "exp": NOW + 3600}


@pytest.mark.parametrize("leeway", LEEWAYS, ids=repr)
def test_leeway_verdicts_match_pyjwt(leeway):
    checked = 0
    with freeze_time(FROZEN):
        for claims in claims_grid():
            token = hmac_token({"alg": "HS256", "typ": "JWT"}, claims, SECRET)
            theirs = verdict(lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"], leeway=leeway))
            ours = verdict(lambda: jwt.decode(token, SECRET, algorithms=["HS256"], leeway=leeway))
            assert ours == theirs, f"claims {claims} - now {NOW}, leeway {leeway!r}: PyJWT {theirs}, jwtcore {ours}"
            checked += 1
    assert checked == 3 * len(OFFSETS)


@pytest.mark.parametrize("leeway", [-10, -10.0, timedelta(seconds=-10)], ids=repr)
def test_negative_leeway_requires_remaining_validity(leeway):
    # The issue's reproduction: exp in 5 s with leeway -10 was accepted.
    with freeze_time(FROZEN):
        soon = hmac_token({"alg": "HS256"}, {"exp": NOW + 5}, SECRET)
        with pytest.raises(jwt.ExpiredSignatureError) as e:
            jwt.decode(soon, SECRET, algorithms=["HS256"], leeway=leeway)
        assert e.value.code == "expired"
        later = hmac_token({"alg": "HS256"}, {"exp": NOW + 30}, SECRET)
        assert jwt.decode(later, SECRET, algorithms=["HS256"], leeway=leeway) == {"exp": NOW + 30}
        # The same through decode_complete, PyJWT() instances and PyJWS-free paths.
        with pytest.raises(jwt.ExpiredSignatureError):
            jwt.decode_complete(soon, SECRET, algorithms=["HS256"], leeway=leeway)
        with pytest.raises(jwt.ExpiredSignatureError):
            jwt.PyJWT().decode(soon, SECRET, algorithms=["HS256"], leeway=leeway)
        # verify_signature=False still checks exp when asked to, with the same leeway.
        with pytest.raises(jwt.ExpiredSignatureError):
            jwt.decode(soon, options={"verify_signature": False, "verify_exp": True}, leeway=leeway)


@pytest.mark.parametrize("leeway", [float("nan"), float("inf"), float("-inf"), "10", None, [1]])
def test_unusable_leeway_is_refused_not_ignored(leeway):
    token = hmac_token({"alg": "HS256"}, {"exp": NOW - 100}, SECRET)
    with pytest.raises((TypeError, ValueError)):
        jwt.decode(token, SECRET, algorithms=["HS256"], leeway=leeway)


# F11: a raw secret is bound to the token's algorithm; a token that names an algorithm the
# secret is too short for must not escape `except InvalidTokenError`.


def test_token_chosen_algorithm_the_key_is_too_short_for_is_a_token_error():
    # The attacker picks HS512; the service allows HS256 and HS512 and holds a 32-byte secret.
    forged = hmac_token({"alg": "HS512", "typ": "JWT"}, {"sub": "admin"}, b"attacker", hashlib.sha512)
    with pytest.raises(jwt.InvalidTokenError) as e:
        jwt.decode(forged, SECRET, algorithms=["HS256", "HS512"])
    assert isinstance(e.value, jwt.InvalidAlgorithmError)
    assert "HS512" in str(e.value) and "32" in str(e.value)
    # The pattern the issue names: a handler that turns token failures into 401s catches it.
    try:
        jwt.decode(forged, SECRET, algorithms=["HS256", "HS512"])
    except jwt.InvalidTokenError:
        pass
    # Even a correctly MAC'd HS512 token is refused: the key is too short for HS512.
    genuine = hmac_token({"alg": "HS512"}, {"sub": "u"}, SECRET, hashlib.sha512)
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(genuine, SECRET, algorithms=["HS256", "HS512"])
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode_complete(genuine, SECRET, algorithms=["HS512", "HS384", "HS256"])
    # PyJWS takes the same path.
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.PyJWS().decode(genuine, SECRET, algorithms=["HS256", "HS512"])
    # HS256 tokens still verify with that key.
    ok = hmac_token({"alg": "HS256"}, {"sub": "u"}, SECRET)
    assert jwt.decode(ok, SECRET, algorithms=["HS256", "HS512"]) == {"sub": "u"}
    assert jwt.PyJWS().decode(ok, SECRET, algorithms=["HS256", "HS512"]) == b'{"sub": "u"}'


def test_a_key_too_short_for_every_allowed_algorithm_is_a_configuration_error():
    # No token can verify: that is the caller's key, not the token (InvalidKeyError, as PyJWT
    # with enforce_minimum_key_length=True).
    short = b"s" * 20
    token = hmac_token({"alg": "HS256"}, {"sub": "u"}, short)
    for algorithms in (["HS256"], ["HS256", "HS512"]):
        with pytest.raises(jwt.InvalidKeyError) as e:
            jwt.decode(token, short, algorithms=algorithms)
        assert not isinstance(e.value, jwt.InvalidTokenError)
        assert e.value.code == "weak_hmac_key"
    theirs = pyjwt.PyJWT({"enforce_minimum_key_length": True})
    with pytest.raises(pyjwt.InvalidKeyError):
        theirs.decode(token, short, algorithms=["HS256"])


def test_short_keys_allowed_gives_pyjwts_verdict_for_the_token_chosen_algorithm():
    forged = hmac_token({"alg": "HS512"}, {"sub": "admin"}, b"attacker", hashlib.sha512)
    lenient = jwt.PyJWT({"enforce_minimum_key_length": False})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        warnings.simplefilter("ignore", pyjwt.InsecureKeyLengthWarning)
        ours = verdict(lambda: lenient.decode(forged, SECRET, algorithms=["HS256", "HS512"]))
        theirs = verdict(lambda: pyjwt.decode(forged, SECRET, algorithms=["HS256", "HS512"]))
    assert ours == theirs == "InvalidSignatureError"


# F14: a PyJWK carries its algorithm; PyJWT uses it when `algorithms` is left out.

EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()


@pytest.mark.parametrize("alg,key", [("ES256", EC_KEY), ("EdDSA", ED_KEY)])
def test_decode_with_pyjwk_and_no_algorithms_uses_the_keys_algorithm(alg, key):
    public_jwk = json.loads(pyjwt.algorithms.get_default_algorithms()[alg].to_jwk(key.public_key()))
    token = pyjwt.encode({"sub": "u"}, key, algorithm=alg)
    theirs = pyjwt.decode(token, pyjwt.PyJWK(public_jwk))
    assert jwt.decode(token, jwt.PyJWK(public_jwk)) == theirs == {"sub": "u"}
    assert jwt.decode_complete(token, jwt.PyJWK(public_jwk))["header"]["alg"] == alg
    assert jwt.PyJWT().decode(token, jwt.PyJWK(public_jwk)) == {"sub": "u"}
    # The key's algorithm is the whole allow-list: a token naming another one is refused.
    other = jwt.encode({"sub": "u"}, "x" * 64, algorithm="HS256")
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(other, jwt.PyJWK(public_jwk))
    with pytest.raises(pyjwt.InvalidAlgorithmError):
        pyjwt.decode(other, pyjwt.PyJWK(public_jwk))


def test_other_keys_still_need_algorithms():
    token = jwt.encode({"sub": "u"}, "x" * 32, algorithm="HS256")
    with pytest.raises(jwt.DecodeError, match='"algorithms"'):
        jwt.decode(token, "x" * 32)
    with pytest.raises(pyjwt.DecodeError, match='"algorithms"'):
        pyjwt.decode(token, "x" * 32)


def test_unverified_decode_complete_returns_the_signature_and_checks_its_encoding():
    token = jwt.encode({"sub": "u"}, SECRET, algorithm="HS256")
    ours = jwt.decode_complete(token, options={"verify_signature": False})
    theirs = pyjwt.decode_complete(token, options={"verify_signature": False})
    assert ours["signature"] == theirs["signature"] and len(ours["signature"]) == 32
    # The README's "canonical unpadded base64url" holds without verification too.
    with pytest.raises(jwt.DecodeError) as e:
        jwt.decode(token + "=", options={"verify_signature": False})
    assert e.value.code == "malformed_base64"
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token[:-1] + "*", options={"verify_signature": False})


# Issue 19: PyJWT's messages for the same failures (code that matches on them keeps working);
# jwtcore's own classification stays in `.code`.


def b64json(obj) -> str:
    return b64(json.dumps(obj).encode() if not isinstance(obj, bytes) else obj)


def signed(header_segment: str, payload_segment: str, secret: bytes = SECRET) -> str:
    signing_input = f"{header_segment}.{payload_segment}"
    return f"{signing_input}.{b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"


HS = b64json({"alg": "HS256", "typ": "JWT"})
MESSAGE_CASES = [
    # (id, token, decode kwargs, PyJWT's class, PyJWT's message)
    ("segments", "abc", {}, "DecodeError", "Not enough segments"),
    ("header-padding", signed("!!" + HS, b64json({"a": 1})), {}, "DecodeError", "Invalid header padding"),
    ("header-not-object", signed(b64json([1]), b64json({"a": 1})), {}, "DecodeError",
     "Invalid header string: must be a json object"),
    ("crypto-padding", signed(HS, b64json({"a": 1}))[:-2] + "!!", {}, "DecodeError", "Invalid crypto padding"),
    ("payload-not-object", signed(HS, b64json([1])), {}, "DecodeError",
     "Invalid payload string: must be a json object"),
    ("bad-signature", signed(HS, b64json({"a": 1}), b"o" * 32), {}, "InvalidSignatureError",
     "Signature verification failed"),
    ("alg-not-allowed", signed(HS, b64json({"a": 1})), {"algorithms": ["HS384"]}, "InvalidAlgorithmError",
     "The specified alg value is not allowed"),
    ("alg-missing", signed(b64json({"typ": "JWT"}), b64json({"a": 1})), {}, "InvalidAlgorithmError",
     "Algorithm not specified"),
    ("expired", signed(HS, b64json({"exp": NOW - 1})), {}, "ExpiredSignatureError", "Signature has expired"),
    ("nbf", signed(HS, b64json({"nbf": NOW + 60})), {}, "ImmatureSignatureError", "The token is not yet valid (nbf)"),
    ("iat", signed(HS, b64json({"iat": NOW + 60})), {}, "ImmatureSignatureError", "The token is not yet valid (iat)"),
    ("exp-type", signed(HS, b64json({"exp": "soon"})), {}, "DecodeError",
     "Expiration Time claim (exp) must be an integer."),
    ("nbf-type", signed(HS, b64json({"nbf": "soon"})), {}, "DecodeError",
     "Not Before claim (nbf) must be an integer."),
    ("iat-type", signed(HS, b64json({"iat": "soon"})), {}, "InvalidIssuedAtError",
     "Issued At claim (iat) must be an integer."),
    ("aud-unexpected", signed(HS, b64json({"aud": "api"})), {}, "InvalidAudienceError", "Invalid audience"),
    ("aud-mismatch", signed(HS, b64json({"aud": "api"})), {"audience": "web"}, "InvalidAudienceError",
     "Audience doesn't match"),
    ("aud-format", signed(HS, b64json({"aud": 1})), {"audience": "api"}, "InvalidAudienceError",
     "Invalid claim format in token"),
    ("aud-strict", signed(HS, b64json({"aud": "api"})), {"audience": "web", "options": {"strict_aud": True}},
     "InvalidAudienceError", "Audience doesn't match (strict)"),
    ("aud-missing", signed(HS, b64json({"a": 1})), {"audience": "api"}, "MissingRequiredClaimError",
     'Token is missing the "aud" claim'),
    ("iss", signed(HS, b64json({"iss": "a"})), {"issuer": "b"}, "InvalidIssuerError", "Invalid issuer"),
    ("sub-type", signed(HS, b64json({"sub": 1})), {}, "InvalidSubjectError", "Subject must be a string"),
    ("sub-mismatch", signed(HS, b64json({"sub": "a"})), {"subject": "b"}, "InvalidSubjectError", "Invalid subject"),
    ("jti-type", signed(HS, b64json({"jti": 1})), {}, "InvalidJTIError", "JWT ID must be a string"),
    ("required", signed(HS, b64json({"a": 1})), {"options": {"require": ["exp"]}}, "MissingRequiredClaimError",
     'Token is missing the "exp" claim'),
]


@pytest.mark.parametrize("token,kwargs,cls,message", [c[1:] for c in MESSAGE_CASES], ids=[c[0] for c in MESSAGE_CASES])
def test_same_class_and_message_as_pyjwt(token, kwargs, cls, message):
    kwargs = {"algorithms": ["HS256"], **kwargs}
    with freeze_time(FROZEN):
        with pytest.raises(pyjwt.PyJWTError) as theirs:
            pyjwt.decode(token, SECRET, **kwargs)
        with pytest.raises(jwt.PyJWTError) as ours:
            jwt.decode(token, SECRET, **kwargs)
    assert (type(theirs.value).__name__, str(theirs.value)) == (cls, message), "the case no longer matches PyJWT"
    assert (type(ours.value).__name__, str(ours.value)) == (cls, message)
    assert ours.value.code in _core.error_codes()


@pytest.mark.filterwarnings("ignore:The HMAC key is 5 bytes long")  # PyJWT's, making the token
def test_short_key_message_gives_lengths_and_the_opt_out():
    with pytest.raises(jwt.InvalidKeyError) as e:
        jwt.encode({"a": 1}, "short", algorithm="HS384")
    assert "5 bytes" in str(e.value) and "48 bytes" in str(e.value) and "enforce_minimum_key_length" in str(e.value)
    token = pyjwt.encode({"a": 1}, "short", algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError) as e:
        jwt.decode(token, "short", algorithms=["HS256"])
    assert "5 bytes" in str(e.value) and "32 bytes" in str(e.value) and e.value.code == "weak_hmac_key"


def test_algorithms_as_a_single_string():
    token = jwt.encode({"a": 1}, SECRET, algorithm="HS256")
    assert jwt.decode(token, SECRET, algorithms="HS256") == pyjwt.decode(token, SECRET, algorithms="HS256")
    assert jwt.PyJWS().decode(token, SECRET, algorithms="HS256") == b'{"a":1}'
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(token, SECRET, algorithms="HS512")


def test_more_pyjwt_behaviours_from_its_own_suite():
    # Each of these failed PyJWT 2.15.1's own tests (run through an import shim).
    token = jwt.encode({"a": 1}, SECRET, algorithm="HS256")
    # PyJWT(options={"verify_signature": False}) turns the claim checks off in .options too.
    assert jwt.PyJWT({"verify_signature": False}).options["verify_exp"] is False
    assert jwt.PyJWT({"verify_signature": False, "verify_exp": True}).options["verify_exp"] is True
    # audience type errors and non-str members, as PyJWT.
    with pytest.raises(TypeError, match="^audience must be a string, iterable or None$"):
        jwt.decode(token, SECRET, algorithms=["HS256"], audience=1)
    aud = jwt.encode({"aud": ["urn:me"]}, SECRET, algorithm="HS256")
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(aud, SECRET, algorithms=["HS256"], audience=b"urn:me")
    # The ignored legacy `verify` argument warns when it contradicts the options.
    with pytest.deprecated_call():
        jwt.decode(token, SECRET, verify=False, algorithms=["HS256"])
    with pytest.deprecated_call():
        jwt.decode_complete(token, SECRET, verify=False, algorithms=["HS256"])
    # An allowed but unknown algorithm is "not supported", not "not allowed".
    odd = b64json({"alg": "hs256"}) + "." + b64json({"a": 1}) + ".c2ln"
    with pytest.raises(jwt.InvalidAlgorithmError, match="^Algorithm not supported$"):
        jwt.PyJWS().decode(odd, "secret", algorithms=["hs256"])
    with pytest.raises(jwt.InvalidAlgorithmError, match="^Algorithm not supported$"):
        jwt.decode(odd, "secret", algorithms=["hs256"])
    # The empty key has PyJWT's message.
    with pytest.raises(jwt.InvalidKeyError, match="^HMAC key must not be empty.$"):
        jwt.PyJWS().decode(token, algorithms=["HS256"])
    with pytest.raises(jwt.InvalidKeyError, match="^HMAC key must not be empty.$"):
        jwt.PyJWK({"kty": "oct", "k": ""}, algorithm="HS256")
    # A JWK with unusable key material is InvalidKeyError (PyJWT) and still a PyJWKError.
    with pytest.raises(jwt.InvalidKeyError) as e:
        jwt.PyJWK({"kty": "RSA", "alg": "RS256", "n": 1, "e": "AQAB"})
    assert isinstance(e.value, jwt.PyJWKError)
    with pytest.raises(jwt.PyJWKError) as e:
        jwt.PyJWK({"kty": "oct", "k": "a" * 43}, algorithm="unknown")
    assert not isinstance(e.value, jwt.InvalidKeyError)
