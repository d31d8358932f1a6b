// The jose-style JWT API over the wasm core. Type conversion and error mapping only: parsing,
// algorithm/key checks, signatures and claim validation all happen in the core.
import * as w from './jwtcore_wasm.js';
import {
  JOSEError,
  JOSENotSupported,
  JWKInvalid,
  JWKSInvalid,
  JWKSNoMatchingKey,
  JWKSTimeout,
  JWSInvalid,
  JWTInvalid,
  fromWasm,
} from './errors.js';
import { platform, notLoaded } from './platform.js';

const HMAC = ['HS256', 'HS384', 'HS512'];
const kInner = Symbol('jwtcore.key');
const kSet = Symbol('jwtcore.keyset');
const kRemote = Symbol('jwtcore.remote');

/** Calls into wasm and maps whatever it throws to the jose error classes. */
function call(f, payload) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e, payload);
  }
}

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

const wrap = (inner) => new KeyLike(inner, kInner);

function b64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function importOct(jwk, alg) {
  const text = JSON.stringify(jwk);
  if (alg || jwk.alg) return wrap(call(() => w.Key.fromJwk(text, alg || undefined)));
  // No alg to bind to: bind every HMAC algorithm the secret is long enough for (RFC 7518 §3.2).
  const m = new Map();
  let last;
  for (const a of HMAC) {
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
function keyFor(key) {
  if (key instanceof KeyLike) return key;
  if (key instanceof Uint8Array) return key;
  if (key === null || typeof key !== 'object') throw new JWKInvalid('key must be a KeyLike, a JWK object or a Uint8Array');
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
  } else if (typeof key.algorithm === 'object' && typeof key.usages === 'object') {
    throw new JOSENotSupported('CryptoKey inputs are not supported: import the key with importJWK, importSPKI or importPKCS8');
  }
  if (jwk === null || typeof jwk !== 'object') throw new JWKInvalid('key must be a KeyLike, a JWK object or a Uint8Array');
  const k = jwk.kty === 'oct' ? importOct(jwk) : wrap(call(() => w.Key.fromJwk(JSON.stringify(jwk), undefined)));
  imported.set(key, k);
  return k;
}

// ---- options ------------------------------------------------------------------------------

/** jose's duration option: seconds (number) or a time span (`'2h'`, `'-10s'`, `'10s ago'`). */
function seconds(v, name) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`Invalid ${name} option input`);
    return v;
  }
  if (typeof v === 'string') {
    try {
      return w.timespan(v);
    } catch {
      // jose's message and class: an unparsable span is the caller's mistake, not the token's.
      throw new TypeError('Invalid time period format');
    }
  }
  throw new TypeError(`Invalid ${name} option type`);
}

function strList(v, name) {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (list.some((s) => typeof s !== 'string')) throw new TypeError(`"${name}" option must be a string or an array of strings`);
  return list;
}

let defaultMax;
/** The core's default token limit (read lazily: the wasm module is initialised after this file loads). */
function defaultMaxTokenLength() {
  if (defaultMax === undefined) {
    // The first call into wasm of most entry points: a module that was never loaded says so here.
    if (platform.exports === undefined) throw notLoaded();
    defaultMax = w.defaultMaxTokenLength();
  }
  return defaultMax;
}

function maxLengthOf(options) {
  const m = options && options.maxTokenLength;
  if (m === undefined) return defaultMaxTokenLength();
  if (!Number.isSafeInteger(m) || m <= 0 || m > 0xffffffff) throw new TypeError('"maxTokenLength" option must be a positive integer (bytes)');
  return m;
}

/**
 * Options checked and normalised once per call, before anything touches the cache: a bad value is a
 * TypeError (as in jose), never a claim failure or a cache hit. `key` is the exact JSON of the
 * normalised values (every number finite), so two options objects share a compiled policy only
 * when they mean the same thing.
 */
