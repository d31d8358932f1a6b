#!/usr/bin/env bash
# The core's Ed25519 tests (Wycheproof, the pre-check's crafted edge cases, strict-verification
# units) built the way the x86_64 wheels are: with curve25519-dalek's AVX-512 IFMA backend
# (bindings-python/pyproject.toml), so the arithmetic the wheel ships gives verify_strict's
# verdicts on every vector. On a CPU without IFMA dalek falls back to AVX2 at run time and this
# checks that path instead. Its own target directory: the cfg changes every crate's build.
# Skipped on hosts that are not x86_64 (the backend does not exist there).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(uname -m) != x86_64 ]]; then
    echo "test-ed25519-avx512: SKIPPED on $(uname -m) (the backend is x86_64 only)" >&2
    exit 0
fi
grep -qw avx512ifma /proc/cpuinfo || echo "test-ed25519-avx512: this CPU has no IFMA: dalek's AVX2 path is what runs" >&2
CARGO_TARGET_DIR="$PWD/target/dalek-avx512" RUSTFLAGS='--cfg curve25519_dalek_backend="avx512"' \
    cargo test -q -p jwtcore --features std --lib ed25519
