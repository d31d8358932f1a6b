#!/usr/bin/env bash
# Builds bindings-wasm for wasm32-unknown-unknown, generates the JS glue with the wasm-bindgen CLI
# pinned to the crate's version, shrinks the module with wasm-opt, and assembles the npm package in
# target/npm/pkg (JS layer, types, README). Idempotent; installs what is missing.
#
# rustup's wasm32 target is used, added first if missing (bounded; scripts/ensure-rust-target.sh).
# Only if rustup cannot add it, Debian's rustc with its std sources builds std itself
# (-Zbuild-std), provided that compiler meets the workspace MSRV.
set -euo pipefail
source "$(dirname "$0")/wasm-common.sh"
export CARGO_TARGET_DIR="$root/target/wasm"
out="$CARGO_TARGET_DIR/$target/wasm/jwtcore_wasm.wasm"

if scripts/ensure-rust-target.sh "$target"; then
    cargo build -p jwtcore-wasm --profile wasm --target "$target"
else
    scripts/ensure-tools.sh debian-rust
    scripts/msrv.sh --check-compiler /usr/bin/rustc ||
        { echo "wasm: cannot build: no rustup $target and Debian's rustc is too old" >&2; exit 1; }
    # With std built here, panics can abort without their formatting machinery (smaller download;
    # the core has no panicking paths on input anyway).
    RUSTC_BOOTSTRAP=1 PATH="/usr/bin:$PATH" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        /usr/bin/cargo build -p jwtcore-wasm --profile wasm --target "$target" -Zbuild-std=std,panic_abort
fi

# The glue must come from the same wasm-bindgen version as the crate (the CLI refuses otherwise).
want=$(cargo metadata --format-version 1 --locked 2>/dev/null | python3 -c '
import json, sys
print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "wasm-bindgen"))' ||
    sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' bindings-wasm/Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ $have != "$want" ]]; then
    echo "installing wasm-bindgen-cli $want (found '${have:-none}')" >&2
    cargo install -q wasm-bindgen-cli --version "$want"
fi

# The scratch project (tests, anchors, and binaryen's wasm-opt: Debian's 108 corrupts the externref
# table wasm-bindgen sets up). `npm install`, not `npm ci`: some platform builds are not served here.
mkdir -p "$scratch"
cmp -s bindings-wasm/test/package.json "$scratch/package.json" || cp bindings-wasm/test/package.json "$scratch/package.json"
[[ -x $scratch/node_modules/.bin/wasm-opt && $scratch/node_modules/.package-lock.json -nt $scratch/package.json ]] ||
    (cd "$scratch" && npm install --no-audit --no-fund --loglevel=error)
rm -rf "$pkg"
mkdir -p "$pkg/dist"
wasm_finish "$out" "$pkg/dist" jwtcore_wasm
rm -f "$pkg/dist/.gitignore"

# The JS layer with its module folders (jwt/, jws/, jwks/, key/, util/, jwe/).
cp -r bindings-wasm/js/. "$pkg/dist/"
# The browser entry's copy of the module (hex in a JS module; wasm-common.sh says why).
wasm_inline_hex "$pkg/dist" scripts/build-wasm.sh
cp bindings-wasm/package.json bindings-wasm/README.md "$pkg/"
echo "wasm: $(wc -c < "$pkg/dist/jwtcore_wasm_bg.wasm") bytes ($(gzip -9 -c "$pkg/dist/jwtcore_wasm_bg.wasm" | wc -c) gzip)"
# The verify-only entry's own module (`jwtcore/verify`) into dist/verify/.
scripts/build-wasm-verify.sh
