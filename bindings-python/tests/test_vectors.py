"""The shared conformance vectors (tests/vectors) through the installed wheel: the same verdict and
error code as the Rust runner, and through the public PyJWT-style API, the mapped exception class."""

import base64
import json
import os
from pathlib import Path

import pytest

import jwtcore
from jwtcore import _core
from jwtcore.exceptions import _BY_CODE, _CLAIM_INVALID_BY_CLAIM

VECTORS = Path(os.environ.get("JWTCORE_VECTORS", Path(__file__).resolve().parents[2] / "tests" / "vectors"))
CASES = [
    v
    for f in sorted(VECTORS.glob("*.json"))
    if f.name != "error-codes.json"
    for v in json.loads(f.read_text())["vectors"]
]


def as_list(value):
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def core_options(o):
    verify = o.get("verify") or {}
    return {
        "algorithms": o.get("algorithms"),
        "leeway": float(o.get("leeway", 0)),
        "issuer": as_list(o.get("issuer")),
        "audience": as_list(o.get("audience")),
        "subject": o.get("subject"),
        "require": o.get("require", ["exp"]),
        "skip": [k for k, on in verify.items() if not on],
        "strict_aud": bool(o.get("strict_aud", False)),
        "max_age": o.get("max_age"),
        "typ": o.get("typ"),
        "crit": o.get("crit", []),
        "max_token_length": o.get("max_token_length"),
    }


def run_core(v):
    """Returns (error code or None, claim, header json, payload bytes)."""
    o = v.get("options", {})
    weak = bool(o.get("allow_weak_hmac_key"))
    try:
        if v.get("kind") == "jwk":
            key = _core.CoreKey.from_jwk(json.dumps(v["key"]), None)
            return None, None, key, None
        key = secret = keyset = None
        if "jwks" in v:
            keyset = _core.CoreKeySet.from_jwks(json.dumps(v["jwks"]))
        else:
            jwk = v.get("key") or {}
            if jwk.get("kty") == "oct" and "alg" not in jwk:
                secret = base64.urlsafe_b64decode(jwk["k"] + "=" * (-len(jwk["k"]) % 4))
            elif jwk.get("kty") == "oct":
                key = _core.CoreKey.from_jwk(json.dumps(jwk), jwk["alg"], weak)
            else:
                key = _core.CoreKey.from_jwk(json.dumps(jwk), None)
        h, p, _ = _core.verify(
            v["token"], key, secret, weak, core_options(o), float(v.get("now") or 0), v.get("kind") == "jws", keyset
        )
        return None, None, h, p
    except _core.CoreError as e:
        code, claim, *_ = e.args
        return code, claim, None, None


@pytest.mark.parametrize("v", CASES, ids=[c["id"] for c in CASES])
def test_same_verdict_as_rust(v):
    code, claim, h, p = run_core(v)
    want = v["expect"]
    if "thumbprint" in want:
        assert code is None, code
        assert h.thumbprint() == want["thumbprint"]
    elif "error" in want:
        assert code == want["error"], f"expected {want['error']}, got {code}"
        if "claim" in want:
            assert claim == want["claim"]
    else:
        assert code is None, f"expected valid, got {code}"
        if "claims" in want:
            assert json.loads(p) == want["claims"]
        if "header" in want:
            assert json.loads(h) == want["header"]
        if "payload" in want:
            assert p == want["payload"].encode()


PUBLIC = [
    c
    for c in CASES
    if c.get("kind", "jwt") == "jwt"
    and "jwks" not in c
    and not set(c.get("options", {})) & {"typ", "max_age", "crit"}
    and (c.get("key") or {}).get("kty") != "oct"
    or (c.get("kind", "jwt") == "jwt" and "jwks" not in c and (c.get("key") or {}).get("kty") == "oct"
        and "alg" not in (c.get("key") or {}) and not set(c.get("options", {})) & {"typ", "max_age", "crit"})
]


def public_key(jwk):
    if jwk.get("kty") == "oct":
        return base64.urlsafe_b64decode(jwk["k"] + "=" * (-len(jwk["k"]) % 4))
    return jwk


