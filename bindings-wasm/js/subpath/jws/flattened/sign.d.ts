// Types of `jwtcore/jws/flattened/sign` (jose's `jose/jws/flattened/sign`).
export { FlattenedSign } from 'jwtcore';
