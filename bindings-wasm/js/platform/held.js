// Keys the platform holds: a WebCrypto CryptoKey (extractable or not) and a Node KeyObject. Their
// material never enters WebAssembly. The core gets the platform's own description of the key
// (w.PlatformKey: algorithm name, curve, hash, modulus length, usages; a KeyObject's type and
// asymmetricKeyDetails) and decides from it which algorithms the key serves; the core's two-phase
// verify and sign then make every check, and only the arithmetic (or the MAC) runs here, on the
// platform. HMAC: WebCrypto verifies the MAC itself (subtle.verify, constant time), node:crypto
// computes it and the core compares in constant time.
import * as w from '../jwtcore_wasm.js';
import { JOSENotSupported } from '../errors.js';
import { platform } from '../platform.js';
import { call } from '../util/internal.js';
import { KeyLike, isCryptoKey } from '../key/keylike.js';
import { anyAlgorithmInfo, webCryptoParams } from '../util/algorithms.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;

/** A Node KeyObject (by shape: node:crypto is not imported outside the Node entry). */
export function isKeyObject(key) {
  return (
    key !== null &&
    typeof key === 'object' &&
    typeof key.export === 'function' &&
    typeof key.equals === 'function' &&
    ['secret', 'public', 'private'].includes(key.type) &&
    typeof key.algorithm !== 'object'
  );
}

/**
 * Whether `key` is used where it lives: every CryptoKey, and a KeyObject where node:crypto is
 * installed. A KeyLike is neither, and is answered first: the shape checks would read its
 * `algorithm` getter, a call into WebAssembly returning a string, on every verification.
 */
export const isHeld = (key) => !(key instanceof KeyLike) && (isCryptoKey(key) || (isKeyObject(key) && platform.held !== undefined));

// One description per platform key, made once (the key's parameters cannot change).
const described = new WeakMap(); // CryptoKey | KeyObject -> w.PlatformKey | Promise<w.PlatformKey>

/** WebCrypto's parameters to sign or verify as `alg` (HMAC included). */
function webCryptoOp(alg) {
  const row = anyAlgorithmInfo(alg);
  if (row.family === 'hmac') return { name: 'HMAC' };
  return webCryptoParams(alg, row)[1];
}

/** The core's description of a CryptoKey (async: an Ed25519 public key's bytes are exported). */
function describeCryptoKey(ck) {
  let d = described.get(ck);
  if (d === undefined) {
    d = (async () => {
      const a = ck.algorithm;
      let ed25519Public;
      // The core's strict Ed25519 pre-check needs the public key's bytes; a public key that will
      // not show them is refused by the core (key_unsupported), not trusted blindly.
      if (a.name === 'Ed25519' && ck.type === 'public' && ck.extractable) {
        ed25519Public = new Uint8Array(await subtle.exportKey('raw', ck));
      }
      const hash = a.hash && typeof a.hash === 'object' ? a.hash.name : a.hash;
      return call(() =>
        w.PlatformKey.fromWebCrypto(ck.type, String(a.name), a.namedCurve, hash, a.modulusLength, a.length, [...ck.usages], ed25519Public),
      );
    })();
    described.set(ck, d);
    // A refused key stays refused, with the same error each time; nothing to retry.
  }
  return d;
}

/** The core's description of a KeyObject (synchronous; node:crypto's hooks read the details). */
function describeKeyObject(ko) {
  let d = described.get(ko);
  if (d === undefined) {
    const { type, asymmetricKeyType, namedCurve, modulusLength, hashAlgorithm, symmetricKeySize, ed25519Public } = platform.held.describe(ko);
    d = call(() => w.PlatformKey.fromNode(type, asymmetricKeyType, namedCurve, modulusLength, hashAlgorithm, symmetricKeySize, ed25519Public));
    described.set(ko, d);
  }
  return d;
}

/** The held key's description, async (either kind of key). */
export async function describeHeld(key) {
  return isCryptoKey(key) ? describeCryptoKey(key) : describeKeyObject(key);
}

// Descriptions made synchronously (a CryptoKey used by a sync function on Node); the async ones
// above hold promises.
const describedSync = new WeakMap();

/**
 * A CryptoKey's description without awaiting, on Node: the same `fromWebCrypto` call as the async
 * path, an Ed25519 public key's bytes read through its KeyObject only when the CryptoKey is
 * extractable (so both paths refuse a hidden one alike).
 */
function describeCryptoKeySync(ck) {
  let d = describedSync.get(ck);
  if (d === undefined) {
    const a = ck.algorithm;
    const ed25519Public = a.name === 'Ed25519' && ck.type === 'public' && ck.extractable ? platform.held.ed25519Public(platform.held.fromCryptoKey(ck)) : undefined;
    const hash = a.hash && typeof a.hash === 'object' ? a.hash.name : a.hash;
    d = call(() => w.PlatformKey.fromWebCrypto(ck.type, String(a.name), a.namedCurve, hash, a.modulusLength, a.length, [...ck.usages], ed25519Public));
    describedSync.set(ck, d);
  }
  return d;
}

/** The KeyObject that does a held key's arithmetic synchronously (a CryptoKey's own, on Node). */
const keyObjectOf = (key) => (isCryptoKey(key) ? platform.held.fromCryptoKey(key) : key);

