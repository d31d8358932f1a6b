// OIDC discovery (OpenID Connect Discovery 1.0 §4): from an issuer URL to its key set. The
// configuration is fetched with createRemoteJWKSet's bounds (whole-response timeout, size cap,
// redirects refused), its `issuer` must equal the configured one exactly (§4.3: a provider may not
// speak for another issuer), and its `jwks_uri` goes to the existing remote JWKS cache.
import { JOSEError, JWKSTimeout } from './errors.js';
import { createRemoteJWKSet } from './api.js';
import { boundedBytes } from './util/bounded.js';

const MAX_BYTES = 512 * 1024;

async function boundedJson(res, max) {
  const bytes = await boundedBytes(res, max, 'OpenID configuration');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new JOSEError('the OpenID configuration is not JSON', { cause: e });
  }
}

/** The configuration document's URL: the issuer without a trailing `/`, then the well-known path. */
export function discoveryUrl(issuer) {
  const u = new URL(String(issuer));
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError('issuer must be an http(s) URL');
  if (u.search || u.hash) throw new TypeError('issuer must not carry a query or fragment (OpenID Connect Discovery §2)');
  return new URL(`${u.href.replace(/\/$/, '')}/.well-known/openid-configuration`);
}

/**
 * Fetches `{issuer}/.well-known/openid-configuration` and returns it after checking that its
 * `issuer` equals `issuer` exactly and that it names a `jwks_uri`. Bounded like
 * {@link createRemoteJWKSet}: `timeoutDuration` (5 s, the whole response), `maxResponseSize`
 * (512 KiB), no redirects, 200 only.
 */
export async function fetchOpenIdConfiguration(issuer, options = {}) {
  const url = discoveryUrl(issuer);
  const timeout = options.timeoutDuration ?? 5000;
  const max = options.maxResponseSize ?? MAX_BYTES;
  if (typeof timeout !== 'number' || !(timeout >= 0)) throw new TypeError('"timeoutDuration" option must be a non-negative number');
  if (!Number.isSafeInteger(max) || max <= 0) throw new TypeError('"maxResponseSize" option must be a positive integer (bytes)');
  const ctrl = new AbortController();
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      ctrl.abort();
      reject(new JWKSTimeout('the OpenID configuration request timed out'));
    }, timeout);
  });
  const get = async () => {
    let res;
    try {
      res = await fetch(url.href, { method: 'GET', headers: options.headers, redirect: 'manual', signal: ctrl.signal });
    } catch (e) {
      throw new JOSEError(`fetching the OpenID configuration at ${url.href} failed`, { cause: e });
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      // 3xx included: a redirect would let another origin answer for this issuer.
      throw new JOSEError(`Expected 200 OK from ${url.href}, got ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`);
    }
    return boundedJson(res, max);
  };
  let config;
  try {
    config = await Promise.race([get(), deadline]);
  } finally {
    clearTimeout(timer);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new JOSEError('the OpenID configuration is not a JSON object');
  if (config.issuer !== String(issuer)) {
    throw new JOSEError(`the OpenID configuration names issuer ${JSON.stringify(config.issuer)}, not ${JSON.stringify(String(issuer))}: refusing it (OpenID Connect Discovery §4.3)`);
  }
  if (typeof config.jwks_uri !== 'string') throw new JOSEError('the OpenID configuration has no jwks_uri');
  let jwks;
  try {
    jwks = new URL(config.jwks_uri);
  } catch (e) {
    throw new JOSEError('the OpenID configuration\'s jwks_uri is not a URL', { cause: e });
  }
  if (jwks.protocol !== 'https:' && jwks.protocol !== 'http:') throw new JOSEError('the OpenID configuration\'s jwks_uri is not an http(s) URL');
  if (url.protocol === 'https:' && jwks.protocol !== 'https:') throw new JOSEError('an https issuer\'s jwks_uri must be https');
  return config;
}

/**
 * The remote key set of an OpenID provider, found from its issuer URL: discovery as
 * {@link fetchOpenIdConfiguration}, then {@link createRemoteJWKSet} on `jwks_uri` with the same
 * `options` (cache, cooldown, timeout, size). Pass the result to `jwtVerify` with
 * `{ issuer }` so tokens are checked against the same issuer.
 *
 * @example
 * ```js
 * const JWKS = await discoverJWKS('https://idp.example');
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'my-client' });
 * ```
 */
export async function discoverJWKS(issuer, options = {}) {
  const config = await fetchOpenIdConfiguration(issuer, options);
  return createRemoteJWKSet(new URL(config.jwks_uri), options);
}
