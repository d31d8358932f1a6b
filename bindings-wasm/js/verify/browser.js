// `jwtcore/verify` in browsers, Deno, Bun, Node and bundlers: its own small module (verification
// only, no arithmetic: bindings-wasm/verify), compiled synchronously at import from the hex copy
// inlined in jwtcore_verify_inline.js — what every bundler includes without configuration, and no
// top-level await (see ../browser.js for the same choice in the main entry).
import { initSync } from './jwtcore_verify.js';
import wasmHex from './jwtcore_verify_inline.js';
import { state } from './state.js';

function decode(hex) {
  if (typeof Uint8Array.fromHex === 'function') return Uint8Array.fromHex(hex);
  const out = new Uint8Array(hex.length >>> 1);
  // '0'-'9' is 0x30-0x39 and 'a'-'f' 0x61-0x66: the low nibble, plus 9 for the letters (bit 6).
  const nibble = (c) => (c & 0xf) + (c >> 6) * 9;
  for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = (nibble(hex.charCodeAt(j)) << 4) | nibble(hex.charCodeAt(j + 1));
  return out;
}

try {
  initSync({ module: decode(wasmHex) });
  state.loaded = true;
} catch (e) {
  throw new Error(`jwtcore/verify: its WebAssembly module could not be compiled in this runtime (${e && e.message}); under a Content-Security-Policy, allow 'wasm-unsafe-eval'`, { cause: e });
}

export * from './index.js';
