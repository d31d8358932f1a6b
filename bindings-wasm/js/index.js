// Everything the package exports; the runtime entries (node.js, browser.js, workerd.js) load the
// wasm module their own way and re-export this.
export * from './api.js';
export * as errors from './errors.js';
export * as session from './session.js';
