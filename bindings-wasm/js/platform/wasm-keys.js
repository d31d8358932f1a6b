// Keys held in WebAssembly whose signature arithmetic runs on the platform (node:crypto, WebCrypto):
// one entry per wasm key and per key-set position, through which the JWT and JWS verifiers reach
// the core's two-phase verify. The entry is also the cache key of the platform's own import of the
// public half (node-verify.js, webcryptoKey below), so a JWT and a JWS checked with the same key
// share it.
import * as w from '../jwtcore_wasm.js';
import { JOSEError } from '../errors.js';
import { familyOf, isRsa, webCryptoParams } from '../util/algorithms.js';
import { tokenUtf8 } from '../util/utf8.js';

// The families whose arithmetic may run on the platform; HMAC always verifies in wasm. For Ed25519
// the core's phase one first makes every refusal of its strict verify a platform may not make
// (S < L, small-order R; core/src/keys/ed25519_precheck.rs), so the platform only checks the equation.
export const EXTERNAL_FAMILIES = new Set(['ec', 'rsa', 'rsa-pss', 'okp']);

// Phase one's answer for a key it will not hand over (an Ed25519 key in a non-canonical encoding,
// on which platforms disagree): the whole verification then runs in wasm, which decides it.
export const notDelegated = (err) => err instanceof JOSEError && err.jwtcoreCode === 'key_unsupported';

// A wasm key's algorithm, read once: the getter is a call into WebAssembly returning a string, and
// a key never changes its algorithm.
const algorithms = new WeakMap();
export function algOf(inner) {
  let a = algorithms.get(inner);
  if (a === undefined) algorithms.set(inner, (a = inner.algorithm));
  return a;
}

/** RSA's two families are one key type; every other family is its algorithm's own. */
export const family = (a) => (isRsa(a) ? 'RSA' : a);

// A wasm key reachable for the core's two-phase verify: `prepare` and `finish` run phase one and
// two in the core (WebCrypto's await sits between them), `verifyWith` runs both in one call with a
// synchronous platform verifier called back in between, `toJwk` gives the public half for the
// platform's own key import. `inner`, or `set` and `index`, name the key for the JWS calls
// (jws/platform.js), which are kept out of here so that an application verifying only JWTs does not
// bundle their glue. One entry per wasm key and one per set position, created once: a verification
// allocates nothing in wasm memory beyond its scratch (issue 15 F5).
const singleEntries = new WeakMap();
const setEntries = new WeakMap();

export function singleEntry(inner) {
  let e = singleEntries.get(inner);
  if (!e) {
    e = {
      toJwk: () => inner.toJwk(false),
      prepare: (jwt, p) => w.prepareExternal(jwt, inner, p),
      finish: (jwt, p, now, ok) => w.finishExternal(jwt, inner, p, now, ok),
      verifyWith: (jwt, p, now, check) => w.verifyExternal(tokenUtf8(jwt), inner, p, now, check),
      inner,
    };
    singleEntries.set(inner, e);
  }
  return e;
}

export function setEntry(set, i) {
  let list = setEntries.get(set);
  if (!list) setEntries.set(set, (list = []));
  return (list[i] ??= {
    toJwk: () => set.publicJwk(i),
    prepare: (jwt, p) => w.prepareExternalIn(jwt, set, i, p),
    finish: (jwt, p, now, ok) => w.finishExternalIn(jwt, set, i, p, now, ok),
    verifyWith: (jwt, p, now, check) => w.verifyExternalIn(tokenUtf8(jwt), set, i, p, now, check),
    set,
    index: i,
  });
}

const subtle = globalThis.crypto && globalThis.crypto.subtle;

// WebCrypto's parameters for the families above, from the core's table. A runtime without WebCrypto
// Ed25519 refuses the key import, and wasm verifies instead.
export const WEBCRYPTO = (alg) => (EXTERNAL_FAMILIES.has(familyOf(alg)) ? webCryptoParams(alg) : undefined);
const cryptoKeys = new WeakMap(); // key entry -> Map(alg -> Promise<CryptoKey | null>)

/** The entry's public key imported into WebCrypto for `alg`, once; null when that failed or there is no WebCrypto. */
export function webcryptoKey(entry, alg) {
  let byAlg = cryptoKeys.get(entry);
  if (!byAlg) cryptoKeys.set(entry, (byAlg = new Map()));
  let p = byAlg.get(alg);
  if (!p) {
    // The public half only, without alg/use/key_ops (WebCrypto would re-check them against its
    // own algorithm names); the core binds the key to `alg` in phase one. Any failure here just
    // means the wasm path verifies instead.
    try {
      const { kty, crv, x, y, n, e } = JSON.parse(entry.toJwk());
      p = subtle ? subtle.importKey('jwk', { kty, crv, x, y, n, e }, WEBCRYPTO(alg)[0], false, ['verify']).catch(() => null) : Promise.resolve(null);
    } catch {
      p = Promise.resolve(null);
    }
    byAlg.set(alg, p);
  }
  return p;
}
