#!/usr/bin/env bash
# The release tools, pinned, in a git-ignored venv (target/release-venv) that make dist and
# make release-check share: maturin builds the sdist and wheels; ziglang is the zig toolchain
# maturin's --zig links with (cross-building manylinux2014/musllinux wheels on any host);
# twine checks the metadata PyPI will render; auditwheel reads the glibc symbol versions a wheel
# needs. Idempotent: a stamp file records the installed pins.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/release-venv
pins=("maturin==1.16.0" "ziglang==0.17.1" "twine==7.0.0" "auditwheel==6.8.2")
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
if [[ "$(cat "$venv/pins" 2>/dev/null)" != "${pins[*]}" ]]; then
    $venv/bin/pip install -q --disable-pip-version-check "${pins[@]}"
    echo "${pins[*]}" > "$venv/pins"
fi
