// jwtcore/redis: the Python binding's RedisStore (jwtcore.stores.redis) on the `redis` npm client:
// the same keys, values and Lua scripts, so a session or refresh family written by one language
// is read and rotated by the other. Works with a standalone client (createClient) and a cluster
// client (createCluster); every script touches one hash slot.
//
// Keys (prefix `jwtcore:`; braces are the Cluster hash tag):
//   s:{s1:ab}cdef…          a session: 'S' + data, or a tombstone 'M' + the new key after a rename
//   u:{u1:<hex>}:s / :f     a user's session keys / families (sets)
//   f:{r1:<hex>}            a family: hash v (version), r (160-byte record), u (user)
//   d:{r1:<hex>}            the whole family denied;  d:{r1:<hex>}:d1:<hex>  a jti of that family
//   d:{d1:<hex>}            a denied (iss, jti) without a family
//
// Commands go through `sendCommand` (node-redis) or `callBuffer` (ioredis) with binary replies
// (records are bytes). No automatic retry is added here: a compare-and-set whose reply was lost
// must not be re-sent (it would meet its own write and the core would call that reuse); configure
// the client accordingly (ioredis: `autoResendUnfulfilledCommands: false`).
import 'jwtcore';
import { createHash } from 'node:crypto';
import { StoreError, StoreUnavailableError, denyKey, recordInfo, userKey } from './stores.js';

export { Sessions, RefreshService, MemoryStore, StoreError, StoreUnavailableError, StoreConflictError, SessionGoneError } from './stores.js';

// The scripts, character for character those of jwtcore/stores/redis.py (one SHA, one cache).
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'r', ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'u', ARGV[4]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

const CAS = `
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'r', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

const TOUCH = `
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, 1) ~= 'S' then return 0 end
if ARGV[3] ~= '' and v ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`;

const RENAME = `
local v = redis.call('GET', KEYS[1])
if not v then return 'gone' end
if string.sub(v, 1, 1) == 'M' then return v end
if v ~= ARGV[1] then return 'changed' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'exists' end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('SET', KEYS[1], 'M' .. KEYS[2], 'EX', ARGV[4])
return 'renamed'
`;

const DELETE = `
local key = KEYS[1]
if #KEYS == 2 then
  if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
  key = KEYS[2]
