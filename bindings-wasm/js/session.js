// Server-side sessions: IDs, signed cookies, storage keys, cookie headers, refresh-token
// families and CSRF protection (session-bound tokens and the Fetch Metadata / Origin check). The same bytes and verdicts as the Rust core and the Python binding; this file only
// converts arguments and maps errors to SessionError (whose `jwtcoreCode` says which check).
import * as w from './jwtcore_wasm.js';
import { SessionError, fromWasm } from './errors.js';
import { sessionDefaults } from './util/session-defaults.js';

function call(f) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e);
  }
}

// One calling convention for every session function and method: the required inputs positionally,
// everything optional in one trailing options object. Anything else (an extra positional argument,
// an unknown option key, a value of the wrong type) is a TypeError naming it, because a silently
// ignored `now` or `reason` makes a security decision on the wrong input.

/** Refuses more positional arguments than `where` takes. */
function arity(where, args, n, hint) {
  if (args.length > n) {
    throw new TypeError(`${where} takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}${hint ? `: ${hint}` : ''}`);
  }
}

/**
 * The options object of `where`, checked against `spec` (option name -> checker); `undefined`
 * counts as absent. Unknown keys and non-object values are refused.
 */
function options(where, o, spec, required = false) {
  if (o === undefined && !required) return {};
  if (o === null || typeof o !== 'object' || Array.isArray(o) || o instanceof Uint8Array) {
    throw new TypeError(`${where}: the options must be an object ({ ${Object.keys(spec).join(', ')} })`);
  }
  for (const k of Object.keys(o)) {
    if (!Object.hasOwn(spec, k)) throw new TypeError(`${where}: unknown option "${k}" (known: ${Object.keys(spec).join(', ')})`);
  }
  const out = {};
  for (const [k, check] of Object.entries(spec)) {
    if (o[k] !== undefined) out[k] = check(o[k], `${where}: option "${k}"`);
  }
  return out;
}

