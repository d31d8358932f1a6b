// jose's subpath `jose/key/export`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { exportJWK, exportPKCS8, exportSPKI } from 'jwtcore';
