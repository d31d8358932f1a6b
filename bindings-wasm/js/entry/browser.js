// Browsers, Deno, Bun, bundlers, and workers other than Cloudflare's: the module is compiled
// synchronously at import from a copy inlined in a JS module (jwtcore_wasm_inline.js for the lite
// default, jwtcore_wasm_portable_inline.js under the `jwtcore-portable` condition). Inlined because
// that is what every bundler includes without configuration (esbuild emits no asset for a
// `new URL('./x.wasm', import.meta.url)`, Rollup needs a plugin, Vite's dev server mis-resolves it
// in pre-bundled dependencies); synchronous so that there is no top-level await (esbuild's default
// iife output and older build targets refuse it) and the synchronous API is ready when the import
// resolves. Even the portable 0.8 MB compiles in a few milliseconds, well within browsers' 8 MB
// main-thread limit.
import { initSync } from '../jwtcore_wasm.js';
import { platform } from '../platform.js';

// The copy is lowercase hex (scripts/wasm-common.sh says why: it compresses better than base64).
function decode(hex) {
  if (typeof Uint8Array.fromHex === 'function') return Uint8Array.fromHex(hex);
  const out = new Uint8Array(hex.length >>> 1);
  // '0'-'9' is 0x30-0x39 and 'a'-'f' 0x61-0x66: the low nibble, plus 9 for the letters (bit 6).
  const nibble = (c) => (c & 0xf) + (c >> 6) * 9;
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    out[i] = (nibble(hex.charCodeAt(j)) << 4) | nibble(hex.charCodeAt(j + 1));
  }
  return out;
}

/** Compiles and instantiates the inlined module; `portable` says which of the two it is. */
export function loadInline(wasmHex, portable) {
  try {
    platform.exports = initSync({ module: decode(wasmHex) });
  } catch (e) {
    // Say what went wrong here, not later as "__wbindgen_malloc of undefined".
    throw new Error(`jwtcore: its WebAssembly module could not be compiled in this runtime (${e && e.message}); under a Content-Security-Policy, allow 'wasm-unsafe-eval'`, { cause: e });
  }
  platform.portable = portable;
}
