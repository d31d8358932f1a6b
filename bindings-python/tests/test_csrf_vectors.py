"""tests/vectors/sessions/csrf.json through the installed wheel: the same CSRF tokens, masked
forms, rotation outcomes, refusal codes and request verdicts as the Rust core and the JS package,
the token values equal to what Python's hmac/hashlib computed independently."""

import json
import os
from pathlib import Path

import pytest

from jwtcore import session as s

VECTORS = Path(os.environ.get("JWTCORE_VECTORS", Path(__file__).resolve().parents[2] / "tests" / "vectors"))
DATA = json.loads((VECTORS / "sessions" / "csrf.json").read_text())


@pytest.mark.parametrize("c", DATA["tokens"])
def test_token(c):
    keys = s.SessionKeys(bytes.fromhex(c["key"]))
    token = keys.csrf_token(c["storage_key"], nonce=bytes.fromhex(c["nonce"]))
    assert token == c["token"]
    assert keys.verify_csrf(c["storage_key"], token) is False
    for m in c["masked"]:
        masked = s.mask_csrf_token(token, pad=bytes.fromhex(m["pad"]))
        assert masked == m["value"]
        assert keys.verify_csrf(c["storage_key"], masked) is False
        assert s.same_csrf_token(token, masked)


@pytest.mark.parametrize("c", DATA["rotation"], ids=[c["why"] for c in DATA["rotation"]])
def test_rotation(c):
    keys = s.SessionKeys(bytes.fromhex(c["current"]), [bytes.fromhex(k) for k in c["previous"]])
    assert keys.verify_csrf(c["storage_key"], c["value"]) is c["reissue"]


@pytest.mark.parametrize("c", DATA["rejected_tokens"], ids=[c["why"] for c in DATA["rejected_tokens"]])
def test_rejected_token(c):
    with pytest.raises(s.CsrfError) as e:
        s.SessionKeys(bytes.fromhex(c["key"])).verify_csrf(c["storage_key"], c["value"])
    assert e.value.code == c["error"]


@pytest.mark.parametrize("c", DATA["requests"], ids=[c["why"] for c in DATA["requests"]])
def test_request_verdict(c):
    p = c["policy"]
    policy = s.RequestPolicy(
        p["allowed_origins"],
        allow_same_site=p.get("allow_same_site", False),
        allow_missing_origin=p.get("allow_missing_origin", False),
        allow_null_origin=p.get("allow_null_origin", False),
    )
    verdict = policy.check(c["method"], sec_fetch_site=c["sec_fetch_site"], origin=c["origin"], referer=c["referer"])
    assert verdict == s.RequestVerdict(c["allowed"], c["reason"])
    headers = {k: v for k, v in (("Sec-Fetch-Site", c["sec_fetch_site"]), ("Origin", c["origin"]), ("Referer", c["referer"])) if v is not None}
    assert policy.check_headers(c["method"], headers) == verdict
