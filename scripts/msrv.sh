#!/usr/bin/env bash
# The declared minimum supported Rust version (workspace `rust-version`) is checked, not assumed.
#   scripts/msrv.sh                       install that toolchain with rustup (bounded) and check the
#                                         core with it, no features and all features
#   scripts/msrv.sh --check-compiler RC   succeed only if compiler RC is at least the MSRV
#                                         (used before falling back to Debian's rustc)
set -euo pipefail
cd "$(dirname "$0")/.."
msrv=$(sed -n 's/^rust-version = "\([0-9.]*\)"/\1/p' Cargo.toml)
[[ -n $msrv ]] || { echo "msrv: no rust-version in Cargo.toml" >&2; exit 1; }

at_least() { # at_least HAVE WANT: version HAVE >= WANT
    [[ $(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1) == "$2" ]]
}

if [[ ${1:-} == --check-compiler ]]; then
    have=$("$2" --version 2>/dev/null | awk '{print $2}' | cut -d- -f1 || true)
    if [[ -n $have ]] && at_least "$have" "$msrv"; then exit 0; fi
    echo "msrv: $2 is ${have:-missing}, below the workspace rust-version $msrv" >&2
    exit 1
fi

if ! rustup run "$msrv" rustc --version >/dev/null 2>&1; then
    echo "msrv: installing Rust $msrv with rustup (minimal profile, bounded to 5 min)" >&2
    if ! timeout 300 rustup toolchain install "$msrv" --profile minimal >&2; then
        echo "msrv: SKIPPED — rustup could not install Rust $msrv; run 'rustup toolchain install $msrv'" >&2
        exit 0
    fi
fi
export CARGO_TARGET_DIR="$PWD/target/msrv"
# The lockfile is resolved by the stable cargo with resolver 3, which prefers versions whose own
# rust-version fits ours; the MSRV toolchain must then build exactly that graph.
cargo "+$msrv" check -q -p jwtcore --no-default-features
cargo "+$msrv" check -q -p jwtcore --all-features
echo "msrv: jwtcore checks with Rust $msrv (no features; all features)"
