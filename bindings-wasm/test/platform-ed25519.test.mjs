// Issue 22: Ed25519 verification on the platform (node:crypto on Node, sync and async; WebCrypto in
// browsers and other runtimes, checked in Chromium by platform-rsa-webcrypto.test.mjs) must give the core's strict verdict (ed25519-dalek's verify_strict) on every
// token: the core's phase one decides S < L, small-order R and non-canonical keys before the
// platform sees the signature. Checked here on crafted edge cases (signatures that satisfy the
// cofactorless equation with a small-order R, which OpenSSL alone accepts; S + L; mixed-order and
// non-canonical keys) and on random tokens, keys and signature mutations, against the portable path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import * as jwt from 'jwtcore';
import { B, L, P, T8, ZERO, add, b64u, craft, decode, encode, freshKey, leBytes, mod, mul, randomScalar } from './ed25519-craft.mjs';

const portable = jwt._withoutPlatform;

const importKey = (x) => jwt.importJWK({ kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA' });
const OPTS = { algorithms: ['EdDSA'], requiredClaims: [] };

function outcome(f) {
  try {
    return `ok ${JSON.stringify(f().payload)}`;
  } catch (e) {
    return `${e.constructor.name} ${e.jwtcoreCode ?? e.code ?? e.message}`;
  }
}
async function outcomeAsync(f) {
  try {
    return `ok ${JSON.stringify((await f()).payload)}`;
  } catch (e) {
    return `${e.constructor.name} ${e.jwtcoreCode ?? e.code ?? e.message}`;
  }
}

/** The three paths' verdicts on one token, which must be equal; returns the common one. */
async function verdicts(token, key) {
  const sync = outcome(() => jwt.jwtVerifySync(token, key, OPTS));
  const wasm = outcome(() => portable(() => jwt.jwtVerifySync(token, key, OPTS)));
  const async_ = await outcomeAsync(() => jwt.jwtVerify(token, key, OPTS));
  assert.equal(sync, wasm, `sync (node:crypto) vs portable: ${token}`);
  assert.equal(async_, wasm, `async vs portable: ${token}`);
  return wasm;
}

const osslAccepts = (input, token, x) =>
  nodeVerify(null, Buffer.from(input), createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }), Buffer.from(token.split('.')[2], 'base64url'));

test('Ed25519 edge cases: platform and portable paths give the strict verdict', async () => {
  const { a, x } = freshKey();
  const pk = Buffer.from(x, 'base64url');
  const key = await importKey(x);
  const r = randomScalar();

  const honest = craft(pk, a, r, mul(r, B), { case: 'honest' });
  assert.match(await verdicts(honest.token, key), /^ok /);

  // S + L: the same equation, a malleated encoding; refused.
  const malleated = craft(pk, a, r, mul(r, B), { case: 'honest' }, (k) => mod(r + k * a, L) + L);
  assert.match(await verdicts(malleated.token, key), /signature/);

  // R = the identity with S = k·a: [S]B − [k]A is the identity, so the cofactorless equation holds
  // and OpenSSL by itself accepts it; verify_strict refuses a small-order R, and so must every path.
  const identityR = craft(pk, a, 0n, ZERO, { case: 'identity R' }, (k) => mod(k * a, L));
  assert.equal(osslAccepts(identityR.input, identityR.token, x), true, 'OpenSSL should accept this one on its own');
  assert.match(await verdicts(identityR.token, key), /signature/);

  // A mixed-order key A = aB + T₈ (accepted at import, as in dalek): an ordinary signature whose
  // challenge is a multiple of 8 verifies everywhere; a small-order R = −[k]T₈ satisfies the
  // equation too and is refused everywhere although OpenSSL alone accepts it.
  const mixedPk = encode(add(mul(a, B), T8));
  const mixedX = b64u(mixedPk);
  const mixed = await importKey(mixedX);
  let accepted = 0;
  let smallR = 0;
  for (let i = 0; i < 400 && (accepted < 2 || smallR < 4); i++) {
    const ordinary = craft(mixedPk, a, r, mul(r, B), { i });
    if (ordinary.k % 8n === 0n) {
      assert.match(await verdicts(ordinary.token, mixed), /^ok /);
      accepted++;
    }
    const j = BigInt(1 + (i % 7));
    const tR = mul(j, T8);
    const forged = craft(mixedPk, a, 0n, tR, { i, j: Number(j) }, (k) => mod(k * a, L));
    if (mod(-forged.k, 8n) === j) {
      assert.equal(osslAccepts(forged.input, forged.token, mixedX), true);
      assert.match(await verdicts(forged.token, mixed), /signature/);
      smallR++;
    }
  }
  assert.ok(accepted >= 2 && smallR >= 4, `too few crafted cases (${accepted}, ${smallR})`);

  // Non-canonical key encodings (y = p + 2 … p + 18 that decode): dalek accepts the key, the core
  // does not hand it to the platform, and every path gives the same (refusing) verdict.
  let nonCanonical = 0;
  for (let dy = 2n; dy <= 18n; dy++) {
    for (const sign of [0, 0x80]) {
      const enc = leBytes(P + dy);
      enc[31] |= sign;
      if (!decode(enc)) continue;
      const k = await importKey(b64u(enc));
      const t = craft(enc, a, r, mul(r, B), { dy: Number(dy) });
      assert.match(await verdicts(t.token, k), /signature/);
      nonCanonical++;
    }
  }
  assert.ok(nonCanonical > 0);

  // Small-order keys (any encoding) are refused at import, as in Rust and Python.
  for (const hex of ['0100000000000000000000000000000000000000000000000000000000000000', 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']) {
    await assert.rejects(importKey(b64u(Buffer.from(hex, 'hex'))), (e) => e.jwtcoreCode === 'invalid_key');
  }
});

// Small-order encodings a mutation may put in R (libsodium's list; the core's blocklist).
const SMALL_R = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
].map((h) => Buffer.from(h, 'hex'));

