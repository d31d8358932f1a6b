// Types of OIDC discovery (re-exported by the package root).
import type { RemoteJWKSet, RemoteJWKSetOptions } from './index.js';

/** The fields of an OpenID provider configuration jwtcore reads (others are kept as they came). */
export interface OpenIdConfiguration {
  /** Equal to the issuer it was fetched for (checked). */
  issuer: string;
  /** Where the provider's signing keys are (checked to be an http(s) URL; https for an https issuer). */
  jwks_uri: string;
  [field: string]: unknown;
}

/**
 * Fetches `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4) with the
 * bounds of {@link createRemoteJWKSet} (`timeoutDuration` for the whole response, `maxResponseSize`,
 * no redirects, 200 only) and returns it once its `issuer` equals `issuer` exactly and it names a
 * `jwks_uri`; a `JOSEError` (or `JWKSTimeout`) otherwise.
 *
 * @example
 * ```js
 * const config = await fetchOpenIdConfiguration('https://idp.example');
 * console.log(config.jwks_uri);
 * ```
 */
export declare function fetchOpenIdConfiguration(issuer: string | URL, options?: RemoteJWKSetOptions): Promise<OpenIdConfiguration>;

/**
 * The remote key set of an OpenID provider found from its issuer URL: discovery as
 * {@link fetchOpenIdConfiguration}, then {@link createRemoteJWKSet} on its `jwks_uri` with the same
 * options (cache, cooldown, timeout, size). Verify with `{ issuer }` set to the same issuer.
 *
 * @example
 * ```js
 * const JWKS = await discoverJWKS('https://idp.example');
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'my-client' });
 * ```
 */
export declare function discoverJWKS(issuer: string | URL, options?: RemoteJWKSetOptions): Promise<RemoteJWKSet>;
