// `jwtcore/verify` in browsers, Deno, Bun, Node and bundlers: its own small module (verification
// only, no arithmetic: bindings-wasm/verify), compiled synchronously at import from the deflated copy
// inlined in jwtcore_verify_inline.js — what every bundler includes without configuration, and no
// top-level await (see ../browser.js for the same choice in the main entry).
import { initSync } from './jwtcore_verify.js';
import * as inlined from './jwtcore_verify_inline.js';
import { inlinedModule } from '../util/inflate.js';
import { state } from './state.js';

try {
  initSync({ module: inlinedModule(inlined) });
  state.loaded = true;
} catch (e) {
  throw new Error(`jwtcore/verify: its WebAssembly module could not be compiled in this runtime (${e && e.message}); under a Content-Security-Policy, allow 'wasm-unsafe-eval'`, { cause: e });
}

export * from './index.js';
