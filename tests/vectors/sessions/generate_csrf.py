"""Writes csrf.json: CSRF tokens (plain and masked), key rotation, refusals, and request-check
verdicts for header combinations, checked by the Rust, Python and JS suites.

Token values are computed here from the documented construction with Python's own hmac/hashlib
(not by jwtcore): token = nonce(16) ‖ HMAC-SHA256(key, "jwtcore/csrf-token/v1\\0" ‖ storage-key
bytes(32) ‖ nonce), masked = pad(48) ‖ (token ⊕ pad), both unpadded base64url. The request verdicts
are the policy table of the issue (OWASP CSRF cheat sheet + Fetch Metadata resource isolation),
written out by hand. Run: python3 generate_csrf.py"""

import base64
import hashlib
import hmac
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
LABEL = b"jwtcore/csrf-token/v1\0"


def b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def storage_key(raw_id: bytes, pepper: bytes | None = None) -> bytes:
    label = b"jwtcore/session-storage-key/v1\0"
    if pepper is None:
        return hashlib.sha256(label + raw_id).digest()
    return hmac.new(pepper, label + raw_id, hashlib.sha256).digest()


def rendered(sk: bytes) -> str:
    return "s1:" + sk.hex()


def token(key: bytes, sk: bytes, nonce: bytes) -> bytes:
    return nonce + hmac.new(key, LABEL + sk + nonce, hashlib.sha256).digest()


def masked(raw: bytes, pad: bytes) -> str:
    return b64(pad + bytes(a ^ b for a, b in zip(raw, pad)))


keys = [bytes([1] * 32), hashlib.sha256(b"mac key two").digest(), hashlib.sha256(b"mac key three").digest()]
sessions = [
    storage_key(bytes(range(32))),
    storage_key(bytes([0xFF] * 32)),
    storage_key(hashlib.sha256(b"session three").digest(), bytes([9] * 32)),
]
nonces = [bytes(16), bytes(range(16)), hashlib.sha256(b"nonce").digest()[:16]]
pads = [bytes(48), bytes([0xFF] * 48), hashlib.sha256(b"pad one").digest() + hashlib.sha256(b"pad two").digest()[:16]]

tokens = []
for i, sk in enumerate(sessions):
    key = keys[i % len(keys)]
    nonce = nonces[i]
    raw = token(key, sk, nonce)
    tokens.append({
        "key": key.hex(), "storage_key": rendered(sk), "nonce": nonce.hex(), "token": b64(raw),
        "masked": [{"pad": p.hex(), "value": masked(raw, p)} for p in pads],
    })

# Rotation: a token made under an old key verifies while that key is in `previous` (reissue), and
# stops verifying once it is dropped.
old, new = keys[1], keys[2]
rot_raw = token(old, sessions[0], nonces[1])
rot_value = masked(rot_raw, pads[2])
rotation = [
    {"why": "current key", "current": old.hex(), "previous": [], "storage_key": rendered(sessions[0]), "value": rot_value, "reissue": False},
    {"why": "previous key during rotation", "current": new.hex(), "previous": [keys[0].hex(), old.hex()],
     "storage_key": rendered(sessions[0]), "value": rot_value, "reissue": True},
    {"why": "plain form, previous key", "current": new.hex(), "previous": [old.hex()],
     "storage_key": rendered(sessions[0]), "value": b64(rot_raw), "reissue": True},
]

good_raw = token(keys[0], sessions[0], nonces[2])
good = masked(good_raw, pads[2])
good_plain = b64(good_raw)


def flip(s: str, i: int) -> str:
    return s[:i] + ("B" if s[i] != "B" else "C") + s[i + 1:]


def with_tag(tag_key: bytes, label: bytes) -> str:
    # The same inputs under another label (a signed-cookie style tag): must not verify as CSRF.
    return b64(nonces[2] + hmac.new(tag_key, label + sessions[0] + nonces[2], hashlib.sha256).digest())


k0, s0 = keys[0].hex(), rendered(sessions[0])
rejected = [
    {"why": "another session", "key": k0, "storage_key": rendered(sessions[1]), "value": good, "error": "session_csrf_mismatch"},
    {"why": "same ID, peppered storage key", "key": k0, "storage_key": rendered(storage_key(bytes(range(32)), bytes([9] * 32))),
     "value": good, "error": "session_csrf_mismatch"},
    {"why": "key dropped after rotation", "key": keys[1].hex(), "storage_key": s0, "value": good, "error": "session_csrf_mismatch"},
    {"why": "pad altered", "key": k0, "storage_key": s0, "value": flip(good, 3), "error": "session_csrf_mismatch"},
    {"why": "masked nonce altered", "key": k0, "storage_key": s0, "value": flip(good, 70), "error": "session_csrf_mismatch"},
    {"why": "masked tag altered, last full group", "key": k0, "storage_key": s0, "value": flip(good, 124), "error": "session_csrf_mismatch"},
    {"why": "plain tag altered", "key": k0, "storage_key": s0, "value": flip(good_plain, 60), "error": "session_csrf_mismatch"},
    {"why": "tag without the CSRF label", "key": k0, "storage_key": s0, "value": with_tag(keys[0], b""), "error": "session_csrf_mismatch"},
    {"why": "signed-cookie label", "key": k0, "storage_key": s0, "value": with_tag(keys[0], b"jwtcore/signed-cookie/v1\0"),
     "error": "session_csrf_mismatch"},
    {"why": "a character appended", "key": k0, "storage_key": s0, "value": good + "A", "error": "session_csrf_malformed"},
    {"why": "a character removed", "key": k0, "storage_key": s0, "value": good[:-1], "error": "session_csrf_malformed"},
    {"why": "padding", "key": k0, "storage_key": s0, "value": good_plain[:-1] + "=", "error": "session_csrf_malformed"},
    {"why": "standard base64 alphabet", "key": k0, "storage_key": s0, "value": "+" + good[1:], "error": "session_csrf_malformed"},
    {"why": "whitespace", "key": k0, "storage_key": s0, "value": " " + good_plain[1:], "error": "session_csrf_malformed"},
    {"why": "empty", "key": k0, "storage_key": s0, "value": "", "error": "session_csrf_malformed"},
    {"why": "a session ID is not a token", "key": k0, "storage_key": s0, "value": b64(bytes(range(32))), "error": "session_csrf_malformed"},
]

