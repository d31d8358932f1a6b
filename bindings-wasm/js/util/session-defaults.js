// The core's session defaults (jwtcore::session::Timeouts::DEFAULT, RefreshPolicy::DEFAULT), read
// once on first use (the wasm module is instantiated by the runtime entry after modules load), so
// the JS session classes default to the core's values rather than copies of them.
import * as w from '../jwtcore_wasm.js';

let defaults;

/** `{ session: { idle, absolute, touch_after, renew_after }, refresh: { absolute, idle, grace } }` in seconds. */
export function sessionDefaults() {
  if (defaults === undefined) defaults = JSON.parse(w.sessionDefaults());
  return defaults;
}
