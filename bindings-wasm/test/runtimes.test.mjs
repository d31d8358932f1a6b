// The installed package in a real headless Chromium (playwright-core + Debian's chromium) and in
// workerd (Cloudflare's runtime), both on 127.0.0.1 with ephemeral ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, cpSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as jwt from 'jwtcore';
import * as jose from 'jose';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('jwtcore/package.json'));
// JWTCORE_PORTABLE=1 (scripts/test-js.sh's run under the `jwtcore-portable` condition): the
// runtimes load the portable entries, as that condition resolves them; otherwise the default ones.
const PORTABLE = process.env.JWTCORE_PORTABLE === '1';
const SUFFIX = PORTABLE ? '-portable' : '';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import * as jwt from '/pkg/dist/browser${SUFFIX}.js';
const out = {};
try {
  const given = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  // Counts WebCrypto signatures: ES256 and EdDSA signing must reach it, HMAC must not.
  const subtleSign = crypto.subtle.sign.bind(crypto.subtle);
  out.webCryptoSigns = 0;
  crypto.subtle.sign = (...a) => (out.webCryptoSigns++, subtleSign(...a));
  for (const alg of ['HS256', 'ES256', 'EdDSA']) {
    // KeyLikes (extractable): this checks the WebCrypto signing of keys held in WebAssembly.
    const key = alg === 'HS256' ? await jwt.generateSecret(alg, { extractable: true }) : (await jwt.generateKeyPair(alg, { extractable: true })).privateKey;
    const t = await new jwt.SignJWT({ sub: 'browser' }).setProtectedHeader({ alg }).setExpirationTime('5m').sign(key);
    const verifyKey = alg === 'HS256' ? key : await jwt.importJWK({ ...(await jwt.exportJWK(key)), d: undefined });
    out[alg] = (await jwt.jwtVerify(t, verifyKey)).payload.sub;
    // ES256/EdDSA: signed by WebCrypto here (platform/webcrypto-sign.js); jose checks them in Node.
    if (alg !== 'HS256') (out.signed ??= {})[alg] = { t, jwk: await jwt.exportJWK(verifyKey) };
  }
  const pub = await jwt.importJWK(given.jwk);
  if (${PORTABLE}) {
    out.fromNode = jwt.jwtVerifySync(given.token, pub).payload.origin;
    try { jwt.jwtVerifySync(given.forged, pub); out.forged = 'accepted'; } catch (e) { out.forged = e.code; }
  } else {
    // The default build has no Ed25519 arithmetic in WebAssembly and a browser no synchronous
    // primitive: the async API verifies through WebCrypto, the sync one says what to use instead.
    out.fromNode = (await jwt.jwtVerify(given.token, pub)).payload.origin;
    try { await jwt.jwtVerify(given.forged, pub); out.forged = 'accepted'; } catch (e) { out.forged = e.code; }
    try { jwt.jwtVerifySync(given.token, pub); out.sync = 'accepted'; } catch (e) { out.sync = [e.code, e.jwtcoreCode, /jwtVerify/.test(e.message) && /jwtcore-portable/.test(e.message)]; }
  }
  out.sessionId = jwt.session.newSessionId().length;
} catch (e) { out.error = String(e && e.stack || e); }
window.__result = out;
</script>`;

test('headless Chromium: the package signs and verifies in a real browser', { skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium' }, async () => {
  const { chromium } = await import('playwright-core');
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (url.pathname.startsWith('/pkg/') && !url.pathname.includes('..')) {
      try {
        const body = readFileSync(join(pkgDir, url.pathname.slice(5)));
        return res.writeHead(200, { 'content-type': types[extname(url.pathname)] || 'application/octet-stream' }).end(body);
      } catch {
        /* fall through */
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { privateKey, publicKey } = await jwt.generateKeyPair('EdDSA');
  const token = jwt.signSync({ origin: 'node' }, privateKey, { alg: 'EdDSA' });
  // Flip a character mid-signature (the last ones carry padding bits: strict base64 would refuse).
  const i = token.length - 10;
  const forged = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
  const hash = encodeURIComponent(JSON.stringify({ token, forged, jwk: await jwt.exportJWK(publicKey) }));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/#${hash}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
    const r = await page.evaluate(() => window.__result);
    assert.equal(r.error, undefined, r.error);
    for (const [alg, { t, jwk }] of Object.entries(r.signed)) {
      assert.equal((await jose.jwtVerify(t, await jose.importJWK(jwk, alg))).payload.sub, 'browser', alg);
    }
    delete r.signed;
    const want = { webCryptoSigns: 2, HS256: 'browser', ES256: 'browser', EdDSA: 'browser', fromNode: 'node', forged: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', sessionId: 43 };
    if (!PORTABLE) want.sync = ['ERR_JOSE_NOT_SUPPORTED', 'feature_disabled', true];
    assert.deepEqual(r, want);
  } finally {
    await browser.close();
    server.close();
  }
});

test('workerd: a worker verifies bearer tokens (200 valid, 401 expired/forged/missing)', async () => {
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const dir = mkdtempSync(join(tmpdir(), 'jwtcore-workerd-'));
  cpSync(join(pkgDir, 'dist'), join(dir, 'dist'), { recursive: true });
  writeFileSync(
    join(dir, 'worker.mjs'),
    `import { jwtVerify, jwtVerifySync, importJWKSync } from './dist/workerd${SUFFIX}.js';
