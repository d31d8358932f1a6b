"""The compiled policy of PyJWT.decode's common call: changes to ``PyJWT.options`` and to the
call arguments take effect on the next call, and threads with distinct options do not mix."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import jwtcore

SECRET = b"k" * 32


def _token(**claims):
    return jwtcore.encode(claims, SECRET, algorithm="HS256")


def test_options_changed_between_calls_take_effect():
    pyjwt = jwtcore.PyJWT()
    expired = _token(sub="a", exp=int(time.time()) - 100)
    with pytest.raises(jwtcore.ExpiredSignatureError):
        pyjwt.decode(expired, SECRET, algorithms=["HS256"])
    pyjwt.options["verify_exp"] = False
    assert pyjwt.decode(expired, SECRET, algorithms=["HS256"])["sub"] == "a"
    pyjwt.options["verify_exp"] = True
    with pytest.raises(jwtcore.ExpiredSignatureError):
        pyjwt.decode(expired, SECRET, algorithms=["HS256"])


def test_require_list_mutated_in_place_takes_effect():
    pyjwt = jwtcore.PyJWT()
    token = _token(sub="a")
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "a"}
    pyjwt.options["require"].append("jti")  # the same list object, changed
    with pytest.raises(jwtcore.MissingRequiredClaimError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"])
    pyjwt.options["require"].clear()
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "a"}


def test_call_arguments_are_part_of_the_compiled_policy():
    pyjwt = jwtcore.PyJWT()
    token = _token(aud="api", iss="me")
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"], audience="api", issuer="me")["aud"] == "api"
    with pytest.raises(jwtcore.InvalidAudienceError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"], audience="other", issuer="me")
    with pytest.raises(jwtcore.InvalidAudienceError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"], audience=["other"], issuer="me")
    with pytest.raises(jwtcore.InvalidIssuerError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"], audience="api", issuer="you")
    with pytest.raises(jwtcore.InvalidAlgorithmError):
        pyjwt.decode(token, SECRET, algorithms=["HS384"], audience="api", issuer="me")
    # A list changed in place between calls is read again.
    allowed = ["HS256"]
    assert pyjwt.decode(token, SECRET, algorithms=allowed, audience="api", issuer="me")["iss"] == "me"
    allowed[0] = "HS512"
    with pytest.raises(jwtcore.InvalidAlgorithmError):
        pyjwt.decode(token, SECRET, algorithms=allowed, audience="api", issuer="me")


def test_unregistered_algorithm_is_refused_after_being_compiled():
    pyjwt = jwtcore.PyJWT()
    token = _token(sub="a")
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "a"}
    pyjwt._jws.unregister_algorithm("HS256")
    with pytest.raises(jwtcore.InvalidAlgorithmError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"])


def test_many_call_shapes_stay_bounded_and_correct():
    pyjwt = jwtcore.PyJWT()
    for i in range(200):
        token = _token(aud=f"api-{i}")
        assert pyjwt.decode(token, SECRET, algorithms=["HS256"], audience=f"api-{i}")["aud"] == f"api-{i}"
        with pytest.raises(jwtcore.InvalidAudienceError):
            pyjwt.decode(token, SECRET, algorithms=["HS256"], audience=f"api-{i + 1}")
    assert len(pyjwt._jwtcore_plan.table) <= jwtcore._policy.MAX_CALL_SHAPES


def test_threads_with_distinct_options_get_their_own_verdicts():
    # Several threads decode concurrently (the core runs with the GIL released), each with its
    # own instance options and call arguments; every verdict must be the one for its own.
    now = int(time.time())
    expired = _token(sub="x", aud="api-0", exp=now - 100)

    def run(i):
        pyjwt = jwtcore.PyJWT(options={"verify_exp": i % 2 == 0})
        fresh = _token(sub=str(i), aud=f"api-{i}", exp=now + 600)
        for _ in range(300):
            assert jwtcore.decode(fresh, SECRET, algorithms=["HS256"], audience=f"api-{i}")["sub"] == str(i)
            with pytest.raises(jwtcore.InvalidAudienceError):
                jwtcore.decode(fresh, SECRET, algorithms=["HS256"], audience=f"api-{i + 1}")
            if i % 2 == 0:
                with pytest.raises(jwtcore.ExpiredSignatureError):
                    pyjwt.decode(expired, SECRET, algorithms=["HS256"], audience="api-0")
            else:
                assert pyjwt.decode(expired, SECRET, algorithms=["HS256"], audience="api-0")["sub"] == "x"
        return i

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(run, range(4))) == [0, 1, 2, 3]


def test_common_decode_takes_one_crossing_once_its_shape_is_compiled():
    """``decode``'s one-crossing path (``PyJWT._decode_fast``) serves the call shapes the full path
    compiled, for every key form it can take, and declines whatever needs the full path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pyjwt = jwtcore.PyJWT()
    claims = {"sub": "a", "exp": int(time.time()) + 60}
    token = _token(**claims)
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == claims
    plan = pyjwt._jwtcore_plan
    fast = lambda key, algs=("HS256",): pyjwt._decode_fast(plan, token, key, list(algs), None, None, None, 0)  # noqa: E731
    assert fast(SECRET) == claims
    assert fast(SECRET.decode()) == claims
    jwk = jwtcore.PyJWK({"kty": "oct", "k": "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s", "alg": "HS256"})
    assert fast(jwk) == claims
    # A forged token is refused here, with the exception the full path gives (below).
    with pytest.raises(jwtcore.InvalidSignatureError) as fast_error:
        pyjwt._decode_fast(plan, token[:-2] + "AA", SECRET, ["HS256"], None, None, None, 0)
    with pytest.raises(jwtcore.InvalidSignatureError) as full_error:
        pyjwt.decode_complete(token[:-2] + "AA", SECRET, algorithms=["HS256"])
    assert str(fast_error.value) == str(full_error.value) == "Signature verification failed"
    assert fast_error.value.code == full_error.value.code == "bad_signature"
    # A short secret with several HMAC algorithms: the full path narrows the list first.
    assert pyjwt.decode(token, SECRET, algorithms=["HS256", "HS512"]) == claims
    assert fast(SECRET, ("HS256", "HS512")) is None
    # Changed options: recompiled on the full path first.
    pyjwt.options["require"] = ["jti"]
    assert fast(SECRET) is None  # (the plan's snapshot no longer matches)
    with pytest.raises(jwtcore.MissingRequiredClaimError):
        pyjwt.decode(token, SECRET, algorithms=["HS256"])

    ec_key = ec.generate_private_key(ec.SECP256R1())
    es_token = jwtcore.encode({"sub": "e"}, ec_key, algorithm="ES256")
    pem = ec_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    other = jwtcore.PyJWT()
    es_fast = lambda key: other._decode_fast(other._jwtcore_plan, es_token, key, ["ES256"], None, None, None, 0)  # noqa: E731
    for key in (ec_key.public_key(), pem, pem.decode()):
        assert other.decode(es_token, key, algorithms=["ES256"]) == {"sub": "e"}
        assert es_fast(key) == {"sub": "e"}
    # Key text never seen by the full path is not parsed here (the full path caches it).
    fresh = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert es_fast(fresh) is None
    with pytest.raises(jwtcore.InvalidSignatureError):
        other.decode(es_token, fresh, algorithms=["ES256"])