function compileOptions(options) {
  if (platform.exports === undefined) throw notLoaded();
  const o = options === undefined ? {} : options;
  if (o === null || typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.algorithms !== undefined && (!Array.isArray(o.algorithms) || o.algorithms.some((a) => typeof a !== 'string'))) {
    throw new TypeError('"algorithms" option must be an array of strings');
  }
  if (o.subject !== undefined && typeof o.subject !== 'string') throw new TypeError('"subject" option must be a string');
  if (o.typ !== undefined && typeof o.typ !== 'string') throw new TypeError('"typ" option must be a string');
  if (o.requiredClaims !== undefined && (!Array.isArray(o.requiredClaims) || o.requiredClaims.some((c) => typeof c !== 'string'))) {
    throw new TypeError('"requiredClaims" option must be an array of strings');
  }
  if (o.crit !== undefined && (o.crit === null || typeof o.crit !== 'object')) throw new TypeError('"crit" option must be an object');
  // A negative tolerance is PyJWT's negative leeway (time the token must still have left); jose
  // refuses it, the core supports it so that every binding gives one verdict.
  const leeway = o.clockTolerance === undefined ? 0 : seconds(o.clockTolerance, 'clockTolerance');
  let maxAge;
  if (o.maxTokenAge !== undefined) {
    maxAge = seconds(o.maxTokenAge, 'maxTokenAge');
    if (maxAge < 0) throw new TypeError('Invalid maxTokenAge option input');
  }
  // The arguments of the wasm Policy constructor, in order.
  const spec = [
    o.algorithms,
    strList(o.issuer, 'issuer'),
    strList(o.audience, 'audience'),
    o.subject,
    o.typ,
    leeway,
    maxAge,
    o.requiredClaims ?? [],
    o.crit ? Object.keys(o.crit).sort() : [],
    maxLengthOf(o),
  ];
  return { key: JSON.stringify(spec), spec, maxLen: spec[9], now: nowOf(o) };
}

// Compiled policies, keyed by compileOptions' key, so the hot path does not rebuild one per call.
// Invariant that makes eviction safe (issue 15 F4): a Policy is only ever used synchronously
// between two lookups; code that awaits looks its policy up again afterwards, so freeing an
// evicted one can never pull it from under a pending verification.
const policies = new Map();
const POLICY_CACHE = 64;

function policy(c) {
  let p = policies.get(c.key);
  if (p) return p;
  p = new w.Policy(...c.spec);
  if (policies.size >= POLICY_CACHE) {
    const [oldest, old] = policies.entries().next().value;
    policies.delete(oldest);
    old.free();
  }
  policies.set(c.key, p);
  return p;
}

function nowOf(options) {
  const d = options.currentDate;
  if (d === undefined) return Math.floor(Date.now() / 1000);
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError('"currentDate" option must be a valid Date');
  return Math.floor(d.getTime() / 1000);
}

function parseResult(joined) {
  const i = joined.indexOf('\0');
  return { payload: JSON.parse(joined.slice(i + 1)), protectedHeader: JSON.parse(joined.slice(0, i)) };
}

/**
 * The token as a string, refused before it is copied anywhere when it is longer than `maxLen` bytes
 * (issue 15 F8). A string's UTF-16 length never exceeds its UTF-8 length, so this refuses only what
 * the core would refuse; for non-ASCII tokens within the bound the core makes the exact check.
 */
function tokenText(jwt, maxLen, cls = JWSInvalid) {
  if (jwt instanceof Uint8Array) {
    if (jwt.byteLength > maxLen) throw tooLong(cls);
    jwt = new TextDecoder().decode(jwt);
  }
  if (typeof jwt !== 'string') throw new cls('Compact JWS must be a string or Uint8Array');
  if (jwt.length > maxLen) throw tooLong(cls);
  return jwt;
}

function tooLong(cls) {
  const e = fromWasm(w.tokenTooLong());
  return cls === JWSInvalid ? e : new cls(e.message, { jwtcoreCode: e.jwtcoreCode });
}

// ---- verify -------------------------------------------------------------------------------

const payloadOf = (jwt) => () => parseResult(w.decodeUnverified(jwt)).payload;

/** Verification entirely in WebAssembly: the core selects the key, checks everything. */
function verifyInWasm(jwt, key, c) {
  // Claim errors come after the signature check, so the (verified) claims can go on the error.
  const payload = payloadOf(jwt);
  if (key && key[kSet]) return call(() => w.verifySet(jwt, key[kSet], policy(c), c.now), payload);
  const k = keyFor(key);
  if (k instanceof Uint8Array) return call(() => w.verifySecret(jwt, k, policy(c), c.now), payload);
  const alg = k[kInner] instanceof Map ? headerAlg(jwt) : undefined;
  return call(() => w.verify(jwt, k._for(alg), policy(c), c.now), payload);
}

