"""PyJWS through the installed wheel: raw-bytes payloads, interop with PyJWT's PyJWS both ways,
how a raw HMAC secret is bound to the token's algorithm, detached unencoded payloads (RFC 7797),
the unsupported parts (custom algorithms) and the instance's algorithm list."""

import base64
import json
import warnings

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

import jwtcore as jwt

SECRET = "a-secret-of-at-least-sixty-four-bytes-so-every-HMAC-size-is-fine!"
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()
RAW = b"\x00\xff not JSON \x80"


def b64decode(segment):
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def public_pem(key):
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


@pytest.mark.parametrize(
    "alg,sign_key,verify_key",
    [
        ("HS256", SECRET, SECRET),
        ("HS512", SECRET.encode(), SECRET.encode()),
        ("ES256", EC_KEY, public_pem(EC_KEY)),
        ("EdDSA", ED_KEY, ED_KEY.public_key()),
    ],
)
def test_raw_payload_round_trip(alg, sign_key, verify_key):
    jws = jwt.PyJWS()
    token = jws.encode(RAW, sign_key, algorithm=alg)
    assert isinstance(token, str) and b64decode(token.split(".")[1]) == RAW
    assert jws.decode(token, verify_key, algorithms=[alg]) == RAW
    full = jws.decode_complete(token, verify_key, algorithms=[alg])
    assert full["payload"] == RAW
    assert full["header"] == {"alg": alg, "typ": "JWT"}
    assert full["signature"] == b64decode(token.split(".")[2])
    # A non-JSON payload is fine for the header-only reader too.
    assert jwt.get_unverified_header(token) == {"alg": alg, "typ": "JWT"}


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_interop_with_pyjwt_pyjws_both_ways(alg):
    theirs = pyjwt.api_jws.PyJWS().encode(RAW, SECRET, algorithm=alg, headers={"kid": "k1"})
    assert jwt.PyJWS().decode(theirs, SECRET, algorithms=[alg]) == RAW
    ours = jwt.PyJWS().encode(RAW, SECRET, algorithm=alg, headers={"kid": "k1"})
    assert pyjwt.api_jws.PyJWS().decode(ours, SECRET, algorithms=[alg]) == RAW
    # The same header and payload give the same bytes (HMAC is deterministic).
    assert ours == theirs


def test_secret_is_bound_to_the_header_algorithm():
    token = jwt.PyJWS().encode(RAW, SECRET, algorithm="HS384")
    jws = jwt.PyJWS()
    assert jws.decode(token, SECRET, algorithms=["HS256", "HS384"]) == RAW
    with pytest.raises(jwt.InvalidAlgorithmError) as e:
        jws.decode(token, SECRET, algorithms=["HS256"])
    assert e.value.code == "alg_not_allowed"
    with pytest.raises(jwt.InvalidSignatureError):
        jws.decode(token, SECRET + "x", algorithms=["HS384"])
    # A secret never verifies an asymmetric algorithm, even when it is allowed.
    es = jws.encode(RAW, EC_KEY, algorithm="ES256")
    with pytest.raises(jwt.InvalidAlgorithmError) as e:
        jws.decode(es, SECRET, algorithms=["ES256", "HS256"])
    assert e.value.code == "alg_key_mismatch"
    # A public key is never an HMAC secret.
    with pytest.raises((jwt.InvalidKeyError, jwt.InvalidAlgorithmError)):
        jws.decode(token, public_pem(EC_KEY), algorithms=["HS384"])


def test_short_secret_refused_unless_opted_out():
    lax = jwt.PyJWS(options={"enforce_minimum_key_length": False})
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        token = lax.encode(RAW, "short")
    with pytest.raises(jwt.InvalidKeyError) as e:
        jwt.PyJWS().decode(token, "short", algorithms=["HS256"])
    assert e.value.code == "weak_hmac_key"
    with pytest.raises(jwt.InvalidKeyError):
        jwt.PyJWS().encode(RAW, "short")
    assert lax.decode(token, "short", algorithms=["HS256"]) == RAW
    assert jwt.PyJWS().decode(token, "short", algorithms=["HS256"], options={"enforce_minimum_key_length": False})


