// jose's error classes, with the same names and `code` strings (the codes are jose's stable
// contract), plus `jwtcoreCode`: the core's own code, identical across the Rust, Python and JS
// surfaces (tests/vectors/error-codes.json).
import { platform, notLoaded } from './platform.js';

export class JOSEError extends Error {
  static code = 'ERR_JOSE_GENERIC';
  code = 'ERR_JOSE_GENERIC';
  constructor(message, options) {
    super(message, options);
    this.name = this.constructor.name;
    if (options && options.jwtcoreCode !== undefined) this.jwtcoreCode = options.jwtcoreCode;
  }
}
export class JOSEAlgNotAllowed extends JOSEError {
  static code = 'ERR_JOSE_ALG_NOT_ALLOWED';
  code = 'ERR_JOSE_ALG_NOT_ALLOWED';
}
export class JOSENotSupported extends JOSEError {
  static code = 'ERR_JOSE_NOT_SUPPORTED';
  code = 'ERR_JOSE_NOT_SUPPORTED';
}
export class JWSInvalid extends JOSEError {
  static code = 'ERR_JWS_INVALID';
  code = 'ERR_JWS_INVALID';
}
export class JWSSignatureVerificationFailed extends JOSEError {
  static code = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
  code = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
  constructor(message = 'signature verification failed', options) {
    super(message, options);
  }
}
export class JWTInvalid extends JOSEError {
  static code = 'ERR_JWT_INVALID';
  code = 'ERR_JWT_INVALID';
}
export class JWTClaimValidationFailed extends JOSEError {
  static code = 'ERR_JWT_CLAIM_VALIDATION_FAILED';
  code = 'ERR_JWT_CLAIM_VALIDATION_FAILED';
  constructor(message, payload, claim = 'unspecified', reason = 'unspecified', options) {
    super(message, { ...options, cause: { claim, reason, payload } });
    this.claim = claim;
    this.reason = reason;
    this.payload = payload;
  }
}
// Not a subclass of JWTClaimValidationFailed, as in jose.
export class JWTExpired extends JOSEError {
  static code = 'ERR_JWT_EXPIRED';
  code = 'ERR_JWT_EXPIRED';
  constructor(message, payload, claim = 'unspecified', reason = 'unspecified', options) {
    super(message, { ...options, cause: { claim, reason, payload } });
    this.claim = claim;
    this.reason = reason;
    this.payload = payload;
  }
}
// JWE is not implemented (every JWE export throws JOSENotSupported); the classes exist so that
// code written for jose (`e instanceof errors.JWEInvalid`, `err.code` switches) still loads.
export class JWEInvalid extends JOSEError {
  static code = 'ERR_JWE_INVALID';
  code = 'ERR_JWE_INVALID';
}
export class JWEDecryptionFailed extends JOSEError {
  static code = 'ERR_JWE_DECRYPTION_FAILED';
  code = 'ERR_JWE_DECRYPTION_FAILED';
  constructor(message = 'decryption operation failed', options) {
    super(message, options);
  }
}
export class JWKInvalid extends JOSEError {
  static code = 'ERR_JWK_INVALID';
  code = 'ERR_JWK_INVALID';
}
export class JWKSInvalid extends JOSEError {
  static code = 'ERR_JWKS_INVALID';
  code = 'ERR_JWKS_INVALID';
}
export class JWKSNoMatchingKey extends JOSEError {
  static code = 'ERR_JWKS_NO_MATCHING_KEY';
  code = 'ERR_JWKS_NO_MATCHING_KEY';
  constructor(message = 'no applicable key found in the JSON Web Key Set', options) {
    super(message, options);
  }
}
export class JWKSMultipleMatchingKeys extends JOSEError {
  static code = 'ERR_JWKS_MULTIPLE_MATCHING_KEYS';
  code = 'ERR_JWKS_MULTIPLE_MATCHING_KEYS';
}
export class JWKSTimeout extends JOSEError {
  static code = 'ERR_JWKS_TIMEOUT';
  code = 'ERR_JWKS_TIMEOUT';
}
/** Session, cookie and refresh-token errors; `jwtcoreCode` says which check. */
export class SessionError extends JOSEError {
  static code = 'ERR_JWTCORE_SESSION';
  code = 'ERR_JWTCORE_SESSION';
}

