#!/usr/bin/env bash
# Runs the core's unit tests that do not need fast crypto under Miri (undefined behaviour, out-of-
# bounds and arithmetic-overflow checks on the parsers and the session code): base64url, the
# compact-token splitter, the JSON gate, escape table and writer, header parsing, NumericDate,
# timespans, error codes, session IDs, cookies, HMAC keys, the key ring, signed values, storage keys
# and lifecycle. The curve arithmetic (ES256, EdDSA, RSA) is left out: under Miri a single signature
# takes minutes. MIRI_FILTERS overrides the
# test-name filters.
#
# Needs the nightly toolchain's `miri` and `rust-src` components. Without them (no network to
# rustup) this says so and exits 0: Miri is an extra check, not a gate.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly miri --version >/dev/null 2>&1; then
    # A fresh machine may reach rustup's component server (this one did); bounded, never fatal.
    timeout 300 rustup component add --toolchain nightly miri rust-src >/dev/null 2>&1 || true
fi
if ! cargo +nightly miri --version >/dev/null 2>&1; then
    echo "miri: not available on the nightly toolchain (rustup component add --toolchain nightly miri rust-src); skipped"
    exit 0
fi
echo "$(cargo +nightly miri --version)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/miri}"
# `cargo miri setup` builds Miri's sysroot once (needs rust-src).
if ! cargo +nightly miri setup >/dev/null 2>&1; then
    echo "miri: sysroot setup failed (is the nightly rust-src component installed?); skipped"
    exit 0
fi

read -r -a filters <<<"${MIRI_FILTERS:-b64:: compact:: json:: header:: time:: timespan:: error:: alg:: \
session::id:: session::cookie:: session::ct:: session::keyring:: session::signed:: \
session::storage:: session::lifecycle:: keys::hmac::}"

# Strict provenance and symbolic alignment catch more than the defaults.
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-strict-provenance -Zmiri-symbolic-alignment-check}"
cargo +nightly miri test -p jwtcore --lib --features session -- "${filters[@]}"
