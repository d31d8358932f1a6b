"""PyJWT's ``jwt.algorithms``: one object per algorithm, for key conversion.

``get_default_algorithms()`` maps each ``alg`` jwtcore supports to an :class:`Algorithm` whose
``prepare_key``, ``from_jwk``, ``to_jwk`` and ``check_key_length`` run on the core: keys become
:class:`~jwtcore._core.CoreKey` objects (PyJWT: ``cryptography`` objects), which ``decode``
accepts as ``key``, and whether bytes are a key or an HMAC secret is the core's call.

Differences from PyJWT:

- ``sign`` and ``verify`` run the core's raw signature functions (the same code that signs and
  verifies tokens): keys are checked as on the token path, so an HMAC secret shorter than the
  hash is refused (``InvalidKeyError``; PyJWT only warns), a key of another family or curve is
  ``InvalidKeyError``, and ``verify`` is ``False`` for any signature that does not verify.
- ``none`` is listed (``NoneAlgorithm``), as in PyJWT: it makes Unsecured JWSs, and its
  ``verify`` is always ``False``; no verifying call accepts such a token.
- No ``ES521`` or Ed448: the core does not implement them. ``ES521`` is PyJWT's
  second, unregistered name for ES512 (RFC 7518 registers only ``ES512`` for P-521), so a token
  carrying it comes from no standard signer. ``ES512`` (P-521) and ``ES256K`` (secp256k1, RFC 8812) are there, as in PyJWT. ``has_crypto`` is ``True`` (the cryptography is built in, ``cryptography`` is optional).
"""

from __future__ import annotations

import base64
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, NoReturn, Union

from . import _core
from ._common import _ALGORITHM_TABLE, _FAMILY, _core_call
from ._keys import _asymmetric_key, _key_bytes, _material_key, _weak_key_error
from .exceptions import InvalidKeyError, PyJWTError
from .types import JWKDict

__all__ = [
    "Algorithm",
    "ECAlgorithm",
    "HMACAlgorithm",
    "NoneAlgorithm",
    "OKPAlgorithm",
    "RSAAlgorithm",
    "RSAPSSAlgorithm",
    "get_default_algorithms",
    "has_crypto",
    "requires_cryptography",
]

has_crypto = True
"""Always ``True``: jwtcore's asymmetric algorithms are in its Rust core, not in ``cryptography``."""

requires_cryptography: set[str] = set()
"""Algorithms that need the ``cryptography`` package: none with jwtcore (PyJWT: all but HS*)."""

_HashlibHash = Any
_RSA_FAMILIES = ("rsa", "rsa-pss")  # one RSA key may serve both (the core's Family::Rsa)


def _raw_error(e: PyJWTError, alg: str) -> PyJWTError:
    """A key that cannot be used for ``alg`` is the caller's key problem: InvalidKeyError."""
    if e.code in ("alg_key_mismatch", "alg_not_allowed", "not_private", "key_use_forbidden"):
        err = InvalidKeyError(
            {
                "not_private": f"A private key is required to sign with {alg}",
                "key_use_forbidden": f"The key's key_ops do not allow this use ({alg})",
            }.get(e.code, f"The key is not a {alg} key")
        )
        err.code = e.code
        return err
    return e


def _jwk_text(jwk: str | bytes | Mapping[str, Any]) -> str:
    if isinstance(jwk, Mapping):
        return json.dumps(dict(jwk))
    if isinstance(jwk, bytes):
        return jwk.decode("utf-8")
    if isinstance(jwk, str):
        return jwk
    raise InvalidKeyError(f"A JWK must be a dict or JSON text, not {type(jwk).__name__}")


