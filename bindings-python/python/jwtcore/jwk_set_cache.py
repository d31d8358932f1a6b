"""PyJWT's ``jwt.jwk_set_cache``: :class:`JWKSetCache`, the set cache of
:class:`~jwtcore.PyJWKClient` (defined in :mod:`jwtcore.jwks_client`)."""

from .jwks_client import JWKSetCache

__all__ = ["JWKSetCache"]
