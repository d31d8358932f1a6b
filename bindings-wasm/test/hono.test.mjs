// jwtcore/hono on a real server on 127.0.0.1:0 (a Hono app behind node:http), driven with fetch:
// bearer 200/401 with RFC 6750 challenges, the session cookie round trip with CSRF and logout, the
// refresh route with replay detection; and the bearer middleware in workerd (miniflare).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { miniflareFor } from './workerd.mjs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { SignJWT, generateSecret, generateKeyPair, exportJWK, session as s } from 'jwtcore';
import { bearer, session, refreshHandler, refreshSetCookie } from 'jwtcore/hono';
import { MemoryStore, Sessions, RefreshService } from 'jwtcore/stores';
import { listen, close, cookiesOf, fetchServer } from './http-helpers.mjs';

const require = createRequire(import.meta.url);
const scratch = join(dirname(fileURLToPath(import.meta.url)), '..');

let server;
let base;
let hs;
const store = new MemoryStore();
const sessions = new Sessions({ store, keys: new s.SessionKeys({ current: s.generateSessionSecret() }) });
const refresh = new RefreshService({ store, current: s.generateSessionSecret() });

before(async () => {
  hs = await generateSecret('HS256');
  const app = new Hono();
  app.get('/me', bearer({ key: hs, verify: { audience: 'api' } }), (c) => c.json({ sub: c.get('jwt').sub }));
  app.use('/app/*', session({ sessions }));
  app.post('/app/login', async (c) => {
    await c.get('sessions').login('carol');
    const { token } = await refresh.start({ user: 'carol' });
    c.header('Set-Cookie', refreshSetCookie(token), { append: true });
    return c.json({ csrf: c.get('sessions').csrfToken() });
  });
  app.get('/app/whoami', (c) => c.json({ user: c.get('session')?.user ?? null }));
  app.post('/app/logout', async (c) => {
    await c.get('sessions').logout();
    return c.json({ ok: true });
  });
  // Fetch Metadata / Origin checked on every request of this part of the app.
  app.use('/strict/*', session({ sessions, policy: new s.RequestPolicy({ allowedOrigins: ['https://app.example'] }) }));
  app.post('/strict/ping', (c) => c.json({ user: c.get('session')?.user ?? null }));
  app.post('/refresh', refreshHandler({ service: refresh, issue: () => ({ ok: true }) }));
  server = fetchServer((req) => app.fetch(req));
  base = await listen(server);
});
after(() => close(server));

const token = (claims, key = hs, exp = '5m') => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setAudience('api').setExpirationTime(exp).sign(key);

test('hono bearer: 200, and 401 with RFC 6750 challenges', async () => {
  const ok = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await token({ sub: 'carol' })}` } });
  assert.deepEqual([ok.status, await ok.json()], [200, { sub: 'carol' }]);
  const none = await fetch(`${base}/me`);
  assert.deepEqual([none.status, none.headers.get('www-authenticate'), await none.json()], [401, 'Bearer', { error: 'missing_token' }]);
  const expired = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await token({ sub: 'c' }, hs, '-1m')}` } });
  assert.equal(expired.status, 401);
  assert.equal(expired.headers.get('www-authenticate'), 'Bearer error="invalid_token", error_description="expired"');
  // Two Authorization headers are ambiguous: refused.
  const h = new Headers();
  h.append('authorization', `Bearer ${await token({ sub: 'c' })}`);
  h.append('authorization', `Bearer ${await token({ sub: 'd' })}`);
  const twice = await fetch(`${base}/me`, { headers: h });
  // RFC 6750 §3.1: no single token can be read, so the request is invalid (400), as in Python and axum.
  assert.deepEqual([twice.status, await twice.json()], [400, { error: 'malformed_authorization' }]);
  assert.equal(twice.headers.get('www-authenticate'), 'Bearer error="invalid_request", error_description="malformed_authorization"');
});

