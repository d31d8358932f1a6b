// Types of `jwtcore/jws/compact/sign` (jose's `jose/jws/compact/sign`).
export { CompactSign } from 'jwtcore';
