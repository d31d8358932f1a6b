// jose's compactVerify / CompactSign: JWS with any payload (bytes), verified by the core's
// verify_jws (header rules and the signature; no claims, since the payload need not be JSON).
import * as w from '../jwtcore_wasm.js';
import { JWKSNoMatchingKey, JWSInvalid } from '../errors.js';
import { call, kRemote, kSet } from '../util/internal.js';
import { KeyLike, keyFor } from '../key/keylike.js';
import { isHeld, isKeyObject, signHeld, verifyJwsHeld, verifyJwsHeldSync } from '../platform/held.js';
import { isHmac } from '../util/algorithms.js';
import { compileOptions, policy, tokenText } from '../jwt/options.js';
import { decodeHeaderOf } from '../jwt/decode.js';
import { signOnPlatform } from '../platform/sign.js';
import { platformEntries, verifyJwsAsync } from './platform.js';

/** jose's JWS verify options (`algorithms`, `crit`) plus `maxTokenLength`, compiled for the core. */
export function jwsOptions(options) {
  if (options === undefined) return compileOptions({});
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const { algorithms, crit, maxTokenLength } = options;
  return compileOptions({ algorithms, crit, maxTokenLength });
}

function verified(v) {
  try {
    return { payload: v.payload, protectedHeader: JSON.parse(v.header) };
  } finally {
    v.free();
  }
}

function headerAlgOf(token) {
  try {
    return JSON.parse(w.decodeHeader(token)).alg;
  } catch {
    return undefined;
  }
}

/** The core's verification of `token` with one wasm key: attached, or over a `detached` payload. */
function verifyOne(token, key, c, detached) {
  return verified(call(() => (detached === undefined ? w.verifyJws(token, key, policy(c)) : w.verifyJwsDetached(token, detached, key, policy(c)))));
}

/**
 * Verifies a compact JWS with a key (KeyLike, JWK, KeyObject, CryptoKey, Uint8Array secret) or a
 * local key set. The core selects the key of a set and checks everything. With `detached` (bytes),
 * `token` is `header..signature` and the payload is `detached` (RFC 7515 Appendix F; raw bytes
 * under `b64: false`, RFC 7797). A key the platform holds is used where it lives; in the default
 * build an ECDSA, RSA or Ed25519 key held in WebAssembly has its arithmetic done by the platform
 * (jws/platform.js); everything else, and whatever the platform cannot evaluate, by WebAssembly.
 */
async function verifyWithKey(token, key, c, detached) {
  if (isHeld(key)) {
    const p = () => policy(c);
    return verified(isKeyObject(key) ? verifyJwsHeldSync(token, key, p, detached) : await verifyJwsHeld(token, key, p, detached));
  }
  const entries = platformEntries(token, key, c, detached, headerAlgOf);
  const done = entries && (await verifyJwsAsync(token, entries, c, detached));
  return done ? verified(done) : verifyInWasm(token, key, c, detached);
}

