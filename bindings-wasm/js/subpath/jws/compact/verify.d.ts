// Types of `jwtcore/jws/compact/verify` (jose's `jose/jws/compact/verify`).
export { compactVerify } from 'jwtcore';
