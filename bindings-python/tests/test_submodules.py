"""PyJWT's submodules (issue 19): ``jwt.algorithms``, ``jwt.api_jwt``, ``jwt.api_jws``,
``jwt.api_jwk``, ``jwt.utils``, ``jwt.help``, ``jwt.jwk_set_cache`` exist as real modules of
the package, reachable as attributes after ``import jwtcore as jwt`` and by ``from jwtcore.X
import Y``, naming the same objects as the top level; the algorithm objects convert keys through
the core; the utils give PyJWT's results."""

import importlib
import json
import random
import subprocess
import sys

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore as jwt

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()


def test_submodules_are_attributes_and_importable():
    # PyJWT users write both forms.
    assert jwt.algorithms.RSAAlgorithm is importlib.import_module("jwtcore.algorithms").RSAAlgorithm
    from jwtcore.algorithms import HMACAlgorithm, RSAAlgorithm, get_default_algorithms, has_crypto  # noqa: F401
    from jwtcore.api_jwk import PyJWK, PyJWKSet, PyJWTSetWithTimestamp  # noqa: F401
    from jwtcore.api_jws import PyJWS
    from jwtcore.api_jwt import PyJWT, decode, encode
    from jwtcore.jwk_set_cache import JWKSetCache
    from jwtcore.utils import base64url_decode, base64url_encode  # noqa: F401

    assert (PyJWS, PyJWT, PyJWK, PyJWKSet, encode, decode) == (
        jwt.PyJWS, jwt.PyJWT, jwt.PyJWK, jwt.PyJWKSet, jwt.encode, jwt.decode,
    )
    assert JWKSetCache is jwt.jwks_client.JWKSetCache
    assert jwt.api_jws.get_unverified_header is jwt.get_unverified_header
    assert has_crypto is True
    for module in ("algorithms", "api_jwt", "api_jws", "api_jwk", "utils", "jwk_set_cache", "exceptions",
                   "warnings", "types", "jwks_client"):
        assert getattr(jwt, module).__name__ == f"jwtcore.{module}"


def test_help_info_like_pyjwt():
    from jwtcore import help

    info = help.info()
    assert set(importlib.import_module("jwt.help").info()) <= set(info)
    assert info["jwtcore"]["backend"] in ("ring", "rustcrypto")
    out = subprocess.run([sys.executable, "-m", "jwtcore.help"], capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["jwtcore"]["version"] == jwt.__version__


def test_default_algorithms_are_what_the_core_implements():
    algorithms = jwt.algorithms.get_default_algorithms()
    # `none` too, first, as in PyJWT: it makes Unsecured JWSs and never verifies.
    assert list(algorithms)[0] == "none" and isinstance(algorithms["none"], jwt.algorithms.NoneAlgorithm)
    assert sorted(algorithms) == sorted(["none", *jwt.ALGORITHMS])
    # Every name decodes a token made for it (so the dict is safe to pass as an allow-list
    # only in the sense PyJWT's is: it accepts whatever the token says).
    assert set(algorithms) <= set(pyjwt.algorithms.get_default_algorithms())


@pytest.mark.parametrize(
    "alg,key,cls",
    [("RS256", RSA_KEY, "RSAAlgorithm"), ("PS256", RSA_KEY, "RSAPSSAlgorithm"), ("ES256", EC_KEY, "ECAlgorithm"),
     ("EdDSA", ED_KEY, "OKPAlgorithm")],
)
def test_from_jwk_to_jwk_round_trip_with_pyjwt(alg, key, cls):
    ours = getattr(jwt.algorithms, cls)
    theirs = getattr(pyjwt.algorithms, cls)
    # PyJWT's public JWK, read by jwtcore, verifies a token PyJWT signed (the classic
    # `RSAAlgorithm.from_jwk(jwk)` then `decode` pattern).
    public_jwk = theirs.to_jwk(key.public_key())
    public = ours.from_jwk(public_jwk)
    token = pyjwt.encode({"sub": "u"}, key, algorithm=alg)
    assert jwt.decode(token, public, algorithms=[alg]) == {"sub": "u"}
    # jwtcore's JWK of the same key has the same public members, and PyJWT reads it back.
    ours_jwk = ours.to_jwk(key.public_key(), as_dict=True)
    for member, value in json.loads(public_jwk).items():
        if member not in ("key_ops",):
            assert ours_jwk[member] == value
    assert pyjwt.decode(token, theirs.from_jwk(json.dumps(ours_jwk)), algorithms=[alg]) == {"sub": "u"}
    # A private key's JWK keeps the private members and still signs; the core does not export
    # RSA private keys (README), so RSA gets an error instead of a partial JWK.
    if alg.startswith(("RS", "PS")):
        with pytest.raises(jwt.InvalidKeyError):
            ours.to_jwk(key)
        return
    private = ours.from_jwk(ours.to_jwk(key))
    assert private.is_private
    assert pyjwt.decode(jwt.encode({"a": 1}, private, algorithm=alg), key.public_key(), algorithms=[alg]) == {"a": 1}


def test_families_are_checked():
    with pytest.raises(jwt.InvalidKeyError, match="Not an RSA key"):
        jwt.algorithms.RSAAlgorithm.from_jwk(pyjwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key()))
    with pytest.raises(jwt.InvalidKeyError, match="Not an Elliptic curve key"):
        jwt.algorithms.ECAlgorithm().prepare_key(RSA_KEY.public_key())
    with pytest.raises(jwt.InvalidKeyError):
        jwt.algorithms.OKPAlgorithm().prepare_key(b"not a key at all")


