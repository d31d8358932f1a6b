#!/usr/bin/env bash
# `make ct`: dudect timing tests of jwtcore's secret comparisons.
# Targets pass when max |t| < 4.5 (the TVLA threshold); the negative control
# (early-exit ==) must exceed it, or the harness cannot see leaks on this
# machine and the run fails. Not part of `make test`: timing is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --profile ct -p jwtcore-ct
runner=(target/ct/jwtcore-ct)
command -v taskset >/dev/null && runner=(taskset -c 1 "${runner[@]}")
out=$("${runner[@]}" 2>&1)
echo "$out" | grep -E "max t" | sed -E 's/^bench +//'
echo "$out" | awk '
  /max t =/ {
    name = $2; for (i = 1; i <= NF; i++) if ($i == "t" && $(i+1) == "=") t = $(i+2);
    gsub(/[+,]/, "", t); if (t < 0) t = -t;
    if (name ~ /^control_/) { if (t <= 4.5) { printf "FAIL %s: control |t| = %.2f, harness blind\n", name, t; bad = 1 } }
    else if (t >= 4.5) { printf "FAIL %s: |t| = %.2f >= 4.5\n", name, t; bad = 1 }
    else if (t > worst) worst = t
  }
  END { if (!bad) printf "ct: all targets |t| < 4.5 (worst %.2f); control leaks as expected\n", worst; exit bad }'
