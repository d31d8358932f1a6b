// Types of `jwtcore/jwk/embedded` (jose's `jose/jwk/embedded`).
export { EmbeddedJWK } from 'jwtcore';
