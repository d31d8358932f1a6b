#!/usr/bin/env bash
# make release-check (after make dist; in make test): would the artifacts in target/dist publish,
# install and work?
#   - one version everywhere (scripts/check-versions.py), SHA256SUMS matches
#   - licences and metadata inside every artifact, the wheels' linkage (scripts/check-dist.py)
#   - twine check --strict; auditwheel show: the x86_64 wheel is manylinux_2_17 (manylinux2014);
#     the musllinux module loads under musl's loader (Debian's musl package)
#   - cargo publish --dry-run -p jwtcore without a warning; docs.rs's all-features doc build
#   - npm publish --dry-run of the tarball
#   - the manylinux wheel in a fresh venv passes the shared vector suite (no source tree on sys.path)
#   - the sdist builds into a wheel in a fresh venv (pip wheel: maturin from PyPI, Rust >= the
#     declared rust-version and a C compiler for ring from the machine) and that wheel imports
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=target/dist
work=target/release-check
scripts/release-venv.sh
tools="$root/target/release-venv/bin"
version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')
step() { echo "== release-check: $* (${SECONDS}s)"; }

step "versions, checksums, contents"
python3 scripts/check-versions.py "$dist"
(cd "$dist" && sha256sum --check --quiet SHA256SUMS)
"$tools/python" scripts/check-dist.py "$dist"

step "twine check"
"$tools/twine" check --strict "$dist"/*.whl "$dist"/*.tar.gz

step "auditwheel show"
for whl in "$dist"/*-manylinux2014_*.whl; do
    arch=${whl##*manylinux2014_}
    arch=${arch%%.*}
    shown=$("$tools/auditwheel" show "$whl" | tr -s ' \n' ' ')
    if [[ $shown != *"consistent with the following platform tag: \"manylinux_2_17_$arch\""* ]]; then
        echo "$whl is not manylinux2014 (manylinux_2_17_$arch):" >&2
        "$tools/auditwheel" show "$whl" >&2
        exit 1
    fi
    echo "$(basename "$whl"): manylinux_2_17_$arch"
done

step "musllinux wheel: musl's loader resolves everything but the Python API"
rm -rf "$work"
mkdir -p "$work/tests"
scripts/ensure-tools.sh musl
python3 -m zipfile -e "$(ls "$dist"/*-musllinux_1_2_x86_64.whl)" "$work/musl"
# ldd mode: lists what the module links and every symbol nothing provides; the interpreter
# provides the Py* ones at import.
list=$(/lib/ld-musl-x86_64.so.1 --list "$work/musl/jwtcore/_core.abi3.so" 2>&1 || true)
if [[ $list != *"libc.so => /lib/ld-musl-x86_64.so.1"* || $list == *"Error loading"* ]] ||
    grep 'symbol not found' <<<"$list" | grep -qv ': _\?Py[A-Za-z0-9_]*: symbol not found'; then
    echo "$list" >&2
    echo "the musllinux module does not load under musl (above)" >&2
    exit 1
fi
echo "$(grep -c 'symbol not found' <<<"$list") unresolved symbols, all the Python API's; libc.so is musl"

step "cargo publish --dry-run"
log=$(mktemp)
cargo publish --dry-run -p jwtcore --allow-dirty 2>&1 | tee "$log"
# "aborting upload due to dry run" is the dry run itself; any other warning (missing metadata, files
# outside the package, an unknown category) fails.
if grep '^warning' "$log" | grep -qv 'aborting upload due to dry run'; then
    echo "cargo publish --dry-run warned (above)" >&2
    exit 1
fi
rm -f "$log"

step "docs.rs build (all features, --cfg docsrs)"
if cargo +nightly --version >/dev/null 2>&1; then
    RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo +nightly doc -p jwtcore --all-features --no-deps --quiet
else
    echo "(no nightly toolchain: stable, without --cfg docsrs)"
    RUSTDOCFLAGS="-D warnings" cargo doc -p jwtcore --all-features --no-deps --quiet
fi

step "npm publish --dry-run"
# Any warning fails (npm warns, for one, when it has to correct package.json), except the one every
# dry run gives without an npm login.
out=$(npm publish --dry-run --loglevel=warn "$dist/jwtcore-$version.tgz" 2>&1)
echo "$out" | grep -v '^npm notice'
if echo "$out" | grep -i 'warn' | grep -qv 'requires you to be logged in'; then
    echo "npm publish --dry-run warned (above)" >&2
    exit 1
fi

step "manylinux wheel in a fresh venv: the shared vector suite"
python3 -m venv "$work/venv-wheel"
"$work/venv-wheel/bin/pip" install -q --disable-pip-version-check "pytest>=8,<9"
# As the README tells users: pip picks the wheel for this platform from target/dist.
"$work/venv-wheel/bin/pip" install -q --disable-pip-version-check --no-index --find-links "$dist" --only-binary=:all: jwtcore
# Copies of the vector tests only: no conftest, no source tree; run from a directory outside it.
cp bindings-python/tests/test_vectors.py bindings-python/tests/test_session_vectors.py "$work/tests/"
(
    cd "$work/tests"
    ../venv-wheel/bin/python - <<'PY'
import jwtcore, sys
site = next(p for p in sys.path if p.endswith("site-packages"))
assert jwtcore.__file__.startswith(site), f"jwtcore imported from {jwtcore.__file__}, not {site}"
from importlib.metadata import distribution
tags = [l.split(": ")[1] for l in distribution("jwtcore").read_text("WHEEL").splitlines() if l.startswith("Tag:")]
assert any("manylinux_2_17_x86_64" in t or "manylinux2014_x86_64" in t for t in tags), tags
print(f"jwtcore {jwtcore.__version__} ({', '.join(tags)}) from {jwtcore.__file__}")
PY
    JWTCORE_VECTORS="$root/tests/vectors" ../venv-wheel/bin/python -m pytest -q -p no:cacheprovider .
)

step "sdist in a fresh venv: pip wheel, install, import"
python3 -m venv "$work/venv-sdist"
# The workspace target dir keeps the compiled dependencies of make test-python's release build, so
# only the two jwtcore crates compile again; the sources come from the sdist alone.
cargo_target=${CARGO_TARGET_DIR:-$root/target}
CARGO_TARGET_DIR="$cargo_target" "$work/venv-sdist/bin/pip" wheel -q --disable-pip-version-check --no-deps \
    -w "$work/sdist-wheel" "$dist/jwtcore-$version.tar.gz"
# maturin's PEP 517 backend leaves a copy in <target>/wheels, where make test-python and the demo
# look for their own wheel.
rm -f "$cargo_target/wheels/$(basename "$(ls "$work"/sdist-wheel/*.whl)")"
"$work/venv-sdist/bin/pip" install -q --disable-pip-version-check --no-deps "$work"/sdist-wheel/*.whl
(cd "$work" && venv-sdist/bin/python -c '
import jwtcore as jwt
t = jwt.encode({"sub": "x"}, "s" * 32, algorithm="HS256")
assert jwt.decode(t, "s" * 32, algorithms=["HS256"], options={"require": []}) == {"sub": "x"}
print("sdist wheel:", jwt.__version__, "encodes and decodes")')

echo "release-check: all green (${SECONDS}s)"
