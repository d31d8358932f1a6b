// Types of `jwtcore/decode/protected_header` (jose's `jose/decode/protected_header`).
export { decodeProtectedHeader } from 'jwtcore';
