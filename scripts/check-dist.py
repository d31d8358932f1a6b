#!/usr/bin/env python3
"""make release-check: what each artifact in target/dist must contain.

Every artifact carries both licence texts, byte-identical to the root's, and the metadata its
registry shows; the wheels' native module links only what its platform tag promises. Needs
pyelftools (in target/release-venv, with auditwheel). Usage: check-dist.py target/dist
"""

import email.parser
import io
import json
import re
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

from elftools.elf.elffile import ELFFile

root = Path(__file__).resolve().parents[1]
dist = Path(sys.argv[1])
version = tomllib.loads((root / "Cargo.toml").read_text())["workspace"]["package"]["version"]
licences = {name: (root / name).read_bytes() for name in ("LICENSE-MIT", "LICENSE-APACHE")}
errors = []


def check(cond, what):
    if not cond:
        errors.append(what)


def has_licences(artifact, read, prefix):
    for name, text in licences.items():
        try:
            got = read(prefix + name)
        except KeyError:
            got = None
        check(got == text, f"{artifact}: {prefix}{name} missing or not the root's text")


def tar_reader(path):
    t = tarfile.open(path)

    def read(member):
        f = t.extractfile(member)
        if f is None:
            raise KeyError(member)
        return f.read()

    return read


def python_metadata(artifact, text):
    m = email.parser.Parser().parsestr(text)
    check(m["Version"] == version, f"{artifact}: Version {m['Version']}")
    check(m["License-Expression"] == "MIT OR Apache-2.0", f"{artifact}: License-Expression {m['License-Expression']}")
    check(sorted(m.get_all("License-File") or []) == sorted(licences), f"{artifact}: License-File entries")
    check("Typing :: Typed" in (m.get_all("Classifier") or []), f"{artifact}: no Typing :: Typed classifier")
    urls = m.get_all("Project-URL") or []
    check(any(u.startswith("Repository, https://github.com/jwtcore/jwtcore") for u in urls), f"{artifact}: no Repository URL")
    check((m["Description-Content-Type"] or "").startswith("text/markdown"), f"{artifact}: README not markdown")
    check(len(m.get_payload() or "") > 1000, f"{artifact}: no README in the long description")
    check(m["Requires-Python"] == ">=3.9", f"{artifact}: Requires-Python {m['Requires-Python']}")


def native_module(artifact, z, tag):
    so = [n for n in z.namelist() if n.endswith(".so")]
    check(so == ["jwtcore/_core.abi3.so"], f"{artifact}: native modules {so}")
    if not so:
        return
    elf = ELFFile(io.BytesIO(z.read(so[0])))
    dynamic = elf.get_section_by_name(".dynamic")
    needed = {t.needed for t in dynamic.iter_tags() if t.entry.d_tag == "DT_NEEDED"}
    versions = set()
    verneed = elf.get_section_by_name(".gnu.version_r")
    if verneed is not None:
        for _, auxes in verneed.iter_versions():
            versions |= {a.name for a in auxes}
    arch = {"EM_X86_64": "x86_64", "EM_AARCH64": "aarch64"}.get(elf["e_machine"])
    check(tag.endswith(arch or "?"), f"{artifact}: {elf['e_machine']} module under tag {tag}")
    if tag.startswith("musllinux"):
        # musl's loader serves libc.so (what zig and rustc's musl target record) itself.
        check(needed <= {"libc.so", f"libc.musl-{arch}.so.1"}, f"{artifact}: links {needed}")
        check(not any(v.startswith("GLIBC") for v in versions), f"{artifact}: needs glibc symbols {versions}")
    else:
        glibc = [tuple(map(int, v[6:].split("."))) for v in versions if v.startswith("GLIBC_")]
        check(glibc and max(glibc) <= (2, 17), f"{artifact}: needs glibc {max(glibc, default=None)}")
        # The manylinux2014 policy's libraries that a Rust cdylib can pull in.
        allowed = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libgcc_s.so.1",
                   "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
        check(needed <= allowed, f"{artifact}: links {needed - allowed}")


found = {p.name: p for p in dist.iterdir()}
crate = found.get(f"jwtcore-{version}.crate")
sdist = found.get(f"jwtcore-{version}.tar.gz")
npm = found.get(f"jwtcore-{version}.tgz")
wheels = {m.group(1): p for n, p in found.items() if (m := re.match(rf"jwtcore-{re.escape(version)}-cp39-abi3-(.+)\.whl$", n))}
check(crate, "no crate")
check(sdist, "no sdist")
check(npm, "no npm tarball")
check(any(t.startswith("manylinux2014_x86_64") for t in wheels), "no manylinux2014 x86_64 wheel")
check("musllinux_1_2_x86_64" in wheels, "no musllinux_1_2 x86_64 wheel")

if crate:
    read = tar_reader(crate)
    prefix = f"jwtcore-{version}/"
    has_licences(crate.name, read, prefix)
    manifest = tomllib.loads(read(prefix + "Cargo.toml").decode())
    package = manifest["package"]
    for field in ("description", "repository", "homepage", "documentation", "readme", "keywords", "categories", "rust-version", "license"):
        check(package.get(field), f"{crate.name}: no {field}")
    check(len(package.get("keywords", [])) <= 5, f"{crate.name}: more than 5 keywords")
    check(package.get("metadata", {}).get("docs", {}).get("rs", {}).get("all-features") is True, f"{crate.name}: docs.rs all-features")
    check(len(read(prefix + "README.md")) > 1000, f"{crate.name}: no README")

if sdist:
    read = tar_reader(sdist)
    prefix = f"jwtcore-{version}/"
    has_licences(sdist.name, read, prefix)
    python_metadata(sdist.name, read(prefix + "PKG-INFO").decode())

for tag, wheel in wheels.items():
    z = zipfile.ZipFile(wheel)
    info = f"jwtcore-{version}.dist-info/"
    has_licences(wheel.name, z.read, info + "licenses/")
    python_metadata(wheel.name, z.read(info + "METADATA").decode())
    check("jwtcore/py.typed" in z.namelist(), f"{wheel.name}: no py.typed")
    native_module(wheel.name, z, tag.split(".")[0])

if npm:
    read = tar_reader(npm)
    has_licences(npm.name, read, "package/")
    pkg = json.loads(read("package/package.json"))
    check(pkg.get("version") == version, f"{npm.name}: version {pkg.get('version')}")
    for field in ("license", "repository", "homepage", "bugs", "files", "engines"):
        check(pkg.get(field), f"{npm.name}: no {field} in package.json")
    check(len(read("package/README.md")) > 1000, f"{npm.name}: no README")

if errors:
    print("artifact check failed:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"artifacts: {len(found) - 1} in {dist}, each with LICENSE-MIT and LICENSE-APACHE and complete metadata; "
      f"wheels: {', '.join(sorted(wheels))}")
