// The browser (and Deno, Bun, bundler) entry: the lite module, no curve or RSA arithmetic in it
// (entry/browser.js loads it). Asymmetric keys work through WebCrypto; `browser-portable.js` (the
// `jwtcore-portable` export condition) has the arithmetic for the synchronous API.
import * as inlined from './jwtcore_wasm_inline.js';
import { loadInline } from './entry/browser.js';

loadInline(inlined, false);

export * from './index.js';