end
local v = redis.call('GET', key)
if not v then return 0 end
if string.sub(v, 1, 1) == 'M' then return v end
redis.call('DEL', key)
return 1
`;

const script = (text) => ({ text, sha: createHash('sha1').update(text).digest('hex') });
const SCRIPTS = { create: script(CREATE), cas: script(CAS), touch: script(TOUCH), rename: script(RENAME), delete: script(DELETE) };

const LIVE = 0x53; // 'S'
const MOVED = 0x4d; // 'M'

// Binary replies on node-redis v4 (returnBuffers) and v5+ (a type mapping: blob and simple
// strings as Buffer; the numbers are RESP type bytes '$' and '+').
const BINARY = { returnBuffers: true, typeMapping: { 36: Buffer, 43: Buffer } };

const text = (v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));
const live = (data) => Buffer.concat([Buffer.from([LIVE]), Buffer.from(data)]);
const secs = (n) => String(Math.max(1, Math.floor(n)));

const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket|closed|CLUSTERDOWN|MASTERDOWN|TRYAGAIN|LOADING|timeout/i;

function storeError(e) {
  if (e instanceof StoreError) return e;
  const msg = `redis ${e?.name ?? 'error'}: ${e?.message ?? e}`;
  return UNAVAILABLE.test(`${e?.name} ${e?.code} ${e?.message}`) ? new StoreUnavailableError(msg, { cause: e }) : new StoreError(msg, { cause: e });
}

/**
 * Sessions, refresh families and the `jti` denylist in Redis, compatible with the Python
 * `jwtcore.stores.RedisStore` (same keys and values).
 */
export class RedisStore {
  #client;
  #cluster;
  #io;
  /**
   * @param {object} client a connected `redis` client from `createClient()` or `createCluster()`
   *   (node-redis 4 and later), or an ioredis `Redis` or `Cluster` (create it with
   *   `autoResendUnfulfilledCommands: false`: see the file header on retries)
   * @param {{ prefix?: string, cluster?: boolean }} [options] `prefix` before every key (default
   *   `jwtcore:`); `cluster` forces cluster routing (detected from the client otherwise)
   */
  constructor(client, { prefix = 'jwtcore:', cluster } = {}) {
    if (!client || (typeof client.sendCommand !== 'function' && typeof client.callBuffer !== 'function')) {
      throw new TypeError('client must be a redis client (createClient() or createCluster()) or an ioredis Redis or Cluster');
    }
    this.#client = client;
    // ioredis: callBuffer sends any command with binary replies (a Cluster routes it by key).
    this.#io = typeof client.callBuffer === 'function';
    // A node-redis cluster client routes by key: its sendCommand takes (firstKey, isReadonly, args, options).
    this.#cluster = cluster ?? (client.isCluster === true || typeof client.getSlotMaster === 'function' || 'masters' in client);
    this.prefix = prefix;
  }

  async #cmd(args, key, readonly = false) {
    try {
      if (this.#io) return await this.#client.callBuffer(args[0], ...args.slice(1));
      return this.#cluster
        ? await this.#client.sendCommand(key, readonly, args, BINARY)
        : await this.#client.sendCommand(args, BINARY);
    } catch (e) {
      throw storeError(e);
    }
  }

  async #script(name, keys, args) {
    const s = SCRIPTS[name];
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.#cmd(['EVALSHA', s.sha, ...tail], keys[0]);
    } catch (e) {
      if (!/NOSCRIPT/.test(e.message)) throw e;
      return this.#cmd(['EVAL', s.text, ...tail], keys[0]);
    }
  }

  // keys
  #s(key) {
    return `${this.prefix}s:{${key.slice(0, 5)}}${key.slice(5)}`;
  }
  async #u(user, kind) {
    return `${this.prefix}u:{${await userKey(user)}}:${kind}`;
  }
  #f(family) {
    return `${this.prefix}f:{${family}}`;
  }
  async #d(iss, jti, family) {
    const dk = await denyKey(iss, jti);
    return family ? `${this.prefix}d:{${family}}:${dk}` : `${this.prefix}d:{${dk}}`;
  }
  #df(family) {
    return `${this.prefix}d:{${family}}`;
  }

  /** Whether two storage keys share a hash tag (a rename is then one script on one slot). */
  colocated(oldKey, newKey) {
    return oldKey.slice(0, 5) === newKey.slice(0, 5);
  }

  /**
   * Sends commands in order. On one connection they go out in one write (the client pipelines
   * what is issued in the same tick) and are applied in order: one round trip, as the Python
   * store's pipelines. A cluster client spreads them over nodes, so there each waits for the last.
   */
  async #pipe(cmds) {
    if (!this.#cluster) return Promise.all(cmds.map(([args, key]) => this.#cmd(args, key)));
    const out = [];
    for (const [args, key] of cmds) out.push(await this.#cmd(args, key));
    return out;
  }

  async #indexCmds(user, kind, member, seconds) {
    const idx = await this.#u(user, kind);
    return [
      [['SADD', idx, member], idx],
      [['EXPIRE', idx, String(Math.max(Math.floor(seconds), 86400))], idx],
    ];
  }

  async createSession(key, data, seconds, user) {
    // Index first, so "log out everywhere" may meet a stale entry but never misses a session.
    const cmds = user !== undefined && user !== null ? await this.#indexCmds(user, 's', key, seconds) : [];
    const k = this.#s(key);
    cmds.push([['SET', k, live(data), 'NX', 'EX', secs(seconds)], k]);
    return (await this.#pipe(cmds)).at(-1) !== null;
  }

  async getSession(key) {
    const k = this.#s(key);
    const v = await this.#cmd(['GET', k], k, true);
    return v !== null && v[0] === LIVE ? new Uint8Array(v.subarray(1)) : null;
  }

  async touchSession(key, data, seconds, expect) {
    const want = expect === undefined || expect === null ? '' : live(expect);
    return Number(await this.#script('touch', [this.#s(key)], [live(data), secs(seconds), want])) === 1;
  }

  async renameSession(oldKey, newKey, expect, data, seconds, user, renamedTtl) {
    if (!this.colocated(oldKey, newKey)) throw new TypeError('renameSession: the new key must share the old key\'s hash tag (see colocated)');
    const idx = await this.#u(user, 's');
    // Index first: "log out everywhere" then finds the new key, or deletes the old one before the
    // rename (which then fails) or after it (following the tombstone).
    await this.#pipe(await this.#indexCmds(user, 's', newKey, seconds));
    const res = Buffer.from(await this.#script('rename', [this.#s(oldKey), this.#s(newKey)], [live(expect), live(data), secs(seconds), secs(renamedTtl)]));
    if (res[0] === MOVED) {
      // A concurrent rename won; it counts only if its session is still live.
      const target = text(res.subarray(1));
      const v = await this.#cmd(['GET', target], target, true);
      return v !== null && v[0] === LIVE ? 'moved' : 'gone';
    }
    const outcome = text(res);
    if (outcome === 'renamed') await this.#cmd(['SREM', idx, oldKey], idx);
    return outcome;
  }

  async #deleteKey(key) {
    let keys = [key];
    let args = [];
    for (let i = 0; i < 64; i++) {
      const res = await this.#script('delete', keys, args);
      if (typeof res !== 'number' && res[0] === MOVED) {
        keys = [keys[keys.length - 1], text(res.subarray(1))];
        args = [Buffer.from(res)];
        continue;
      }
      return Number(res) === 1;
    }
    throw new StoreError("a session's renames form a cycle");
  }

  async deleteSession(key, user) {
    if (user !== undefined && user !== null) {
      const idx = await this.#u(user, 's');
      await this.#cmd(['SREM', idx, key], idx);
    }
    return this.#deleteKey(this.#s(key));
  }

  async deleteUserSessions(user) {
    const idx = await this.#u(user, 's');
    const members = (await this.#cmd(['SMEMBERS', idx], idx, true)).map(text);
    let n = 0;
    for (const m of members) n += (await this.#deleteKey(this.#s(m))) ? 1 : 0;
    if (members.length) await this.#cmd(['SREM', idx, ...members], idx);
    return n;
  }

  async createFamily(family, record, seconds, user) {
    const { version } = recordInfo(record);
    const cmds = user !== undefined && user !== null ? await this.#indexCmds(user, 'f', family, seconds) : [];
    const create = () => this.#script('create', [this.#f(family)], [String(version), Buffer.from(record), secs(seconds), user ?? '']);
    if (this.#cluster) {
      await this.#pipe(cmds); // index first, as on a standalone server
      return Number(await create()) === 1;
    }
    // Issued in the same tick as the index commands: one round trip, applied in order.
    const [, res] = await Promise.all([this.#pipe(cmds), create()]);
    return Number(res) === 1;
  }

  async getFamily(family) {
    const k = this.#f(family);
    const v = await this.#cmd(['HGET', k, 'r'], k, true);
    return v === null ? null : new Uint8Array(v);
  }

  async replaceFamily(family, expectVersion, record, seconds) {
    const { version } = recordInfo(record);
    const res = await this.#script('cas', [this.#f(family)], [String(expectVersion), String(version), Buffer.from(record), secs(seconds)]);
    return Number(res) === 1;
  }

  async familyUser(family) {
    const k = this.#f(family);
    const v = await this.#cmd(['HGET', k, 'u'], k, true);
    return v === null ? null : text(v);
  }

  async userFamilies(user) {
    const idx = await this.#u(user, 'f');
    return (await this.#cmd(['SMEMBERS', idx], idx, true)).map(text).sort();
  }

  async deny(iss, jti, expiresAt, family) {
    if (expiresAt > Date.now() / 1000) {
      const k = await this.#d(iss, jti, family);
      await this.#cmd(['SET', k, '1', 'EXAT', String(Math.floor(expiresAt))], k);
    }
  }

  async denyFamily(family, expiresAt) {
    if (expiresAt > Date.now() / 1000) {
      const k = this.#df(family);
      await this.#cmd(['SET', k, '1', 'EXAT', String(Math.floor(expiresAt))], k);
    }
  }

  async isDenied(iss, jti, family) {
    const k = await this.#d(iss, jti, family);
    const keys = family ? [k, this.#df(family)] : [k];
    return Number(await this.#cmd(['EXISTS', ...keys], k, true)) > 0;
  }

  /** Closes the client (`close()` on node-redis 5+, `quit()` on node-redis 4 and ioredis). */
  async close() {
    await (this.#io ? this.#client.quit : (this.#client.close ?? this.#client.quit)).call(this.#client);
  }
}
