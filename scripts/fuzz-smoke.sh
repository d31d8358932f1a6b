#!/usr/bin/env bash
# `make fuzz-smoke` (FUZZ_SECONDS per target, default 20) and `make fuzz` (default 600): runs every
# cargo-fuzz target in fuzz/ on the nightly toolchain, seeded from tests/vectors, and fails on any
# crash. The targets are every [[bin]] in fuzz/Cargo.toml (`cargo fuzz list`): verify, keys,
# session, refresh, roundtrip, backend_diff, keyset, claims_de (the claims deserializer against
# serde_json) and jsonwebtoken_diff (the differential target against the jsonwebtoken crate);
# FUZZ_TARGETS="a b" runs a subset. Installs cargo-fuzz if missing.
# Without a nightly toolchain, stable with RUSTC_BOOTSTRAP=1 accepts the sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi
python3 fuzz/seed.py
cd fuzz
"${fuzz[@]}" build -O
targets="${FUZZ_TARGETS:-$("${fuzz[@]}" list)}"
for target in $targets; do
    mkdir -p "corpus/$target"
    log="target/fuzz-$target.log"
    echo "== $target (${seconds}s)"
    if ! "${fuzz[@]}" run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -dict=jwt.dict \
        -max_len=8192 -rss_limit_mb=2048 > "$log" 2>&1; then
        tail -40 "$log"
        echo "fuzz target $target failed (crash input under fuzz/artifacts/$target)" >&2
        exit 1
    fi
    grep -E "^#[0-9]+.*(DONE|pulse)" "$log" | tail -1 | sed -E 's/^/   /'
done
