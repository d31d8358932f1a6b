#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the conformance vectors (stdlib only, idempotent)."""
import base64
import binascii
import hashlib
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
vectors = os.path.join(here, "..", "tests", "vectors")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)


def b64url(seg):
    try:
        return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))
    except (binascii.Error, ValueError):
        return None


# jsonwebtoken_diff input: [key, flags, required, leeway, sig, segment, param, mode] + rest
# (see the target's header). Keys: 0 HS256, 1 ES256, 2 EdDSA. Option sets: none checked; the
# time claims and aud checked; everything configured (aud/iss/sub) with a 60 s leeway.
DIFF_OPTIONS = [(0x00, 0x00, 0), (0x1D, 0x01, 0), (0xFF, 0x1F, 60)]
DIFF_KEYS = {"HS256": 0, "HS384": 0, "HS512": 0, "ES256": 1, "EdDSA": 2}


def put_diff(token):
    parts = token.split(".")
    header = b64url(parts[0]) if parts else None
    alg = None
    if header is not None:
        try:
            alg = json.loads(header).get("alg")
        except (ValueError, AttributeError):
            alg = None
    key = DIFF_KEYS.get(alg if isinstance(alg, str) else "", 0)
    for flags, required, leeway in DIFF_OPTIONS:
        opts = bytes([key, flags, required, leeway])
        put("jsonwebtoken_diff", opts + bytes([0, 0, 0, 0]) + token.encode())
        payload = b64url(parts[1]) if len(parts) > 1 else None
        if header is not None and payload is not None and b"\0" not in header:
            # mode 1: the vector's own header and claims, re-signed with the target's keys
            put("jsonwebtoken_diff", opts + bytes([0, 0, 0, 1]) + header + b"\0" + payload)


for fname in sorted(os.listdir(vectors)):
    if not fname.endswith(".json") or fname == "error-codes.json":
        continue
    with open(os.path.join(vectors, fname)) as f:
        for v in json.load(f)["vectors"]:
            if v.get("token"):
                # verify takes arbitrary-derived input; the raw token as a prefix still helps.
                put("verify", v["token"])
                put_diff(v["token"])
                # claims_de takes the payload bytes themselves.
                segs = v["token"].split(".")
                claims = b64url(segs[1]) if len(segs) > 1 else None
                if claims:
                    put("claims_de", claims)
            if v.get("key"):
                put("keys", json.dumps(v["key"]))
            if v.get("jwks"):
                put("keys", json.dumps(v["jwks"]))
for pem in os.listdir(os.path.join(here, "..", "tests", "fixtures", "keys")):
    if pem.endswith(".pem") or pem.endswith(".der"):
        with open(os.path.join(here, "..", "tests", "fixtures", "keys", pem), "rb") as f:
            put("keys", f.read())
put("session", "__Host-id=abc; theme=dark")
# jsonwebtoken_diff mode 2 (the structure-aware generator): a few byte strings to start from.
for key in range(3):
    for i in range(8):
        rest = hashlib.sha256(b"diff-%d-%d" % (key, i)).digest() * 4
        put("jsonwebtoken_diff", bytes([key, 0x1D if i % 2 else 0, 0x1F if i > 3 else 0, 30, i, 0, i, 2]) + rest)
