// jose's generalVerify / GeneralSign (RFC 7515 §7.2.1): each signature is a flattened JWS over the
// shared payload, verified by the core.
import { JWSInvalid, JWSSignatureVerificationFailed } from '../errors.js';
import { isPlainObject } from '../util/internal.js';
import { FlattenedSign, flattenedVerify } from './flattened.js';
import { isUnencoded } from './compact.js';
import { decodeHeaderOf } from '../jwt/decode.js';

const INCONSISTENT = 'inconsistent use of JWS Unencoded Payload (RFC7797)';

/** Whether a signature entry's protected header asks for an unencoded payload (unreadable: no). */
function entryUnencoded(entry) {
  if (typeof entry.protected !== 'string') return false;
  try {
    return isUnencoded(decodeHeaderOf(entry.protected));
  } catch {
    return false;
  }
}

/**
 * Verifies a general JWS (jose's `generalVerify`): the first signature that verifies decides;
 * resolves as {@link flattenedVerify}, rejects with `JWSSignatureVerificationFailed` when none does.
 *
 * @example
 * ```js
 * const { payload, protectedHeader } = await generalVerify({ payload, signatures }, publicKey);
 * ```
 */
export async function generalVerify(jws, key, options) {
  if (!isPlainObject(jws)) throw new JWSInvalid('General JWS must be an object');
  if (!Array.isArray(jws.signatures) || !jws.signatures.every(isPlainObject)) throw new JWSInvalid('JWS Signatures missing or incorrect type');
  // One payload member cannot be both base64url and raw (jose's rule and message).
  const unencoded = jws.signatures.map(entryUnencoded);
  if (unencoded.includes(true) && unencoded.includes(false)) throw new JWSInvalid(INCONSISTENT);
  for (const s of jws.signatures) {
    try {
      return await flattenedVerify({ header: s.header, payload: jws.payload, protected: s.protected, signature: s.signature }, key, options);
    } catch {
      // jose's rule: try the next signature; the verdict is "none verified".
    }
  }
  throw new JWSSignatureVerificationFailed();
}

/** One signature of a {@link GeneralSign}, with its own headers (jose's `Signature`). */
class Signature {
  #parent;
  #key;
  #options;
  #protected;
  #unprotected;
  constructor(parent, key, options) {
    this.#parent = parent;
    this.#key = key;
    this.#options = options;
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
  addSignature(...args) {
    return this.#parent.addSignature(...args);
  }
  sign(...args) {
    return this.#parent.sign(...args);
  }
  done() {
    return this.#parent;
  }
  /** @internal Whether this signature's protected header asks for an unencoded payload. */
  _unencoded() {
    return isUnencoded(this.#protected);
  }
  /** @internal */
  async _sign(payload) {
    const f = new FlattenedSign(payload);
    if (this.#protected) f.setProtectedHeader(this.#protected);
    if (this.#unprotected) f.setUnprotectedHeader(this.#unprotected);
    return f.sign(this.#key, this.#options);
  }
}

/**
 * jose's `GeneralSign`: one payload, several signatures (each signed by the core).
 *
 * @example
 * ```js
 * const jws = await new GeneralSign(new TextEncoder().encode('hello'))
 *   .addSignature(ecPrivateKey).setProtectedHeader({ alg: 'ES256' })
 *   .addSignature(edPrivateKey).setProtectedHeader({ alg: 'EdDSA' })
 *   .sign(); // { payload, signatures: [{ protected, signature }, ...] }
 * ```
 */
export class GeneralSign {
  #payload;
  #signatures = [];
  constructor(payload) {
    if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be an instance of Uint8Array');
    this.#payload = payload;
  }
  addSignature(key, options) {
    const s = new Signature(this, key, options);
    this.#signatures.push(s);
    return s;
  }
  async sign() {
    if (this.#signatures.length === 0) throw new JWSInvalid('at least one signature must be added');
    const jws = { signatures: [], payload: '' };
    const unencoded = this.#signatures.map((s) => s._unencoded());
    if (unencoded.includes(true) && unencoded.includes(false)) throw new JWSInvalid(INCONSISTENT);
    for (const s of this.#signatures) {
      const f = await s._sign(this.#payload);
      jws.payload = f.payload;
      const entry = { protected: f.protected, signature: f.signature };
      if (f.header) entry.header = f.header;
      jws.signatures.push(entry);
    }
    return jws;
  }
}
