"""The PyJWT behaviours issue 19 adds, each a deliberate choice (bindings-python/README.md,
"Where jwtcore is deliberately stricter" and "Drop-in fidelity"):

- ``none`` as PyJWT has it: listed, unregistrable, made by ``encode`` (through the core's
  ``jwtcore::unsecured``), and refused by every verifying call, whatever the key or allow-list;
- the key-confusion token of GHSA-ffqj-6fqr-9h24 raises a class that is both PyJWT's
  ``InvalidKeyError`` and an ``InvalidTokenError``;
- ``"aud": null`` is no audience (the core's rule, shared vectors ``aud-null-*``);
- a payload segment that cannot be base64url is refused before the signature is checked (the
  core's rule, shared vectors ``b64-payload-*``);
- NaN and infinities are refused at ``encode`` (``ValueError``), since no verifier could read the
  token.
"""

import json
import math

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ec

import jwtcore as jwt
from jwtcore.algorithms import NoneAlgorithm, get_default_algorithms

SECRET = b"k" * 32
EC_KEY = ec.generate_private_key(ec.SECP256R1())
EC_PUBLIC_PEM = EC_KEY.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo)
EC_PUBLIC_JWK = json.loads(get_default_algorithms()["ES256"].to_jwk(EC_KEY.public_key()))

# ---- none ---------------------------------------------------------------------------------------


def test_none_is_listed_and_unregistrable_as_in_pyjwt():
    assert jwt.PyJWS().get_algorithms()[0] == "none"
    assert "none" in jwt.PyJWT()._jws.get_algorithms()
    assert "none" not in jwt.PyJWS(algorithms=["HS256"]).get_algorithms()
    assert jwt.PyJWS(algorithms=["HS256", "none"]).get_algorithms() == ["none", "HS256"]
    jws = jwt.PyJWS()
    assert isinstance(jws.get_algorithm_by_name("none"), NoneAlgorithm)
    jws.unregister_algorithm("none")
    assert "none" not in jws.get_algorithms()
    with pytest.raises(NotImplementedError, match="^Algorithm not supported$"):
        jws.encode(b"payload", None, algorithm="none")
    with pytest.raises(KeyError):
        jws.unregister_algorithm("none")
    # Still refused when allowed, with PyJWT's text for an algorithm the instance does not have.
    with pytest.raises(jwt.InvalidAlgorithmError, match="^Algorithm not supported$") as e:
        jws.decode(jwt.PyJWS().encode(b"payload", None, algorithm="none"), "", algorithms=["none"])
    assert type(e.value) is jwt.InvalidAlgorithmError and e.value.code == "alg_none"
    # The module-level default instance (shared by jwt.encode) still has it.
    assert "none" in jwt._jws_global_obj.get_algorithms()


@pytest.mark.parametrize(
    "make",
    [
        lambda lib: lib.encode({"sub": "a"}, None, algorithm="none"),
        lambda lib: lib.encode({"sub": "a"}, None, algorithm=None),
        lambda lib: lib.encode({"sub": "a"}, "", algorithm="none"),
        lambda lib: lib.encode({"sub": "a"}, None, headers={"alg": "none"}),
        lambda lib: lib.PyJWS().encode(b"hello world", None, algorithm="none"),
        lambda lib: lib.PyJWS().encode(b"hello world", None, headers={"alg": "none", "kid": "k1"}),
    ],
)
def test_unsecured_tokens_are_the_bytes_pyjwt_makes(make):
    token = make(jwt)
    assert token == make(pyjwt)
    header, payload, signature = token.split(".")
    assert signature == "" and jwt.get_unverified_header(token)["alg"] == "none"


def test_none_takes_no_key_and_no_unencoded_payload():
    # PyJWT's rule: a key given with `none` means the caller meant to sign.
    for key in (SECRET, "secret", EC_PUBLIC_PEM):
        with pytest.raises(jwt.InvalidKeyError, match='When alg = "none", key value must be None.'):
            jwt.encode({"sub": "a"}, key, algorithm="none")
    # The core's producer refuses what no reader could split (b64: false) or decode (empty).
    with pytest.raises(jwt.DecodeError) as e:
        jwt.PyJWS().encode(b"raw", None, algorithm="none", is_payload_detached=True)
    assert e.value.code == "b64_unsupported"
    with pytest.raises(jwt.DecodeError):
        jwt.PyJWS().encode(b"", None, algorithm="none")
    # A malformed crit gets PyJWT's decode-time text, as for a signed token.
    with pytest.raises(jwt.InvalidTokenError, match="must be a non-empty list") as e:
        jwt.encode({"sub": "a"}, None, algorithm="none", headers={"crit": []})
    assert e.value.code == "crit_invalid"