function noCryptoKeySync() {
  return new JOSENotSupported(
    'a CryptoKey is used through WebCrypto, which is asynchronous: use the async function (jwtVerify, compactVerify, SignJWT#sign, ...); only on Node do the synchronous functions take one',
  );
}

/** The held key's description for the synchronous functions: KeyObjects only. */
export function describeHeldSync(key) {
  if (isCryptoKey(key)) {
    if (platform.held === undefined) throw noCryptoKeySync();
    return describeCryptoKeySync(key);
  }
  return describeKeyObject(key);
}

function wrapPlatformError(e, what) {
  return new JOSENotSupported(`the platform could not ${what} with this key (${e && e.message})`, { cause: e });
}

/**
 * The platform's part of a verification: its verdict (true/false) for a signature, or for a
 * KeyObject secret the MAC it computed (the core compares it). `parts` is phase one's output.
 */
async function platformVerdict(key, parts) {
  const { alg, signature, signingInput } = parts;
  if (isCryptoKey(key)) {
    try {
      return { ok: await subtle.verify(webCryptoOp(alg), key, signature, signingInput) };
    } catch (e) {
      throw wrapPlatformError(e, 'verify');
    }
  }
  return platformVerdictSync(key, parts);
}

function platformVerdictSync(held, { alg, signature, signingInput }) {
  try {
    const key = keyObjectOf(held);
    if (anyAlgorithmInfo(alg).family === 'hmac') return { ok: false, mac: platform.held.mac(alg, key, signingInput) };
    return { ok: platform.held.verify(alg, key, signingInput, signature) === true };
  } catch (e) {
    throw wrapPlatformError(e, 'verify');
  }
}

/** Phase one, the platform, phase two: a JWT with a held key; `header \0 payload` (async). */
export async function verifyJwtHeld(token, key, policyOf, now, payload) {
  const pk = await describeHeld(key);
  const parts = takeParts(call(() => w.preparePlatform(token, pk, policyOf()), payload));
  const { ok, mac } = await platformVerdict(key, parts);
  return call(() => w.finishPlatform(token, pk, policyOf(), now, ok, mac), payload);
}

/** {@link verifyJwtHeld} on node:crypto, synchronously (a KeyObject). */
export function verifyJwtHeldSync(token, key, policyOf, now, payload) {
  const pk = describeHeldSync(key);
  const parts = takeParts(call(() => w.preparePlatform(token, pk, policyOf()), payload));
  const { ok, mac } = platformVerdictSync(key, parts);
  return call(() => w.finishPlatform(token, pk, policyOf(), now, ok, mac), payload);
}

/** Copies phase one's output out of wasm memory and frees it. */
function takeParts(p) {
  try {
    return { alg: p.alg, signature: p.signature, signingInput: p.signingInput };
  } finally {
    p.free();
  }
}

/** A JWS (any payload; `detached` bytes for `header..signature`) with a held key: a w.VerifiedJws. */
export async function verifyJwsHeld(token, key, policyOf, detached) {
  const pk = await describeHeld(key);
  const parts = takeParts(call(() => w.preparePlatformJws(token, detached, pk, policyOf())));
  const { ok, mac } = await platformVerdict(key, parts);
  return call(() => w.finishPlatformJws(token, detached, pk, policyOf(), ok, mac));
}

/** {@link verifyJwsHeld}, synchronously (a KeyObject on Node). */
export function verifyJwsHeldSync(token, key, policyOf, detached) {
  const pk = describeHeldSync(key);
  const parts = takeParts(call(() => w.preparePlatformJws(token, detached, pk, policyOf())));
  const { ok, mac } = platformVerdictSync(key, parts);
  return call(() => w.finishPlatformJws(token, detached, pk, policyOf(), ok, mac));
}

/**
 * Signs with a held key: the core checks the key's description and the header and writes the
 * signing input (bytes: a detached unencoded payload may be any), the platform signs (WebCrypto: ECDSA's raw r || s; PSS with a salt as long as the
 * hash), the core checks the signature's shape and assembles the token. `payload` is bytes.
 */
export async function signHeld(headerJson, payload, key, alg, detached = false) {
  if (!isCryptoKey(key)) return signHeldSync(headerJson, payload, key, alg, detached);
  const pk = await describeCryptoKey(key);
  const input = call(() => w.platformSigningInput(headerJson, payload, pk, alg, detached));
  let signature;
  try {
    signature = new Uint8Array(await subtle.sign(webCryptoOp(alg), key, input));
  } catch (e) {
    throw wrapPlatformError(e, 'sign');
  }
  return call(() => w.finishPlatformSigning(input, signature, pk, alg, detached));
}

/** {@link signHeld} on node:crypto, synchronously (a KeyObject). */
export function signHeldSync(headerJson, payload, key, alg, detached = false) {
  const pk = describeHeldSync(key);
  const input = call(() => w.platformSigningInput(headerJson, payload, pk, alg, detached));
  let signature;
  try {
    signature = platform.held.sign(alg, keyObjectOf(key), input);
  } catch (e) {
    throw wrapPlatformError(e, 'sign');
  }
  return call(() => w.finishPlatformSigning(input, signature, pk, alg, detached));
}