test('hono session: cookie round trip, CSRF, logout; refresh with replay detection', async () => {
  const login = await fetch(`${base}/app/login`, { method: 'POST' });
  assert.equal(login.status, 200);
  const { csrf } = await login.json();
  const all = login.headers.getSetCookie();
  const cookie = all.find((c) => c.startsWith('__Host-id=')).split(';')[0];
  const refreshCookie = all.find((c) => c.startsWith('__Host-refresh=')).split(';')[0];
  assert.equal((await (await fetch(`${base}/app/whoami`, { headers: { cookie } })).json()).user, 'carol');
  assert.equal((await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie } })).status, 403);
  const tossed = await fetch(`${base}/app/whoami`, { headers: { cookie: `${cookie}; ${cookie}` } });
  assert.deepEqual([tossed.status, await tossed.json()], [400, { error: 'session_cookie_duplicate' }]);
  const out = await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
  assert.equal(out.status, 200);
  assert.ok(out.headers.getSetCookie().some((c) => /Max-Age=0/.test(c)));
  assert.equal((await (await fetch(`${base}/app/whoami`, { headers: { cookie } })).json()).user, null);

  const r1 = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: refreshCookie } });
  assert.equal(r1.status, 200);
  const next = cookiesOf(r1);
  const replay = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: refreshCookie } });
  assert.deepEqual([replay.status, await replay.json()], [401, { error: 'refresh_reuse_detected' }]);
  const revoked = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: next } });
  assert.deepEqual([revoked.status, await revoked.json()], [401, { error: 'refresh_revoked' }]);
});

test('hono session with a RequestPolicy: cross-site refused, a listed Origin passes', async () => {
  const cross = await fetch(`${base}/strict/ping`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
  assert.deepEqual([cross.status, await cross.json()], [403, { error: 'cross_site' }]);
  const listed = await fetch(`${base}/strict/ping`, { method: 'POST', headers: { origin: 'https://app.example' } });
  assert.deepEqual([listed.status, await listed.json()], [200, { user: null }]);
  const other = await fetch(`${base}/strict/ping`, { method: 'POST', headers: { origin: 'https://evil.example' } });
  assert.equal(other.status, 403);
});

test('hono bearer in workerd (miniflare, bundled with wrangler\'s conditions)', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const dir = mkdtempSync(join(scratch, '.hono-worker-'));
  try {
    writeFileSync(
      join(dir, 'worker.js'),
      `import { Hono } from 'hono';
import { importJWKSync } from 'jwtcore';
import { bearer } from 'jwtcore/hono';
const app = new Hono();
app.get('/', bearer({ key: importJWKSync(${JSON.stringify(await exportJWK(publicKey))}, 'ES256'), verify: { issuer: 'https://idp.example' } }), (c) => c.json({ sub: c.get('jwt').sub }));
export default app;
`,
    );
    const esbuild = join(dirname(require.resolve('esbuild/package.json')), 'bin', 'esbuild');
    execFileSync(esbuild, ['worker.js', '--bundle', '--format=esm', '--platform=browser', '--conditions=workerd,worker,browser', '--loader:.wasm=copy', '--outdir=out', '--log-level=warning'], { cwd: dir });
    assert.ok(readdirSync(join(dir, 'out')).some((f) => f.endsWith('.wasm')));
    const mf = await miniflareFor(dir);
    try {
      const good = await new SignJWT({ sub: 'edge' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setExpirationTime('5m').sign(privateKey);
      const r = await mf.dispatchFetch('http://127.0.0.1/', { headers: { authorization: `Bearer ${good}` } });
      assert.deepEqual([r.status, await r.json()], [200, { sub: 'edge' }]);
      const bad = await new SignJWT({ sub: 'edge' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://other.example').setExpirationTime('5m').sign(privateKey);
      const r2 = await mf.dispatchFetch('http://127.0.0.1/', { headers: { authorization: `Bearer ${bad}` } });
      assert.equal(r2.status, 401);
      assert.match(r2.headers.get('www-authenticate'), /^Bearer error="invalid_token", error_description="[a-z_]+"$/);
      assert.equal((await r2.json()).error.length > 0, true);
    } finally {
      await mf.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
