// jose's subpath `jose/jwe/flattened/decrypt`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { flattenedDecrypt } from 'jwtcore';
