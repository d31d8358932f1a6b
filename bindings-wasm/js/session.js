// Server-side sessions: IDs, signed cookies, storage keys, cookie headers, refresh-token
// families and CSRF protection (session-bound tokens and the Fetch Metadata / Origin check). The same bytes and verdicts as the Rust core and the Python binding; this file only
// converts arguments and maps errors to SessionError (whose `jwtcoreCode` says which check).
import * as w from './jwtcore_wasm.js';
import { SessionError, fromWasm } from './errors.js';

function call(f) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e);
  }
}

/** The wasm object behind a session handle, or a clear error once `free()` has run. */
function live(inner, what) {
  if (inner === undefined) throw new SessionError(`${what} has been freed`);
  return inner;
}

const bytes = (v, name) => {
  if (v instanceof Uint8Array) return v;
  throw new TypeError(`${name} must be a Uint8Array`);
};

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
  return crypto.getRandomValues(new Uint8Array(32));
}

/** A new 256-bit session ID (43 base64url characters) from the platform CSPRNG. */
export function newSessionId() {
  return call(() => w.newSessionId());
}

/** The storage key (`s1:` + 64 hex) to store a session under, never the ID itself. */
export function storageKey(sessionId, pepper) {
  return call(() => w.storageKey(sessionId, pepper === undefined ? undefined : bytes(pepper, 'pepper')));
}

/** The value of cookie `name` in a Cookie header; `undefined` when absent, an error when sent twice. */
export function findCookie(cookieHeader, name) {
  return call(() => w.findCookie(cookieHeader, name));
}

