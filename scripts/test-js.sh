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
# The whole suite under the `jwtcore-portable` export condition (the portable module: curve and RSA
# arithmetic in WebAssembly), so that nothing it tested before the lite default is lost.
# NODE_OPTIONS carries the condition into every Node process the tests start; JWTCORE_PORTABLE
# tells the bundler and runtime tests to pass it on (esbuild, Vite, workerd, Deno, Bun, Chromium).
NODE_OPTIONS="--conditions=jwtcore-portable" JWTCORE_PORTABLE=1 \
    JWTCORE_ROOT="$root" JWTCORE_VECTORS="$root/tests/vectors" JWTCORE_DEMO="$root/target/demo" \
    node --test --test-reporter=dot --test-concurrency=1 test/*.test.mjs

# The default build (the lite module, no curve or RSA arithmetic; private keys are platform keys):
# the suite again without the condition (the shared vectors, the bundler and runtime builds, the
# size budget, test/lite-default.test.mjs), except the files that compare the platform path with
# private keys held in WebAssembly or with the WebAssembly arithmetic (platform-onecall: the same
# one-call JS and core code in both builds), which only the portable build has. test/vectors.test.mjs and
# test/jose-compat.test.mjs name what they leave to the run above.
portable_only=" platform-ed25519 platform-held platform-onecall platform-sign platform-webcrypto "
default_tests=()
for f in test/*.test.mjs; do
    [[ $portable_only == *" $(basename "$f" .test.mjs) "* ]] || default_tests+=("$f")
done
JWTCORE_ROOT="$root" JWTCORE_VECTORS="$root/tests/vectors" JWTCORE_DEMO="$root/target/demo" \
    node --test --test-reporter=dot --test-concurrency=1 "${default_tests[@]}"
