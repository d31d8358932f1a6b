// Types of `jwtcore/jwe/flattened/encrypt` (jose's `jose/jwe/flattened/encrypt`).
export { FlattenedEncrypt } from 'jwtcore';
