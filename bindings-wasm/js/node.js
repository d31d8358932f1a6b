// Node: the module is compiled synchronously at import (no top-level await, so require() works).
// The lite module (no curve or RSA arithmetic: node:crypto below does every asymmetric operation),
// or the portable one when node-portable.js (the `jwtcore-portable` export condition) has set
// platform.portable before this module runs.
import { readFileSync } from 'node:fs';
import { constants, createPublicKey, verify } from 'node:crypto';
import { initSync } from './jwtcore_wasm.js';
import { platform } from './platform.js';
import { adoptPrivate, nodeSigner } from './platform/node-sign.js';
import { nodeHeld } from './platform/node-held.js';
import { nodeDigest } from './util/algorithms.js';

const wasmUrl = platform.portable
  ? new URL('./jwtcore_wasm_portable_bg.wasm', import.meta.url)
  : new URL('./jwtcore_wasm_bg.wasm', import.meta.url);
let wasmBytes;
try {
  wasmBytes = readFileSync(wasmUrl);
} catch (e) {
  // Say what went wrong here, not later as "__wbindgen_malloc of undefined".
  throw new Error(`jwtcore: cannot read its WebAssembly module at ${wasmUrl.href} (${e.message}); was the package's dist/ copied without it?`, { cause: e });
}
platform.exports = initSync({ module: wasmBytes });

// ECDSA, RSA and Ed25519 arithmetic on OpenSSL (node:crypto), synchronously: faster than
// WebAssembly, and no thread-pool hop like WebCrypto. The core's two-phase verify has already run
// every other check (key bound to alg, r/s ranges, RSA length, Ed25519's strict-verify checks)
// and validates the claims only if this returns true. Public keys are converted once per key (see platform.js).
const keyObjects = new WeakMap();
platform.verify = (alg, key, data, signature) => {
  let ko = keyObjects.get(key);
  if (ko === undefined) {
    try {
      const { kty, crv, x, y, n, e } = JSON.parse(key.toJwk());
      ko = createPublicKey({ key: { kty, crv, x, y, n, e }, format: 'jwk' });
    } catch {
      ko = null;
    }
    keyObjects.set(key, ko);
  }
  if (!ko) return undefined;
  // Ed25519: the core's phase one has made verify_strict's extra refusals (S < L, small-order R,
  // canonical key); OpenSSL checks the cofactorless equation, as the core would.
  if (alg === 'EdDSA') {
    try {
      return verify(null, data, ko, signature);
    } catch {
      return undefined;
    }
  }
  const d = nodeDigest(alg);
  if (d === undefined) return undefined;
  const { hash } = d;
  try {
    if (d.family === 'ec') return verify(hash, data, { key: ko, dsaEncoding: 'ieee-p1363' }, signature);
    if (d.family === 'rsa') return verify(hash, data, ko, signature);
    if (d.family === 'rsa-pss') {
      return verify(hash, data, { key: ko, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: d.hashLen }, signature);
    }
  } catch {
    // Whatever OpenSSL refuses to evaluate, WebAssembly decides instead.
  }
  return undefined;
};

// Signing likewise (platform/sign.js): the core writes the signing input and checks the result.
platform.sign = nodeSigner;
platform.adoptPrivate = adoptPrivate;
// KeyObjects are used where they live: described to the core, which decides; OpenSSL computes.
platform.held = nodeHeld;

export * from './index.js';
