#!/usr/bin/env bash
# make test-interop: the Python wheel and the npm package on one redis-server. Sessions and refresh
# families written by jwtcore.stores.RedisStore are read and rotated by jwtcore/redis and back
# (tests/interop). Builds only what is missing: the wheel into .venv (as scripts/test-python.sh
# does) and the npm tarball into the scratch project (as scripts/test-js.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/ensure-tools.sh redis
venv=.venv
[[ -x $venv/bin/python ]] || python3.11 -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
$venv/bin/python -c 'import redis' 2>/dev/null || $venv/bin/pip install -q --disable-pip-version-check "redis>=5,<9"
if ! $venv/bin/python -c 'import jwtcore.stores' 2>/dev/null; then
    $venv/bin/pip install -q --disable-pip-version-check maturin
    rm -f target/wheels/jwtcore-*.whl
    $venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o target/wheels
    $venv/bin/pip install -q --force-reinstall --no-deps target/wheels/jwtcore-*.whl
fi
scratch=target/npm/scratch
if ! ls target/npm/jwtcore-*.tgz >/dev/null 2>&1 || [[ ! -d $scratch/node_modules/redis ]]; then
    scripts/npm-pack.sh
fi
tgz=$(ls "$root"/target/npm/jwtcore-*.tgz)
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error --no-save "$tgz")
rm -rf "$scratch/interop" && mkdir -p "$scratch/interop"
cp tests/interop/* bindings-wasm/test/redis-server.mjs "$scratch/interop/"
cd "$scratch"
JWTCORE_PYTHON="$root/$venv/bin/python" node --test --test-reporter=dot --test-concurrency=1 interop/*.test.mjs