test('platform and portable Ed25519 verification agree on random tokens, keys and signature mutations', async () => {
  const mutation = fc.oneof(
    fc.constant({ kind: 'none' }),
    fc.record({ kind: fc.constant('flip'), bit: fc.nat(511) }),
    fc.record({ kind: fc.constant('highS'), v: fc.integer({ min: 0x10, max: 0xff }) }),
    fc.record({ kind: fc.constant('smallR'), i: fc.nat(SMALL_R.length - 1) }),
    fc.record({ kind: fc.constant('truncate'), n: fc.integer({ min: 1, max: 63 }) }),
  );
  const claims = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['exp', 'nbf', 'iat', 'aud', 'iss', 'sub', 'jti'].includes(k)), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 });
  const seen = new Map();
  for (const [payload, m] of fc.sample(fc.tuple(claims, mutation), 60)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const priv = await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'EdDSA' });
    const pub = await importKey(publicKey.export({ format: 'jwk' }).x);
    const token = jwt.signSync(JSON.parse(JSON.stringify(payload)), priv, { alg: 'EdDSA' });
    const [h, p, s] = token.split('.');
    const sig = Buffer.from(s, 'base64url');
    if (m.kind === 'flip') sig[m.bit >> 3] ^= 1 << (m.bit & 7);
    if (m.kind === 'highS') sig[63] = m.v;
    if (m.kind === 'smallR') SMALL_R[m.i].copy(sig, 0);
    const mutated = `${h}.${p}.${b64u(m.kind === 'truncate' ? sig.subarray(0, m.n) : sig)}`;
    const v = await verdicts(mutated, pub);
    if (m.kind === 'none') assert.match(v, /^ok /);
    else assert.doesNotMatch(v, /^ok /, `${m.kind} accepted`);
    seen.set(m.kind, (seen.get(m.kind) ?? 0) + 1);
  }
  assert.ok(seen.size >= 4, `mutations not exercised: ${[...seen.keys()]}`);
});

test('jwtVerify on Node checks Ed25519 with node:crypto, without a WebCrypto round trip', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'EdDSA' });
  const pub = await importKey(publicKey.export({ format: 'jwk' }).x);
  const token = jwt.signSync({ n: 1 }, priv, { alg: 'EdDSA' });
  const proto = Object.getPrototypeOf(globalThis.crypto.subtle);
  const original = proto.verify;
  let calls = 0;
  proto.verify = function (...args) {
    calls++;
    return original.apply(this, args);
  };
  try {
    for (let i = 0; i < 3; i++) assert.deepEqual((await jwt.jwtVerify(token, pub, OPTS)).payload, { n: 1 });
    const forged = token.slice(0, -6) + (token.at(-6) === 'A' ? 'B' : 'A') + token.slice(-5);
    await assert.rejects(jwt.jwtVerify(forged, pub, OPTS), (e) => e.jwtcoreCode === 'bad_signature');
  } finally {
    proto.verify = original;
  }
  assert.equal(calls, 0);
});
