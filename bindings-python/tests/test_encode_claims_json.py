"""`encode` writes the claims with the C encoder `json.dumps` uses, built once
(`api_jwt._claims_json`); the text and the exceptions must be exactly `json.dumps`'s, since
PyJWT users compare tokens byte for byte (HS256 tokens are deterministic)."""

import base64
import json
import threading

import jwt as pyjwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jwtcore
from jwtcore.api_jwt import _claims_json

SECRET = b"0123456789abcdef0123456789abcdef"

# JSON values as Python builds them: every scalar json.dumps writes natively (non-finite floats,
# big ints, non-ASCII and control characters, lone surrogates), nested in lists, tuples and dicts.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
claims = st.dictionaries(st.text(max_size=10), values, max_size=6)
ascii_claims = st.dictionaries(st.text(st.characters(max_codepoint=127), max_size=10), values, max_size=6)


def dumps(payload):
    # allow_nan=False: jwtcore never writes NaN/Infinity, which are not JSON (RFC 8259 §6) and
    # which no strict verifier reads; PyJWT does write them, the one place the texts differ.
    return json.dumps(payload, separators=(",", ":"), allow_nan=False)


def has_non_finite(payload):
    try:
        dumps(payload)
    except ValueError as e:
        return "Out of range float" in str(e)
    return False


@settings(max_examples=150, deadline=None)
@given(claims)
def test_claims_text_is_json_dumps(payload):
    if has_non_finite(payload):
        with pytest.raises(ValueError, match="RFC 8259"):
            _claims_json(payload)
        return
    assert _claims_json(payload) == dumps(payload)


@settings(max_examples=40, deadline=None)
@given(ascii_claims)
def test_hs256_token_is_pyjwts(payload):
    # Same header, same claims text, same MAC: the whole token is PyJWT's.
    if has_non_finite(payload):
        with pytest.raises(ValueError, match="RFC 8259"):
            jwtcore.encode(payload, SECRET, algorithm="HS256")
        return
    try:
        expected = pyjwt.encode(payload, SECRET, algorithm="HS256")
    except ValueError:
        return  # PyJWT refuses it too (e.g. an int past the str() digit limit), checked below
    assert jwtcore.encode(payload, SECRET, algorithm="HS256") == expected


def test_payload_segment_is_the_dumps_text():
    payload = {"sub": "é\u2028\U0001f600", "n": [1, 2.5, None, True], "big": 10**30, "f": 1e16}
    token = jwtcore.encode(payload, SECRET, algorithm="HS256")
    segment = token.split(".")[1]
    assert base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode() == dumps(payload)


def test_circular_payload_raises_what_json_dumps_raises():
    payload: dict = {"a": []}
    payload["a"].append(payload)
    with pytest.raises(ValueError, match="Circular reference detected"):
        dumps(payload)
    with pytest.raises(ValueError, match="Circular reference detected"):
        jwtcore.encode(payload, SECRET, algorithm="HS256")


def test_unserializable_value_raises_json_dumps_type_error():
    payload = {"when": object()}
    with pytest.raises(TypeError) as ours:
        jwtcore.encode(payload, SECRET, algorithm="HS256")
    with pytest.raises(TypeError) as theirs:
        dumps(payload)
    assert str(ours.value) == str(theirs.value)


def test_json_encoder_argument_still_used():
    class Sets(json.JSONEncoder):
        def default(self, o):
            return sorted(o) if isinstance(o, set) else super().default(o)

    token = jwtcore.encode({"s": {2, 1}}, SECRET, algorithm="HS256", json_encoder=Sets)
    assert jwtcore.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})["s"] == [1, 2]


def test_shared_objects_encode_from_many_threads():
    # The encoder keeps no circular-reference bookkeeping between calls: threads encoding the
    # same nested objects at once must never see a false "circular" verdict.
    shared = {"roles": ["a", "b"], "nested": {"x": [1, 2, 3]}}
    errors = []

    def work():
        try:
            for _ in range(2000):
                assert _claims_json({"s": shared, "t": shared}) == dumps({"s": shared, "t": shared})
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
