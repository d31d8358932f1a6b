"""The one token every Python bench here measures: the same HS256 secret, claims and decode options,
so the figures of `bench.py`, `profile_decode.py` and `profile_encode.py` describe the same work.

The scripts run as files (`.venv/bin/python bindings-python/bench/<script>.py`), which puts this
folder first on `sys.path`, so they import it as `workload`.
"""

SECRET = b"0123456789abcdef0123456789abcdef"
# A typical access token's claims: registered ones (RFC 7519 §4.1) and a few application ones.
CLAIMS = {
    "sub": "user-1234567890",
    "iss": "https://auth.example.com",
    "aud": "api.example.com",
    "exp": 4102444800,
    "nbf": 1700000000,
    "iat": 1700000000,
    "jti": "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "name": "Alice Example",
    "roles": ["admin", "editor", "viewer"],
}
# What every decode checks besides the signature and the times: the audience and the issuer.
KW = dict(audience="api.example.com", issuer="https://auth.example.com")