class Algorithm(ABC):
    """An ``alg`` value: converts keys for it (the core signs and verifies tokens)."""

    hash_alg: _HashlibHash | None = None

    def compute_hash_digest(self, bytestr: bytes) -> bytes:
        """The digest of ``bytestr`` with this algorithm's hash (as PyJWT, e.g. for ``at_hash``).

        :raises NotImplementedError: for algorithms without a hash of their own (EdDSA).
        """
        if self.hash_alg is None:
            raise NotImplementedError(f"{type(self).__name__} has no hash function")
        return bytes(self.hash_alg(bytestr).digest())

    @abstractmethod
    def prepare_key(self, key: Any) -> Any:
        """The key in the form the core uses for this algorithm.

        :raises InvalidKeyError: the key is of another family, malformed, or (for HMAC)
            asymmetric key material or empty.
        """

    def _alg(self) -> str:
        """The ``alg`` this object signs (from its class and hash, as PyJWT's table maps them)."""
        raise NotImplementedError(f"{type(self).__name__} has no algorithm name")

    def _core_key(self, key: Any, alg: str) -> _core.CoreKey:
        """``key`` (anything ``prepare_key`` takes, or its result) as a core key for ``alg``."""
        raise NotImplementedError(f"{type(self).__name__} has no core key")

    def sign(self, msg: bytes, key: Any) -> bytes:
        """The JWS signature of ``msg`` (the signing input ``header.payload``) with ``key``.

        :raises InvalidKeyError: the key is unusable for this algorithm (another family or
            curve, a public key, an HMAC secret shorter than the hash or public-key material).
        """
        alg = self._alg()
        core_key = self._core_key(key, alg)
        try:
            return _core_call(_core.sign_raw, alg, core_key, bytes(msg))
        except PyJWTError as e:
            raise _raw_error(e, alg) from None

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether ``sig`` is this algorithm's signature of ``msg`` under ``key``.

        :raises InvalidKeyError: the key is unusable for this algorithm (as :meth:`sign`).
        """
        alg = self._alg()
        core_key = self._core_key(key, alg)
        try:
            return _core_call(_core.verify_raw, alg, core_key, bytes(msg), bytes(sig))
        except PyJWTError as e:
            raise _raw_error(e, alg) from None

    @staticmethod
    @abstractmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> JWKDict | str:
        """The key as a JWK (JSON text, or a dict with ``as_dict=True``)."""

    @staticmethod
    @abstractmethod
    def from_jwk(jwk: str | JWKDict) -> Any:
        """The key of a JWK (JSON text or dict)."""

    def check_key_length(self, key: Any) -> str | None:
        """PyJWT's warning text when ``key`` is below the recommended size, else ``None``."""
        return None


class NoneAlgorithm(Algorithm):
    """PyJWT's ``alg: none``: the empty signature of an Unsecured JWS, which never verifies.

    Listed by :func:`get_default_algorithms` as in PyJWT; ``encode(..., algorithm="none")``
    makes such tokens (through the core's ``jwtcore::unsecured``) and every verifying call
    refuses them."""

    def prepare_key(self, key: str | None) -> None:
        """:raises InvalidKeyError: for anything but ``None`` or ``""`` (as PyJWT)."""
        if key == "":
            key = None
        if key is not None:
            raise InvalidKeyError('When alg = "none", key value must be None.')
        return key

    def sign(self, msg: bytes, key: None) -> bytes:  # type: ignore[override]
        """The empty signature of an unsecured JWS (as PyJWT)."""
        return b""

    def verify(self, msg: bytes, key: None, sig: bytes) -> bool:  # type: ignore[override]
        """Always ``False``: nothing is verified with ``none``."""
        return False

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> NoReturn:
        raise NotImplementedError()

    @staticmethod
    def from_jwk(jwk: str | JWKDict) -> NoReturn:
        raise NotImplementedError()


def _json_text(data: bytes) -> bool:
    """Whether ``data`` reads as text starting with ``{`` or ``[`` (UTF-8/16/32, BOM or not): only
    chooses the message for material the core has already refused."""
    try:
        text = data.decode(json.detect_encoding(data), errors="surrogatepass")
    except (UnicodeError, LookupError):
        return False
    return text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


