// Types of `jwtcore/jwt/encrypt` (jose's `jose/jwt/encrypt`).
export { EncryptJWT } from 'jwtcore';
