// Whether a runtime entry of `jwtcore/verify` (browser.js, workerd.js) has instantiated its module.
export const state = { loaded: false };

/** The error for a call made before an entry loaded the module (a deep import of a file inside it). */
export function notLoaded() {
  return new Error("jwtcore/verify: the WebAssembly module was never loaded: import 'jwtcore/verify' itself, not a file inside it");
}
