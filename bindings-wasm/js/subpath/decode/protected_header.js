// jose's subpath `jose/decode/protected_header`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { decodeProtectedHeader } from 'jwtcore';