UNSECURED = pyjwt.encode({"sub": "admin", "exp": 4_000_000_000}, None, algorithm="none")
# The same claims with a signature segment, and with `alg` spelled in another case.
UNSECURED_SIGNED = UNSECURED + "c2lnbmF0dXJl"
UNSECURED_CASE = "{}.{}.".format(*(jwt.utils.base64url_encode(p).decode() for p in (b'{"alg":"None"}', b'{"sub":"a"}')))


def _entry_points():
    jws, jwt_ = jwt.PyJWS(), jwt.PyJWT()
    return [
        ("jwt.decode", jwt.decode),
        ("jwt.decode_complete", jwt.decode_complete),
        ("jwt.api_jws.decode", jwt.api_jws.decode),
        ("jwt.api_jws.decode_complete", jwt.api_jws.decode_complete),
        ("PyJWS.decode", jws.decode),
        ("PyJWS.decode_complete", jws.decode_complete),
        ("PyJWT.decode", jwt_.decode),
        ("PyJWT.decode_complete", jwt_.decode_complete),
    ]


KEYS = [
    "",
    "secret",
    SECRET,
    EC_PUBLIC_PEM,
    EC_PUBLIC_JWK,
    jwt.PyJWK(EC_PUBLIC_JWK, algorithm="ES256"),
    jwt.PyJWK({"kty": "oct", "k": "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s", "alg": "HS256"}),
]
ALLOW_LISTS = [["none"], ["HS256", "none"], ["ES256", "none"], list(get_default_algorithms()), ["HS256"], ["ES256"]]


@pytest.mark.parametrize("token", [UNSECURED, UNSECURED_SIGNED, UNSECURED_CASE], ids=["unsigned", "signed", "None"])
@pytest.mark.parametrize("key", KEYS, ids=lambda k: type(k).__name__ + str(len(str(k))))
def test_every_verifying_call_refuses_an_unsecured_token(token, key):
    for name, decode in _entry_points():
        for algorithms in ALLOW_LISTS:
            with pytest.raises(jwt.InvalidTokenError) as e:
                decode(token, key, algorithms=algorithms)
            assert e.value.code == "alg_none", (name, algorithms)
            if "none" in algorithms and token != UNSECURED_CASE:
                # PyJWT's NoneAlgorithm never verifies: its class and text.
                assert type(e.value) is jwt.InvalidSignatureError, (name, algorithms)
                assert str(e.value) == "Signature verification failed"
            else:
                # `none` not allowed, or spelled "None" (not PyJWT's name): not an allowed alg.
                assert type(e.value) is jwt.InvalidAlgorithmError, (name, algorithms)
        if isinstance(key, jwt.PyJWK):
            # The PyJWK's own algorithm as the allow-list.
            with pytest.raises(jwt.InvalidAlgorithmError):
                decode(token, key)


def test_a_none_key_is_a_configuration_error_before_the_token_is_read():
    for name, decode in _entry_points():
        with pytest.raises(jwt.InvalidKeyError):
            decode(UNSECURED, None, algorithms=["none"])


def test_reading_an_unsecured_token_unverified_is_the_only_way():
    claims = {"sub": "admin", "exp": 4_000_000_000}
    options = {"verify_signature": False}
    assert jwt.decode(UNSECURED, options=options) == claims
    assert jwt.decode_complete(UNSECURED, options=options)["header"] == {"alg": "none", "typ": "JWT"}
    assert jwt.PyJWS().decode(UNSECURED, options=options) == json.dumps(claims, separators=(",", ":")).encode()


# ---- GHSA-ffqj-6fqr-9h24 -------------------------------------------------------------------------

# PyJWT's advisory test: an Ed25519 OpenSSH public key, and an HS256 token MAC'd with its bytes.
SSH_ED25519 = b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPL1I9oiq+B8crkmuV4YViiUnhdLjCp3hvy1bNGuGfNL"
FORGED = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ0ZXN0IjoxMjM0fQ.6ulDpqSlbHmQ8bZXhZRLFko9SwcHrghCwh8d-exJEE4"


