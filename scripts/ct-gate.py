#!/usr/bin/env python3
"""Judges `jwtcore-ct`'s dudect output: the pass/fail gate of `make ct`.

    target/ct/jwtcore-ct | python3 scripts/ct-gate.py --control control_naive_eq TARGET...

Rules (TVLA threshold 4.5):
  - every TARGET passes when its max |t| < 4.5;
  - the control must show max |t| > 4.5, or the harness cannot see a leak on
    this machine ("blind") and nothing it says about the targets counts;
  - every expected name (targets and control) must appear exactly once, no
    unexpected name may appear, the harness's measurement count must be at
    least --min-measurements, and every `max t` line must parse.
Nothing passes by default: a missing, duplicated or garbled line fails the run.

The values are compared as floats. The awk gate this replaces compared them
as strings after `gsub`, so "10.5" >= "4.5" was false and a leak passed (#26).

Exit status 0 only if every check passes. Prints a table: target,
measurements, dudect's n, max |t|, verdict.
"""

import argparse
import math
import re
import sys

THRESHOLD = 4.5

# dudect-bencher 0.7 (ctbench.rs / stats.rs `CtSummary::fmt`):
#   bench <name padded> ... : n == +0.200M, max t = +306.16922, max tau = ..., (5/tau)^2 = ...
# `n` is the sample count of the percentile-cropped test that produced max t
# (one of 101 tests: all samples, or those below a percentile), printed in
# millions with three decimals, so it is at most the number of measurements.
RESULT = re.compile(r"^bench\s+(?P<name>\S+)\s+\.\.\.\s+:\s+n == (?P<n>\S+)M, max t = (?P<t>[^,\s]+),")
# Printed by jwtcore-ct's own main before the benches run.
MEASUREMENTS = re.compile(r"^jwtcore-ct: (?P<count>\d+) measurements per target\b")


def parse_float(text):
    """A finite float, or None (dudect prints NaN when a class is empty)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def judge(lines, control, targets, min_measurements):
    """Returns (rows, measurements, errors); a row is (name, n in millions,
    max |t|, verdict), with None for what the output did not give."""
    errors = []
    results = {}
    measurements = None
    for line in lines:
        line = line.rstrip("\n")
        m = MEASUREMENTS.match(line)
        if m:
            measurements = int(m["count"])
            continue
        if "max t" not in line:
            continue
        m = RESULT.match(line)
        if not m:
            errors.append(f"unparseable result line: {line!r}")
            continue
        name = m["name"]
        if name in results:
            errors.append(f"{name}: reported more than once")
        n_millions, t = parse_float(m["n"]), parse_float(m["t"])
        if n_millions is None or t is None:
            errors.append(f"{name}: unparseable n or t in {line!r}")
        results[name] = (n_millions, t)

    if measurements is None:
        errors.append("no 'jwtcore-ct: N measurements per target' line")
    elif measurements < min_measurements:
        errors.append(f"{measurements} measurements per target, fewer than {min_measurements}")

    rows = []
    for name in [*targets, control]:
        is_control = name == control
        if name not in results:
            errors.append(f"{name}: missing from the output")
            rows.append((name, None, None, "MISSING"))
            continue
        n_millions, t = results[name]
        if t is None or n_millions is None:
            rows.append((name, n_millions, None, "UNPARSEABLE"))
            continue
        abs_t = abs(t)
        if is_control:
            ok = abs_t > THRESHOLD
            verdict = "leaks (control ok)" if ok else "BLIND"
            if not ok:
                errors.append(f"{name}: control |t| = {abs_t:.2f} <= {THRESHOLD}, harness blind")
        else:
            ok = abs_t < THRESHOLD
            verdict = "pass" if ok else "FAIL"
            if not ok:
                errors.append(f"{name}: |t| = {abs_t:.2f} >= {THRESHOLD}")
        rows.append((name, n_millions, abs_t, verdict))

    for name in results:
        if name != control and name not in targets:
            errors.append(f"{name}: not an expected target (add it to scripts/ct.sh)")
    return rows, measurements, errors


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--control", required=True, help="the negative control's name (must leak)")
    parser.add_argument("--min-measurements", type=int, default=1_000_000, help="per target (default 10^6)")
    parser.add_argument("--input", type=argparse.FileType("r"), default=sys.stdin, help="default: stdin")
    parser.add_argument("targets", nargs="+", help="the names that must be reported and pass")
    args = parser.parse_args(argv)
    if args.control in args.targets:
        parser.error("the control cannot also be a target")

    rows, measurements, errors = judge(args.input, args.control, args.targets, args.min_measurements)

    width = max(len(name) for name, *_ in rows)
    total = "?" if measurements is None else str(measurements)
    print(f"{'target':<{width}}  {'measured':>9}  {'n at max |t|':>12}  {'max |t|':>8}  verdict")
    for name, n_millions, abs_t, verdict in rows:
        n = "?" if n_millions is None else f"{round(n_millions * 1e6):,}"
        t = "?" if abs_t is None else f"{abs_t:.2f}"
        print(f"{name:<{width}}  {total:>9}  {n:>12}  {t:>8}  {verdict}")
    for e in errors:
        print(f"FAIL {e}")
    if errors:
        return 1
    print(f"ct: every target |t| < {THRESHOLD}; the control leaks (|t| > {THRESHOLD}), so the harness can see")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
