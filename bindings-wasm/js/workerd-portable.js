// The workerd / Cloudflare Workers entry under the `jwtcore-portable` export condition: the
// portable module, with the curve and RSA arithmetic for the synchronous API.
import wasmModule from './jwtcore_wasm_portable_bg.wasm';
import { loadCompiled } from './entry/workerd.js';

loadCompiled(wasmModule, true);

export * from './index.js';
