// Checks of single jose option values, shared by the main entry (`jwt/options.js`) and
// `jwtcore/verify` (`verify/options.js`). No WebAssembly glue is imported: the core's time-span
// parser is passed in by each entry, so `jwtcore/verify` keeps its own small module.

/**
 * jose's duration option: seconds (number) or a time span (`'2h'`, `'-10s'`, `'10s ago'`) that
 * `timespan` (the entry's call into the core's parser) turns into seconds; `name` is the option's,
 * for the TypeError a bad value gets (as in jose).
 */
export function durationSeconds(v, name, timespan) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`Invalid ${name} option input`);
    return v;
  }
  if (typeof v === 'string') {
    try {
      return timespan(v);
    } catch {
      // jose's message and class: an unparsable span is the caller's mistake, not the token's.
      throw new TypeError('Invalid time period format');
    }
  }
  throw new TypeError(`Invalid ${name} option type`);
}

/** A string-or-array option (`issuer`, `audience`) as an array, or undefined when absent. */
export function stringList(v, name) {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (list.some((s) => typeof s !== 'string')) throw new TypeError(`"${name}" option must be a string or an array of strings`);
  return list;
}
