#!/usr/bin/env bash
# make size-wasm: what each arithmetic crate costs the WebAssembly module. Builds bindings-wasm once
# per feature set below (the same profile, wasm-bindgen and `wasm-opt -Oz` as scripts/build-wasm.sh,
# which installs what is missing and is run first for that) and prints raw and gzip -9 sizes in kB.
# Usage: scripts/size-wasm.sh ["label=features" ...]   (default: the sets in the README's table)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=wasm32-unknown-unknown
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/wasm}"
scratch="$root/target/npm/scratch"
[[ -x $scratch/node_modules/.bin/wasm-opt ]] && command -v wasm-bindgen >/dev/null || scripts/build-wasm.sh >&2
scripts/ensure-rust-target.sh "$target"
sets=("$@")
if ((${#sets[@]} == 0)); then
    sets=(
        "portable (default)=p256,rsa,es384,ed25519"
        "without rsa=p256,es384,ed25519"
        "without es384 (p384)=p256,rsa,ed25519"
        "without p256=rsa,es384,ed25519"
        "without ed25519 (dalek)=p256,rsa,es384"
        "lite (--no-default-features)="
    )
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '| build | features | .wasm raw kB | .wasm gzip -9 kB |\n|---|---|---:|---:|\n'
for set in "${sets[@]}"; do
    label=${set%%=*}
    features=${set#*=}
    cargo build -q -p jwtcore-wasm --profile wasm --target "$target" --no-default-features --features "$features" >&2
    wasm-bindgen --target web --omit-default-module-path --out-dir "$out" --out-name m \
        "$CARGO_TARGET_DIR/$target/wasm/jwtcore_wasm.wasm"
    "$scratch/node_modules/.bin/wasm-opt" -Oz --enable-mutable-globals --enable-sign-ext --enable-reference-types \
        --enable-multivalue --enable-bulk-memory --enable-nontrapping-float-to-int -o "$out/m.wasm" "$out/m_bg.wasm"
    raw=$(wc -c < "$out/m.wasm")
    gz=$(gzip -9 -c "$out/m.wasm" | wc -c)
    printf '| %s | `%s` | %s | %s |\n' "$label" "${features:-(none)}" \
        "$(awk -v b="$raw" 'BEGIN{printf "%.1f", b/1000}')" "$(awk -v b="$gz" 'BEGIN{printf "%.1f", b/1000}')"
done
