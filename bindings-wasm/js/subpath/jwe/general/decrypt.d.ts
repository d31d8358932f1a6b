// Types of `jwtcore/jwe/general/decrypt` (jose's `jose/jwe/general/decrypt`).
export { generalDecrypt } from 'jwtcore';
