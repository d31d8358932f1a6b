// RFC 7638 thumbprints (and RFC 9278 thumbprint URIs), computed by the core.
import { JOSENotSupported, JWKInvalid } from '../errors.js';
import { call } from '../util/internal.js';
import { keyForAsync } from './keylike.js';

function digestOf(digestAlgorithm) {
  const d = digestAlgorithm ?? 'sha256';
  if (d === 'sha256') return d;
  if (d === 'sha384' || d === 'sha512') throw new JOSENotSupported(`the core computes SHA-256 thumbprints only; "${d}" is not supported`);
  throw new TypeError('digestAlgorithm must one of "sha256", "sha384", or "sha512"');
}

/**
 * The RFC 7638 thumbprint (SHA-256, base64url) of a key or JWK (public members only, so a private
 * key and its public half give the same thumbprint).
 *
 * @example
 * ```js
 * const thumbprint = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '...' });
 * ```
 */
export async function calculateJwkThumbprint(key, digestAlgorithm) {
  digestOf(digestAlgorithm);
  const k = await keyForAsync(key);
  if (k instanceof Uint8Array) throw new JWKInvalid('a raw secret has no JWK thumbprint; import it first');
  return call(() => k._for().thumbprint());
}

/**
 * The RFC 9278 thumbprint URI (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:…`) of a key or JWK.
 *
 * @example
 * ```js
 * const uri = await calculateJwkThumbprintUri(publicJwk);
 * ```
 */
export async function calculateJwkThumbprintUri(key, digestAlgorithm) {
  digestOf(digestAlgorithm);
  return `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${await calculateJwkThumbprint(key)}`;
}
