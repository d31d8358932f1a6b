// jose's flattenedVerify / FlattenedSign (RFC 7515 §7.2.2), on the compact form: the core verifies
// `protected.payload.signature` exactly as it verifies a compact JWS.
import { JWSInvalid } from '../errors.js';
import { isPlainObject } from '../util/internal.js';
import { tokenText } from '../jwt/options.js';
import { decodeHeaderOf } from '../jwt/decode.js';
import { jwsOptions, signCompact, verifyCompactAsync } from './compact.js';

/**
 * The header members that must be integrity-protected: the core reads `alg`, `crit`, `b64` and
 * `kid` from the protected header only, so the same names in the unprotected one are refused
 * rather than silently ignored.
 */
const PROTECTED_ONLY = ['alg', 'crit', 'b64', 'kid'];

/** Checks a flattened JWS object's shape (jose's rules, and the members the core needs protected). */
export function flattenedParts(jws) {
  if (!isPlainObject(jws)) throw new JWSInvalid('Flattened JWS must be an object');
  if (jws.protected === undefined && jws.header === undefined) throw new JWSInvalid('Flattened JWS must have either of the "protected" or "header" members');
  if (jws.protected !== undefined && typeof jws.protected !== 'string') throw new JWSInvalid('JWS Protected Header incorrect type');
  if (jws.payload === undefined) throw new JWSInvalid('JWS Payload missing');
  if (typeof jws.signature !== 'string') throw new JWSInvalid('JWS Signature missing or incorrect type');
  if (jws.header !== undefined && !isPlainObject(jws.header)) throw new JWSInvalid('JWS Unprotected Header incorrect type');
  if (typeof jws.payload !== 'string') throw new JWSInvalid('JWS Payload must be a string (jwtcore refuses b64: false)');
  if (jws.protected === undefined) {
    throw new JWSInvalid('JWS Protected Header missing: jwtcore requires "alg" in the protected header (an unprotected "alg" could be changed in transit)');
  }
  for (const name of PROTECTED_ONLY) {
    if (jws.header && Object.hasOwn(jws.header, name)) {
      throw new JWSInvalid(`JWS Unprotected Header must not contain "${name}": jwtcore reads it from the protected header only`);
    }
  }
  return `${jws.protected}.${jws.payload}.${jws.signature}`;
}

/**
 * Verifies a flattened JWS (jose's `flattenedVerify`): resolves to `{ payload: Uint8Array,
 * protectedHeader, unprotectedHeader? }` (plus `key` when a resolver function chose it).
 *
 * @example
 * ```js
 * const { payload } = await flattenedVerify({ protected, payload, signature }, publicKey);
 * ```
 */
export async function flattenedVerify(jws, key, options) {
  const c = jwsOptions(options);
  const token = tokenText(flattenedParts(jws), c.maxLen);
  const protectedHeader = decodeHeaderOf(token);
  // A resolver sees both headers joined, as in jose (they are disjoint: checked above and below).
  if (jws.header) {
    for (const name of Object.keys(jws.header)) {
      if (Object.hasOwn(protectedHeader, name)) throw new JWSInvalid('JWS Protected and JWS Unprotected Header Parameter names must be disjoint');
    }
  }
  const joined = { ...protectedHeader, ...jws.header };
  const result = await verifyCompactAsync(token, key, c, joined);
  if (jws.header !== undefined) result.unprotectedHeader = jws.header;
  return result;
}

/**
 * jose's `FlattenedSign`: a flattened JWS object over any bytes, signed by the core.
 *
 * @example
 * ```js
 * const jws = await new FlattenedSign(new TextEncoder().encode('hello'))
 *   .setProtectedHeader({ alg: 'ES256' })
 *   .sign(privateKey); // { protected, payload, signature }
 * ```
 */
export class FlattenedSign {
  #payload;
  #protected;
  #unprotected;
  constructor(payload) {
    if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be an instance of Uint8Array');
    this.#payload = payload;
  }
  setProtectedHeader(protectedHeader) {
    if (this.#protected) throw new TypeError('setProtectedHeader can only be called once');
    this.#protected = protectedHeader;
    return this;
  }
  setUnprotectedHeader(unprotectedHeader) {
    if (this.#unprotected) throw new TypeError('setUnprotectedHeader can only be called once');
    this.#unprotected = unprotectedHeader;
    return this;
  }
  async sign(key, options) {
    void options;
    if (this.#unprotected) {
      for (const name of PROTECTED_ONLY) {
        if (Object.hasOwn(this.#unprotected, name)) throw new JWSInvalid(`"${name}" must be in the protected header (jwtcore reads it from there only)`);
      }
      for (const name of Object.keys(this.#unprotected)) {
        if (this.#protected && Object.hasOwn(this.#protected, name)) throw new JWSInvalid('JWS Protected and JWS Unprotected Header Parameter names must be disjoint');
      }
    }
    const [protectedB64, payload, signature] = (await signCompact(this.#payload, this.#protected, key)).split('.');
    const jws = { signature, payload, protected: protectedB64 };
    if (this.#unprotected) jws.header = this.#unprotected;
    return jws;
  }
}
