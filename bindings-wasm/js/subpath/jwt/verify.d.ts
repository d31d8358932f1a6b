// Types of `jwtcore/jwt/verify` (jose's `jose/jwt/verify`).
export { jwtVerify } from 'jwtcore';
