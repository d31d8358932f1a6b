// Verification options (jose's names) checked and compiled into the core's policy, and the token
// length check that runs before a token is copied into WebAssembly memory.
import * as w from '../jwtcore_wasm.js';
import { JWSInvalid, fromWasm } from '../errors.js';
import { platform, notLoaded } from '../platform.js';
import { remember, reusable } from './options-memo.js';
import { durationSeconds, stringList as strList } from '../shared/option-values.js';

let defaultMax;
/** The core's default token limit (read lazily: the wasm module is initialised after this file loads). */
export function defaultMaxTokenLength() {
  if (defaultMax === undefined) {
    // The first call into wasm of most entry points: a module that was never loaded says so here.
    if (platform.exports === undefined) throw notLoaded();
    defaultMax = w.defaultMaxTokenLength();
  }
  return defaultMax;
}

function maxLengthOf(options) {
  const m = options && options.maxTokenLength;
  if (m === undefined) return defaultMaxTokenLength();
  if (!Number.isSafeInteger(m) || m <= 0 || m > 0xffffffff) throw new TypeError('"maxTokenLength" option must be a positive integer (bytes)');
  return m;
}

/**
 * Options checked and normalised once per call, before anything touches the cache: a bad value is a
 * TypeError (as in jose), never a claim failure or a cache hit. `key` is the exact JSON of the
 * normalised values (every number finite), so two options objects share a compiled policy only
 * when they mean the same thing.
 */
export function compileOptions(options) {
  if (platform.exports === undefined) throw notLoaded();
  const r = reusable(options);
  if (r !== undefined) return { key: r.key, spec: r.spec, maxLen: r.maxLen, now: nowOf(options) };
  const o = options === undefined ? {} : options;
  if (o === null || typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.algorithms !== undefined && (!Array.isArray(o.algorithms) || o.algorithms.some((a) => typeof a !== 'string'))) {
    throw new TypeError('"algorithms" option must be an array of strings');
  }
  if (o.subject !== undefined && typeof o.subject !== 'string') throw new TypeError('"subject" option must be a string');
  if (o.typ !== undefined && typeof o.typ !== 'string') throw new TypeError('"typ" option must be a string');
  if (o.requiredClaims !== undefined && (!Array.isArray(o.requiredClaims) || o.requiredClaims.some((c) => typeof c !== 'string'))) {
    throw new TypeError('"requiredClaims" option must be an array of strings');
  }
  if (o.crit !== undefined && (o.crit === null || typeof o.crit !== 'object')) throw new TypeError('"crit" option must be an object');
  // A negative tolerance is PyJWT's negative leeway (time the token must still have left); jose
  // refuses it, the core supports it so that every binding gives one verdict.
  const leeway = o.clockTolerance === undefined ? 0 : durationSeconds(o.clockTolerance, 'clockTolerance', w.timespan);
  let maxAge;
  if (o.maxTokenAge !== undefined) {
    maxAge = durationSeconds(o.maxTokenAge, 'maxTokenAge', w.timespan);
    if (maxAge < 0) throw new TypeError('Invalid maxTokenAge option input');
  }
  // The arguments of the wasm Policy constructor, in order.
  const spec = [
    o.algorithms,
    strList(o.issuer, 'issuer'),
    strList(o.audience, 'audience'),
    o.subject,
    o.typ,
    leeway,
    maxAge,
    o.requiredClaims ?? [],
    o.crit ? Object.keys(o.crit).sort() : [],
    maxLengthOf(o),
  ];
  // The spec's arrays copied: a reused result must not follow later edits of the caller's arrays.
  const compiled = { key: JSON.stringify(spec), spec: spec.map((x) => (Array.isArray(x) ? x.slice() : x)), maxLen: spec[9] };
  // Compiled (or found) here, outside any wasm call wrapper, so the core's refusal of an option
  // (a leeway or max age past its bounds) surfaces as the TypeError below, not as a token error,
  // and before the result is remembered for reuse.
  policy(compiled);
  remember(options, compiled);
  return { ...compiled, now: nowOf(o) };
}

// Compiled policies, keyed by compileOptions' key, so the hot path does not rebuild one per call.
// Invariant that makes eviction safe (issue 15 F4): a Policy is only ever used synchronously
// between two lookups; code that awaits looks its policy up again afterwards, so freeing an
// evicted one can never pull it from under a pending verification.
const policies = new Map();
const POLICY_CACHE = 64;

export function policy(c) {
  let p = policies.get(c.key);
  if (p) return p;
  try {
    p = new w.Policy(...c.spec);
  } catch (e) {
    // The core refuses a leeway or max age outside its bounds (±1e12 s): a caller's mistake, so
    // jose's class for a bad option, with the core's message and code.
    if (typeof e !== 'string') throw e;
    const [code, , message] = e.split('\u0001');
    throw Object.assign(new TypeError(message), { jwtcoreCode: code });
  }
  if (policies.size >= POLICY_CACHE) {
    const [oldest, old] = policies.entries().next().value;
    policies.delete(oldest);
    old.free();
  }
  policies.set(c.key, p);
  return p;
}

function nowOf(options) {
  const d = options.currentDate;
  if (d === undefined) return Math.floor(Date.now() / 1000);
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError('"currentDate" option must be a valid Date');
  return Math.floor(d.getTime() / 1000);
}

// The last protected header parsed, when every member is a string, number, boolean or null: tokens
// from one issuer and key repeat the same header text, and a copy of its members is several times
// cheaper than parsing it again. Each result gets its own object; nothing nested is shared.
let lastHeader = { text: undefined, members: undefined };

function headerOf(text) {
  if (text === lastHeader.text) return { ...lastHeader.members };
  const h = JSON.parse(text);
  if (Object.values(h).every((v) => v === null || typeof v !== 'object')) lastHeader = { text, members: { ...h } };
  return h;
}

/** The core's `header \0 payload` result as jose's `{ payload, protectedHeader }`. */
export function parseResult(joined) {
  const i = joined.indexOf('\0');
  return { payload: JSON.parse(joined.slice(i + 1)), protectedHeader: headerOf(joined.slice(0, i)) };
}

/**
 * The token as a string, refused before it is copied anywhere when it is longer than `maxLen` bytes
 * (issue 15 F8). A string's UTF-16 length never exceeds its UTF-8 length, so this refuses only what
 * the core would refuse; for non-ASCII tokens within the bound the core makes the exact check.
 */
export function tokenText(jwt, maxLen, cls = JWSInvalid) {
  if (jwt instanceof Uint8Array) {
    if (jwt.byteLength > maxLen) throw tooLong(cls);
    jwt = new TextDecoder().decode(jwt);
  }
  if (typeof jwt !== 'string') throw new cls('Compact JWS must be a string or Uint8Array');
  if (jwt.length > maxLen) throw tooLong(cls);
  return jwt;
}

function tooLong(cls) {
  const e = fromWasm(w.tokenTooLong());
  return cls === JWSInvalid ? e : new cls(e.message, { jwtcoreCode: e.jwtcoreCode });
}
