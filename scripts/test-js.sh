#!/usr/bin/env bash
# Packs the npm package, installs the tarball into the scratch project (target/npm/scratch, which
# also holds jose, fast-check, playwright-core, workerd, and redis/express/hono for the integration
# tests) and runs the node:test suites there, so they exercise the installed package, not the
# source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/npm-pack.sh
# redis-server: the jwtcore/redis tests start private ones on 127.0.0.1.
scripts/ensure-tools.sh chromium redis
scratch=target/npm/scratch
tgz=$(ls "$root"/target/npm/jwtcore-*.tgz)
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error --no-save "$tgz")
rm -rf "$scratch/test" && cp -r bindings-wasm/test "$scratch/test" && rm -f "$scratch/test/package.json"
cd "$scratch"
JWTCORE_ROOT="$root" JWTCORE_VECTORS="$root/tests/vectors" JWTCORE_DEMO="$root/target/demo" \
    node --test --test-reporter=dot --test-concurrency=1 test/*.test.mjs
