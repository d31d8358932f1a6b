// The claim setters SignJWT and UnsecuredJWT share (jose's ProduceJWT).
import * as w from '../jwtcore_wasm.js';
import { call, isPlainObject } from '../util/internal.js';

/** The claims being built (module-internal: the subclasses read it). */
export const kPayload = Symbol('jwtcore.payload');

function epoch(date) {
  return Math.floor(date.getTime() / 1000);
}

export function timeValue(v, name) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`Invalid ${name} input`);
    return v;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new TypeError(`Invalid ${name} input`);
    return epoch(v);
  }
  if (typeof v === 'string') return epoch(new Date()) + call(() => w.timespan(v));
  throw new TypeError(`Invalid ${name} input`);
}

/** jose's ProduceJWT: the registered-claim setters, each returning `this`. */
export class ProduceJWT {
  constructor(payload = {}) {
    if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
    this[kPayload] = structuredClone(payload);
  }
  setIssuer(issuer) {
    if (typeof issuer !== 'string') throw new TypeError('"iss" must be a string');
    this[kPayload].iss = issuer;
    return this;
  }
  setSubject(subject) {
    if (typeof subject !== 'string') throw new TypeError('"sub" must be a string');
    this[kPayload].sub = subject;
    return this;
  }
  setAudience(audience) {
    this[kPayload].aud = audience;
    return this;
  }
  setJti(jwtId) {
    if (typeof jwtId !== 'string') throw new TypeError('"jti" must be a string');
    this[kPayload].jti = jwtId;
    return this;
  }
  setNotBefore(input) {
    this[kPayload].nbf = timeValue(input, 'setNotBefore');
    return this;
  }
  setExpirationTime(input) {
    this[kPayload].exp = timeValue(input, 'setExpirationTime');
    return this;
  }
  setIssuedAt(input) {
    this[kPayload].iat = input === undefined ? epoch(new Date()) : timeValue(input, 'setIssuedAt');
    return this;
  }
}
