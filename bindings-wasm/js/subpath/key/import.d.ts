// Types of `jwtcore/key/import` (jose's `jose/key/import`).
export { importJWK, importPKCS8, importSPKI, importX509 } from 'jwtcore';