def test_pyjwk_key_needs_no_algorithms_and_must_match():
    der = EC_KEY.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public = json.loads(jwt._core.CoreKey.from_der(der).to_jwk(False))
    jwk = jwt.PyJWK({**public, "kid": "e"})
    token = jwt.PyJWS().encode(RAW, EC_KEY, algorithm="ES256")
    assert jwt.PyJWS().decode(token, jwk) == RAW
    hs = jwt.PyJWS().encode(RAW, SECRET, algorithm="HS256")
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.PyJWS().decode(hs, jwk)


def test_algorithms_required_and_verify_signature_off():
    token = jwt.PyJWS().encode(RAW, SECRET)
    with pytest.raises(jwt.DecodeError, match="algorithms"):
        jwt.PyJWS().decode(token, SECRET)
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.PyJWS().decode(tampered, SECRET, algorithms=["HS256"])
    unverified = jwt.PyJWS().decode_complete(tampered, options={"verify_signature": False})
    assert unverified["payload"] == RAW and unverified["header"]["alg"] == "HS256"
    # Still strict about the structure.
    with pytest.raises(jwt.DecodeError):
        jwt.PyJWS().decode(token + ".x", options={"verify_signature": False})
    with pytest.raises(jwt.DecodeError):
        jwt.PyJWS().decode(token[:-1] + "!", options={"verify_signature": False})


def test_unverified_header_checks_kid_and_crit_like_pyjwt():
    def token(header):
        return f"{base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b'=').decode()}.cA.AA"

    assert jwt.get_unverified_header(token({"alg": "HS256", "kid": "a"}))["kid"] == "a"
    for bad in ({"alg": "HS256", "kid": 1}, {"alg": "HS256", "crit": []}, {"alg": "HS256", "crit": "b64"},
                {"alg": "HS256", "crit": ["exp"], "exp": 1}, {"alg": "HS256", "crit": ["b64"]}):
        with pytest.raises(jwt.InvalidTokenError):
            jwt.get_unverified_header(token(bad))
        with pytest.raises(pyjwt.InvalidTokenError):
            pyjwt.get_unverified_header(token(bad))


@pytest.mark.parametrize(
    "headers",
    [{"crit": []}, {"crit": "b64"}, {"crit": [123]}, {"crit": ["b64"]}],
)
def test_encode_refuses_malformed_crit_with_pyjwts_decode_error(headers):
    # PyJWT signs these and refuses the token at decode; jwtcore refuses to sign them (RFC 7515
    # §4.1.11) with the class and text PyJWT's decode gives, so handlers matching on it work.
    token = pyjwt.encode({"a": 1}, SECRET, headers=headers)
    with pytest.raises(pyjwt.InvalidTokenError) as theirs:
        pyjwt.decode(token, SECRET, algorithms=["HS256"])
    for encode in (jwt.encode, lambda claims, key, headers: jwt.PyJWS().encode(b"{}", key, headers=headers)):
        with pytest.raises(jwt.InvalidTokenError) as ours:
            encode({"a": 1}, SECRET, headers=headers)
        assert type(ours.value) is jwt.InvalidTokenError
        assert str(ours.value) == str(theirs.value)
        assert ours.value.code == "crit_invalid"


def test_encode_refuses_registered_or_repeated_crit_names_and_signs_extensions():
    # (PyJWT's decode calls an unknown name unsupported before noticing it is missing.)
    cases = (({"crit": ["alg"]}, "registered"), ({"crit": ["x", "x"], "x": 1}, "once"),
             ({"crit": ["x-missing"]}, "'x-missing' is missing from headers"))
    for headers, text in cases:
        with pytest.raises(jwt.InvalidTokenError, match=text):
            jwt.encode({"a": 1}, SECRET, headers=headers)
    # An extension present in the header is the producer's to mark critical: it is signed, and a
    # verifier that does not know it refuses the token, as in PyJWT.
    token = jwt.encode({"a": 1}, SECRET, headers={"crit": ["x-policy"], "x-policy": "mfa"})
    with pytest.raises(jwt.InvalidTokenError, match="Unsupported critical extension"):
        jwt.decode(token, SECRET, algorithms=["HS256"])


