#!/usr/bin/env bash
# make npm: builds the package (scripts/build-wasm.sh) and packs it into target/npm/jwtcore-<v>.tgz.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-wasm.sh
# The licence texts ship in the tarball (package.json `files`); the root copies are the only ones.
cp LICENSE-MIT LICENSE-APACHE target/npm/pkg/
rm -f target/npm/jwtcore-*.tgz
(cd target/npm/pkg && npm pack --pack-destination .. --silent >/dev/null)
tgz=$(ls target/npm/jwtcore-*.tgz)
echo "npm: $tgz ($(wc -c < "$tgz") bytes)"
