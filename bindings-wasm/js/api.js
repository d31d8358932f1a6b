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
import { platform } from './platform.js';

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

function seconds(v, name) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw new TypeError(`Invalid ${name} option value`);
    return v;
  }
  if (typeof v === 'string') {
    const s = call(() => w.timespan(v));
    if (s < 0) throw new TypeError(`Invalid ${name} option value`);
    return s;
  }
  throw new TypeError(`Invalid ${name} option type`);
}

const strList = (v) => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);

// Compiled options, keyed by their JSON text: the hot path reuses one Policy per distinct options.
const policies = new Map();

function policyFor(options) {
  const o = options || {};
  const spec = [
    o.algorithms,
    o.issuer,
    o.audience,
    o.subject,
    o.typ,
    o.clockTolerance ?? 0,
    o.maxTokenAge,
    o.requiredClaims,
    o.crit ? Object.keys(o.crit).sort() : undefined,
  ];
  const text = JSON.stringify(spec);
  let p = policies.get(text);
  if (p) return p;
  if (o.algorithms !== undefined && !Array.isArray(o.algorithms)) throw new TypeError('"algorithms" option must be an array of strings');
  const leeway = seconds(o.clockTolerance ?? 0, 'clockTolerance');
  const maxAge = o.maxTokenAge === undefined ? undefined : seconds(o.maxTokenAge, 'maxTokenAge');
  if (o.subject !== undefined && typeof o.subject !== 'string') throw new TypeError('"subject" option must be a string');
  if (o.typ !== undefined && typeof o.typ !== 'string') throw new TypeError('"typ" option must be a string');
  p = new w.Policy(
    o.algorithms ? o.algorithms.map(String) : undefined,
    strList(o.issuer),
    strList(o.audience),
    o.subject,
    o.typ,
    leeway,
    maxAge,
    strList(o.requiredClaims) ?? [],
    spec[8] ?? [],
  );
  if (policies.size >= 64) {
    for (const old of policies.values()) old.free();
    policies.clear();
  }
  policies.set(text, p);
  return p;
}

function nowOf(options) {
  const d = options && options.currentDate;
  if (d === undefined) return Math.floor(Date.now() / 1000);
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError('"currentDate" option must be a valid Date');
  return Math.floor(d.getTime() / 1000);
}

function parseResult(joined) {
  const i = joined.indexOf('\0');
  return { payload: JSON.parse(joined.slice(i + 1)), protectedHeader: JSON.parse(joined.slice(0, i)) };
}

function tokenText(jwt) {
  if (jwt instanceof Uint8Array) jwt = new TextDecoder().decode(jwt);
  if (typeof jwt !== 'string') throw new JWSInvalid('Compact JWS must be a string or Uint8Array');
  return jwt;
}

// ---- verify -------------------------------------------------------------------------------

