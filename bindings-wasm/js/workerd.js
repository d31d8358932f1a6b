// The workerd / Cloudflare Workers entry: the lite module, no curve or RSA arithmetic in it
// (asymmetric keys work through WebCrypto); workerd-portable.js is the `jwtcore-portable` one.
import wasmModule from './jwtcore_wasm_bg.wasm';
import { loadCompiled } from './entry/workerd.js';

loadCompiled(wasmModule, false);

export * from './index.js';