// Core code -> jose class; the same table as tests/vectors/error-codes.json (a test checks it).
const BY_CODE = {
  alg_key_mismatch: JOSEAlgNotAllowed,
  alg_missing: JWSInvalid,
  alg_none: JOSEAlgNotAllowed,
  alg_not_allowed: JOSEAlgNotAllowed,
  audience_mismatch: JWTClaimValidationFailed,
  b64_unsupported: JOSENotSupported,
  bad_signature: JWSSignatureVerificationFailed,
  buffer_too_small: JOSEError,
  claim_invalid: JWTClaimValidationFailed,
  claim_mismatch: JWTClaimValidationFailed,
  claims_deserialize: JWTInvalid,
  crit_invalid: JWSInvalid,
  crit_unsupported: JOSENotSupported,
  duplicate_member: JWSInvalid,
  expired: JWTExpired,
  feature_disabled: JOSENotSupported,
  header_invalid: JWSInvalid,
  invalid_key: JWKInvalid,
  invalid_key_set: JWKSInvalid,
  issued_in_future: JWTClaimValidationFailed,
  issuer_mismatch: JWTClaimValidationFailed,
  json_limit: JWSInvalid,
  jwe_not_supported: JWSInvalid,
  key_encrypted: JOSENotSupported,
  key_not_private: JWKInvalid,
  key_set_full: JWKSInvalid,
  key_too_small: JWKInvalid,
  key_unsupported: JOSENotSupported,
  key_use_forbidden: JWKInvalid,
  malformed_base64: JWSInvalid,
  malformed_json: JWTInvalid,
  malformed_token: JWSInvalid,
  missing_claim: JWTClaimValidationFailed,
  no_matching_key: JWKSNoMatchingKey,
  no_signing_key: JWKSNoMatchingKey,
  not_yet_valid: JWTClaimValidationFailed,
  revoked: JWTClaimValidationFailed,
  serialize_failed: JOSEError,
  subject_mismatch: JWTClaimValidationFailed,
  token_too_long: JWSInvalid,
  token_too_old: JWTExpired,
  typ_mismatch: JWTClaimValidationFailed,
  weak_hmac_key: JWKInvalid,
};
export const _BY_CODE = BY_CODE;

/**
 * What to do instead when the default (lite) build cannot make a call: its WebAssembly has no curve
 * or RSA arithmetic, so asymmetric keys work only where the platform does the arithmetic.
 */
const LITE_FIX =
  'the default build of jwtcore has no curve or RSA arithmetic in its WebAssembly; the platform does it: verify JWTs with jwtVerify (async, WebCrypto; on Node jwtVerifySync too), verify JWS payloads with compactVerify, flattenedVerify or generalVerify (async), sign with a CryptoKey (importPKCS8, importJWK and generateKeyPair return them) through SignJWT#sign (on Node signSync too); or select the portable build, which has the arithmetic, with the "jwtcore-portable" export condition (node --conditions=jwtcore-portable, esbuild conditions, Vite resolve.conditions)';

const REASON = { missing_claim: 'missing', claim_invalid: 'invalid' };

/**
 * Turns what the wasm side threw (`code \x01 claim \x01 message`) into the jose error class. Anything
 * else (a wasm trap would be a bug) still surfaces as a JOSEError, never as a bare RuntimeError.
 * `payload` is called lazily for claim errors (the signature was already verified then).
 */
export function fromWasm(thrown, payload) {
  if (typeof thrown !== 'string') {
    if (thrown instanceof JOSEError) return thrown;
    if (platform.exports === undefined) return notLoaded();
    // wasm-bindgen's words for a handle whose wasm object was freed (key.free(), `using`, or a
    // session object's free()) while still in use, e.g. during an awaited verification.
    if (thrown instanceof Error && thrown.message === 'null pointer passed to rust') {
      return new JOSEError('key has been freed: a key (or session object) used by this call was freed before it finished', { cause: thrown });
    }
    return new JOSEError(`internal error: ${thrown && thrown.message}`, { cause: thrown });
  }
  const [code, claim, coreMessage] = thrown.split('\x01');
  const cls = BY_CODE[code];
  // The core's words for a missing arithmetic feature speak of cargo features; in the default npm
  // build the fix is a different call or the portable build, so the message says which.
  const message = code === 'feature_disabled' && !platform.portable ? `${LITE_FIX} (${coreMessage})` : coreMessage;
  if (cls === undefined) return new SessionError(message, { jwtcoreCode: code });
  if (cls === JWTClaimValidationFailed || cls === JWTExpired) {
    let p;
    try {
      p = payload ? payload() : undefined;
    } catch {
      p = undefined;
    }
    return new cls(message, p, claim || 'unspecified', REASON[code] || 'check_failed', { jwtcoreCode: code });
  }
  return new cls(message, { jwtcoreCode: code });
}