const key = importJWKSync(${JSON.stringify(await jwt.exportJWK(publicKey))});
export default {
  async fetch(request) {
    const auth = request.headers.get('authorization') || '';
    try {
      // The default build verifies ES256 through WebCrypto (async); the portable one in WebAssembly.
      const verify = ${PORTABLE} ? jwtVerifySync : jwtVerify;
      const { payload } = await verify(auth.replace(/^Bearer /, ''), key, { issuer: 'https://idp.example', audience: 'api' });
      return new Response(JSON.stringify({ sub: payload.sub }), { status: 200 });
    } catch (e) {
      return new Response(JSON.stringify({ code: e.code, claim: e.claim }), { status: 401 });
    }
  },
};`,
  );
  // Every JS module of the package, in its module folders too (workerd's config lists each one;
  // wrangler finds them itself), except the other runtimes' entries and the browser's inlined copy.
  const mods = readdirSync(join(pkgDir, 'dist'), { recursive: true })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.js') && !['node.js', 'node-portable.js', 'browser.js', 'browser-portable.js', 'jwtcore_wasm_inline.js', 'jwtcore_wasm_portable_inline.js'].includes(f))
    .map((f) => `(name = "dist/${f}", esModule = embed "dist/${f}")`)
    .join(',\n        ');
  const port = await freePort();
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const w :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    ${mods},
    (name = "dist/jwtcore_wasm_bg.wasm", wasm = embed "dist/jwtcore_wasm_bg.wasm"),
    (name = "dist/jwtcore_wasm_portable_bg.wasm", wasm = embed "dist/jwtcore_wasm_portable_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);`,
  );
  const bin = require.resolve('workerd/bin/workerd');
  const proc = spawn(bin, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  try {
    const url = `http://127.0.0.1:${port}/`;
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      try {
        await fetch(url);
        up = true;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.ok(up, `workerd did not start: ${log}`);
    const base = new jwt.SignJWT({ sub: 'edge-user' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setAudience('api');
    const valid = await base.setExpirationTime('5m').sign(privateKey);
    const expired = await new jwt.SignJWT({ sub: 'edge-user' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('-5m').sign(privateKey);
    const other = (await jwt.generateKeyPair('ES256')).privateKey;
    const forged = await new jwt.SignJWT({ sub: 'edge-user' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('5m').sign(other);
    const call = async (t) => {
      const r = await fetch(url, { headers: t ? { authorization: `Bearer ${t}` } : {} });
      return [r.status, await r.json()];
    };
    assert.deepEqual(await call(valid), [200, { sub: 'edge-user' }]);
    assert.deepEqual(await call(expired), [401, { code: 'ERR_JWT_EXPIRED', claim: 'exp' }]);
    assert.deepEqual(await call(forged), [401, { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }]);
    assert.deepEqual(await call(undefined), [401, { code: 'ERR_JWS_INVALID' }]);
  } finally {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
