// `jwtcore/verify`: the verify-only entry (its runtime entries, browser.js and workerd.js, load the
// module first). jose's names and signatures; async only, every signature and MAC on WebCrypto.
export { jwtVerify, compactVerify } from './verify.js';
export { importJWK } from './keys.js';
export { createLocalJWKSet, createRemoteJWKSet, customFetch, jwksCache } from './jwks.js';
export { decodeJwt, decodeProtectedHeader } from './decode.js';
export * as errors from '../errors.js';
