// The shared conformance vectors (tests/vectors) through the installed npm package: the same
// verdict and core error code as the Rust runner, thrown as the jose class error-codes.json names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jwt from 'jwtcore';
import { MemoryStore, Sessions, RefreshService } from 'jwtcore/stores';
import { PYJWT_ONLY, cases, optionsOf, table } from './vector-cases.mjs';

const dir = process.env.JWTCORE_VECTORS;
assert.ok(dir, 'JWTCORE_VECTORS must point at tests/vectors');

// Without JWTCORE_PORTABLE=1 (scripts/test-js.sh runs both) this is the package's default build:
// the lite module, no curve or RSA arithmetic. Its private asymmetric keys are platform keys
// (CryptoKeys from importJWK), which verify no token: those vectors need the portable build (the
// `jwtcore-portable` condition, the first run). Everything else, JWS payloads with asymmetric
// KeyLikes included (the core's two-phase verify, the platform's arithmetic), must give the same
// verdict as the portable build.
const LITE = process.env.JWTCORE_PORTABLE !== '1';
const asymmetric = (k) => k && k.kty !== 'oct';
function skipReason(v) {
  const o = v.options || {};
  if (PYJWT_ONLY.some((k) => k in o)) return 'PyJWT-only option';
  if (LITE && v.kind !== 'jwk' && asymmetric(v.key) && 'd' in v.key) return 'default build: a private key verifies only in the portable build';
  // WebCrypto holds a private key only to sign; one whose JWK forbids that is refused (not bound
  // to a use it does not allow), where the portable build holds it in WebAssembly.
  if (LITE && asymmetric(v.key) && 'd' in v.key && v.key.use !== undefined && v.key.use !== 'sig') return 'default build: a private JWK not for signatures needs the portable build';
  return undefined;
}

const b64 = (s) => new Uint8Array(Buffer.from(s, 'base64url'));

function key(v) {
  if (v.jwks) return jwt.createLocalJWKSet(v.jwks);
  const k = v.key || {};
  if (k.kty === 'oct' && !('alg' in k)) return b64(k.k);
  return jwt.importJWKSync(k);
}

test('the jose class table matches error-codes.json and covers every core code', () => {
  for (const { code, jose } of table) {
    const cls = jwt.errors._BY_CODE[code];
    assert.ok(cls, `no class for ${code}`);
    assert.equal(cls.code, jose, code);
  }
  assert.deepEqual(Object.keys(jwt.errors._BY_CODE).sort(), table.map((c) => c.code).sort());
  for (const code of jwt.errorCodes()) assert.ok(jwt.errors._BY_CODE[code], `core code ${code} unmapped`);
});

test('algorithms() is the core table in tests/vectors/tables/algorithms.json', () => {
  // The file the core's conformance test checks jwtcore::algorithms() against.
  const expected = JSON.parse(readFileSync(join(dir, 'tables', 'algorithms.json'), 'utf8')).algorithms;
  // The file is the full build's table; the wasm build leaves the core's es512 and es256k
  // features off (size), so it lists those rows as unsupported.
  const offInWasm = ['ES512', 'ES256K'];
  const wasmTable = expected.map((r) => (offInWasm.includes(r.name) ? { ...r, supported: false } : r));
  assert.deepEqual(jwt.algorithms(), wasmTable);
  // Copies: editing the result does not change what the package itself reads.
  jwt.algorithms()[0].family = 'rsa';
  assert.equal(jwt.algorithms()[0].family, expected[0].family);
});

test('the HMAC family the package uses comes from the table', async () => {
  const hmac = expected().filter((a) => a.family === 'hmac').map((a) => a.name);
  // generateSecret accepts exactly the table's HMAC algorithms.
  for (const a of expected().map((r) => r.name)) {
    if (hmac.includes(a)) assert.equal((await jwt.generateSecret(a, { extractable: true })).algorithm, a);
    else await assert.rejects(jwt.generateSecret(a), { code: 'ERR_JOSE_NOT_SUPPORTED' }, a);
  }
  // An `oct` JWK without alg binds each HMAC algorithm whose minimum length it meets.
  const k = jwt.base64url.encode(new Uint8Array(48).fill(7));
  const key = await jwt.importJWK({ kty: 'oct', k });
  const ok = expected().filter((a) => a.family === 'hmac' && a.hmac_min_key_len <= 48).map((a) => a.name);
  assert.deepEqual(ok, ['HS256', 'HS384']);
  for (const alg of ok) {
    const t = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg }).sign(key);
    assert.equal((await jwt.jwtVerify(t, key)).protectedHeader.alg, alg);
  }
  const hs512 = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS512' }).sign(key).then(() => 'signed', (e) => e);
  assert.notEqual(hs512, 'signed');
});

