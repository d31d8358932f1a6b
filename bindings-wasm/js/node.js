// Node: the module is compiled synchronously at import (no top-level await, so require() works).
import { readFileSync } from 'node:fs';
import { initSync } from './jwtcore_wasm.js';

initSync({ module: readFileSync(new URL('./jwtcore_wasm_bg.wasm', import.meta.url)) });

export * from './index.js';
