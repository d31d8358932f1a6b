// createRemoteJWKSet: a provider's set fetched, bounded, cached and refetched on an unknown kid.
// The fetching and caching are shared with `jwtcore/verify` (`shared/remote-jwks.js`).
import { kRemote } from '../util/internal.js';
import { remoteJWKSet } from '../shared/remote-jwks.js';
import { createLocalJWKSet } from './local.js';

// jose's option keys, one pair for both entries (shared/remote-jwks.js).
export { customFetch, jwksCache } from '../shared/remote-jwks.js';

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
  return remoteJWKSet(url, options, createLocalJWKSet, kRemote);
}
