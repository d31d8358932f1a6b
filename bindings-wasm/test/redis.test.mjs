// jwtcore/redis against real redis-servers on 127.0.0.1 (started and stopped here by PID): the
// store contract through Sessions and RefreshService, TTLs, one winner among concurrent refreshes
// of one token, a logout racing a renewal, the denylist, and the same flows on a 3-master Cluster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, createCluster } from 'redis';
import { session } from 'jwtcore';
import { RedisStore, Sessions, RefreshService, MemoryStore, SessionGoneError } from 'jwtcore/redis';
import { startRedis, startCluster, LOOPBACK } from './redis-server.mjs';

const secret = (b) => new Uint8Array(32).fill(b);
const cookieOf = (setCookie) => setCookie.split(';')[0];

let server;
let client;
before(async () => {
  server = await startRedis();
  client = await createClient({ url: server.url, disableOfflineQueue: true }).connect();
});
after(async () => {
  await client?.close?.();
  await server?.stop();
});

function stores() {
  return [
    ['redis', () => new RedisStore(client, { prefix: `t${Math.random().toString(36).slice(2)}:` })],
    ['memory', () => new MemoryStore()],
  ];
}

for (const [name, make] of stores()) {
  test(`${name}: session create, load, save, logout`, async () => {
    const store = make();
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(1) }) });
    const { sessionId, setCookie } = await sessions.create('alice', { role: 'admin' });
    assert.match(setCookie, /^__Host-id=/);
    const s = await sessions.load(cookieOf(setCookie));
    assert.equal(s.id, sessionId);
    assert.equal(s.user, 'alice');
    assert.deepEqual(s.data, { role: 'admin' });
    s.data.cart = 3;
    assert.equal(await sessions.save(s), true);
    assert.deepEqual((await sessions.load(cookieOf(setCookie))).data, { role: 'admin', cart: 3 });
    // A cookie signed with another key is no session.
    const other = new Sessions({ store, keys: new session.SessionKeys({ current: secret(2) }) });
    assert.equal(await other.load(cookieOf(setCookie)), null);
    const cleared = await sessions.logout(cookieOf(setCookie));
    assert.match(cleared, /Max-Age=0/);
    assert.equal(await sessions.load(cookieOf(setCookie)), null);
  });

  test(`${name}: idle timeout, renewal and rotation`, async () => {
    const store = make();
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(1) }), timeouts: { idle: 600, renewAfter: 100 } });
    const t0 = Math.floor(Date.now() / 1000);
    const { setCookie } = await sessions.create('bob', {}, { now: t0 });
    // Past renewAfter: renamed under a fresh ID; the old cookie now finds nothing.
    const s = await sessions.load(cookieOf(setCookie), { now: t0 + 150 });
    assert.ok(s.setCookie);
    assert.notEqual(cookieOf(s.setCookie), cookieOf(setCookie));
    assert.equal(await sessions.load(cookieOf(setCookie), { now: t0 + 151 }), null);
    assert.equal((await sessions.load(cookieOf(s.setCookie), { now: t0 + 151 })).user, 'bob');
    // Idle past 600 s: the core says expired, the record is deleted.
    assert.equal(await sessions.load(cookieOf(s.setCookie), { now: t0 + 150 + 601 }), null);
    assert.equal(await store.getSession(s.key), null);
    // rotate on a gone session
    await assert.rejects(sessions.rotate(s), SessionGoneError);
  });

  test(`${name}: concurrent refreshes of one token have one winner`, async () => {
    const store = make();
    const service = new RefreshService({ store, current: secret(3), accessTtl: 900 });
    const { token, family } = await service.start({ user: 'carol' });
    const outs = await Promise.all(Array.from({ length: 12 }, () => service.refresh(token)));
    assert.equal(outs.filter((o) => o.kind === 'rotate').length, 1, outs.map((o) => o.kind).join(','));
    assert.equal(outs.filter((o) => o.token !== undefined).length, 1);
    // The losers presented a rotated-away token: reuse, the family is revoked and denied.
    assert.ok(outs.some((o) => o.kind === 'reuse_detected'));
    const winner = outs.find((o) => o.kind === 'rotate');
    assert.equal((await service.refresh(winner.token)).kind, 'reject');
    assert.equal(await store.isDenied(undefined, 'any', family), true);
    assert.deepEqual(await store.userFamilies('carol'), [family]);
  });

  test(`${name}: rotation, replay and revoke`, async () => {
    const store = make();
    const service = new RefreshService({ store, current: secret(4) });
    const first = await service.start({ user: 'dan' });
    const second = await service.refresh(first.token);
    assert.equal(second.kind, 'rotate');
    const third = await service.refresh(second.token);
    assert.equal(third.kind, 'rotate');
    const replay = await service.refresh(first.token);
    assert.equal(replay.kind, 'reuse_detected');
    assert.equal((await service.refresh(third.token)).reason, 'refresh_revoked');
    assert.equal((await service.refresh('garbage')).kind, 'reject');
    const other = await service.start({ user: 'dan' });
    assert.equal(await service.revokeUser('dan'), 2);
    assert.equal((await service.refresh(other.token)).kind, 'reject');
  });

  test(`${name}: the denylist`, async () => {
    const store = make();
    const exp = Math.floor(Date.now() / 1000) + 60;
    assert.equal(await store.isDenied('https://iss', 'j1'), false);
    await store.deny('https://iss', 'j1', exp);
    assert.equal(await store.isDenied('https://iss', 'j1'), true);
    assert.equal(await store.isDenied('https://other', 'j1'), false);
    await store.deny(undefined, 'j2', exp - 120); // already expired: not stored
    assert.equal(await store.isDenied(undefined, 'j2'), false);
  });
}

