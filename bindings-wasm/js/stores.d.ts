// Types of `jwtcore/stores`: cookie sessions and refresh-token families over a store.
import type { session } from './index.js';

/** A store operation failed; nothing was decided (fail closed: treat as "not valid"). */
export declare class StoreError extends Error {}
/** The store could not be reached or answered with an error (Redis down, timeout). */
export declare class StoreUnavailableError extends StoreError {}
/** A compare-and-set kept losing races (the retry budget ran out). */
export declare class StoreConflictError extends StoreError {}
/** {@link Sessions.rotate} found the session logged out, expired or renamed meanwhile. */
export declare class SessionGoneError extends StoreError {}

type MaybePromise<T> = T | Promise<T>;

/**
 * What {@link Sessions} and {@link RefreshService} need from storage: the contract of the Python
 * binding's `jwtcore.stores.Store` (TTLs in whole seconds). Keys are the core's storage keys
 * (`s1:…`) and family keys (`r1:…`), never raw session IDs or tokens.
 */
export interface Store {
  /** Stores `data` under `key` only if absent (SET NX EX); indexes it under `user`. */
  createSession(key: string, data: Uint8Array, ttl: number, user?: string | null): MaybePromise<boolean>;
  /** The live session's data (`null` when absent, expired or renamed). */
  getSession(key: string): MaybePromise<Uint8Array | null>;
  /** Replaces data and TTL only while live, and (with `expect`) only if the data is still `expect`. */
  touchSession(key: string, data: Uint8Array, ttl: number, expect?: Uint8Array | null): MaybePromise<boolean>;
  /** Atomic rename leaving a tombstone under `oldKey` for `renamedTtl` seconds. */
  renameSession(oldKey: string, newKey: string, expect: Uint8Array, data: Uint8Array, ttl: number, user: string, renamedTtl: number): MaybePromise<'renamed' | 'gone' | 'moved' | 'exists' | 'changed'>;
  /** Whether `newKey` may be the target of a rename of `oldKey` (same Cluster slot). */
  colocated?(oldKey: string, newKey: string): boolean;
  /** Deletes the session, following a tombstone to the renamed session; true when a live one died. */
  deleteSession(key: string, user?: string | null): MaybePromise<boolean>;
  /** Deletes every session of `user`; how many live ones were deleted. */
  deleteUserSessions(user: string): MaybePromise<number>;
  /** Inserts a family record only if the family is new. */
  createFamily(family: string, record: Uint8Array, ttl: number, user?: string | null): MaybePromise<boolean>;
  getFamily(family: string): MaybePromise<Uint8Array | null>;
  /** Compare-and-set on the stored record's version. */
  replaceFamily(family: string, expectVersion: number, record: Uint8Array, ttl: number): MaybePromise<boolean>;
  familyUser(family: string): MaybePromise<string | null>;
  userFamilies(user: string): MaybePromise<string[]>;
  /** Revokes (`iss`, `jti`) until `expiresAt` (Unix seconds). */
  deny(iss: string | null | undefined, jti: string, expiresAt: number, family?: string | null): MaybePromise<void>;
  /** Revokes every access token carrying `family` until `expiresAt`. */
  denyFamily(family: string, expiresAt: number): MaybePromise<void>;
  /** Whether (`iss`, `jti`), or the whole `family`, is revoked. */
  isDenied(iss: string | null | undefined, jti: string, family?: string | null): MaybePromise<boolean>;
  close?(): MaybePromise<void>;
}

/**
 * A store in this process's memory, with the Redis store's semantics (tests, one-process services).
 *
 * @example
 * ```js
 * const store = new MemoryStore();
 * const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: session.generateSessionSecret() }) });
 * const { setCookie } = await sessions.create('alice');
 * ```
 */
export declare class MemoryStore implements Store {
  /** `clock`: milliseconds since the epoch (default `Date.now`), for tests that move time. */
  constructor(options?: { clock?: () => number });
  createSession(key: string, data: Uint8Array, ttl: number, user?: string | null): boolean;
  getSession(key: string): Uint8Array | null;
  touchSession(key: string, data: Uint8Array, ttl: number, expect?: Uint8Array | null): boolean;
  renameSession(oldKey: string, newKey: string, expect: Uint8Array, data: Uint8Array, ttl: number, user: string, renamedTtl: number): 'renamed' | 'gone' | 'moved' | 'exists' | 'changed';
  colocated(oldKey: string, newKey: string): boolean;
  deleteSession(key: string, user?: string | null): boolean;
  deleteUserSessions(user: string): number;
  createFamily(family: string, record: Uint8Array, ttl: number, user?: string | null): boolean;
  getFamily(family: string): Uint8Array | null;
  replaceFamily(family: string, expectVersion: number, record: Uint8Array, ttl: number): boolean;
  familyUser(family: string): string | null;
  userFamilies(user: string): string[];
  deny(iss: string | null | undefined, jti: string, expiresAt: number, family?: string | null): Promise<void>;
  denyFamily(family: string, expiresAt: number): void;
  isDenied(iss: string | null | undefined, jti: string, family?: string | null): Promise<boolean>;
  close(): void;
}

