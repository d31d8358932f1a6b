"""PyJWT's ``jwt.help``: ``python -m jwtcore.help`` prints what a bug report needs."""

from __future__ import annotations

import json
import platform
import sys

from . import __version__, _core

__all__ = ["info", "main"]


def info() -> dict[str, dict[str, str]]:
    """Platform, Python implementation, ``cryptography`` version (optional for jwtcore),
    jwtcore's version (under ``pyjwt``, where PyJWT reports its own, and ``jwtcore``) and the
    core's signature backend."""
    try:
        platform_info = {"system": platform.system(), "release": platform.release()}
    except OSError:
        platform_info = {"system": "Unknown", "release": "Unknown"}
    implementation = platform.python_implementation()
    if implementation == "CPython":
        implementation_version = platform.python_version()
    elif implementation == "PyPy":
        v = sys.pypy_version_info  # type: ignore[attr-defined]
        implementation_version = f"{v.major}.{v.minor}.{v.micro}"
        if v.releaselevel != "final":
            implementation_version += v.releaselevel
    else:
        implementation_version = "Unknown"
    try:
        import cryptography

        cryptography_version = cryptography.__version__
    except ModuleNotFoundError:
        cryptography_version = ""
    return {
        "platform": platform_info,
        "implementation": {"name": implementation, "version": implementation_version},
        "cryptography": {"version": cryptography_version},
        "pyjwt": {"version": __version__},
        "jwtcore": {"version": __version__, "backend": _core.backend()},
    }


def main() -> None:
    """Pretty-prints :func:`info` as JSON."""
    print(json.dumps(info(), sort_keys=True, indent=2))


if __name__ == "__main__":
    main()