def test_key_confusion_is_both_an_invalid_key_and_an_invalid_token():
    for _, decode in _entry_points():
        with pytest.raises(jwt.AlgorithmKeyMismatchError) as e:
            decode(FORGED, SSH_ED25519, algorithms=list(get_default_algorithms()))
        assert e.value.code == "alg_key_mismatch"
        # PyJWT's class (its own test uses pytest.raises(InvalidKeyError)) and a token error
        # (`except InvalidTokenError` answers 401).
        assert isinstance(e.value, jwt.InvalidKeyError) and isinstance(e.value, jwt.InvalidTokenError)
        assert isinstance(e.value, jwt.InvalidAlgorithmError)
    assert jwt.AlgorithmKeyMismatchError.__doc__ and "401" in jwt.AlgorithmKeyMismatchError.__doc__
    # Any other algorithm the key cannot serve is the same class: an ES256 token with a secret.
    es256 = jwt.encode({"sub": "a"}, EC_KEY, algorithm="ES256")
    with pytest.raises(jwt.AlgorithmKeyMismatchError):
        jwt.decode(es256, SECRET, algorithms=["ES256", "HS256"])


# ---- "aud": null --------------------------------------------------------------------------------

# PyJWT's test_decode_allows_aud_to_be_none token: {"aud": null} MAC'd with "secret".
AUD_NULL = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhdWQiOm51bGx9.-Peqc-pTugGvrc5C8Bnl0-X1V_5fv-aVb_7y7nGBVvQ"


def test_a_null_audience_is_no_audience():
    options = {"enforce_minimum_key_length": False}
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        claims = jwt.decode(AUD_NULL, "secret", algorithms=["HS256"], options=options)
    assert claims == {"aud": None}
    for strict in (False, True):
        with pytest.raises(jwt.MissingRequiredClaimError) as e:
            jwt.decode(AUD_NULL, "secret", algorithms=["HS256"], audience="api", options={**options, "strict_aud": strict})
        assert e.value.claim == "aud" and e.value.code == "missing_claim"
    # Anything else that is not a string or an array of strings stays malformed.
    token = jwt.encode({"aud": 7}, SECRET)
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, SECRET, algorithms=["HS256"])


# ---- the payload segment's shape ----------------------------------------------------------------

# PyJWT's test_decode_invalid_payload_padding token: a 25-character payload (1 mod 4).
BAD_PAYLOAD = (
    "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.aeyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8"
)


def test_a_payload_that_cannot_be_base64url_is_refused_before_the_signature():
    assert len(BAD_PAYLOAD.split(".")[1]) % 4 == 1
    good = jwt.encode({"hello": "world"}, SECRET)
    g_header, g_payload, g_signature = good.split(".")
    shapes = [
        BAD_PAYLOAD,  # length 1 mod 4, a MAC under some other key
        f"{g_header}.{g_payload}{'A' * ((1 - len(g_payload)) % 4)}.{g_signature}",  # the right MAC, length 1 mod 4
        f"{g_header}.{g_payload}=.{g_signature}",  # padding
    ]
    for token in shapes:
        for decode in (jwt.decode, jwt.PyJWS().decode):
            with pytest.raises(jwt.DecodeError, match="^Invalid payload padding$") as e:
                decode(token, SECRET, algorithms=["HS256"])
            assert type(e.value) is jwt.DecodeError and e.value.code == "malformed_base64"
    # Only the shape is read before the signature: a bad character inside the payload is content,
    # and the signature (which does not cover the altered segment) fails first.
    inner = f"{g_header}.{g_payload[:4]}={g_payload[5:]}.{g_signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(inner, SECRET, algorithms=["HS256"])


# ---- NaN and infinities -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_at_encode(value):
    for payload in ({"exp": value}, {"sub": "a", "scores": [1.0, {"x": value}]}):
        with pytest.raises(ValueError, match="JSON has no NaN or Infinity") as e:
            jwt.encode(payload, SECRET)
        assert not isinstance(e.value, jwt.PyJWTError)
    with pytest.raises(ValueError, match="RFC 8259"):
        jwt.encode({"sub": "a"}, SECRET, headers={"x-rate": value})
    # PyJWT writes the non-JSON literal; no verifier reads the token (jwtcore refuses it too).
    token = pyjwt.encode({"sub": "a", "x": value}, SECRET)
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token, SECRET, algorithms=["HS256"])
