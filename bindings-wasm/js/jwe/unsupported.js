// jose's JWE exports, present so that code written for jose loads and fails with a clear message
// at the call: jwtcore implements JWS and JWT only (its core has no content encryption).
import { JOSENotSupported } from '../errors.js';

const MESSAGE = (name) =>
  `${name}: JWE (encrypted tokens) is not supported by jwtcore, which implements JWS/JWT only; use jose for JWE, or sign instead (SignJWT, CompactSign)`;

function unsupportedFunction(name) {
  // Async in jose: a rejected promise, so `await` and `.catch()` see the error as they would jose's.
  const f = async () => {
    throw new JOSENotSupported(MESSAGE(name));
  };
  Object.defineProperty(f, 'name', { value: name });
  return f;
}

function unsupportedClass(name) {
  const C = class {
    constructor() {
      throw new JOSENotSupported(MESSAGE(name));
    }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

/** Not supported: throws {@link JOSENotSupported} (JWE). */
export const compactDecrypt = unsupportedFunction('compactDecrypt');
/** Not supported: throws {@link JOSENotSupported} (JWE). */
export const flattenedDecrypt = unsupportedFunction('flattenedDecrypt');
/** Not supported: throws {@link JOSENotSupported} (JWE). */
export const generalDecrypt = unsupportedFunction('generalDecrypt');
/** Not supported: throws {@link JOSENotSupported} (JWE). */
export const jwtDecrypt = unsupportedFunction('jwtDecrypt');
/** Not supported: the constructor throws {@link JOSENotSupported} (JWE). */
export const CompactEncrypt = unsupportedClass('CompactEncrypt');
/** Not supported: the constructor throws {@link JOSENotSupported} (JWE). */
export const FlattenedEncrypt = unsupportedClass('FlattenedEncrypt');
/** Not supported: the constructor throws {@link JOSENotSupported} (JWE). */
export const GeneralEncrypt = unsupportedClass('GeneralEncrypt');
/** Not supported: the constructor throws {@link JOSENotSupported} (JWE). */
export const EncryptJWT = unsupportedClass('EncryptJWT');
