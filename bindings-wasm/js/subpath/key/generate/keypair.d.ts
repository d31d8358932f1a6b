// Types of `jwtcore/key/generate/keypair` (jose's `jose/key/generate/keypair`).
export { generateKeyPair } from 'jwtcore';
