// Types of `jwtcore/jwe/flattened/decrypt` (jose's `jose/jwe/flattened/decrypt`).
export { flattenedDecrypt } from 'jwtcore';
