"""PyJWT's ``jwt.api_jwt``: :class:`~jwtcore.PyJWT` and the module-level ``encode``/``decode``
functions of its default instance (defined in :mod:`jwtcore`; this module names them where PyJWT
does, so ``from jwt.api_jwt import PyJWT`` works after ``import jwtcore as jwt``)."""

from . import PyJWT, _jwt_global_obj, decode, decode_complete, encode

__all__ = ["PyJWT", "decode", "decode_complete", "encode"]