test('redis: keys, TTLs and values are the Python store\'s', async () => {
  const store = new RedisStore(client);
  const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(5) }), timeouts: { idle: 1800, absolute: 3600 } });
  const { sessionId } = await sessions.create('erin', { a: 1 });
  const key = session.storageKey(sessionId);
  const redisKey = `jwtcore:s:{${key.slice(0, 5)}}${key.slice(5)}`;
  const raw = await client.get(redisKey);
  assert.equal(raw, 'S{"u":"erin","d":{"a":1},"t":[' + JSON.parse(raw.slice(1)).t.join(',') + ']}');
  const ttl = await client.ttl(redisKey);
  assert.ok(ttl > 1790 && ttl <= 1800, String(ttl));
  const service = new RefreshService({ store, current: secret(6), absolute: 86400 });
  const { family } = await service.start({ user: 'erin' });
  assert.match(family, /^r1:[0-9a-f]{32}$/);
  const fttl = await client.ttl(`jwtcore:f:{${family}}`);
  assert.ok(fttl > 86390 && fttl <= 86400, String(fttl));
  assert.equal(await client.hGet(`jwtcore:f:{${family}}`, 'u'), 'erin');
  assert.equal(await store.familyUser(family), 'erin');
});

test('redis: a logout racing a renewal is never undone', async () => {
  const store = new RedisStore(client, { prefix: 'race:' });
  const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(7) }), timeouts: { renewAfter: 10 } });
  for (let i = 0; i < 20; i++) {
    const t0 = Math.floor(Date.now() / 1000);
    const { setCookie } = await sessions.create('frank', {}, { now: t0 });
    const old = cookieOf(setCookie);
    const [renewed] = await Promise.all([sessions.load(old, { now: t0 + 20 }), sessions.logout(old)]);
    // Whatever the order, neither the old cookie nor a renewed one names a live session.
    assert.equal(await sessions.load(old, { now: t0 + 21 }), null);
    if (renewed?.setCookie) assert.equal(await sessions.load(cookieOf(renewed.setCookie), { now: t0 + 21 }), null);
  }
  assert.equal(await sessions.destroyAll('frank'), 0);
});

