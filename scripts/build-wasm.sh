#!/usr/bin/env bash
# Builds bindings-wasm for wasm32-unknown-unknown twice: the portable module (default features: the
# curve and RSA arithmetic) and the lite one (--no-default-features: none; the package's default,
# issue 22), generates the JS glue with the wasm-bindgen CLI pinned to the crate's version, shrinks
# both modules with wasm-opt, and assembles the npm package in target/npm/pkg (JS layer, types,
# README, both modules: dist/jwtcore_wasm_bg.wasm is the lite one, dist/jwtcore_wasm_portable_bg.wasm
# the portable one, selected by the `jwtcore-portable` export condition). One glue serves both: the
# build fails if the two builds' glue ever differs. Idempotent; installs what is missing.
#
# rustup's wasm32 target is used, added first if missing (bounded; scripts/ensure-rust-target.sh).
# Only if rustup cannot add it, Debian's rustc with its std sources builds std itself
# (-Zbuild-std), provided that compiler meets the workspace MSRV.
set -euo pipefail
source "$(dirname "$0")/wasm-common.sh"
export CARGO_TARGET_DIR="$root/target/wasm"
out="$CARGO_TARGET_DIR/$target/wasm/jwtcore_wasm.wasm"
out_lite="$CARGO_TARGET_DIR/jwtcore_wasm_lite.wasm"

if scripts/ensure-rust-target.sh "$target"; then
    cargo build -p jwtcore-wasm --profile wasm --target "$target"
    cp "$out" "$CARGO_TARGET_DIR/jwtcore_wasm_portable.wasm"
    # Its own target directory, so that neither build relinks the other's module every run.
    CARGO_TARGET_DIR="$root/target/wasm-lite" cargo build -p jwtcore-wasm --profile wasm --target "$target" --no-default-features
    cp "$root/target/wasm-lite/$target/wasm/jwtcore_wasm.wasm" "$out_lite"
else
    scripts/ensure-tools.sh debian-rust
    scripts/msrv.sh --check-compiler /usr/bin/rustc ||
        { echo "wasm: cannot build: no rustup $target and Debian's rustc is too old" >&2; exit 1; }
    # With std built here, panics can abort without their formatting machinery (smaller download;
    # the core has no panicking paths on input anyway).
    RUSTC_BOOTSTRAP=1 PATH="/usr/bin:$PATH" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        /usr/bin/cargo build -p jwtcore-wasm --profile wasm --target "$target" -Zbuild-std=std,panic_abort
    cp "$out" "$CARGO_TARGET_DIR/jwtcore_wasm_portable.wasm"
    CARGO_TARGET_DIR="$root/target/wasm-lite" RUSTC_BOOTSTRAP=1 PATH="/usr/bin:$PATH" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        /usr/bin/cargo build -p jwtcore-wasm --profile wasm --target "$target" -Zbuild-std=std,panic_abort --no-default-features
    cp "$root/target/wasm-lite/$target/wasm/jwtcore_wasm.wasm" "$out_lite"
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

# The scratch project (tests, anchors, Zopfli for the inlined copies, and binaryen's wasm-opt:
# Debian's 108 corrupts the externref table wasm-bindgen sets up). `npm install`, not `npm ci`: some platform builds are not served here.
mkdir -p "$scratch"
cmp -s bindings-wasm/test/package.json "$scratch/package.json" || cp bindings-wasm/test/package.json "$scratch/package.json"
[[ -x $scratch/node_modules/.bin/wasm-opt && $scratch/node_modules/.package-lock.json -nt $scratch/package.json ]] ||
    (cd "$scratch" && npm install --no-audit --no-fund --loglevel=error)
rm -rf "$pkg"
mkdir -p "$pkg/dist"
# The lite module is the default (jwtcore_wasm_bg.wasm, beside the glue); the portable one gets its
# own name, and its glue must be the lite one's byte for byte, since the package ships one.
wasm_finish "$out_lite" "$pkg/dist" jwtcore_wasm
portable_tmp=$(mktemp -d)
trap 'rm -rf "$portable_tmp"' EXIT
wasm_finish "$CARGO_TARGET_DIR/jwtcore_wasm_portable.wasm" "$portable_tmp" jwtcore_wasm
cmp -s "$portable_tmp/jwtcore_wasm.js" "$pkg/dist/jwtcore_wasm.js" ||
    { echo "wasm: the portable and lite modules' wasm-bindgen glue differ; the package ships one glue for both" >&2; exit 1; }
mv "$portable_tmp/jwtcore_wasm_bg.wasm" "$pkg/dist/jwtcore_wasm_portable_bg.wasm"
rm -f "$pkg/dist/.gitignore"

# The JS layer with its module folders (jwt/, jws/, jwks/, key/, util/, jwe/).
cp -r bindings-wasm/js/. "$pkg/dist/"
# The browser entries' copies of the modules (deflated, in a JS module; wasm-common.sh says why).
wasm_inline "$pkg/dist" scripts/build-wasm.sh jwtcore_wasm
wasm_inline "$pkg/dist" scripts/build-wasm.sh jwtcore_wasm_portable
cp bindings-wasm/package.json bindings-wasm/README.md "$pkg/"
for m in jwtcore_wasm jwtcore_wasm_portable; do
    echo "wasm: dist/${m}_bg.wasm $(wc -c < "$pkg/dist/${m}_bg.wasm") bytes ($(gzip -9 -c "$pkg/dist/${m}_bg.wasm" | wc -c) gzip)"
done
# The verify-only entry's own module (`jwtcore/verify`) into dist/verify/.
scripts/build-wasm-verify.sh
