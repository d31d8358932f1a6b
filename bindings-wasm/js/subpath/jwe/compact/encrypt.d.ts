// Types of `jwtcore/jwe/compact/encrypt` (jose's `jose/jwe/compact/encrypt`).
export { CompactEncrypt } from 'jwtcore';
