// compactVerify (and the flattened and general forms built on it) with an ECDSA, RSA or Ed25519 key
// held in WebAssembly, in the default build: its lite module has none of that arithmetic, so the
// core's two-phase JWS verify (jwtcore::verify_jws_external) makes every check and the platform
// only the arithmetic: node:crypto synchronously on Node, WebCrypto asynchronously everywhere else.
// The portable module verifies in WebAssembly, as before: the shared vectors compare the two builds.
import * as w from '../jwtcore_wasm.js';
import { JWKSNoMatchingKey } from '../errors.js';
import { platform } from '../platform.js';
import { call, kSet } from '../util/internal.js';
import { KeyLike, kInner, keyFor } from '../key/keylike.js';
import { policy } from '../jwt/options.js';
import { familyOf } from '../util/algorithms.js';
import { EXTERNAL_FAMILIES, WEBCRYPTO, algOf, notDelegated, setEntry, singleEntry, webcryptoKey } from '../platform/wasm-keys.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;

/**
 * The wasm keys `token` is checked against on the platform, in the core's order; undefined when
 * WebAssembly verifies it (the portable module, HMAC keys, raw secrets, a freed key: that path
 * reports it). For a set the core chooses the candidates (kid and alg) and reports its own errors,
 * as the WebAssembly path would.
 */
export function platformEntries(token, key, c, detached, headerAlg) {
  if (platform.portable) return undefined;
  if (key && key[kSet]) {
    const alg = headerAlg(token);
    if (!EXTERNAL_FAMILIES.has(familyOf(alg))) return undefined;
    const set = key[kSet];
    const indices = call(() => (detached === undefined ? set.candidates(token, policy(c)) : set.candidatesDetached(token, policy(c))));
    // A Uint32Array: Array.from, since its own map() would coerce the entries back to numbers.
    return Array.from(indices, (i) => setEntry(set, i));
  }
  if (key === null || typeof key !== 'object' || key instanceof Uint8Array) return undefined;
  const k = keyFor(key);
  if (!(k instanceof KeyLike)) return undefined;
  let inner = k[kInner];
  if (inner === undefined) return undefined;
  if (inner instanceof Map) inner = k._for(headerAlg(token));
  return EXTERNAL_FAMILIES.has(familyOf(algOf(inner))) ? [singleEntry(inner)] : undefined;
}

/** Copies phase one's output out of wasm memory and frees it. */
function takeParts(p) {
  try {
    return { alg: p.alg, signature: p.signature, signingInput: p.signingInput };
  } finally {
    p.free();
  }
}

/**
 * One of the core's two phases for entry `e` (`detached`: the payload, or undefined): phase one
 * without a verdict (its output for the platform), phase two with the platform's verdict (a
 * w.VerifiedJws, or the core's error).
 */
const phase = (e, token, detached, c, verdict) =>
  call(() => (e.set ? w.jwsExternalIn(token, detached, e.set, e.index, policy(c), verdict) : w.jwsExternal(token, detached, e.inner, policy(c), verdict)));
const prepare = (e, token, detached, c) => takeParts(phase(e, token, detached, c, undefined));
const finish = (e, token, detached, c, ok) => phase(e, token, detached, c, ok);

/**
 * The core's two phases per candidate, node:crypto's verdict in between, synchronously: the first
 * signature that verifies decides; if none does, the last candidate's error. A w.VerifiedJws, or
 * undefined when the platform could not evaluate the key (or phase one would not hand it over).
 */
function verifyJwsSync(token, entries, c, detached) {
  let last = new JWKSNoMatchingKey();
  for (const e of entries) {
    let parts;
    try {
      parts = prepare(e, token, detached, c);
    } catch (err) {
      if (notDelegated(err)) return undefined;
      last = err;
      continue;
    }
    const ok = platform.verify(parts.alg, e, parts.signingInput, parts.signature);
    if (ok === undefined) return undefined;
    try {
      return finish(e, token, detached, c, ok === true);
    } catch (err) {
      // A valid signature whose payload then fails: final, as in the core's resolver loop.
      if (ok === true) throw err;
      last = err;
    }
  }
  throw last;
}

/**
 * {@link verifyJwsSync}'s loop with WebCrypto's asynchronous verify between the core's two calls.
 * Nothing wasm-side is held across an await: the policy is looked up again and the key is passed
 * by its handle, which reports a key freed meanwhile as a JOSEError.
 */
async function verifyJwsOnWebCrypto(token, entries, c, detached) {
  let last = new JWKSNoMatchingKey();
  for (const e of entries) {
    let parts;
    try {
      parts = prepare(e, token, detached, c);
    } catch (err) {
      if (notDelegated(err)) return undefined;
      last = err;
      continue;
    }
    // Phase one's algorithm: the header's, already bound to this key.
    const params = WEBCRYPTO(parts.alg);
    const ck = params && (await webcryptoKey(e, parts.alg));
    if (!ck) return undefined;
    let ok;
    try {
      ok = await subtle.verify(params[1], ck, parts.signature, parts.signingInput);
    } catch {
      return undefined; // WebCrypto could not evaluate it
    }
    try {
      return finish(e, token, detached, c, ok === true);
    } catch (err) {
      if (ok === true) throw err;
      last = err;
    }
  }
  throw last;
}

/**
 * The asynchronous route: node:crypto where the runtime has it (Node: in-thread OpenSSL, called
 * synchronously between the core's two phases; 2 to 3 times faster per call than WebCrypto's
 * thread-pool round trip there, bench/jws.mjs), WebCrypto everywhere else, or if node:crypto could
 * not evaluate the key. Undefined: neither could (WebAssembly then answers).
 */
export async function verifyJwsAsync(token, entries, c, detached) {
  if (platform.verify) {
    const done = verifyJwsSync(token, entries, c, detached);
    if (done !== undefined) return done;
  }
  return subtle ? verifyJwsOnWebCrypto(token, entries, c, detached) : undefined;
}
