// Issue 22: Ed25519 verification on the platform (node:crypto on the synchronous path, WebCrypto
// on the async one) must give the core's strict verdict (ed25519-dalek's verify_strict) on every
// token: the core's phase one decides S < L, small-order R and non-canonical keys before the
// platform sees the signature. Checked here on crafted edge cases (signatures that satisfy the
// cofactorless equation with a small-order R, which OpenSSL alone accepts; S + L; mixed-order and
// non-canonical keys) and on random tokens, keys and signature mutations, against the portable path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import * as jwt from 'jwtcore';

const portable = jwt._withoutPlatform;

// ---- a little Ed25519 arithmetic (BigInt, extended coordinates), only to craft signatures -------
const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a, m = P) => ((a % m) + m) % m;
const pow = (b, e) => {
  let r = 1n;
  for (b = mod(b); e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
};
const inv = (a) => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);
const ZERO = [0n, 1n, 1n, 0n];

function add([x1, y1, z1, t1], [x2, y2, z2, t2]) {
  const a = mod((y1 - x1) * (y2 - x2)), b = mod((y1 + x1) * (y2 + x2));
  const c = mod(2n * D * t1 * t2), d = mod(2n * z1 * z2);
  const e = b - a, f = d - c, g = d + c, h = b + a;
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}
const neg = ([x, y, z, t]) => [mod(-x), y, z, mod(-t)];
function mul(n, pt) {
  let r = ZERO;
  for (n = mod(n, L * 8n); n > 0n; n >>= 1n, pt = add(pt, pt)) if (n & 1n) r = add(r, pt);
  return r;
}
const leInt = (bytes) => bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
const leBytes = (n, len = 32) => Uint8Array.from({ length: len }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
function encode([x, y, z]) {
  const zi = inv(z);
  const out = leBytes(mod(y * zi));
  out[31] |= Number(mod(x * zi) & 1n) << 7;
  return out;
}
/** dalek's decoding: y taken mod p (so non-canonical encodings decode), sign bit applied even to x = 0. */
function decode(bytes) {
  const y = mod(leInt(bytes) & (2n ** 255n - 1n));
  const u = mod(y * y - 1n), v = mod(D * y * y + 1n);
  let x = mod(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) !== u) {
    if (mod(v * x * x) !== mod(-u)) return undefined;
    x = mod(x * SQRT_M1);
  }
  if (Number(x & 1n) !== bytes[31] >> 7) x = mod(-x);
  return [x, y, 1n, mod(x * y)];
}
const B = decode(leBytes(mod(4n * inv(5n))));
// A point of order 8 (y₈ from curve25519-dalek's EIGHT_TORSION[1]); its multiples are every torsion point.
const T8 = decode(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'));
const sha512 = (...parts) => createHash('sha512').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();

// ---- tokens ---------------------------------------------------------------------------------------
const b64u = (b) => Buffer.from(b).toString('base64url');
const HEADER = b64u(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
const EXP = 4_000_000_000;
const signingInput = (claims) => `${HEADER}.${b64u(JSON.stringify({ exp: EXP, ...claims }))}`;

/** A token over `claims` with R = `rPoint` and S = k·a + r (mod L), unless `sOverride` says otherwise. */
function craft(pkBytes, a, r, rPoint, claims, sOverride) {
  const input = signingInput(claims);
  const R = encode(rPoint);
  const k = mod(leInt(sha512(R, pkBytes, input)), L);
  const s = sOverride ? sOverride(k) : mod(r + k * a, L);
  return { input, token: `${input}.${b64u(Buffer.concat([R, leBytes(s)]))}`, k };
}

/** A fresh key pair: the seed's clamped scalar `a`, checked against OpenSSL's public key. */
function freshKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url');
  const h = sha512(seed);
  h[0] &= 248;
  h[31] &= 127;
  h[31] |= 64;
  const a = leInt(h.subarray(0, 32));
  const x = publicKey.export({ format: 'jwk' }).x;
  assert.equal(b64u(encode(mul(a, B))), x, 'the test arithmetic disagrees with OpenSSL');
  return { a, x };
}

const randomScalar = () => mod(leInt(sha512(String(Math.random()), String(Date.now()))), L);
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
  assert.equal(async_, wasm, `async (WebCrypto) vs portable: ${token}`);
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

test('the async path hands Ed25519 to WebCrypto (where the runtime has it)', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'EdDSA' });
  const pub = await importKey(publicKey.export({ format: 'jwk' }).x);
  const token = jwt.signSync({ n: 1 }, priv, { alg: 'EdDSA' });
  const proto = Object.getPrototypeOf(globalThis.crypto.subtle);
  const original = proto.verify;
  let calls = 0;
  proto.verify = function (alg, ...rest) {
    if ((alg.name ?? alg) === 'Ed25519') calls++;
    return original.call(this, alg, ...rest);
  };
  try {
    for (let i = 0; i < 3; i++) assert.deepEqual((await jwt.jwtVerify(token, pub, OPTS)).payload, { n: 1 });
  } finally {
    proto.verify = original;
  }
  assert.equal(calls, 3);
});
