"""PyJWT-style usage through the installed wheel, interop with PyJWT, freezegun, threads."""

import json
import threading
import warnings
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from freezegun import freeze_time

import jwtcore
import jwtcore as jwt

SECRET = "a-secret-of-at-least-thirty-two-bytes!"
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()
EC384_KEY = ec.generate_private_key(ec.SECP384R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]


def pem(key, private=True):
    if private:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_import_as_jwt_and_hierarchy():
    assert issubclass(jwt.ExpiredSignatureError, jwt.InvalidTokenError)
    assert issubclass(jwt.InvalidSignatureError, jwt.DecodeError)
    assert issubclass(jwt.InvalidKeyError, jwt.PyJWTError)
    from jwtcore.exceptions import InvalidJTIError, InvalidSubjectError  # noqa: F401


def test_hs256_round_trip_and_claims():
    now = datetime.now(tz=timezone.utc)
    token = jwt.encode({"sub": "u1", "exp": now + timedelta(minutes=5), "iat": now}, SECRET, algorithm="HS256")
    assert isinstance(token, str)
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["sub"] == "u1" and isinstance(claims["exp"], int)
    full = jwt.decode_complete(token, SECRET, algorithms=["HS256"])
    assert full["header"]["alg"] == "HS256" and len(full["signature"]) == 32


@pytest.mark.parametrize(
    "alg,key", [("ES256", EC_KEY), ("EdDSA", ED_KEY), ("ES384", EC384_KEY)] + [(a, RSA_KEY) for a in RSA_ALGS]
)
def test_asymmetric_pem_and_objects(alg, key):
    token = jwt.encode({"sub": "x"}, pem(key), algorithm=alg)
    assert jwt.decode(token, pem(key, False), algorithms=[alg])["sub"] == "x"
    # cryptography key objects work too
    assert jwt.decode(token, key.public_key(), algorithms=[alg])["sub"] == "x"
    token2 = jwt.encode({"sub": "y"}, key, algorithm=alg)
    assert jwt.decode(token2, pem(key, False), algorithms=[alg])["sub"] == "y"


@pytest.mark.parametrize(
    "alg,key",
    [("HS256", SECRET), ("ES256", EC_KEY), ("EdDSA", ED_KEY), ("ES384", EC384_KEY)] + [(a, RSA_KEY) for a in RSA_ALGS],
)
def test_interop_with_pyjwt_both_ways(alg, key):
    sign_key = key if alg == "HS256" else pem(key)
    verify_key = key if alg == "HS256" else pem(key, False)
    ours = jwt.encode({"sub": "a", "aud": "api"}, sign_key, algorithm=alg)
    assert pyjwt.decode(ours, verify_key, algorithms=[alg], audience="api")["sub"] == "a"
    theirs = pyjwt.encode({"sub": "b", "aud": "api"}, sign_key, algorithm=alg)
    assert jwt.decode(theirs, verify_key, algorithms=[alg], audience="api")["sub"] == "b"


def test_rsa_pkcs1_pem_and_key_binding():
    # PKCS#1 ("BEGIN RSA PRIVATE/PUBLIC KEY") as well as PKCS#8/SPKI.
    priv = RSA_KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()
    pub = RSA_KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1).decode()
    assert "BEGIN RSA PRIVATE KEY" in priv and "BEGIN RSA PUBLIC KEY" in pub
    token = jwt.encode({"sub": "r"}, priv, algorithm="RS256")
    assert jwt.decode(token, pub, algorithms=["RS256"])["sub"] == "r"
    # An RS256 JWK (alg bound) does not verify a PS256 token, even when PS256 is allowed.
    ps = pyjwt.encode({"sub": "p"}, pem(RSA_KEY), algorithm="PS256")
    rs_jwk = jwt.PyJWK({**json.loads(pyjwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key())), "alg": "RS256"})
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(ps, rs_jwk, algorithms=["RS256", "PS256"])
    # Moduli below 2048 bits are refused.
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, pem(small, False), algorithms=["RS256"])


