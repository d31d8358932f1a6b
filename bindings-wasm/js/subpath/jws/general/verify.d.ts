// Types of `jwtcore/jws/general/verify` (jose's `jose/jws/general/verify`).
export { generalVerify } from 'jwtcore';