def test_kept_hmac_keys_are_per_secret_and_never_key_material():
    """``Plan.hmac_key`` keeps the core key of each secret (one per secret and algorithm), and
    never of key material or a secret the core refuses: those go to the full path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pyjwt = jwtcore.PyJWT()
    token = _token(sub="a")
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "a"}
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "a"}
    plan = pyjwt._jwtcore_plan
    kept = plan.secrets["HS256"][SECRET]
    assert kept.algorithm == "HS256" and plan.hmac_key("HS256", SECRET) is kept
    # Another secret: its own key, and a token MAC'd under the first one is refused.
    other = b"o" * 32
    assert plan.hmac_key("HS256", other) is not kept
    with pytest.raises(jwtcore.InvalidSignatureError):
        pyjwt.decode(token, other, algorithms=["HS256"])
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    assert plan.hmac_key("HS256", pem) is None and pem not in plan.secrets["HS256"]
    assert plan.hmac_key("HS256", b"short") is None and b"short" not in plan.secrets["HS256"]
    with pytest.raises(jwtcore.InvalidKeyError):
        pyjwt.decode(token, b"short", algorithms=["HS256"])


@pytest.mark.parametrize("key_form", ["bytes", "pem"])
def test_a_forged_token_is_verified_once(monkeypatch, key_form):
    """Once the call shape is compiled, a bad signature is refused by the one crossing itself:
    the full path (which would verify the same token a second time) is not entered, so forged
    tokens cost what valid ones cost."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    if key_form == "bytes":
        sign_key, key, alg = SECRET, SECRET, "HS256"
    else:
        sign_key = ec.generate_private_key(ec.SECP256R1())
        key = sign_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        alg = "ES256"
    pyjwt = jwtcore.PyJWT()
    token = jwtcore.encode({"sub": "a"}, sign_key, algorithm=alg)
    assert pyjwt.decode(token, key, algorithms=[alg]) == {"sub": "a"}  # compiles the shape
    full_path = []
    original = jwtcore.PyJWT._verify
    monkeypatch.setattr(jwtcore.PyJWT, "_verify", lambda self, *a, **k: full_path.append(1) or original(self, *a, **k))
    head, payload, sig = token.split(".")
    forged = f"{head}.{payload}.{'A' if sig[0] != 'A' else 'B'}{sig[1:]}"
    for _ in range(3):
        with pytest.raises(jwtcore.InvalidSignatureError, match="^Signature verification failed$"):
            pyjwt.decode(forged, key, algorithms=[alg])
    assert full_path == []
    # Other refusals (here an expired token, same call shape) still take the full path, for
    # PyJWT's exact exception.
    expired = jwtcore.encode({"sub": "a", "exp": 1}, sign_key, algorithm=alg)
    with pytest.raises(jwtcore.ExpiredSignatureError):
        pyjwt.decode(expired, key, algorithms=[alg])
    assert full_path == [1]


def test_key_text_in_any_encoding_is_read_by_the_core():
    """Key bytes go to the core's ``Key::from_key_material``: a JWK saved with a byte-order mark
    reads like the PEM of the same key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    private = ed25519.Ed25519PrivateKey.generate()
    token = jwtcore.encode({"sub": "k"}, private, algorithm="EdDSA")
    pem = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    jwk = jwtcore.algorithms.OKPAlgorithm.to_jwk(private.public_key()).encode()
    for key in (pem, b"\xef\xbb\xbf" + jwk, b"  " + jwk):
        assert jwtcore.decode(token, key, algorithms=["EdDSA"]) == {"sub": "k"}
