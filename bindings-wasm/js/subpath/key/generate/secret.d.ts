// Types of `jwtcore/key/generate/secret` (jose's `jose/key/generate/secret`).
export { generateSecret } from 'jwtcore';
