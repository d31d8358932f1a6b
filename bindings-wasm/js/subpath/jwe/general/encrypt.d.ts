// Types of `jwtcore/jwe/general/encrypt` (jose's `jose/jwe/general/encrypt`).
export { GeneralEncrypt } from 'jwtcore';
