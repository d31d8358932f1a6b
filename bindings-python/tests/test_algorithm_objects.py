"""``jwtcore.algorithms`` objects sign and verify raw bytes through the core's raw signature
functions (issue 19): their signatures are the ones the token path makes, PyJWT's objects verify
them and they verify PyJWT's, and a key unusable for the algorithm is ``InvalidKeyError``."""

import hashlib
import hmac
import json

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore as jwt
from jwtcore.exceptions import InvalidKeyError

SECRET = b"k" * 32
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
EC384_KEY = ec.generate_private_key(ec.SECP384R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()
ASYMMETRIC = [("RS256", RSA_KEY), ("RS512", RSA_KEY), ("PS256", RSA_KEY), ("PS384", RSA_KEY),
              ("ES256", EC_KEY), ("ES384", EC384_KEY), ("EdDSA", ED_KEY)]


def pem(key, private=True):
    if private:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@pytest.mark.parametrize("alg,digest", [("HS256", hashlib.sha256), ("HS384", hashlib.sha384),
                                        ("HS512", hashlib.sha512)])
def test_hmac_sign_is_the_hmac_and_verify_checks_it(alg, digest):
    algo = jwt.get_algorithm_by_name(alg)
    secret = b"s" * 64
    sig = algo.sign(b"header.payload", secret)
    assert sig == hmac.new(secret, b"header.payload", digest).digest()
    assert algo.verify(b"header.payload", secret, sig) is True
    assert algo.verify(b"header.payloae", secret, sig) is False
    assert algo.verify(b"header.payload", secret, sig[:-1]) is False
    assert algo.verify(b"header.payload", secret.decode(), sig) is True  # str keys, as PyJWT


def test_signature_is_the_one_in_a_token():
    token = jwt.encode({"sub": "a"}, SECRET, algorithm="HS256")
    signing_input, _, sig = token.rpartition(".")
    assert jwt.algorithms.HMACAlgorithm(hashlib.sha256).sign(signing_input.encode(), SECRET) == \
        jwt.utils.base64url_decode(sig)


@pytest.mark.parametrize("alg,key", ASYMMETRIC)
def test_asymmetric_signatures_interoperate_with_pyjwt(alg, key):
    ours = jwt.get_algorithm_by_name(alg)
    theirs = pyjwt.get_algorithm_by_name(alg)
    public = key.public_key()
    # cryptography objects, PEM and the core's own keys all work, as PyJWT's key types do.
    for signing_key in (key, pem(key), ours.prepare_key(pem(key))):
        sig = ours.sign(b"msg", signing_key)
        assert theirs.verify(b"msg", theirs.prepare_key(public), sig)
        assert ours.verify(b"msg", public, sig) is True
        assert ours.verify(b"msg", pem(key, private=False), sig) is True
        assert ours.verify(b"msh", public, sig) is False
    sig = theirs.sign(b"msg", theirs.prepare_key(key))
    assert ours.verify(b"msg", public, sig) is True
    assert ours.verify(b"msg", ours.from_jwk(theirs.to_jwk(public)), sig) is True
    assert ours.verify(b"msg", public, bytes(len(sig))) is False


def test_keys_unusable_for_the_algorithm_are_invalid_key_errors():
    es256 = jwt.get_algorithm_by_name("ES256")
    with pytest.raises(InvalidKeyError, match="not a ES256 key"):
        es256.sign(b"m", EC384_KEY)  # the curve must be the algorithm's
    with pytest.raises(InvalidKeyError, match="private key is required"):
        es256.sign(b"m", EC_KEY.public_key())
    with pytest.raises(InvalidKeyError):
        es256.sign(b"m", ED_KEY)
    with pytest.raises(InvalidKeyError, match="asymmetric key"):
        jwt.get_algorithm_by_name("HS256").sign(b"m", pem(RSA_KEY, private=False))
    # Short secrets are refused as on the token path, with the lengths and the RFC.
    with pytest.raises(InvalidKeyError, match="3 bytes long.*32 bytes for HS256"):
        jwt.get_algorithm_by_name("HS256").sign(b"m", b"key")


@pytest.mark.parametrize("cls,key", [("ECAlgorithm", EC_KEY), ("ECAlgorithm", EC384_KEY), ("OKPAlgorithm", ED_KEY),
                                     ("RSAAlgorithm", RSA_KEY)])
def test_from_jwk_gives_cryptography_objects_like_pyjwt(cls, key):
    ours, theirs = getattr(jwt.algorithms, cls), getattr(pyjwt.algorithms, cls)
    raw = Encoding.Raw if cls == "OKPAlgorithm" else Encoding.DER
    fmt = PublicFormat.Raw if cls == "OKPAlgorithm" else PublicFormat.SubjectPublicKeyInfo
    for jwk in (theirs.to_jwk(key.public_key()), theirs.to_jwk(key)):
        got = ours.from_jwk(jwk)
        assert type(got) is type(theirs.from_jwk(jwk))  # noqa: E721 - the exact cryptography class
        public = got.public_key() if hasattr(got, "private_bytes") else got
        assert public.public_bytes(raw, fmt) == key.public_key().public_bytes(raw, fmt)


def test_a_jwk_that_restricts_its_key_stays_a_core_key():
    jwk = json.loads(pyjwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key()))
    for restriction in ({"alg": "RS256"}, {"key_ops": ["encrypt"]}, {"use": "enc"}):
        got = jwt.algorithms.RSAAlgorithm.from_jwk({**jwk, **restriction})
        assert isinstance(got, jwt._core.CoreKey)
    # The binding is kept: an RS256 JWK does not verify a PS256 signature.
    bound = jwt.algorithms.RSAAlgorithm.from_jwk({**jwk, "alg": "RS256"})
    sig = pyjwt.get_algorithm_by_name("PS256").sign(b"m", RSA_KEY)
    with pytest.raises(InvalidKeyError):
        jwt.get_algorithm_by_name("PS256").verify(b"m", bound, sig)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_hmac_prepare_key_names_jwk_text_as_pyjwt_does(encoding):
    hs = jwt.algorithms.HMACAlgorithm(jwt.algorithms.HMACAlgorithm.SHA256)
    jwk = pyjwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key())
    with pytest.raises(InvalidKeyError, match="looks like a JWK"):
        hs.prepare_key((" \n" + jwk).encode(encoding))
    with pytest.raises(InvalidKeyError, match="asymmetric key or x509"):
        hs.prepare_key(pem(RSA_KEY, private=False).decode().encode(encoding))
    # A JWK Set is JWK text too.
    with pytest.raises(InvalidKeyError, match="looks like a JWK"):
        hs.prepare_key(("[" + jwk + "]").encode(encoding))
    # JSON that is not a JWK stays a (JSON-shaped) secret, as in PyJWT.
    assert hs.prepare_key('{"this": "is just a json-shaped secret"}') == b'{"this": "is just a json-shaped secret"}'
