"""PyJWT's ``jwt.api_jws``: :class:`~jwtcore.PyJWS` and the functions of its default instance
(defined in :mod:`jwtcore`; named here where PyJWT has them)."""

from . import (
    PyJWS,
    _jws_global_obj,
    get_algorithm_by_name,
    get_unverified_header,
    register_algorithm,
    unregister_algorithm,
)

encode = _jws_global_obj.encode
decode = _jws_global_obj.decode
decode_complete = _jws_global_obj.decode_complete

__all__ = [
    "PyJWS",
    "decode",
    "decode_complete",
    "encode",
    "get_algorithm_by_name",
    "get_unverified_header",
    "register_algorithm",
    "unregister_algorithm",
]
