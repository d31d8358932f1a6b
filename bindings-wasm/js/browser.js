// Browsers, Deno, Bun, bundlers, and workers other than Cloudflare's: the module is compiled
// synchronously at import from the copy inlined in jwtcore_wasm_inline.js. Inlined because that is
// what every bundler includes without configuration (esbuild emits no asset for a
// `new URL('./x.wasm', import.meta.url)`, Rollup needs a plugin, Vite's dev server mis-resolves it in
// pre-bundled dependencies); synchronous so that there is no top-level await (esbuild's default iife
// output and older build targets refuse it) and the synchronous API is ready when the import
// resolves. 0.8 MB compiles in a few milliseconds, well within browsers' 8 MB main-thread limit.
import { initSync } from './jwtcore_wasm.js';
import wasmBase64 from './jwtcore_wasm_inline.js';
import { platform } from './platform.js';

function decode(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

try {
  platform.exports = initSync({ module: decode(wasmBase64) });
} catch (e) {
  // Say what went wrong here, not later as "__wbindgen_malloc of undefined".
  throw new Error(`jwtcore: its WebAssembly module could not be compiled in this runtime (${e && e.message}); under a Content-Security-Policy, allow 'wasm-unsafe-eval'`, { cause: e });
}

export * from './index.js';