def test_options_and_errors():
    token = jwt.encode({"exp": 1, "aud": "x", "iss": "me"}, SECRET)
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(token, SECRET, algorithms=["HS256"], audience="x")
    assert jwt.decode(token, SECRET, algorithms=["HS256"], audience="x", options={"verify_exp": False})["iss"] == "me"
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False}, audience="y")
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False}, audience="x", issuer="you")
    with pytest.raises(jwt.MissingRequiredClaimError) as e:
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False, "require": ["sub"]}, audience="x")
    assert e.value.claim == "sub" and str(e.value) == 'Token is missing the "sub" claim'
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET + "x", algorithms=["HS256"])
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(token, SECRET, algorithms=["HS384"])
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token, SECRET)  # algorithms is required
    with pytest.raises(jwt.DecodeError):
        jwt.decode("not.a.token", SECRET, algorithms=["HS256"])
    # verify_signature False still parses strictly but checks nothing else unless asked
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == "x"


def test_leeway_timedelta_and_freezegun():
    with freeze_time("2030-01-01 00:00:00"):
        token = jwt.encode({"exp": datetime(2030, 1, 1, 0, 0, 30, tzinfo=timezone.utc)}, SECRET)
        assert jwt.decode(token, SECRET, algorithms=["HS256"])
    with freeze_time("2030-01-01 00:01:00"):
        with pytest.raises(jwt.ExpiredSignatureError):
            jwt.decode(token, SECRET, algorithms=["HS256"])
        assert jwt.decode(token, SECRET, algorithms=["HS256"], leeway=timedelta(seconds=60))


def test_short_keys_refused_unless_opted_out():
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode({"a": 1}, "short", algorithm="HS256")
    p = jwt.PyJWT({"enforce_minimum_key_length": False})
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        token = p.encode({"a": 1}, "short", algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, "short", algorithms=["HS256"])
    with pytest.warns(jwt.InsecureKeyLengthWarning, match="5 bytes"):
        assert p.decode(token, "short", algorithms=["HS256"]) == {"a": 1}
    # A long enough key does not warn.
    good = p.encode({"a": 1}, "k" * 32, algorithm="HS256")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert p.decode(good, "k" * 32, algorithms=["HS256"]) == {"a": 1}


def test_public_key_never_an_hmac_secret():
    public = pem(EC_KEY, False)
    forged = pyjwt.api_jws.PyJWS().encode(b'{"sub":"admin"}', b"x" * 32, algorithm="HS256")
    # An attacker HMACs with the public PEM as secret; our decode with the public key refuses.
    import hashlib
    import hmac as _hmac
    import base64

    head, body, _ = forged.split(".")
    sig = _hmac.new(public.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    token = f"{head}.{body}." + base64.urlsafe_b64encode(sig).rstrip(b"=").decode()
    with pytest.raises((jwt.InvalidAlgorithmError, jwt.InvalidKeyError)):
        jwt.decode(token, public, algorithms=["HS256", "ES256"])


def test_pyjwk_and_set():
    key = jwtcore._core.CoreKey.from_der(
        EC_KEY.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    import json

    public_jwk = json.loads(key.to_jwk(False))
    public_jwk["kid"] = "k1"
    jwk = jwt.PyJWK(public_jwk)
    assert jwk.key_id == "k1" and jwk.algorithm_name == "ES256"
    token = jwt.encode({"sub": "z"}, pem(EC_KEY), algorithm="ES256", headers={"kid": "k1"})
    assert jwt.decode(token, jwk, algorithms=["ES256"])["sub"] == "z"
    keyset = jwt.PyJWKSet.from_dict({"keys": [public_jwk, {"kty": "RSA", "n": "AQAB", "e": "AQAB"}]})
    assert keyset["k1"].key_id == "k1"


def test_threads_share_keys():
    tokens = [jwt.encode({"n": i}, SECRET) for i in range(200)]
    errors = []

    def work(chunk):
        try:
            for t in chunk:
                jwt.decode(t, SECRET, algorithms=["HS256"])
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work, args=(tokens[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


@pytest.mark.parametrize(
    "junk",
    ["", ".", "..", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "\x00", "é.é.é", "a" * 20000, "eyJ9.eyJ9.eyJ9"],
)
def test_junk_only_raises_jwtcore_errors(junk):
    with pytest.raises(jwt.PyJWTError):
        jwt.decode(junk, SECRET, algorithms=["HS256"])
    if junk == "eyJhbGciOiJIUzI1NiJ9..":
        # The shape of a detached-payload token with an empty signature: PyJWT returns its header.
        assert jwt.get_unverified_header(junk) == {"alg": "HS256"}
        return
    with pytest.raises(jwt.PyJWTError):
        jwt.get_unverified_header(junk)