class HMACAlgorithm(Algorithm):
    """HS256/HS384/HS512. Keys are ``bytes``; asymmetric key material is refused."""

    SHA256: ClassVar[_HashlibHash] = hashlib.sha256
    SHA384: ClassVar[_HashlibHash] = hashlib.sha384
    SHA512: ClassVar[_HashlibHash] = hashlib.sha512

    def __init__(self, hash_alg: _HashlibHash) -> None:
        self.hash_alg = hash_alg

    def _alg(self) -> str:
        return f"HS{self.hash_alg().digest_size * 8}"

    def _core_key(self, key: Any, alg: str) -> _core.CoreKey:
        secret = self.prepare_key(key)
        try:
            return _core_call(_core.CoreKey.from_secret, alg, secret, False)
        except InvalidKeyError as e:
            raise _weak_key_error(e, secret, [alg]) from None

    def prepare_key(self, key: str | bytes) -> bytes:
        """``key`` as bytes.

        :raises InvalidKeyError: it is empty, or it is asymmetric key material in any encoding
            the core recognises (the algorithm-confusion attack: never an HMAC secret).
        """
        data = _key_bytes(key)
        if data is None:
            raise TypeError("Expected a string or bytes value")
        if not data:
            raise InvalidKeyError("HMAC key must not be empty.")
        if _core.looks_like_asymmetric_key(data):
            if _json_text(data):
                # The core's verdict; PyJWT's wording for the JSON (JWK) case.
                raise InvalidKeyError(
                    "The specified key looks like a JWK and should not be used directly as an HMAC secret. "
                    "Load it via PyJWK / HMACAlgorithm.from_jwk first."
                )
            raise InvalidKeyError(
                "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret."
            )
        return data

    @staticmethod
    def to_jwk(key_obj: str | bytes, as_dict: bool = False) -> JWKDict | str:
        data = HMACAlgorithm(hashlib.sha256).prepare_key(key_obj)
        jwk = {"k": base64.urlsafe_b64encode(data).rstrip(b"=").decode(), "kty": "oct"}
        return jwk if as_dict else json.dumps(jwk)

    @staticmethod
    def from_jwk(jwk: str | JWKDict) -> bytes:
        """The secret of an ``oct`` JWK.

        :raises InvalidKeyError: not JSON, not ``kty: oct``, or no base64url ``k``.
        """
        try:
            obj = json.loads(jwk) if isinstance(jwk, (str, bytes)) else dict(jwk)
        except (TypeError, ValueError) as e:
            raise InvalidKeyError("Key is not valid JSON") from e
        if not isinstance(obj, dict) or obj.get("kty") != "oct":
            raise InvalidKeyError("Not an HMAC key")
        k = obj.get("k")
        if not isinstance(k, str):
            raise InvalidKeyError("HMAC JWK has no k")
        try:
            return base64.urlsafe_b64decode(k + "=" * (-len(k) % 4))
        except ValueError as e:
            raise InvalidKeyError("HMAC JWK k is not base64url") from e

    def check_key_length(self, key: bytes) -> str | None:
        min_length = self.hash_alg().digest_size
        if len(key) < min_length:
            return (
                f"The HMAC key is {len(key)} bytes long, which is below the minimum recommended length of "
                f"{min_length} bytes for {self.hash_alg().name.upper()}. See RFC 7518 Section 3.2."
            )
        return None


def _jwk_bytes(obj: Mapping[str, Any], name: str) -> bytes:
    value = obj[name]
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _jwk_int(obj: Mapping[str, Any], name: str) -> int:
    return int.from_bytes(_jwk_bytes(obj, name), "big")


def _crypto_key(obj: Mapping[str, Any]) -> Any:
    """The ``cryptography`` object for a JWK the core has already accepted (so its members are
    present and well formed), or ``None`` without ``cryptography``. Type conversion only."""
    try:
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    except ImportError:  # pragma: no cover - cryptography is optional
        return None
    kty = obj["kty"]
    if kty == "EC":
        curves = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1, "secp256k1": ec.SECP256K1}
        curve = curves[obj["crv"]]()
        if "d" in obj:
            return ec.derive_private_key(_jwk_int(obj, "d"), curve)
        return ec.EllipticCurvePublicNumbers(_jwk_int(obj, "x"), _jwk_int(obj, "y"), curve).public_key()
    if kty == "OKP":
        if "d" in obj:
            return ed25519.Ed25519PrivateKey.from_private_bytes(_jwk_bytes(obj, "d"))
        return ed25519.Ed25519PublicKey.from_public_bytes(_jwk_bytes(obj, "x"))
    if kty == "RSA":
        n, e = _jwk_int(obj, "n"), _jwk_int(obj, "e")
        public = rsa.RSAPublicNumbers(e, n)
        if "d" not in obj:
            return public.public_key()
        # The core accepted it, so the CRT members are all there (it refuses private JWKs without).
        p, q, d, dp, dq, qi = (_jwk_int(obj, m) for m in ("p", "q", "d", "dp", "dq", "qi"))
        return rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, public).private_key()
    return None


