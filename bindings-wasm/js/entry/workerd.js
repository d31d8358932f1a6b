// workerd / Cloudflare Workers: the runtime hands the .wasm over as a compiled WebAssembly.Module
// (workerd.js: the lite module; workerd-portable.js: the portable one).
import { initSync } from '../jwtcore_wasm.js';
import { platform } from '../platform.js';

/** Instantiates the module the runtime compiled; `portable` says which of the two it is. */
export function loadCompiled(wasmModule, portable) {
  if (!(wasmModule instanceof WebAssembly.Module)) {
    // Workers compile no WebAssembly at run time: the bundler must hand the .wasm over as a module.
    throw new Error(
      "jwtcore: the .wasm import did not arrive as a compiled WebAssembly.Module; bundle with wrangler (its CompiledWasm rule) or keep '*.wasm' imports as modules (esbuild: --loader:.wasm=copy plus a CompiledWasm module rule)",
    );
  }
  platform.exports = initSync({ module: wasmModule });
  platform.portable = portable;
}
