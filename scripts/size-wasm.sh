#!/usr/bin/env bash
# make size-wasm: what each arithmetic crate costs the WebAssembly module. Builds bindings-wasm once
# per feature set below (the same profile, wasm-bindgen and `wasm-opt -Oz` as scripts/build-wasm.sh,
# which installs what is missing and is run first for that) and prints raw and gzip -9 sizes in kB.
# Usage: scripts/size-wasm.sh ["label=features" ...]   (default: the sets in the README's table)
set -euo pipefail
source "$(dirname "$0")/wasm-common.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/wasm}"
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
    wasm_finish "$CARGO_TARGET_DIR/$target/wasm/jwtcore_wasm.wasm" "$out" m
    raw=$(wc -c < "$out/m_bg.wasm")
    gz=$(gzip -9 -c "$out/m_bg.wasm" | wc -c)
    printf '| %s | `%s` | %s | %s |\n' "$label" "${features:-(none)}" \
        "$(awk -v b="$raw" 'BEGIN{printf "%.1f", b/1000}')" "$(awk -v b="$gz" 'BEGIN{printf "%.1f", b/1000}')"
done
