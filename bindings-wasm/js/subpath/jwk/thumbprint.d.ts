// Types of `jwtcore/jwk/thumbprint` (jose's `jose/jwk/thumbprint`).
export { calculateJwkThumbprint, calculateJwkThumbprintUri } from 'jwtcore';
