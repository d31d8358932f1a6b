// Types of `jwtcore/jwks/local` (jose's `jose/jwks/local`).
export { createLocalJWKSet } from 'jwtcore';