/** Cheap pre-check, so HMAC and EdDSA calls never pay for an extra header decode. */
function mayBeExternal(key) {
  if (key instanceof Uint8Array) return false;
  if (key instanceof KeyLike) {
    const i = key[kInner];
    return i !== undefined && !(i instanceof Map) && /^(ES|RS|PS)/.test(i.algorithm);
  }
  return true;
}

// A wasm key reachable for the core's two-phase verify: `prepare` and `finish` run phase one and
// two in the core, `toJwk` gives the public half for the platform's own key import. The entry
// object is also the cache key of that import. One per wasm key and one per set position, created
// once: a verification allocates nothing in wasm memory beyond its scratch (issue 15 F5).
const singleEntries = new WeakMap();
const setEntries = new WeakMap();

function singleEntry(inner) {
  let e = singleEntries.get(inner);
  if (!e) {
    e = {
      toJwk: () => inner.toJwk(false),
      prepare: (jwt, p) => w.prepareExternal(jwt, inner, p),
      finish: (jwt, p, now, ok) => w.finishExternal(jwt, inner, p, now, ok),
    };
    singleEntries.set(inner, e);
  }
  return e;
}

function setEntry(set, i) {
  let list = setEntries.get(set);
  if (!list) setEntries.set(set, (list = []));
  return (list[i] ??= {
    toJwk: () => set.publicJwk(i),
    prepare: (jwt, p) => w.prepareExternalIn(jwt, set, i, p),
    finish: (jwt, p, now, ok) => w.finishExternalIn(jwt, set, i, p, now, ok),
  });
}

const family = (a) => (a.startsWith('RS') || a.startsWith('PS') ? 'RSA' : a);

/**
 * The keys an ECDSA/RSA token may be checked against outside wasm, in the core's order, or
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
  return family(inner.algorithm) === family(alg) ? [singleEntry(inner)] : undefined;
}

/**
 * The core's two-phase verify with the runtime's synchronous primitive (see platform.js), trying
 * each candidate as the core's resolver does: the first signature that verifies decides (its claim
 * errors are final); if none does, the last candidate's error. WebAssembly decides instead when the
 * platform cannot evaluate a key (undefined).
 */
function verifyOnPlatform(jwt, key, c) {
  if (!mayBeExternal(key)) return undefined;
  const alg = headerAlg(jwt);
  if (!WEBCRYPTO[alg]) return undefined;
  const entries = externalEntries(jwt, key, alg, c);
  if (!entries) return undefined;
  const payload = payloadOf(jwt);
  let last;
  for (const e of entries) {
    let parts;
    try {
      parts = call(() => e.prepare(jwt, policy(c)), payload);
    } catch (err) {
      last = err;
      continue;
    }
    let ok;
    try {
      ok = platform.verify(alg, e, parts.signingInput, parts.signature);
    } finally {
      parts.free();
    }
    if (ok === undefined) return undefined;
    try {
      return call(() => e.finish(jwt, policy(c), c.now, ok === true), payload);
    } catch (err) {
      if (ok === true) throw err;
      last = err;
    }
  }
  throw last;
}

function headerAlg(jwt) {
  try {
    return JSON.parse(w.decodeHeader(jwt)).alg;
  } catch {
    return undefined;
  }
}

function verifySync(jwt, key, c) {
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
 * synchronously. On Node, ECDSA and RSA signatures are checked by node:crypto through the core's
 * two-phase verify; elsewhere everything runs in WebAssembly.
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

// ---- the async path: ECDSA and RSA arithmetic on WebCrypto ---------------------------------

// The core's two-phase verify (jwtcore::verify_external) runs every check but the arithmetic, then
// WebCrypto checks the signature (several times faster than WebAssembly for P-256, P-384 and RSA),
// then the core decodes and validates the claims only if WebCrypto said yes.
const subtle = globalThis.crypto && globalThis.crypto.subtle;
const WEBCRYPTO = {
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
  ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }],
  RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
  RS384: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, { name: 'RSASSA-PKCS1-v1_5' }],
  RS512: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, { name: 'RSASSA-PKCS1-v1_5' }],
  PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
  PS384: [{ name: 'RSA-PSS', hash: 'SHA-384' }, { name: 'RSA-PSS', saltLength: 48 }],
  PS512: [{ name: 'RSA-PSS', hash: 'SHA-512' }, { name: 'RSA-PSS', saltLength: 64 }],
};
const cryptoKeys = new WeakMap(); // key entry -> Map(alg -> Promise<CryptoKey | null>)

