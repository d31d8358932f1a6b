"""Public-key material in every encoding users paste is never an HMAC secret (issue 15 F6), and is
taken as a key when passed for its own algorithm.

The binding does not sniff keys itself: text and bytes handed over as ``key`` go to the core's
``looks_like_asymmetric_key`` and, when it says so, to the core's parser for that encoding. The
table below is generated with ``cryptography`` (and shaped like ``openssl ... -text`` output).
Each row is tried three ways: the core's classifier, as an HMAC secret (``encode`` must refuse it,
and a token MAC'd with it must not verify even with ``HS256`` allowed), and as the key for its
own algorithm (a PEM in any framing, DER and JWK text verify; encodings the core cannot parse
raise ``InvalidKeyError``, never a secret's verdict).
"""

import base64
import datetime
import hashlib
import hmac
import json
import random

import jwt as pyjwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

import jwtcore as jwt
from jwtcore import _core

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
EC384_KEY = ec.generate_private_key(ec.SECP384R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()

Enc = serialization.Encoding
Pub = serialization.PublicFormat


def spki_pem(key) -> bytes:
    return key.public_key().public_bytes(Enc.PEM, Pub.SubjectPublicKeyInfo)


def spki_der(key) -> bytes:
    return key.public_key().public_bytes(Enc.DER, Pub.SubjectPublicKeyInfo)


def hex_block(data: bytes) -> str:
    """Bytes as ``openssl -text`` prints them: 15 per line, colon-separated, indented by 4."""
    pairs = [f"{b:02x}" for b in data]
    lines = [":".join(pairs[i : i + 15]) for i in range(0, len(pairs), 15)]
    return "\n".join("    " + line + (":" if i < len(lines) - 1 else "") for i, line in enumerate(lines))


def openssl_text(key) -> bytes:
    """What ``openssl rsa|ec -pubin -text`` prints: the key dumped as text, then the PEM."""
    public = key.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        n = public.public_numbers()
        modulus = n.n.to_bytes((n.n.bit_length() + 7) // 8 + 1, "big")
        text = (
            f"Public-Key: ({public.key_size} bit)\nModulus:\n{hex_block(modulus)}\n"
            f"Exponent: {n.e} ({hex(n.e)})\n"
        )
    else:
        point = public.public_bytes(Enc.X962, Pub.UncompressedPoint)
        text = f"Public-Key: (256 bit)\npub:\n{hex_block(point)}\nASN1 OID: prime256v1\nNIST CURVE: P-256\n"
    return text.encode() + spki_pem(key)


def certificate_der(key) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(Enc.DER)


def jwk_escaped_kty(key, alg) -> bytes:
    jwk = json.loads(pyjwt.algorithms.get_default_algorithms()[alg].to_jwk(key.public_key()))
    return json.dumps(jwk).replace('"kty"', '"k\\u0074y"').encode()


def ssh_line(key, sep: str) -> bytes:
    line = key.public_key().public_bytes(Enc.OpenSSH, Pub.OpenSSH).decode()
    kind, blob = line.split(" ", 1)
    return f"{kind}{sep}{blob} user@host".encode()


# (id, material, algorithm, signing key, whether the core parses this encoding as a key)
MATERIAL = [
    # Controls: the plain encodings, recognised before issue 15.
    ("pem-spki-rsa", spki_pem(RSA_KEY), "RS256", RSA_KEY, True),
    ("pem-spki-ec", spki_pem(EC_KEY), "ES256", EC_KEY, True),
    ("der-spki-ec", spki_der(EC_KEY), "ES256", EC_KEY, True),
    ("jwk-text-ec", pyjwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key()).encode(), "ES256", EC_KEY, True),
    ("ssh-ed25519-space", ssh_line(ED_KEY, " "), "EdDSA", ED_KEY, True),
    ("ssh-ecdsa-p256", ssh_line(EC_KEY, " "), "ES256", EC_KEY, True),
    ("ssh-rsa", ssh_line(RSA_KEY, " "), "RS256", RSA_KEY, True),
    ("p256-point", EC_KEY.public_key().public_bytes(Enc.X962, Pub.UncompressedPoint), "ES256", EC_KEY, False),
    # Issue 15 F6: each of these was accepted as an HMAC secret.
    ("pem-bom-rsa", b"\xef\xbb\xbf" + spki_pem(RSA_KEY), "RS256", RSA_KEY, True),
    ("pem-bom-ec", b"\xef\xbb\xbf" + spki_pem(EC_KEY), "ES256", EC_KEY, True),
    ("pem-comment-rsa", b"# signing key of idp.example\n" + spki_pem(RSA_KEY), "RS256", RSA_KEY, True),
    ("pem-comment-ec", b"# signing key of idp.example\n" + spki_pem(EC_KEY), "ES256", EC_KEY, True),
    ("openssl-text-rsa", openssl_text(RSA_KEY), "RS256", RSA_KEY, True),
    ("openssl-text-ec", openssl_text(EC_KEY), "ES256", EC_KEY, True),
    ("der-spki-newline-rsa", spki_der(RSA_KEY) + b"\n", "RS256", RSA_KEY, False),
    ("der-spki-newline-ec", spki_der(EC_KEY) + b"\n", "ES256", EC_KEY, False),
    ("der-pkcs1-rsa", RSA_KEY.public_key().public_bytes(Enc.DER, Pub.PKCS1), "RS256", RSA_KEY, True),
    ("der-x509-cert-rsa", certificate_der(RSA_KEY), "RS256", RSA_KEY, False),
    ("der-x509-cert-ec", certificate_der(EC_KEY), "ES256", EC_KEY, False),
    ("base64-spki-rsa", base64.b64encode(spki_der(RSA_KEY)), "RS256", RSA_KEY, False),
    ("base64-spki-ec", base64.b64encode(spki_der(EC_KEY)), "ES256", EC_KEY, False),
    ("p384-point", EC384_KEY.public_key().public_bytes(Enc.X962, Pub.UncompressedPoint), "ES384", EC384_KEY, False),
    ("jwk-escaped-kty-ec", jwk_escaped_kty(EC_KEY, "ES256"), "ES256", EC_KEY, True),
    ("jwk-escaped-kty-rsa", jwk_escaped_kty(RSA_KEY, "RS256"), "RS256", RSA_KEY, True),
    ("ssh-ed25519-tab", ssh_line(ED_KEY, "\t"), "EdDSA", ED_KEY, True),
    # Key files saved as UTF-16/UTF-32 (BOM or not), and JWK text nested past the JSON depth limit.
    ("jwk-text-utf16", "\ufeff \n".encode("utf-16-le") + pyjwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key()).encode("utf-16-le"),
     "ES256", EC_KEY, False),
    ("pem-utf32-be", spki_pem(RSA_KEY).decode().encode("utf-32-be"), "RS256", RSA_KEY, False),
    ("jwk-deep-rsa", b'{"kty":"RSA","nested":' + b"[" * 1100 + b"0" + b"]" * 1100 + b"}", "RS256", RSA_KEY, False),
    # A JWK Set (the provider's whole document) and arrays of JWKs.
    ("jwks-ec", b'{"keys":[' + pyjwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key()).encode() + b"]}", "ES256",
     EC_KEY, False),
    ("jwk-array-rsa", b"[[" + pyjwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key()).encode() + b"]]", "RS256",
     RSA_KEY, False),
]

