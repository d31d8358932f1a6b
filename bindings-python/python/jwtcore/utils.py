"""PyJWT's ``jwt.utils``: base64url and integer helpers, with PyJWT's signatures and results.

These helpers are lenient where PyJWT's are (``base64url_decode`` adds missing padding); token
decoding does not use them (the core's base64url decoding is strict). ``is_pem_format`` and
``is_ssh_key`` keep PyJWT's narrow meaning; whether bytes are key material or a secret is
decided by the core everywhere a key is used.
"""

from __future__ import annotations

import base64
import re
from typing import Any, Optional, Union

__all__ = [
    "base64url_decode",
    "base64url_encode",
    "bytes_from_int",
    "bytes_to_number",
    "der_to_raw_signature",
    "force_bytes",
    "from_base64url_uint",
    "is_pem_format",
    "is_ssh_key",
    "number_to_bytes",
    "raw_to_der_signature",
    "to_base64url_uint",
]


def force_bytes(value: Union[bytes, str]) -> bytes:
    """``value`` as bytes (``str`` is UTF-8 encoded). :raises TypeError: for other types."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise TypeError("Expected a string or bytes value")


def base64url_decode(input: Union[bytes, str]) -> bytes:
    """Decodes base64url, with or without padding. :raises binascii.Error: invalid input."""
    data = force_bytes(input)
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def base64url_encode(input: bytes) -> bytes:
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(input).replace(b"=", b"")


def bytes_from_int(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """Big-endian bytes of a non-negative int (``bit_length`` fixes the size)."""
    if bit_length is None:
        bit_length = val.bit_length()
    return val.to_bytes((bit_length + 7) // 8, "big", signed=False)


def to_base64url_uint(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """A JWK integer member (RFC 7518 §2): unpadded base64url of the big-endian bytes.

    :raises ValueError: for a negative number.
    """
    if val < 0:
        raise ValueError("Must be a positive integer")
    return base64url_encode(bytes_from_int(val, bit_length=bit_length) or b"\x00")


def from_base64url_uint(val: Union[bytes, str]) -> int:
    """The int of a JWK integer member."""
    return int.from_bytes(base64url_decode(force_bytes(val)), byteorder="big")


def number_to_bytes(num: int, num_bytes: int) -> bytes:
    """``num`` as exactly ``num_bytes`` big-endian bytes (left-padded with zeros)."""
    return num.to_bytes(max(num_bytes, (num.bit_length() + 7) // 8), "big")


def bytes_to_number(string: bytes) -> int:
    """The big-endian unsigned int of ``string``."""
    return int.from_bytes(string, "big")


def der_to_raw_signature(der_sig: bytes, curve: Any) -> bytes:
    """An ECDSA signature from DER to JOSE's fixed-size ``R || S`` (needs ``cryptography``)."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    size = (curve.key_size + 7) // 8
    r, s = decode_dss_signature(der_sig)
    return number_to_bytes(r, size) + number_to_bytes(s, size)


def raw_to_der_signature(raw_sig: bytes, curve: Any) -> bytes:
    """An ECDSA signature from JOSE's ``R || S`` to DER (needs ``cryptography``).

    :raises ValueError: the signature is not twice the curve's size.
    """
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    size = (curve.key_size + 7) // 8
    if len(raw_sig) != 2 * size:
        raise ValueError("Invalid signature")
    return bytes(encode_dss_signature(bytes_to_number(raw_sig[:size]), bytes_to_number(raw_sig[size:])))


_PEM_LABELS = (
    b"CERTIFICATE|TRUSTED CERTIFICATE|PRIVATE KEY|PUBLIC KEY|ENCRYPTED PRIVATE KEY|OPENSSH PRIVATE KEY|"
    b"DSA PRIVATE KEY|RSA PRIVATE KEY|RSA PUBLIC KEY|EC PRIVATE KEY|DH PARAMETERS|NEW CERTIFICATE REQUEST|"
    b"CERTIFICATE REQUEST|SSH2 PUBLIC KEY|SSH2 ENCRYPTED PRIVATE KEY|X509 CRL"
)
_PEM_RE = re.compile(b"----[- ]BEGIN (" + _PEM_LABELS + b")[- ]----.*?----[- ]END \\1[- ]----", re.S)

_SSH_KEY_FORMATS = (
    b"ssh-ed25519",
    b"ssh-rsa",
    b"ssh-dss",
    b"ecdsa-sha2-nistp256",
    b"ecdsa-sha2-nistp384",
    b"ecdsa-sha2-nistp521",
)


def is_pem_format(key: bytes) -> bool:
    """Whether ``key`` contains a PEM block (a BEGIN and a matching END boundary)."""
    return _PEM_RE.search(key) is not None


def is_ssh_key(key: bytes) -> bool:
    """Whether ``key`` starts like an OpenSSH public key line."""
    return key.startswith(_SSH_KEY_FORMATS)
