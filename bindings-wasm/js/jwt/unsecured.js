// jose's UnsecuredJWT: `alg: "none"` tokens encoded and decoded, never verified. No verify function
// of this package accepts such a token (the core refuses `alg: none` everywhere); decode() only
// reads one, with the claims validated by the core.
import * as w from '../jwtcore_wasm.js';
import { JWTInvalid, fromWasm } from '../errors.js';
import { call } from '../util/internal.js';
import { compileOptions, parseResult, policy, tokenText } from './options.js';
import { decodeHeaderOf } from './decode.js';
import { ProduceJWT, kPayload } from './produce.js';

/** An Unsecured JWT (RFC 7519 §6): claims with no integrity protection at all. */
export class UnsecuredJWT extends ProduceJWT {
  /** `base64url({"alg":"none"}).base64url(claims).` (empty signature), made by the core's
   * `jwtcore::unsecured` (the producer the Python binding uses for PyJWT's `algorithm="none"`). */
  encode() {
    return call(() => w.encodeUnsecured(JSON.stringify({ alg: 'none' }), JSON.stringify(this[kPayload])));
  }

  /**
   * The header and claims of an Unsecured JWT, the claims validated against `options` (jose's
   * `JWTClaimVerificationOptions`: issuer, audience, clockTolerance, maxTokenAge, ...). Refuses any
   * token with a signature or an `alg` other than `none`.
   */
  static decode(jwt, options) {
    if (typeof jwt !== 'string') throw new JWTInvalid('Unsecured JWT must be a string');
    const c = compileOptions(options);
    const token = tokenText(jwt, c.maxLen, JWTInvalid);
    const parts = token.split('.');
    if (parts.length !== 3 || parts[2] !== '') throw new JWTInvalid('Invalid Unsecured JWT');
    let header;
    try {
      header = decodeHeaderOf(token);
    } catch (cause) {
      throw new JWTInvalid('Invalid Unsecured JWT', { cause, jwtcoreCode: cause.jwtcoreCode });
    }
    if (header === null || typeof header !== 'object' || header.alg !== 'none') throw new JWTInvalid('Invalid Unsecured JWT');
    // No extension can be understood here (jose recognises only b64, which JWTs must not use).
    if (header.crit !== undefined) throw new JWTInvalid('Invalid Unsecured JWT: "crit" is not supported');
    if (header.b64 !== undefined) throw new JWTInvalid('JWTs MUST NOT use unencoded payload');
    let joined;
    try {
      joined = w.decodeUnsecured(token, policy(c), c.now);
    } catch (e) {
      const err = fromWasm(e, () => parseResult(w.decodeUnverified(token)).payload);
      // Claim failures keep their classes (JWTExpired, JWTClaimValidationFailed); format errors
      // are jose's JWTInvalid.
      if (err.code === 'ERR_JWT_EXPIRED' || err.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw err;
      throw new JWTInvalid(err.message, { jwtcoreCode: err.jwtcoreCode });
    }
    const { payload } = parseResult(joined);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JWTInvalid('JWT Claims Set must be a top-level JSON object');
    return { payload, header };
  }
}