class _AsymmetricAlgorithm(Algorithm):
    """Keys parsed by the core; ``_families`` are the core's family names (``_core.algorithms()``)
    of the ``CoreKey.algorithm`` values this class accepts."""

    _families: ClassVar[tuple[str, ...]] = ()
    _kty: ClassVar[str] = ""
    _not_this_family: ClassVar[str] = ""

    def prepare_key(self, key: Any) -> _core.CoreKey:
        """A :class:`~jwtcore._core.CoreKey` for ``key``: a ``CoreKey``, a ``cryptography`` key
        object, or PEM/DER/JWK text in ``str`` or ``bytes``.

        :raises InvalidKeyError: the key is of another family or not recognised as a key.
        """
        parsed = _asymmetric_key(key)
        if parsed is None:
            data = _key_bytes(key)
            parsed = _material_key(data) if data is not None else None
        if parsed is None:
            raise InvalidKeyError(f"Expecting a PEM-formatted, DER or JWK {self._kty} key.")
        return self._check(parsed)

    def _core_key(self, key: Any, alg: str) -> _core.CoreKey:
        parsed = self.prepare_key(key)
        if _FAMILY.get(alg) in _RSA_FAMILIES:
            # An RSA key without a declared `alg` signs whichever RSA algorithm it is asked for
            # (the core signs only with a key bound to one algorithm).
            try:
                return parsed.bind(alg)
            except _core.CoreError:
                pass
        return parsed

    @classmethod
    def _check(cls, key: _core.CoreKey) -> _core.CoreKey:
        if _FAMILY.get(key.algorithm) not in cls._families:
            raise InvalidKeyError(cls._not_this_family)
        return key

    @classmethod
    def to_jwk(cls, key_obj: Any, as_dict: bool = False) -> JWKDict | str:
        """The key as a JWK; a private key gives its private members too (as PyJWT).

        :raises InvalidKeyError: another key family, or a private RSA key (the core does not
            export RSA private keys; pass the public key).
        """
        key = cls._check(cls().prepare_key(key_obj))
        text = _core_call(key.to_jwk, key.is_private)
        return json.loads(text) if as_dict else text

    @classmethod
    def from_jwk(cls, jwk: str | JWKDict) -> Any:
        """The key of a JWK of this family (public or private), validated by the core.

        As PyJWT, a ``cryptography`` key object when ``cryptography`` is installed (built from
        the JWK's members once the core has accepted them), unless the JWK restricts its key
        (``alg``, ``key_ops`` without the key's own use, a ``use`` other than ``sig``) or ``cryptography`` is missing: then
        the core's :class:`~jwtcore._core.CoreKey`, which enforces them. ``encode``/``decode``
        and :meth:`sign`/:meth:`verify` take either.

        :raises InvalidKeyError: malformed, or another key type.
        """
        text = _jwk_text(jwk)
        try:
            obj = json.loads(text)
        except ValueError as e:
            raise InvalidKeyError("Key is not valid JSON") from e
        if not isinstance(obj, dict) or obj.get("kty") != cls._kty:
            raise InvalidKeyError(cls._not_this_family)
        key = cls._check(_core_call(_core.CoreKey.from_jwk, text, None))
        # A cryptography object carries no `alg` or `key_ops`: a JWK that restricts its key keeps
        # the core key, which enforces them (an RS256 JWK never verifies PS256, a private key
        # without "sign" never signs). `key_ops` naming the key's own use (PyJWT's to_jwk writes
        # ["verify"] / ["sign"]) loses nothing.
        own_op = "sign" if "d" in obj else "verify"
        if "alg" in obj or obj.get("use", "sig") != "sig" or own_op not in obj.get("key_ops", [own_op]):
            return key
        crypto = _crypto_key(obj)
        return key if crypto is None else crypto


class RSAAlgorithm(_AsymmetricAlgorithm):
    """RS256/RS384/RS512 (RSASSA-PKCS1-v1_5); moduli under 2048 bits are refused by the core."""

    SHA256: ClassVar[_HashlibHash] = hashlib.sha256
    SHA384: ClassVar[_HashlibHash] = hashlib.sha384
    SHA512: ClassVar[_HashlibHash] = hashlib.sha512
    _families = _RSA_FAMILIES
    _kty = "RSA"
    _not_this_family = "Not an RSA key"

    def __init__(self, hash_alg: _HashlibHash = hashlib.sha256) -> None:
        self.hash_alg = hash_alg

    def _alg(self) -> str:
        return f"RS{self.hash_alg().digest_size * 8}"