def test_headers_typ_sorting_and_json_encoder():
    class Encoder(json.JSONEncoder):
        def default(self, o):
            if isinstance(o, set):
                return sorted(o)
            return super().default(o)

    jws = jwt.PyJWS()
    token = jws.encode(RAW, SECRET, headers={"zz": 1, "kid": "k", "x": {2, 1}}, json_encoder=Encoder)
    header_json = b64decode(token.split(".")[0]).decode()
    assert header_json == '{"alg":"HS256","kid":"k","typ":"JWT","x":[1,2],"zz":1}'
    unsorted = jws.encode(RAW, SECRET, headers={"zz": 1, "a": 2}, sort_headers=False)
    assert list(json.loads(b64decode(unsorted.split(".")[0]))) == ["typ", "alg", "zz", "a"]
    no_typ = jws.encode(RAW, SECRET, headers={"typ": None})
    assert jwt.get_unverified_header(no_typ) == {"alg": "HS256"}

    class Plain(jwt.PyJWS):
        header_typ = None

    assert jwt.get_unverified_header(Plain().encode(RAW, SECRET)) == {"alg": "HS256"}
    assert jwt.get_unverified_header(jws.encode(RAW, SECRET, algorithm="HS256", headers={"alg": "HS512"}))["alg"] == "HS512"
    with pytest.raises(jwt.InvalidTokenError):
        jws.encode(RAW, SECRET, headers={"kid": 7})


def test_encode_refusals():
    jws = jwt.PyJWS()
    with pytest.raises(TypeError):
        jws.encode("text is not bytes", SECRET)
    # `None` is `none`, whose key must be None (PyJWT's rule: a key means the caller meant to sign).
    with pytest.raises(jwt.InvalidKeyError, match='When alg = "none", key value must be None.'):
        jws.encode(RAW, SECRET, algorithm=None)
    with pytest.raises(NotImplementedError):
        jws.encode(RAW, SECRET, algorithm="ES521")
    with pytest.raises(NotImplementedError):
        jws.encode(RAW, SECRET, headers={"alg": ["HS256"]})
    # The core's verifier needs three non-empty segments, so empty payloads are not produced.
    with pytest.raises(jwt.DecodeError) as e:
        jws.encode(b"", SECRET)
    assert e.value.code == "malformed_token"


def test_detached_unencoded_payloads_round_trip_and_interoperate():
    jws = jwt.PyJWS()
    ours = pyjwt.api_jws.PyJWS()
    for kwargs in ({"is_payload_detached": True}, {"headers": {"b64": False}}):
        token = jws.encode(RAW, SECRET, **kwargs)
        head, middle, _ = token.split(".")
        assert middle == ""
        header = json.loads(b64decode(head))
        assert header["b64"] is False and header["crit"] == ["b64"]
        assert jws.decode(token, SECRET, algorithms=["HS256"], detached_payload=RAW) == RAW
        # PyJWT verifies ours, and we verify PyJWT's.
        assert ours.decode(token, SECRET, algorithms=["HS256"], detached_payload=RAW) == RAW
        theirs = ours.encode(RAW, SECRET, **kwargs)
        assert jws.decode(theirs, SECRET, algorithms=["HS256"], detached_payload=RAW) == RAW
        assert jws.decode_complete(theirs, SECRET, algorithms=["HS256"], detached_payload=RAW)["header"] == header
    # ES256 and EdDSA keys, and an existing `crit` entry kept.
    for key, alg in ((EC_KEY, "ES256"), (ED_KEY, "EdDSA")):
        token = jws.encode(RAW, key, algorithm=alg, is_payload_detached=True)
        assert jws.decode(token, public_pem(key), algorithms=[alg], detached_payload=RAW) == RAW
        with pytest.raises(jwt.InvalidSignatureError):
            jws.decode(token, public_pem(key), algorithms=[alg], detached_payload=RAW + b"!")
    token = jws.encode(RAW, SECRET, headers={"b64": False, "crit": ["b64"]})
    assert json.loads(b64decode(token.split(".")[0]))["crit"] == ["b64"]


