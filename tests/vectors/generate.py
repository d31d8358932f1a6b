#!/usr/bin/env python3
"""Regenerates the conformance vectors in this directory.

The vectors are data: the Rust, Python and JavaScript suites all read the JSON
files, never this script. It exists so that a reviewer can see how every token
was built (which bytes were signed, with which key) and rebuild them with an
independent implementation (`cryptography`, not jwtcore). ES256 signatures are
randomised, so regenerating changes those tokens but no verdict.

    python3 -m venv /tmp/gen && /tmp/gen/bin/pip install cryptography
    /tmp/gen/bin/python tests/vectors/generate.py

Each vector: id, source (RFC section or security-checklist row), description,
kind (jwt | jws | jwk), token, key (JWK) or jwks, options, now (Unix seconds),
expect {valid: true, claims?, header?, payload?} or {error: code, claim?}.
"""

import base64
import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives import hashes, serialization

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1_700_000_000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def raw(obj) -> bytes:
    if isinstance(obj, bytes):
        return obj
    if isinstance(obj, str):
        return obj.encode()
    return json.dumps(obj, separators=(",", ":")).encode()


# ---- fixed keys (derived from labels so the file is reproducible) ----------

def label(name: str, n: int) -> bytes:
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{name}/{i}".encode()).digest()
        i += 1
    return out[:n]


HS = {"HS256": label("hs256", 32), "HS384": label("hs384", 48), "HS512": label("hs512", 64)}
EC_PRIV = ec.derive_private_key(int.from_bytes(label("es256", 32), "big") % (2**255), ec.SECP256R1())
EC_OTHER = ec.derive_private_key(int.from_bytes(label("es256-other", 32), "big") % (2**255), ec.SECP256R1())
ED_PRIV = ed25519.Ed25519PrivateKey.from_private_bytes(label("ed25519", 32))
ED_OTHER = ed25519.Ed25519PrivateKey.from_private_bytes(label("ed25519-other", 32))


def ec_jwk(k, private=False, **extra):
    nums = k.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-256", "x": b64(nums.x.to_bytes(32, "big")), "y": b64(nums.y.to_bytes(32, "big"))}
    if private:
        jwk["d"] = b64(k.private_numbers().private_value.to_bytes(32, "big"))
    jwk.update(extra)
    return jwk


def ed_jwk(k, private=False, **extra):
    pub = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64(pub)}
    if private:
        jwk["d"] = b64(k.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                       serialization.NoEncryption()))
    jwk.update(extra)
    return jwk


def oct_jwk(secret: bytes, alg=None, **extra):
    jwk = {"kty": "oct", "k": b64(secret)}
    if alg:
        jwk["alg"] = alg
    jwk.update(extra)
    return jwk


RSA_PRIV = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA_OTHER = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC384_PRIV = ec.derive_private_key(int.from_bytes(label("es384", 48), "big") % (2**383), ec.SECP384R1())


def rsa_jwk(k, **extra):
    nums = k.public_key().public_numbers()
    n = nums.n.to_bytes((nums.n.bit_length() + 7) // 8, "big")
    jwk = {"kty": "RSA", "n": b64(n), "e": b64(nums.e.to_bytes(3, "big"))}
    jwk.update(extra)
    return jwk


def ec384_jwk(k, **extra):
    nums = k.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-384", "x": b64(nums.x.to_bytes(48, "big")), "y": b64(nums.y.to_bytes(48, "big"))}
    jwk.update(extra)
    return jwk


KEYS = {
    "HS256": oct_jwk(HS["HS256"], "HS256"),
    "HS384": oct_jwk(HS["HS384"], "HS384"),
    "HS512": oct_jwk(HS["HS512"], "HS512"),
    "ES256": ec_jwk(EC_PRIV),
    "EdDSA": ed_jwk(ED_PRIV),
    "ES384": ec384_jwk(EC384_PRIV),
}
for _alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]:
    KEYS[_alg] = rsa_jwk(RSA_PRIV, alg=_alg)
HSK = KEYS["HS256"]


