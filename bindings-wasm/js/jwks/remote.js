// createRemoteJWKSet: a provider's set fetched, bounded, cached and refetched on an unknown kid.
// The fetching and caching are shared with `jwtcore/verify` (`shared/remote-jwks.js`).
import { kRemote } from '../util/internal.js';
import { remoteJWKSet } from '../shared/remote-jwks.js';
import { createLocalJWKSet } from './local.js';

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
  return remoteJWKSet(url, options, createLocalJWKSet, customFetch, jwksCache, kRemote);
}
