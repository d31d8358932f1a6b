// jose's subpath `jose/jwks/remote`: the same names from the package's own entry (imported by name, so
// the runtime's entry loads the WebAssembly module as `jwtcore` does).
export { createRemoteJWKSet, customFetch, jwksCache } from 'jwtcore';
