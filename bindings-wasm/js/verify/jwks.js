// createLocalJWKSet / createRemoteJWKSet for `jwtcore/verify`: the core parses a **public** set
// (oct entries skipped, private members dropped) and selects by `kid` and `alg`; WebCrypto gets
// each selected entry's public JWK once per algorithm.
import * as w from './jwtcore_verify.js';
import { JOSEError, JOSENotSupported, JWKSInvalid, JWKSNoMatchingKey, JWKSTimeout } from '../errors.js';
import { boundedBytes } from '../util/bounded.js';
import { call } from './call.js';
import { entry, webCryptoKey } from './keys.js';

/** Marks a resolver made by createLocalJWKSet (holds the core's set). */
export const kSet = Symbol('jwtcore.verify.keyset');
/** Marks a resolver made by createRemoteJWKSet. */
export const kRemote = Symbol('jwtcore.verify.remote');

/** The two-phase entry for position `i` of a set (one per position, made once). */
export function setEntry(set, entries, i) {
  return (entries[i] ??= entry(
    (t, p) => w.prepareSet(t, set, i, p),
    (t, p, now, ok) => w.finishSet(t, set, i, p, now, ok),
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

/** jose's `customFetch` option key: replaces `fetch` for this set (same arguments, a `Response`). */
export const customFetch = Symbol('jwtcore.verify.customFetch');
/** jose's `jwksCache` option key: a shared `{ jwks, uat }` read when fresh and updated after each fetch. */
export const jwksCache = Symbol('jwtcore.verify.jwksCache');

function nonNegative(v, fallback, name) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new TypeError(`"${name}" option must be a non-negative number`);
  return v;
}

/**
 * jose's `createRemoteJWKSet`, with the main entry's bounds: GET without redirects, 200 only,
 * `timeoutDuration` (5 s) over the whole response, `maxResponseSize` (512 KiB), cached for
 * `cacheMaxAge` (10 min), refetched on an unknown `kid` at most once per `cooldownDuration` (30 s).
 */
export function createRemoteJWKSet(url, options = {}) {
  if (!(url instanceof URL)) throw new TypeError('url must be an instance of URL');
  const timeout = nonNegative(options.timeoutDuration, 5000, 'timeoutDuration');
  const cooldown = nonNegative(options.cooldownDuration, 30000, 'cooldownDuration');
  const maxAge = nonNegative(options.cacheMaxAge, 600000, 'cacheMaxAge');
  const maxBytes = options.maxResponseSize ?? 512 * 1024;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError('"maxResponseSize" option must be a positive integer (bytes)');
  const fetchImpl = options[customFetch] ?? ((...args) => fetch(...args));
  if (typeof fetchImpl !== 'function') throw new TypeError('the customFetch option must be a function');
  const cache = options[jwksCache];
  if (cache !== undefined && (cache === null || typeof cache !== 'object')) throw new TypeError('the jwksCache option must be an object');
  let local;
  let fetchedAt = 0;
  if (cache && Number.isFinite(cache.uat) && cache.jwks && Date.now() - cache.uat < maxAge) {
    local = createLocalJWKSet(cache.jwks);
    fetchedAt = cache.uat;
  }
  async function fetchSet(signal) {
    let res;
    try {
      res = await fetchImpl(url.href, { method: 'GET', headers: options.headers, redirect: 'manual', signal });
    } catch (e) {
      throw signal.aborted ? new JWKSTimeout('request timed out') : new JOSEError('fetching the JSON Web Key Set failed', { cause: e });
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response');
    }
    let json;
    try {
      json = JSON.parse(new TextDecoder().decode(await boundedBytes(res, maxBytes, 'JSON Web Key Set')));
    } catch (e) {
      if (e instanceof JOSEError) throw e;
      throw signal.aborted ? new JWKSTimeout('request timed out') : new JOSEError('Failed to parse the JSON Web Key Set HTTP response as JSON', { cause: e });
    }
    return createLocalJWKSet(json);
  }
  async function load() {
    const ctrl = new AbortController();
    let timer;
    // The deadline covers headers and body: a server that drip-feeds bytes is cut off too.
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => {
        ctrl.abort();
        reject(new JWKSTimeout('request timed out'));
      }, timeout);
    });
    try {
      local = await Promise.race([fetchSet(ctrl.signal), deadline]);
      fetchedAt = Date.now();
      if (cache) {
        cache.jwks = local.jwks();
        cache.uat = fetchedAt;
      }
      return local;
    } finally {
      clearTimeout(timer);
    }
  }
  let pending;
  // Concurrent callers share one request.
  const reload = () => (pending ??= load().finally(() => (pending = undefined)));
  const fresh = () => local !== undefined && Date.now() - fetchedAt < maxAge;
  const coolingDown = () => local !== undefined && Date.now() - fetchedAt < cooldown;
  const remote = {
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
