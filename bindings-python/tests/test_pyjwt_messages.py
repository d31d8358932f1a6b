"""Refusals the core classifies as a key/algorithm mismatch (issue 19): a PyJWK bound to another
algorithm than the token's gets PyJWT's message; public-key material offered for an HS* token
(the algorithm-confusion attempt) stays an InvalidTokenError. ``.code`` is the core's."""

import pytest
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

import jwtcore as jwt

ED_KEY = ed25519.Ed25519PrivateKey.generate()
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def test_a_pyjwk_names_its_algorithm_and_the_tokens():
    jwk = jwt.PyJWK({"kty": "oct", "alg": "HS512", "k": "A" * 86})
    token = jwt.encode({"sub": "a"}, b"k" * 32, algorithm="HS256")
    for decode in (jwt.decode, jwt.PyJWS().decode):
        with pytest.raises(jwt.InvalidAlgorithmError, match="Token algorithm 'HS256' does not match the key's "
                           "algorithm 'HS512'") as e:
            decode(token, jwk, algorithms=["HS256", "HS512"])
        assert e.value.code == "alg_key_mismatch"
        # Outside the allow-list it is PyJWT's "not allowed", as before.
        with pytest.raises(jwt.InvalidAlgorithmError, match="^The specified alg value is not allowed$"):
            decode(token, jwk)


@pytest.mark.parametrize("public", [
    ED_KEY.public_key().public_bytes(s.Encoding.OpenSSH, s.PublicFormat.OpenSSH),
    EC_KEY.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo),
    EC_KEY.public_key(),
])
def test_public_key_material_for_an_hs_token_is_an_invalid_token_error(public):
    # GHSA-ffqj-6fqr-9h24: an HS256 token MAC'd with the public key's bytes, every algorithm
    # allowed. PyJWT raises InvalidKeyError, which is not an InvalidTokenError, so a service that
    # maps InvalidTokenError to 401 answers an attacker's token with a 500. jwtcore's class is
    # both an InvalidTokenError and an InvalidKeyError (README "Drop-in fidelity").
    forged = jwt.PyJWS().encode(b'{"sub":"admin"}', b"x" * 32, algorithm="HS256")
    every = list(jwt.algorithms.get_default_algorithms())
    for decode in (jwt.decode, jwt.PyJWS().decode):
        with pytest.raises(jwt.InvalidTokenError) as e:
            decode(forged, public, algorithms=every)
        assert type(e.value) is jwt.AlgorithmKeyMismatchError and e.value.code == "alg_key_mismatch"
        # PyJWT's class for it too, so PyJWT's own GHSA-ffqj-6fqr-9h24 test passes unchanged.
        assert isinstance(e.value, jwt.InvalidKeyError) and isinstance(e.value, jwt.InvalidAlgorithmError)
    # Signing with it is the caller's mistake: PyJWT's InvalidKeyError and text.
    with pytest.raises(jwt.InvalidKeyError, match="asymmetric key or x509 certificate"):
        jwt.encode({"sub": "a"}, public, algorithm="HS256")


def test_a_secret_for_another_hmac_algorithm_is_still_not_allowed():
    token = jwt.encode({"sub": "a"}, b"k" * 64, algorithm="HS512")
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(token, b"k" * 64, algorithms=["HS256"])
