// Types of `jwtcore/jwt/decrypt` (jose's `jose/jwt/decrypt`).
export { jwtDecrypt } from 'jwtcore';
