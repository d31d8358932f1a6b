// What the runtime entry (node.js, browser.js, workerd.js) installs after loading the wasm module.
//
// `exports` is the instantiated module's exports (the package's memory tests read its size).
//
// `verify` is a hook for a runtime's own synchronous signature primitive. The Node entry installs
// one (node:crypto, i.e. OpenSSL); elsewhere it stays unset and the arithmetic runs in WebAssembly.
// `verify(alg, key, signingInput, signature, der)` returns true/false, or undefined when it cannot
// handle the key (then WebAssembly verifies). `key.toJwk()` gives the public JWK text, and `key`
// itself is a stable object to cache the platform's own key under. It is only ever handed what the
// core's two-phase verify prepared: the key already bound to `alg`, the signature range-checked
// (for Ed25519 also S < L and R not of small order, so only the equation is left). `der`, when not
// empty, is an ECDSA signature's DER form, written by the core's binding (external.rs).
// `signingInput` and `signature` may be views of WebAssembly memory (the one-call verify,
// external.rs): valid during the call only, and only until the next call into WebAssembly, which
// may grow the memory and detach them; copy them before making one.
//
// `sign(key, alg)` is the signing counterpart (platform/sign.js): a function from the signing input
// (a string) to the raw JOSE signature bytes, made once per wasm key and cached, or undefined when
// the platform cannot sign with that key (then WebAssembly signs). `adoptPrivate(keyLike, source)`,
// called by the key importers with the JWK or PEM the core just parsed, lets it import a private
// key it could not rebuild from the core's export (RSA) once, at import: node:crypto's on Node,
// WebCrypto's elsewhere (platform/webcrypto-sign.js installs that one when no entry has set one).
//
// `held` is node:crypto's part for keys the platform holds (platform/node-held.js: a KeyObject's
// description, verify, MAC and sign); installed by the Node entry, unset elsewhere (a KeyObject is
// then exported into the core as before).
//
// `portable` is true when the entry loaded the portable module (the `jwtcore-portable` export
// condition: curve and RSA arithmetic in WebAssembly), false for the default lite one, which holds
// no private asymmetric key and verifies asymmetric signatures only through the platform.
export const platform = { exports: undefined, verify: undefined, sign: undefined, adoptPrivate: undefined, held: undefined, portable: false };

/**
 * The error for a call made before a runtime entry loaded the wasm module: the package was reached
 * through a file other than its entries (a bundler configured to drop "side-effect-free" modules,
 * or a deep import of dist/index.js).
 */
export function notLoaded() {
  return new Error(
    "jwtcore: the WebAssembly module was never loaded: import the package itself ('jwtcore'), not a file inside it, and keep its package.json \"sideEffects\" list (the runtime entries load the module)",
  );
}
