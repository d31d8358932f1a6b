// Internals shared by the modules of the jose-style API (not exported from the package).
import { fromWasm } from '../errors.js';

/** Marks a resolver made by createLocalJWKSet (holds the wasm key set). */
export const kSet = Symbol('jwtcore.keyset');
/** Marks a resolver made by createRemoteJWKSet. */
export const kRemote = Symbol('jwtcore.remote');

/** Calls into wasm and maps whatever it throws to the jose error classes. */
export function call(f, payload) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e, payload);
  }
}


/** A plain object (jose accepts nothing else as claims, JWK or JWKS). */
export function isPlainObject(v) {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}
