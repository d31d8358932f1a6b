#!/usr/bin/env bash
# Proof that the core is no_std: build it for a bare-metal Cortex-M4F target with default features
# off (JWT core with P-256 and Ed25519), with sessions, with `alloc` and sessions, with those plus
# RSA and ES384, and without any curve or RSA arithmetic (`alloc` and sessions, then with
# `external-keys` too: public keys for the two-phase verify only, as in the npm lite module).
#
# The target comes from rustup (scripts/ensure-rust-target.sh adds it, bounded in time). Only if
# rustup cannot add it do we fall back to Debian's compiler with -Zbuild-std, and only if that
# compiler meets the workspace's rust-version; otherwise the proof is skipped and says so loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
target=thumbv7em-none-eabihf
export CARGO_TARGET_DIR="$PWD/target/nostd"
builds=("--features p256,ed25519" "--features p256,ed25519,session" "--features p256,ed25519,alloc,session"
    "--features p256,ed25519,alloc,rsa,es384,session" "--features alloc,session" "--features alloc,session,external-keys")
if scripts/ensure-rust-target.sh "$target"; then
    for features in "${builds[@]}"; do
        # shellcheck disable=SC2086 # the feature flags are meant to split
        cargo build -p jwtcore --target "$target" --no-default-features $features
    done
elif scripts/ensure-tools.sh debian-rust && scripts/msrv.sh --check-compiler /usr/bin/rustc; then
    # The workspace lockfile may have been written by a newer cargo; Debian's reads it as-is.
    export RUSTC_BOOTSTRAP=1 PATH="/usr/bin:$PATH"
    for features in "${builds[@]}"; do
        std=core
        [[ $features == *alloc* ]] && std=core,alloc
        # shellcheck disable=SC2086
        /usr/bin/cargo build -p jwtcore --target "$target" --no-default-features $features -Zbuild-std=$std
    done
else
    echo "no_std: SKIPPED — rustup could not add $target and Debian's rustc is below the MSRV;" \
        "run 'rustup target add $target' and rerun 'make nostd'" >&2
    exit 0
fi
echo "no_std: jwtcore builds for $target (core; core+session; core+alloc+session; core+alloc+session with RSA and ES384; core+alloc+session without curve arithmetic)"
