// Sessions and refresh-token families over a store (jwtcore/stores): the flows of the Python
// binding's jwtcore.stores (read, the core's verdict, persist, retry a lost compare-and-set),
// written once for any store whose methods return values or promises. Every verdict is the
// core's (session liveness, refresh decisions, record versions); this file orders the store calls.
// MemoryStore is the one-process store; jwtcore/redis holds the Redis one with the same keys.
import 'jwtcore'; // loads the WebAssembly module through the runtime's entry
import * as w from './jwtcore_wasm.js';
import { SessionError, fromWasm } from './errors.js';
import { SessionCookie, SessionKeys, RefreshFamilies, findCookie, newSessionId, storageKey } from './session.js';
import { sessionDefaults } from './util/session-defaults.js';

/** A store operation failed; nothing was decided (fail closed: treat as "not valid"). */
export class StoreError extends Error {
  name = 'StoreError';
}
/** The store could not be reached or answered with an error (Redis down, timeout). */
export class StoreUnavailableError extends StoreError {
  name = 'StoreUnavailableError';
}
/** A compare-and-set kept losing races (the retry budget ran out). */
export class StoreConflictError extends StoreError {
  name = 'StoreConflictError';
}
/** `rotate` found the session logged out, expired or renamed meanwhile: nothing was renamed. */
export class SessionGoneError extends StoreError {
  name = 'SessionGoneError';
}