function webcryptoKey(entry, alg) {
  let byAlg = cryptoKeys.get(entry);
  if (!byAlg) cryptoKeys.set(entry, (byAlg = new Map()));
  let p = byAlg.get(alg);
  if (!p) {
    // The public half only, without alg/use/key_ops (WebCrypto would re-check them against its
    // own algorithm names); the core binds the key to `alg` in phase one. Any failure here just
    // means the wasm path verifies instead.
    try {
      const { kty, crv, x, y, n, e } = JSON.parse(entry.toJwk());
      p = subtle.importKey('jwk', { kty, crv, x, y, n, e }, WEBCRYPTO[alg][0], false, ['verify']).catch(() => null);
    } catch {
      p = Promise.resolve(null);
    }
    byAlg.set(alg, p);
  }
  return p;
}

/**
 * verifyOnPlatform's loop with WebCrypto's asynchronous verify. Nothing wasm-side is held across an
 * await: the policy is looked up again and the key is passed by its handle, which reports a key
 * freed meanwhile as a JOSEError.
 */
async function verifyOnWebCrypto(jwt, key, c) {
  const alg = subtle && mayBeExternal(key) ? headerAlg(jwt) : undefined;
  const entries = WEBCRYPTO[alg] ? externalEntries(jwt, key, alg, c) : undefined;
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
      last = err;
      continue;
    }
    let ok;
    try {
      ok = await subtle.verify(WEBCRYPTO[alg][1], ck, signature, signingInput);
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

async function verifyAsync(jwt, key, c) {
  const done = await verifyOnWebCrypto(jwt, key, c);
  return done !== undefined ? done : verifyInWasm(jwt, key, c);
}

/**
 * Verifies a compact JWT and validates its claims, as jose's `jwtVerify`: resolves to
 * `{ payload, protectedHeader }` (plus `key` when a resolver function chose it), or rejects with an
 * {@link errors.JOSEError} subclass carrying jose's `code`.
 *
 * `key` is a KeyLike, a JWK object, a Node KeyObject, a Uint8Array secret, a set from
 * createLocalJWKSet / createRemoteJWKSet, or a resolver `(protectedHeader, token) => key`.
 * ECDSA and RSA signatures are checked by WebCrypto where the runtime has it, through the core's
 * two-phase verify; everything else runs in WebAssembly.
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

// ---- decode -------------------------------------------------------------------------------

/**
 * The claims of a JWT **without verifying it**, as jose's `decodeJwt` (every failure is
 * `JWTInvalid`). Tokens over 64 KiB (the core's default limit) are refused before being copied.
 *
 * @example
 * ```js
 * const { sub } = decodeJwt(token); // for display or routing only: nothing is verified
 * ```
 */
export function decodeJwt(jwt) {
  if (typeof jwt !== 'string') throw new JWTInvalid('JWTs must use Compact JWS serialization, JWT must be a string');
  tokenText(jwt, defaultMaxTokenLength(), JWTInvalid);
  let joined;
  try {
    joined = w.decodeUnverified(jwt);
  } catch (e) {
    const err = fromWasm(e);
    throw new JWTInvalid(err.jwtcoreCode === 'jwe_not_supported' ? 'Only JWTs using Compact JWS serialization can be decoded' : err.message, { jwtcoreCode: err.jwtcoreCode });
  }
  const { payload } = parseResult(joined);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JWTInvalid('Invalid JWT Claims Set', { jwtcoreCode: 'claims_deserialize' });
  return payload;
}

/** The header of a token whose length the caller has checked. */
function decodeHeaderOf(token) {
  try {
    return JSON.parse(w.decodeHeader(token));
  } catch (e) {
    const err = fromWasm(e);
    throw new JWSInvalid(err.message, { jwtcoreCode: err.jwtcoreCode });
  }
}

/**
 * The protected header of a compact JWS, **unverified** (jose's `decodeProtectedHeader`; failures
 * are `JWSInvalid`). Tokens over 64 KiB are refused before being copied.
 *
 * @example
 * ```js
 * const { kid, alg } = decodeProtectedHeader(token);
 * ```
 */
export function decodeProtectedHeader(token) {
  if (typeof token !== 'string') throw new JWSInvalid('Invalid Token or Protected Header formatting');
  return decodeHeaderOf(tokenText(token, defaultMaxTokenLength()));
}

// ---- sign ---------------------------------------------------------------------------------

function epoch(date) {
  return Math.floor(date.getTime() / 1000);
}

function timeValue(v, name) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`Invalid ${name} input`);
    return v;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new TypeError(`Invalid ${name} input`);
    return epoch(v);
  }
  if (typeof v === 'string') return epoch(new Date()) + call(() => w.timespan(v));
  throw new TypeError(`Invalid ${name} input`);
}

