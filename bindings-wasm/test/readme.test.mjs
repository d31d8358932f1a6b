// Every JavaScript example in the package README (the copy installed with the package) and in the
// repository README runs here, as written: each ```js block is extracted, its `from 'jwtcore'`
// import pointed at a shim that records what jwtVerify returned, and the free names it leaves to
// the reader (`idToken`, `secret32`, `req`, …) defined in a prelude. The identity provider it
// fetches from is a loopback server. A README example without a test here fails the last test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as jwt from 'jwtcore';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const packageReadme = join(dirname(require.resolve('jwtcore/package.json')), 'README.md');
const repoReadme = process.env.JWTCORE_ROOT && join(process.env.JWTCORE_ROOT, 'README.md');

function jsBlocks(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^```(?:js|javascript|mjs|ts)\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

const blocks = [...jsBlocks(packageReadme), ...(repoReadme && existsSync(repoReadme) ? jsBlocks(repoReadme) : [])];
const handled = new Set();
const findBlock = (marker) => {
  const i = blocks.findIndex((b) => b.includes(marker));
  assert.ok(i >= 0, `no README example contains ${marker}`);
  handled.add(i);
  return blocks[i];
};

// The shim: everything from the package, with jwtVerify/jwtVerifySync recording each outcome.
const shim = join(here, '.readme-shim.mjs');
writeFileSync(
  shim,
  `export * from 'jwtcore';
import * as real from 'jwtcore';
// Looked up per call: this module is evaluated once, each example run gets a fresh log.
const log = { push: (x) => globalThis.__readme.calls.push(x) };
export async function jwtVerify(...a) {
  try { const r = await real.jwtVerify(...a); log.push({ ok: r }); return r; }
  catch (e) { log.push({ err: e }); throw e; }
}
export function jwtVerifySync(...a) {
  try { const r = real.jwtVerifySync(...a); log.push({ ok: r, sync: true }); return r; }
  catch (e) { log.push({ err: e, sync: true }); throw e; }
}
`,
);

let run = 0;
/** Runs one example as a module with `prelude` before it and `epilogue` after it. */
async function runExample(code, prelude, epilogue = '') {
  globalThis.__readme = { calls: [] };
  const file = join(here, `.readme-example-${process.pid}-${run++}.mjs`);
  const src = code.replace(/from ['"]jwtcore['"]/g, `from ${JSON.stringify(pathToFileURL(shim).href)}`);
  writeFileSync(file, `${prelude}\n${src}\n${epilogue}\n`);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
  return globalThis.__readme;
}

/** A loopback identity provider publishing `jwks` (and its OpenID configuration); `fetch` to https://idp.example goes there. */
async function identityProvider(jwks) {
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    // OIDC discovery's document (the discovery example): the issuer and where its keys are.
    if (req.url === '/.well-known/openid-configuration') {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://idp.example', jwks_uri: 'https://idp.example/.well-known/jwks.json' }));
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => realFetch(String(input instanceof Request ? input.url : input).replace('https://idp.example', base), init);
  return () => {
    globalThis.fetch = realFetch;
    server.close();
  };
}

test('README (package): the JWT example — sign, verify, and a provider key set that also publishes a secret', async () => {
  const code = findBlock('createLocalJWKSet');
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const published = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  // A provider's set with its signing key and, by mistake, a shared secret (issue 15 F1).
  const jwks = { keys: [{ ...(await jwt.exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }, { kty: 'oct', kid: 'legacy', k: published }] };
  const stop = await identityProvider(jwks);
  process.env.JWT_SECRET_B64URL = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  const idTokenOf = (claims, exp = '5m') =>
    new jwt.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setIssuer('https://idp.example').setAudience('my-client').setExpirationTime(exp).sign(privateKey);
  const forge = (header) => {
    const claims = { sub: 'attacker', iss: 'https://idp.example', aud: 'my-client', exp: Math.floor(Date.now() / 1000) + 600 };
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${createHmac('sha256', Buffer.from(published, 'base64url')).update(input).digest('base64url')}`;
  };
  // The example leaves `idToken` to the reader: each run gets one.
  const once = async (idToken) => (await runExample(code, `const idToken = ${JSON.stringify(idToken)};`)).calls;
  try {
    // A genuine ID token: the app's own token and the provider's both verify.
    let calls = await once(await idTokenOf({ sub: 'alice' }));
    assert.equal(calls.length, 3);
    assert.equal(calls[0].ok.payload.role, 'admin');
    assert.equal(calls[0].ok.protectedHeader.alg, 'HS256');
    assert.equal(calls[1].sync, true);
    assert.equal(calls[1].ok.payload.iss, 'https://auth.example');
    assert.equal(calls[2].ok.payload.sub, 'alice');
    // Expired: the example's catch sees JWTExpired with claim exp.
    calls = await once(await idTokenOf({ sub: 'alice' }, '-1m'));
    assert.ok(calls[2].err instanceof jwt.errors.JWTExpired);
    assert.equal(calls[2].err.claim, 'exp');
    // HS256 tokens MAC'd with the published `k`, with and without its kid: never accepted.
    for (const header of [{ alg: 'HS256' }, { alg: 'HS256', kid: 'legacy' }]) {
      calls = await once(forge(header));
      assert.ok(calls[2].err instanceof jwt.errors.JWKSNoMatchingKey, `${JSON.stringify(header)}: ${calls[2].err ?? 'accepted'}`);
      assert.equal(calls[2].err.code, 'ERR_JWKS_NO_MATCHING_KEY');
    }
  } finally {
    stop();
    delete process.env.JWT_SECRET_B64URL;
  }
});

