// SignJWT and signSync: the claims are serialised here, the core checks the header and signs.
import * as w from '../jwtcore_wasm.js';
import { JWSInvalid, JWTInvalid } from '../errors.js';
import { call, isPlainObject } from '../util/internal.js';
import { keyFor } from '../key/keylike.js';
import { ProduceJWT, kPayload } from './produce.js';
import { signOnPlatform } from '../platform/sign.js';
import { signJwtOnWebCrypto } from '../platform/webcrypto-sign.js';
import { isHeld, signHeld, signHeldSync } from '../platform/held.js';

/** The header and claims as the core signs them (jose's checks first, with jose's messages). */
function jwtParts(payload, protectedHeader) {
  if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
  const header = protectedHeader || {};
  if (typeof header.alg !== 'string' || header.alg === '') throw new JWSInvalid('either setProtectedHeader or setUnprotectedHeader must be called before #sign()');
  if (header.b64 === false) throw new JWTInvalid('JWTs MUST NOT use unencoded payload');
  return { header, headerJson: JSON.stringify(header), payloadJson: JSON.stringify(payload) };
}

/** Signs `payload` (an object) with `protectedHeader` (must name `alg`) and returns the compact JWS. */
export function signSync(payload, key, protectedHeader) {
  const { header, headerJson, payloadJson } = jwtParts(payload, protectedHeader);
  // A KeyObject signs in OpenSSL (a CryptoKey is refused there: WebCrypto is asynchronous).
  if (isHeld(key)) return signHeldSync(headerJson, new TextEncoder().encode(payloadJson), key, header.alg);
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
  /**
   * The compact JWT. `key` may also be a WebCrypto `CryptoKey` (extractable or not) or a Node
   * `KeyObject`, as in jose: the key stays on the platform, which computes the signature; the core
   * checks the key's description, the header and the signature's shape.
   */
  async sign(key) {
    if (isHeld(key)) {
      const { header, headerJson, payloadJson } = jwtParts(this[kPayload], this.#header);
      return signHeld(headerJson, new TextEncoder().encode(payloadJson), key, header.alg);
    }
    const k = keyFor(key);
    return (await signJwtOnWebCrypto(this[kPayload], k, this.#header)) ?? signSync(this[kPayload], k, this.#header);
  }
}
