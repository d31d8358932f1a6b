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
