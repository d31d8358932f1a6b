#!/usr/bin/env bash
# `make demo`, Python step: the tokens the Rust demo issued (target/demo) verified through the
# installed jwtcore wheel with PyJWT's API, keys picked from the JWKS by kid. Builds and installs
# the wheel first if .venv lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! .venv/bin/python -c "import jwtcore" 2>/dev/null; then
    [[ -x .venv/bin/python ]] || python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check maturin
    .venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o target/wheels
    .venv/bin/pip install -q --force-reinstall --no-deps target/wheels/jwtcore-*.whl
fi
cd target/demo
../../.venv/bin/python - <<'PY'
import glob
import jwtcore as jwt

keys = jwt.PyJWKSet.from_json(open("jwks.json").read())
for path in sorted(glob.glob("*.jwt")):
    token = open(path).read().strip()
    header = jwt.get_unverified_header(token)
    key = keys[header["kid"]]
    # The PyJWK is bound to its algorithm, which is then the whole allow-list (never take
    # `algorithms` from the token's own header: RFC 8725 section 2.1).
    claims = jwt.decode(token, key, audience="api.example.com", issuer="https://auth.example.com", leeway=30)
    print(f"python  {header['alg']:<6} verified  sub={claims['sub']}  roles={claims['roles']}")
try:
    jwt.decode(token[:-2] + ("AA" if not token.endswith("AA") else "BA"), key, audience="api.example.com")
except jwt.PyJWTError as e:
    print(f"python  tampered token  -> {type(e).__name__} ({e.code})")
PY
