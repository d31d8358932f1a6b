// Types of `jwtcore/jwe/compact/decrypt` (jose's `jose/jwe/compact/decrypt`).
export { compactDecrypt } from 'jwtcore';
