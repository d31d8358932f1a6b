// Types of `jwtcore/jws/flattened/verify` (jose's `jose/jws/flattened/verify`).
export { flattenedVerify } from 'jwtcore';
