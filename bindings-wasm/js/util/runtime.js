// Package-level helpers that are not part of jose's API.
import * as w from '../jwtcore_wasm.js';
import { platform } from '../platform.js';

/** Every core error code (for tests and tooling). */
export const errorCodes = () => w.errorCodes();

/**
 * @internal The size of the WebAssembly memory in bytes, for the package's own memory tests (wasm
 * memory only grows; a leak shows up here long before the process runs out).
 */
export const _wasmMemoryBytes = () => platform.exports.memory.buffer.byteLength;

export const cryptoRuntime = 'jwtcore-wasm';
