#!/usr/bin/env python3
"""The crate, the Python package and the npm package share one version (CHANGELOG.md, "Versioning").

Fails, naming each file, when a version differs from `[workspace.package] version` in the root
Cargo.toml. With a directory argument (target/dist), every artifact's file name must carry it too.
Run by `make dist` (before building) and `make release-check`.
"""

import json
import re
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parents[1]
errors = []


def toml(path):
    return tomllib.loads((root / path).read_text())


version = toml("Cargo.toml")["workspace"]["package"]["version"]

for crate in ("core", "bindings-python", "bindings-wasm"):
    v = toml(f"{crate}/Cargo.toml")["package"]["version"]
    if v != {"workspace": True}:
        errors.append(f"{crate}/Cargo.toml: version = {v!r}, want version.workspace = true")

project = toml("bindings-python/pyproject.toml")["project"]
if "version" in project or "version" not in project.get("dynamic", []):
    errors.append("bindings-python/pyproject.toml: the version must be dynamic (maturin takes Cargo's)")

npm = json.loads((root / "bindings-wasm/package.json").read_text())["version"]
if npm != version:
    errors.append(f"bindings-wasm/package.json: version {npm}, want {version}")

init = (root / "bindings-python/python/jwtcore/__init__.py").read_text()
m = re.search(r'^__version__ = "([^"]+)"$', init, re.M)
if not m or m.group(1) != version:
    errors.append(f"bindings-python/python/jwtcore/__init__.py: __version__ {m and m.group(1)}, want {version}")

if not re.search(rf"^## \[{re.escape(version)}\]", (root / "CHANGELOG.md").read_text(), re.M):
    errors.append(f"CHANGELOG.md: no '## [{version}]' section")

if len(sys.argv) > 1:
    dist = Path(sys.argv[1])
    for f in sorted(dist.iterdir()):
        if f.name == "SHA256SUMS":
            continue
        m = re.match(r"jwtcore-(\d+\.\d+\.\d+(?:[-.+][0-9A-Za-z.-]+)?)(?:\.crate|\.tar\.gz|\.tgz|-cp)", f.name)
        if not m or m.group(1) != version:
            errors.append(f"{f}: not version {version}")

if errors:
    print("version check failed:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"versions: {version} everywhere (Cargo workspace, pyproject via Cargo, package.json, __version__, CHANGELOG)")
