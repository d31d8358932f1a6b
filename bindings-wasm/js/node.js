// Node: the module is compiled synchronously at import (no top-level await, so require() works).
// The lite module (no curve or RSA arithmetic: node:crypto below does every asymmetric operation),
// or the portable one when node-portable.js (the `jwtcore-portable` export condition) has set
// platform.portable before this module runs.
import { readFileSync } from 'node:fs';
import { initSync } from './jwtcore_wasm.js';
import { platform } from './platform.js';
import { adoptPrivate, nodeSigner } from './platform/node-sign.js';
import { nodeHeld } from './platform/node-held.js';
import { nodeVerify } from './platform/node-verify.js';

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
// WebAssembly, and no thread-pool hop like WebCrypto (platform/node-verify.js).
platform.verify = nodeVerify;

// Signing likewise (platform/sign.js): the core writes the signing input and checks the result.
platform.sign = nodeSigner;
platform.adoptPrivate = adoptPrivate;
// KeyObjects are used where they live: described to the core, which decides; OpenSSL computes.
platform.held = nodeHeld;

export * from './index.js';
