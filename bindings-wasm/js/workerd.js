// workerd / Cloudflare Workers: the runtime hands the .wasm over as a compiled WebAssembly.Module.
import wasmModule from './jwtcore_wasm_bg.wasm';
import { initSync } from './jwtcore_wasm.js';
import { platform } from './platform.js';

platform.exports = initSync({ module: wasmModule });

export * from './index.js';
