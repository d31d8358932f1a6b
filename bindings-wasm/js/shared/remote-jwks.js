// createRemoteJWKSet's fetching, bounds and caching, shared by the main entry (`jwks/remote.js`)
// and `jwtcore/verify` (`verify/jwks.js`). It imports no WebAssembly glue: each entry passes in its
// own createLocalJWKSet (which holds that entry's module) and its own marker symbol, so
// `jwtcore/verify` can use it without pulling in the main module. The option keys are defined
// here, once: both entries export the same two symbols, so an option object (a persisted
// `jwksCache` entry, a `customFetch`) works with either entry.
import { JOSEError, JWKSNoMatchingKey, JWKSTimeout } from '../errors.js';
import { boundedBytes } from '../util/bounded.js';

const REMOTE_MAX_BYTES = 512 * 1024;

/**
 * jose's `customFetch` option key: `createRemoteJWKSet(url, { [customFetch]: (url, init) => fetch(url, init) })`
 * replaces the runtime's `fetch` (a proxy agent, request logging, a test double). It receives the
 * same `(url, { method, headers, redirect, signal })` as `fetch` and must return a `Response`.
 */
export const customFetch = Symbol('jwtcore.customFetch');

/**
 * jose's `jwksCache` option key: an object `{ jwks, uat }` (the set and when it was fetched, in
 * ms) shared across processes or invocations (serverless): read on creation when still fresh, and
 * updated in place after each fetch, so you can persist it.
 */
export const jwksCache = Symbol('jwtcore.jwksCache');

function nonNegative(v, fallback, name) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new TypeError(`"${name}" option must be a non-negative number`);
  return v;
}

/**
 * jose's `createRemoteJWKSet` for one entry: `createLocalJWKSet` is the entry's local-set
 * constructor and `kRemote` the symbol that marks
 * its remote resolvers (positional, not an object: the main entry's bundle has a size budget). The set at `url` is fetched with
 * `fetch` (GET, redirects not followed, 200 only), cached for `cacheMaxAge` (10 min) and refetched
 * on an unknown `kid` at most once per `cooldownDuration` (30 s); `timeoutDuration` (5 s) bounds
 * the whole response, body included, and `maxResponseSize` (512 KiB) its size.
 */
export function remoteJWKSet(url, options, createLocalJWKSet, kRemote) {
  if (!(url instanceof URL)) throw new TypeError('url must be an instance of URL');
  const timeout = nonNegative(options.timeoutDuration, 5000, 'timeoutDuration');
  const cooldown = nonNegative(options.cooldownDuration, 30000, 'cooldownDuration');
  const maxAge = nonNegative(options.cacheMaxAge, 600000, 'cacheMaxAge');
  const maxBytes = options.maxResponseSize ?? REMOTE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError('"maxResponseSize" option must be a positive integer (bytes)');
  let local;
  let fetchedAt = 0;
  const fetchImpl = options[customFetch] ?? ((...args) => fetch(...args));
  if (typeof fetchImpl !== 'function') throw new TypeError('the customFetch option must be a function');
  const cache = options[jwksCache];
  if (cache !== undefined && (cache === null || typeof cache !== 'object')) throw new TypeError('the jwksCache option must be an object');
  // A shared cache entry still within cacheMaxAge is used as if this instance had fetched it.
  if (cache && Number.isFinite(cache.uat) && cache.jwks && Date.now() - cache.uat < maxAge) {
    local = createLocalJWKSet(cache.jwks);
    fetchedAt = cache.uat;
  }
  let pending;
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
    let text;
    try {
      text = new TextDecoder().decode(await boundedBytes(res, maxBytes, 'JSON Web Key Set'));
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
      if (cache) {
        cache.jwks = local.jwks();
        cache.uat = fetchedAt;
      }
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
