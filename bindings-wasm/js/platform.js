// A hook for a runtime's own synchronous signature primitive. The Node entry installs one
// (node:crypto, i.e. OpenSSL); elsewhere it stays unset and the arithmetic runs in WebAssembly.
// `verify(alg, jwk, signingInput, signature)` returns true/false, or undefined when it cannot
// handle the key (then WebAssembly verifies). It is only ever handed what the core's two-phase
// verify prepared: the key already bound to `alg`, and the signature already range-checked.
export const platform = { verify: undefined };