test('the session classes default to the core constants in tables/session-defaults.json', () => {
  // The file the core's conformance test checks Timeouts::DEFAULT and RefreshPolicy::DEFAULT against.
  const d = JSON.parse(readFileSync(join(dir, 'tables', 'session-defaults.json'), 'utf8'));
  const store = new MemoryStore();
  const sessions = new Sessions({ store, keys: new jwt.session.SessionKeys({ current: jwt.session.generateSessionSecret() }) });
  assert.deepEqual(sessions.timeouts, {
    idle: d.session.idle,
    absolute: d.session.absolute,
    touchAfter: d.session.touch_after,
    renewAfter: d.session.renew_after ?? undefined,
  });
  const refresh = new RefreshService({ store, current: jwt.session.generateSessionSecret() });
  assert.equal(refresh.absolute, d.refresh.absolute);
  // An explicit option still wins over the default.
  assert.equal(new Sessions({ store, keys: sessions.keys, timeouts: { idle: 5 } }).timeouts.idle, 5);
});

function expected() {
  return JSON.parse(readFileSync(join(dir, 'tables', 'algorithms.json'), 'utf8')).algorithms;
}

let ran = 0;
const skipped = {};
for (const v of cases) {
  const why = skipReason(v);
  if (why) {
    skipped[why] = (skipped[why] || 0) + 1;
    test(v.id, { skip: why }, () => {});
    continue;
  }
  ran++;
  test(v.id, async () => {
    const want = v.expect;
    let got;
    let err;
    try {
      if (v.kind === 'jwk') {
        // The default build holds a private key on the platform: an extractable CryptoKey, whose
        // thumbprint the core computes from its public half.
        const k = LITE && asymmetric(v.key) && 'd' in v.key ? await jwt.importJWK(v.key, undefined, { extractable: true }) : jwt.importJWKSync(v.key);
        if (LITE && asymmetric(v.key) && 'd' in v.key) assert.equal(k.constructor.name, 'CryptoKey');
        got = { thumbprint: await jwt.calculateJwkThumbprint(k) };
      } else if (v.kind === 'jws') {
        // Any payload (RFC 7515 A.x, RFC 8037 A.4): jose's compactVerify, checked by the core's
        // verify_jws (header rules and signature; no claims).
        const r = await jwt.compactVerify(v.token, key(v), { algorithms: v.options?.algorithms });
        got = { payload: new TextDecoder().decode(r.payload), protectedHeader: r.protectedHeader };
      } else {
        got = jwt.jwtVerifySync(v.token, key(v), optionsOf(v));
      }
    } catch (e) {
      err = e;
    }
    if (v.kind === 'jwt' || v.kind === undefined) {
      // The async API (ECDSA and RSA signatures on WebCrypto) gives the same verdict and code.
      let asyncErr;
      let asyncGot;
      try {
        asyncGot = await jwt.jwtVerify(v.token, key(v), optionsOf(v));
      } catch (e) {
        asyncErr = e;
      }
      assert.equal(asyncErr?.jwtcoreCode, err?.jwtcoreCode, `async: ${asyncErr?.message} / sync: ${err?.message}`);
      assert.deepEqual(asyncGot?.payload, got?.payload);
    }
    if ('error' in want) {
      assert.ok(err, `expected ${want.error}, got valid`);
      assert.ok(err instanceof jwt.errors.JOSEError, `not a JOSEError: ${err}`);
      assert.equal(err.jwtcoreCode, want.error, err.message);
      assert.equal(err.code, table.find((c) => c.code === want.error).jose);
      if (want.claim && 'claim' in err) assert.equal(err.claim, want.claim);
      return;
    }
    assert.equal(err, undefined, `expected valid, got ${err?.jwtcoreCode}: ${err?.message}`);
    if (want.thumbprint) assert.equal(got.thumbprint, want.thumbprint);
    if (want.claims) assert.deepEqual(got.payload, want.claims);
    if (typeof want.payload === 'string') assert.equal(got.payload, want.payload);
    if (want.header) assert.deepEqual(got.protectedHeader, want.header);
  });
}

test('most vectors run through the package', () => {
  // Guards against the filter silently skipping everything.
  assert.ok(ran >= 180, `only ${ran} of ${cases.length} ran; skipped ${JSON.stringify(skipped)}`);
  if (LITE) console.log(`default build (lite module): ${ran} of ${cases.length} vectors ran; skipped ${JSON.stringify(skipped)}`);
});