test('redis: log out everywhere follows renamed sessions', async () => {
  const store = new RedisStore(client, { prefix: 'all:' });
  const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(8) }), timeouts: { renewAfter: 10 } });
  const t0 = Math.floor(Date.now() / 1000);
  const a = await sessions.create('gina', {}, { now: t0 });
  const b = await sessions.create('gina', {}, { now: t0 });
  const renamed = await sessions.load(cookieOf(a.setCookie), { now: t0 + 20 });
  assert.ok(renamed.setCookie);
  assert.equal(await sessions.destroyAll('gina'), 2);
  assert.equal(await sessions.load(cookieOf(renamed.setCookie), { now: t0 + 21 }), null);
  assert.equal(await sessions.load(cookieOf(b.setCookie), { now: t0 + 21 }), null);
});

test('redis: an unreachable server is StoreUnavailableError, nothing decided', async () => {
  const { StoreUnavailableError } = await import('jwtcore/redis');
  const dead = await startRedis();
  const c = await createClient({ url: dead.url, disableOfflineQueue: true, socket: { reconnectStrategy: false } }).connect();
  c.on('error', () => {});
  await dead.stop();
  const store = new RedisStore(c);
  await assert.rejects(store.getSession('s1:' + '0'.repeat(64)), StoreUnavailableError);
});

test('redis cluster: sessions, renames, families and the denylist on 3 masters', async () => {
  const cluster = await startCluster(3);
  const cc = createCluster({ rootNodes: [{ url: `redis://${LOOPBACK}:${cluster.ports[0]}` }] });
  cc.on('error', () => {});
  await cc.connect();
  try {
    const store = new RedisStore(cc);
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(9) }), timeouts: { renewAfter: 10 } });
    const t0 = Math.floor(Date.now() / 1000);
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await sessions.create('hank', { i }, { now: t0 }));
    const renamed = await sessions.load(cookieOf(made[0].setCookie), { now: t0 + 20 });
    assert.ok(renamed.setCookie);
    assert.equal(renamed.key.slice(0, 5), session.storageKey(made[0].sessionId).slice(0, 5));
    const service = new RefreshService({ store, current: secret(10), accessTtl: 60 });
    const { token, family } = await service.start({ user: 'hank' });
    const outs = await Promise.all(Array.from({ length: 8 }, () => service.refresh(token)));
    assert.equal(outs.filter((o) => o.kind === 'rotate').length, 1);
    assert.equal(await store.isDenied('x', 'y', family), true);
    assert.equal(await sessions.destroyAll('hank'), 6);
  } finally {
    await cc.close();
    await cluster.stop();
  }
});

test('redis: node-redis v4 (returnBuffers) gives the same answers', async () => {
  const { createClient: createClientV4 } = await import('redis-v4');
  const c4 = createClientV4({ url: server.url, disableOfflineQueue: true });
  await c4.connect();
  try {
    const store = new RedisStore(c4, { prefix: 'v4:' });
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(11) }), timeouts: { renewAfter: 10 } });
    const t0 = Math.floor(Date.now() / 1000);
    const { setCookie } = await sessions.create('ivy', { a: 1 }, { now: t0 });
    assert.deepEqual((await sessions.load(cookieOf(setCookie), { now: t0 })).data, { a: 1 });
    // Written by v4, read by the v6 client's store: the same bytes.
    assert.equal((await new Sessions({ store: new RedisStore(client, { prefix: 'v4:' }), keys: sessions.keys }).load(cookieOf(setCookie), { now: t0 })).user, 'ivy');
    assert.ok((await sessions.load(cookieOf(setCookie), { now: t0 + 20 })).setCookie);
    const service = new RefreshService({ store, current: secret(12) });
    const { token } = await service.start({ user: 'ivy' });
    const outs = await Promise.all(Array.from({ length: 6 }, () => service.refresh(token)));
    assert.equal(outs.filter((o) => o.kind === 'rotate').length, 1);
  } finally {
    await c4.quit();
  }
});

