// Types of `jwtcore/jwks/remote` (jose's `jose/jwks/remote`).
export { createRemoteJWKSet, customFetch, jwksCache } from 'jwtcore';