test('README (package): the sessions example', async () => {
  const code = findBlock('SessionKeys');
  const prelude = `
const secret32 = crypto.getRandomValues(new Uint8Array(32));
const oldSecret32 = crypto.getRandomValues(new Uint8Array(32));
const pepper32 = crypto.getRandomValues(new Uint8Array(32));
// The request that comes back with the cookie the example just set.
const req = { headers: { get cookie() { return 'theme=dark; __Host-id=' + value; } } };`;
  const epilogue = 'Object.assign(globalThis.__readme, { id, value, cookie, sessionId, reissue, storeKey, families, login, next, revoked });';
  const r = await runExample(code, prelude, epilogue);
  assert.match(r.id, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(r.sessionId, r.id);
  assert.equal(r.reissue, false);
  assert.ok(r.value.startsWith(`${r.id}.`));
  assert.ok(r.cookie.startsWith(`__Host-id=${r.value};`), r.cookie);
  assert.match(r.cookie, /Max-Age=3600/);
  assert.match(r.cookie, /Secure/);
  assert.match(r.storeKey, /^s1:[0-9a-f]{64}$/);
  assert.equal(r.families.start().kind, 'start');
  assert.equal(r.next.kind, 'rotate');
  assert.notEqual(r.next.token, r.login.token);
  // The revoked record refuses the rotated token; the old positional form is a TypeError.
  assert.equal(r.families.decide(r.revoked, r.next.token, { now: 1_700_000_070 }).reason, 'refresh_revoked');
  assert.throws(() => r.families.revoke(r.next.record, 'logout'), TypeError);
});

test('README (package): the CSRF example', async () => {
  const code = findBlock('RequestPolicy');
  const epilogue = `Object.assign(globalThis.__readme, { verdict, pageToken, storeKey, csrfKeys, policy });`;
  const r = await runExample(code, '', epilogue);
  assert.deepEqual(r.verdict, { allowed: true, reason: 'origin_listed' });
  assert.equal(r.pageToken.length, 128);
  // The same page token from another session, or a cross-site request, is refused.
  const other = (await import('jwtcore')).session.storageKey((await import('jwtcore')).session.newSessionId());
  assert.throws(() => r.csrfKeys.verifyCsrf(other, r.pageToken), { jwtcoreCode: 'session_csrf_mismatch' });
  const evil = new Request('https://app.example/transfer', { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
  assert.deepEqual(r.policy.checkRequest(evil), { allowed: false, reason: 'cross_site' });
});

// ---- integrations (jwtcore/redis, jwtcore/express, jwtcore/hono, discovery) ----------------------

const SECRETS = `const sessionSecret32 = crypto.getRandomValues(new Uint8Array(32));
const refreshSecret32 = crypto.getRandomValues(new Uint8Array(32));`;

test('README (package): the Redis store example, against a private redis-server', async () => {
  const code = findBlock("from 'jwtcore/redis'");
  const { startRedis } = await import('./redis-server.mjs');
  const server = await startRedis();
  process.env.REDIS_URL = server.url;
  try {
    const r = await runExample(code, SECRETS, 'Object.assign(globalThis.__readme, { setCookie, loaded, next, replay, token });');
    assert.match(r.setCookie, /^__Host-id=/);
    assert.deepEqual([r.loaded.user, r.loaded.data], ['alice', { role: 'admin' }]);
    assert.equal(r.next.kind, 'rotate');
    assert.notEqual(r.next.token, r.token);
    assert.equal(r.replay.kind, 'reuse_detected');
  } finally {
    delete process.env.REDIS_URL;
    await server.stop();
  }
});

test('README (package): the Express example, served on 127.0.0.1 and driven with fetch', async () => {
  const code = findBlock("from 'jwtcore/express'");
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const stop = await identityProvider({ keys: [{ ...(await jwt.exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256' }] });
  process.env.PORT = '0';
  let server;
  try {
    const r = await runExample(code, SECRETS, "await new Promise((ok) => server.once('listening', ok));\nglobalThis.__readme.server = server;");
    server = r.server;
    const base = `http://127.0.0.1:${server.address().port}`;
    const idToken = await new jwt.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setIssuer('https://idp.example').setAudience('my-client').setExpirationTime('5m').sign(privateKey);
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${idToken}` } });
    assert.deepEqual([me.status, await me.json()], [200, { sub: 'alice' }]);
    const anon = await fetch(`${base}/api/me`);
    assert.deepEqual([anon.status, anon.headers.get('www-authenticate')], [401, 'Bearer']);
    const login = await fetch(`${base}/app/login`, { method: 'POST' });
    const { csrf } = await login.json();
    const cookies = Object.fromEntries(login.headers.getSetCookie().map((c) => c.split(';')[0].split(/=(.*)/s).slice(0, 2)));
    const refreshed = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: `__Host-refresh=${cookies['__Host-refresh']}` } });
    assert.equal(refreshed.status, 200);
    assert.match((await refreshed.json()).family, /^r1:/);
    const replay = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: `__Host-refresh=${cookies['__Host-refresh']}` } });
    assert.deepEqual([replay.status, await replay.json()], [401, { error: 'refresh_reuse_detected' }]);
    const cookie = `__Host-id=${cookies['__Host-id']}`;
    assert.equal((await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie } })).status, 403);
    assert.equal((await fetch(`${base}/app/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status, 200);
  } finally {
    delete process.env.PORT;
    server?.closeAllConnections?.();
    await new Promise((ok) => (server ? server.close(ok) : ok()));
    stop();
  }
});

test('README (package): the Hono example, served on 127.0.0.1 and driven with fetch', async () => {
  const code = findBlock("from 'jwtcore/hono'");
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const prelude = `${SECRETS}\nconst publicJwk = ${JSON.stringify(await jwt.exportJWK(publicKey))};`;
  const r = await runExample(code, prelude, 'globalThis.__readme.app = app;');
  const { fetchServer, listen, close } = await import('./http-helpers.mjs');
  const server = fetchServer((req) => r.app.fetch(req));
  const base = await listen(server);
  try {
    const t = await new jwt.SignJWT({ sub: 'hono-user' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(privateKey);
    const ok = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${t}` } });
    assert.deepEqual([ok.status, await ok.json()], [200, { sub: 'hono-user' }]);
    const expired = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('-1m').sign(privateKey);
    const no = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${expired}` } });
    assert.equal(no.headers.get('www-authenticate'), 'Bearer error="invalid_token", error_description="expired"');
    assert.deepEqual(await (await fetch(`${base}/app/whoami`)).json(), { user: null });
  } finally {
    await close(server);
  }
});

test('README (package): the jwtcore/verify example — a provider set and one imported key', async () => {
  const code = findBlock("from 'jwtcore/verify'");
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const publicJwk = { ...(await jwt.exportJWK(publicKey)), kid: 'idp-1' };
  const stop = await identityProvider({ keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] });
  const idTokenOf = (exp) =>
    new jwt.SignJWT({ sub: 'verified' }).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setIssuer('https://idp.example').setAudience('my-client').setExpirationTime(exp).sign(privateKey);
  const prelude = (t) => `const idToken = ${JSON.stringify(t)};\nconst publicJwk = ${JSON.stringify(publicJwk)};`;
  try {
    const r = await runExample(code, prelude(await idTokenOf('5m')), 'globalThis.__readme.payload = payload;');
    assert.equal(r.payload.sub, 'verified');
    // An expired token: the example's first jwtVerify refuses it with the shared class.
    await assert.rejects(runExample(code, prelude(await idTokenOf('-1m'))), (e) => e instanceof jwt.errors.JWTExpired && e.jwtcoreCode === 'expired');
  } finally {
    await stop();
  }
});

test('README (package): the OIDC discovery example', async () => {
  const code = findBlock('discoverJWKS(');
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const stop = await identityProvider({ keys: [{ ...(await jwt.exportJWK(publicKey)), kid: 'k', alg: 'ES256' }] });
  try {
    const idToken = await new jwt.SignJWT({ sub: 'discovered' }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuer('https://idp.example').setAudience('my-client').setExpirationTime('5m').sign(privateKey);
    const r = await runExample(code, `const idToken = ${JSON.stringify(idToken)};`, 'globalThis.__readme.payload = payload;');
    assert.equal(r.payload.sub, 'discovered');
    assert.equal(r.calls[0].ok.payload.sub, 'discovered');
    const other = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuer('https://evil.example').setAudience('my-client').setExpirationTime('5m').sign(privateKey);
    await assert.rejects(runExample(code, `const idToken = ${JSON.stringify(other)};`));
  } finally {
    stop();
  }
});

test('README (package): the RFC 7797 example — unencoded, detached payload', async () => {
  const code = findBlock("b64: false, crit: ['b64']");
  // The key of RFC 7515 A.1, so the signature is RFC 7797 §4.2's published one.
  const prelude = `const key = await (await import('jwtcore')).importJWK({ kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' }, 'HS256');`;
  const r = await runExample(code, prelude, 'Object.assign(globalThis.__readme, { jws, payload });');
  assert.equal(r.jws.payload, '');
  assert.equal(r.jws.signature, 'A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY');
  assert.equal(new TextDecoder().decode(r.payload), '$.02');
});

test('README (package): the platform-held keys example — non-extractable CryptoKey, KeyObject', async () => {
  const code = findBlock('crypto.subtle.generateKey(');
  const r = await runExample(code, '', 'Object.assign(globalThis.__readme, { token, payload });');
  assert.equal(r.payload.sub, 'alice');
  assert.deepEqual(r.calls.map((c) => c.ok?.payload.sub), ['alice', 'bob']);
  assert.equal(r.calls[1].sync, true);
  // The token is an ordinary ES256 JWT: jose-shaped header, core-checked signature shape.
  assert.deepEqual(jwt.decodeProtectedHeader(r.token), { alg: 'ES256' });
});

test('README (package): the default-build example — a PKCS#8 key as a CryptoKey, exported through WebCrypto', async () => {
  const code = findBlock("importPKCS8(pkcs8Pem, 'ES256')");
  const { generateKeyPairSync } = await import('node:crypto');
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'pem' });
  const prelude = `const pkcs8Pem = ${JSON.stringify(pem)};
const publicKey = await (await import('jwtcore')).importSPKI(${JSON.stringify(spki)}, 'ES256');`;
  const r = await runExample(code, prelude, 'Object.assign(globalThis.__readme, { privateKey, exportable, jwk });');
  assert.equal(r.calls.length, 1);
  assert.equal(r.calls[0].ok?.payload.sub, 'alice');
  const { d, x } = pair.privateKey.export({ format: 'jwk' });
  assert.deepEqual([r.jwk.d, r.jwk.x, r.jwk.alg], [d, x, 'ES256']);
  // What the comments say holds in the default build; under `jwtcore-portable` the keys are KeyLikes.
  if (process.env.JWTCORE_PORTABLE !== '1') {
    assert.deepEqual([r.privateKey.constructor.name, r.privateKey.extractable, r.exportable.extractable], ['CryptoKey', false, true]);
  } else {
    assert.ok(r.privateKey instanceof jwt.KeyLike);
  }
});

test('every JavaScript example in the READMEs has a test above', () => {
  assert.ok(blocks.length >= 2);
  const missing = blocks.map((b, i) => (handled.has(i) ? null : b.split('\n')[0])).filter(Boolean);
  assert.deepEqual(missing, [], 'README examples without a test');
});