const isNumber = (v, what) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${what} must be a finite number`);
  return v;
};
const isSeconds = (v, what) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`${what} must be a non-negative number of seconds (Unix time)`);
  return v;
};
const isBool = (v, what) => {
  if (typeof v !== 'boolean') throw new TypeError(`${what} must be a boolean`);
  return v;
};
const isString = (v, what) => {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string`);
  return v;
};
const isBytes = (v, what) => {
  if (!(v instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
  return v;
};
const isKeyList = (v, what) => {
  if (!Array.isArray(v)) throw new TypeError(`${what} must be an array of 32-byte Uint8Arrays`);
  return v;
};
const isKey32 = (v, what) => {
  if (!(v instanceof Uint8Array) || v.length !== 32) throw new TypeError(`${what} must be a 32-byte Uint8Array`);
  return v;
};

/** The wasm object behind a session handle, or a clear error once `free()` has run. */
function live(inner, what) {
  if (inner === undefined) throw new SessionError(`${what} has been freed`);
  return inner;
}

function concat(list) {
  const out = new Uint8Array(list.length * 32);
  list.forEach((k, i) => {
    if (!(k instanceof Uint8Array) || k.length !== 32) throw new TypeError('each previous key must be 32 bytes');
    out.set(k, i * 32);
  });
  return out;
}

/** 32 random bytes for a session MAC key or store pepper (keep them in your secret store). */
export function generateSessionSecret() {
  arity('generateSessionSecret', arguments, 0);
  return crypto.getRandomValues(new Uint8Array(32));
}

/** A new 256-bit session ID (43 base64url characters) from the platform CSPRNG. */
export function newSessionId() {
  arity('newSessionId', arguments, 0);
  return call(() => w.newSessionId());
}

/** The storage key (`s1:` + 64 hex) to store a session under, never the ID itself. */
export function storageKey(sessionId, opts) {
  arity('storageKey', arguments, 2, 'the pepper goes in the options: storageKey(id, { pepper })');
  isString(sessionId, 'storageKey: sessionId');
  const { pepper } = options('storageKey', opts, { pepper: isBytes });
  return call(() => w.storageKey(sessionId, pepper));
}

/**
 * The value of cookie `name` in a Cookie header; `undefined` when absent (also when there is no
 * header at all), an error when sent twice.
 */
export function findCookie(cookieHeader, name) {
  arity('findCookie', arguments, 2);
  isString(name, 'findCookie: name');
  if (cookieHeader === undefined || cookieHeader === null) return undefined;
  isString(cookieHeader, 'findCookie: cookieHeader');
  return call(() => w.findCookie(cookieHeader, name));
}

/** Session MAC keys: sign with `current`, verify with `current` and each of `previous`. */
export class SessionKeys {
  #inner;
  constructor(opts) {
    arity('new SessionKeys', arguments, 1);
    const o = options('new SessionKeys', opts, { current: isKey32, previous: isKeyList }, true);
    if (o.current === undefined) throw new TypeError('new SessionKeys: option "current" (a 32-byte Uint8Array) is required');
    this.#inner = call(() => new w.SessionKeys(o.current, concat(o.previous ?? [])));
  }
  /** The signed cookie value (`id.tag`) for cookie `name`. */
  signCookie(name, sessionId) {
    arity('signCookie', arguments, 2);
    isString(name, 'signCookie: name');
    isString(sessionId, 'signCookie: sessionId');
    return call(() => live(this.#inner, 'SessionKeys').signCookie(name, sessionId));
  }
  /** Verifies a signed value in constant time: `{ sessionId, reissue }` (reissue: a previous key matched). */
  verifyCookie(name, value) {
    arity('verifyCookie', arguments, 2);
    isString(name, 'verifyCookie: name');
    isString(value, 'verifyCookie: value');
    const r = call(() => live(this.#inner, 'SessionKeys').verifyCookie(name, value));
    return { sessionId: r.slice(1), reissue: r[0] === 'p' };
  }
  /** A fresh CSRF token (64 chars) bound to the session stored under `storageKey`; `nonce` (16 bytes) is for test vectors. */
  csrfToken(storageKey, opts) {
    arity('csrfToken', arguments, 2);
    const sk = storageKeyText(storageKey);
    const { nonce } = options('csrfToken', opts, { nonce: sizedBytes(16) });
    return call(() => live(this.#inner, 'SessionKeys').csrfIssue(sk, nonce));
  }
  /** Verifies a CSRF token (masked or plain) in constant time: `{ reissue }`; throws SessionError otherwise. */
  verifyCsrf(storageKey, token) {
    arity('verifyCsrf', arguments, 2);
    const sk = storageKeyText(storageKey);
    if (typeof token !== 'string') {
      throw new SessionError('the request carries no CSRF token', { jwtcoreCode: 'session_csrf_malformed' });
    }
    return { reissue: call(() => live(this.#inner, 'SessionKeys').csrfVerify(sk, token)) };
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
  [Symbol.dispose]() {
    this.free();
  }
}

const STORAGE_KEY = /^s1:[0-9a-f]{64}$/;

function storageKeyText(v) {
  if (typeof v !== 'string' || !STORAGE_KEY.test(v)) throw new TypeError('storageKey must be what storageKey() returned');
  return v;
}

const sizedBytes = (n) => (v, what) => {
  if (!(v instanceof Uint8Array) || v.length !== n) throw new TypeError(`${what} must be ${n} bytes (a Uint8Array)`);
  return v;
};

function tokenText(v) {
  if (typeof v !== 'string') throw new SessionError('a CSRF token must be a string', { jwtcoreCode: 'session_csrf_malformed' });
  return v;
}

/** The masked form (128 chars) of a CSRF token for one response: a different string every time (BREACH). */
export function maskCsrfToken(token, opts) {
  arity('maskCsrfToken', arguments, 2);
  const t = tokenText(token);
  const { pad } = options('maskCsrfToken', opts, { pad: sizedBytes(48) });
  return call(() => w.csrfMask(t, pad));
}

/** Whether two token strings (masked or plain) carry the same token, compared in constant time. */
export function sameCsrfToken(a, b) {
  arity('sameCsrfToken', arguments, 2);
  const x = tokenText(a);
  const y = tokenText(b);
  return call(() => w.csrfSame(x, y));
}

const isHeader = (v, what) => {
  if (v === null) return undefined;
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, null or undefined`);
  return v;
};
const isOrigins = (v, what) => {
  if (!Array.isArray(v) || !v.every((o) => typeof o === 'string')) throw new TypeError(`${what} must be an array of origin strings`);
  return [...v];
};

/**
 * Where state-changing requests may come from: Fetch Metadata first, then an exact Origin match,
 * then Referer's origin only when Origin is absent. Safe methods always pass.
 */
export class RequestPolicy {
  #inner;
  constructor(opts) {
    arity('new RequestPolicy', arguments, 1);
    const o = options(
      'new RequestPolicy',
      opts,
      { allowedOrigins: isOrigins, allowSameSite: isBool, allowMissingOrigin: isBool, allowNullOrigin: isBool },
      true,
    );
    if (o.allowedOrigins === undefined) throw new TypeError('new RequestPolicy: option "allowedOrigins" (an array of origin strings) is required');
    this.#inner = call(
      () => new w.OriginPolicy(o.allowedOrigins, o.allowSameSite ?? false, o.allowMissingOrigin ?? false, o.allowNullOrigin ?? false),
    );
  }
  /** `{ allowed, reason }` for a request's method and headers (`undefined`/`null` when absent). */
  check(request) {
    arity('check', arguments, 1);
    const r = options('check', request, { method: isString, secFetchSite: isHeader, origin: isHeader, referer: isHeader }, true);
    if (r.method === undefined) throw new TypeError('check: option "method" (the request method) is required');
    const v = live(this.#inner, 'RequestPolicy').check(r.method, r.secFetchSite, r.origin, r.referer);
    return { allowed: v[0] === '+', reason: v.slice(1) };
  }
  /** {@link RequestPolicy.check} for a Fetch API `Request` or a Node `IncomingMessage`. */
  checkRequest(request) {
    arity('checkRequest', arguments, 1);
    if (request === null || typeof request !== 'object' || request.headers === null || typeof request.headers !== 'object') {
      throw new TypeError('checkRequest: request must be a Fetch API Request or a Node IncomingMessage');
    }
    const h = request.headers;
    const get = typeof h.get === 'function' ? (n) => h.get(n) : (n) => h[n.toLowerCase()];
    // Node joins repeated headers except a few; an array here is a header sent twice: refuse it.
    const one = (n) => {
      const v = get(n);
      if (Array.isArray(v)) throw new TypeError(`checkRequest: header ${n} sent more than once`);
      return v ?? undefined;
    };
    return this.check({ method: request.method, secFetchSite: one('Sec-Fetch-Site'), origin: one('Origin'), referer: one('Referer') });
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}

/** A validated session cookie configuration; defaults `__Host-id; Path=/; Secure; HttpOnly; SameSite=Lax`. */
export class SessionCookie {
  #inner;
  constructor(opts) {
    arity('new SessionCookie', arguments, 1);
    const o = options('new SessionCookie', opts, {
      name: isString,
      path: isString,
      domain: isString,
      secure: isBool,
      httpOnly: isBool,
      sameSite: isString,
      maxAge: isNumber,
      partitioned: isBool,
    });
    const { name = '__Host-id', path = '/', domain, secure = true, httpOnly = true, sameSite = 'Lax', maxAge, partitioned = false } = o;
    this.#inner = call(() => new w.CookieOptions(name, path, domain, secure, httpOnly, sameSite, maxAge, partitioned));
  }
  /** The Set-Cookie header value that sends `value`. */
  serialize(value) {
    arity('serialize', arguments, 1);
    isString(value, 'serialize: value');
    return call(() => live(this.#inner, 'SessionCookie').setCookie(value));
  }
  /** The Set-Cookie header value that deletes the cookie. */
  clear() {
    arity('clear', arguments, 0);
    return call(() => live(this.#inner, 'SessionCookie').clearCookie());
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}

function outcome(o) {
  const r = { kind: o.kind, family: o.family };
  if (o.token !== undefined) r.token = o.token;
  if (o.record !== undefined) r.record = o.record;
  if (o.expectVersion !== undefined) r.expectVersion = o.expectVersion;
  if (o.reason !== undefined) r.reason = o.reason;
  o.free();
  return r;
}

const nowSeconds = (now) => (now === undefined ? Math.floor(Date.now() / 1000) : now);
const REVOKE_REASONS = ['logout', 'credential_change', 'admin'];
const isReason = (v, what) => {
  if (!REVOKE_REASONS.includes(v)) throw new TypeError(`${what} must be one of ${REVOKE_REASONS.map((r) => `'${r}'`).join(', ')}`);
  return v;
};

/**
 * Refresh-token families with rotation and reuse detection. The caller stores each family's
 * 160-byte record under `family` and persists `record` with compare-and-set on `expectVersion`.
 */
export class RefreshFamilies {
  #inner;
  constructor(opts) {
    arity('new RefreshFamilies', arguments, 1);
    const o = options(
      'new RefreshFamilies',
      opts,
      { current: isKey32, previous: isKeyList, pepper: isBytes, absolute: isSeconds, idle: isSeconds, grace: isSeconds },
      true,
    );
    if (o.current === undefined) throw new TypeError('new RefreshFamilies: option "current" (a 32-byte Uint8Array) is required');
    const d = sessionDefaults().refresh;
    const { absolute = d.absolute, idle = d.idle, grace = d.grace } = o;
    this.#inner = call(() => new w.RefreshFamilies(o.current, concat(o.previous ?? []), o.pepper, absolute, idle, grace));
  }
  /** At login: `{ kind: 'start', token, record, family }`; insert the record if absent. */
  start(opts) {
    arity('start', arguments, 1, 'pass { now, binding }');
    const { now, binding } = options('start', opts, { now: isSeconds, binding: isBytes });
    return outcome(call(() => live(this.#inner, 'RefreshFamilies').start(nowSeconds(now), binding)));
  }
  /** The family store key of an authentic token (to load its record). */
  familyOf(token) {
    arity('familyOf', arguments, 1);
    isString(token, 'familyOf: token');
    return call(() => live(this.#inner, 'RefreshFamilies').familyOf(token));
  }
  /** `{ kind: 'rotate' | 'grace_retry' | 'reuse_detected' | 'reject', token?, record?, expectVersion?, reason? }`. */
  decide(record, token, opts) {
    arity('decide', arguments, 3, 'pass { now, binding } as the third argument');
    isBytes(record, 'decide: record');
    isString(token, 'decide: token');
    const { now, binding } = options('decide', opts, { now: isSeconds, binding: isBytes });
    return outcome(call(() => live(this.#inner, 'RefreshFamilies').decide(record, token, binding, nowSeconds(now))));
  }
  /** The record revoked for `reason` (`logout`, `credential_change`, `admin`), to persist. */
  revoke(record, opts) {
    arity('revoke', arguments, 2, "pass revoke(record, { reason, now })");
    isBytes(record, 'revoke: record');
    const { reason, now } = options('revoke', opts, { reason: isReason, now: isSeconds }, true);
    if (reason === undefined) throw new TypeError("revoke: option \"reason\" ('logout', 'credential_change' or 'admin') is required");
    return call(() => live(this.#inner, 'RefreshFamilies').revoke(record, reason, nowSeconds(now)));
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}
