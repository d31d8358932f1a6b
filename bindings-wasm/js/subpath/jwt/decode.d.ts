// Types of `jwtcore/jwt/decode` (jose's `jose/jwt/decode`).
export { decodeJwt } from 'jwtcore';
