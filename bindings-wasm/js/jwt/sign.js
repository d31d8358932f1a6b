// SignJWT and signSync: the claims are serialised here, the core checks the header and signs.
import * as w from '../jwtcore_wasm.js';
import { JWSInvalid, JWTInvalid } from '../errors.js';
import { call, isPlainObject } from '../util/internal.js';
import { keyFor, keyForAsync } from '../key/keylike.js';
import { ProduceJWT, kPayload } from './produce.js';
import { signOnPlatform } from '../platform/sign.js';
import { signJwtOnWebCrypto } from '../platform/webcrypto-sign.js';

/** Signs `payload` (an object) with `protectedHeader` (must name `alg`) and returns the compact JWS. */
export function signSync(payload, key, protectedHeader) {
  if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
  const header = protectedHeader || {};
  if (typeof header.alg !== 'string' || header.alg === '') throw new JWSInvalid('either setProtectedHeader or setUnprotectedHeader must be called before #sign()');
  if (header.b64 === false) throw new JWTInvalid('JWTs MUST NOT use unencoded payload');
  const headerJson = JSON.stringify(header);
  const payloadJson = JSON.stringify(payload);
  const k = keyFor(key);
  if (k instanceof Uint8Array) {
    const tmp = call(() => w.Key.fromSecret(header.alg, k));
    try {
      return call(() => w.sign(headerJson, payloadJson, tmp));
    } finally {
      tmp.free();
    }
  }
  const inner = k._for(header.alg);
  return signOnPlatform(headerJson, payloadJson, inner, header.alg) ?? call(() => w.sign(headerJson, payloadJson, inner));
}

/** jose's JWT builder: the claim setters of {@link ProduceJWT}, then a signature by the core. */
export class SignJWT extends ProduceJWT {
  #header;
  setProtectedHeader(header) {
    if (this.#header) throw new TypeError('setProtectedHeader can only be called once');
    this.#header = header;
    return this;
  }
  /** The synchronous twin of sign(). */
  signSync(key) {
    return signSync(this[kPayload], key, this.#header);
  }
  /** The compact JWT; `key` may also be an (extractable) CryptoKey, as in jose. */
  async sign(key) {
    const k = await keyForAsync(key);
    return (await signJwtOnWebCrypto(this[kPayload], k, this.#header)) ?? signSync(this[kPayload], k, this.#header);
  }
}