test('redis: ioredis (callBuffer), standalone and Cluster, the same keys and answers', async () => {
  const { default: IORedis, Cluster } = await import('ioredis');
  const io = new IORedis(server.url, { autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 });
  try {
    const store = new RedisStore(io, { prefix: 'io:' });
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(13) }), timeouts: { renewAfter: 10 } });
    const t0 = Math.floor(Date.now() / 1000);
    const { setCookie } = await sessions.create('jo', { b: 2 }, { now: t0 });
    // Written through ioredis, read through node-redis: the same bytes under the same key.
    assert.deepEqual((await new Sessions({ store: new RedisStore(client, { prefix: 'io:' }), keys: sessions.keys }).load(cookieOf(setCookie), { now: t0 })).data, { b: 2 });
    const renewed = await sessions.load(cookieOf(setCookie), { now: t0 + 20 });
    assert.ok(renewed.setCookie);
    assert.equal(await sessions.destroyAll('jo'), 1);
    const service = new RefreshService({ store, current: secret(14), accessTtl: 60 });
    const { token, family } = await service.start({ user: 'jo' });
    const outs = await Promise.all(Array.from({ length: 6 }, () => service.refresh(token)));
    assert.equal(outs.filter((o) => o.kind === 'rotate').length, 1);
    assert.equal(await store.isDenied(null, 'z', family), true);
  } finally {
    await io.quit();
  }
  const cluster = await startCluster(3);
  const cio = new Cluster([{ host: LOOPBACK, port: cluster.ports[0] }], { redisOptions: { autoResendUnfulfilledCommands: false } });
  try {
    const store = new RedisStore(cio);
    const sessions = new Sessions({ store, keys: new session.SessionKeys({ current: secret(15) }), timeouts: { renewAfter: 10 } });
    const t0 = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 4; i++) await sessions.create('kim', {}, { now: t0 });
    const { setCookie } = await sessions.create('kim', {}, { now: t0 });
    assert.ok((await sessions.load(cookieOf(setCookie), { now: t0 + 20 })).setCookie);
    const service = new RefreshService({ store, current: secret(16) });
    const { token } = await service.start({ user: 'kim' });
    const outs = await Promise.all(Array.from({ length: 6 }, () => service.refresh(token)));
    assert.equal(outs.filter((o) => o.kind === 'rotate').length, 1);
    assert.equal(await sessions.destroyAll('kim'), 5);
  } finally {
    await cio.quit();
    await cluster.stop();
  }
});

test('redis: the Lua scripts are the Python store\'s, character for character', async () => {
  // One source of behaviour in two files: a drift here would split the two stores' answers.
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const { join, dirname } = await import('node:path');
  assert.ok(process.env.JWTCORE_ROOT, 'JWTCORE_ROOT names the repository (scripts/test-js.sh sets it)');
  const py = readFileSync(join(process.env.JWTCORE_ROOT, 'bindings-python/python/jwtcore/stores/redis.py'), 'utf8');
  const js = readFileSync(join(dirname(createRequire(import.meta.url).resolve('jwtcore/package.json')), 'dist/redis.js'), 'utf8');
  const pyScripts = Object.fromEntries([...py.matchAll(/^_([A-Z]+) = """([\s\S]*?)"""/gm)].map((m) => [m[1], m[2]]));
  const jsScripts = Object.fromEntries([...js.matchAll(/^const ([A-Z]+) = `([\s\S]*?)`;/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual(Object.keys(jsScripts).sort(), ['CAS', 'CREATE', 'DELETE', 'RENAME', 'TOUCH']);
  for (const [name, text] of Object.entries(jsScripts)) {
    assert.ok(text.includes("redis.call('"), name);
    assert.equal(text, pyScripts[name], `script ${name} differs from bindings-python/python/jwtcore/stores/redis.py`);
  }
});
