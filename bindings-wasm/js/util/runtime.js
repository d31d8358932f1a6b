// Package-level helpers that are not part of jose's API.
import * as w from '../jwtcore_wasm.js';
import { platform } from '../platform.js';
import { algorithmTable } from './algorithms.js';

/** Every core error code (for tests and tooling). */
export const errorCodes = () => w.errorCodes();

/**
 * The core's algorithm table (`jwtcore::algorithms()`): one object per algorithm with `name`,
 * `family` (`hmac`, `ec`, `okp`, `rsa`, `rsa-pss`), `kty`, `crv`, `hash`, `hmac_min_key_len` and
 * `supported`. Fresh copies, so a caller cannot edit the package's own view.
 */
export const algorithms = () => algorithmTable().map((r) => ({ ...r }));

/**
 * @internal The size of the WebAssembly memory in bytes, for the package's own memory tests (wasm
 * memory only grows; a leak shows up here long before the process runs out).
 */
export const _wasmMemoryBytes = () => platform.exports.memory.buffer.byteLength;

export const cryptoRuntime = 'jwtcore-wasm';
