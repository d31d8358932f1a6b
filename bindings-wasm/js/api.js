// The jose-style API over the wasm core, as one facade: every module below converts types and maps
// errors only; parsing, algorithm/key checks, signatures and claim validation happen in the core.
// Laid out like jose's own source (jwt/, jws/, jwks/, key/, util/), so a jose user finds each
// export where jose keeps it.
export { KeyLike } from './key/keylike.js';
export { importJWK, importJWKSync, importSPKI, importPKCS8, importX509 } from './key/import.js';
export { exportJWK, exportSPKI, exportPKCS8 } from './key/export.js';
export { generateSecret, generateKeyPair } from './key/generate.js';
export { calculateJwkThumbprint, calculateJwkThumbprintUri } from './key/thumbprint.js';
export { EmbeddedJWK } from './key/embedded.js';
export { jwtVerify, jwtVerifySync } from './jwt/verify.js';
export { SignJWT, signSync } from './jwt/sign.js';
export { UnsecuredJWT } from './jwt/unsecured.js';
export { decodeJwt, decodeProtectedHeader } from './jwt/decode.js';
export { compactVerify, CompactSign } from './jws/compact.js';
export { flattenedVerify, FlattenedSign } from './jws/flattened.js';
export { generalVerify, GeneralSign } from './jws/general.js';
export { createLocalJWKSet } from './jwks/local.js';
export { createRemoteJWKSet, customFetch, jwksCache } from './jwks/remote.js';
export * as base64url from './util/base64url.js';
export {
  compactDecrypt,
  flattenedDecrypt,
  generalDecrypt,
  CompactEncrypt,
  FlattenedEncrypt,
  GeneralEncrypt,
  EncryptJWT,
  jwtDecrypt,
} from './jwe/unsupported.js';
export { algorithms, errorCodes, _wasmMemoryBytes, cryptoRuntime } from './util/runtime.js';
export { discoverJWKS, fetchOpenIdConfiguration } from './discovery.js';
export { _withoutPlatform } from './platform/portable.js';
