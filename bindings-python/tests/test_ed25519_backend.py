"""EdDSA in the wheel against an independent implementation (OpenSSL through `cryptography`), on
random keys, messages and mutated signatures.

The x86_64 wheels verify Ed25519 with curve25519-dalek's AVX-512 IFMA backend where the CPU has
it (`pyproject.toml`), a different arithmetic from the core's default build: the verdict must still
be `verify_strict`'s. OpenSSL checks the same cofactorless equation and `S < L`; it does not refuse
a small-order `R`, which random mutations never produce (the core's own tests cover it), so here
the expected verdict is OpenSSL's. Signing is deterministic (RFC 8032), so signatures must be
byte-identical to OpenSSL's."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from jwtcore import _core

L = 2**252 + 27742317777372353535851937790883648493


def keys(seed: bytes):
    sk = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    pem = sk.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    pub = sk.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    return sk, _core.CoreKey.from_pem(pem), _core.CoreKey.from_pem(pub)


def openssl_verdict(sk, sig: bytes, msg: bytes) -> bool:
    try:
        sk.public_key().verify(sig, msg)
    except InvalidSignature:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.binary(max_size=300), st.data())
def test_verdicts_and_signatures_match_openssl(seed, msg, data):
    sk, private, public = keys(seed)
    sig = _core.sign_raw("EdDSA", private, msg)
    assert sig == sk.sign(msg)
    assert _core.verify_raw("EdDSA", public, msg, sig) is True
    # One mutation of the signature or the message; each verdict must be OpenSSL's.
    kind = data.draw(st.sampled_from(["bit", "s_plus_l", "message"]))
    if kind == "bit":
        i = data.draw(st.integers(0, 511))
        bad = bytearray(sig)
        bad[i // 8] ^= 1 << (i % 8)
        sig, bad_msg = bytes(bad), msg
    elif kind == "s_plus_l":
        # The same signature with S + L: satisfies the equation mod L, refused as malleable.
        s = int.from_bytes(sig[32:], "little") + L
        sig, bad_msg = sig[:32] + s.to_bytes(32, "little"), msg
    else:
        bad_msg = msg + b"x"
    expected = openssl_verdict(sk, sig, bad_msg)
    assert _core.verify_raw("EdDSA", public, bad_msg, sig) is expected
    assert expected is False  # every mutation above breaks the signature
