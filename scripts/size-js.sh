#!/usr/bin/env bash
# make size-js: the packed package installed in the scratch project (scripts/npm-pack.sh made both,
# esbuild included), then bindings-wasm/scripts/size-report.mjs prints the size table.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=target/npm/scratch
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error --no-save "$(ls "$root"/target/npm/jwtcore-*.tgz)")
JWTCORE_SCRATCH="$root/$scratch" node bindings-wasm/scripts/size-report.mjs