def test_unverified_header_and_signature_of_detached_tokens():
    # PyJWT reads the header of `header..signature`; so does jwtcore, with the core's strict
    # base64url for both segments (padded or non-canonical ones are refused, as for attached tokens).
    token = jwt.PyJWS().encode(RAW, SECRET, is_payload_detached=True, headers={"kid": "k1"})
    theirs = pyjwt.api_jws.PyJWS().encode(RAW, SECRET, is_payload_detached=True, headers={"kid": "k1"})
    for t in (token, theirs):
        assert jwt.get_unverified_header(t) == pyjwt.get_unverified_header(t)
        assert jwt.get_unverified_header(t)["kid"] == "k1"
    head, _, sig = token.split(".")
    unverified = jwt.PyJWS().decode_complete(token, options={"verify_signature": False}, detached_payload=RAW)
    assert unverified["payload"] == RAW and unverified["header"]["b64"] is False
    assert unverified["signature"] == b64decode(sig)
    for bad in (f"{head}..{sig}=", f"{head}=..{sig}", f"{head}..{sig}.", f"{head}...{sig}", f"{head}..!"):
        with pytest.raises(jwt.DecodeError):
            jwt.get_unverified_header(bad)
        with pytest.raises(jwt.DecodeError):
            jwt.PyJWS().decode_complete(bad, options={"verify_signature": False}, detached_payload=RAW)
    # The header checks PyJWT makes apply to the detached form too.
    bad_kid = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "kid": 1}).encode()).rstrip(b"=").decode()
    with pytest.raises(jwt.InvalidTokenError, match="Key ID header parameter must be a string"):
        jwt.get_unverified_header(f"{bad_kid}..{sig}")


def test_detached_payload_rules_follow_pyjwt():
    jws = jwt.PyJWS()
    token = jws.encode(RAW, SECRET, is_payload_detached=True)
    with pytest.raises(jwt.InvalidSignatureError):
        jws.decode(token, SECRET, algorithms=["HS256"], detached_payload=b"another payload")
    with pytest.raises(jwt.DecodeError, match='"detached_payload" argument'):
        jws.decode(token, SECRET, algorithms=["HS256"])
    attached = jws.encode(RAW, SECRET)
    with pytest.raises(jwt.DecodeError, match="detached_payload.*b64.*false"):
        jws.decode(attached, SECRET, algorithms=["HS256"], detached_payload=RAW)
    # Without `crit`, with the right MAC: refused (RFC 7797 §6).
    import hashlib
    import hmac

    def b64(b):
        return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "b64": False}).encode())
    sig = b64(hmac.new(SECRET.encode(), f"{head}.".encode() + RAW, hashlib.sha256).digest())
    with pytest.raises(jwt.InvalidTokenError, match="b64.*crit"):
        jws.decode(f"{head}..{sig}", SECRET, algorithms=["HS256"], detached_payload=RAW)
    # A non-empty payload segment under `b64: false`: refused, even when its MAC is right.
    head = b64(json.dumps({"alg": "HS256", "b64": False, "crit": ["b64"]}).encode())
    sig = b64(hmac.new(SECRET.encode(), f"{head}.abc".encode(), hashlib.sha256).digest())
    with pytest.raises(jwt.DecodeError, match="Payload segment must be empty"):
        jws.decode(f"{head}.abc.{sig}", SECRET, algorithms=["HS256"], detached_payload=b"abc")
    with pytest.raises(jwt.DecodeError, match="Payload segment must be empty"):
        jws.decode(f"{head}.abc.{sig}", SECRET, algorithms=["HS256"])
    # A JWT never has an unencoded payload (RFC 7797 §7).
    with pytest.raises(jwt.DecodeError):
        jwt.decode(jwt.encode({"a": 1}, SECRET), SECRET, algorithms=["HS256"], detached_payload=b"{}")
    # `b64: true` is the default meaning and is dropped, as PyJWT does.
    plain = jws.encode(RAW, SECRET, headers={"b64": True})
    assert "b64" not in jwt.get_unverified_header(plain)
    # Unverified decoding returns the detached payload as given.
    out = jws.decode_complete(token, options={"verify_signature": False}, detached_payload=RAW)
    assert out["payload"] == RAW and out["header"]["b64"] is False


