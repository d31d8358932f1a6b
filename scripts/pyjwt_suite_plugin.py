"""pytest plugin for scripts/pyjwt-suite.sh: classifies PyJWT's tests and counts the passes.

A test passes when its setup, call and teardown all pass. Tests that PyJWT itself skips (the
``no_crypto_required`` ones, which only run without ``cryptography``) are not counted. The subsets:

- **public-API tests**: PyJWT's API reference (docs/api.rst) documents the module functions,
  ``PyJWT``, ``PyJWS``, ``PyJWK``, ``PyJWKSet``, ``PyJWKClient``, the exceptions, the options
  types and, of ``jwt.algorithms``, only the abstract ``Algorithm``. So the public-API tests
  are all tests except (a) those in ``test_algorithms.py``, which exercise the undocumented
  concrete classes (``HMACAlgorithm``, ``RSAAlgorithm``, ``ECAlgorithm``, ``OKPAlgorithm``,
  ...), and (b) those whose code reaches a private name: an attribute starting with ``_``
  (``jwt._validate_iss``, ``jws._verify_signature``, ``client.jwk_set_cache._data``, ...),
  ``_NoRedirectHandler``, or a module that PyJWT's code imports, mocked in place
  (``mock.patch("jwt.api_jwt.json.loads")``, ``"jwt.jwks_client.time.monotonic"``).
- **HS*/ES256/EdDSA tests**: the public-API tests whose code, parameters and fixtures name no
  other algorithm or key material: no RSA (RS*, PS*, RSA keys and certificates), no P-384,
  P-521 or secp256k1 (ES384, ES512, ES521, ES256K), no Ed448, no ``none``.
"""

from __future__ import annotations

import inspect
import os
import re
from typing import Any

import pytest

# A private attribute, PyJWT's private redirect handler, or a mock of a module that one of PyJWT's
# modules imports (`mock.patch("jwt.api_jwt.json.loads")`: its implementation, not its API).
_PRIVATE = re.compile(r"\._[A-Za-z]\w*|\b_NoRedirectHandler\b|[\"']jwt\.\w+\.(?:json|time|os|urllib)\.")
_OTHER_MATERIAL = re.compile(
    r"\b(?:RS|PS)(?:256|384|512)\b|\bES(?:384|512|521|256K)\b|rsa|RSA|secp256k1|secp192r1|P-384|P-521|p_521"
    r"|Ed448|ed448|\"none\"|'none'|NoneAlgorithm|\.cer\b"
)

_classes: dict[str, tuple[bool, bool]] = {}
_outcomes: dict[str, bool] = {}
_skipped: set[str] = set()


def _source(obj: Any) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


def _classify(item: pytest.Item) -> tuple[bool, bool]:
    fn = getattr(item, "function", None)
    code = _source(fn) if fn is not None else ""
    fixtures = getattr(item, "_fixtureinfo", None)
    fixture_code = ""
    if fixtures is not None:
        for name in fixtures.names_closure:
            for fdef in fixtures.name2fixturedefs.get(name, ()):
                if "/tests/" in (inspect.getsourcefile(fdef.func) or ""):
                    fixture_code += _source(fdef.func)
    public = not item.path.name == "test_algorithms.py" and not _PRIVATE.search(code)
    narrow = public and not _OTHER_MATERIAL.search(code + fixture_code + item.name)
    return public, narrow


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        _classes[item.nodeid] = _classify(item)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "setup":
        _outcomes[report.nodeid] = report.passed
        if report.skipped:
            _skipped.add(report.nodeid)
    else:
        _outcomes[report.nodeid] = _outcomes.get(report.nodeid, False) and report.passed


def pytest_terminal_summary(terminalreporter: Any) -> None:
    rows = [(n, pub, narrow, _outcomes.get(n, False)) for n, (pub, narrow) in _classes.items() if n not in _skipped]

    def count(sel: list[tuple[str, bool, bool, bool]]) -> str:
        return f"{sum(1 for r in sel if r[3])} of {len(sel)}"

    public = [r for r in rows if r[1]]
    narrow = [r for r in rows if r[2]]
    path = os.environ.get("PYJWT_SUITE_RESULTS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            for n, pub, nar, ok in sorted(rows):
                scope = "narrow" if nar else "public" if pub else "other"
                out.write(f"{'PASS' if ok else 'FAIL'} {scope:6} {n}\n")
    tw = terminalreporter
    tw.write_line(f"PyJWT 2.15.1 suite, all tests:           {count(rows)} pass")
    tw.write_line(f"public-API tests:                        {count(public)} pass")
    tw.write_line(f"public-API, HS*/ES256/EdDSA material:    {count(narrow)} pass")