/** Verification entirely in WebAssembly: the core selects the key of a set, checks everything. */
function verifyInWasm(token, key, c, detached) {
  if (key && key[kSet]) {
    const set = key[kSet];
    // The core's candidates by kid and alg (its own errors when none fits), each tried in turn.
    const indices = Array.from(call(() => (detached === undefined ? set.candidates(token, policy(c)) : set.candidatesDetached(token, policy(c)))));
    let last = new JWKSNoMatchingKey();
    for (const i of indices) {
      try {
        return verified(
          call(() => (detached === undefined ? w.verifyJwsIn(token, set, i, policy(c)) : w.verifyJwsDetachedIn(token, detached, set, i, policy(c)))),
        );
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }
  const k = keyFor(key);
  if (k instanceof Uint8Array) {
    // A raw secret is an HMAC key, whatever the header says: bound to the header's HS* alg, or to
    // HS256 so that the core reports a non-HMAC header as the mismatch it is.
    const alg = headerAlgOf(token);
    const tmp = call(() => w.Key.fromSecret(isHmac(alg) ? alg : 'HS256', k));
    try {
      return verifyOne(token, tmp, c, detached);
    } finally {
      tmp.free();
    }
  }
  return verifyOne(token, k._for(headerAlgOf(token)), c, detached);
}

/** The key argument resolved as jose does: a resolver function is called with the header. */
export async function resolveKey(key, header, token) {
  if (typeof key === 'function' && !key[kSet] && !key[kRemote]) {
    const [, payload, signature] = token.split('.');
    return { key: await key(header, { payload, signature }), resolved: true };
  }
  return { key, resolved: false };
}

/**
 * Verification with any key input, including resolvers and remote sets; `detached` as in
 * {@link verifyWithKey}.
 */
export async function verifyCompactAsync(token, keyInput, c, header, detached) {
  const { key, resolved } = await resolveKey(keyInput, header ?? decodeHeaderOf(token), token);
  let result;
  if (typeof key === 'function' && key[kRemote]) {
    const remote = key[kRemote];
    try {
      result = await verifyWithKey(token, await remote.current(), c, detached);
    } catch (e) {
      // An unknown kid: the provider may have rotated; refetch once, unless we just did.
      if (!(e instanceof JWKSNoMatchingKey) || !(await remote.refresh())) throw e;
      result = await verifyWithKey(token, await remote.current(), c, detached);
    }
  } else {
    result = await verifyWithKey(token, key, c, detached);
  }
  return resolved ? { ...result, key } : result;
}

/**
 * Verifies a compact JWS whatever its payload (jose's `compactVerify`): resolves to
 * `{ payload: Uint8Array, protectedHeader }` (plus `key` when a resolver function chose it). In
 * the default build an ECDSA, RSA or Ed25519 KeyLike, JWK or key set has its arithmetic done by
 * node:crypto (Node) or WebCrypto (elsewhere); the core makes every decision.
 * Options: `algorithms`, `crit`, and `maxTokenLength` (bytes, default 64 KiB). An unencoded
 * payload (RFC 7797, `b64: false`) is accepted only with `b64` listed in `crit`.
 *
 * @example
 * ```js
 * const { payload, protectedHeader } = await compactVerify(jws, publicKey);
 * console.log(new TextDecoder().decode(payload));
 * ```
 */
export async function compactVerify(jws, key, options) {
  const c = jwsOptions(options);
  const token = tokenText(jws, c.maxLen);
  const segments = token.split('.').length;
  // jose's message; the code is the one the core gives the same token (a '.' in an unencoded
  // RFC 7797 payload lands here too: RFC 7797 §5.2 keeps such payloads out of compact JWS).
  if (segments !== 3) {
    throw new JWSInvalid('Invalid Compact JWS', { jwtcoreCode: segments === 5 ? 'jwe_not_supported' : 'malformed_token' });
  }
  return verifyCompactAsync(token, key, c);
}

/**
 * Signs `payload` (bytes) under `header` with the core; the compact JWS, or with `detached` the
 * token without its payload (`header..signature`), as jose's FlattenedSign makes under `b64: false`.
 */
export async function signCompact(payload, header, key, detached = false) {
  if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be an instance of Uint8Array');
  if (header === null || typeof header !== 'object' || typeof header.alg !== 'string' || header.alg === '') {
    throw new JWSInvalid('either setProtectedHeader or setUnprotectedHeader must be called before #sign()');
  }
  const json = JSON.stringify(header);
  // A CryptoKey or KeyObject signs where it lives; the core checks the header and the signature.
  if (isHeld(key)) return signHeld(json, payload, key, header.alg, detached);
  const k = keyFor(key);
  const sign = detached ? w.signJwsDetached : w.signJws;
  if (k instanceof Uint8Array) {
    const tmp = call(() => w.Key.fromSecret(header.alg, k));
    try {
      return call(() => sign(json, payload, tmp));
    } finally {
      tmp.free();
    }
  }
  if (!(k instanceof KeyLike)) throw new TypeError('key must be a KeyLike, a JWK, a KeyObject, a CryptoKey or a Uint8Array');
  const inner = k._for(header.alg);
  // The platform signer makes attached tokens only; a detached one is signed in WebAssembly.
  return (detached ? undefined : signOnPlatform(json, payload, inner, header.alg)) ?? call(() => sign(json, payload, inner));
}

/** Whether `header` asks for an unencoded payload (RFC 7797): `b64: false`, listed in `crit` (jose's rule). */
export const isUnencoded = (header) =>
  header !== null && typeof header === 'object' && header.b64 === false && Array.isArray(header.crit) && header.crit.includes('b64');

/**
 * jose's `CompactSign`: a compact JWS over any bytes, signed by the core (which refuses `alg:
 * none` and an `alg` the key is not bound to). `b64: false` is refused as in jose (TypeError: use
 * {@link FlattenedSign}).
 *
 * @example
 * ```js
 * const jws = await new CompactSign(new TextEncoder().encode('hello'))
 *   .setProtectedHeader({ alg: 'ES256' })
 *   .sign(privateKey);
 * ```
 */
export class CompactSign {
  #payload;
  #header;
  constructor(payload) {
    if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be an instance of Uint8Array');
    this.#payload = payload;
  }
  setProtectedHeader(protectedHeader) {
    if (this.#header) throw new TypeError('setProtectedHeader can only be called once');
    this.#header = protectedHeader;
    return this;
  }
  async sign(key, options) {
    void options; // jose's SignOptions (crit) has nothing for the core to do: it checks `crit` itself.
    // jose's rule and message: compact tokens carry unencoded payloads badly (no '.', ASCII only).
    if (isUnencoded(this.#header)) throw new TypeError('use the flattened module for creating JWS with b64: false');
    return signCompact(this.#payload, this.#header, key);
  }
}
