"""JSON Web Tokens on the jwtcore Rust core, with PyJWT's API: ``import jwtcore as jwt``.

Parsing, validation, cryptography and error classification happen in the core; this module
converts Python values (dicts, datetimes, keys) and maps the core's error codes to PyJWT's
exception classes. Differences from PyJWT are listed in the package README.
"""

from __future__ import annotations

from . import _core  # noqa: F401 - jwtcore._core is part of the documented surface (CoreKey)
from ._common import ALGORITHMS, DEFAULT_MAX_TOKEN_LENGTH, HMAC_ALGORITHMS  # noqa: F401
from .api_jwk import PyJWK, PyJWKSet
from .api_jws import (
    PyJWS,
    _jws_global_obj,  # noqa: F401 - PyJWT's name for the default instance
    get_algorithm_by_name,
    get_unverified_header,
    register_algorithm,
    unregister_algorithm,
)
from .api_jwt import PyJWT, _jwt_global_obj, decode, decode_complete, encode  # noqa: F401
from .exceptions import (
    AlgorithmKeyMismatchError,
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    MissingRequiredClaimError,
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__all__ = [
    "encode",
    "decode",
    "DEFAULT_MAX_TOKEN_LENGTH",
    "decode_complete",
    "get_unverified_header",
    "register_algorithm",
    "unregister_algorithm",
    "get_algorithm_by_name",
    "PyJWS",
    "PyJWT",
    "PyJWK",
    "PyJWKSet",
    "PyJWKClient",
    "AsyncPyJWKClient",
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "ExpiredSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "ImmatureSignatureError",
    "InvalidKeyError",
    "InvalidAlgorithmError",
    "AlgorithmKeyMismatchError",
    "MissingRequiredClaimError",
    "InvalidSubjectError",
    "InvalidJTIError",
    "PyJWKError",
    "PyJWKSetError",
    "PyJWKClientError",
    "PyJWKClientConnectionError",
    "InsecureKeyLengthWarning",
    "RemovedInPyjwt3Warning",
]

__version__ = "0.1.0"

# Last: the clients and PyJWT's other submodules use the classes and functions above. Importing
# them here makes `jwt.algorithms.RSAAlgorithm` etc. work after `import jwtcore as jwt`, as in PyJWT.
from . import algorithms, jwk_set_cache, utils  # noqa: E402,F401
from .jwks_client import PyJWKClient  # noqa: E402
from .jwks_client_aio import AsyncPyJWKClient  # noqa: E402  (httpx is imported when one is made)
