"""tests/vectors/sessions/sessions.json through the installed wheel: the same cookie values,
storage keys and Set-Cookie headers as the Rust core and the JS package, all equal to values
Python's hmac/hashlib computed independently."""

import json
import os
from pathlib import Path

import pytest

from jwtcore import session as s

VECTORS = Path(os.environ.get("JWTCORE_VECTORS", Path(__file__).resolve().parents[2] / "tests" / "vectors"))
DATA = json.loads((VECTORS / "sessions" / "sessions.json").read_text())


@pytest.mark.parametrize("c", DATA["cookies"])
def test_signed_cookie(c):
    keys = s.SessionKeys(bytes.fromhex(c["key"]))
    assert keys.sign_cookie(c["name"], c["session_id"]) == c["value"]
    assert keys.verify_cookie(c["name"], c["value"]) == (c["session_id"], False)


@pytest.mark.parametrize("c", DATA["rejected_cookies"], ids=[c["why"] for c in DATA["rejected_cookies"]])
def test_rejected_cookie(c):
    with pytest.raises(s.SessionError) as e:
        s.SessionKeys(bytes.fromhex(c["key"])).verify_cookie(c["name"], c["value"])
    assert e.value.code == c["error"]


@pytest.mark.parametrize("c", DATA["storage_keys"])
def test_storage_key(c):
    pepper = bytes.fromhex(c["pepper"]) if c["pepper"] else None
    assert s.storage_key(c["session_id"], pepper) == c["storage_key"]


@pytest.mark.parametrize("c", DATA["set_cookie"])
def test_set_cookie(c):
    o = dict(c["options"])
    clear = o.pop("clear", False)
    cookie = s.SessionCookie(**o)
    assert (cookie.clear() if clear else cookie.serialize(c["value"])) == c["header"]
