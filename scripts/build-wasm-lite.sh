#!/usr/bin/env bash
# Builds the lite WebAssembly module (bindings-wasm with --no-default-features: no curve or RSA
# arithmetic; HMAC, parsing, claims, sessions and the two-phase verify) and assembles
# target/npm/lite-pkg: the npm package (scripts/build-wasm.sh's, built first if missing) with the
# lite module in place of the portable one, the same JS. Idempotent; installs what build-wasm.sh
# installs. The package JS does not load the portable module on demand yet (issue 22 item 2), so
# this package is for measuring and testing the lite module, not for publishing.
set -euo pipefail
source "$(dirname "$0")/wasm-common.sh"
export CARGO_TARGET_DIR="$root/target/wasm"
lite="$root/target/npm/lite-pkg"
[[ -f $pkg/dist/jwtcore_wasm.js && -x $scratch/node_modules/.bin/wasm-opt ]] || scripts/build-wasm.sh
scripts/ensure-rust-target.sh "$target"
cargo build -p jwtcore-wasm --profile wasm --target "$target" --no-default-features
rm -rf "$lite"
cp -r "$pkg" "$lite"
wasm_finish "$CARGO_TARGET_DIR/$target/wasm/jwtcore_wasm.wasm" "$lite/dist" jwtcore_wasm
rm -f "$lite/dist/.gitignore"
# The browser entry's inlined copy, as scripts/build-wasm.sh makes it.
wasm_inline_hex "$lite/dist" scripts/build-wasm-lite.sh
echo "wasm (lite): $(wc -c < "$lite/dist/jwtcore_wasm_bg.wasm") bytes ($(gzip -9 -c "$lite/dist/jwtcore_wasm_bg.wasm" | wc -c) gzip)"