class RSAPSSAlgorithm(RSAAlgorithm):
    """PS256/PS384/PS512 (RSASSA-PSS)."""

    def _alg(self) -> str:
        return f"PS{self.hash_alg().digest_size * 8}"


class ECAlgorithm(_AsymmetricAlgorithm):
    """ES256 (P-256), ES384 (P-384), ES512 (P-521) and ES256K (secp256k1).

    As in PyJWT, ``ECAlgorithm(ECAlgorithm.SHA256, SECP256K1)`` is ES256K: the curve, not only the
    hash, names the algorithm.
    """

    SHA256: ClassVar[_HashlibHash] = hashlib.sha256
    SHA384: ClassVar[_HashlibHash] = hashlib.sha384
    SHA512: ClassVar[_HashlibHash] = hashlib.sha512
    _families = ("ec",)
    _kty = "EC"
    _not_this_family = "Not an Elliptic curve key"

    def __init__(self, hash_alg: _HashlibHash = hashlib.sha256, expected_curve: Any = None) -> None:
        self.hash_alg = hash_alg
        self.expected_curve = expected_curve

    def _alg(self) -> str:
        # `expected_curve` is a cryptography curve (class or instance, PyJWT's form) or its name.
        if getattr(self.expected_curve, "name", self.expected_curve) == "secp256k1":
            return "ES256K"
        return f"ES{self.hash_alg().digest_size * 8}"


class OKPAlgorithm(_AsymmetricAlgorithm):
    """EdDSA with Ed25519 (Ed448 is not supported)."""

    _families = ("okp",)
    _kty = "OKP"
    _not_this_family = "Not an Octet Key Pair"

    def __init__(self) -> None:
        self.hash_alg = None

    def _alg(self) -> str:
        return "EdDSA"


def get_default_algorithms() -> dict[str, Algorithm]:
    """The algorithms jwtcore implements, by ``alg`` value, and ``none`` first, as PyJWT.

    Security: passing all of them as ``algorithms=`` to ``decode`` accepts whatever the token
    says (except ``none``, which is never accepted); list exactly the algorithms your issuer uses.
    """
    return {"none": NoneAlgorithm(), **{r["name"]: _for_row(r) for r in _ALGORITHM_TABLE}}


# The class serving each family of the core's table (``_core.algorithms()``).
_CLASS_BY_FAMILY: dict[str, type[Algorithm]] = {
    "hmac": HMACAlgorithm,
    "ec": ECAlgorithm,
    "okp": OKPAlgorithm,
    "rsa": RSAAlgorithm,
    "rsa-pss": RSAPSSAlgorithm,
}
_HASHLIB = {"SHA-256": hashlib.sha256, "SHA-384": hashlib.sha384, "SHA-512": hashlib.sha512}


# JWK `crv` → the SEC 2 name cryptography gives the curve (its curve classes' `name`).
_SEC_NAME = {"P-256": "secp256r1", "P-384": "secp384r1", "P-521": "secp521r1", "secp256k1": "secp256k1"}


def _expected_curve(crv: str) -> Any:
    """PyJWT's ``expected_curve`` for a table row: the cryptography curve class when cryptography
    is installed, else its SEC 2 name (``ECAlgorithm`` reads either)."""
    name = _SEC_NAME[crv]
    try:
        from cryptography.hazmat.primitives.asymmetric import ec
    except ImportError:  # pragma: no cover - cryptography is optional
        return name
    return getattr(ec, name.upper())


def _for_row(row: dict[str, Any]) -> Algorithm:
    cls = _CLASS_BY_FAMILY[row["family"]]
    if cls is ECAlgorithm:
        return ECAlgorithm(_HASHLIB[row["hash"]], _expected_curve(row["crv"]))
    return cls() if row["hash"] is None else cls(_HASHLIB[row["hash"]])  # type: ignore[call-arg]


# PyJWT's key type aliases: here the core's keys (``cryptography`` objects are accepted as input).
AllowedRSAKeys = _core.CoreKey
AllowedECKeys = _core.CoreKey
AllowedOKPKeys = _core.CoreKey
AllowedKeys = Union[AllowedRSAKeys, AllowedECKeys, AllowedOKPKeys]
AllowedPrivateKeys = _core.CoreKey
AllowedPublicKeys = _core.CoreKey
