// jwtVerify / jwtVerifySync: the core verifies; ECDSA, RSA and Ed25519 arithmetic may run on the
// platform (node:crypto, WebCrypto) through the core's two-phase verify.
import * as w from '../jwtcore_wasm.js';
import { JOSEError, JWKSNoMatchingKey } from '../errors.js';
import { platform } from '../platform.js';
import { call, kSet, kRemote } from '../util/internal.js';
import { KeyLike, kInner, keyFor } from '../key/keylike.js';
import { compileOptions, policy, parseResult, tokenText } from './options.js';
import { decodeHeaderOf } from './decode.js';
import { algorithmTable, familyOf } from '../util/algorithms.js';
import { EXTERNAL_FAMILIES, WEBCRYPTO, algOf, family, notDelegated, setEntry, singleEntry, webcryptoKey } from '../platform/wasm-keys.js';
import { isHeld, isKeyObject, verifyJwtHeld, verifyJwtHeldSync } from '../platform/held.js';
import { tokenUtf8 } from '../util/utf8.js';

const payloadOf = (jwt) => () => parseResult(w.decodeUnverified(jwt)).payload;

/** Verification entirely in WebAssembly: the core selects the key, checks everything. */
function verifyInWasm(jwt, key, c) {
  // Claim errors come after the signature check, so the (verified) claims can go on the error.
  const payload = payloadOf(jwt);
  // The token crosses as UTF-8 bytes (util/utf8.js): the string glue's copy was a sixth of an HS256 call.
  if (key && key[kSet]) return call(() => w.verifySetUtf8(tokenUtf8(jwt), key[kSet], policy(c), c.now), payload);
  const k = keyFor(key);
  if (k instanceof Uint8Array) return call(() => w.verifySecretUtf8(tokenUtf8(jwt), k, policy(c), c.now), payload);
  const alg = k[kInner] instanceof Map ? headerAlg(jwt) : undefined;
  return call(() => w.verifyUtf8(tokenUtf8(jwt), k._for(alg), policy(c), c.now), payload);
}

/** Cheap pre-check, so HMAC calls never pay for an extra header decode. */
function mayBeExternal(key) {
  if (key instanceof Uint8Array) return false;
  if (key instanceof KeyLike) {
    const i = key[kInner];
    return i !== undefined && !(i instanceof Map) && EXTERNAL_FAMILIES.has(familyOf(algOf(i)));
  }
  return true;
}

/**
 * The keys an ECDSA/RSA/Ed25519 token may be checked against outside wasm, in the core's order, or
 * undefined when the whole verification stays in wasm. For a set the core chooses the candidates
 * (every one with the header's kid and alg: a duplicate kid gives several, issue 15 F10) and
 * reports its own errors (no matching key, header errors) exactly as verifySet would.
 */
function externalEntries(jwt, key, alg, c) {
  if (key && key[kSet]) {
    const set = key[kSet];
    // A Uint32Array: Array.from, since its own map() would coerce the entries back to numbers.
    return Array.from(call(() => set.candidates(jwt, policy(c))), (i) => setEntry(set, i));
  }
  let k = key;
  if (!(key instanceof KeyLike)) {
    if (key === null || typeof key !== 'object' || key instanceof Uint8Array) return undefined;
    k = keyFor(key);
    if (!(k instanceof KeyLike)) return undefined;
  }
  const inner = k[kInner];
  if (inner === undefined || inner instanceof Map) return undefined;
  // Only a key of the header's family; any mismatch is the core's to report.
  return family(algOf(inner)) === family(alg) ? [singleEntry(inner)] : undefined;
}

/**
 * The core's two-phase verify with the runtime's synchronous primitive (see platform.js), trying
 * each candidate as the core's resolver does: the first signature that verifies decides (its claim
 * errors are final); if none does, the last candidate's error. WebAssembly decides instead when the
 * platform cannot evaluate a key (undefined). One call into the core per candidate: phase one, the
 * platform's verdict (called back from inside), phase two (external.rs).
 */
