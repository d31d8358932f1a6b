// Long-running checks (issue 15 F5): synchronous verifications through a JWK set and through a single
// key, valid and forged tokens mixed, must leave the WebAssembly memory where it was after warm-up.
// Wasm memory never shrinks, so a per-call allocation that is only released by the garbage collector
// (or never) shows up as growth here; on ee0121d the JWK-set path grew by about 120 MiB per 200k ES256
// calls. The `jwtcore/verify` entry (its own module, async, WebCrypto) gets the same check, plus the
// JS heap and RSS, since what it caches per key, set position and options lives on the JS side.
// JWTCORE_MEMORY_N overrides the count (default 200,000 per test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as jose from 'jose';
import * as jwt from 'jwtcore';
import * as v from 'jwtcore/verify';

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

// ---- jwtcore/verify -------------------------------------------------------------------------------

// A full collection before each reading of the heap, so that only what is still reachable counts.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
setFlagsFromString('--no-expose-gc');

/** The verify entry's own WebAssembly memory: its glue hands back the instantiated module's exports. */
async function verifyModuleMemory() {
  const glue = await import(new URL('./jwtcore_verify.js', import.meta.resolve('jwtcore/verify')).href);
  const { memory } = glue.initSync();
  return () => memory.buffer.byteLength;
}

function heap() {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

test(`jwtcore/verify: ${N} verifications with a JWK set, a raw secret and a CryptoKey keep wasm memory, the heap and RSS flat`, async (t) => {
  const wasmBytes = await verifyModuleMemory();
  const subtle = globalThis.crypto.subtle;
  const es = await Promise.all([0, 1, 2].map(() => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])));
  const ed = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const keys = await Promise.all(es.map(async (p, i) => ({ ...(await subtle.exportKey('jwk', p.publicKey)), kid: `k${i}`, alg: 'ES256' })));
  const sign = (alg, key, kid) =>
    Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        new jose.SignJWT({ n, sub: `user-${n}` }).setProtectedHeader(kid ? { alg, kid } : { alg }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('1h').sign(key),
      ),
    );
  // Each key kind in turn: a set position (its cached entry and WebCrypto key), a raw secret (its
  // MAC key imported per call), a CryptoKey the core has not seen (its cached description).
  const kinds = [
    { key: v.createLocalJWKSet({ keys }), tokens: await sign('ES256', es[1].privateKey, 'k1') },
    { key: secret, tokens: await sign('HS256', secret) },
    { key: ed.publicKey, tokens: await sign('EdDSA', ed.privateKey) },
  ];
  for (const k of kinds) k.forged = k.tokens.map(forge);
  let next = 0;
  let rejected = 0;
  let start;
  const t0 = process.hrtime.bigint();
  // Sixteen verifications in flight: WebCrypto runs on libuv's thread pool, so both cores work.
  const worker = async () => {
    for (let i = next++; i < N; i = next++) {
      if (i === WARMUP) start = { wasm: wasmBytes(), ...heap() };
      const k = kinds[i % 3];
      const j = (i >> 2) % 8;
      // A fresh options object each call, as a server passes them: a cache keyed by the object
      // instead of by what it says would grow here.
      const options = { issuer: 'https://idp.example', audience: 'api' };
      if (i % 4 === 3) {
        await assert.rejects(v.jwtVerify(k.forged[j], k.key, options), v.errors.JWSSignatureVerificationFailed);
        rejected++;
      } else {
        assert.equal((await v.jwtVerify(k.tokens[j], k.key, options)).payload.n, j);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const us = Number(process.hrtime.bigint() - t0) / 1000 / N;
  const end = { wasm: wasmBytes(), ...heap() };
  assert.equal(rejected, N / 4);
  const mib = (b) => (b / MiB).toFixed(1);
  t.diagnostic(
    `wasm memory ${mib(start.wasm)} -> ${mib(end.wasm)} MiB, heap ${mib(start.heap)} -> ${mib(end.heap)} MiB, RSS ${mib(start.rss)} -> ${mib(end.rss)} MiB, ${us.toFixed(1)} us/verify`,
  );
  // Wasm memory as in the tests above. A set entry, a WebCrypto key or a policy kept per call is
  // several hundred bytes of heap (and a key's native half in RSS): tens of MiB over these calls.
  // RSS moves by up to about 30 MiB without any leak (the allocator's arenas for the thread pool).
  assert.ok(end.wasm - start.wasm <= MiB, `wasm memory grew by ${mib(end.wasm - start.wasm)} MiB`);
  assert.ok(end.heap - start.heap <= 4 * MiB, `the JS heap grew by ${mib(end.heap - start.heap)} MiB`);
  assert.ok(end.rss - start.rss <= 64 * MiB, `RSS grew by ${mib(end.rss - start.rss)} MiB`);
});
