#!/usr/bin/env bash
# `make demo`, JS step: the tokens the Rust demo issued (target/demo) verified in Node through the
# packed npm package (jose-style API), each key imported from the demo's JWKS by kid. Packs and
# installs the package into target/npm/scratch first when it is missing there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=target/npm/scratch
if [[ ! -f $scratch/node_modules/jwtcore/package.json ]]; then
    scripts/npm-pack.sh >/dev/null
    (cd "$scratch" && npm install --no-audit --no-fund --loglevel=error --no-save "$(ls "$root"/target/npm/jwtcore-*.tgz)")
fi
cd "$scratch"
JWTCORE_DEMO="$root/target/demo" node --input-type=module - <<'JS'
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as jwt from 'jwtcore';

const dir = process.env.JWTCORE_DEMO;
const jwks = JSON.parse(readFileSync(join(dir, 'jwks.json'), 'utf8'));
let last;
for (const f of readdirSync(dir).filter((f) => f.endsWith('.jwt')).sort()) {
  const token = readFileSync(join(dir, f), 'utf8').trim();
  const { alg, kid } = jwt.decodeProtectedHeader(token);
  const key = jwt.importJWKSync(jwks.keys.find((k) => k.kid === kid));
  const { payload } = jwt.jwtVerifySync(token, key, {
    algorithms: [alg], audience: 'api.example.com', issuer: 'https://auth.example.com', clockTolerance: 30,
  });
  console.log(`node    ${alg.padEnd(6)} verified  sub=${payload.sub}  roles=${JSON.stringify(payload.roles)}`);
  last = { token, key, alg };
}
const i = last.token.length - 10;
const forged = last.token.slice(0, i) + (last.token[i] === 'A' ? 'B' : 'A') + last.token.slice(i + 1);
try {
  jwt.jwtVerifySync(forged, last.key, { algorithms: [last.alg], audience: 'api.example.com' });
} catch (e) {
  console.log(`node    tampered token  -> ${e.name} (${e.code})`);
}
JS
