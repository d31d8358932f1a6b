"""Writes providers.json: JWKS in the shapes Google and Microsoft Entra publish (RSA keys with
`alg`/`use`/`kid`; Entra's without `alg` but with `x5t`, `x5c` and `issuer`), and ID tokens signed
by their keys, so every surface shows it selects by `kid` and ignores the members it does not use.
The keys and certificates are generated here (no provider's real keys). Run with a Python that has
`cryptography`: python3 tests/vectors/providers.py"""

import base64
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1_700_000_000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(n: int) -> str:
    return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def cert_der(key) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "accounts.accesscontrol.windows.net")])
    start = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)
    c = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
         .serial_number(0x5A17).not_valid_before(start).not_valid_after(start + datetime.timedelta(days=1825))
         .sign(key, hashes.SHA256()))
    return c.public_bytes(serialization.Encoding.DER)


def sign_rs256(key, header: dict, claims: dict) -> str:
    h = b64(json.dumps(header, separators=(",", ":")).encode())
    p = b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = key.sign(f"{h}.{p}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{h}.{p}.{b64(sig)}"


def public(key) -> dict:
    n = key.public_key().public_numbers()
    return {"n": uint(n.n), "e": uint(n.e)}


g1, g2 = rsa_key(), rsa_key()
gkid1, gkid2 = hashlib.sha1(b"google-1").hexdigest(), hashlib.sha1(b"google-2").hexdigest()
google = {"keys": [
    {"e": public(g1)["e"], "kty": "RSA", "alg": "RS256", "n": public(g1)["n"], "use": "sig", "kid": gkid1},
    {"kid": gkid2, "n": public(g2)["n"], "use": "sig", "alg": "RS256", "kty": "RSA", "e": public(g2)["e"]},
]}
google_claims = {
    "iss": "https://accounts.google.com", "azp": "1234567890-abc.apps.googleusercontent.com",
    "aud": "1234567890-abc.apps.googleusercontent.com", "sub": "110169484474386276334",
    "email": "ada@example.com", "email_verified": True, "at_hash": "HK6E_P6Dh8Y93mRNtsDB1Q",
    "iat": NOW - 60, "exp": NOW + 3540,
}
g_opts = {"algorithms": ["RS256"], "issuer": ["https://accounts.google.com", "accounts.google.com"],
          "audience": "1234567890-abc.apps.googleusercontent.com"}

tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
ms_keys, ms_jwks = [], {"keys": []}
for i in range(3):
    k = rsa_key()
    der = cert_der(k)
    x5t = b64(hashlib.sha1(der).digest())
    ms_keys.append((k, x5t))
    ms_jwks["keys"].append({"kty": "RSA", "use": "sig", "kid": x5t, "x5t": x5t, **public(k),
                            "x5c": [base64.b64encode(der).decode()],
                            "issuer": f"https://login.microsoftonline.com/{tenant}/v2.0"})
ms_claims = {
    "aud": "6cb04018-a3f5-46a7-b995-940c78f5aef3", "iss": f"https://login.microsoftonline.com/{tenant}/v2.0",
    "iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 3540, "name": "Ada Lovelace",
    "oid": "00000000-0000-0000-66f3-3332eca7ea81", "preferred_username": "ada@example.com",
    "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", "tid": tenant, "ver": "2.0",
}
ms_opts = {"algorithms": ["RS256"], "issuer": ms_claims["iss"], "audience": ms_claims["aud"]}

vectors = []


def v(id, description, expect, token, jwks, options):
    vectors.append({"id": id, "source": "issue 8 (provider JWKS shapes)", "description": description,
                    "token": token, "jwks": jwks, "options": options, "now": NOW, "expect": expect})


v("google-id-token-kid-1", "Google-shaped JWKS, ID token signed by the first key",
  {"valid": True, "claims": google_claims},
  sign_rs256(g1, {"alg": "RS256", "kid": gkid1, "typ": "JWT"}, google_claims), google, g_opts)
v("google-id-token-kid-2", "Google-shaped JWKS, ID token signed by the second key (rotation)",
  {"valid": True, "claims": google_claims},
  sign_rs256(g2, {"alg": "RS256", "kid": gkid2, "typ": "JWT"}, google_claims), google, g_opts)
v("google-id-token-unknown-kid", "a kid the set does not have",
  {"error": "no_matching_key"},
  sign_rs256(g1, {"alg": "RS256", "kid": "0" * 40, "typ": "JWT"}, google_claims), google, g_opts)
v("google-id-token-kid-of-other-key", "kid names key 1, signed by key 2",
  {"error": "bad_signature"},
  sign_rs256(g2, {"alg": "RS256", "kid": gkid1, "typ": "JWT"}, google_claims), google, g_opts)
v("google-id-token-wrong-audience", "a token for another client",
  {"error": "audience_mismatch", "claim": "aud"},
  sign_rs256(g1, {"alg": "RS256", "kid": gkid1, "typ": "JWT"}, {**google_claims, "aud": "other.apps.googleusercontent.com"}),
  google, g_opts)
for i, (k, x5t) in enumerate(ms_keys):
    v(f"entra-id-token-key-{i + 1}", f"Microsoft Entra-shaped JWKS (x5t, x5c, issuer; no alg), key {i + 1} of 3",
      {"valid": True, "claims": ms_claims},
      sign_rs256(k, {"typ": "JWT", "alg": "RS256", "kid": x5t}, ms_claims), ms_jwks, ms_opts)
v("entra-id-token-ps256-refused", "Entra keys carry no alg: an RS256-bound key does not verify PS256 unless allowed",
  {"error": "alg_not_allowed"},
  sign_rs256(ms_keys[0][0], {"typ": "JWT", "alg": "PS256", "kid": ms_keys[0][1]}, ms_claims), ms_jwks, ms_opts)
v("entra-id-token-wrong-tenant", "an ID token from another tenant",
  {"error": "issuer_mismatch", "claim": "iss"},
  sign_rs256(ms_keys[1][0], {"typ": "JWT", "alg": "RS256", "kid": ms_keys[1][1]},
             {**ms_claims, "iss": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"}),
  ms_jwks, ms_opts)

with open(os.path.join(HERE, "providers.json"), "w") as f:
    json.dump({"description": "JWKS in Google's and Microsoft Entra's published shapes, with ID tokens (generated keys)",
               "vectors": vectors}, f, indent=1, ensure_ascii=False)
    f.write("\n")
