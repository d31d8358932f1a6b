#!/usr/bin/env bash
# Installs what `make test` needs on a fresh machine, idempotently: each tool is checked first and
# installed only when missing, so a second run does nothing.
#   scripts/ensure-tools.sh debian-rust   Debian's rustc with std sources + lld (no_std and wasm builds)
#   scripts/ensure-tools.sh chromium      Debian's Chromium (the browser test)
#   scripts/ensure-tools.sh redis         redis-server (store tests, loopback only)
#   scripts/ensure-tools.sh musl          musl's dynamic loader (release-check loads the musllinux wheel)
set -euo pipefail

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        echo "installing ${missing[*]} from Debian" >&2
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        # Parallel jobs may install at once: wait for dpkg's lock instead of failing on it.
        local wait=(-o DPkg::Lock::Timeout=600)
        $sudo apt-get "${wait[@]}" update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq "${missing[@]}" >/dev/null
    fi
}

for what in "$@"; do
    case "$what" in
        debian-rust) apt_install rustc-web cargo-web rust-web-src lld ;;
        redis) command -v redis-server >/dev/null || apt_install redis-server ;;
        chromium) [[ -x /usr/bin/chromium ]] || apt_install chromium ;;
        musl) [[ -e /lib/ld-musl-x86_64.so.1 ]] || apt_install musl ;;
        *) echo "unknown tool group: $what" >&2; exit 2 ;;
    esac
done