/** Session MAC keys: sign with `current`, verify with `current` and each of `previous`. */
export class SessionKeys {
  #inner;
  constructor({ current, previous = [] }) {
    if (!(current instanceof Uint8Array) || current.length !== 32) throw new TypeError('current must be 32 bytes');
    this.#inner = call(() => new w.SessionKeys(current, concat(previous)));
  }
  /** The signed cookie value (`id.tag`) for cookie `name`. */
  signCookie(name, sessionId) {
    return call(() => live(this.#inner, 'SessionKeys').signCookie(name, sessionId));
  }
  /** Verifies a signed value in constant time: `{ sessionId, reissue }` (reissue: a previous key matched). */
  verifyCookie(name, value) {
    const r = call(() => live(this.#inner, 'SessionKeys').verifyCookie(name, value));
    return { sessionId: r.slice(1), reissue: r[0] === 'p' };
  }
  /** A fresh CSRF token (64 chars) bound to the session stored under `storageKey`; `nonce` (16 bytes) is for test vectors. */
  csrfToken(storageKey, { nonce } = {}) {
    const sk = storageKeyText(storageKey);
    const n = nonce === undefined ? undefined : sized(nonce, 16, 'nonce');
    return call(() => live(this.#inner, 'SessionKeys').csrfIssue(sk, n));
  }
  /** Verifies a CSRF token (masked or plain) in constant time: `{ reissue }`; throws SessionError otherwise. */
  verifyCsrf(storageKey, token) {
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

function sized(v, n, name) {
  if (!(v instanceof Uint8Array) || v.length !== n) throw new TypeError(`${name} must be ${n} bytes`);
  return v;
}

function tokenText(v) {
  if (typeof v !== 'string') throw new SessionError('a CSRF token must be a string', { jwtcoreCode: 'session_csrf_malformed' });
  return v;
}

/** The masked form (128 chars) of a CSRF token for one response: a different string every time (BREACH). */
export function maskCsrfToken(token, { pad } = {}) {
  const t = tokenText(token);
  const p = pad === undefined ? undefined : sized(pad, 48, 'pad');
  return call(() => w.csrfMask(t, p));
}

/** Whether two token strings (masked or plain) carry the same token, compared in constant time. */
export function sameCsrfToken(a, b) {
  const x = tokenText(a);
  const y = tokenText(b);
  return call(() => w.csrfSame(x, y));
}

const header = (v) => (v === undefined || v === null ? undefined : String(v));

/**
 * Where state-changing requests may come from: Fetch Metadata first, then an exact Origin match,
 * then Referer's origin only when Origin is absent. Safe methods always pass.
 */
export class RequestPolicy {
  #inner;
  constructor({ allowedOrigins, allowSameSite = false, allowMissingOrigin = false, allowNullOrigin = false }) {
    if (!Array.isArray(allowedOrigins) || !allowedOrigins.every((o) => typeof o === 'string')) {
      throw new TypeError('allowedOrigins must be an array of origin strings');
    }
    this.#inner = call(() => new w.OriginPolicy([...allowedOrigins], !!allowSameSite, !!allowMissingOrigin, !!allowNullOrigin));
  }
  /** `{ allowed, reason }` for a request's method and headers (`undefined`/`null` when absent). */
  check({ method, secFetchSite, origin, referer }) {
    const r = live(this.#inner, 'RequestPolicy').check(String(method), header(secFetchSite), header(origin), header(referer));
    return { allowed: r[0] === '+', reason: r.slice(1) };
  }
  /** {@link RequestPolicy.check} for a Fetch API `Request` or a Node `IncomingMessage`. */
  checkRequest(request) {
    const h = request.headers;
    const get = typeof h.get === 'function' ? (n) => h.get(n) : (n) => h[n.toLowerCase()];
    return this.check({ method: request.method, secFetchSite: get('Sec-Fetch-Site'), origin: get('Origin'), referer: get('Referer') });
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}

/** A validated session cookie configuration; defaults `__Host-id; Path=/; Secure; HttpOnly; SameSite=Lax`. */
export class SessionCookie {
  #inner;
  constructor({ name = '__Host-id', path = '/', domain, secure = true, httpOnly = true, sameSite = 'Lax', maxAge, partitioned = false } = {}) {
    this.#inner = call(() => new w.CookieOptions(name, path, domain, secure, httpOnly, String(sameSite), maxAge, partitioned));
  }
  /** The Set-Cookie header value that sends `value`. */
  serialize(value) {
    return call(() => live(this.#inner, 'SessionCookie').setCookie(value));
  }
  /** The Set-Cookie header value that deletes the cookie. */
  clear() {
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

/**
 * Refresh-token families with rotation and reuse detection. The caller stores each family's
 * 160-byte record under `family` and persists `record` with compare-and-set on `expectVersion`.
 */
export class RefreshFamilies {
  #inner;
  constructor({ current, previous = [], pepper, absolute = 30 * 86400, idle = 7 * 86400, grace = 0 }) {
    if (!(current instanceof Uint8Array) || current.length !== 32) throw new TypeError('current must be 32 bytes');
    this.#inner = call(() => new w.RefreshFamilies(current, concat(previous), pepper, absolute, idle, grace));
  }
  /** At login: `{ kind: 'start', token, record, family }`; insert the record if absent. */
  start({ now, binding } = {}) {
    return outcome(call(() => live(this.#inner, 'RefreshFamilies').start(nowSeconds(now), binding)));
  }
  /** The family store key of an authentic token (to load its record). */
  familyOf(token) {
    return call(() => live(this.#inner, 'RefreshFamilies').familyOf(token));
  }
  /** `{ kind: 'rotate' | 'grace_retry' | 'reuse_detected' | 'reject', token?, record?, expectVersion?, reason? }`. */
  decide(record, token, { now, binding } = {}) {
    return outcome(call(() => live(this.#inner, 'RefreshFamilies').decide(bytes(record, 'record'), token, binding, nowSeconds(now))));
  }
  /** The record revoked for `reason` (`logout`, `credential_change`, `admin`), to persist. */
  revoke(record, reason, now) {
    return call(() => live(this.#inner, 'RefreshFamilies').revoke(bytes(record, 'record'), reason, nowSeconds(now)));
  }
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}
