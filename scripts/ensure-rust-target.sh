#!/usr/bin/env bash
# Usage: scripts/ensure-rust-target.sh TARGET [TOOLCHAIN]
# Succeeds when rustup has TARGET's standard library for TOOLCHAIN (default: the active one),
# adding it first if missing. The download is bounded (5 minutes): a machine that cannot reach
# rustup's component server gets a clear failure, and the caller picks its fallback.
set -euo pipefail
target=$1
toolchain=${2:-}
tc=()
[[ -n $toolchain ]] && tc=(--toolchain "$toolchain")
command -v rustup >/dev/null || { echo "rustup not found: cannot add $target" >&2; exit 1; }
installed() { rustup target list --installed "${tc[@]}" 2>/dev/null | grep -qx "$target"; }
installed && exit 0
echo "adding the Rust target $target with rustup (bounded to 5 min)" >&2
if timeout 300 rustup target add "${tc[@]}" "$target" >&2 && installed; then
    exit 0
fi
echo "rustup could not add $target" >&2
exit 1