def test_hmac_algorithm_refuses_key_material_like_pyjwt():
    hs = jwt.algorithms.HMACAlgorithm(jwt.algorithms.HMACAlgorithm.SHA256)
    pem = EC_KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    for key in (pem, pem.decode(), EC_KEY.public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)):
        with pytest.raises(jwt.InvalidKeyError, match="asymmetric key"):
            hs.prepare_key(key)
        with pytest.raises(pyjwt.InvalidKeyError, match="asymmetric key"):
            pyjwt.algorithms.HMACAlgorithm(pyjwt.algorithms.HMACAlgorithm.SHA256).prepare_key(key)
    with pytest.raises(jwt.InvalidKeyError, match="empty"):
        hs.prepare_key(b"")
    assert hs.prepare_key("s" * 32) == b"s" * 32
    assert hs.check_key_length(b"short") == pyjwt.algorithms.HMACAlgorithm(
        pyjwt.algorithms.HMACAlgorithm.SHA256).check_key_length(b"short")
    assert jwt.algorithms.HMACAlgorithm.from_jwk(jwt.algorithms.HMACAlgorithm.to_jwk(b"s" * 32)) == b"s" * 32
    assert json.loads(jwt.algorithms.HMACAlgorithm.to_jwk(b"s" * 32)) == json.loads(
        pyjwt.algorithms.HMACAlgorithm.to_jwk(b"s" * 32))
    assert hs.compute_hash_digest(b"abc") == pyjwt.algorithms.HMACAlgorithm(
        pyjwt.algorithms.HMACAlgorithm.SHA256).compute_hash_digest(b"abc")


def test_pyjwk_exposes_its_algorithm_object():
    jwk = jwt.PyJWK(pyjwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key(), as_dict=True))
    assert isinstance(jwk.Algorithm, jwt.algorithms.ECAlgorithm)


def test_utils_give_pyjwts_results():
    rng = random.Random(19)
    u, p = jwt.utils, pyjwt.utils
    for _ in range(300):
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 66)))
        n = int.from_bytes(data, "big")
        enc = u.base64url_encode(data)
        assert enc == p.base64url_encode(data)
        assert u.base64url_decode(enc) == p.base64url_decode(enc) == data
        assert u.base64url_decode(enc.decode()) == data
        assert u.to_base64url_uint(n) == p.to_base64url_uint(n)
        assert u.from_base64url_uint(u.to_base64url_uint(n)) == n
        assert u.number_to_bytes(n, 66) == p.number_to_bytes(n, 66)
        assert u.bytes_to_number(data or b"\0") == p.bytes_to_number(data or b"\0")
        assert u.bytes_from_int(n, bit_length=521) == p.bytes_from_int(n, bit_length=521)
    with pytest.raises(ValueError):
        u.to_base64url_uint(-1)
    with pytest.raises(TypeError):
        u.force_bytes(1)
    der = EC_KEY.sign(b"m", ec.ECDSA(__import__("cryptography.hazmat.primitives.hashes", fromlist=["SHA256"]).SHA256()))
    raw = u.der_to_raw_signature(der, EC_KEY.curve)
    assert raw == p.der_to_raw_signature(der, EC_KEY.curve) and u.raw_to_der_signature(raw, EC_KEY.curve) == der
    pem = RSA_KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    for sample in (pem, b"x" + pem, pem[:40], b"ssh-rsa AAAA", b"secret"):
        assert u.is_pem_format(sample) == p.is_pem_format(sample)
        assert u.is_ssh_key(sample) == p.is_ssh_key(sample)
