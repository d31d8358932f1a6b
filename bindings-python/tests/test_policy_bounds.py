"""tests/vectors/tables/policy-bounds.json through the installed wheel: the core's one bound on
options given in seconds (±1e12 s, finite; max age not negative) refused as ``ValueError`` with the
core's code, never clamped, and the verdicts inside it (the Rust and JS suites run the same file).

Leeway runs through ``jwtcore.decode`` (PyJWT's API); PyJWT has no max-age option, so the max-age
cases run through the compiled ``_core.Policy`` the front end builds, as the binding calls it."""

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from freezegun import freeze_time

import jwtcore
from jwtcore import _core

VECTORS = Path(os.environ.get("JWTCORE_VECTORS", Path(__file__).resolve().parents[2] / "tests" / "vectors"))
FILE = json.loads((VECTORS / "tables" / "policy-bounds.json").read_text())
SECRET = FILE["secret"].encode()
TOKEN = jwtcore.encode(FILE["claims"], SECRET, algorithm="HS256")
POLICY_CODES = {"policy_leeway", "policy_max_age"}


def verdict_through_decode(case):
    with freeze_time(datetime.fromtimestamp(FILE["now"], timezone.utc)):
        try:
            jwtcore.decode(TOKEN, SECRET, algorithms=["HS256"], leeway=float(case["leeway"]))
        except ValueError as e:
            # NaN and infinities are refused by the front end before the core (same class).
            return "policy_leeway" if "leeway" in str(e) else f"ValueError: {e}"
        except jwtcore.PyJWTError as e:
            return e.code
    return "valid"


def verdict_through_policy(case):
    try:
        policy = _core.Policy(
            algorithms=["HS256"], leeway=float(case["leeway"]), max_age=float(case["max_age"]), require=["exp"]
        )
    except ValueError as e:
        message, code = e.args
        assert message and code in POLICY_CODES
        return code
    try:
        _core.verify(TOKEN, None, SECRET, False, policy, float(FILE["now"]))
    except _core.CoreError as e:
        return e.args[0]
    return "valid"


@pytest.mark.parametrize("case", FILE["cases"], ids=[c["id"] for c in FILE["cases"]])
def test_policy_bounds(case):
    run = verdict_through_policy if "max_age" in case else verdict_through_decode
    assert run(case) == case["expect"]


def test_out_of_range_leeway_message_says_how_to_fix():
    with pytest.raises(ValueError, match="between -1e12 and 1e12"):
        jwtcore.decode(TOKEN, SECRET, algorithms=["HS256"], leeway=1e13)
