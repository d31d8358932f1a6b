// Key handles: a KeyLike holds its key in WebAssembly memory; keyFor() normalises every key input
// jose accepts to a KeyLike (or a raw Uint8Array secret).
import * as w from '../jwtcore_wasm.js';
import { JOSEError, JOSENotSupported, JWKInvalid, fromWasm } from '../errors.js';
import { call } from '../util/internal.js';
import { platform } from '../platform.js';
import { hmacAlgorithms } from '../util/algorithms.js';

export const kInner = Symbol('jwtcore.key');

/**
 * A key held in WebAssembly memory (secrets never come back to JS unless exported with exportJWK).
 * Free it with `free()` (or `using`); a FinalizationRegistry frees it otherwise.
 */
export class KeyLike {
  constructor(inner, token) {
    if (token !== kInner) throw new TypeError('use importJWK, importSPKI, importPKCS8, generateSecret or generateKeyPair');
    // An `oct` JWK without `alg` is imported once per HMAC algorithm its length permits.
    this[kInner] = inner;
  }
  /** `secret`, `public` or `private` (Node KeyObject / CryptoKey naming). */
  get type() {
    const k = this.#any();
    return k.kty === 'oct' ? 'secret' : k.isPrivate ? 'private' : 'public';
  }
  /** The algorithm the key is bound to (the first one for a multi-HMAC `oct` key). */
  get algorithm() {
    return this.#any().algorithm;
  }
  get kid() {
    return this.#any().kid;
  }
  #any() {
    const i = this[kInner];
    if (!i) throw new JOSEError('key has been freed');
    return i instanceof Map ? i.values().next().value : i;
  }
  /** The wasm key for `alg`, or the only one. */
  _for(alg) {
    const i = this[kInner];
    if (!i) throw new JOSEError('key has been freed');
    if (i instanceof Map) return i.get(alg) ?? i.values().next().value;
    return i;
  }
  /** Frees the wasm memory now (zeroizing secrets); the key is unusable afterwards. */
  free() {
    const i = this[kInner];
    this[kInner] = undefined;
    if (i instanceof Map) for (const k of i.values()) k.free();
    else if (i) i.free();
  }
  [Symbol.dispose]() {
    this.free();
  }
  toJSON() {
    return { type: this.type, algorithm: this.algorithm };
  }
}

export const wrap = (inner) => new KeyLike(inner, kInner);

export function importOct(jwk, alg) {
  const text = JSON.stringify(jwk);
  if (alg || jwk.alg) return wrap(call(() => w.Key.fromJwk(text, alg || undefined)));
  // No alg to bind to: bind every HMAC algorithm the secret is long enough for (RFC 7518 §3.2).
  const m = new Map();
  let last;
  for (const a of hmacAlgorithms()) {
    try {
      m.set(a, w.Key.fromJwk(text, a));
    } catch (e) {
      last = e;
    }
  }
  if (m.size === 0) throw fromWasm(last);
  return wrap(m);
}

// JWK objects and Node KeyObjects passed directly (as jose allows) are imported once per object.
const imported = new WeakMap();

