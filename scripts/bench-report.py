#!/usr/bin/env python3
"""Prints criterion's medians from target/criterion as the README's markdown tables.

    python3 scripts/bench-report.py [target/criterion]
"""
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"


def median_ns(group, bench):
    path = os.path.join(root, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except OSError:
        return None


def fmt(ns):
    if ns is None:
        return "–"
    return f"{ns / 1000:.2f} µs" if ns < 1_000_000 else f"{ns / 1e6:.2f} ms"


libs = ["jwtcore", "jwtcore+ring", "jsonwebtoken", "jwt-simple", "jwt-compact"]
print("| op | alg | " + " | ".join(libs) + " | primitive alone | best anchor / jwtcore |")
print("|---|---|" + "---:|" * (len(libs) + 2))
for op in ["verify", "encode"]:
    for alg in ["HS256", "ES256", "EdDSA", "RS256"]:
        group = f"{op}_{alg}"
        cells = [median_ns(group, lib) for lib in libs]
        prim = median_ns(group, "primitive") if op == "verify" else None
        anchors = [c for c in cells[2:] if c is not None]
        ratio = f"{min(anchors) / cells[0]:.2f}×" if anchors and cells[0] else "–"
        print(f"| {op} | {alg} | " + " | ".join(fmt(c) for c in cells) + f" | {fmt(prim)} | {ratio} |")
print()
# Issue 21's two core goals, each from the same run.
hs = median_ns("verify_HS256", "jwtcore")
hs_anchors = [median_ns("verify_HS256", lib) for lib in libs[2:]]
hs_anchors = [a for a in hs_anchors if a is not None]
ed = median_ns("verify_EdDSA", "jwtcore")
strict = median_ns("verify_EdDSA", "dalek verify_strict")
if hs and hs_anchors:
    print(f"HS256 verify: fastest anchor / jwtcore = {min(hs_anchors) / hs:.2f}× (goal ≥ 2×)")
if ed and strict:
    print(f"EdDSA verify: jwtcore / ed25519-dalek verify_strict = {ed / strict:.2f}× (goal ≤ 1.10×)")
print()
print("| HS256 stage (`stages/HS256`) | median |")
print("|---|---:|")
stage_root = os.path.join(root, "stages_HS256")
for stage in sorted(os.listdir(stage_root)) if os.path.isdir(stage_root) else []:
    print(f"| {stage} | {fmt(median_ns('stages_HS256', stage))} |")
print()
print("| JWKS | key in hand | 5-key set, by kid | ratio |")
print("|---|---:|---:|---:|")
for alg in ["HS256", "EdDSA"]:
    group = f"jwks_{alg}"
    a, b = median_ns(group, "key in hand"), median_ns(group, "5-key set, by kid")
    ratio = f"{b / a:.3f}×" if a and b else "–"
    print(f"| {alg} | {fmt(a)} | {fmt(b)} | {ratio} |")
