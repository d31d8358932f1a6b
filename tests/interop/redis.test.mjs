// Node <-> Python on one redis-server (127.0.0.1, started and stopped here by PID): a session
// created by the Python wheel's RedisStore is loaded, renewed and logged out from Node, and one
// created by jwtcore/redis is loaded from Python; a refresh family started in one language is
// rotated in the other, and a replay across languages is reuse. Run by scripts/test-interop.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { session } from 'jwtcore';
import { RedisStore, Sessions, RefreshService } from 'jwtcore/redis';
import { startRedis } from './redis-server.mjs';

const python = process.env.JWTCORE_PYTHON;
const helper = join(dirname(fileURLToPath(import.meta.url)), 'py_store.py');
const sessionSecret = new Uint8Array(32).map((_, i) => i + 1);
const refreshSecret = new Uint8Array(32).map((_, i) => 200 - i);
const hex = (b) => Buffer.from(b).toString('hex');

let server;
let client;
before(async () => {
  assert.ok(python, 'JWTCORE_PYTHON must name a Python with the jwtcore wheel and redis-py installed');
  server = await startRedis();
  client = await createClient({ url: server.url, disableOfflineQueue: true }).connect();
});
after(async () => {
  await client?.close();
  await server?.stop();
});

function py(op, args) {
  const out = execFileSync(python, [helper, JSON.stringify({ op, url: `${server.url}/0`, session_secret: hex(sessionSecret), refresh_secret: hex(refreshSecret), ...args })], { encoding: 'utf8' });
  return JSON.parse(out);
}

const nodeSessions = () => new Sessions({ store: new RedisStore(client), keys: new session.SessionKeys({ current: sessionSecret }), timeouts: { renewAfter: 10 } });

test('a session created in Python is read, renewed and logged out from Node', async () => {
  const made = py('create_session', { user: 'ada', data: { role: 'admin', n: 1 } });
  const sessions = nodeSessions();
  const s = await sessions.load(made.cookie);
  assert.deepEqual([s.user, s.data, s.id], ['ada', { role: 'admin', n: 1 }, made.sessionId]);
  // Renewal in Node (rename script + tombstone); Python follows the new cookie, not the old one.
  // Both sides are told the same later time (the renewal is due after 10 s).
  const now = Math.floor(Date.now() / 1000) + 30;
  const renewed = await sessions.load(made.cookie, { now });
  assert.ok(renewed.setCookie);
  const fresh = renewed.setCookie.split(';')[0];
  assert.equal(py('load_session', { cookie: made.cookie, now }), null);
  assert.equal(py('load_session', { cookie: fresh, now }).user, 'ada');
  // Logout in Node with the old cookie follows the tombstone: Python sees no session either.
  await sessions.logout(made.cookie);
  assert.equal(py('load_session', { cookie: fresh, now }), null);
});

test('a session created in Node is read from Python', async () => {
  const sessions = nodeSessions();
  const { setCookie, sessionId } = await sessions.create('grace', { theme: 'dark', ü: 'ß' });
  const seen = py('load_session', { cookie: setCookie.split(';')[0] });
  assert.deepEqual(seen, { user: 'grace', data: { theme: 'dark', ü: 'ß' }, id: sessionId });
});

test('refresh families cross languages: rotation both ways, replay is reuse', async () => {
  const service = new RefreshService({ store: new RedisStore(client), current: refreshSecret });
  const started = py('start_family', { user: 'lin' });
  assert.equal(started.kind, 'start');
  const n1 = await service.refresh(started.token);
  assert.equal(n1.kind, 'rotate');
  assert.equal(n1.family, started.family);
  const p2 = py('refresh', { token: n1.token });
  assert.equal(p2.kind, 'rotate');
  // Node replays the token Python just rotated away: reuse, the family is revoked for both.
  assert.equal((await service.refresh(n1.token)).kind, 'reuse_detected');
  assert.deepEqual([py('refresh', { token: p2.token }).kind, py('refresh', { token: p2.token }).reason], ['reject', 'refresh_revoked']);
  // And the other way round: Node starts, Python rotates.
  const mine = await service.start({ user: 'lin' });
  assert.equal(py('refresh', { token: mine.token }).kind, 'rotate');
  assert.equal((await service.refresh(mine.token)).kind, 'reuse_detected');
  assert.deepEqual((await new RedisStore(client).userFamilies('lin')).sort(), [started.family, mine.family].sort());
});
