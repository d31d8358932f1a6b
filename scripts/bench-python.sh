#!/usr/bin/env bash
# make bench-python: jwtcore vs PyJWT 2.15, webtoken and pyjwt-rs (pinned in
# bindings-python/bench/requirements.txt, never jwtcore's dependencies) in one run per backend — the default wheel (ring) from
# .venv (built by scripts/test-python.sh), and a portable wheel (RustCrypto only, built here with
# --no-default-features into target/wheels-portable) in .venv-portable.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv-portable/bin/python ]] || python3 -m venv .venv-portable
.venv-portable/bin/pip install -q --disable-pip-version-check maturin cryptography -r bindings-python/bench/requirements.txt
.venv/bin/pip install -q --disable-pip-version-check -r bindings-python/bench/requirements.txt
rm -rf target/wheels-portable
.venv-portable/bin/maturin build --release -q -m bindings-python/Cargo.toml --no-default-features -o target/wheels-portable
.venv-portable/bin/pip install -q --force-reinstall --no-deps target/wheels-portable/jwtcore-*.whl
for venv in .venv .venv-portable; do
    echo
    echo "## backend: $($venv/bin/python -c 'import jwtcore; print(jwtcore._core.backend())')"
    echo
    $venv/bin/python bindings-python/bench/bench.py
done
