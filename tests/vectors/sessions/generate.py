"""Writes sessions.json: session-cookie, storage-key and Set-Cookie vectors that the Rust, Python
and JS suites all check. The expected values are computed here from the documented constructions
with Python's own hmac/hashlib (not by jwtcore), so the three surfaces are checked against an
independent implementation, not only against each other. Run: python3 generate.py"""

import base64
import hashlib
import hmac
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def cookie(key: bytes, name: str, raw_id: bytes) -> str:
    # HMAC-SHA256(key, label ‖ u16be(len(name)) ‖ name ‖ id), value = b64(id) "." b64(tag)
    msg = b"jwtcore/signed-cookie/v1\0" + struct.pack(">H", len(name.encode())) + name.encode() + raw_id
    return b64(raw_id) + "." + b64(hmac.new(key, msg, hashlib.sha256).digest())


def storage_key(raw_id: bytes, pepper: bytes | None) -> str:
    label = b"jwtcore/session-storage-key/v1\0"
    d = hashlib.sha256(label + raw_id).digest() if pepper is None else hmac.new(pepper, label + raw_id, hashlib.sha256).digest()
    return "s1:" + d.hex()


ids = [bytes(range(32)), bytes([0xFF] * 32), hashlib.sha256(b"session three").digest()]
keys = [bytes([1] * 32), hashlib.sha256(b"mac key two").digest()]
names = ["__Host-id", "sid", "__Secure-session", "a-much-longer-cookie-name-for-the-vector"]

cookies = []
for i, raw in enumerate(ids):
    for j, key in enumerate(keys):
        name = names[(i + j) % len(names)]
        cookies.append({"key": key.hex(), "name": name, "session_id": b64(raw), "value": cookie(key, name, raw)})

good = cookie(keys[0], "__Host-id", ids[0])
sid, tag = good.split(".")
flip = lambda s, i: s[:i] + ("B" if s[i] != "B" else "C") + s[i + 1:]  # noqa: E731
rejected = [
    {"why": "signed under another key", "key": keys[1].hex(), "name": "__Host-id", "value": good, "error": "session_cookie_signature"},
    {"why": "signed for another cookie name", "key": keys[0].hex(), "name": "sid", "value": good, "error": "session_cookie_signature"},
    {"why": "tag altered", "key": keys[0].hex(), "name": "__Host-id", "value": sid + "." + flip(tag, 5), "error": "session_cookie_signature"},
    {"why": "ID altered", "key": keys[0].hex(), "name": "__Host-id", "value": flip(sid, 5) + "." + tag, "error": "session_cookie_signature"},
    {"why": "a byte appended", "key": keys[0].hex(), "name": "__Host-id", "value": good + "A", "error": "session_cookie_malformed"},
    {"why": "a byte removed", "key": keys[0].hex(), "name": "__Host-id", "value": good[:-1], "error": "session_cookie_malformed"},
    {"why": "no separator", "key": keys[0].hex(), "name": "__Host-id", "value": sid + tag + "A", "error": "session_cookie_malformed"},
    {"why": "padded base64", "key": keys[0].hex(), "name": "__Host-id", "value": sid + "=." + tag, "error": "session_cookie_malformed"},
]

storage = []
for raw in ids:
    for pepper in (None, bytes([9] * 32)):
        storage.append({"session_id": b64(raw), "pepper": pepper.hex() if pepper else None, "storage_key": storage_key(raw, pepper)})

set_cookie = [
    {"options": {}, "value": "abc", "header": "__Host-id=abc; Path=/; Secure; HttpOnly; SameSite=Lax"},
    {"options": {"max_age": 3600}, "value": "abc", "header": "__Host-id=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax"},
    {"options": {"name": "sid", "path": "/app", "same_site": "Strict"}, "value": "v",
     "header": "sid=v; Path=/app; Secure; HttpOnly; SameSite=Strict"},
    {"options": {"clear": True}, "value": "",
     "header": "__Host-id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"},
]

with open(os.path.join(HERE, "sessions.json"), "w") as f:
    json.dump({"description": "Signed session cookies, storage keys and Set-Cookie headers; expected values from Python's hmac/hashlib",
               "cookies": cookies, "rejected_cookies": rejected, "storage_keys": storage, "set_cookie": set_cookie},
              f, indent=1)
    f.write("\n")
