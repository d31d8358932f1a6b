// Unverified decoding (jose's decodeJwt and decodeProtectedHeader).
import * as w from '../jwtcore_wasm.js';
import { JWSInvalid, JWTInvalid, fromWasm } from '../errors.js';
import { defaultMaxTokenLength, parseResult, tokenText } from './options.js';

/**
 * The claims of a JWT **without verifying it**, as jose's `decodeJwt` (every failure is
 * `JWTInvalid`). Tokens over 64 KiB (the core's default limit) are refused before being copied.
 *
 * @example
 * ```js
 * const { sub } = decodeJwt(token); // for display or routing only: nothing is verified
 * ```
 */
export function decodeJwt(jwt) {
  if (typeof jwt !== 'string') throw new JWTInvalid('JWTs must use Compact JWS serialization, JWT must be a string');
  tokenText(jwt, defaultMaxTokenLength(), JWTInvalid);
  let joined;
  try {
    joined = w.decodeUnverified(jwt);
  } catch (e) {
    const err = fromWasm(e);
    throw new JWTInvalid(err.jwtcoreCode === 'jwe_not_supported' ? 'Only JWTs using Compact JWS serialization can be decoded' : err.message, { jwtcoreCode: err.jwtcoreCode });
  }
  const { payload } = parseResult(joined);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JWTInvalid('Invalid JWT Claims Set', { jwtcoreCode: 'claims_deserialize' });
  return payload;
}

/** The header of a token whose length the caller has checked. */
export function decodeHeaderOf(token) {
  try {
    return JSON.parse(w.decodeHeader(token));
  } catch (e) {
    const err = fromWasm(e);
    throw new JWSInvalid(err.message, { jwtcoreCode: err.jwtcoreCode });
  }
}

/**
 * The protected header of a compact JWS, or of a flattened JWS object (its `protected` member),
 * **unverified** (jose's `decodeProtectedHeader`; failures are `JWSInvalid`). Tokens over 64 KiB
 * are refused before being copied.
 *
 * @example
 * ```js
 * const { kid, alg } = decodeProtectedHeader(token);
 * ```
 */
export function decodeProtectedHeader(token) {
  if (token !== null && typeof token === 'object') {
    if (!('protected' in token)) throw new TypeError('Token does not contain a Protected Header');
    const p = token.protected;
    if (typeof p !== 'string' || p === '' || p.includes('.')) throw new JWSInvalid('Invalid Token or Protected Header formatting');
    // The core decodes the first segment of a compact form; the other two are not read.
    return decodeHeaderOf(tokenText(`${p}..`, defaultMaxTokenLength()));
  }
  if (typeof token !== 'string') throw new JWSInvalid('Invalid Token or Protected Header formatting');
  return decodeHeaderOf(tokenText(token, defaultMaxTokenLength()));
}
