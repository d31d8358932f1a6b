// jose's verification options, checked here (a bad value is a TypeError, as in jose) and compiled
// into the core's policy, whose meaning of each option is the main entry's (the same Rust
// `jwtcore::policy::Policy` constructor); the token length check before a token is copied in.
import * as w from './jwtcore_verify.js';
import { JWSInvalid } from '../errors.js';
import { call } from './call.js';
import { durationSeconds, stringList as strList } from '../shared/option-values.js';

/** jose's duration option: seconds, or a time span (`'2h'`, `'-10s'`, `'10s ago'`) the core parses. */
const seconds = (v, name) => durationSeconds(v, name, (t) => call(() => w.timespan(t)));

let defaultMax;
/** The core's default token limit, in bytes. */
export function defaultMaxTokenLength() {
  return (defaultMax ??= call(() => w.defaultMaxTokenLength()));
}

/**
 * Options checked and compiled: `{ policy, maxLen, now }`. `jws` compiles compactVerify's options
 * (`algorithms`, `crit`, `maxTokenLength`; no claims).
 */
export function compile(options, jws = false) {
  const o = options === undefined ? {} : options;
  if (o === null || typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.algorithms !== undefined && (!Array.isArray(o.algorithms) || o.algorithms.some((a) => typeof a !== 'string'))) {
    throw new TypeError('"algorithms" option must be an array of strings');
  }
  if (o.crit !== undefined && (o.crit === null || typeof o.crit !== 'object')) throw new TypeError('"crit" option must be an object');
  const m = o.maxTokenLength;
  if (m !== undefined && (!Number.isSafeInteger(m) || m <= 0 || m > 0xffffffff)) throw new TypeError('"maxTokenLength" option must be a positive integer (bytes)');
  const crit = o.crit ? Object.keys(o.crit).sort() : [];
  const maxLen = m ?? defaultMaxTokenLength();
  if (jws) return { spec: [o.algorithms, undefined, undefined, undefined, undefined, 0, undefined, [], crit, maxLen], maxLen, now: 0 };
  if (o.subject !== undefined && typeof o.subject !== 'string') throw new TypeError('"subject" option must be a string');
  if (o.typ !== undefined && typeof o.typ !== 'string') throw new TypeError('"typ" option must be a string');
  if (o.requiredClaims !== undefined && (!Array.isArray(o.requiredClaims) || o.requiredClaims.some((c) => typeof c !== 'string'))) {
    throw new TypeError('"requiredClaims" option must be an array of strings');
  }
  // A negative tolerance is PyJWT's negative leeway (time the token must still have left), as in
  // the main entry: one verdict in every binding.
  const leeway = o.clockTolerance === undefined ? 0 : seconds(o.clockTolerance, 'clockTolerance');
  let maxAge;
  if (o.maxTokenAge !== undefined) {
    maxAge = seconds(o.maxTokenAge, 'maxTokenAge');
    if (maxAge < 0) throw new TypeError('Invalid maxTokenAge option input');
  }
  const d = o.currentDate;
  if (d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime()))) throw new TypeError('"currentDate" option must be a valid Date');
  const spec = [o.algorithms, strList(o.issuer, 'issuer'), strList(o.audience, 'audience'), o.subject, o.typ, leeway, maxAge, o.requiredClaims ?? [], crit, maxLen];
  const c = { spec, maxLen, now: Math.floor((d === undefined ? Date.now() : d.getTime()) / 1000) };
  policy(c); // the core refuses out-of-bounds values now, as a TypeError, not later as a token error
  return c;
}

// Compiled policies by their options' JSON, so repeated calls do not rebuild one. A policy is only
// used synchronously between two lookups (code that awaits looks it up again), so evicting and
// freeing one can never pull it from under a pending verification.
const policies = new Map();
const POLICY_CACHE = 64;

/** The core's policy for compiled options. */
export function policy(c) {
  const key = (c.key ??= JSON.stringify(c.spec));
  let p = policies.get(key);
  if (p) return p;
  try {
    p = call(() => new w.Policy(...c.spec));
  } catch (e) {
    // The core's refusal of a leeway or max age beyond its bounds: the caller's mistake.
    throw Object.assign(new TypeError(e.message), { jwtcoreCode: e.jwtcoreCode });
  }
  if (policies.size >= POLICY_CACHE) {
    const [oldest, old] = policies.entries().next().value;
    policies.delete(oldest);
    old.free();
  }
  policies.set(key, p);
  return p;
}

/**
 * The token as a string, refused before it is copied anywhere when longer than `maxLen` (a string's
 * UTF-16 length never exceeds its UTF-8 length, so this refuses only what the core would).
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
  let e;
  try {
    call(() => {
      throw w.tokenTooLong();
    });
  } catch (err) {
    e = err;
  }
  return cls === JWSInvalid ? e : new cls(e.message, { jwtcoreCode: e.jwtcoreCode });
}