/** Normalises a key input to a KeyLike (or a Uint8Array secret). */
export function keyFor(key) {
  if (key instanceof KeyLike) return key;
  if (key instanceof Uint8Array) return key;
  if (key === null || typeof key !== 'object') throw new JWKInvalid('key must be a KeyLike, a JWK object or a Uint8Array');
  if (isCryptoKey(key)) {
    // WebCrypto is asynchronous: the async entry points use the key where it lives
    // (platform/held.js). Refused here even when an async call has already used it, so the sync
    // verdict never depends on history.
    throw new JOSENotSupported(
      platform.portable
        ? 'a CryptoKey cannot be used synchronously: use the async function (jwtVerify, compactVerify, sign, ...) or import the key with importJWK'
        : 'a CryptoKey cannot be used synchronously outside Node: use the async function (jwtVerify, compactVerify, SignJWT#sign, ...), or select the portable build with the "jwtcore-portable" export condition and import the key with importJWK',
    );
  }
  const cached = imported.get(key);
  if (cached && cached[kInner]) return cached;
  let jwk = key;
  if (typeof key.export === 'function' && ['secret', 'public', 'private'].includes(key.type) && typeof key.algorithm !== 'object') {
    // A Node KeyObject: exported as a JWK (synchronous) and imported into wasm.
    try {
      jwk = key.export({ format: 'jwk' });
    } catch (e) {
      throw new JWKInvalid('cannot export the KeyObject as a JWK', { cause: e });
    }
  }
  if (jwk === null || typeof jwk !== 'object') throw new JWKInvalid('key must be a KeyLike, a JWK object or a Uint8Array');
  const k = jwk.kty === 'oct' ? importOct(jwk) : wrap(call(() => w.Key.fromJwk(JSON.stringify(jwk), undefined)));
  if (jwk.kty !== 'oct') platform.adoptPrivate?.(k, jwk);
  imported.set(key, k);
  return k;
}

/** The refusal to export a non-extractable CryptoKey (exportJWK, calculateJwkThumbprint; as jose). */
const nonExtractable = () =>
  new JOSENotSupported(
    'a non-extractable CryptoKey cannot be exported: sign and verify with it directly (the async functions use it through WebCrypto), or create it with extractable: true',
  );

/** A WebCrypto CryptoKey (by shape: CryptoKey is not a global in every runtime this runs in). */
export function isCryptoKey(key) {
  return (
    key !== null &&
    typeof key === 'object' &&
    typeof key.algorithm === 'object' &&
    Array.isArray(key.usages) &&
    typeof key.extractable === 'boolean' &&
    typeof key.type === 'string'
  );
}

/**
 * keyFor() for the key functions that need the material (exportJWK, exportSPKI, thumbprints), which
 * also take an extractable WebCrypto CryptoKey (as jose does): its material is exported through
 * WebCrypto once and imported into the core (the exported JWK's `alg` binds it). Signing and
 * verifying use a CryptoKey where it lives instead (platform/held.js).
 */
export async function keyForAsync(key) {
  if (!isCryptoKey(key)) return keyFor(key);
  const cached = imported.get(key);
  if (cached && cached[kInner]) return cached;
  if (!key.extractable) throw nonExtractable();
  let jwk;
  try {
    jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  } catch (e) {
    throw new JOSENotSupported(`this CryptoKey cannot be exported (${e && e.message}): pass its JWK or PEM instead`, { cause: e });
  }
  // WebCrypto's own JWK members (`ext`, `key_ops`) say nothing the core needs.
  delete jwk.ext;
  delete jwk.key_ops;
  // Some runtimes name Ed25519's `alg` after the curve (RFC 9864); the OKP curve decides it anyway.
  if (jwk.kty === 'OKP') delete jwk.alg;
  if (jwk.kty !== 'oct' && jwk.d !== undefined && !platform.portable) {
    // The default build's WebAssembly holds no private asymmetric key: the core gets the public
    // half (thumbprints, the JWK's public members and `alg`), and the private members stay with
    // the CryptoKey, which exportJWK / exportPKCS8 ask for them.
    const { d, p, q, dp, dq, qi, oth, ...publicHalf } = jwk;
    const k = wrap(call(() => w.Key.fromJwk(JSON.stringify(publicHalf), undefined)));
    platformOriginals.set(k, key);
    imported.set(key, k);
    return k;
  }
  const k = jwk.kty === 'oct' ? importOct(jwk) : wrap(call(() => w.Key.fromJwk(JSON.stringify(jwk), undefined)));
  imported.set(key, k);
  return k;
}

/**
 * The WebCrypto original of a private key the core cannot export (RSA: the core writes no RSA
 * private JWK), for keys generated through WebCrypto by generateKeyPair, and (default build) of
 * every extractable private CryptoKey whose public half the core holds. exportPKCS8 / exportJWK
 * ask the platform for it; the material never passes through JS strings otherwise.
 */
export const platformOriginals = new WeakMap();