function call(f) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e);
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A 128-bit hex digest of length-prefixed UTF-8 parts (the Python store's `_h`: key hygiene). */
async function digest(...parts) {
  const chunks = parts.map((p) => enc.encode(p));
  const buf = new Uint8Array(chunks.reduce((n, c) => n + 4 + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    new DataView(buf.buffer).setUint32(at, c.length);
    buf.set(c, at + 4);
    at += 4 + c.length;
  }
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return Array.from(h.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The denylist key of (`iss`, `jti`): `d1:` + 32 hex (raw jti values never reach the store). */
export async function denyKey(iss, jti) {
  return 'd1:' + (await digest(iss ?? '', String(jti)));
}

/** The per-user index key: `u1:` + 32 hex of the user ID (no PII in key names). */
export async function userKey(user) {
  return 'u1:' + (await digest(String(user)));
}

/** A refresh record's public fields (the core reads them): version, generation, times, revocation. */
export function recordInfo(record) {
  const [version, generation, createdAt, rotatedAt, lastUsedAt, revokedAt] = call(() => w.refreshRecordInfo(record));
  return { version, generation, createdAt, rotatedAt, lastUsedAt, revoked: revokedAt >= 0, revokedAt: revokedAt >= 0 ? revokedAt : undefined };
}

const ttl = (seconds) => Math.max(1, Math.floor(seconds));
const nowOf = (now) => (now === undefined ? Math.floor(Date.now() / 1000) : Math.floor(now));

/**
 * A store in this process's memory: sessions, families and the denylist with the Redis store's
 * semantics (create-if-absent, compare-and-set on the record version, rename with tombstone).
 * For tests and single-process services; every entry expires on read once its TTL has passed.
 */
export class MemoryStore {
  #m = new Map(); // key -> { v, exp } (exp in ms)
  #now;
  /** `clock` (ms, default `Date.now`) lets tests move time. */
  constructor({ clock } = {}) {
    this.#now = clock ?? Date.now;
  }
  #get(k) {
    const e = this.#m.get(k);
    if (e === undefined) return undefined;
    if (e.exp !== undefined && e.exp <= this.#now()) {
      this.#m.delete(k);
      return undefined;
    }
    return e.v;
  }
  #set(k, v, seconds) {
    this.#m.set(k, { v, exp: seconds === undefined ? undefined : this.#now() + seconds * 1000 });
  }
  #index(k, member) {
    let s = this.#get(k);
    if (s === undefined) this.#set(k, (s = new Set()));
    s.add(member);
  }
  createSession(key, data, seconds, user) {
    if (user !== undefined && user !== null) this.#index('us:' + user, key);
    if (this.#get('s:' + key) !== undefined) return false;
    this.#set('s:' + key, { live: true, data }, ttl(seconds));
    return true;
  }
  getSession(key) {
    const v = this.#get('s:' + key);
    return v?.live ? v.data : null;
  }
  touchSession(key, data, seconds, expect) {
    const v = this.#get('s:' + key);
    if (!v?.live || (expect !== undefined && expect !== null && !same(v.data, expect))) return false;
    this.#set('s:' + key, { live: true, data }, ttl(seconds));
    return true;
  }
  renameSession(oldKey, newKey, expect, data, seconds, user, renamedTtl) {
    if (user !== undefined && user !== null) this.#index('us:' + user, newKey);
    const v = this.#get('s:' + oldKey);
    if (v === undefined) return 'gone';
    if (!v.live) return this.getSession(v.to) !== null ? 'moved' : 'gone';
    if (!same(v.data, expect)) return 'changed';
    if (this.#get('s:' + newKey) !== undefined) return 'exists';
    this.#set('s:' + newKey, { live: true, data }, ttl(seconds));
    this.#set('s:' + oldKey, { live: false, to: newKey }, ttl(renamedTtl));
    this.#get('us:' + user)?.delete(oldKey);
    return 'renamed';
  }
  colocated() {
    return true;
  }
  deleteSession(key, user) {
    if (user !== undefined && user !== null) this.#get('us:' + user)?.delete(key);
    for (let k = key, i = 0; i < 64; i++) {
      const v = this.#get('s:' + k);
      if (v === undefined) return false;
      this.#m.delete('s:' + k);
      if (v.live) return true;
      k = v.to; // a tombstone: the renamed session dies too
    }
    throw new StoreError("a session's renames form a cycle");
  }
  deleteUserSessions(user) {
    const s = this.#get('us:' + user);
    if (s === undefined) return 0;
    let n = 0;
    for (const k of [...s]) n += this.deleteSession(k) ? 1 : 0;
    this.#m.delete('us:' + user);
    return n;
  }
  createFamily(family, record, seconds, user) {
    if (user !== undefined && user !== null) this.#index('uf:' + user, family);
    if (this.#get('f:' + family) !== undefined) return false;
    this.#set('f:' + family, { record: Uint8Array.from(record), user: user ?? undefined }, ttl(seconds));
    return true;
  }
  getFamily(family) {
    return this.#get('f:' + family)?.record ?? null;
  }
  replaceFamily(family, expectVersion, record, seconds) {
    const v = this.#get('f:' + family);
    if (v === undefined || recordInfo(v.record).version !== expectVersion) return false;
    this.#set('f:' + family, { record: Uint8Array.from(record), user: v.user }, ttl(seconds));
    return true;
  }
  familyUser(family) {
    return this.#get('f:' + family)?.user ?? null;
  }
  userFamilies(user) {
    return [...(this.#get('uf:' + user) ?? [])].sort();
  }
  async deny(iss, jti, expiresAt, family) {
    const left = expiresAt - this.#now() / 1000;
    if (left > 0) this.#set('d:' + (family ?? '') + ':' + (await denyKey(iss, jti)), true, left);
  }
  denyFamily(family, expiresAt) {
    const left = expiresAt - this.#now() / 1000;
    if (left > 0) this.#set('df:' + family, true, left);
  }
  async isDenied(iss, jti, family) {
    if (family && this.#get('df:' + family)) return true;
    return this.#get('d:' + (family ?? '') + ':' + (await denyKey(iss, jti))) !== undefined;
  }
  close() {}
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const COLOCATE_TRIES = 1 << 16;

/**
 * Cookie sessions over a store (MemoryStore or jwtcore/redis's RedisStore): the Python
 * `jwtcore.stores.Sessions` flows, byte for byte the same records (JSON `{u, d, t}` under the
 * ID's storage key), so Node and Python services share sessions.
 */
export class Sessions {
  constructor({ store, keys, cookie, timeouts = {}, pepper, renamedTtl = 60 }) {
    if (!(keys instanceof SessionKeys)) throw new TypeError('keys must be a SessionKeys');
    this.store = store;
    this.keys = keys;
    this.cookieName = cookie?.name ?? '__Host-id';
    this.cookie = new SessionCookie(cookie ?? {});
    const d = sessionDefaults().session; // the core's Timeouts::DEFAULT
    this.timeouts = { idle: d.idle, absolute: d.absolute, touchAfter: d.touch_after, renewAfter: d.renew_after ?? undefined, ...timeouts };
    this.pepper = pepper;
    this.renamedTtl = ttl(renamedTtl);
  }
  #encode(user, data, t) {
    return enc.encode(JSON.stringify({ u: user, d: data ?? {}, t: [t.createdAt, t.lastSeenAt, t.idIssuedAt] }));
  }
  #ttl(t, now) {
    return ttl(w.sessionExpiresAt(t.createdAt, t.lastSeenAt, this.timeouts.idle, this.timeouts.absolute) - now);
  }
  #check(t, now) {
    const o = this.timeouts;
    const [status, touch, renew] = w
      .sessionCheck(t.createdAt, t.lastSeenAt, t.idIssuedAt, o.idle, o.absolute, o.touchAfter, o.renewAfter ?? -1, now)
      .split(' ');
    return { status, touch: touch === '1', renewId: renew === '1' };
  }
  #setCookie(sid) {
    return this.cookie.serialize(this.keys.signCookie(this.cookieName, sid));
  }
  #sid(cookieHeader) {
    if (!cookieHeader) return undefined;
    const value = findCookie(cookieHeader, this.cookieName); // a duplicated name throws: refuse the request
    if (value === undefined) return undefined;
    try {
      return this.keys.verifyCookie(this.cookieName, value);
    } catch (e) {
      if (e instanceof SessionError) return undefined;
      throw e;
    }
  }
  /** At login: a fresh session for `user` (never an ID the client sent); `{ sessionId, setCookie }`. */
  async create(user, data = {}, { now } = {}) {
    const t0 = nowOf(now);
    const t = { createdAt: t0, lastSeenAt: t0, idIssuedAt: t0 };
    for (let i = 0; i < 4; i++) {
      const sid = newSessionId();
      const key = storageKey(sid, { pepper: this.pepper });
      if (await this.store.createSession(key, this.#encode(user, data, t), this.#ttl(t, t0), user)) {
        return { sessionId: sid, setCookie: this.#setCookie(sid) };
      }
    }
    throw new StoreConflictError('could not create a session under a fresh ID');
  }
  /**
   * The live session named by a `Cookie` header, or `null` (no cookie, bad signature, unknown,
   * expired or logged out). A renewal due by the core renames it (`session.setCookie` set).
   */
  async load(cookieHeader, { now } = {}) {
    const found = this.#sid(cookieHeader);
    if (found === undefined) return null;
    const key = storageKey(found.sessionId, { pepper: this.pepper });
    const tNow = nowOf(now);
    for (let i = 0; i < 8; i++) {
      const raw = await this.store.getSession(key);
      if (raw === null || raw === undefined) return null;
      const body = JSON.parse(dec.decode(raw));
      const times = { createdAt: body.t[0], lastSeenAt: body.t[1], idIssuedAt: body.t[2] };
      const v = this.#check(times, tNow);
      if (v.status !== 'active') {
        await this.store.deleteSession(key, body.u);
        return null;
      }
      const session = { id: found.sessionId, user: body.u, data: body.d, times, setCookie: undefined, key };
      if (v.renewId) {
        const outcome = await this.#rename(session, raw, tNow);
        if (outcome === 'changed') continue;
        if (outcome === 'gone') return null;
        if (outcome === 'moved') return session;
      } else if (v.touch) {
        session.times = { ...times, lastSeenAt: tNow };
        const next = this.#encode(session.user, session.data, session.times);
        if (!(await this.store.touchSession(key, next, this.#ttl(session.times, tNow), raw))) continue;
      }
      if (found.reissue && session.setCookie === undefined) session.setCookie = this.#setCookie(session.id);
      return session;
    }
    throw new StoreConflictError('the session kept changing while it was loaded');
  }
  #rotation(oldKey) {
    for (let i = 0; i < COLOCATE_TRIES; i++) {
      const id = newSessionId();
      const create = storageKey(id, { pepper: this.pepper });
      if (!this.store.colocated || this.store.colocated(oldKey, create)) return { id, create };
    }
    throw new StoreConflictError('no session ID colocated with the old one');
  }
  async #rename(session, raw, tNow) {
    const times = { createdAt: session.times.createdAt, lastSeenAt: tNow, idIssuedAt: tNow };
    const data = this.#encode(session.user, session.data, times);
    for (let i = 0; i < 4; i++) {
      const r = this.#rotation(session.key);
      const outcome = await this.store.renameSession(session.key, r.create, raw, data, this.#ttl(times, tNow), session.user, this.renamedTtl);
      if (outcome === 'exists') continue;
      if (outcome === 'renamed') {
        Object.assign(session, { id: r.id, key: r.create, times, setCookie: this.#setCookie(r.id) });
      }
      return outcome;
    }
    throw new StoreConflictError('could not rename the session under a fresh ID');
  }
  /** Writes `session.data` back (only while the session is still live under its key). */
  async save(session, { now } = {}) {
    const data = this.#encode(session.user, session.data, session.times);
    return !!(await this.store.touchSession(session.key, data, this.#ttl(session.times, nowOf(now)), null));
  }
  /** A new ID on privilege change (keeps the absolute deadline); returns the new Set-Cookie value. */
  async rotate(session, { now } = {}) {
    const tNow = nowOf(now);
    for (let i = 0; i < 8; i++) {
      const raw = await this.store.getSession(session.key);
      if (raw === null || raw === undefined) throw new SessionGoneError('the session is gone');
      const body = JSON.parse(dec.decode(raw));
      session.times = { createdAt: body.t[0], lastSeenAt: body.t[1], idIssuedAt: body.t[2] };
      const outcome = await this.#rename(session, raw, tNow);
      if (outcome === 'renamed') return session.setCookie;
      if (outcome !== 'changed') throw new SessionGoneError(`the session is gone (${outcome})`);
    }
    throw new StoreConflictError('the session kept changing while it was renamed');
  }
  /** Logout of a loaded session; returns the clearing Set-Cookie value. */
  async destroy(session) {
    await this.store.deleteSession(session.key, session.user);
    return this.cookie.clear();
  }
  /** Logout from the Cookie header alone (ends a session renamed by a racing request too). */
  async logout(cookieHeader) {
    const found = this.#sid(cookieHeader);
    if (found !== undefined) await this.store.deleteSession(storageKey(found.sessionId, { pepper: this.pepper }), null);
    return this.cookie.clear();
  }
  /** Log out everywhere: deletes every session of `user`; how many live ones were deleted. */
  async destroyAll(user) {
    return Number(await this.store.deleteUserSessions(user));
  }
  /** The CSRF token bound to a loaded session (see `SessionKeys.csrfToken`). */
  csrfToken(session) {
    return this.keys.csrfToken(session.key);
  }
}

/**
 * Refresh-token families over a store: `start` at login, `refresh` per presented token (read,
 * the core's decision, compare-and-set, retry on conflict), `revoke`. With `accessTtl`, a
 * revoked family is also denied for that long (its access tokens carry it as `sid`).
 */
export class RefreshService {
  constructor({ store, current, previous = [], pepper, absolute = sessionDefaults().refresh.absolute, idle = sessionDefaults().refresh.idle, grace = sessionDefaults().refresh.grace, retries = 16, accessTtl }) {
    this.store = store;
    this.families = new RefreshFamilies({ current, previous, pepper, absolute, idle, grace });
    this.absolute = absolute;
    this.retries = retries;
    this.accessTtl = accessTtl;
  }
  #ttl(record, now) {
    return ttl(recordInfo(record).createdAt + this.absolute - now);
  }
  /** A new family at login: `{ kind: 'start', token, family, record }`. */
  async start({ user, now, binding } = {}) {
    const t = nowOf(now);
    for (let i = 0; i < 4; i++) {
      const out = this.families.start({ now: t, binding });
      if (await this.store.createFamily(out.family, out.record, this.#ttl(out.record, t), user)) return out;
    }
    throw new StoreConflictError('could not create a refresh family');
  }
  /** The core's outcome for a presented token, persisted; send `token` only when it is set. */
  async refresh(token, { now, binding } = {}) {
    let family;
    try {
      family = this.families.familyOf(token);
    } catch (e) {
      if (e instanceof SessionError) return { kind: 'reject', family: '', reason: e.jwtcoreCode };
      throw e;
    }
    for (let i = 0; i < this.retries; i++) {
      const record = await this.store.getFamily(family);
      if (record === null || record === undefined) return { kind: 'reject', family, reason: 'refresh_unknown_family' };
      const t = nowOf(now);
      const out = this.families.decide(toBytes(record), token, { now: t, binding });
      if (out.record === undefined || out.expectVersion === undefined) return out;
      if (await this.store.replaceFamily(family, out.expectVersion, out.record, this.#ttl(out.record, t))) {
        if (out.kind === 'reuse_detected') await this.#deny(family, t);
        return out;
      }
    }
    throw new StoreConflictError(`refresh of ${family} kept losing the compare-and-set`);
  }
  async #deny(family, now) {
    if (this.accessTtl) await this.store.denyFamily(family, now + this.accessTtl);
  }
  /** Revokes a family (`logout`, `credential_change`, `admin`); false when the store has none. */
  async revoke(family, opts) {
    const { reason = 'logout', now } = revokeOptions('revoke', arguments, opts);
    for (let i = 0; i < this.retries; i++) {
      const record = await this.store.getFamily(family);
      if (record === null || record === undefined) return false;
      const info = recordInfo(toBytes(record));
      if (info.revoked) return true;
      const t = nowOf(now);
      const revoked = this.families.revoke(toBytes(record), { reason, now: t });
      if (await this.store.replaceFamily(family, info.version, revoked, this.#ttl(revoked, t))) {
        await this.#deny(family, t);
        return true;
      }
    }
    throw new StoreConflictError(`revocation of ${family} kept losing the compare-and-set`);
  }
  /** Revokes every family started for `user`; how many records were found. */
  async revokeUser(user, opts) {
    const { reason = 'logout', now } = revokeOptions('revokeUser', arguments, opts);
    let n = 0;
    for (const f of await this.store.userFamilies(user)) n += (await this.revoke(f, { reason, now })) ? 1 : 0;
    return n;
  }
}

/**
 * The `{ reason, now }` options of a revocation, in session.js's calling convention: one trailing
 * options object; an extra argument or an unknown option is refused, never ignored.
 */
function revokeOptions(where, args, opts) {
  if (args.length > 2) throw new TypeError(`${where} takes 2 arguments, got ${args.length}: pass ${where}(x, { reason, now })`);
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    throw new TypeError(`${where}: the options must be an object ({ reason, now })`);
  }
  for (const k of Object.keys(opts)) {
    if (k !== 'reason' && k !== 'now') throw new TypeError(`${where}: unknown option "${k}" (known: reason, now)`);
  }
  return opts;
}

function toBytes(v) {
  return v instanceof Uint8Array && v.constructor === Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}
