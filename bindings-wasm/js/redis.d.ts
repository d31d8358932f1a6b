// Types of `jwtcore/redis`: the Python binding's RedisStore on the `redis` npm client.
import type { Store } from './stores.js';
export { Sessions, RefreshService, MemoryStore, StoreError, StoreUnavailableError, StoreConflictError, SessionGoneError, type Store, type Session } from './stores.js';

/**
 * The part of a client the store uses: a `redis` client (`createClient()` or `createCluster()`,
 * node-redis 4 and later: `sendCommand`) or an ioredis `Redis` / `Cluster` (`callBuffer`).
 */
export type RedisClientLike = { sendCommand(...args: any[]): Promise<unknown> } | { callBuffer(...args: any[]): Promise<unknown> };

/**
 * Sessions, refresh families and the `jti` denylist in Redis with the Python
 * `jwtcore.stores.RedisStore`'s keys, values and Lua scripts: what one language writes the other
 * reads. Works on a standalone server and on Redis Cluster (hash tags keep each operation in one slot).
 *
 * Configure the client without automatic command retries (ioredis: `autoResendUnfulfilledCommands:
 * false`): a compare-and-set whose reply was lost must not be re-sent (the core would see its own
 * write as token reuse).
 *
 * @example
 * ```js
 * import { createClient } from 'redis';
 * import { RedisStore, Sessions } from 'jwtcore/redis';
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * const sessions = new Sessions({ store: new RedisStore(client), keys });
 * ```
 */
export declare class RedisStore implements Store {
  /** `prefix`: before every key (default `jwtcore:`, the Python store's). `cluster`: force cluster routing (detected otherwise). */
  constructor(client: RedisClientLike, options?: { prefix?: string; cluster?: boolean });
  readonly prefix: string;
  createSession(key: string, data: Uint8Array, ttl: number, user?: string | null): Promise<boolean>;
  getSession(key: string): Promise<Uint8Array | null>;
  touchSession(key: string, data: Uint8Array, ttl: number, expect?: Uint8Array | null): Promise<boolean>;
  renameSession(oldKey: string, newKey: string, expect: Uint8Array, data: Uint8Array, ttl: number, user: string, renamedTtl: number): Promise<'renamed' | 'gone' | 'moved' | 'exists' | 'changed'>;
  colocated(oldKey: string, newKey: string): boolean;
  deleteSession(key: string, user?: string | null): Promise<boolean>;
  deleteUserSessions(user: string): Promise<number>;
  createFamily(family: string, record: Uint8Array, ttl: number, user?: string | null): Promise<boolean>;
  getFamily(family: string): Promise<Uint8Array | null>;
  replaceFamily(family: string, expectVersion: number, record: Uint8Array, ttl: number): Promise<boolean>;
  familyUser(family: string): Promise<string | null>;
  userFamilies(user: string): Promise<string[]>;
  deny(iss: string | null | undefined, jti: string, expiresAt: number, family?: string | null): Promise<void>;
  denyFamily(family: string, expiresAt: number): Promise<void>;
  isDenied(iss: string | null | undefined, jti: string, family?: string | null): Promise<boolean>;
  /** Closes the client. */
  close(): Promise<void>;
}
