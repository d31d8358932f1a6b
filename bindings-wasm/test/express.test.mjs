// jwtcore/express on a real Express server on 127.0.0.1:0, driven with fetch: bearer 200/401 with
// RFC 6750 challenges (local key and remote JWKS), the session cookie round trip with CSRF and
// logout, and the refresh route (rotation, replay → 401 and the family revoked).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { SignJWT, generateKeyPair, generateSecret, exportJWK, createRemoteJWKSet, session as s } from 'jwtcore';
import { bearer, session, refreshHandler, refreshSetCookie } from 'jwtcore/express';
import { MemoryStore, Sessions, RefreshService } from 'jwtcore/stores';
import { listen, close, cookiesOf } from './http-helpers.mjs';

let server;
let base;
let hs;
let es;
let jwksServer;
const store = new MemoryStore();
const sessions = new Sessions({ store, keys: new s.SessionKeys({ current: s.generateSessionSecret() }) });
const refresh = new RefreshService({ store, current: s.generateSessionSecret(), accessTtl: 900 });

before(async () => {
  hs = await generateSecret('HS256');
  es = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(es.publicKey)), kid: 'k1', alg: 'ES256' };
  jwksServer = express().get('/jwks', (req, res) => res.json({ keys: [jwk] })).listen(0, '127.0.0.1');
  await new Promise((r) => jwksServer.once('listening', r));
  const JWKS = createRemoteJWKSet(new URL(`http://127.0.0.1:${jwksServer.address().port}/jwks`));

  const app = express();
  app.get('/me', bearer({ key: hs, verify: { issuer: 'https://idp.example' }, realm: 'api' }), (req, res) => res.json({ sub: req.auth.payload.sub }));
  // Access tokens carry their refresh family as `sid`: a revoked family denies them at once.
  app.get('/guarded', bearer({ key: hs, isRevoked: (p) => store.isDenied(p.iss, String(p.jti ?? ''), p.sid) }), (req, res) => res.json({ ok: true }));
  app.get('/remote', bearer({ key: JWKS }), (req, res) => res.json({ sub: req.auth.payload.sub, kid: req.auth.protectedHeader.kid }));
  app.use('/app', session({ sessions }));
  app.post('/app/login', async (req, res) => {
    await req.sessions.login('alice', { role: 'admin' });
    const { token } = await refresh.start({ user: 'alice' });
    res.append('Set-Cookie', refreshSetCookie(token));
    res.json({ csrf: req.sessions.csrfToken() });
  });
  app.get('/app/whoami', (req, res) => res.json({ user: req.session?.user ?? null, csrf: req.sessions.csrfToken() ?? null }));
  app.post('/app/logout', async (req, res) => {
    await req.sessions.logout();
    res.json({ ok: true });
  });
  app.post('/refresh', refreshHandler({ service: refresh, issue: (outcome) => ({ family: outcome.family }) }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await close(server);
  await close(jwksServer);
});

const token = (claims, key = hs, alg = 'HS256', exp = '5m') => new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setIssuer('https://idp.example').setExpirationTime(exp).sign(key);

test('bearer: 200 with the claims, 401 with RFC 6750 challenges carrying the jwtcore code', async () => {
  const ok = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await token({ sub: 'alice' })}` } });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { sub: 'alice' });

  const none = await fetch(`${base}/me`);
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="api"');
  assert.deepEqual(await none.json(), { error: 'missing_token' });

  const expired = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await token({ sub: 'a' }, hs, 'HS256', '-5m')}` } });
  assert.equal(expired.status, 401);
  assert.equal(expired.headers.get('www-authenticate'), 'Bearer realm="api", error="invalid_token", error_description="expired"');
  assert.deepEqual(await expired.json(), { error: 'expired' });

  const other = await generateSecret('HS256');
  const forged = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await token({ sub: 'a' }, other)}` } });
  assert.equal(forged.status, 401);
  const { error } = await forged.json();
  assert.match(forged.headers.get('www-authenticate'), new RegExp(`error_description="${error}"$`));
  assert.notEqual(error, 'expired');

  const basic = await fetch(`${base}/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
  assert.deepEqual([basic.status, await basic.json()], [401, { error: 'missing_token' }]);
});

