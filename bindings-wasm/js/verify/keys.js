// Keys for `jwtcore/verify`. Every signature and MAC is WebCrypto's; the core decides everything
// else. Three kinds of key reach the core:
// - a JWK (importJWK, a key set's entries): parsed and checked by the core (`w.Key`, `w.KeySet`),
//   bound to each token by its two-phase verify with the main entry's rules; WebCrypto gets the
//   core's public JWK to import, once per key and algorithm;
// - any other CryptoKey: described to the core by WebCrypto's own description (`w.PlatformKey`:
//   the key decides the family, RSA ≥ 2048 bits, `usages`);
// - a Uint8Array HMAC secret: checked by the core as the main entry's raw secrets are
//   (jwtcore::keys::HmacSecret), its MAC computed by WebCrypto and compared in the core.
import * as w from './jwtcore_verify.js';
import { JOSENotSupported, JWKInvalid } from '../errors.js';
import { call, webCryptoParams } from './call.js';

const subtle = globalThis.crypto?.subtle;

/** WebCrypto is what verifies here: a runtime without it gets one clear error. */
export function needSubtle() {
  if (!subtle) throw new JOSENotSupported('jwtcore/verify needs WebCrypto (globalThis.crypto.subtle): a browser, worker, Deno, Bun or Node ≥ 20');
  return subtle;
}

export const isCryptoKey = (k) => typeof CryptoKey !== 'undefined' && k instanceof CryptoKey;

/** A KeyLike from the main 'jwtcore' entry (by shape: that entry is not imported here). */
export const isMainKeyLike = (k) => k !== null && typeof k === 'object' && k.constructor?.name === 'KeyLike' && typeof k.free === 'function';

export function mainKeyLikeError() {
  return new JOSENotSupported(
    "a KeyLike from 'jwtcore' cannot be used by 'jwtcore/verify', whose module does not hold it: pass a CryptoKey (importJWK from 'jwtcore/verify' with the key's public JWK, e.g. exportJWK(key) from 'jwtcore'), a Uint8Array secret, or use jwtVerify from 'jwtcore'",
    { jwtcoreCode: 'key_unsupported' },
  );
}

/**
 * A core key reachable for the two-phase verify: `step(token, policy, now, verdict)` runs the
 * core's phase one (no verdict) or two with it, `jwk` is its public JWK text, `keys` caches
 * WebCrypto's import of it per algorithm.
 */
export function entry(step, jwk) {
  return { step, jwk, keys: new Map() };
}

// CryptoKeys importJWK made -> the core key entry they came from, so a token is bound to the key
// by the JWK's own rules (kid, alg, use, key_ops), exactly as the main entry binds that JWK.
const fromJwk = new WeakMap();
export const jwkEntryOf = (ck) => fromJwk.get(ck);

/** Why WebCrypto refused the core's public key: an unsupported algorithm, or an invalid key. */
function importError(e, alg) {
  if (e && e.name === 'NotSupportedError') {
    return new JOSENotSupported(`this runtime's WebCrypto does not support ${alg} keys`, { jwtcoreCode: 'key_unsupported', cause: e });
  }
  // The curve check the core leaves to the platform (no arithmetic here): an off-curve point.
  return new JWKInvalid('invalid key', { jwtcoreCode: 'invalid_key', cause: e });
}

/** WebCrypto's key for `e` as `alg` (imported once, non-extractable, verify only). */
export function webCryptoKey(e, alg) {
  let p = e.keys.get(alg);
  if (!p) {
    const { kty, crv, x, y, n, e: exp } = JSON.parse(e.jwk());
    // The public members only: WebCrypto would re-check alg/use/key_ops by its own names; the core
    // has bound the key to `alg` already.
    p = needSubtle().importKey('jwk', { kty, crv, x, y, n, e: exp }, webCryptoParams(alg)[0], false, ['verify']).catch((err) => {
      throw importError(err, alg);
    });
    e.keys.set(alg, p);
  }
  return p;
}

// The core's descriptions of CryptoKeys it did not import (made once per key).
const described = new WeakMap();

/** The core's description of a CryptoKey (an Ed25519 public key's bytes read if it shows them). */
export function describe(ck) {
  let d = described.get(ck);
  if (!d) {
    d = (async () => {
      const a = ck.algorithm;
      let ed;
      // The core's strict Ed25519 pre-check needs the bytes: a hidden public key is refused there.
      if (a.name === 'Ed25519' && ck.type === 'public') {
        const from = fromJwk.get(ck);
        if (from) ed = from.ed25519;
        else if (ck.extractable) ed = new Uint8Array(await subtle.exportKey('raw', ck));
      }
      const hash = a.hash && typeof a.hash === 'object' ? a.hash.name : a.hash;
      return call(() => w.PlatformKey.fromWebCrypto(ck.type, String(a.name), a.namedCurve, hash, a.modulusLength, a.length, [...ck.usages], ed));
    })();
    described.set(ck, d);
  }
  return d;
}

/** Strict base64url (no padding, no other alphabet) to bytes, as jose decodes `k`. */
function b64urlBytes(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new JWKInvalid('Invalid "k" (Key Value) Parameter value');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * jose's `importJWK` for verification: an asymmetric JWK (public; a private one is kept as its
 * public half) becomes a non-extractable `CryptoKey` for `alg` (or the JWK's own `alg`, or the one
 * its curve implies), checked by the core first; an `oct` JWK becomes its `Uint8Array` secret, as
 * in jose (checked by the core when it verifies: length, not key material).
 */
export async function importJWK(jwk, alg, options) {
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw new TypeError('JWK must be an object');
  if (alg !== undefined && typeof alg !== 'string') throw new TypeError('"alg" argument must be a string');
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('options must be an object');
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string' || !jwk.k) throw new TypeError('missing "k" (Key Value) Parameter value');
    return b64urlBytes(jwk.k);
  }
  // Verification needs the public half only; the private members never enter this module (which
  // has no arithmetic to check them against the public ones, as the main entry does).
  const { d, p, q, dp, dq, qi, oth, ...publicJwk } = jwk;
  const key = call(() => w.Key.fromJwk(JSON.stringify(publicJwk), alg));
  const bound = key.algorithm; // the core's binding: alg argument, the JWK's alg, or its curve's
  const e = entry(
    (t, p, now, ok) => w.jwtKey(t, key, p, now, ok),
    () => key.publicJwk(),
  );
  // What compactVerify, which binds the CryptoKey by WebCrypto's description, must also refuse.
  e.canVerify = key.canVerify;
  const ck = await webCryptoKey(e, bound);
  if (ck.algorithm.name === 'Ed25519') {
    const { x } = JSON.parse(key.publicJwk());
    e.ed25519 = b64urlBytes(x);
  }
  fromJwk.set(ck, e);
  return ck;
}
