// The portable path on demand, for the package's own tests: the same call with every platform hook
// (node:crypto signing, verification, private-key adoption) switched off, so the WebAssembly
// arithmetic runs instead. Synchronous calls only: an await inside would leak the switch.
import { platform } from '../platform.js';

/**
 * @internal Runs `fn()` synchronously on the portable (WebAssembly) path and returns its result;
 * the platform hooks are restored afterwards, also when it throws.
 */
export function _withoutPlatform(fn) {
  const saved = { verify: platform.verify, sign: platform.sign, adoptPrivate: platform.adoptPrivate };
  platform.verify = platform.sign = platform.adoptPrivate = undefined;
  try {
    const r = fn();
    if (r && typeof r.then === 'function') throw new TypeError('_withoutPlatform takes a synchronous function');
    return r;
  } finally {
    Object.assign(platform, saved);
  }
}
