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

# The lite module (no curve or RSA arithmetic, issue 22): the same package JS over it, the shared
# vectors on Node through the node:crypto and WebCrypto two-phase paths (test/vectors.test.mjs
# names what still needs the portable module).
cd "$root"
scripts/build-wasm-lite.sh
lite="$root/target/npm/scratch-lite"
rm -rf "$lite" && mkdir -p "$lite/node_modules"
for dep in "$root/$scratch/node_modules/"* "$root/$scratch/node_modules/".bin; do
    [[ $(basename "$dep") == jwtcore ]] || ln -s "$dep" "$lite/node_modules/"
done
cp -r "$root/target/npm/lite-pkg" "$lite/node_modules/jwtcore"
mkdir -p "$lite/test" && cp bindings-wasm/test/vectors.test.mjs bindings-wasm/test/size.test.mjs "$lite/test/"
cd "$lite"
JWTCORE_LITE=1 JWTCORE_ROOT="$root" JWTCORE_VECTORS="$root/tests/vectors" \
    node --test --test-reporter=dot --test-concurrency=1 test/vectors.test.mjs test/size.test.mjs