function verifyWith(jwt, key, options) {
  const policy = policyFor(options);
  const now = nowOf(options);
  // Claim errors come after the signature check, so the (verified) claims can go on the error.
  const payload = () => parseResult(w.decodeUnverified(jwt)).payload;
  if (platform.verify) {
    const done = verifyOnPlatform(jwt, key, policy, now, payload);
    if (done !== undefined) return done;
  }
  if (key && key[kSet]) return call(() => w.verifySet(jwt, key[kSet], policy, now), payload);
  const k = keyFor(key);
  if (k instanceof Uint8Array) return call(() => w.verifySecret(jwt, k, policy, now), payload);
  const alg = k[kInner] instanceof Map ? headerAlg(jwt) : undefined;
  return call(() => w.verify(jwt, k._for(alg), policy, now), payload);
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

/** The wasm key for an ECDSA/RSA token whose arithmetic can go outside wasm, else undefined. */
function externalKey(jwt, key, alg) {
  let inner;
  if (key instanceof KeyLike && !(key[kInner] instanceof Map)) inner = key._for();
  else if (key && key[kSet]) {
    // A set: only when the header names its key; otherwise the core tries each candidate.
    const kid = JSON.parse(call(() => w.decodeHeader(jwt))).kid;
    if (typeof kid === 'string') {
      try {
        inner = key[kSet].select(alg, kid);
      } catch {
        inner = undefined;
      }
    }
  } else if (key !== null && typeof key === 'object' && !(key instanceof Uint8Array) && !(key instanceof KeyLike)) {
    const k = keyFor(key);
    if (!(k instanceof Uint8Array) && !(k[kInner] instanceof Map)) inner = k._for();
  }
  // Only a key of the header's family; any mismatch is the core's to report.
  const family = (a) => (a.startsWith('RS') || a.startsWith('PS') ? 'RSA' : a);
  return inner && family(inner.algorithm) === family(alg) ? inner : undefined;
}

/** The core's two-phase verify with the runtime's synchronous primitive (see platform.js). */
function verifyOnPlatform(jwt, key, policy, now, payload) {
  if (!mayBeExternal(key)) return undefined;
  const alg = headerAlg(jwt);
  if (!WEBCRYPTO[alg]) return undefined;
  const inner = externalKey(jwt, key, alg);
  if (!inner) return undefined;
  const parts = call(() => w.prepareExternal(jwt, inner, policy), payload);
  let ok;
  try {
    ok = platform.verify(alg, inner, parts.signingInput, parts.signature);
  } finally {
    parts.free();
  }
  if (ok === undefined) return undefined;
  return call(() => w.finishExternal(jwt, inner, policy, now, ok === true), payload);
}

function headerAlg(jwt) {
  try {
    return JSON.parse(w.decodeHeader(jwt)).alg;
  } catch {
    return undefined;
  }
}

/**
 * The synchronous fast path of jwtVerify: same options, result and errors; `key` is a KeyLike, a
 * JWK object, a Node KeyObject, a Uint8Array secret, or a set from createLocalJWKSet.
 */
export function jwtVerifySync(jwt, key, options) {
  const token = tokenText(jwt);
  if (typeof key === 'function' && key[kRemote]) {
    const local = key[kRemote].cached();
    if (!local) throw new JOSEError('the remote JSON Web Key Set has not been fetched yet: use jwtVerify, or await set.reload() first');
    return parseResult(verifyWith(token, local, options));
  }
  if (typeof key === 'function' && !key[kSet]) {
    const header = decodeProtectedHeader(token);
    const k = key(header, { payload: token.split('.')[1], signature: token.split('.')[2] });
    if (k && typeof k.then === 'function') throw new TypeError('jwtVerifySync needs a synchronous key resolver; use jwtVerify');
    return { ...parseResult(verifyWith(token, k, options)), key: k };
  }
  return parseResult(verifyWith(token, key, options));
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
const cryptoKeys = new WeakMap(); // wasm key -> Map(alg -> Promise<CryptoKey | null>)

function webcryptoKey(inner, alg) {
  let byAlg = cryptoKeys.get(inner);
  if (!byAlg) cryptoKeys.set(inner, (byAlg = new Map()));
  let p = byAlg.get(alg);
  if (!p) {
    // The public half only, without alg/use/key_ops (WebCrypto would re-check them against its
    // own algorithm names); the core binds the key to `alg` in phase one. Any failure here just
    // means the wasm path verifies instead.
    try {
      const { kty, crv, x, y, n, e } = JSON.parse(inner.toJwk(false));
      p = subtle.importKey('jwk', { kty, crv, x, y, n, e }, WEBCRYPTO[alg][0], false, ['verify']).catch(() => null);
    } catch {
      p = Promise.resolve(null);
    }
    byAlg.set(alg, p);
  }
  return p;
}

async function verifyAsync(jwt, key, options) {
  const alg = subtle && mayBeExternal(key) ? headerAlg(jwt) : undefined;
  const inner = WEBCRYPTO[alg] ? externalKey(jwt, key, alg) : undefined;
  const ck = inner && (await webcryptoKey(inner, alg));
  if (!ck) return verifyWith(jwt, key, options);
  const policy = policyFor(options);
  const now = nowOf(options);
  const payload = () => parseResult(w.decodeUnverified(jwt)).payload;
  const parts = call(() => w.prepareExternal(jwt, inner, policy), payload);
  let ok;
  try {
    ok = await subtle.verify(WEBCRYPTO[alg][1], ck, parts.signature, parts.signingInput);
  } finally {
    parts.free();
  }
  return call(() => w.finishExternal(jwt, inner, policy, now, ok === true), payload);
}

/**
 * jose's jwtVerify: `{ payload, protectedHeader }` (plus `key` when a resolver chose it). ECDSA and
 * RSA signatures are checked by WebCrypto where the runtime has it (see verifyAsync); everything
 * else, and the synchronous twin, runs in WebAssembly.
 */
export async function jwtVerify(jwt, key, options) {
  const token = tokenText(jwt);
  if (typeof key === 'function' && key[kRemote]) {
    const remote = key[kRemote];
    try {
      return parseResult(await verifyAsync(token, await remote.current(), options));
    } catch (e) {
      // An unknown kid: the provider may have rotated; refetch once, unless we just did.
      if (!(e instanceof JWKSNoMatchingKey) || !(await remote.refresh())) throw e;
      return parseResult(await verifyAsync(token, await remote.current(), options));
    }
  }
  if (typeof key === 'function' && !key[kSet]) {
    const header = decodeProtectedHeader(token);
    const k = await key(header, { payload: token.split('.')[1], signature: token.split('.')[2] });
    return { ...parseResult(await verifyAsync(token, k, options)), key: k };
  }
  return parseResult(await verifyAsync(token, key, options));
}

// ---- decode -------------------------------------------------------------------------------

/** The claims of a JWT without verifying it (jose: every failure is JWTInvalid). */
export function decodeJwt(jwt) {
  if (typeof jwt !== 'string') throw new JWTInvalid('JWTs must use Compact JWS serialization, JWT must be a string');
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

/** The protected header of a compact JWS, unverified (failures: JWSInvalid). */
export function decodeProtectedHeader(token) {
  if (typeof token !== 'string') throw new JWSInvalid('Invalid Token or Protected Header formatting');
  try {
    return JSON.parse(w.decodeHeader(token));
  } catch (e) {
    const err = fromWasm(e);
    throw new JWSInvalid(err.message, { jwtcoreCode: err.jwtcoreCode });
  }
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
 * A local JWKS resolver, usable as jwtVerify's key: jwtVerify hands the whole set to the core,
 * which selects by `kid` and `alg`. Called directly, it resolves the key jose would.
 */
export function createLocalJWKSet(jwks) {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) throw new JWKSInvalid('JSON Web Key Set malformed');
  const copy = structuredClone(jwks);
  const set = call(() => w.KeySet.fromJwks(JSON.stringify(copy)));
  const resolver = async (protectedHeader) => {
    const h = protectedHeader || {};
    if (typeof h.alg !== 'string' || HMAC.includes(h.alg)) throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    return wrap(call(() => set.select(h.alg, typeof h.kid === 'string' ? h.kid : undefined)));
  };
  resolver[kSet] = set;
  resolver.jwks = () => structuredClone(copy);
  return resolver;
}

/**
 * jose's createRemoteJWKSet: the set at `url`, fetched with `fetch` (GET, redirects not followed,
 * `timeoutDuration` 5 s), cached for `cacheMaxAge` (10 min), and refetched on an unknown `kid`
 * at most once per `cooldownDuration` (30 s). Key selection and verification are the core's, as
 * with createLocalJWKSet. Works wherever `fetch` does (Node 20, browsers, workers).
 */
export function createRemoteJWKSet(url, options = {}) {
  if (!(url instanceof URL)) throw new TypeError('url must be an instance of URL');
  const timeout = options.timeoutDuration ?? 5000;
  const cooldown = options.cooldownDuration ?? 30000;
  const maxAge = options.cacheMaxAge ?? 600000;
  let local;
  let fetchedAt = 0;
  let pending;
  async function load() {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeout);
    let res;
    try {
      res = await fetch(url.href, { method: 'GET', headers: options.headers, redirect: 'manual', signal: ctrl.signal });
    } catch (e) {
      throw ctrl.signal.aborted ? new JWKSTimeout('request timed out') : new JOSEError('fetching the JSON Web Key Set failed', { cause: e });
    } finally {
      clearTimeout(timer);
    }
    if (res.status !== 200) throw new JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response');
    let json;
    try {
      json = await res.json();
    } catch (e) {
      throw new JOSEError('Failed to parse the JSON Web Key Set HTTP response as JSON', { cause: e });
    }
    local = createLocalJWKSet(json);
    fetchedAt = Date.now();
    return local;
  }
  // Concurrent callers share one request.
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

export const cryptoRuntime = 'jwtcore-wasm';
