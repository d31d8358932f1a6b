// Unverified decoding (jose's decodeJwt and decodeProtectedHeader), by the core.
import * as w from './jwtcore_verify.js';
import { JWSInvalid, JWTInvalid } from '../errors.js';
import { call, parseResult } from './call.js';
import { defaultMaxTokenLength, tokenText } from './options.js';

/**
 * The claims of a JWT **without verifying it**, as jose's `decodeJwt` (failures are `JWTInvalid`).
 */
export function decodeJwt(jwt) {
  if (typeof jwt !== 'string') throw new JWTInvalid('JWTs must use Compact JWS serialization, JWT must be a string');
  tokenText(jwt, defaultMaxTokenLength(), JWTInvalid);
  let joined;
  try {
    joined = call(() => w.decodeUnverified(jwt));
  } catch (e) {
    throw new JWTInvalid(e.jwtcoreCode === 'jwe_not_supported' ? 'Only JWTs using Compact JWS serialization can be decoded' : e.message, { jwtcoreCode: e.jwtcoreCode });
  }
  const { payload } = parseResult(joined);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JWTInvalid('Invalid JWT Claims Set', { jwtcoreCode: 'claims_deserialize' });
  return payload;
}

/** The header of a token whose length the caller has checked (failures are `JWSInvalid`). */
export function headerOf(token) {
  try {
    return JSON.parse(call(() => w.decodeHeader(token)));
  } catch (e) {
    throw new JWSInvalid(e.message, { jwtcoreCode: e.jwtcoreCode });
  }
}

/**
 * The protected header of a compact JWS, or of a flattened JWS object (its `protected` member),
 * **unverified**, as jose's `decodeProtectedHeader`.
 */
export function decodeProtectedHeader(token) {
  if (token !== null && typeof token === 'object') {
    if (!('protected' in token)) throw new TypeError('Token does not contain a Protected Header');
    const p = token.protected;
    if (typeof p !== 'string' || p === '' || p.includes('.')) throw new JWSInvalid('Invalid Token or Protected Header formatting');
    return headerOf(tokenText(`${p}..`, defaultMaxTokenLength()));
  }
  if (typeof token !== 'string') throw new JWSInvalid('Invalid Token or Protected Header formatting');
  return headerOf(tokenText(token, defaultMaxTokenLength()));
}
