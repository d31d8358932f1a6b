#!/usr/bin/env bash
# Proof that the core is no_std: build it for a bare-metal Cortex-M4F target with default features
# off (core only) and with `alloc`. rustup cannot download targets here, so when rustup lacks
# thumbv7em-none-eabihf we use Debian's compiler, which ships the std sources -Zbuild-std needs.
set -euo pipefail
cd "$(dirname "$0")/.."
target=thumbv7em-none-eabihf
export CARGO_TARGET_DIR="$PWD/target/nostd"
if rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    cargo build -p jwtcore --target "$target" --no-default-features
    cargo build -p jwtcore --target "$target" --no-default-features --features alloc
    cargo build -p jwtcore --target "$target" --no-default-features --features alloc,rsa,es384
else
    scripts/ensure-tools.sh debian-rust
    # The workspace lockfile may have been written by a newer cargo; Debian's reads it as-is.
    export RUSTC_BOOTSTRAP=1 PATH="/usr/bin:$PATH"
    /usr/bin/cargo build -p jwtcore --target "$target" --no-default-features -Zbuild-std=core
    /usr/bin/cargo build -p jwtcore --target "$target" --no-default-features --features alloc -Zbuild-std=core,alloc
    /usr/bin/cargo build -p jwtcore --target "$target" --no-default-features --features alloc,rsa,es384 \
        -Zbuild-std=core,alloc
fi
echo "no_std: jwtcore builds for $target (core; core+alloc; core+alloc with RSA and ES384)"
