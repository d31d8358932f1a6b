#!/usr/bin/env bash
# make bench-js: the packed package installed in the scratch project, then bench.mjs there
# (jwtcore vs jose, jsonwebtoken and fast-jwt in one Node process), platform-keys.mjs (KeyLike vs
# platform-held keys), jws.mjs (compactVerify in both builds), then the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=target/npm/scratch
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error --no-save "$(ls "$root"/target/npm/jwtcore-*.tgz)")
cp bindings-wasm/bench/*.mjs "$scratch/"
cd "$scratch"
node bench.mjs "$@"
# Its KeyLike rows hold private keys in WebAssembly: the portable build's (the default build's
# private keys are CryptoKeys), so it runs under the `jwtcore-portable` condition.
node --conditions=jwtcore-portable platform-keys.mjs
# compactVerify with a public KeyLike vs jose, in the default build (the platform's arithmetic)
# and in the portable one (WebAssembly's).
node jws.mjs
node --conditions=jwtcore-portable jws.mjs
node size.mjs