function isPlainObject(v) {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** Signs `payload` (an object) with `protectedHeader` (must name `alg`) and returns the compact JWS. */
export function signSync(payload, key, protectedHeader) {
  if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
  const header = protectedHeader || {};
  if (typeof header.alg !== 'string' || header.alg === '') throw new JWSInvalid('either setProtectedHeader or setUnprotectedHeader must be called before #sign()');
  if (header.b64 === false) throw new JWTInvalid('JWTs MUST NOT use unencoded payload');
  const headerJson = JSON.stringify(header);
  const payloadJson = JSON.stringify(payload);
  const k = keyFor(key);
  if (k instanceof Uint8Array) {
    const tmp = call(() => w.Key.fromSecret(header.alg, k));
    try {
      return call(() => w.sign(headerJson, payloadJson, tmp));
    } finally {
      tmp.free();
    }
  }
  return call(() => w.sign(headerJson, payloadJson, k._for(header.alg)));
}

/** jose's JWT builder. */
export class SignJWT {
  #payload;
  #header;
  constructor(payload = {}) {
    if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
    this.#payload = structuredClone(payload);
  }
  setProtectedHeader(header) {
    if (this.#header) throw new TypeError('setProtectedHeader can only be called once');
    this.#header = header;
    return this;
  }
  setIssuer(issuer) {
    if (typeof issuer !== 'string') throw new TypeError('"iss" must be a string');
    this.#payload.iss = issuer;
    return this;
  }
  setSubject(subject) {
    if (typeof subject !== 'string') throw new TypeError('"sub" must be a string');
    this.#payload.sub = subject;
    return this;
  }
  setAudience(audience) {
    this.#payload.aud = audience;
    return this;
  }
  setJti(jwtId) {
    if (typeof jwtId !== 'string') throw new TypeError('"jti" must be a string');
    this.#payload.jti = jwtId;
    return this;
  }
  setNotBefore(input) {
    this.#payload.nbf = timeValue(input, 'setNotBefore');
    return this;
  }
  setExpirationTime(input) {
    this.#payload.exp = timeValue(input, 'setExpirationTime');
    return this;
  }
  setIssuedAt(input) {
    this.#payload.iat = input === undefined ? epoch(new Date()) : timeValue(input, 'setIssuedAt');
    return this;
  }
  /** The synchronous twin of sign(). */
  signSync(key) {
    return signSync(this.#payload, key, this.#header);
  }
  async sign(key) {
    return this.signSync(key);
  }
}

// ---- keys ---------------------------------------------------------------------------------

function algArg(alg) {
  if (typeof alg !== 'string') throw new TypeError('"alg" argument is required');
  return alg;
}

/** A KeyLike from a JWK (jose: for `oct` without `alg`, any HMAC algorithm its length allows). */
export async function importJWK(jwk, alg) {
  return importJWKSync(jwk, alg);
}
export function importJWKSync(jwk, alg) {
  if (!isPlainObject(jwk)) throw new TypeError('JWK must be an object');
  if (jwk.kty === 'oct') return importOct(jwk, alg);
  // With `alg`, the core binds the key to it (an RSA JWK without its own `alg` serves RS* or PS*
  // as asked) or refuses a key of another family.
  return wrap(call(() => w.Key.fromJwk(JSON.stringify(jwk), alg === undefined ? undefined : String(alg))));
}

function importPem(pem, alg, label, wantPrivate) {
  if (typeof pem !== 'string' || !pem.trimStart().startsWith(`-----BEGIN ${label}-----`)) throw new TypeError(`"pem" must be ${label} formatted string`);
  const k = wrap(call(() => w.Key.fromPem(pem, algArg(alg))));
  if (k.type === 'private' !== wantPrivate) {
    k.free();
    throw new JWKInvalid(`expected a ${wantPrivate ? 'private' : 'public'} key`);
  }
  return k;
}
/** A public key from SPKI PEM for `alg`. */
export async function importSPKI(spki, alg) {
  return importPem(spki, alg, 'PUBLIC KEY', false);
}
/** A private key from PKCS#8 PEM for `alg`. */
export async function importPKCS8(pkcs8, alg) {
  return importPem(pkcs8, alg, 'PRIVATE KEY', true);
}

/** The key as a JWK (private members included for private and secret keys, as jose). */
export async function exportJWK(key) {
  if (key instanceof Uint8Array) return { kty: 'oct', k: b64url(key) };
  if (!(key instanceof KeyLike)) throw new TypeError('key must be a KeyLike or Uint8Array');
  const jwk = JSON.parse(call(() => key._for().toJwk(true)));
  if (key[kInner] instanceof Map) delete jwk.alg;
  return jwk;
}

/** A fresh HMAC key for `alg` (kept in wasm memory). */
export async function generateSecret(alg) {
  if (!HMAC.includes(alg)) throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  return wrap(call(() => w.Key.generate(alg)));
}

/** A fresh key pair for `alg` (ES256, ES384, EdDSA/Ed25519). */
export async function generateKeyPair(alg) {
  const a = alg === 'Ed25519' ? 'EdDSA' : alg;
  if (HMAC.includes(a)) throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const privateKey = call(() => w.Key.generate(a));
  const publicKey = call(() => privateKey.toPublic());
  return { privateKey: wrap(privateKey), publicKey: wrap(publicKey) };
}

/** RFC 7638 thumbprint of a key or JWK. */
export async function calculateJwkThumbprint(key) {
  const k = keyFor(key);
  if (k instanceof Uint8Array) throw new JWKInvalid('a raw secret has no JWK thumbprint; import it first');
  return call(() => k._for().thumbprint());
}

// ---- JWKS ---------------------------------------------------------------------------------

/**
 * A JSON Web Key Set as jose's `createLocalJWKSet`, usable as the key of {@link jwtVerify} and
 * {@link jwtVerifySync}: the core parses it as a **public** set (RFC 7517 §9.3): `oct` entries
 * are skipped, so a secret published next to the public keys never verifies anything, and private
 * members are dropped. Verification always goes through the core's selection by `kid` and `alg`;
 * when several keys fit (no `kid`, or a duplicate one), each is tried.
 *
 * Called directly, the resolver returns (a copy of) the first key the core selects for a header.
 *
 * @example
 * ```js
 * const JWKS = createLocalJWKSet({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', x: '…', y: '…' }] });
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'api' });
 * ```
 */
export function createLocalJWKSet(jwks) {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) throw new JWKSInvalid('JSON Web Key Set malformed');
  const copy = structuredClone(jwks);
  const set = call(() => w.KeySet.fromJwks(JSON.stringify(copy)));
  const resolver = async (protectedHeader) => {
    const h = protectedHeader || {};
    if (typeof h.alg !== 'string') throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    // The core compares kids as JSON string content (as they appear in a header), so a kid with
    // quotes, backslashes or control characters goes back to its escaped form.
    const kid = typeof h.kid === 'string' ? JSON.stringify(h.kid).slice(1, -1) : undefined;
    return wrap(call(() => set.select(h.alg, kid)));
  };
  resolver[kSet] = set;
  resolver.jwks = () => structuredClone(copy);
  return resolver;
}

const REMOTE_MAX_BYTES = 512 * 1024;

/** The response body as text, refused past `max` bytes (a JWKS is a few KiB; issue 15 F7). */
async function boundedText(res, max) {
  const tooBig = () => new JOSEError(`the JSON Web Key Set response exceeds maxResponseSize (${max} bytes)`);
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) {
    await res.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function nonNegative(v, fallback, name) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new TypeError(`"${name}" option must be a non-negative number`);
  return v;
}

/**
 * jose's `createRemoteJWKSet`: the set at `url`, fetched with `fetch` (GET, redirects not followed),
 * cached for `cacheMaxAge` (10 min), and refetched on an unknown `kid` at most once per
 * `cooldownDuration` (30 s). Key selection and verification are the core's, as with
 * {@link createLocalJWKSet}. Works wherever `fetch` does (Node 20, browsers, workers).
 *
 * `timeoutDuration` (5 s) bounds the **whole** response, body included, and `maxResponseSize`
 * (512 KiB, an option jose does not have) bounds its size; concurrent callers share one request,
 * so none waits longer than the timeout.
 *
 * @example
 * ```js
 * const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'), { timeoutDuration: 2000 });
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'my-client' });
 * ```
 */
export function createRemoteJWKSet(url, options = {}) {
  if (!(url instanceof URL)) throw new TypeError('url must be an instance of URL');
  const timeout = nonNegative(options.timeoutDuration, 5000, 'timeoutDuration');
  const cooldown = nonNegative(options.cooldownDuration, 30000, 'cooldownDuration');
  const maxAge = nonNegative(options.cacheMaxAge, 600000, 'cacheMaxAge');
  const maxBytes = options.maxResponseSize ?? REMOTE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError('"maxResponseSize" option must be a positive integer (bytes)');
  let local;
  let fetchedAt = 0;
  let pending;
  async function fetchSet(signal) {
    let res;
    try {
      res = await fetch(url.href, { method: 'GET', headers: options.headers, redirect: 'manual', signal });
    } catch (e) {
      throw signal.aborted ? new JWKSTimeout('request timed out') : new JOSEError('fetching the JSON Web Key Set failed', { cause: e });
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response');
    }
    let text;
    try {
      text = await boundedText(res, maxBytes);
    } catch (e) {
      if (e instanceof JOSEError) throw e;
      throw signal.aborted ? new JWKSTimeout('request timed out') : new JOSEError('reading the JSON Web Key Set failed', { cause: e });
    }
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new JOSEError('Failed to parse the JSON Web Key Set HTTP response as JSON', { cause: e });
    }
    return createLocalJWKSet(json);
  }
  async function load() {
    const ctrl = new AbortController();
    let timer;
    // The deadline covers headers and body: a server that drip-feeds bytes is cut off too, even
    // where a runtime's body stream ignores the abort signal.
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => {
        ctrl.abort();
        reject(new JWKSTimeout('request timed out'));
      }, timeout);
    });
    try {
      local = await Promise.race([fetchSet(ctrl.signal), deadline]);
      fetchedAt = Date.now();
      return local;
    } finally {
      clearTimeout(timer);
    }
  }
  // Concurrent callers share one request (bounded by the deadline above).
  const reload = () => (pending ??= load().finally(() => (pending = undefined)));
  const fresh = () => local !== undefined && Date.now() - fetchedAt < maxAge;
  const coolingDown = () => local !== undefined && Date.now() - fetchedAt < cooldown;
  const remote = {
    cached: () => (fresh() ? local : undefined),
    current: async () => (fresh() ? local : reload()),
    // Refetches unless within the cooldown; true when it did.
    refresh: async () => {
      if (coolingDown()) return false;
      await reload();
      return true;
    },
  };
  const resolver = async (protectedHeader, token) => {
    try {
      return await (await remote.current())(protectedHeader, token);
    } catch (e) {
      if (!(e instanceof JWKSNoMatchingKey) || !(await remote.refresh())) throw e;
      return local(protectedHeader, token);
    }
  };
  resolver[kRemote] = remote;
  Object.defineProperties(resolver, {
    coolingDown: { get: coolingDown },
    fresh: { get: fresh },
    reloading: { get: () => pending !== undefined },
  });
  resolver.reload = async () => {
    await reload();
  };
  resolver.jwks = () => (local ? local.jwks() : undefined);
  return resolver;
}

/** Every core error code (for tests and tooling). */
export const errorCodes = () => w.errorCodes();

/**
 * @internal The size of the WebAssembly memory in bytes, for the package's own memory tests (wasm
 * memory only grows; a leak shows up here long before the process runs out).
 */
export const _wasmMemoryBytes = () => platform.exports.memory.buffer.byteLength;

export const cryptoRuntime = 'jwtcore-wasm';
export { discoverJWKS, fetchOpenIdConfiguration } from './discovery.js';