/** Session timeouts in seconds (defaults: idle 30 min, absolute 12 h, touch throttle 60 s, no renewal). */
export interface Timeouts {
  idle?: number;
  absolute?: number;
  touchAfter?: number;
  /** Renew the session ID once it is this old (seconds); never when absent. */
  renewAfter?: number;
}

/** Options of the session cookie: those of `session.SessionCookie`. */
export type CookieOptions = NonNullable<ConstructorParameters<typeof session.SessionCookie>[0]>;

/** A live session, as {@link Sessions.load} returns it. */
export interface Session {
  /** The session ID (send only in the signed cookie). */
  id: string;
  user: string;
  /** Application data (JSON); write it back with {@link Sessions.save}. */
  data: Record<string, unknown>;
  times: { createdAt: number; lastSeenAt: number; idIssuedAt: number };
  /** A Set-Cookie value to send with the response (renewed ID or re-signed cookie), if any. */
  setCookie?: string;
  /** The storage key (`s1:…`): what CSRF tokens are bound to. */
  key: string;
}

/**
 * Cookie sessions over a {@link Store}, the same records as the Python `jwtcore.stores.Sessions`.
 *
 * @example
 * ```js
 * const sessions = new Sessions({ store: new MemoryStore(), keys });
 * const { setCookie } = await sessions.create('alice', { role: 'admin' });
 * const s = await sessions.load(request.headers.get('cookie'));
 * ```
 */
export declare class Sessions {
  constructor(options: { store: Store; keys: session.SessionKeys; cookie?: CookieOptions; timeouts?: Timeouts; pepper?: Uint8Array; renamedTtl?: number });
  readonly store: Store;
  readonly keys: session.SessionKeys;
  readonly cookieName: string;
  readonly cookie: session.SessionCookie;
  /** At login: a fresh session (never an ID the client sent). */
  create(user: string, data?: Record<string, unknown>, options?: { now?: number }): Promise<{ sessionId: string; setCookie: string }>;
  /** The live session named by a Cookie header, or `null`; a duplicated cookie name throws `SessionError`. */
  load(cookieHeader: string | null | undefined, options?: { now?: number }): Promise<Session | null>;
  /** Writes `session.data` back while the session is live. */
  save(session: Session, options?: { now?: number }): Promise<boolean>;
  /** A new ID (privilege change); the new Set-Cookie value. */
  rotate(session: Session, options?: { now?: number }): Promise<string>;
  /** Logout of a loaded session; the clearing Set-Cookie value. */
  destroy(session: Session): Promise<string>;
  /** Logout from the Cookie header alone (also ends a session renamed by a racing request). */
  logout(cookieHeader: string | null | undefined): Promise<string>;
  /** Log out everywhere. */
  destroyAll(user: string): Promise<number>;
  /** A fresh CSRF token bound to the session. */
  csrfToken(session: Session): string;
}

/** What {@link RefreshService} decided, persisted. */
export type RefreshResult = session.RefreshOutcome;

/**
 * Refresh-token families over a {@link Store}: rotation, reuse detection (the family is revoked),
 * the Python `jwtcore.stores.RefreshService` flows.
 *
 * @example
 * ```js
 * const refresh = new RefreshService({ store, current: session.generateSessionSecret() });
 * const { token } = await refresh.start({ user: 'alice' });
 * const next = await refresh.refresh(token); // next.kind === 'rotate'
 * ```
 */
export declare class RefreshService {
  constructor(options: { store: Store; current: Uint8Array; previous?: Uint8Array[]; pepper?: Uint8Array; absolute?: number; idle?: number; grace?: number; retries?: number; accessTtl?: number });
  start(options?: { user?: string; now?: number; binding?: Uint8Array }): Promise<RefreshResult>;
  /** Send `token` only when it is set (`rotate`, `grace_retry`). */
  refresh(token: string, options?: { now?: number; binding?: Uint8Array }): Promise<RefreshResult>;
  revoke(family: string, options?: { reason?: 'logout' | 'credential_change' | 'admin'; now?: number }): Promise<boolean>;
  revokeUser(user: string, options?: { reason?: 'logout' | 'credential_change' | 'admin'; now?: number }): Promise<number>;
}

/** The denylist key of (`iss`, `jti`): `d1:` + 32 hex. */
export declare function denyKey(iss: string | null | undefined, jti: string): Promise<string>;
/** The per-user index key: `u1:` + 32 hex. */
export declare function userKey(user: string): Promise<string>;
/** A refresh record's public fields (read by the core). */
export declare function recordInfo(record: Uint8Array): { version: number; generation: number; createdAt: number; rotatedAt: number; lastUsedAt: number; revoked: boolean; revokedAt?: number };
