"""ES512 (P-521, SHA-512) and ES256K (secp256k1, SHA-256, RFC 8812) against PyJWT + cryptography,
both ways, on fresh random keys: a token one library signs the other verifies, with the same
verdict for a tampered one. Every key form PyJWT users hand over (PEM SPKI, PKCS#8 and SEC1,
cryptography objects, JWK) is read."""

import json

import jwt as pyjwt
import pytest
from jwt.algorithms import get_default_algorithms as pyjwt_algorithms
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec

import jwtcore as jwt
from jwtcore.algorithms import get_default_algorithms

CURVES = [("ES512", ec.SECP521R1, "P-521", 132), ("ES256K", ec.SECP256K1, "secp256k1", 64)]
SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
CLAIMS = {"sub": "user-1", "n": 7}


def pems(private_key):
    private_pkcs8 = private_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    private_sec1 = private_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption())
    public = private_key.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)
    return private_pkcs8, private_sec1, public


def signature(token: str) -> bytes:
    return pyjwt.utils.base64url_decode(token.rsplit(".", 1)[1])


def tampered(token: str) -> str:
    head, sig = token.rsplit(".", 1)
    raw = bytearray(signature(token))
    raw[len(raw) // 2] ^= 1
    return f"{head}.{pyjwt.utils.base64url_encode(bytes(raw)).decode()}"


@pytest.mark.parametrize(("alg", "curve", "crv", "sig_len"), CURVES)
def test_jwtcore_signs_pyjwt_verifies(alg, curve, crv, sig_len):
    for _ in range(5):
        key = ec.generate_private_key(curve())
        pkcs8, sec1, public = pems(key)
        for signing_key in (pkcs8, sec1):
            token = jwt.encode(CLAIMS, signing_key, algorithm=alg)
            assert jwt.get_unverified_header(token)["alg"] == alg
            assert len(signature(token)) == sig_len
            assert pyjwt.decode(token, key.public_key(), algorithms=[alg]) == CLAIMS
            assert pyjwt.decode(token, public, algorithms=[alg]) == CLAIMS
            with pytest.raises(pyjwt.InvalidSignatureError):
                pyjwt.decode(tampered(token), public, algorithms=[alg])
        # A different key of the same curve does not verify it.
        other = ec.generate_private_key(curve()).public_key()
        with pytest.raises(pyjwt.InvalidSignatureError):
            pyjwt.decode(token, other, algorithms=[alg])


@pytest.mark.parametrize(("alg", "curve", "crv", "sig_len"), CURVES)
def test_pyjwt_signs_jwtcore_verifies(alg, curve, crv, sig_len):
    high_s = 0
    for _ in range(24):
        key = ec.generate_private_key(curve())
        _, _, public = pems(key)
        token = pyjwt.encode(CLAIMS, key, algorithm=alg)
        s = int.from_bytes(signature(token)[sig_len // 2 :], "big")
        high_s += alg == "ES256K" and s > SECP256K1_ORDER // 2
        assert jwt.decode(token, public, algorithms=[alg]) == CLAIMS
        # cryptography key objects are accepted as PyJWT accepts them.
        assert jwt.decode(token, key.public_key(), algorithms=[alg]) == CLAIMS
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(tampered(token), public, algorithms=[alg])
        # The algorithm is the key's: the token cannot be verified as another ES* with it.
        with pytest.raises(jwt.InvalidAlgorithmError):
            jwt.decode(token, public, algorithms=["ES256" if alg != "ES256" else "ES384"])
    if alg == "ES256K":
        # OpenSSL makes a high S about half the time; RFC 8812 accepts it, and so must we
        # (k256 on its own refuses it). 24 tokens without one: chance 2^-24.
        assert high_s > 0


@pytest.mark.parametrize(("alg", "curve", "crv", "sig_len"), CURVES)
def test_jwks_from_pyjwt_bind_the_curves_algorithm(alg, curve, crv, sig_len):
    key = ec.generate_private_key(curve())
    algo = pyjwt_algorithms()[alg]
    public_jwk = json.loads(algo.to_jwk(key.public_key()))
    private_jwk = json.loads(algo.to_jwk(key))
    assert public_jwk["crv"] == crv
    signer = jwt.PyJWK(private_jwk)
    verifier = jwt.PyJWK(public_jwk)
    assert signer.algorithm_name == verifier.algorithm_name == alg
    token = jwt.encode(CLAIMS, signer, algorithm=alg)
    assert pyjwt.decode(token, pyjwt.PyJWK(public_jwk), algorithms=[alg]) == CLAIMS
    assert jwt.decode(token, verifier, algorithms=[alg]) == CLAIMS
    # The front end's algorithm object exports the same JWK members PyJWT's does.
    ours = json.loads(get_default_algorithms()[alg].to_jwk(verifier.key))
    assert {k: ours[k] for k in ("kty", "crv", "x", "y")} == {k: public_jwk[k] for k in ("kty", "crv", "x", "y")}


def test_es256k_is_named_by_its_curve_as_in_pyjwt():
    from jwtcore.algorithms import ECAlgorithm

    algs = get_default_algorithms()
    assert algs["ES256K"]._alg() == "ES256K"
    assert algs["ES512"]._alg() == "ES512"
    assert algs["ES256"]._alg() == "ES256"
    assert ECAlgorithm(ECAlgorithm.SHA256, ec.SECP256K1)._alg() == "ES256K"
    assert ECAlgorithm(ECAlgorithm.SHA256, ec.SECP256R1)._alg() == "ES256"
    assert {"ES512", "ES256K"} <= set(jwt.ALGORITHMS)


def test_a_p521_key_is_never_an_hmac_secret():
    _, _, public = pems(ec.generate_private_key(ec.SECP521R1()))
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode(CLAIMS, public, algorithm="HS512")
