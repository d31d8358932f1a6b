// createLocalJWKSet / createRemoteJWKSet for `jwtcore/verify`: the core parses a **public** set
// (oct entries skipped, private members dropped) and selects by `kid` and `alg`; WebCrypto gets
// each selected entry's public JWK once per algorithm.
import * as w from './jwtcore_verify.js';
import { JOSENotSupported, JWKSInvalid } from '../errors.js';
import { remoteJWKSet } from '../shared/remote-jwks.js';
import { call } from './call.js';
import { entry, webCryptoKey } from './keys.js';

/** Marks a resolver made by createLocalJWKSet (holds the core's set). */
export const kSet = Symbol('jwtcore.verify.keyset');
/** Marks a resolver made by createRemoteJWKSet. */
export const kRemote = Symbol('jwtcore.verify.remote');

/** The two-phase entry for position `i` of a set (one per position, made once). */
export function setEntry(set, entries, i) {
  return (entries[i] ??= entry(
    (t, p, now, ok) => w.jwtSet(t, set, i, p, now, ok),
    () => set.publicJwk(i),
  ));
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]';

/**
 * jose's `createLocalJWKSet`: a resolver for {@link jwtVerify}. Called directly with a protected
 * header, it returns the `CryptoKey` of the first key the core selects.
 */
export function createLocalJWKSet(jwks) {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) throw new JWKSInvalid('JSON Web Key Set malformed');
  const copy = structuredClone(jwks);
  const set = call(() => w.KeySet.fromJwks(JSON.stringify(copy)));
  const entries = [];
  const resolver = async (protectedHeader) => {
    const h = protectedHeader || {};
    if (typeof h.alg !== 'string') throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    // The core compares kids as JSON string content, as they appear in a header.
    const kid = typeof h.kid === 'string' ? JSON.stringify(h.kid).slice(1, -1) : undefined;
    const i = call(() => set.select(h.alg, kid));
    return webCryptoKey(setEntry(set, entries, i), h.alg);
  };
  resolver[kSet] = { set, entries };
  resolver.jwks = () => structuredClone(copy);
  return resolver;
}

// jose's option keys: the main entry's own two symbols (shared/remote-jwks.js).
export { customFetch, jwksCache } from '../shared/remote-jwks.js';

/**
 * jose's `createRemoteJWKSet`, with the main entry's bounds: GET without redirects, 200 only,
 * `timeoutDuration` (5 s) over the whole response, `maxResponseSize` (512 KiB), cached for
 * `cacheMaxAge` (10 min), refetched on an unknown `kid` at most once per `cooldownDuration` (30 s).
 */
export function createRemoteJWKSet(url, options = {}) {
  return remoteJWKSet(url, options, createLocalJWKSet, kRemote);
}
