// Types of `jwtcore/jwt/sign` (jose's `jose/jwt/sign`).
export { SignJWT } from 'jwtcore';