def rows(only_parsed=False):
    return [pytest.param(*row, id=row[0]) for row in MATERIAL if row[4] or not only_parsed]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged_hs256(secret: bytes) -> str:
    """An HS256 token MAC'd with ``secret``: what an attacker who has the public key sends."""
    signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(b'{"sub":"admin"}')
    return f"{signing_input}.{b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"


def as_given(material: bytes):
    """The forms a user passes: bytes always, and str when the material is text."""
    forms = [material]
    try:
        forms.append(material.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return forms


@pytest.mark.parametrize("name,material,alg,signer,parses", rows())
def test_core_classifies_it_as_key_material(name, material, alg, signer, parses):
    assert _core.looks_like_asymmetric_key(material)


@pytest.mark.parametrize("name,material,alg,signer,parses", rows())
def test_never_an_hmac_secret(name, material, alg, signer, parses):
    forged = forged_hs256(material)
    for key in as_given(material):
        with pytest.raises(jwt.InvalidKeyError):
            jwt.encode({"sub": "admin"}, key, algorithm="HS256")
        with pytest.raises(jwt.InvalidKeyError):
            jwt.PyJWS().encode(b"payload", key, algorithm="HS256")
        # The attack: HS256 allowed next to the key's own algorithm.
        for decode in (jwt.decode, jwt.PyJWS().decode):
            with pytest.raises((jwt.InvalidKeyError, jwt.InvalidAlgorithmError)):
                decode(forged, key, algorithms=["HS256", alg])


@pytest.mark.parametrize("name,material,alg,signer,parses", rows())
def test_taken_as_a_key_for_its_algorithm(name, material, alg, signer, parses):
    token = jwt.encode({"sub": "u"}, signer, algorithm=alg)
    for key in as_given(material):
        if parses:
            assert jwt.decode(token, key, algorithms=[alg]) == {"sub": "u"}
            assert jwt.PyJWS().decode(token, key, algorithms=[alg]) == b'{"sub":"u"}'
        else:
            # Recognised, but not an encoding the core reads: a key error, not a secret's verdict.
            with pytest.raises(jwt.InvalidKeyError) as e:
                jwt.decode(token, key, algorithms=[alg])
            assert e.value.code in ("invalid_key", "key_unsupported")


@pytest.mark.parametrize("name,material,alg,signer,parses", rows(only_parsed=True))
def test_pyjwt_agrees_where_it_reads_the_encoding(name, material, alg, signer, parses):
    # Where PyJWT (cryptography) also loads the material as a key, both verify the same token.
    token = pyjwt.encode({"sub": "u"}, signer, algorithm=alg)
    try:
        theirs = pyjwt.decode(token, material, algorithms=[alg])
    except (pyjwt.PyJWTError, ValueError, TypeError):
        pytest.skip(f"PyJWT does not read {name}")
    assert jwt.decode(token, material, algorithms=[alg]) == theirs


def test_random_secrets_are_never_mistaken_for_keys():
    # RFC 7518 section 3.2: any 32+ byte secret is an HS256 key. Only unambiguous encodings may be
    # refused; about 0.5 % of random 33-byte strings are valid compressed P-256 points (issue 15
    # F13), and a random 65-byte string is an uncompressed one with negligible probability.
    rng = random.Random(15_13)
    refused = []
    for size in (32, 33, 48, 64, 65, 97):
        for _ in range(1500):
            secret = bytes(rng.getrandbits(8) for _ in range(size))
            try:
                token = jwt.encode({"n": size}, secret, algorithm="HS256")
                assert jwt.decode(token, secret, algorithms=["HS256"]) == {"n": size}
            except jwt.InvalidKeyError:
                refused.append(secret.hex())
    assert refused == []
