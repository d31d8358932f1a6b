// Types of `jwtcore/jws/general/sign` (jose's `jose/jws/general/sign`).
export { GeneralSign } from 'jwtcore';