function verifyOnPlatform(jwt, key, c) {
  if (!mayBeExternal(key)) return undefined;
  // A single ECDSA, Ed25519 or RSA key needs no header decode first: its binding to the header's
  // alg is phase one's first check. Any refusal then is re-read below. (An RSA key may serve RS*
  // and PS*; both go to the platform, so the family decides the route as the header would.)
  const single = singleExternalKey(key);
  const alg = single ? undefined : headerAlg(jwt);
  if (!single && !WEBCRYPTO(alg)) return undefined;
  const entries = single ? [singleEntry(single)] : externalEntries(jwt, key, alg, c);
  if (!entries) return undefined;
  const payload = payloadOf(jwt);
  // Read before the call: inside the callback a call into WebAssembly could grow its memory and
  // detach the views the callback is handed. The callback gets an algorithm's index in the core's
  // table (the core's Algorithm::ALL order; external.rs), so no string crosses per call.
  const names = algorithmTable();
  let last;
  for (const e of entries) {
    let verdict;
    const check = (a, signingInput, signature, der) => (verdict = platform.verify(names[a].name, e, signingInput, signature, der));
    let done;
    try {
      done = call(() => e.verifyWith(jwt, policy(c), c.now, check), payload);
    } catch (err) {
      // The platform said valid: the claims' verdict is final.
      if (verdict === true) throw err;
      if (verdict === undefined) {
        // Refused in phase one. A key it will not hand over: WebAssembly decides.
        if (notDelegated(err)) return undefined;
        // A header the single-key shortcut did not look at: the verdict is the one the header's
        // route gives (another family's alg goes to WebAssembly, as without the shortcut).
        if (single && !sameFamily(single, headerAlg(jwt))) return undefined;
      }
      last = err;
      continue;
    }
    // No verdict: the platform could not evaluate the key; WebAssembly decides.
    return done === undefined ? undefined : done;
  }
  throw last;
}

/** The wasm key of a KeyLike holding one ECDSA, Ed25519 or RSA key, else undefined. */
function singleExternalKey(key) {
  if (!(key instanceof KeyLike)) return undefined;
  const i = key[kInner];
  if (i === undefined || i instanceof Map) return undefined;
  return EXTERNAL_FAMILIES.has(familyOf(algOf(i))) ? i : undefined;
}

const sameFamily = (inner, alg) => WEBCRYPTO(alg) !== undefined && family(algOf(inner)) === family(alg);


export function headerAlg(jwt) {
  try {
    return JSON.parse(w.decodeHeader(jwt)).alg;
  } catch {
    return undefined;
  }
}

function verifySync(jwt, key, c) {
  // A key the platform holds is used there (a CryptoKey is refused: WebCrypto is asynchronous).
  if (isHeld(key)) return verifyJwtHeldSync(jwt, key, () => policy(c), c.now, payloadOf(jwt));
  if (platform.verify) {
    const done = verifyOnPlatform(jwt, key, c);
    if (done !== undefined) return done;
  }
  return verifyInWasm(jwt, key, c);
}

/**
 * The synchronous fast path of {@link jwtVerify}: same options, result and errors, no promise.
 *
 * `key` is a KeyLike, a JWK object, a Node KeyObject, a Uint8Array secret, a set from
 * createLocalJWKSet (or a remote set already fetched), or a resolver that returns its key
 * synchronously; on Node also a WebCrypto CryptoKey (through its KeyObject). On Node, ECDSA, RSA and
 * Ed25519 signatures are checked by node:crypto through the core's two-phase verify, and a
 * KeyObject or CryptoKey is used where it lives (README, "Keys held by the platform"); elsewhere
 * everything runs in WebAssembly.
 *
 * @example
 * ```js
 * const { payload } = jwtVerifySync(token, key, { issuer: 'https://idp.example', audience: 'api' });
 * ```
 */
export function jwtVerifySync(jwt, key, options) {
  const c = compileOptions(options);
  const token = tokenText(jwt, c.maxLen);
  if (typeof key === 'function' && key[kRemote]) {
    const local = key[kRemote].cached();
    if (!local) throw new JOSEError('the remote JSON Web Key Set has not been fetched yet: use jwtVerify, or await set.reload() first');
    return parseResult(verifySync(token, local, c));
  }
  if (typeof key === 'function' && !key[kSet]) {
    const header = decodeHeaderOf(token);
    const k = key(header, { payload: token.split('.')[1], signature: token.split('.')[2] });
    if (k && typeof k.then === 'function') throw new TypeError('jwtVerifySync needs a synchronous key resolver; use jwtVerify');
    return { ...parseResult(verifySync(token, k, c)), key: k };
  }
  return parseResult(verifySync(token, key, c));
}

// ---- the async path: ECDSA, RSA and Ed25519 arithmetic on WebCrypto ------------------------

// The core's two-phase verify (jwtcore::verify_external) runs every check but the arithmetic, then
// WebCrypto checks the signature (several times faster than WebAssembly for P-256, P-384 and RSA),
// then the core decodes and validates the claims only if WebCrypto said yes.
const subtle = globalThis.crypto && globalThis.crypto.subtle;

/**
 * verifyOnPlatform's loop with WebCrypto's asynchronous verify. Nothing wasm-side is held across an
 * await: the policy is looked up again and the key is passed by its handle, which reports a key
 * freed meanwhile as a JOSEError.
 */
