"""PyJWT's ``jwt.api_jwk``: :class:`~jwtcore.PyJWK`, :class:`~jwtcore.PyJWKSet` and
``PyJWTSetWithTimestamp`` (the first two defined in :mod:`jwtcore`)."""

from __future__ import annotations

import time

from . import PyJWK, PyJWKSet

__all__ = ["PyJWK", "PyJWKSet", "PyJWTSetWithTimestamp"]


class PyJWTSetWithTimestamp:
    """A :class:`PyJWKSet` with the ``time.monotonic()`` instant it was stored (as PyJWT)."""

    def __init__(self, jwk_set: PyJWKSet) -> None:
        self.jwk_set = jwk_set
        self.timestamp = time.monotonic()

    def get_jwk_set(self) -> PyJWKSet:
        return self.jwk_set

    def get_timestamp(self) -> float:
        return self.timestamp
