#!/usr/bin/env bash
# make dist: the release artifacts, in target/dist/ with a SHA256SUMS file:
#   jwtcore-<v>.crate                                   cargo package -p jwtcore (verified: it builds)
#   jwtcore-<v>.tar.gz                                  the Python sdist (maturin sdist)
#   jwtcore-<v>-cp39-abi3-manylinux2014_x86_64...whl    glibc >= 2.17 (RHEL/Alma 8+, Debian 10+, Ubuntu 18.04+, AL2)
#   jwtcore-<v>-cp39-abi3-musllinux_1_2_x86_64.whl      musl >= 1.2 (Alpine 3.13+)
#   jwtcore-<v>-cp39-abi3-manylinux2014_aarch64...whl   glibc >= 2.17 on 64-bit ARM (Graviton, Ampere);
#                                                       built and checked here, not run; DIST_AARCH64=0 skips it
#   jwtcore-<v>.tgz                                     the npm package (scripts/npm-pack.sh)
#
# The wheels are cross-built on any Linux host: maturin links with zig (PyPI's `ziglang`), which
# also compiles ring's C and assembly, against glibc 2.17 / musl symbols instead of the host's.
# The tools live in a git-ignored venv, target/release-venv, at pinned versions. Rust targets the
# host lacks are added with a bounded `rustup target add`; a wheel whose target cannot be added is
# skipped with a message (make release-check then fails for a missing musllinux wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=target/dist
venv=target/release-venv

python3 scripts/check-versions.py
version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')

scripts/release-venv.sh
export PATH="$root/$venv/bin:$PATH"

rm -rf "$dist"
mkdir -p "$dist"
skipped=()

add_target() {
    [[ $1 == "$(rustc -vV | sed -n 's/^host: //p')" ]] && return 0
    rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
    echo "dist: adding the rustup target $1 (at most 5 minutes)" >&2
    timeout 300 rustup target add "$1" >&2
}

step() { echo "== dist: $* (${SECONDS}s)" >&2; }

step "crate"
# --allow-dirty: a working tree with uncommitted changes packs as it is (cargo records "dirty" in
# .cargo_vcs_info.json); a release is cut from a clean tag, where this makes no difference.
cargo package -p jwtcore --allow-dirty --quiet
cp "${CARGO_TARGET_DIR:-target}/package/jwtcore-$version.crate" "$dist/"

step "sdist"
maturin sdist -m bindings-python/Cargo.toml -o "$dist" >&2

wheel() {
    local target=$1 compat=$2
    step "wheel $compat $target"
    if ! add_target "$target"; then
        echo "dist: SKIPPED the $compat $target wheel: rustup could not add $target" >&2
        skipped+=("$compat $target wheel")
        return 0
    fi
    maturin build --release --quiet --zig --target "$target" --compatibility "$compat" \
        -m bindings-python/Cargo.toml -o "$dist" >&2
}
wheel x86_64-unknown-linux-gnu manylinux2014
wheel x86_64-unknown-linux-musl musllinux_1_2
[[ ${DIST_AARCH64:-1} == 0 ]] || wheel aarch64-unknown-linux-gnu manylinux2014

step "npm package"
scripts/npm-pack.sh >&2
cp "target/npm/jwtcore-$version.tgz" "$dist/"

(cd "$dist" && sha256sum -- * > SHA256SUMS)
python3 scripts/check-versions.py "$dist" >/dev/null
echo "dist: $dist/"
(cd "$dist" && ls -l --time-style=+ -- * | awk '{printf "  %9d  %s\n", $5, $NF}')
for s in "${skipped[@]}"; do echo "dist: SKIPPED $s" >&2; done