async function verifyOnWebCrypto(jwt, key, c) {
  const alg = subtle && mayBeExternal(key) ? headerAlg(jwt) : undefined;
  const entries = WEBCRYPTO(alg) ? externalEntries(jwt, key, alg, c) : undefined;
  if (!entries) return undefined;
  const payload = payloadOf(jwt);
  let last;
  for (const e of entries) {
    const ck = await webcryptoKey(e, alg);
    if (!ck) return undefined;
    let signature, signingInput;
    try {
      const parts = call(() => e.prepare(jwt, policy(c)), payload);
      ({ signature, signingInput } = parts);
      parts.free();
    } catch (err) {
      if (notDelegated(err)) return undefined;
      last = err;
      continue;
    }
    let ok;
    try {
      ok = await subtle.verify(WEBCRYPTO(alg)[1], ck, signature, signingInput);
    } catch {
      return undefined; // WebCrypto could not evaluate it: WebAssembly decides
    }
    try {
      return call(() => e.finish(jwt, policy(c), c.now, ok === true), payload);
    } catch (err) {
      if (ok === true) throw err;
      last = err;
    }
  }
  throw last;
}

/** Whether `key` may verify an Ed25519 token, without decoding the header for a single key. */
function mayBeEd25519(key) {
  if (key instanceof KeyLike) {
    const i = key[kInner];
    return i !== undefined && !(i instanceof Map) && familyOf(algOf(i)) === 'okp';
  }
  return mayBeExternal(key);
}

async function verifyAsync(jwt, key, c) {
  // A CryptoKey or KeyObject: every check in the core, the arithmetic where the key lives.
  if (isHeld(key)) {
    const payload = payloadOf(jwt);
    return isKeyObject(key) ? verifyJwtHeldSync(jwt, key, () => policy(c), c.now, payload) : verifyJwtHeld(jwt, key, () => policy(c), c.now, payload);
  }
  // Ed25519 where a synchronous platform primitive exists (node:crypto on Node): OpenSSL in-thread
  // beats WebCrypto's thread-pool round trip there, which is even slower than WebAssembly
  // (README, "Speed"). ECDSA and RSA keep WebCrypto on this path.
  // (A KeyLike that may be Ed25519 holds one Ed25519 key: no header decode needed to know.)
  if (platform.verify && mayBeEd25519(key) && (key instanceof KeyLike || familyOf(headerAlg(jwt)) === 'okp')) {
    const done = verifyOnPlatform(jwt, key, c);
    if (done !== undefined) return done;
  }
  const done = await verifyOnWebCrypto(jwt, key, c);
  return done !== undefined ? done : verifyInWasm(jwt, key, c);
}

/**
 * Verifies a compact JWT and validates its claims, as jose's `jwtVerify`: resolves to
 * `{ payload, protectedHeader }` (plus `key` when a resolver function chose it), or rejects with an
 * {@link errors.JOSEError} subclass carrying jose's `code`.
 *
 * `key` is a KeyLike, a JWK object, a Node KeyObject, a WebCrypto CryptoKey (extractable or not;
 * used where it lives, every check in the core), a Uint8Array secret, a set from
 * createLocalJWKSet / createRemoteJWKSet, or a resolver `(protectedHeader, token) => key`.
 * ECDSA and RSA signatures are checked by WebCrypto where the runtime has it, Ed25519 signatures by
 * node:crypto on Node and by WebCrypto elsewhere, through the core's two-phase verify; everything
 * else runs in WebAssembly.
 *
 * Options beyond jose's: a negative `clockTolerance` (time the token must still have left, as
 * PyJWT's negative leeway) and `maxTokenLength` (bytes, default 64 KiB, checked before the token is
 * copied anywhere).
 *
 * @example
 * ```js
 * const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'));
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'my-client' });
 * ```
 */
export async function jwtVerify(jwt, key, options) {
  const c = compileOptions(options);
  const token = tokenText(jwt, c.maxLen);
  if (typeof key === 'function' && key[kRemote]) {
    const remote = key[kRemote];
    try {
      return parseResult(await verifyAsync(token, await remote.current(), c));
    } catch (e) {
      // An unknown kid: the provider may have rotated; refetch once, unless we just did.
      if (!(e instanceof JWKSNoMatchingKey) || !(await remote.refresh())) throw e;
      return parseResult(await verifyAsync(token, await remote.current(), c));
    }
  }
  if (typeof key === 'function' && !key[kSet]) {
    const header = decodeHeaderOf(token);
    const k = await key(header, { payload: token.split('.')[1], signature: token.split('.')[2] });
    return { ...parseResult(await verifyAsync(token, k, c)), key: k };
  }
  return parseResult(await verifyAsync(token, key, c));
}
