// jose's subpath `jose/jws/general/verify`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { generalVerify } from 'jwtcore';
