// createLocalJWKSet: a public JWK set parsed by the core.
import * as w from '../jwtcore_wasm.js';
import { JOSENotSupported, JWKSInvalid } from '../errors.js';
import { call, isPlainObject, kSet } from '../util/internal.js';
import { wrap } from '../key/keylike.js';

/**
 * A JSON Web Key Set as jose's `createLocalJWKSet`, usable as the key of {@link jwtVerify} and
 * {@link jwtVerifySync}: the core parses it as a **public** set (RFC 7517 §9.3): `oct` entries
 * are skipped, so a secret published next to the public keys never verifies anything, and private
 * members are dropped. Verification always goes through the core's selection by `kid` and `alg`;
 * when several keys fit (no `kid`, or a duplicate one), each is tried.
 *
 * Called directly, the resolver returns (a copy of) the first key the core selects for a header.
 *
 * @example
 * ```js
 * const JWKS = createLocalJWKSet({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', x: '…', y: '…' }] });
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'api' });
 * ```
 */
export function createLocalJWKSet(jwks) {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) throw new JWKSInvalid('JSON Web Key Set malformed');
  const copy = structuredClone(jwks);
  const set = call(() => w.KeySet.fromJwks(JSON.stringify(copy)));
  const resolver = async (protectedHeader) => {
    const h = protectedHeader || {};
    if (typeof h.alg !== 'string') throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    // The core compares kids as JSON string content (as they appear in a header), so a kid with
    // quotes, backslashes or control characters goes back to its escaped form.
    const kid = typeof h.kid === 'string' ? JSON.stringify(h.kid).slice(1, -1) : undefined;
    return wrap(call(() => set.select(h.alg, kid)));
  };
  resolver[kSet] = set;
  resolver.jwks = () => structuredClone(copy);
  return resolver;
}
