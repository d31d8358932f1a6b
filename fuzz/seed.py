#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the conformance vectors (stdlib only, idempotent)."""
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


for fname in sorted(os.listdir(vectors)):
    if not fname.endswith(".json") or fname == "error-codes.json":
        continue
    with open(os.path.join(vectors, fname)) as f:
        for v in json.load(f)["vectors"]:
            if v.get("token"):
                # verify takes arbitrary-derived input; the raw token as a prefix still helps.
                put("verify", v["token"])
            if v.get("key"):
                put("keys", json.dumps(v["key"]))
            if v.get("jwks"):
                put("keys", json.dumps(v["jwks"]))
for pem in os.listdir(os.path.join(here, "..", "tests", "fixtures", "keys")):
    if pem.endswith(".pem") or pem.endswith(".der"):
        with open(os.path.join(here, "..", "tests", "fixtures", "keys", pem), "rb") as f:
            put("keys", f.read())
put("session", "__Host-id=abc; theme=dark")