def test_custom_algorithms_are_not_supported():
    jws = jwt.PyJWS()
    # PyJWT's argument checks first, then the refusal.
    with pytest.raises(TypeError, match="not of type `Algorithm`"):
        jws.register_algorithm("XS256", object())
    with pytest.raises(ValueError, match="already has a handler"):
        jwt.register_algorithm("HS256", jwt.algorithms.HMACAlgorithm(jwt.algorithms.HMACAlgorithm.SHA256))
    with pytest.raises(NotImplementedError, match="registering"):
        jws.register_algorithm("XS256", jwt.algorithms.NoneAlgorithm())
    # Algorithm objects sign through the core (tests/test_algorithm_objects.py).
    hs256 = jws.get_algorithm_by_name("HS256")
    assert isinstance(hs256, jwt.algorithms.HMACAlgorithm)
    with pytest.raises(NotImplementedError, match="^Algorithm not supported$"):
        jwt.get_algorithm_by_name("XS256")
    jws.unregister_algorithm("HS256")
    with pytest.raises(NotImplementedError, match="^Algorithm not supported$"):
        jws.get_algorithm_by_name("HS256")


def test_algorithm_list_and_unregister():
    jws = jwt.PyJWS(algorithms=["ES256", "HS256", "none", "XS1"])
    assert jws.get_algorithms() == ["none", "HS256", "ES256"]
    assert "none" not in jwt.PyJWS(algorithms=["HS256"]).get_algorithms()
    token = jwt.PyJWS().encode(RAW, SECRET, algorithm="HS384")
    with pytest.raises(jwt.InvalidAlgorithmError):
        jws.decode(token, SECRET, algorithms=["HS384"])
    with pytest.raises(NotImplementedError):
        jws.encode(RAW, SECRET, algorithm="HS384")
    assert jws.decode(jws.encode(RAW, SECRET), SECRET, algorithms=["HS256"]) == RAW
    jws.unregister_algorithm("HS256")
    assert jws.get_algorithms() == ["none", "ES256"]
    jws.unregister_algorithm("none")
    assert jws.get_algorithms() == ["ES256"]
    with pytest.raises(NotImplementedError):
        jws.encode(RAW, SECRET)
    with pytest.raises(jwt.InvalidAlgorithmError):
        jws.decode(jwt.PyJWS().encode(RAW, SECRET), SECRET, algorithms=["HS256"])
    with pytest.raises(KeyError):
        jws.unregister_algorithm("HS256")


def test_module_level_unregister_applies_to_encode_and_decode(monkeypatch):
    # The module-level functions share one PyJWS, as in PyJWT; the test restores its list.
    monkeypatch.setattr(jwt._jws_global_obj, "_algorithms", set(jwt._jws_global_obj._algorithms))
    token = jwt.encode({"sub": "a"}, SECRET, algorithm="HS384")
    jwt.unregister_algorithm("HS384")
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(token, SECRET, algorithms=["HS384"])
    with pytest.raises(NotImplementedError):
        jwt.encode({"sub": "a"}, SECRET, algorithm="HS384")
    # Other instances keep their own lists.
    assert jwt.PyJWT().decode(token, SECRET, algorithms=["HS384"]) == {"sub": "a"}


def test_pyjwt_encode_algorithm_defaults_like_pyjwt():
    der = ED_KEY.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    private = jwt.PyJWK(json.loads(jwt._core.CoreKey.from_der(der).to_jwk(True)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        token = jwt.encode({"a": 1}, private)
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    assert jwt.get_unverified_header(jwt.encode({"a": 1}, private, algorithm=None))["alg"] == "EdDSA"
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode({"a": 1}, SECRET, algorithm=None)  # `none` takes no key
