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
import { inlinedModule } from '../util/inflate.js';

/**
 * Compiles and instantiates the inlined module (its NAME_inline.js: `deflated`, `size`, `adler`);
 * `portable` says which of the two it is.
 */
export function loadInline(inlined, portable) {
  try {
    platform.exports = initSync({ module: inlinedModule(inlined) });
  } catch (e) {
    // Say what went wrong here, not later as "__wbindgen_malloc of undefined".
    throw new Error(`jwtcore: its WebAssembly module could not be compiled in this runtime (${e && e.message}); under a Content-Security-Policy, allow 'wasm-unsafe-eval'`, { cause: e });
  }
  platform.portable = portable;
}
