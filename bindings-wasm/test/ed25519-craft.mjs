// Test helper (not a test file): a little Ed25519 arithmetic in BigInt, enough to craft the
// signatures the platform tests need (small-order R that satisfies the equation, S + L, mixed-order
// and non-canonical keys). Slow and variable-time: for tests only.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';

// ---- a little Ed25519 arithmetic (BigInt, extended coordinates), only to craft signatures -------
export const P = 2n ** 255n - 19n;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;
export const mod = (a, m = P) => ((a % m) + m) % m;
export const pow = (b, e) => {
  let r = 1n;
  for (b = mod(b); e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
};
export const inv = (a) => pow(a, P - 2n);
export const D = mod(-121665n * inv(121666n));
export const SQRT_M1 = pow(2n, (P - 1n) / 4n);
export const ZERO = [0n, 1n, 1n, 0n];

export function add([x1, y1, z1, t1], [x2, y2, z2, t2]) {
  const a = mod((y1 - x1) * (y2 - x2)), b = mod((y1 + x1) * (y2 + x2));
  const c = mod(2n * D * t1 * t2), d = mod(2n * z1 * z2);
  const e = b - a, f = d - c, g = d + c, h = b + a;
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}
export const neg = ([x, y, z, t]) => [mod(-x), y, z, mod(-t)];
export function mul(n, pt) {
  let r = ZERO;
  for (n = mod(n, L * 8n); n > 0n; n >>= 1n, pt = add(pt, pt)) if (n & 1n) r = add(r, pt);
  return r;
}
export const leInt = (bytes) => bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
export const leBytes = (n, len = 32) => Uint8Array.from({ length: len }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
export function encode([x, y, z]) {
  const zi = inv(z);
  const out = leBytes(mod(y * zi));
  out[31] |= Number(mod(x * zi) & 1n) << 7;
  return out;
}
/** dalek's decoding: y taken mod p (so non-canonical encodings decode), sign bit applied even to x = 0. */
export function decode(bytes) {
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
export const B = decode(leBytes(mod(4n * inv(5n))));
// A point of order 8 (y₈ from curve25519-dalek's EIGHT_TORSION[1]); its multiples are every torsion point.
export const T8 = decode(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'));
export const sha512 = (...parts) => createHash('sha512').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();

// ---- tokens ---------------------------------------------------------------------------------------
export const b64u = (b) => Buffer.from(b).toString('base64url');
export const HEADER = b64u(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
export const EXP = 4_000_000_000;
export const signingInput = (claims) => `${HEADER}.${b64u(JSON.stringify({ exp: EXP, ...claims }))}`;

/** A token over `claims` with R = `rPoint` and S = k·a + r (mod L), unless `sOverride` says otherwise. */
export function craft(pkBytes, a, r, rPoint, claims, sOverride) {
  const input = signingInput(claims);
  const R = encode(rPoint);
  const k = mod(leInt(sha512(R, pkBytes, input)), L);
  const s = sOverride ? sOverride(k) : mod(r + k * a, L);
  return { input, token: `${input}.${b64u(Buffer.concat([R, leBytes(s)]))}`, k };
}

/** A fresh key pair: the seed's clamped scalar `a`, checked against OpenSSL's public key. */
export function freshKey() {
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

export const randomScalar = () => mod(leInt(sha512(String(Math.random()), String(Date.now()))), L);
