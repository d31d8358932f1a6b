// compileOptions' last result, reused while the options mean the same: a server verifies with the
// same options on every call (often a fresh object literal each time), and re-validating them and
// re-serialising them into the policy cache's key was about a tenth of an HS256 jwtVerifySync.
// A hit requires every option compileOptions reads to hold the identical value (===), or, for
// array options, an array with the identical items, as when that result was compiled, so an edit
// in place or a new object with other values always compiles afresh. Options holding other mutable
// objects (`crit`, `currentDate`) are never reused.

// Every option compileOptions reads (keep in step with it, and with the reads in reusable()).
const FIELDS = ['algorithms', 'issuer', 'audience', 'subject', 'typ', 'clockTolerance', 'maxTokenAge', 'requiredClaims', 'crit', 'maxTokenLength', 'currentDate'];

let last; // { values, compiled }, values[i] an array's copy for array options

function same(v, was) {
  if (v === was) return !Array.isArray(v); // an array must be compared with its copy, item by item
  if (!Array.isArray(v) || !Array.isArray(was) || v.length !== was.length) return false;
  for (let i = 0; i < v.length; i++) if (v[i] !== was[i]) return false;
  return true;
}

/** The compiled options (without `now`) for `options` if it means what the last compiled ones did. */
export function reusable(options) {
  if (last === undefined || options === null || typeof options !== 'object') return undefined;
  // Each option read by name, in FIELDS' order: `options[FIELDS[i]]` in a loop is a keyed lookup V8
  // cannot cache per name, and cost about 0.2 µs per call; named reads of an options object of one
  // shape are a few nanoseconds.
  const v = last.values;
  return same(options.algorithms, v[0]) &&
    same(options.issuer, v[1]) &&
    same(options.audience, v[2]) &&
    same(options.subject, v[3]) &&
    same(options.typ, v[4]) &&
    same(options.clockTolerance, v[5]) &&
    same(options.maxTokenAge, v[6]) &&
    same(options.requiredClaims, v[7]) &&
    same(options.crit, v[8]) &&
    same(options.maxTokenLength, v[9]) &&
    same(options.currentDate, v[10])
    ? last.compiled
    : undefined;
}

/** Remembers `compiled` for `options`, which compileOptions has just validated and compiled. */
export function remember(options, compiled) {
  if (options === null || typeof options !== 'object' || options.crit !== undefined || options.currentDate !== undefined) return;
  last = { values: FIELDS.map((f) => (Array.isArray(options[f]) ? options[f].slice() : options[f])), compiled };
}
