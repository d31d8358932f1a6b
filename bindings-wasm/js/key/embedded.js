// jose's EmbeddedJWK: the key a JWS carries in its own protected `jwk` header (e.g. DPoP proofs).
import { JWSInvalid } from '../errors.js';
import { isPlainObject } from '../util/internal.js';
import { importJWKSync } from './import.js';

/**
 * A key resolver for {@link jwtVerify} / {@link compactVerify} that uses the public key embedded
 * in the token's protected `jwk` header, bound to the header's `alg` by the core. Such a token
 * proves possession of that key, nothing more: check the key (e.g. its thumbprint) yourself.
 * Secrets and private keys are refused.
 *
 * @example
 * ```js
 * const { payload, protectedHeader } = await jwtVerify(dpopProof, EmbeddedJWK);
 * const jkt = await calculateJwkThumbprint(protectedHeader.jwk);
 * ```
 */
export async function EmbeddedJWK(protectedHeader) {
  // The verify functions pass the protected header (joined with a flattened JWS's unprotected one).
  const joseHeader = protectedHeader ?? {};
  if (!isPlainObject(joseHeader.jwk)) throw new JWSInvalid('"jwk" (JSON Web Key) Header Parameter must be a JSON object');
  if (joseHeader.jwk.kty === 'oct' || 'd' in joseHeader.jwk) throw new JWSInvalid('"jwk" (JSON Web Key) Header Parameter must be a public key');
  const key = importJWKSync(joseHeader.jwk, joseHeader.alg);
  if (key.type !== 'public') {
    key.free();
    throw new JWSInvalid('"jwk" (JSON Web Key) Header Parameter must be a public key');
  }
  return key;
}
