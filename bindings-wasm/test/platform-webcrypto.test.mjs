// Issue 22: platform crypto outside Node, in headless Chromium. Ed25519 verification: jwtVerify
// hands the equation to WebCrypto (subtle.verify) after the core's pre-check, with the same
// verdicts as the portable path on an honest token, S + L and an identity R that satisfies the
// equation (refused before WebCrypto sees them). RSA signing (platform/webcrypto-sign.js): SignJWT#sign with an RSA key imported from a JWK (RS256) or a PKCS#8 PEM (PS256) must
// reach crypto.subtle.sign once per token, with the private key imported once per key as a
// non-extractable CryptoKey; the tokens must verify with jose in Node, and RS256 (deterministic)
// must be byte-identical to what the portable path signs in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as jwt from 'jwtcore';
import * as jose from 'jose';
import { B, L, ZERO, craft, freshKey, mod, mul, randomScalar } from './ed25519-craft.mjs';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('jwtcore/package.json'));

// WebAssembly-held private keys signed through WebCrypto: the portable build's path (the default
// build holds private keys as CryptoKeys from the start), run under the `jwtcore-portable` condition.
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import * as jwt from '/pkg/dist/browser-portable.js';
const out = { signs: 0, privateImports: [], tokens: {} };
try {
  const given = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const subtle = crypto.subtle;
  const sign = subtle.sign.bind(subtle), importKey = subtle.importKey.bind(subtle);
  subtle.sign = (...a) => (out.signs++, sign(...a));
  subtle.importKey = (format, data, params, extractable, usages) => {
    if (usages.includes('sign')) out.privateImports.push({ format, extractable });
    return importKey(format, data, params, extractable, usages);
  };
  const rs = await jwt.importJWK(given.rsJwk, 'RS256');
  const ps = await jwt.importPKCS8(given.psPem, 'PS256');
  for (const [alg, key, n] of [['RS256', rs, 3], ['PS256', ps, 2]]) {
    out.tokens[alg] = [];
    for (let i = 0; i < n; i++) {
      const t = await new jwt.SignJWT({ sub: 'browser', i }).setProtectedHeader({ alg }).sign(key);
      out.tokens[alg].push(t);
    }
  }
  const verify = subtle.verify.bind(subtle);
  out.edVerifies = 0;
  subtle.verify = (params, ...a) => ((params.name ?? params) === 'Ed25519' && out.edVerifies++, verify(params, ...a));
  const ed = await jwt.importJWK(given.ed.jwk);
  const opts = { algorithms: ['EdDSA'], requiredClaims: [] };
  out.ed = {};
  for (const [name, t] of Object.entries(given.ed.tokens)) {
    const asyncV = await jwt.jwtVerify(t, ed, opts).then((r) => 'ok ' + r.payload.case, (e) => e.code);
    let syncV;
    try { syncV = 'ok ' + jwt.jwtVerifySync(t, ed, opts).payload.case; } catch (e) { syncV = e.code; }
    out.ed[name] = [asyncV, syncV];
  }
  const pub = await jwt.importJWK(given.rsPublic, 'RS256');
  out.selfCheck = (await jwt.jwtVerify(out.tokens.RS256[0], pub, { requiredClaims: [] })).payload.sub;
} catch (e) { out.error = String(e && e.stack || e); }
window.__result = out;
</script>`;

test('headless Chromium: Ed25519 verified by WebCrypto after the pre-check; RS256/PS256 signed by WebCrypto with a key imported once', { skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium' }, async () => {
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
  const rsPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const psPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsJwk = rsPair.privateKey.export({ format: 'jwk' });
  const rsPublic = rsPair.publicKey.export({ format: 'jwk' });
  const psPem = psPair.privateKey.export({ format: 'pem', type: 'pkcs8' });
  // Ed25519 tokens crafted in Node: honest, S + L, and R = identity with S = k·a (OpenSSL and any
  // verifier without verify_strict's small-order check accept the last one).
  const { a, x } = freshKey();
  const pk = Buffer.from(x, 'base64url');
  const r = randomScalar();
  const ed = {
    jwk: { kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA' },
    tokens: {
      honest: craft(pk, a, r, mul(r, B), { case: 'honest' }).token,
      malleated: craft(pk, a, r, mul(r, B), { case: 'honest' }, (k) => mod(r + k * a, L) + L).token,
      identityR: craft(pk, a, 0n, ZERO, { case: 'identityR' }, (k) => mod(k * a, L)).token,
    },
  };
  const hash = encodeURIComponent(JSON.stringify({ rsJwk, rsPublic, psPem, ed }));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/#${hash}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
    const r = await page.evaluate(() => window.__result);
    assert.equal(r.error, undefined, r.error);
    // One WebCrypto signature per token; per key one extractable probe (to compare its public half
    // with the core's) and one non-extractable key that signs.
    assert.equal(r.signs, 5);
    assert.deepEqual(r.privateImports.filter((i) => !i.extractable).length, 2);
    assert.ok(r.privateImports.length <= 4, JSON.stringify(r.privateImports));
    assert.equal(r.selfCheck, 'browser');
    const refused = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    assert.deepEqual(r.ed, { honest: ['ok honest', 'ok honest'], malleated: [refused, refused], identityR: [refused, refused] });
    // Only the honest token reaches WebCrypto; the core's phase one refused the other two.
    assert.equal(r.edVerifies, 1);
    const rsVerify = await jose.importJWK(rsPublic, 'RS256');
    const psVerify = await jose.importSPKI(psPair.publicKey.export({ format: 'pem', type: 'spki' }), 'PS256');
    const rsNode = await jwt.importJWK(rsJwk, 'RS256');
    for (const [i, t] of r.tokens.RS256.entries()) {
      assert.deepEqual((await jose.jwtVerify(t, rsVerify)).payload, { sub: 'browser', i });
      // RSASSA-PKCS1-v1_5 is deterministic: the portable path signs the same bytes.
      assert.equal(jwt._withoutPlatform(() => jwt.signSync({ sub: 'browser', i }, rsNode, { alg: 'RS256' })), t);
    }
    for (const [i, t] of r.tokens.PS256.entries()) {
      assert.deepEqual((await jose.jwtVerify(t, psVerify)).payload, { sub: 'browser', i });
    }
  } finally {
    await browser.close();
    server.close();
  }
});
