// The browser entry under the `jwtcore-portable` export condition: the portable module, with the
// curve and RSA arithmetic, so that the synchronous API signs and verifies every algorithm with
// keys held in WebAssembly (entry/browser.js loads it).
import * as inlined from './jwtcore_wasm_portable_inline.js';
import { loadInline } from './entry/browser.js';

loadInline(inlined, true);

export * from './index.js';
