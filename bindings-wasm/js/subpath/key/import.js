// jose's subpath `jose/key/import`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { importJWK, importPKCS8, importSPKI, importX509 } from 'jwtcore';