@pytest.mark.parametrize("v", PUBLIC, ids=[c["id"] for c in PUBLIC])
def test_public_api_raises_the_mapped_class(v, monkeypatch):
    o = v.get("options", {})
    monkeypatch.setattr(jwtcore.api_jwt, "_now", lambda: float(v.get("now") or 0))
    options = {"require": o.get("require", ["exp"]), "strict_aud": bool(o.get("strict_aud", False))}
    options["enforce_minimum_key_length"] = not o.get("allow_weak_hmac_key", False)
    if "max_token_length" in o:
        options["max_token_length"] = o["max_token_length"]
    for k, on in (o.get("verify") or {}).items():
        options[f"verify_{k}"] = on
    kwargs = dict(
        algorithms=o.get("algorithms", ["HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA", "RS256", "PS256"]),
        options=options,
        audience=o.get("audience"),
        issuer=o.get("issuer"),
        subject=o.get("subject"),
        leeway=o.get("leeway", 0),
    )
    want = v["expect"]
    try:
        key = public_key(v.get("key") or {})
        got = jwtcore.decode(v["token"], key, **kwargs)
    except jwtcore.PyJWTError as e:
        assert "error" in want, f"expected valid, got {type(e).__name__}: {e}"
        cls = _BY_CODE[want["error"]]
        if want["error"] == "claim_invalid" and want.get("claim") in _CLAIM_INVALID_BY_CLAIM:
            cls = _CLAIM_INVALID_BY_CLAIM[want["claim"]]
        assert type(e) is cls, f"{want['error']}: expected {cls.__name__}, got {type(e).__name__}"
        assert e.code == want["error"]
        return
    assert "error" not in want, f"expected {want['error']}, got valid"
    if "claims" in want:
        assert got == want["claims"]


def test_exception_classes_are_the_ones_error_codes_json_names():
    # One table for every binding: the class raised for each core code is the one
    # tests/vectors/error-codes.json names (claim-specific overrides included).
    table = json.loads((VECTORS / "error-codes.json").read_text())["codes"]
    assert {row["code"]: row["pyjwt"] for row in table} == {code: cls.__name__ for code, cls in _BY_CODE.items()}
    by_claim = next(row["pyjwt_by_claim"] for row in table if row["code"] == "claim_invalid")
    assert by_claim == {claim: cls.__name__ for claim, cls in _CLAIM_INVALID_BY_CLAIM.items()}
    for cls in _BY_CODE.values():
        assert issubclass(cls, jwtcore.PyJWTError) and getattr(jwtcore.exceptions, cls.__name__) is cls


def test_algorithm_table_equals_the_core_vector_file():
    # tests/vectors/tables/algorithms.json is what the core's conformance test checks
    # jwtcore::algorithms() against; the wheel's export must be the same table, row for row.
    expected = json.loads((VECTORS / "tables" / "algorithms.json").read_text())["algorithms"]
    assert _core.algorithms() == expected


def test_front_end_lists_come_from_the_core_table():
    from jwtcore import _common
    from jwtcore.algorithms import get_default_algorithms

    table = {r["name"]: r for r in _core.algorithms()}
    assert set(jwtcore.ALGORITHMS) == {n for n, r in table.items() if r["supported"]}
    assert jwtcore.HMAC_ALGORITHMS == tuple(n for n, r in table.items() if r["family"] == "hmac")
    assert _common._HASH_LEN == {n: r["hmac_min_key_len"] for n, r in table.items() if r["family"] == "hmac"}
    algs = get_default_algorithms()
    # Plus PyJWT's `none`, which the core has no row for: nothing verifies with it.
    assert set(algs) == {"none", *jwtcore.ALGORITHMS}
    del algs["none"]
    for name, obj in algs.items():
        # Each object signs as the alg it is listed under (its hash matches the table's).
        assert obj._alg() == name


def test_session_defaults_are_the_core_constants():
    # tests/vectors/tables/session-defaults.json is what the core's conformance test checks
    # Timeouts::DEFAULT and RefreshPolicy::DEFAULT against.
    import inspect

    from jwtcore import session
    from jwtcore.stores._flows import RefreshFlows

    expected = json.loads((VECTORS / "tables" / "session-defaults.json").read_text())
    assert _core.session_defaults() == {"session": expected["session"], "refresh": expected["refresh"]}
    t = session.Timeouts()
    assert (t.idle, t.absolute, t.touch_after, t.renew_after) == tuple(
        expected["session"][k] for k in ("idle", "absolute", "touch_after", "renew_after")
    )
    for fn in (session.RefreshFamilies.__init__, RefreshFlows.__init__):
        params = inspect.signature(fn).parameters
        assert {k: params[k].default for k in ("absolute", "idle", "grace")} == expected["refresh"], fn
