// Types of `jwtcore/jwt/unsecured` (jose's `jose/jwt/unsecured`).
export { UnsecuredJWT } from 'jwtcore';
