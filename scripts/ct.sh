#!/usr/bin/env bash
# `make ct`: dudect timing tests of jwtcore's secret comparisons.
# Targets pass when max |t| < 4.5 (the TVLA threshold); the negative control
# (early-exit ==), run in the same process, must exceed it, or the harness
# cannot see leaks on this machine and the run fails. scripts/ct-gate.py
# judges the output (tested on synthetic lines by `make ct-gate-test`).
# Not part of `make test`: timing is noisy. The raw output is kept in
# target/ct/last-run.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every target jwtcore-ct must report; the gate fails on a missing or an
# unlisted one. CSRF token verification (#21) joins when it exists.
targets=(session_id_eq slice_ct_eq cookie_verify cookie_ring csrf_verify refresh_parse refresh_reuse id_decode)

cargo build --quiet --profile ct -p jwtcore-ct
runner=(target/ct/jwtcore-ct)
# Core 1, away from core 0 where most interrupts land.
command -v taskset >/dev/null && runner=(taskset -c 1 "${runner[@]}")
log=target/ct/last-run.txt
start=$SECONDS
if ! "${runner[@]}" >"$log" 2>&1; then
  cat "$log"
  echo "ct: jwtcore-ct failed (exit status above); nothing was judged" >&2
  exit 1
fi
grep -E "max t" "$log" | sed -E 's/^bench +//'
echo "ct: $(grep -m1 'measurements per target' "$log" || echo '?') in $((SECONDS - start)) s, $(date -u +%Y-%m-%d)"
echo
python3 scripts/ct-gate.py --control control_naive_eq --input "$log" "${targets[@]}"
