// tsc --strict over the types of jwtcore/stores, jwtcore/redis, jwtcore/express, jwtcore/hono and
// OIDC discovery, as a consumer uses them (nodenext and bundler resolution, no skipLibCheck); and a
// wrong use is reported, so the check can fail.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const scratch = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = join(scratch, '.types-integrations');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

const CONSUMER = `import { Hono } from 'hono';
import { discoverJWKS, fetchOpenIdConfiguration, session, type RemoteJWKSet } from 'jwtcore';
import { MemoryStore, Sessions, RefreshService, type Session, type Store } from 'jwtcore/stores';
import { RedisStore, StoreUnavailableError, type RedisClientLike } from 'jwtcore/redis';

// The redis client's own types need @types/node; the store needs only its sendCommand.
declare const client: RedisClientLike;
import * as ex from 'jwtcore/express';
import * as hn from 'jwtcore/hono';
import type { JwtcoreVariables } from 'jwtcore/hono';

export async function main(): Promise<string> {
  const JWKS: RemoteJWKSet = await discoverJWKS('https://idp.example', { timeoutDuration: 2000 });
  const jwksUri: string = (await fetchOpenIdConfiguration(new URL('https://idp.example'))).jwks_uri;
  const keys = new session.SessionKeys({ current: session.generateSessionSecret() });
  const memory: Store = new MemoryStore();
  const redis: Store = new RedisStore(client, { prefix: 'app:' });
  const sessions = new Sessions({ store: redis, keys, timeouts: { idle: 600, renewAfter: 300 }, cookie: { name: '__Host-sid', sameSite: 'Strict' } });
  const refresh = new RefreshService({ store: memory, current: session.generateSessionSecret(), grace: 5, accessTtl: 900 });
  const { setCookie } = await sessions.create('alice', { role: 'admin' });
  const s: Session | null = await sessions.load(setCookie.split(';')[0]);
  const started = await refresh.start({ user: 'alice' });
  const next = await refresh.refresh(started.token ?? '');
  const kinds: 'start' | 'rotate' | 'grace_retry' | 'reuse_detected' | 'reject' = next.kind;
  const mw: ex.Middleware[] = [ex.bearer({ key: JWKS, verify: { issuer: 'https://idp.example' }, realm: 'api' }), ex.session({ sessions }), ex.refreshHandler({ service: refresh })];
  const app = new Hono<{ Variables: JwtcoreVariables }>();
  app.get('/me', hn.bearer({ key: JWKS, isRevoked: (p) => redis.isDenied(p.iss, String(p.jti), null) }), (c) => c.json({ sub: c.get('jwt').sub ?? null }));
  app.use('/app/*', hn.session({ sessions, csrf: true }));
  app.post('/refresh', hn.refreshHandler({ service: refresh, issue: (o) => ({ family: o.family }) }));
  try {
    await redis.getSession('s1:');
  } catch (e) {
    if (e instanceof StoreUnavailableError) return 'down';
  }
  return [jwksUri, s?.user, kinds, mw.length, hn.refreshSetCookie('t')].join();
}
`;

function tsc(args, file) {
  return spawnSync(join(scratch, 'node_modules', '.bin', 'tsc'), ['--strict', '--noEmit', ...args, file], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
}

test('tsc --strict compiles a consumer of every integration subpath', () => {
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  for (const args of [
    ['--module', 'nodenext', '--target', 'es2022'],
    ['--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022'],
  ]) {
    const r = tsc(args, 'consumer.ts');
    assert.equal(r.status, 0, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  }
  writeFileSync(join(dir, 'wrong.ts'), "import { RefreshService, MemoryStore } from 'jwtcore/stores';\nexport const r = new RefreshService({ store: new MemoryStore(), current: 'not bytes' });\n");
  const r = tsc(['--module', 'nodenext', '--target', 'es2022'], 'wrong.ts');
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /wrong\.ts\(2,\d+\): error TS2322/);
});