def sign(alg: str, signing_input: bytes, key=None) -> bytes:
    hashes_by = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512()}
    if alg.startswith("RS"):
        return (key or RSA_PRIV).sign(signing_input, padding.PKCS1v15(), hashes_by[alg[2:]])
    if alg.startswith("PS"):
        h = hashes_by[alg[2:]]
        return (key or RSA_PRIV).sign(signing_input, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
    if alg == "ES384":
        der = (key or EC384_PRIV).sign(signing_input, ec.ECDSA(hashes.SHA384()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(48, "big") + s.to_bytes(48, "big")
    if alg.startswith("HS"):
        secret = key if key is not None else HS[alg]
        digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
        return hmac.new(secret, signing_input, digest).digest()
    if alg == "ES256":
        der = (key or EC_PRIV).sign(signing_input, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    if alg == "EdDSA":
        return (key or ED_PRIV).sign(signing_input)
    raise ValueError(alg)


def token(header, payload, alg=None, key=None, sig=None, h64=None, p64=None) -> str:
    """Builds a compact JWS. `header`/`payload` may be dicts, str or bytes (signed verbatim)."""
    if alg is None:
        alg = header["alg"]
    h = h64 if h64 is not None else b64(raw(header))
    p = p64 if p64 is not None else b64(raw(payload))
    signing_input = f"{h}.{p}".encode()
    s = sig if sig is not None else b64(sign(alg, signing_input, key))
    return f"{h}.{p}.{s}"


def claims(**over):
    c = {
        "sub": "user-1234",
        "iss": "https://issuer.example",
        "aud": "api.example",
        "exp": NOW + 3600,
        "nbf": NOW - 60,
        "iat": NOW - 60,
        "jti": "3f9c1d2e-8a7b-4c6d-9e0f-112233445566",
        "name": "Ada Lovelace",
        "roles": ["admin", "dev"],
    }
    for k, v in over.items():
        if v is DROP:
            c.pop(k, None)
        else:
            c[k] = v
    return c


DROP = object()
STD_OPTS = {"issuer": "https://issuer.example", "audience": "api.example"}


# RFC 7520 §3.4 / §4.1 / §4.2 (verbatim from the RFC's examples).
COOKBOOK_PAYLOAD = ("It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and if you "
                    "don't keep your feet, there\u2019s no knowing where you might be swept off to.")
COOKBOOK_PAYLOAD_B64 = ("SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUg"
                        "cm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0"
                        "IGJlIHN3ZXB0IG9mZiB0by4")
COOKBOOK_RSA = {
    "kty": "RSA", "kid": "bilbo.baggins@hobbiton.example", "use": "sig", "e": "AQAB",
    "n": "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwG"
         "U_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uh"
         "GqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
}
COOKBOOK_HEADER_RS256 = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9"
COOKBOOK_SIG_RS256 = ("MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84w"
                      "nB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHX"
                      "Fxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf"
                      "_fcIe8u9ipH84ogoree7vjbU5y18kDquDg")
COOKBOOK_HEADER_PS384 = "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9"
COOKBOOK_SIG_PS384 = ("cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo"
                      "6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT"
                      "3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6"
                      "GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw")


def v(id, source, description, expect, token=None, key=None, options=None, now=NOW, kind=None, jwks=None):
    out = {"id": id, "source": source, "description": description}
    if kind:
        out["kind"] = kind
    if token is not None:
        out["token"] = token
    if key is not None:
        out["key"] = key
    if jwks is not None:
        out["jwks"] = jwks
    if options is not None:
        out["options"] = options
    if now is not None and kind != "jwk":
        out["now"] = now
    out["expect"] = expect
    return out


def ok(**extra):
    return {"valid": True, **extra}


def err(code, claim=None):
    e = {"error": code}
    if claim:
        e["claim"] = claim
    return e


# ---- RFC examples -----------------------------------------------------------

RFC_PAYLOAD = {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}
rfc = [
    v("rfc7515-a1-hs256", "RFC 7515 A.1", "HS256 example token with its symmetric key",
      ok(claims=RFC_PAYLOAD, header={"typ": "JWT", "alg": "HS256"}),
      token="eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
            "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      key={"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
      options={"algorithms": ["HS256"]}, now=1300819370),
    v("rfc7515-a1-hs256-expired", "RFC 7515 A.1", "the same token one second after exp",
      err("expired", "exp"),
      token="eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
            "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      key={"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
      options={"algorithms": ["HS256"]}, now=1300819381),
    v("rfc7515-a3-es256", "RFC 7515 A.3", "ES256 example token with its public key",
      ok(claims=RFC_PAYLOAD, header={"alg": "ES256"}),
      token="eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290"
            "Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
      key={"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
           "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
      options={"algorithms": ["ES256"]}, now=1300819370),
    v("rfc7515-a3-es256-private-jwk", "RFC 7515 A.3", "the private JWK verifies too (public part derived)",
      ok(),
      token="eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290"
            "Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
      key={"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
           "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"},
      options={"algorithms": ["ES256"]}, now=1300819370),
    v("rfc7515-a2-rs256", "RFC 7515 A.2", "RS256 example token with its public key",
      ok(claims=RFC_PAYLOAD, header={"alg": "RS256"}),
      token="eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290"
            "Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbd"
            "s9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN938"
            "3LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVm"
            "tVrBp0igcN_IoypGlUPQGe77Rw",
      key={"kty": "RSA", "e": "AQAB",
           "n": "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2"
                "lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBE"
                "Ma2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2"
                "PAcDTW9gb54h4FRWyuXpoQ"},
      options={"algorithms": ["RS256"]}, now=1300819370),
    v("rfc8037-a4-ed25519", "RFC 8037 A.4", "Ed25519 JWS over a non-JSON payload", ok(payload="Example of Ed25519 signing"),
      kind="jws",
      token="eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijc"
            "NR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
      key={"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
      options={"algorithms": ["EdDSA"]}, now=None),
    # RFC 7520 (JOSE cookbook) §4.1 and §4.2: RS256 and PS384 over a non-JSON payload with the
    # "bilbo.baggins" RSA key (§3.4, public half). PSS is randomized, so §4.2 is verify-only.
    v("rfc7520-4.1-rs256", "RFC 7520 §4.1", "RSA v1.5 (RS256) signature, cookbook key", ok(payload=COOKBOOK_PAYLOAD),
      kind="jws", token=COOKBOOK_HEADER_RS256 + "." + COOKBOOK_PAYLOAD_B64 + "." + COOKBOOK_SIG_RS256,
      key=COOKBOOK_RSA, options={"algorithms": ["RS256"]}, now=None),
    v("rfc7520-4.2-ps384", "RFC 7520 §4.2", "RSA-PSS (PS384) signature, cookbook key", ok(payload=COOKBOOK_PAYLOAD),
      kind="jws", token=COOKBOOK_HEADER_PS384 + "." + COOKBOOK_PAYLOAD_B64 + "." + COOKBOOK_SIG_PS384,
      key=COOKBOOK_RSA, options={"algorithms": ["PS384"]}, now=None),
    v("rfc7520-4.2-ps384-not-rs384", "RFC 7520 §4.2; security 2.1", "the PS384 signature does not verify as RS384",
      err("alg_not_allowed"),
      kind="jws", token=COOKBOOK_HEADER_PS384 + "." + COOKBOOK_PAYLOAD_B64 + "." + COOKBOOK_SIG_PS384,
      key=COOKBOOK_RSA, options={"algorithms": ["RS384"]}, now=None),
    v("rfc8037-a4-not-a-jwt", "RFC 8037 A.4; RFC 7519 §7.2 step 10",
      "a valid JWS whose payload is not JSON is not a valid JWT",
      err("malformed_json"),
      token="eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijc"
            "NR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
      key={"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
      options={"algorithms": ["EdDSA"]}, now=None),
    v("rfc7638-rsa-thumbprint", "RFC 7638 §3.1", "thumbprint of the RFC's RSA key (RSA keys are thumbprinted, not used)",
      {"thumbprint": "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"}, kind="jwk",
      key={"kty": "RSA", "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPeb"
                              "WKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368"
                              "QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd"
                              "2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
           "e": "AQAB", "alg": "RS256", "kid": "2011-04-29"}),
    v("rfc8037-a3-ed25519-thumbprint", "RFC 8037 A.3", "thumbprint of the RFC's Ed25519 key",
      {"thumbprint": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"}, kind="jwk",
      key={"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}),
]


def thumb(jwk, members):
    canon = json.dumps({m: jwk[m] for m in sorted(members)}, separators=(",", ":")).encode()
    return b64(hashlib.sha256(canon).digest())


RFC7517_EC_PUB = {"kty": "EC", "crv": "P-256", "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
                  "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM", "use": "enc", "kid": "1"}
RFC7517_EC_D = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"
RFC7517_RSA_PUB = {"kty": "RSA", "alg": "RS256", "kid": "2011-04-29", "e": "AQAB",
                   "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPeb"
                        "WKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368"
                        "QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd"
                        "2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}
RFC8037_ED_PRIV = {"kty": "OKP", "crv": "Ed25519", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
                   "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
RFC7517_EC_PRIV = ec.derive_private_key(int.from_bytes(base64.urlsafe_b64decode(RFC7517_EC_D + "="), "big"),
                                        ec.SECP256R1())
RFC8037_ED = ed25519.Ed25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(RFC8037_ED_PRIV["d"] + "="))
assert ec_jwk(RFC7517_EC_PRIV)["x"] == RFC7517_EC_PUB["x"], "RFC 7517 A.2 private key does not match A.1"
assert ed_jwk(RFC8037_ED)["x"] == RFC8037_ED_PRIV["x"], "RFC 8037 A.1 key does not match"

rfc += [
    v("rfc7517-a1-ec-public", "RFC 7517 A.1", "the example EC public key parses", ok(), kind="jwk", key=RFC7517_EC_PUB),
    v("rfc7517-a2-ec-private", "RFC 7517 A.2", "the example EC private key parses",
      ok(), kind="jwk", key=dict(RFC7517_EC_PUB, d=RFC7517_EC_D)),
    v("rfc7517-a1-rsa-public", "RFC 7517 A.1", "the example RSA key (2048 bits) parses", ok(), kind="jwk",
      key=RFC7517_RSA_PUB),
    v("rfc7517-a1-ec-thumbprint", "RFC 7517 A.1; RFC 7638", "thumbprint of the RFC 7517 EC key",
      {"thumbprint": thumb(RFC7517_EC_PUB, ["crv", "kty", "x", "y"])}, kind="jwk", key=RFC7517_EC_PUB),
    v("rfc7517-a1-use-enc-refused", "RFC 7517 A.1 §4.2", "the example key is an encryption key: it never verifies",
      err("key_use_forbidden"), token=token({"alg": "ES256"}, claims(), key=RFC7517_EC_PRIV), key=RFC7517_EC_PUB,
      options={"algorithms": ["ES256"], **STD_OPTS}),
    v("rfc8037-a1-ed25519-private", "RFC 8037 A.1", "the example Ed25519 private key parses", ok(), kind="jwk",
      key=RFC8037_ED_PRIV),
    v("rfc8037-a2-ed25519-public", "RFC 8037 A.2", "the example Ed25519 public key parses", ok(), kind="jwk",
      key={k: RFC8037_ED_PRIV[k] for k in ("kty", "crv", "x")}),
    v("rfc8037-a1-signs-jwt", "RFC 8037 A.1", "a JWT signed with the RFC key verifies with the RFC public key", ok(),
      token=token({"alg": "EdDSA"}, claims(), key=RFC8037_ED), key={k: RFC8037_ED_PRIV[k] for k in ("kty", "crv", "x")},
      options={"algorithms": ["EdDSA"], **STD_OPTS}),
]


rfc += [
    v("thumbprint-es256", "RFC 7638 §3.2", "EC thumbprint over crv, kty, x, y",
      {"thumbprint": thumb(KEYS["ES256"], ["crv", "kty", "x", "y"])}, kind="jwk", key=ec_jwk(EC_PRIV, kid="ignored")),
    v("thumbprint-oct", "RFC 7638 §3.2", "oct thumbprint over k, kty",
      {"thumbprint": thumb(KEYS["HS256"], ["k", "kty"])}, kind="jwk", key=KEYS["HS256"]),
]

# RFC 7797: unencoded payloads (`b64: false`), with the RFC 7515 A.1 HMAC key the RFC signs with.
# A compact token can carry one only without '.' (§5.2), so the attached vectors sign "$02"; the
# RFC's own "$.02" example is detached, which the vector format does not express (the Rust unit
# tests in core/tests/unencoded_payload.rs check it byte for byte).
RFC7797_KEY = {"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
RFC7797_SECRET = base64.urlsafe_b64decode(RFC7797_KEY["k"] + "==")
B64_FALSE = {"alg": "HS256", "b64": False, "crit": ["b64"]}
rfc += [
    v("rfc7797-unencoded-attached", "RFC 7797 §3, §5.2", "b64:false listed in crit: the raw payload is signed",
      ok(payload="$02"), kind="jws",
      token=token(B64_FALSE, b"", p64="$02", key=RFC7797_SECRET), key=RFC7797_KEY,
      options={"algorithms": ["HS256"]}, now=None),
    v("rfc7797-unencoded-not-a-jwt", "RFC 7797 §7", "a JWT never has an unencoded payload, even with b64 critical",
      err("b64_unsupported"),
      token=token(B64_FALSE, b"", p64="$02", key=RFC7797_SECRET), key=RFC7797_KEY,
      options={"algorithms": ["HS256"]}),
    v("rfc7797-b64-not-critical", "RFC 7797 §6", "b64:false without b64 in crit is refused (right MAC)",
      err("b64_unsupported"), kind="jws",
      token=token({"alg": "HS256", "b64": False}, b"", p64="$02", key=RFC7797_SECRET), key=RFC7797_KEY,
      options={"algorithms": ["HS256"]}, now=None),
    v("rfc7797-dot-in-compact-payload", "RFC 7797 §5.2", "an unencoded payload with '.' cannot be compact",
      err("malformed_token"), kind="jws",
      token=token(B64_FALSE, b"", p64="$.02", key=RFC7797_SECRET), key=RFC7797_KEY,
      options={"algorithms": ["HS256"]}, now=None),
    v("rfc7797-b64-true-critical", "RFC 7797 §3", "b64:true listed in crit is the ordinary encoding",
      ok(payload="$.02"), kind="jws",
      token=token({"alg": "HS256", "b64": True, "crit": ["b64"]}, b"$.02", key=RFC7797_SECRET), key=RFC7797_KEY,
      options={"algorithms": ["HS256"]}, now=None),
]

# ---- valid tokens for every algorithm ----------------------------------------

valid = []
for alg in ["HS256", "HS384", "HS512", "ES256", "EdDSA", "ES384", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]:
    hdr = {"alg": alg, "typ": "JWT"}
    c = claims()
    valid.append(v(f"valid-{alg.lower()}", "RFC 7519 §7.2", f"{alg} token with all registered claims",
                   ok(claims=c, header=hdr), token=token(hdr, c), key=KEYS[alg],
                   options={"algorithms": [alg], **STD_OPTS}))
valid += [
    v("valid-kid-cty-header", "RFC 7515 §4.1", "kid and cty are exposed; unknown header members are ignored",
      ok(header={"alg": "ES256", "kid": "k1", "cty": "JWT", "x-extra": [1, 2]}),
      token=token({"alg": "ES256", "kid": "k1", "cty": "JWT", "x-extra": [1, 2]}, claims()),
      key=KEYS["ES256"], options={"algorithms": ["ES256"], **STD_OPTS}),
    v("valid-escaped-alg", "security 1.8", "escapes are decoded: \"HS\\u0032\\u0035\\u0036\" is HS256",
      ok(), token=token(r'{"\u0061lg":"HS\u0032\u0035\u0036"}', claims(), alg="HS256"), key=HSK,
      options={"algorithms": ["HS256"], **STD_OPTS}),
    v("valid-whitespace-json", "security 1.4", "insignificant whitespace around JSON values is legal",
      ok(), token=token(' { "alg" : "HS256" } ', ' {"exp": %d } \n' % (NOW + 10), alg="HS256"),
      key=KEYS["HS256"], options={"algorithms": ["HS256"]}),
    v("valid-multi-alg-allow-list", "security 2.3", "mixed allow-list: the key still decides (ES256 key, ES256 token)",
      ok(), token=token({"alg": "ES256"}, claims()), key=KEYS["ES256"],
      options={"algorithms": ["HS256", "ES256", "EdDSA"], **STD_OPTS}),
    v("valid-unicode-claims", "RFC 8259 §7", "non-ASCII and escaped strings in claims",
      ok(claims={"sub": "Zoë 🦀", "exp": NOW + 60, "note": "tab\there"}),
      token=token({"alg": "HS256"}, '{"sub":"Zo\\u00eb \\ud83e\\udd80","exp":%d,"note":"tab\\there"}' % (NOW + 60)),
      key=KEYS["HS256"], options={"algorithms": ["HS256"]}),
]

# ---- structure ---------------------------------------------------------------

GOOD = token({"alg": "HS256"}, claims())
H, P, S = GOOD.split(".")
HSOPT = {"algorithms": ["HS256"], **STD_OPTS}
structure = [
    v("struct-one-part", "security 1.1", "a single segment", err("malformed_token"), token=H, key=HSK, options=HSOPT),
    v("struct-two-parts", "security 1.1", "header.payload without signature", err("malformed_token"),
      token=f"{H}.{P}", key=HSK, options=HSOPT),
    v("struct-four-parts", "security 1.1", "four segments", err("malformed_token"),
      token=f"{GOOD}.{S}", key=HSK, options=HSOPT),
    v("struct-jwe", "security 1.1; RFC 7516 §9", "a five-part compact JWE", err("jwe_not_supported"),
      token="eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
      key=HSK, options=HSOPT),
    v("struct-empty-signature", "security 3.1", "empty signature segment (an empty MAC never verifies)",
      err("bad_signature"),
      token=f"{H}.{P}.", key=HSK, options=HSOPT),
    v("struct-empty-header", "security 1.1", "empty header segment", err("malformed_token"),
      token=f".{P}.{S}", key=HSK, options=HSOPT),
    v("struct-empty-token", "security 1.1", "empty string", err("malformed_token"), token="", key=HSK, options=HSOPT),
    v("struct-json-serialization", "security 1.1", "the JWS JSON serialization is not a compact token",
      err("malformed_token"), token=json.dumps({"protected": H, "payload": P, "signature": S}), key=HSK, options=HSOPT),
    v("b64-padding", "security 1.2", "'=' padding on the signature", err("malformed_base64"),
      token=f"{H}.{P}.{S}=", key=HSK, options=HSOPT),
    v("b64-std-alphabet", "security 1.2", "'+' and '/' from the standard alphabet",
      err("malformed_base64"), token=token({"alg": "HS256"}, claims(), sig=S[:10] + "+/" + S[12:]), key=HSK,
      options=HSOPT),
    v("b64-whitespace", "security 1.2", "a line break inside the payload", err("malformed_base64"),
      token=token({"alg": "HS256"}, claims(), p64=f"{P[:20]}\n{P[20:]}"), key=HSK, options=HSOPT),
    v("b64-whitespace-unsigned", "security 1.2; RFC 7515 §5.2",
      "the signature covers the segments as sent, so an altered segment fails the signature first",
      err("bad_signature"), token=f"{H}.{P[:20]}\n{P[20:]}.{S}", key=HSK, options=HSOPT),
    v("b64-surrounding-space", "security 1.2", "a trailing space after the token", err("malformed_base64"),
      token=f"{GOOD} ", key=HSK, options=HSOPT),
    v("b64-length-mod4-1", "security 1.2", "a segment whose length is 1 mod 4 cannot be base64url",
      err("malformed_base64"), token=token({"alg": "HS256"}, claims(), p64=P + "A" * ((1 - len(P)) % 4 or 4)),
      key=HSK, options=HSOPT),
]
# Non-canonical: flip unused low bits of the final character of the signature
# (32-byte HMAC -> 43 chars, last char carries 4 data bits + 2 unused bits).
alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
last = alphabet.index(S[-1])
noncanon = S[:-1] + alphabet[last | 1] if last & 1 == 0 else S[:-1] + alphabet[last & ~1]
structure.append(v("b64-non-canonical", "security 1.3", "non-zero unused trailing bits in the signature",
                   err("malformed_base64"), token=f"{H}.{P}.{noncanon}", key=HSK, options=HSOPT))

# The payload segment's shape (its length and last character, O(1)) is checked before the
# signature, as PyJWT's `Invalid payload padding` is; its content is decoded only after the
# signature. Each token below carries the signature of the original payload, so without the
# shape rule every one would be bad_signature.
assert len(P) % 4 in (2, 3), "the claims' payload segment must end in a partial group"
p_last = alphabet.index(P[-1])
P_NONCANON = P[:-1] + alphabet[p_last | 1]
P_MOD1 = "a" + P + "A" * ((-len(P)) % 4)
JWS_OPT = {"algorithms": ["HS256"]}
structure += [
    v("b64-payload-length-before-signature", "security 1.2; PyJWT test_decode_invalid_payload_padding",
      "a payload segment of length 1 mod 4 is refused before the signature is checked", err("malformed_base64"),
      token=f"{H}.{P_MOD1}.{S}", key=HSK, options=HSOPT),
    v("b64-payload-padding-before-signature", "security 1.2", "'=' padding on the payload, refused before the signature",
      err("malformed_base64"), token=f"{H}.{P}=.{S}", key=HSK, options=HSOPT),
    v("b64-payload-non-canonical-before-signature", "security 1.3",
      "unused bits set in the payload's last character, refused before the signature", err("malformed_base64"),
      token=f"{H}.{P_NONCANON}.{S}", key=HSK, options=HSOPT),
    v("b64-payload-content-after-signature", "security 1.2; RFC 7515 §5.2",
      "a bad character inside the payload is content, read only after the signature, which fails first",
      err("bad_signature"), token=f"{H}.{P[:8]}={P[9:]}.{S}", key=HSK, options=HSOPT),
    v("b64-payload-length-before-signature-jws", "security 1.2", "the JWS entry points apply the same shape rule",
      err("malformed_base64"), kind="jws", token=f"{H}.{P_MOD1}.{S}", key=HSK, options=JWS_OPT, now=None),
]

HSO = {"algorithms": ["HS256"]}
json_cases = [
    ("json-header-invalid", "security 1.4", "header is not JSON", "{alg:HS256}", None, "malformed_json"),
    ("json-payload-array", "security 1.4", "payload is a JSON array", None, "[1,2]", "malformed_json"),
    ("json-payload-string", "security 1.4", "payload is a JSON string", None, '"hello"', "malformed_json"),
    ("json-payload-trailing-data", "security 1.4", "data after the JSON object", None,
     '{"exp":%d}x' % (NOW + 60), "malformed_json"),
    ("json-trailing-comma", "security 1.4", "trailing comma", None, '{"exp":%d,}' % (NOW + 60), "malformed_json"),
    ("json-nan", "security 1.4", "NaN is not JSON", None, '{"exp":NaN}', "malformed_json"),
    ("json-single-quotes", "security 1.4", "single-quoted strings", None, "{'exp':1}", "malformed_json"),
    ("json-comment", "security 1.4", "comments are not JSON", None, '{"exp":%d /* c */}' % (NOW + 60), "malformed_json"),
    ("json-raw-control-char", "security 1.4", "a raw control character inside a string", None,
     '{"exp":%d,"sub":"a\x01b"}' % (NOW + 60), "malformed_json"),
    ("json-invalid-utf8", "security 1.4", "payload bytes are not UTF-8", None,
     b'{"exp":%d,"sub":"\xff\xfe"}' % (NOW + 60), "malformed_json"),
    ("json-overlong-utf8", "security 1.4", "overlong UTF-8 encoding of '/'", None,
     b'{"exp":%d,"sub":"\xc0\xaf"}' % (NOW + 60), "malformed_json"),
    ("json-bom", "security 1.6", "UTF-8 byte-order mark before the object", None,
     b'\xef\xbb\xbf{"exp":%d}' % (NOW + 60), "malformed_json"),
    ("json-lone-surrogate", "security 1.6", "escaped lone surrogate", None,
     '{"exp":%d,"sub":"\\ud800"}' % (NOW + 60), "malformed_json"),
    ("json-duplicate-claim", "security 1.5", "two exp members", None,
     '{"exp":%d,"exp":%d}' % (NOW - 10, NOW + 60), "duplicate_member"),
    ("json-duplicate-escaped", "security 1.5", "\"sub\" and \"\\u0073ub\" are the same member", None,
     '{"exp":%d,"sub":"a","\\u0073ub":"b"}' % (NOW + 60), "duplicate_member"),
    ("json-duplicate-header-alg", "security 1.5", "{\"alg\":\"none\",\"alg\":\"HS256\"}",
     '{"alg":"none","alg":"HS256"}', None, "duplicate_member"),
    ("json-deep-nesting", "security 1.7", "nesting deeper than the limit", None,
     '{"exp":%d,"x":%s1%s}' % (NOW + 60, "[" * 64, "]" * 64), "json_limit"),
    ("json-long-number", "security 1.7", "a number literal longer than the limit", None,
     '{"exp":%d,"n":1%s}' % (NOW + 60, "0" * 100), "json_limit"),
]
for id_, src, desc, hdr, pay, code in json_cases:
    t = token(hdr if hdr is not None else {"alg": "HS256"},
              pay if pay is not None else {"exp": NOW + 60}, alg="HS256")
    structure.append(v(id_, src, desc + " (correctly signed)", err(code), token=t, key=HSK, options=HSO))

long_claims = claims(padding="x" * 50_000)
# An Entra-style ID token for a user in many groups (issue 15 F15): ~12 KiB, which
# PyJWT and jose accept and the old 8 KiB default refused.
group_claims = claims(groups=[f"{i:08x}-5e1f-4c8a-9d2b-{i * 7919:012x}" for i in range(240)])
structure += [
    v("length-default-limit", "security 1.7", "a token over the default 64 KiB limit", err("token_too_long"),
      token=token({"alg": "HS256"}, long_claims), key=HSK, options=HSOPT),
    v("length-id-token-groups", "issue 15 F15", "a 12 KiB ID token with group claims passes the default limit", ok(),
      token=token({"alg": "HS256"}, group_claims), key=HSK, options=HSOPT),
    v("length-custom-limit", "security 1.7", "a configured limit below the token length", err("token_too_long"),
      token=GOOD, key=HSK, options={**HSOPT, "max_token_length": 100}),
    v("length-raised-limit", "security 1.7", "a raised limit accepts the long token", ok(),
      token=token({"alg": "HS256"}, long_claims), key=HSK, options={**HSOPT, "max_token_length": 128 * 1024}),
]

# ---- header / algorithm -------------------------------------------------------

ES = KEYS["ES256"]
ec_pub_pem = EC_PRIV.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
header = [
    v("alg-missing", "security 2.1", "header without alg", err("alg_missing"),
      token=token({"typ": "JWT"}, claims(), alg="HS256"), key=HSK, options=HSOPT),
    v("alg-not-string", "security 2.1", "alg is a number (jose: missing or invalid)", err("alg_missing"),
      token=token({"alg": 256}, claims(), alg="HS256"), key=HSK, options=HSOPT),
]
for spelling in ["none", "None", "NONE", "nOnE"]:
    header.append(v(f"alg-{spelling}-unsigned", "security 2.2", f"alg {spelling} with an empty signature",
                    err("alg_none"), token=f"{b64(raw({'alg': spelling}))}.{P}.", key=HSK, options=HSOPT))
header += [
    v("alg-none-with-signature", "security 2.2", "alg none carrying an HMAC signature, even if listed",
      err("alg_none"), token=token({"alg": "none"}, claims(), alg="HS256"), key=HSK,
      options={"algorithms": ["HS256", "none"], **STD_OPTS}),
    v("alg-not-allowed", "security 2.1", "HS384 token, allow-list HS256 only", err("alg_not_allowed"),
      token=token({"alg": "HS384"}, claims(), key=HS["HS256"]), key=oct_jwk(HS["HS256"]), options=HSOPT),
    v("alg-case-sensitive", "security 2.1", "hs256 is not HS256", err("alg_not_allowed"),
      token=token({"alg": "hs256"}, claims(), alg="HS256"), key=HSK, options=HSOPT),
    v("alg-ed25519-name", "security 2.4", "RFC 9864 'Ed25519' is not the allowed 'EdDSA'", err("alg_not_allowed"),
      token=token({"alg": "Ed25519"}, claims(), alg="EdDSA"), key=KEYS["EdDSA"],
      options={"algorithms": ["EdDSA"], **STD_OPTS}),
    v("alg-empty-allow-list", "security 2.1", "an empty allow-list accepts nothing", err("alg_not_allowed"),
      token=GOOD, key=HSK, options={"algorithms": [], **STD_OPTS}),
    v("confusion-hs256-with-ec-key", "security 2.3; CVE-2015-9235",
      "HS256 token MACed with the EC public key's PEM, verified with that EC key", err("alg_key_mismatch"),
      token=token({"alg": "HS256"}, claims(), key=ec_pub_pem), key=ES,
      options={"algorithms": ["HS256", "ES256"], **STD_OPTS}),
    v("confusion-hs256-with-ed-key", "security 2.3", "HS256 token MACed with the raw Ed25519 public key bytes",
      err("alg_key_mismatch"),
      token=token({"alg": "HS256"}, claims(),
                  key=ED_PRIV.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)),
      key=KEYS["EdDSA"], options={"algorithms": ["HS256", "EdDSA"], **STD_OPTS}),
    v("confusion-es256-with-oct", "security 3.6", "ES256 token against an HMAC key", err("alg_key_mismatch"),
      token=token({"alg": "ES256"}, claims()), key=HSK, options={"algorithms": ["HS256", "ES256"], **STD_OPTS}),
    v("confusion-eddsa-with-ec", "security 3.6", "EdDSA token against a P-256 key", err("alg_key_mismatch"),
      token=token({"alg": "EdDSA"}, claims()), key=ES, options={"algorithms": ["ES256", "EdDSA"], **STD_OPTS}),
    v("confusion-hs384-with-hs256-key", "security 2.3", "an HS256-bound secret does not verify HS384",
      err("alg_key_mismatch"), token=token({"alg": "HS384"}, claims(), key=HS["HS256"]), key=HSK,
      options={"algorithms": ["HS256", "HS384"], **STD_OPTS}),
    v("crit-unknown", "security 4.1", "crit names an extension the verifier does not understand",
      err("crit_unsupported"), token=token({"alg": "HS256", "crit": ["exp2"], "exp2": 1}, claims()), key=HSK, options=HSOPT),
    v("crit-understood", "security 4.1", "crit extension the caller declared as understood", ok(),
      token=token({"alg": "HS256", "crit": ["exp2"], "exp2": 1}, claims()), key=HSK, options={**HSOPT, "crit": ["exp2"]}),
    v("crit-empty", "security 4.1", "crit must not be empty", err("crit_invalid"),
      token=token({"alg": "HS256", "crit": []}, claims()), key=HSK, options=HSOPT),
    v("crit-not-array", "security 4.1", "crit must be an array", err("crit_invalid"),
      token=token({"alg": "HS256", "crit": "exp2", "exp2": 1}, claims()), key=HSK, options={**HSOPT, "crit": ["exp2"]}),
    v("crit-registered-name", "security 4.1", "crit must not list registered names like alg", err("crit_invalid"),
      token=token({"alg": "HS256", "crit": ["alg"]}, claims()), key=HSK, options=HSOPT),
    v("crit-absent-member", "security 4.1", "crit names a parameter missing from the header", err("crit_invalid"),
      token=token({"alg": "HS256", "crit": ["exp2"]}, claims()), key=HSK, options={**HSOPT, "crit": ["exp2"]}),
    v("b64-false", "security 4.2", "RFC 7797 unencoded payload is never a JWT", err("b64_unsupported"),
      token=token({"alg": "HS256", "b64": False, "crit": ["b64"]}, claims()), key=HSK, options=HSOPT),
    v("b64-false-without-crit", "security 4.2", "b64 without crit is invalid", err("b64_unsupported"),
      token=token({"alg": "HS256", "b64": False}, claims()), key=HSK, options=HSOPT),
    v("kid-not-string", "security 4.4", "kid must be a string", err("header_invalid"),
      token=token({"alg": "HS256", "kid": 7}, claims()), key=HSK, options=HSOPT),
    v("embedded-jwk-ignored", "security 4.3; CVE-2018-0114",
      "token signed by an attacker key it embeds as jwk; verified with the real key", err("bad_signature"),
      token=token({"alg": "ES256", "jwk": ec_jwk(EC_OTHER)}, claims(), key=EC_OTHER), key=ES,
      options={"algorithms": ["ES256"], **STD_OPTS}),
    v("jku-ignored", "security 4.3", "jku/x5u are ignored, the configured key decides", ok(),
      token=token({"alg": "HS256", "jku": "https://attacker.example/jwks", "x5u": "https://attacker.example/c"}, claims()),
      key=HSK, options=HSOPT),
    v("typ-mismatch", "RFC 8725 §3.11", "expected typ at+jwt, token says JWT", err("typ_mismatch"),
      token=token({"alg": "HS256", "typ": "JWT"}, claims()), key=HSK, options={**HSOPT, "typ": "at+jwt"}),
    v("typ-missing", "RFC 8725 §3.11", "expected typ, token has none", err("typ_mismatch"),
      token=GOOD, key=HSK, options={**HSOPT, "typ": "at+jwt"}),
    v("typ-media-type-form", "RFC 7515 §4.1.9", "application/at+jwt matches at+jwt, case-insensitively", ok(),
      token=token({"alg": "HS256", "typ": "application/AT+JWT"}, claims()), key=HSK, options={**HSOPT, "typ": "at+jwt"}),
]

# ---- signatures --------------------------------------------------------------

EDK = KEYS["EdDSA"]
es_tok = token({"alg": "ES256"}, claims())
eh, ep, es = es_tok.split(".")
r_s = base64.urlsafe_b64decode(es + "==")
r, s = int.from_bytes(r_s[:32], "big"), int.from_bytes(r_s[32:], "big")
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def der_sig(r, s):
    def integer(x):
        b = x.to_bytes((x.bit_length() + 8) // 8, "big")
        return b"\x02" + bytes([len(b)]) + b
    body = integer(r) + integer(s)
    return b"\x30" + bytes([len(body)]) + body


ESO = {"algorithms": ["ES256"], **STD_OPTS}
EDO = {"algorithms": ["EdDSA"], **STD_OPTS}
ed_tok = token({"alg": "EdDSA"}, claims())
dh, dp, ds = ed_tok.split(".")
ed_sig = base64.urlsafe_b64decode(ds + "==")
L = 2**252 + 27742317777372353535851937790883648493
s_plus_l = (int.from_bytes(ed_sig[32:], "little") + L).to_bytes(32, "little")


def small_order_r_signature(seed: bytes, signing_input: bytes) -> bytes:
    """An Ed25519 signature whose R is the identity point (order 1): with the
    private scalar a, s = k·a makes [s]B = R + [k]A hold without the cofactor.
    Cofactorless `verify` accepts it; RFC 8032-strict verification (and
    jwtcore, issue 15 F18) refuses small-order R."""
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    pub = ED_PRIV.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    r_enc = (1).to_bytes(32, "little")
    k = int.from_bytes(hashlib.sha512(r_enc + pub + signing_input).digest(), "little") % L
    return r_enc + ((k * a) % L).to_bytes(32, "little")


small_r_sig = small_order_r_signature(label("ed25519", 32), f"{dh}.{dp}".encode())
signatures = [
    v("sig-hs256-tampered-payload", "security 3.1", "payload changed after signing", err("bad_signature"),
      token=f"{H}.{b64(raw(claims(sub='admin')))}.{S}", key=HSK, options=HSOPT),
    v("sig-hs256-wrong-key", "security 3.1", "MAC made with another secret", err("bad_signature"),
      token=token({"alg": "HS256"}, claims(), key=label("other", 32)), key=HSK, options=HSOPT),
    v("sig-hs256-truncated", "security 3.1", "MAC truncated to 16 bytes", err("bad_signature"),
      token=f"{H}.{P}.{b64(base64.urlsafe_b64decode(S + '=')[:16])}", key=HSK, options=HSOPT),
    v("sig-hs256-extended", "security 3.1", "MAC with an extra byte", err("bad_signature"),
      token=f"{H}.{P}.{b64(base64.urlsafe_b64decode(S + '=') + b'x')}", key=HSK, options=HSOPT),
    v("sig-hs256-weak-key", "security 3.2", "a 16-byte HS256 secret is refused", err("weak_hmac_key"),
      token=token({"alg": "HS256"}, claims(), key=b"0123456789abcdef"), key=oct_jwk(b"0123456789abcdef", "HS256"),
      options=HSOPT),
    v("sig-hs256-weak-key-allowed", "security 3.2", "the caller may explicitly allow a short secret", ok(),
      token=token({"alg": "HS256"}, claims(), key=b"0123456789abcdef"), key=oct_jwk(b"0123456789abcdef", "HS256"),
      options={**HSOPT, "allow_weak_hmac_key": True}),
    v("sig-hs256-weak-key-no-alg", "security 3.2", "a short secret without alg is refused too", err("weak_hmac_key"),
      token=token({"alg": "HS256"}, claims(), key=b"short"), key=oct_jwk(b"short"), options=HSOPT),
    v("sig-es256-other-key", "security 3.3", "ES256 signature by another key", err("bad_signature"),
      token=token({"alg": "ES256"}, claims(), key=EC_OTHER), key=ES, options=ESO),
    v("sig-es256-der", "security 3.3", "DER-encoded ECDSA signature", err("bad_signature"),
      token=f"{eh}.{ep}.{b64(der_sig(r, s))}", key=ES, options=ESO),
    v("sig-es256-zero", "security 3.3; CVE-2022-21449", "r = s = 0 (psychic signature)", err("bad_signature"),
      token=f"{eh}.{ep}.{b64(bytes(64))}", key=ES, options=ESO),
    v("sig-es256-r-plus-n", "security 3.3", "s replaced by s + n (out of range)", err("bad_signature"),
      token=f"{eh}.{ep}.{b64(r.to_bytes(32, 'big') + ((s + N) % 2**256).to_bytes(32, 'big'))}"
      if s + N < 2**256 else f"{eh}.{ep}.{b64(r.to_bytes(32, 'big') + N.to_bytes(32, 'big'))}",
      key=ES, options=ESO),
    v("sig-es256-high-s", "security 3.3", "(r, n - s) is also a valid ECDSA signature (FIPS 186-4)", ok(),
      token=f"{eh}.{ep}.{b64(r.to_bytes(32, 'big') + (N - s).to_bytes(32, 'big'))}", key=ES, options=ESO),
    v("sig-es256-63-bytes", "security 3.3", "63-byte signature", err("bad_signature"),
      token=f"{eh}.{ep}.{b64(r_s[:63])}", key=ES, options=ESO),
    v("sig-eddsa-other-key", "security 3.4", "EdDSA signature by another key", err("bad_signature"),
      token=token({"alg": "EdDSA"}, claims(), key=ED_OTHER), key=EDK, options=EDO),
    v("sig-eddsa-s-plus-l", "security 3.4", "non-canonical S + L", err("bad_signature"),
      token=f"{dh}.{dp}.{b64(ed_sig[:32] + s_plus_l)}", key=EDK, options=EDO),
    v("sig-eddsa-tampered", "security 3.4", "payload changed after signing", err("bad_signature"),
      token=f"{dh}.{b64(raw(claims(roles=['root'])))}.{ds}", key=EDK, options=EDO),
    v("sig-eddsa-small-order-r", "security 3.4; RFC 8032 §5.1.7; issue 15 F18",
      "R is the identity point (small order): valid without the cofactor, refused by strict verification",
      err("bad_signature"), token=f"{dh}.{dp}.{b64(small_r_sig)}", key=EDK, options=EDO),
]

# ---- keys (JWK validation and JWKS selection) -----------------------------------

ec_bad_point = dict(ES, y=b64((int.from_bytes(base64.urlsafe_b64decode(ES["y"] + "="), "big") ^ 1).to_bytes(32, "big")))
identity = b64(bytes([1]) + bytes(31))
keys = [
    v("jwk-ec-off-curve", "security 3.5", "EC point not on P-256 (invalid-curve attack)", err("invalid_key"),
      kind="jwk", key=ec_bad_point),
    v("jwk-ec-short-x", "security 3.5", "x coordinate with its leading zero stripped", err("invalid_key"),
      kind="jwk", key=dict(ES, x=b64(base64.urlsafe_b64decode(ES["x"] + "=")[1:]))),
    v("jwk-ec-missing-y", "security 3.5", "EC key without y", err("invalid_key"),
      kind="jwk", key={k: ES[k] for k in ("kty", "crv", "x")}),
    v("jwk-ec-p384-off-curve", "security 3.5", "a P-384 point not on the curve", err("invalid_key"),
      kind="jwk", key={"kty": "EC", "crv": "P-384", "x": b64(bytes(48)), "y": b64(bytes(48))}),
    # An unregistered curve: P-521 and secp256k1 are features (on in the wheel, off in the wasm),
    # so a vector on them would have two verdicts.
    v("jwk-ec-p224", "security 3.6", "P-224 keys are not supported", err("key_unsupported"),
      kind="jwk", key={"kty": "EC", "crv": "P-224", "x": b64(bytes(28)), "y": b64(bytes(28))}),
    v("jwk-okp-x25519", "security 3.5", "X25519 is a key-agreement curve", err("key_unsupported"),
      kind="jwk", key={"kty": "OKP", "crv": "X25519", "x": EDK["x"]}),
    v("jwk-okp-short", "security 3.5", "31-byte Ed25519 x", err("invalid_key"),
      kind="jwk", key={"kty": "OKP", "crv": "Ed25519", "x": b64(bytes(31))}),
    v("jwk-okp-small-order", "security 3.4", "the identity point is a small-order Ed25519 key", err("invalid_key"),
      kind="jwk", key={"kty": "OKP", "crv": "Ed25519", "x": identity}),
    v("jwk-rsa-too-small", "issue 8; RFC 7518 §3.3", "RSA moduli below 2048 bits are refused", err("key_too_small"),
      kind="jwk", key=rsa_jwk(rsa.generate_private_key(public_exponent=65537, key_size=1024))),
    v("jwk-rsa-even-exponent", "issue 8", "an even RSA exponent is invalid", err("invalid_key"),
      kind="jwk", key=dict(rsa_jwk(RSA_PRIV), e="AQAA")),
    v("rsa-rs-key-ps-token", "issue 8", "a JWK bound to RS256 does not verify PS256", err("alg_key_mismatch"),
      token=token({"alg": "PS256"}, claims()), key=rsa_jwk(RSA_PRIV, alg="RS256"),
      options={"algorithms": ["RS256", "PS256"], **STD_OPTS}),
    v("rsa-unbound-key-allowed-ps", "issue 8", "an RSA JWK without alg verifies PS256 when the caller allows it", ok(),
      token=token({"alg": "PS256"}, claims()), key=rsa_jwk(RSA_PRIV), options={"algorithms": ["PS256"], **STD_OPTS}),
    v("rsa-wrong-key", "issue 8", "RS256 signature by another RSA key", err("bad_signature"),
      token=token({"alg": "RS256"}, claims(), key=RSA_OTHER), key=KEYS["RS256"], options={"algorithms": ["RS256"], **STD_OPTS}),
    v("rsa-short-signature", "RFC 8017 §8.2.2", "an RS256 signature one byte short", err("bad_signature"),
      token=(lambda t: t[: t.rindex(".") + 1] + b64(base64.urlsafe_b64decode(t[t.rindex(".") + 1:] + "==")[1:]))(
          token({"alg": "RS256"}, claims())), key=KEYS["RS256"], options={"algorithms": ["RS256"], **STD_OPTS}),
    v("confusion-hs256-with-rsa-key", "security 2.3; CVE-2015-9235",
      "HS256 token MACed with the RSA public key's PEM, verified with that RSA key", err("alg_key_mismatch"),
      token=token({"alg": "HS256"}, claims(), key=RSA_PRIV.public_key().public_bytes(
          serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)),
      key=KEYS["RS256"], options={"algorithms": ["HS256", "RS256"], **STD_OPTS}),
    v("es384-with-es256-key", "security 3.6", "ES384 token against a P-256 key", err("alg_key_mismatch"),
      token=token({"alg": "ES384"}, claims()), key=KEYS["ES256"], options={"algorithms": ["ES256", "ES384"], **STD_OPTS}),
    v("jwk-no-kty", "RFC 7517 §4.1", "kty is required", err("invalid_key"), kind="jwk", key={"k": "AAAA"}),
    v("jwk-oct-empty", "security 3.2", "an empty oct key", err("invalid_key"), kind="jwk", key={"kty": "oct", "k": "", "alg": "HS256"}),
    v("jwk-alg-mismatch", "security 3.6", "EC key declaring alg EdDSA", err("alg_key_mismatch"),
      kind="jwk", key=dict(ES, alg="EdDSA")),
    v("key-use-enc", "security 3.5", "a key with use=enc never verifies", err("key_use_forbidden"),
      token=es_tok, key=dict(ES, use="enc"), options=ESO),
    v("key-ops-sign-only", "security 3.5", "key_ops without verify", err("key_use_forbidden"),
      token=es_tok, key=dict(ES, key_ops=["sign"]), options=ESO),
    v("key-ops-verify", "RFC 7517 §4.3", "key_ops including verify", ok(),
      token=es_tok, key=dict(ES, key_ops=["verify"], use="sig"), options=ESO),
    v("key-alg-binds-hmac", "security 2.3", "oct JWK with alg HS512 does not verify HS256", err("alg_key_mismatch"),
      token=token({"alg": "HS256"}, claims(), key=HS["HS512"]), key=KEYS["HS512"],
      options={"algorithms": ["HS256", "HS512"], **STD_OPTS}),
]

JWKS = {"keys": [
    {"kty": "RSA", "kid": "rsa-1", "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWh", "e": "AQAB", "alg": "RS256"},
    ec_jwk(EC_PRIV, kid="ec-1", alg="ES256", use="sig"),
    ec_jwk(EC_OTHER, kid="ec-2", alg="ES256", use="sig"),
    ed_jwk(ED_PRIV, kid="ed-1"),
    {"kty": "EC", "crv": "P-384", "kid": "p384", "x": b64(bytes(48)), "y": b64(bytes(48))},
]}
keys += [
    v("jwks-kid-selects", "issue 3", "kid selects the matching key in a mixed provider set", ok(),
      token=token({"alg": "ES256", "kid": "ec-2"}, claims(), key=EC_OTHER), jwks=JWKS, options=ESO),
    v("jwks-kid-unknown", "security 4.4", "a kid that matches nothing is a distinct error", err("no_matching_key"),
      token=token({"alg": "ES256", "kid": "ec-9"}, claims()), jwks=JWKS, options=ESO),
    v("jwks-kid-path-traversal", "security 4.4", "kid is an opaque string, never a path", err("no_matching_key"),
      token=token({"alg": "HS256", "kid": "../../dev/null"}, claims(), key=b""), jwks=JWKS, options=HSOPT),
    v("jwks-no-kid-tries-compatible", "issue 3", "no kid: every ES256 key is tried", ok(),
      token=token({"alg": "ES256"}, claims(), key=EC_OTHER), jwks=JWKS, options=ESO),
    v("jwks-no-kid-none-verifies", "issue 3", "no kid, no key verifies", err("bad_signature"),
      token=token({"alg": "ES256"}, claims(), key=ec.derive_private_key(12345, ec.SECP256R1())), jwks=JWKS, options=ESO),
    v("jwks-kid-wrong-alg", "issue 3", "kid names an ES256 key but the token says EdDSA", err("no_matching_key"),
      token=token({"alg": "EdDSA", "kid": "ec-1"}, claims()), jwks=JWKS, options={"algorithms": ["ES256", "EdDSA"], **STD_OPTS}),
    v("jwks-eddsa", "issue 3", "EdDSA key selected by kid", ok(),
      token=token({"alg": "EdDSA", "kid": "ed-1"}, claims()), jwks=JWKS, options=EDO),
]

# A public JWKS that also publishes an `oct` secret (issue 15 F1). A key set parsed from
# JWKS text holds public keys only: a token MAC'd with the published `k` must never verify,
# with or without a kid, with or without an allow-list naming HS256.
OCT_K = label("published-oct", 32)
JWKS_WITH_OCT = {"keys": [ec_jwk(EC_PRIV, kid="ec-1", alg="ES256", use="sig"),
                          {"kty": "oct", "kid": "hs-1", "k": b64(OCT_K)},
                          {"kty": "oct", "kid": "hs-2", "alg": "HS256", "k": b64(OCT_K)}]}
# kids that need JSON escapes (issue 15 F9): the header and the JWK compare as strings.
KID_ESC = 'quote"back\\slash\u0007'
JWKS_ESC = {"keys": [ec_jwk(EC_PRIV, kid=KID_ESC, alg="ES256"), ec_jwk(EC_OTHER, kid="A", alg="ES256")]}
keys += [
    v("jwks-oct-no-kid", "issue 15 F1; RFC 7517 §9.3", "HS256 token MAC'd with an oct k published in the JWKS, no kid",
      err("no_matching_key"), token=token({"alg": "HS256"}, claims(), key=OCT_K), jwks=JWKS_WITH_OCT, options=STD_OPTS),
    v("jwks-oct-kid", "issue 15 F1", "the same forgery naming the oct entry's kid", err("no_matching_key"),
      token=token({"alg": "HS256", "kid": "hs-2"}, claims(), key=OCT_K), jwks=JWKS_WITH_OCT, options=STD_OPTS),
    v("jwks-oct-allowed-alg", "issue 15 F1", "HS256 in the allow-list does not make a public set's secret usable",
      err("no_matching_key"), token=token({"alg": "HS256", "kid": "hs-1"}, claims(), key=OCT_K), jwks=JWKS_WITH_OCT,
      options={"algorithms": ["HS256", "ES256"], **STD_OPTS}),
    v("jwks-oct-set-still-verifies", "issue 15 F1", "the set's public key still verifies its own tokens", ok(),
      token=token({"alg": "ES256", "kid": "ec-1"}, claims()), jwks=JWKS_WITH_OCT, options=ESO),
    v("jwks-kid-escaped", "issue 15 F9; RFC 8259 §7", "a kid with a quote, a backslash and a control escape matches",
      ok(), token=token({"alg": "ES256", "kid": KID_ESC}, claims()), jwks=JWKS_ESC, options=ESO),
    v("jwks-kid-unicode-escape", "issue 15 F9; RFC 8259 §7", "a header kid written as \\u0041 names the key \"A\"",
      ok(), token=token('{"alg":"ES256","kid":"\\u0041"}', claims(), alg="ES256", key=EC_OTHER), jwks=JWKS_ESC, options=ESO),
]

PROVIDER = {"keys": [RFC7517_RSA_PUB, dict(ec_jwk(EC_PRIV), kid="2026-10", alg="ES256", use="sig"),
                     dict(ec_jwk(EC_OTHER), kid="2026-11", alg="ES256", use="sig"),
                     dict(RFC7517_EC_PUB), ed_jwk(ED_PRIV, kid="ed-2026", alg="EdDSA")]}
keys += [
    v("jwks-rotation-current", "issue 3", "provider set: token from the current key", ok(),
      token=token({"alg": "ES256", "kid": "2026-11"}, claims(), key=EC_OTHER), jwks=PROVIDER, options=ESO),
    v("jwks-rotation-previous", "issue 3", "provider set: a live token from the previous key still verifies", ok(),
      token=token({"alg": "ES256", "kid": "2026-10"}, claims()), jwks=PROVIDER, options=ESO),
    v("jwks-rotation-retired", "issue 3", "provider set: a token from a retired kid fails with no_matching_key",
      err("no_matching_key"), token=token({"alg": "ES256", "kid": "2026-09"}, claims()), jwks=PROVIDER, options=ESO),
    v("jwks-use-enc-refused", "issue 3; RFC 7517 §4.2", "provider set: the use=enc key never verifies",
      err("no_matching_key"), token=token({"alg": "ES256", "kid": "1"}, claims(), key=RFC7517_EC_PRIV),
      jwks=PROVIDER, options=ESO),
    v("jwks-kid-swapped", "issue 3", "kid names key A but the token was signed by key B", err("bad_signature"),
      token=token({"alg": "ES256", "kid": "2026-10"}, claims(), key=EC_OTHER), jwks=PROVIDER, options=ESO),
]

# ---- claims ----------------------------------------------------------------------


def ct(name, source, desc, expect, options=None, now=NOW, **over):
    return v(name, source, desc, expect, token=token({"alg": "HS256"}, claims(**over)), key=HSK,
             options={**HSOPT, **(options or {})}, now=now)


claim_vectors = [
    ct("exp-past", "security 5.1", "exp one second ago", err("expired", "exp"), exp=NOW - 1),
    ct("exp-equal-now", "security 5.1", "exp == now is expired", err("expired", "exp"), exp=NOW),
    ct("exp-within-leeway", "security 5.1", "expired 30 s ago, leeway 60 s", ok(), exp=NOW - 30, options={"leeway": 60}),
    ct("exp-beyond-leeway", "security 5.1", "expired 61 s ago, leeway 60 s", err("expired", "exp"), exp=NOW - 61,
       options={"leeway": 60}),
    ct("exp-fraction-future", "security 5.4", "exp = now + 0.5 is still valid (no truncation)", ok(), exp=NOW + 0.5),
    ct("exp-fraction-past", "security 5.4", "exp = now - 0.5 is expired", err("expired", "exp"), exp=NOW - 0.5),
    ct("exp-huge", "security 5.4", "exp = 1e20 is far future, not wrapped", ok(), exp=1e20),
    ct("exp-negative", "security 5.4", "exp = -1 is the past", err("expired", "exp"), exp=-1),
    ct("exp-zero", "security 5.1", "exp = 0 is a value, not absent", err("expired", "exp"), exp=0),
    ct("exp-string", "security 5.4", "a numeric string is not a NumericDate", err("claim_invalid", "exp"), exp=str(NOW + 60)),
    ct("exp-null-required", "security 5.4; PyJWT", "null counts as absent for a required claim (PyJWT's rule)",
       err("missing_claim", "exp"), exp=None),
    ct("exp-null-optional", "security 5.4", "a null exp that is not required is still not a NumericDate",
       err("claim_invalid", "exp"), exp=None, options={"require": []}),
    ct("exp-bool", "security 5.4", "boolean exp", err("claim_invalid", "exp"), exp=True),
    ct("exp-array", "security 5.4", "array exp", err("claim_invalid", "exp"), exp=[NOW + 60]),
    ct("exp-missing", "issue 2", "exp is required by default", err("missing_claim", "exp"), exp=DROP),
    ct("exp-missing-not-required", "issue 2", "require nothing: a token without exp is accepted", ok(), exp=DROP,
       options={"require": []}),
    ct("exp-verify-off", "PyJWT options", "verify_exp off accepts an expired token", ok(), exp=NOW - 100,
       options={"verify": {"exp": False}}),
    # PyJWT's negative leeway (issue 15 F2): the token must stay valid at least that long.
    ct("exp-negative-leeway", "issue 15 F2; PyJWT", "exp in 5 s, leeway -10 s: expired", err("expired", "exp"),
       exp=NOW + 5, options={"leeway": -10}),
    ct("exp-negative-leeway-ok", "issue 15 F2; PyJWT", "exp in 30 s, leeway -10 s: valid", ok(), exp=NOW + 30,
       options={"leeway": -10}),
    ct("nbf-negative-leeway", "issue 15 F2; PyJWT", "nbf 5 s ago, leeway -10 s: not yet valid",
       err("not_yet_valid", "nbf"), nbf=NOW - 5, iat=NOW - 60, options={"leeway": -10}),
    ct("nbf-future", "security 5.2", "nbf one second ahead", err("not_yet_valid", "nbf"), nbf=NOW + 1),
    ct("nbf-equal-now", "security 5.2", "nbf == now is valid", ok(), nbf=NOW),
    ct("nbf-within-leeway", "security 5.2", "nbf 30 s ahead, leeway 60 s", ok(), nbf=NOW + 30, options={"leeway": 60}),
    ct("nbf-fraction", "security 5.4", "nbf = now + 0.5 is not yet valid", err("not_yet_valid", "nbf"), nbf=NOW + 0.5),
    ct("nbf-2pow64", "security 5.4", "nbf = 2^64 stays in the future", err("not_yet_valid", "nbf"), nbf=2**64),
    ct("nbf-string", "security 5.4", "string nbf", err("claim_invalid", "nbf"), nbf="soon"),
    ct("iat-future", "security 5.3", "iat in the future", err("issued_in_future", "iat"), iat=NOW + 120, nbf=NOW - 60),
    ct("iat-future-leeway", "security 5.3", "iat 30 s ahead, leeway 60 s", ok(), iat=NOW + 30, options={"leeway": 60}),
    ct("iat-string", "security 5.4", "string iat", err("claim_invalid", "iat"), iat="yesterday"),
    ct("max-age-exceeded", "jose maxTokenAge", "issued two hours ago, max age one hour", err("token_too_old", "iat"),
       iat=NOW - 7200, nbf=NOW - 7200, options={"max_age": 3600}),
    ct("max-age-ok", "jose maxTokenAge", "issued a minute ago, max age one hour", ok(), options={"max_age": 3600}),
    ct("max-age-needs-iat", "jose maxTokenAge", "max age without iat", err("missing_claim", "iat"), iat=DROP,
       options={"max_age": 3600}),
    ct("iss-mismatch", "security 5.6", "issuer differs", err("issuer_mismatch", "iss"), iss="https://evil.example"),
    ct("iss-case", "security 5.6", "issuer comparison is case-sensitive", err("issuer_mismatch", "iss"),
       iss="https://Issuer.example"),
    ct("iss-one-of", "PyJWT issuer list", "issuer in the configured list", ok(), iss="https://b.example",
       options={"issuer": ["https://a.example", "https://b.example"]}),
    ct("iss-array", "security 5.6", "an array iss is invalid", err("claim_invalid", "iss"), iss=["https://issuer.example"]),
    ct("iss-missing", "security 5.7", "configured issuer makes iss required", err("missing_claim", "iss"), iss=DROP),
    ct("aud-mismatch", "security 5.5", "audience differs", err("audience_mismatch", "aud"), aud="other.example"),
    ct("aud-array-match", "security 5.5", "one of the aud entries matches", ok(), aud=["x.example", "api.example"]),
    ct("aud-array-none", "security 5.5", "no aud entry matches", err("audience_mismatch", "aud"), aud=["x.example", "y.example"]),
    ct("aud-empty-array", "security 5.5", "empty aud array with an expected audience", err("audience_mismatch", "aud"), aud=[]),
    ct("aud-number", "security 5.5", "aud of the wrong type", err("claim_invalid", "aud"), aud=42),
    ct("aud-not-configured", "security 5.5", "aud present but the verifier names no audience",
       err("audience_mismatch", "aud"), options={"audience": None}),
    ct("aud-missing", "security 5.7", "configured audience makes aud required", err("missing_claim", "aud"), aud=DROP),
    # RFC 7519 §4.1.3 defines no null audience; PyJWT and jose read `"aud": null` as no audience.
    ct("aud-null-not-configured", "RFC 7519 §4.1.3; PyJWT, jose", "\"aud\": null is absent: accepted with no audience expected",
       ok(claims=claims(aud=None)), aud=None, options={"audience": None}),
    ct("aud-null-expected", "RFC 7519 §4.1.3; PyJWT", "\"aud\": null with an expected audience is a missing aud",
       err("missing_claim", "aud"), aud=None),
    ct("aud-null-strict", "PyJWT strict_aud", "strict_aud: \"aud\": null is still a missing aud",
       err("missing_claim", "aud"), aud=None, options={"strict_aud": True}),
    ct("aud-expected-list", "PyJWT audience list", "token aud in the expected list", ok(), aud="b.example",
       options={"audience": ["a.example", "b.example"]}),
    ct("aud-strict-string", "PyJWT strict_aud", "strict_aud accepts a single matching string", ok(),
       options={"strict_aud": True}),
    ct("aud-strict-array", "PyJWT strict_aud", "strict_aud rejects an array aud as the wrong format",
       err("claim_invalid", "aud"),
       aud=["api.example"], options={"strict_aud": True}),
    ct("sub-mismatch", "security 5.6", "subject differs", err("subject_mismatch", "sub"), sub="user-9",
       options={"subject": "user-1234"}),
    ct("sub-match", "security 5.6", "subject matches", ok(), options={"subject": "user-1234"}),
    ct("sub-number", "security 5.6", "sub must be a string", err("claim_invalid", "sub"), sub=1234),
    ct("jti-number", "security 5.6", "jti must be a string", err("claim_invalid", "jti"), jti=99),
    ct("require-custom-missing", "security 5.7", "a required custom claim is missing", err("missing_claim", "tenant"),
       options={"require": ["exp", "tenant"]}),
    ct("require-custom-present", "security 5.7", "a required custom claim is present", ok(), tenant="acme",
       options={"require": ["exp", "tenant"]}),
    ct("require-jti-missing", "security 5.7", "required jti missing", err("missing_claim", "jti"), jti=DROP,
       options={"require": ["exp", "jti"]}),
]
# Fix up: `options={"audience": None}` means "no audience configured".
for vec in claim_vectors:
    if vec["options"].get("audience", "") is None:
        del vec["options"]["audience"]


def write(name, description, vectors):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"description": description, "vectors": vectors}, f, indent=1, ensure_ascii=False)
        f.write("\n")


write("rfc.json", "Examples from RFC 7515, RFC 8037 and RFC 7638, verbatim", rfc)
write("valid.json", "Tokens every surface must accept, one per algorithm and feature", valid)
write("structure.json", "Token shape, base64url and JSON strictness (security checklist §1)", structure)
write("header.json", "alg, key binding, crit, b64, kid, typ and untrusted header keys (§2, §4)", header)
write("signatures.json", "HMAC, ECDSA and EdDSA signature checks (§3)", signatures)
write("keys.json", "JWK validation, use/key_ops and JWKS selection (§3.5, issue 3)", keys)
write("claims.json", "Registered-claim validation (§5)", claim_vectors)