ALLOWED = ["https://app.example", "http://localhost:8000"]
strict = {"allowed_origins": ALLOWED}
same_site = {"allowed_origins": ALLOWED, "allow_same_site": True}
lax = {"allowed_origins": ALLOWED, "allow_missing_origin": True, "allow_null_origin": True}


def req(why, policy, method, site, origin, referer, allowed, reason):
    return {"why": why, "policy": policy, "method": method, "sec_fetch_site": site, "origin": origin,
            "referer": referer, "allowed": allowed, "reason": reason}


requests = [
    req("GET is safe even cross-site", strict, "GET", "cross-site", "https://evil.test", None, True, "safe_method"),
    req("HEAD is safe", strict, "HEAD", None, None, None, True, "safe_method"),
    req("OPTIONS is safe", strict, "OPTIONS", "cross-site", None, None, True, "safe_method"),
    req("TRACE is safe", strict, "TRACE", None, None, None, True, "safe_method"),
    req("lowercase method is not safe", strict, "get", "cross-site", None, None, False, "cross_site"),
    req("same-origin POST", strict, "POST", "same-origin", "https://app.example", None, True, "same_origin"),
    req("user-initiated POST", strict, "POST", "none", None, None, True, "user_initiated"),
    req("cross-site POST form", strict, "POST", "cross-site", "https://evil.test", None, False, "cross_site"),
    req("cross-site wins over a listed Origin", strict, "DELETE", "cross-site", "https://app.example", None, False, "cross_site"),
    req("same-site refused by default", strict, "PUT", "same-site", "https://app.example", None, False, "same_site"),
    req("same-site allowed from a listed origin", same_site, "PUT", "same-site", "https://app.example", None, True, "same_site_listed"),
    req("same-site sibling not listed", same_site, "PATCH", "same-site", "https://ugc.app.example", None, False, "same_site"),
    req("same-site without Origin", same_site, "POST", "same-site", None, None, False, "same_site"),
    req("unknown Sec-Fetch-Site", strict, "POST", "cross-origin", "https://app.example", None, False, "fetch_site_invalid"),
    req("Sec-Fetch-Site is case-sensitive", strict, "POST", "Same-Origin", None, None, False, "fetch_site_invalid"),
    req("no Fetch Metadata, listed Origin", strict, "POST", None, "https://app.example", None, True, "origin_listed"),
    req("explicit default port is the same origin", strict, "POST", None, "https://app.example:443", None, True, "origin_listed"),
    req("host case does not matter", strict, "POST", None, "https://APP.Example", None, True, "origin_listed"),
    req("listed origin with port", strict, "POST", None, "http://localhost:8000", None, True, "origin_listed"),
    req("other port", strict, "POST", None, "http://localhost:8001", None, False, "origin_mismatch"),
    req("other scheme", strict, "POST", None, "http://app.example", None, False, "origin_mismatch"),
    req("listed origin as a prefix", strict, "POST", None, "https://app.example.evil.test", None, False, "origin_mismatch"),
    req("listed origin as a suffix", strict, "POST", None, "https://evil-app.example", None, False, "origin_mismatch"),
    req("Origin with a path", strict, "POST", None, "https://app.example/", None, False, "origin_mismatch"),
    req("Origin with userinfo", strict, "POST", None, "https://app.example@evil.test", None, False, "origin_mismatch"),
    req("two Origins", strict, "POST", None, "https://app.example https://evil.test", None, False, "origin_mismatch"),
    req("null Origin refused", strict, "POST", None, "null", "https://app.example/form", False, "origin_null"),
    req("null Origin allowed by option", lax, "POST", None, "null", None, True, "null_origin"),
    req("Referer ignored when Origin present", strict, "POST", None, "https://evil.test", "https://app.example/form", False, "origin_mismatch"),
    req("Referer fallback, listed", strict, "POST", None, None, "https://app.example/account?tab=1", True, "referer_listed"),
    req("Referer fallback, other site", strict, "POST", None, None, "https://evil.test/https://app.example/", False, "referer_mismatch"),
    req("Referer fallback, listed origin in the query", strict, "POST", None, None, "https://evil.test/?r=https://app.example", False, "referer_mismatch"),
    req("Referer fallback, prefix host", strict, "POST", None, None, "https://app.example.evil.test/", False, "referer_mismatch"),
    req("no Origin or Referer refused", strict, "POST", None, None, None, False, "origin_missing"),
    req("empty headers count as absent", strict, "POST", "", "", "", False, "origin_missing"),
    req("no Origin or Referer allowed by option", lax, "POST", None, None, None, True, "no_origin"),
    req("option does not excuse a foreign Referer", lax, "POST", None, None, "https://evil.test/", False, "referer_mismatch"),
]

with open(os.path.join(HERE, "csrf.json"), "w") as f:
    json.dump({
        "description": "CSRF tokens (expected values from Python's hmac/hashlib) and request-check verdicts",
        "tokens": tokens, "rotation": rotation, "rejected_tokens": rejected, "requests": requests,
    }, f, indent=1)
    f.write("\n")
