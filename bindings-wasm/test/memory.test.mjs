// Long-running checks (issue 15 F5): synchronous verifications through a JWK set and through a single
// key, valid and forged tokens mixed, must leave the WebAssembly memory where it was after warm-up.
// Wasm memory never shrinks, so a per-call allocation that is only released by the garbage collector
// (or never) shows up as growth here; on ee0121d the JWK-set path grew by about 120 MiB per 200k ES256
// calls. JWTCORE_MEMORY_N overrides the count (default 200,000 per path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jwt from 'jwtcore';

const N = Number(process.env.JWTCORE_MEMORY_N ?? 200_000);
const WARMUP = 5_000;
const MiB = 1024 * 1024;

function forge(t) {
  const [h, p, s] = t.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[7] ^= 0x20;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

/** Runs `n` verifications (every fourth forged), returns memory after warm-up and at the end. */
function run(tokens, key, options) {
  const forged = tokens.map(forge);
  let start = 0;
  let rejected = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    if (i === WARMUP) start = jwt._wasmMemoryBytes();
    const j = i % tokens.length;
    if (i % 4 === 3) {
      try {
        jwt.jwtVerifySync(forged[j], key, options);
        assert.fail('a forged token verified');
      } catch (e) {
        if (!(e instanceof jwt.errors.JWSSignatureVerificationFailed)) throw e;
        rejected++;
      }
    } else {
      assert.equal(jwt.jwtVerifySync(tokens[j], key, options).payload.n, j);
    }
  }
  const us = Number(process.hrtime.bigint() - t0) / 1000 / N;
  assert.equal(rejected, N / 4);
  return { start, end: jwt._wasmMemoryBytes(), us };
}

async function tokensFor(privateKey, alg, kid) {
  return Promise.all(
    Array.from({ length: 8 }, (_, n) =>
      new jwt.SignJWT({ n, sub: `user-${n}` }).setProtectedHeader(kid ? { alg, kid } : { alg }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('1h').sign(privateKey),
    ),
  );
}

const options = { issuer: 'https://idp.example', audience: 'api' };

test(`F5: ${N} synchronous ES256 verifications through a JWK set keep wasm memory flat`, async (t) => {
  const pairs = await Promise.all([0, 1, 2].map(() => jwt.generateKeyPair('ES256')));
  const jwks = { keys: await Promise.all(pairs.map(async (p, i) => ({ ...(await jwt.exportJWK(p.publicKey)), kid: `k${i}`, alg: 'ES256' }))) };
  const JWKS = jwt.createLocalJWKSet(jwks);
  const r = run(await tokensFor(pairs[1].privateKey, 'ES256', 'k1'), JWKS, options);
  t.diagnostic(`JWK set: wasm memory ${(r.start / MiB).toFixed(1)} -> ${(r.end / MiB).toFixed(1)} MiB, ${r.us.toFixed(1)} us/verify`);
  assert.ok(r.end - r.start <= MiB, `wasm memory grew by ${((r.end - r.start) / MiB).toFixed(1)} MiB`);
});

test(`F5: ${N} synchronous ES256 verifications with a single key keep wasm memory flat`, async (t) => {
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const r = run(await tokensFor(privateKey, 'ES256'), publicKey, options);
  t.diagnostic(`single key: wasm memory ${(r.start / MiB).toFixed(1)} -> ${(r.end / MiB).toFixed(1)} MiB, ${r.us.toFixed(1)} us/verify`);
  assert.ok(r.end - r.start <= MiB, `wasm memory grew by ${((r.end - r.start) / MiB).toFixed(1)} MiB`);
});

test(`F5: ${N} synchronous HS256 verifications with a single key keep wasm memory flat`, async (t) => {
  const key = await jwt.generateSecret('HS256');
  const r = run(await tokensFor(key, 'HS256'), key, options);
  t.diagnostic(`HS256: wasm memory ${(r.start / MiB).toFixed(1)} -> ${(r.end / MiB).toFixed(1)} MiB, ${r.us.toFixed(1)} us/verify`);
  assert.ok(r.end - r.start <= MiB, `wasm memory grew by ${((r.end - r.start) / MiB).toFixed(1)} MiB`);
});
