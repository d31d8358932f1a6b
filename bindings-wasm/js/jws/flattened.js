// jose's flattenedVerify / FlattenedSign (RFC 7515 §7.2.2), on the compact form: the core verifies
// `protected.payload.signature` exactly as it verifies a compact JWS.
import { JWSInvalid } from '../errors.js';
import { isPlainObject } from '../util/internal.js';
import { tokenText } from '../jwt/options.js';
import { decodeHeaderOf } from '../jwt/decode.js';
import { isUnencoded, jwsOptions, signCompact, verifyCompactAsync } from './compact.js';

/**
 * The header members that must be integrity-protected: the core reads `alg`, `crit`, `b64` and
 * `kid` from the protected header only, so the same names in the unprotected one are refused
 * rather than silently ignored.
 */
const PROTECTED_ONLY = ['alg', 'crit', 'b64', 'kid'];

/** Checks a flattened JWS object's shape (jose's rules, and the members the core needs protected); returns `protected..signature`. */
export function flattenedParts(jws) {
  if (!isPlainObject(jws)) throw new JWSInvalid('Flattened JWS must be an object');
  if (jws.protected === undefined && jws.header === undefined) throw new JWSInvalid('Flattened JWS must have either of the "protected" or "header" members');
  if (jws.protected !== undefined && typeof jws.protected !== 'string') throw new JWSInvalid('JWS Protected Header incorrect type');
  if (jws.payload === undefined) throw new JWSInvalid('JWS Payload missing');
  if (typeof jws.signature !== 'string') throw new JWSInvalid('JWS Signature missing or incorrect type');
  if (jws.header !== undefined && !isPlainObject(jws.header)) throw new JWSInvalid('JWS Unprotected Header incorrect type');
  if (jws.protected === undefined) {
    throw new JWSInvalid('JWS Protected Header missing: jwtcore requires "alg" in the protected header (an unprotected "alg" could be changed in transit)');
  }
  for (const name of PROTECTED_ONLY) {
    if (jws.header && Object.hasOwn(jws.header, name)) {
      throw new JWSInvalid(`JWS Unprotected Header must not contain "${name}": jwtcore reads it from the protected header only`);
    }
  }
  // The payload is joined by the caller, once the protected header says how it is carried.
  return `${jws.protected}..${jws.signature}`;
}

/**
 * The payload bytes of a flattened JWS whose protected header says `b64: false` (RFC 7797), as
 * jose takes them: a `Uint8Array` as is, a string as its UTF-8 (well-formed Unicode only).
 */
function unencodedPayload(payload) {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload !== 'string') throw new JWSInvalid('JWS Payload must be a string or an Uint8Array instance');
  // A lone surrogate would be replaced by U+FFFD on encoding, so the bytes checked would not be
  // the ones sent; jose refuses it with this message.
  if (!payload.isWellFormed()) throw new JWSInvalid('JWS Payload must be a well-formed Unicode string');
  return new TextEncoder().encode(payload);
}

/**
 * Verifies a flattened JWS (jose's `flattenedVerify`): resolves to `{ payload: Uint8Array,
 * protectedHeader, unprotectedHeader? }` (plus `key` when a resolver function chose it). With
 * `b64: false` in the protected header (listed in `crit`, RFC 7797), `payload` is the raw payload,
 * a string or a `Uint8Array`, as jose takes it (put a detached payload back there).
 *
 * @example
 * ```js
 * const { payload } = await flattenedVerify({ protected, payload, signature }, publicKey);
 * ```
 */
export async function flattenedVerify(jws, key, options) {
  const c = jwsOptions(options);
  const withoutPayload = tokenText(flattenedParts(jws), c.maxLen);
  const protectedHeader = decodeHeaderOf(withoutPayload);
  // Under `b64: false` the payload member is the raw payload (string or bytes), verified as a
  // detached payload (`protected..signature`); the core checks `crit` and the rest either way.
  const detached = isUnencoded(protectedHeader) ? unencodedPayload(jws.payload) : undefined;
  if (detached === undefined && typeof jws.payload !== 'string') throw new JWSInvalid('JWS Payload must be a string');
  const token = detached === undefined ? tokenText(`${jws.protected}.${jws.payload}.${jws.signature}`, c.maxLen) : withoutPayload;
  // A resolver sees both headers joined, as in jose (they are disjoint: checked above and below).
  if (jws.header) {
    for (const name of Object.keys(jws.header)) {
      if (Object.hasOwn(protectedHeader, name)) throw new JWSInvalid('JWS Protected and JWS Unprotected Header Parameter names must be disjoint');
    }
  }
  const joined = { ...protectedHeader, ...jws.header };
  const result = await verifyCompactAsync(token, key, c, joined, detached);
  if (jws.header !== undefined) result.unprotectedHeader = jws.header;
  return result;
}

/**
 * jose's `FlattenedSign`: a flattened JWS object over any bytes, signed by the core. With
 * `{ b64: false, crit: ['b64'] }` in the protected header the payload is signed unencoded
 * (RFC 7797) and left out (`payload: ''`), as jose does.
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
    // Under `b64: false` jose leaves the payload out (`payload: ''`): the signature covers the raw
    // bytes, which the verifier puts back into `payload` (as a string or a Uint8Array).
    const detached = isUnencoded(this.#protected);
    const [protectedB64, payload, signature] = (await signCompact(this.#payload, this.#protected, key, detached)).split('.');
    const jws = { signature, payload, protected: protectedB64 };
    if (this.#unprotected) jws.header = this.#unprotected;
    return jws;
  }
}