test('bearer: a remote JWKS on loopback', async () => {
  const t = await token({ sub: 'bob' }, es.privateKey, 'ES256');
  const r = await fetch(`${base}/remote`, { headers: { authorization: `Bearer ${t}` } });
  assert.deepEqual([r.status, await r.json()], [200, { sub: 'bob', kid: 'k1' }]);
  const wrong = await token({ sub: 'bob' }, (await generateKeyPair('ES256')).privateKey, 'ES256');
  const bad = await fetch(`${base}/remote`, { headers: { authorization: `Bearer ${wrong}` } });
  assert.equal(bad.status, 401);
  assert.match(bad.headers.get('www-authenticate'), /^Bearer error="invalid_token", error_description="[a-z_]+"$/);
});

test('session: cookie round trip, CSRF on unsafe methods, logout', async () => {
  const login = await fetch(`${base}/app/login`, { method: 'POST' });
  assert.equal(login.status, 200);
  const set = login.headers.getSetCookie();
  assert.ok(set.some((c) => c.startsWith('__Host-id=') && /HttpOnly/.test(c) && /Secure/.test(c)));
  const cookie = cookiesOf(login);
  const who = await fetch(`${base}/app/whoami`, { headers: { cookie } });
  const { user, csrf } = await who.json();
  assert.equal(user, 'alice');
  // Without the session-bound token, a state-changing request is refused.
  const noCsrf = await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie } });
  assert.equal(noCsrf.status, 403);
  assert.equal((await noCsrf.json()).error.startsWith('session_csrf'), true);
  assert.equal((await (await fetch(`${base}/app/whoami`, { headers: { cookie } })).json()).user, 'alice');
  const out = await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': s.maskCsrfToken(csrf) } });
  assert.equal(out.status, 200);
  assert.ok(out.headers.getSetCookie().some((c) => c.startsWith('__Host-id=;') && /Max-Age=0/.test(c)));
  assert.equal((await (await fetch(`${base}/app/whoami`, { headers: { cookie } })).json()).user, null);
  // The session cookie sent twice (cookie tossing) is refused, not guessed.
  const tossed = await fetch(`${base}/app/whoami`, { headers: { cookie: `${cookie}; ${cookie}` } });
  assert.deepEqual([tossed.status, await tossed.json()], [400, { error: 'session_cookie_duplicate' }]);
  // A tampered cookie is no session.
  const tampered = cookie.replace(/__Host-id=([^;.]+)\./, '__Host-id=$1x.');
  assert.equal((await (await fetch(`${base}/app/whoami`, { headers: { cookie: tampered } })).json()).user, null);
});

test('refresh: rotation, then a replay is 401 and revokes the family', async () => {
  const login = await fetch(`${base}/app/login`, { method: 'POST' });
  const first = login.headers.getSetCookie().find((c) => c.startsWith('__Host-refresh=')).split(';')[0];
  const r1 = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: first } });
  assert.equal(r1.status, 200);
  const { family } = await r1.json();
  const second = cookiesOf(r1);
  assert.match(second, /^__Host-refresh=/);
  assert.notEqual(second, first);
  const replay = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: first } });
  assert.equal(replay.status, 401);
  assert.deepEqual(await replay.json(), { error: 'refresh_reuse_detected' });
  assert.ok(replay.headers.getSetCookie().some((c) => /Max-Age=0/.test(c)));
  // The family is revoked: the legitimate latest token is refused too, and its access tokens denied.
  const after = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: second } });
  assert.deepEqual([after.status, await after.json()], [401, { error: 'refresh_revoked' }]);
  assert.equal(await store.isDenied(undefined, 'x', family), true);
  const access = await token({ sub: 'alice', sid: family, jti: 'a1' });
  const denied = await fetch(`${base}/guarded`, { headers: { authorization: `Bearer ${access}` } });
  assert.deepEqual([denied.status, await denied.json()], [401, { error: 'token_revoked' }]);
  assert.equal(denied.headers.get('www-authenticate'), 'Bearer error="invalid_token", error_description="token_revoked"');
  const unrelated = await token({ sub: 'alice', sid: 'r1:' + '0'.repeat(32), jti: 'a2' });
  assert.equal((await fetch(`${base}/guarded`, { headers: { authorization: `Bearer ${unrelated}` } })).status, 200);
  const none = await fetch(`${base}/refresh`, { method: 'POST' });
  assert.deepEqual([none.status, await none.json()], [401, { error: 'missing_token' }]);
});
