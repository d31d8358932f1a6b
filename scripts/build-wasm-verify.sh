#!/usr/bin/env bash
# Builds the verify-only WebAssembly module behind the npm entry `jwtcore/verify`
# (bindings-wasm/verify, crate jwtcore-wasm-verify: the core's checks, no arithmetic, no SHA-2, no
# sessions; every signature and MAC on WebCrypto) and puts it into the package built by
# scripts/build-wasm.sh, target/npm/pkg/dist/verify/: its glue (jwtcore_verify.js), the .wasm (the
# workerd entry imports it) and the inlined deflated copy (every other entry). The entry's JS comes
# from bindings-wasm/js/verify/, copied with the rest of the JS layer by build-wasm.sh, which
# calls this script last. Idempotent; build-wasm.sh installs the tools it uses.
set -euo pipefail
source "$(dirname "$0")/wasm-common.sh"
export CARGO_TARGET_DIR="$root/target/wasm"
[[ -d $pkg/dist && -x $scratch/node_modules/.bin/wasm-opt && -d $scratch/node_modules/@gfx/zopfli ]] || { echo "build-wasm-verify: run scripts/build-wasm.sh first" >&2; exit 1; }
scripts/ensure-rust-target.sh "$target"
# Its own profile (root Cargo.toml, [profile.wasm-verify]): compiled for size throughout.
cargo build -p jwtcore-wasm-verify --profile wasm-verify --target "$target"
out="$pkg/dist/verify"
mkdir -p "$out"
wasm_finish "$CARGO_TARGET_DIR/$target/wasm-verify/jwtcore_wasm_verify.wasm" "$out" jwtcore_verify 2
rm -f "$out/.gitignore" "$out/jwtcore_verify.d.ts" "$out/jwtcore_verify_bg.wasm.d.ts"
wasm_inline "$out" scripts/build-wasm-verify.sh jwtcore_verify
echo "wasm (verify): $(wc -c < "$out/jwtcore_verify_bg.wasm") bytes ($(gzip -9 -c "$out/jwtcore_verify_bg.wasm" | wc -c) gzip)"
