// `jwtcore/verify` on workerd / Cloudflare Workers: the runtime hands the .wasm over as a compiled
// WebAssembly.Module (Workers compile no WebAssembly from bytes at run time).
import wasmModule from './jwtcore_verify_bg.wasm';
import { initSync } from './jwtcore_verify.js';
import { state } from './state.js';

if (!(wasmModule instanceof WebAssembly.Module)) {
  throw new Error(
    "jwtcore/verify: the .wasm import did not arrive as a compiled WebAssembly.Module; bundle with wrangler (its CompiledWasm rule) or keep '*.wasm' imports as modules (esbuild: --loader:.wasm=copy plus a CompiledWasm module rule)",
  );
}
initSync({ module: wasmModule });
state.loaded = true;

export * from './index.js';
