// Types of `jwtcore/key/export` (jose's `jose/key/export`).
export { exportJWK, exportPKCS8, exportSPKI } from 'jwtcore';
