#!/usr/bin/env bash
# Builds the abi3 wheel with maturin, installs it into .venv (created if missing), and runs pytest
# from outside the source tree so the tests exercise the installed wheel. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
[[ -x $venv/bin/python ]] || python3.11 -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
# The store tests start a private redis-server (Debian's package) on 127.0.0.1; the CSRF browser
# test drives Debian's Chromium.
scripts/ensure-tools.sh redis chromium
# fastapi + uvicorn: examples/fastapi_sessions and the asyncio tests that run it over HTTP (the
# async framework most services use, on Starlette; uvicorn is its usual server). httpx:
# jwtcore.AsyncPyJWKClient (the jwtcore[async] extra). playwright: drives Debian's Chromium in the
# CSRF browser test (its own browser download is never used).
# django + djangorestframework: jwtcore.integrations.django, its middleware and the DRF
# authentication class, tested with DRF's own APIView (the jwtcore[django] extra).
$venv/bin/pip install -q --disable-pip-version-check maturin pytest freezegun hypothesis "pyjwt==2.15.*" cryptography \
  "redis>=5,<9" "flask>=3,<4" "fastapi>=0.110,<1" "uvicorn>=0.29,<1" "httpx>=0.27,<1" \
  "playwright>=1.40,<2" "django>=4.2,<6" "djangorestframework>=3.15,<4"
rm -f target/wheels/jwtcore-*.whl
$venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o target/wheels
$venv/bin/pip install -q --force-reinstall --no-deps target/wheels/jwtcore-*.whl
cd bindings-python/tests
JWTCORE_VECTORS="$OLDPWD/tests/vectors" JWTCORE_DEMO="$OLDPWD/target/demo" ../../$venv/bin/python -m pytest -q -p no:cacheprovider .
