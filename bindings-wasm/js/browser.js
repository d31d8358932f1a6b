// Browsers, Deno, Bun and bundlers: the module is fetched and compiled (streaming) before the
// exports are usable, so the synchronous API is ready as soon as the import resolves.
import init from './jwtcore_wasm.js';
import { platform } from './platform.js';

platform.exports = await init({ module_or_path: new URL('./jwtcore_wasm_bg.wasm', import.meta.url) });

export * from './index.js';
