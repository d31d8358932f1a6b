// The installed package in real builds, as a new user would build it (issue 16): esbuild and Vite
// bundles run in headless Chromium, a Worker bundled with wrangler's conditions run in workerd
// (miniflare), Deno and Bun importing the package unbundled and the esbuild bundle, `tsc --strict`
// on a consumer file without skipLibCheck, publint and arethetypeswrong. Every tool comes from the
// npm registry into the scratch project (bindings-wasm/test/package.json); all traffic is loopback.
// The sizes each build ships are printed as diagnostics (the README quotes them).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { miniflareFor } from './workerd.mjs';
import * as jwt from 'jwtcore';

const require = createRequire(import.meta.url);
const scratch = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(scratch, 'node_modules', '.bin', name);
const work = join(scratch, 'builds');
// JWTCORE_PORTABLE=1 (scripts/test-js.sh's run under the `jwtcore-portable` condition): every build
// passes the condition on (esbuild --conditions, Vite resolve.conditions, Deno and Bun --conditions)
// and gets the portable module; otherwise the default build, the lite module.
const PORTABLE = process.env.JWTCORE_PORTABLE === '1';
const ESBUILD_CONDITIONS = PORTABLE ? ['--conditions=jwtcore-portable'] : [];
const RUNTIME_CONDITIONS = PORTABLE ? ['--conditions=jwtcore-portable'] : [];
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

// ---- what every build runs ---------------------------------------------------------------------

// Verify-only: a jose-style verification with an imported public key; a forged token must fail
// with its jose code. Reads its input from and reports to globals, so the same source runs in a
// page, in Deno and in Bun.
const VERIFY_ENTRY = `import { jwtVerify, importJWK, errors } from 'jwtcore';
const input = globalThis.JWTCORE_INPUT;
(async () => {
  const out = {};
  try {
    const key = await importJWK(input.jwk, 'ES256');
    const opts = { issuer: 'https://idp.example', audience: 'api' };
    out.valid = (await jwtVerify(input.token, key, opts)).payload.sub;
    try { await jwtVerify(input.forged, key, opts); out.forged = 'accepted'; }
    catch (e) { out.forged = e.code; out.joseError = e instanceof errors.JOSEError; }
  } catch (e) { out.error = String((e && e.stack) || e); }
  globalThis.JWTCORE_DONE(out);
})();
`;

// Sign and verify: keys made in the bundle, every family, the synchronous API too (the portable
// build; the default one verifies asymmetric tokens through WebCrypto, and its synchronous API
// refuses them outside Node with a message naming the async API and the portable build).
const SIGN_ENTRY = `import { SignJWT, jwtVerify, jwtVerifySync, generateKeyPair, generateSecret, importJWK, errors } from 'jwtcore';
const input = globalThis.JWTCORE_INPUT;
const portable = ${PORTABLE};
(async () => {
  const out = {};
  try {
    for (const alg of ['HS256', 'ES256', 'EdDSA']) {
      // Extractable: held in WebAssembly in the portable build (the synchronous API works in every
      // runtime), extractable CryptoKeys in the default build.
      const k = alg === 'HS256' ? await generateSecret(alg, { extractable: true }) : await generateKeyPair(alg, { extractable: true });
      const t = await new SignJWT({ sub: alg }).setProtectedHeader({ alg }).setExpirationTime('5m').sign(k.privateKey ?? k);
      out[alg] = portable || alg === 'HS256' ? jwtVerifySync(t, k.publicKey ?? k).payload.sub : (await jwtVerify(t, k.publicKey)).payload.sub;
    }
    for (const alg of ['HS256', 'ES256']) {
      // Born on the platform (the default): non-extractable CryptoKeys, used through WebCrypto.
      const k = alg === 'HS256' ? await generateSecret(alg) : await generateKeyPair(alg);
      const t = await new SignJWT({ sub: alg }).setProtectedHeader({ alg }).setExpirationTime('5m').sign(k.privateKey ?? k);
      out[alg] = out[alg] === (await jwtVerify(t, k.publicKey ?? k)).payload.sub ? alg : 'platform key failed';
    }
    const key = await importJWK(input.jwk, 'ES256');
    out.valid = (await jwtVerify(input.token, key, { issuer: 'https://idp.example', audience: 'api' })).payload.sub;
    // The portable build verifies synchronously everywhere, the default one where the runtime has a
    // synchronous primitive (Node's entry: node:crypto); elsewhere it must refuse, saying what to use.
    const opts = { issuer: 'https://idp.example', audience: 'api' };
    let sync = true;
    try { jwtVerifySync(input.token, key, opts); }
    catch (e) { if (portable || e.jwtcoreCode !== 'feature_disabled' || !/jwtVerify/.test(e.message) || !/jwtcore-portable/.test(e.message)) throw e; sync = false; }
    try { if (sync) jwtVerifySync(input.forged, key, opts); else await jwtVerify(input.forged, key, opts); out.forged = 'accepted'; }
    catch (e) { out.forged = e.code; out.joseError = e instanceof errors.JOSEError; }
  } catch (e) { out.error = String((e && e.stack) || e); }
  globalThis.JWTCORE_DONE(out);
})();
`;

const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
const token = await new jwt.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('10m').sign(privateKey);
const forgedBy = (await jwt.generateKeyPair('ES256')).privateKey;
const forged = await new jwt.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('10m').sign(forgedBy);
const INPUT = { jwk: await jwt.exportJWK(publicKey), token, forged };
const WANT_VERIFY = { valid: 'alice', forged: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', joseError: true };
const WANT_SIGN = { HS256: 'HS256', ES256: 'ES256', EdDSA: 'EdDSA', ...WANT_VERIFY };

// The inlined module each build carries: the bundle holds the selected one's hex (not the other's).
const pkgDist = join(dirname(require.resolve('jwtcore/package.json')), 'dist');
const inlineLen = (name) => statSync(join(pkgDist, name)).size;
function assertInlinedModule(file) {
  const size = statSync(file).size;
  const lite = inlineLen('jwtcore_wasm_inline.js');
  const portable = inlineLen('jwtcore_wasm_portable_inline.js');
  if (PORTABLE) assert.ok(size >= portable, `${file}: ${size} B, less than the portable module's inlined copy (${portable} B)`);
  else assert.ok(size >= lite && size < portable, `${file}: ${size} B, not the lite module's inlined copy (${lite} B) alone`);
}

function project(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  assert.equal(r.status, 0, `${relative(scratch, cmd)} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Raw and gzip bytes of the .js and .wasm files a build wrote (or of the one file `only`). */
function sizes(dir, only) {
  let js = 0;
  let jsGz = 0;
  let wasm = 0;
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (['.js', '.mjs', '.wasm'].includes(extname(p)) && (!only || f === only)) {
        const b = readFileSync(p);
        if (extname(p) === '.wasm') wasm += b.length;
        else {
          js += b.length;
          jsGz += gzipSync(b, { level: 9 }).length;
        }
      }
    }
  };
  walk(dir);
  return `${(js / 1024).toFixed(0)} KiB JS (${(jsGz / 1024).toFixed(0)} KiB gzip)${wasm ? ` + ${(wasm / 1024).toFixed(0)} KiB .wasm` : ''}`;
}

// ---- Chromium ----------------------------------------------------------------------------------

/**
 * Runs the bundled Worker in `dir/out` under miniflare (workerd, its `.wasm` as a CompiledWasm
 * module, as wrangler uploads it) and checks its three answers: the valid token's subject, the
 * forged one's and the missing one's jose error codes.
 */
async function workerVerdicts(dir) {
  const mf = await miniflareFor(dir);
  try {
    const call = async (tok) => {
      const r = await mf.dispatchFetch('http://127.0.0.1/', { headers: tok ? { authorization: `Bearer ${tok}` } : {} });
      return [r.status, await r.json()];
    };
    assert.deepEqual(await call(token), [200, { sub: 'alice' }]);
    assert.deepEqual(await call(forged), [401, { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }]);
    assert.deepEqual(await call(''), [401, { code: 'ERR_JWS_INVALID' }]);
  } finally {
    await mf.dispose();
  }
}

const chromiumPath = '/usr/bin/chromium';
let browser;
async function chromium() {
  if (!browser) {
    const { chromium: c } = await import('playwright-core');
    browser = await c.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }
  return browser;
}
after(() => browser?.close());

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// Sets the input and the result hook before any module script runs (classic scripts run first).
const HOOK = `<script>window.JWTCORE_INPUT = JSON.parse(decodeURIComponent(location.hash.slice(1))); window.JWTCORE_DONE = (r) => { window.__result = r; };</script>`;

/** Serves `dir` on 127.0.0.1, opens `page` in Chromium and returns what the bundle reported. */
async function inChromium(dir, page) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const b = await chromium();
  const tab = await b.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  try {
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}#${encodeURIComponent(JSON.stringify(INPUT))}`);
    await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`no result from ${page}; page errors: ${errors.join('\n')}`);
    });
    return await tab.evaluate(() => window.__result);
  } finally {
    await tab.close();
    server.close();
  }
}

const chromiumSkip = !existsSync(chromiumPath) && 'no /usr/bin/chromium';

// ---- esbuild -----------------------------------------------------------------------------------

test('esbuild --bundle --platform=browser (default iife, and esm): both entries run in Chromium', { skip: chromiumSkip }, async (t) => {
  const dir = project('esbuild', { 'verify.js': VERIFY_ENTRY, 'sign.js': SIGN_ENTRY });
  for (const entry of ['verify', 'sign']) {
    // Exactly what the issue ran, no flags beyond the format.
    run(bin('esbuild'), [`${entry}.js`, '--bundle', '--platform=browser', '--minify', `--outfile=out/${entry}.iife.js`, '--log-level=warning', ...ESBUILD_CONDITIONS], dir);
    run(bin('esbuild'), [`${entry}.js`, '--bundle', '--platform=browser', '--minify', '--format=esm', `--outfile=out/${entry}.esm.js`, '--log-level=warning', ...ESBUILD_CONDITIONS], dir);
    writeFileSync(join(dir, 'out', `${entry}.iife.html`), `<!doctype html>${HOOK}<script src="./${entry}.iife.js"></script>`);
    writeFileSync(join(dir, 'out', `${entry}.esm.html`), `<!doctype html>${HOOK}<script type="module" src="./${entry}.esm.js"></script>`);
    const want = entry === 'verify' ? WANT_VERIFY : WANT_SIGN;
    assert.deepEqual(await inChromium(join(dir, 'out'), `${entry}.iife.html`), want, `${entry} iife`);
    assert.deepEqual(await inChromium(join(dir, 'out'), `${entry}.esm.html`), want, `${entry} esm`);
    assertInlinedModule(join(dir, 'out', `${entry}.iife.js`));
    t.diagnostic(`esbuild ${entry} (iife, minified): ${sizes(join(dir, 'out'), `${entry}.iife.js`)}`);
  }
});

// ---- Vite ----------------------------------------------------------------------------------------

// Vite replaces its default client conditions with `resolve.conditions`, so the portable run adds
// the condition to them.
const VITE_IMPORT = PORTABLE ? "import { defaultClientConditions } from 'vite';\n" : '';
const VITE_RESOLVE = PORTABLE ? "resolve: { conditions: ['jwtcore-portable', ...defaultClientConditions] }, " : '';
const VITE_CONFIG = `${VITE_IMPORT}export default { ${VITE_RESOLVE}};\n`;

test('Vite app build and library build run in Chromium', { skip: chromiumSkip }, async (t) => {
  for (const [entry, want] of [['verify', WANT_VERIFY], ['sign', WANT_SIGN]]) {
    const app = project(`vite-app-${entry}`, {
      'index.html': `<!doctype html>${HOOK}<script type="module" src="./main.js"></script>`,
      'main.js': entry === 'verify' ? VERIFY_ENTRY : SIGN_ENTRY,
      'vite.config.mjs': VITE_CONFIG,
    });
    run(bin('vite'), ['build', '--logLevel', 'warn'], app);
    assert.deepEqual(await inChromium(join(app, 'dist'), 'index.html'), want, `vite app ${entry}`);
    const assets = join(app, 'dist', 'assets');
    const biggest = readdirSync(assets).filter((f) => f.endsWith('.js')).sort((a, b) => statSync(join(assets, b)).size - statSync(join(assets, a)).size)[0];
    assertInlinedModule(join(assets, biggest));
    t.diagnostic(`vite app (${entry}): ${sizes(join(app, 'dist'))}`);
  }
  const lib = project('vite-lib', {
    'lib.js': "export { jwtVerify, importJWK, errors } from 'jwtcore';\n",
    'vite.config.mjs': `${VITE_IMPORT}export default { ${VITE_RESOLVE}build: { lib: { entry: 'lib.js', formats: ['es'], fileName: 'lib' } }, logLevel: 'warn' };\n`,
  });
  run(bin('vite'), ['build'], lib);
  // The library as a consumer would load it: a module importing the built file.
  writeFileSync(join(lib, 'dist', 'consumer.js'), VERIFY_ENTRY.replace("from 'jwtcore'", "from './lib.js'"));
  writeFileSync(join(lib, 'dist', 'index.html'), `<!doctype html>${HOOK}<script type="module" src="./consumer.js"></script>`);
  assert.deepEqual(await inChromium(join(lib, 'dist'), 'index.html'), WANT_VERIFY, 'vite lib');
  t.diagnostic(`vite lib (verify exports): ${sizes(join(lib, 'dist'))}`);
});

// ---- workerd -------------------------------------------------------------------------------------

test("a Worker bundled with wrangler's conditions runs in workerd (miniflare): 200 / 401", async (t) => {
  const dir = project('worker', {
    'worker.js': `import { jwtVerify, jwtVerifySync, importJWKSync } from 'jwtcore';
const key = importJWKSync(${JSON.stringify(INPUT.jwk)}, 'ES256');
export default {
  async fetch(request) {
    const auth = request.headers.get('authorization') || '';
    try {
      // The default build verifies ES256 through WebCrypto (async); the portable one in WebAssembly.
      const verify = ${PORTABLE} ? jwtVerifySync : jwtVerify;
      const { payload } = await verify(auth.replace(/^Bearer /, ''), key, { issuer: 'https://idp.example', audience: 'api' });
      return Response.json({ sub: payload.sub });
    } catch (e) {
      return Response.json({ code: e.code }, { status: 401 });
    }
  },
};
`,
  });
  // wrangler's esbuild settings: its conditions, and .wasm imports kept as separate modules (what its
  // CompiledWasm rule does; the copy loader is esbuild's spelling of it).
  run(bin('esbuild'), ['worker.js', '--bundle', '--format=esm', '--platform=browser', `--conditions=${PORTABLE ? 'jwtcore-portable,' : ''}workerd,worker,browser`, '--loader:.wasm=copy', '--outdir=out', '--log-level=warning'], dir);
  const wasmFile = readdirSync(join(dir, 'out')).find((f) => f.endsWith('.wasm'));
  assert.ok(wasmFile, 'the .wasm was not emitted');
  // The module the condition selects, byte for byte.
  const selected = PORTABLE ? 'jwtcore_wasm_portable_bg.wasm' : 'jwtcore_wasm_bg.wasm';
  assert.ok(readFileSync(join(dir, 'out', wasmFile)).equals(readFileSync(join(pkgDist, selected))), `the worker carries ${wasmFile}, not ${selected}`);
  assert.ok(!readFileSync(join(dir, 'out', 'worker.js'), 'utf8').includes('jwtcore_wasm_inline'), 'the workerd entry must not carry the inlined copy');
  await workerVerdicts(dir);
  t.diagnostic(`worker: ${sizes(join(dir, 'out'))}`);
});

// ---- Deno and Bun --------------------------------------------------------------------------------

const RUNNER = (target) => `globalThis.JWTCORE_INPUT = ${JSON.stringify(INPUT)};
const done = new Promise((r) => { globalThis.JWTCORE_DONE = r; });
await import(${JSON.stringify(target)});
console.log(JSON.stringify(await done));
`;

for (const [runtime, args] of [
  ['deno', ['run', '--quiet', '--no-prompt']],
  ['bun', ['run']],
]) {
  test(`${runtime}: the installed package unbundled and the esbuild bundle`, async () => {
    const dir = project(`${runtime}`, { 'verify.js': VERIFY_ENTRY, 'sign.js': SIGN_ENTRY });
    run(bin('esbuild'), ['sign.js', '--bundle', '--platform=browser', '--format=esm', '--outfile=out/sign.bundle.js', '--log-level=warning', ...ESBUILD_CONDITIONS], dir);
    // Unbundled: `import 'jwtcore'` resolved from node_modules by the runtime itself (no flags, no
    // permissions: Deno gets no read access).
    writeFileSync(join(dir, 'unbundled.mjs'), RUNNER('./sign.js'));
    writeFileSync(join(dir, 'bundled.mjs'), RUNNER('./out/sign.bundle.js'));
    const env = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    for (const script of ['unbundled.mjs', 'bundled.mjs']) {
      const out = run(bin(runtime), [...args, ...RUNTIME_CONDITIONS, script], dir, env);
      assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), WANT_SIGN, `${runtime} ${script}`);
    }
  });
}

// ---- types and packaging -------------------------------------------------------------------------

const CONSUMER_TS = `import { jwtVerify, jwtVerifySync, createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, session, SignJWT, generateSecret, importJWK, importPKCS8 } from 'jwtcore';
import type { CryptoKeyLike, JWTPayload, JWTVerifyOptions, KeyLike, RemoteJWKSet } from 'jwtcore';

// A private key is a CryptoKey in the default build, a KeyLike under jwtcore-portable: the type
// says both, and either signs.
export async function signWith(pem: string): Promise<string> {
  const privateKey: KeyLike | CryptoKeyLike = await importPKCS8(pem, 'ES256');
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
}

type Claims = { scope: string; tenant: number };

export async function handler(token: string): Promise<string> {
  const local = createLocalJWKSet({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' }] });
  const remote: RemoteJWKSet = createRemoteJWKSet(new URL('https://idp.example/jwks'), { timeoutDuration: 2000, maxResponseSize: 65536 });
  using secret = await generateSecret('HS256', { extractable: true });
  const key: KeyLike = await importJWK({ kty: 'oct', k: 'AAAA', alg: 'HS256' });
  const signed: string = await new SignJWT({ scope: 'read', tenant: 1 }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);
  const options: JWTVerifyOptions = { issuer: 'https://idp.example', audience: 'api', clockTolerance: '-10s', maxTokenLength: 16384 };
  const { payload, protectedHeader } = await jwtVerify<Claims>(signed, key, options);
  const tenant: number = payload.tenant;
  const viaSet = jwtVerifySync<Claims>(token, local);
  const viaRemote = await jwtVerify(token, remote);
  const resolved = await jwtVerify(token, async (header) => (header.kid === 'k' ? key : secret));
  const claims: JWTPayload = decodeJwt(token);
  try {
    await jwtVerify(token, remote);
  } catch (e) {
    if (e instanceof errors.JWTExpired) return e.claim + e.code + String(e.payload?.exp);
    if (e instanceof errors.JOSEError) return e.code + (e.jwtcoreCode ?? '');
  }
  // @ts-expect-error maxTokenLength is a number of bytes
  await jwtVerify(token, key, { maxTokenLength: '16k' });
  const keys = new session.SessionKeys({ current: session.generateSessionSecret() });
  const { sessionId, reissue } = keys.verifyCookie('id', keys.signCookie('id', session.newSessionId()));
  return [sessionId, reissue, tenant, viaSet.payload.scope, viaRemote.payload.sub, resolved.key, claims.iss, protectedHeader.alg, remote.fresh].join();
}
`;

// The exports added for jose fidelity (issue 19) and the session calling convention.
const JOSE_TS = `import { compactVerify, CompactSign, FlattenedSign, flattenedVerify, GeneralSign, generalVerify, UnsecuredJWT, base64url, importX509, exportSPKI, exportPKCS8, generateKeyPair, calculateJwkThumbprintUri, EmbeddedJWK, jwtVerify, createRemoteJWKSet, customFetch, jwksCache, compactDecrypt, errors, session } from 'jwtcore';
import type { CompactVerifyResult, FlattenedJWS, GeneralJWS, JWKSCacheInput } from 'jwtcore';

export async function jose(jws: string, pem: string, cache: JWKSCacheInput): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('PS256', { modulusLength: 2048, extractable: true });
  const signed: string = await new CompactSign(base64url.decode('aGk')).setProtectedHeader({ alg: 'PS256' }).sign(privateKey);
  const r: CompactVerifyResult = await compactVerify(signed, publicKey, { algorithms: ['PS256'] });
  const flat: FlattenedJWS = await new FlattenedSign(r.payload).setProtectedHeader({ alg: 'PS256' }).setUnprotectedHeader({ note: 'x' }).sign(privateKey);
  const general: GeneralJWS = await new GeneralSign(r.payload).addSignature(privateKey).setProtectedHeader({ alg: 'PS256' }).sign();
  const f = await flattenedVerify(flat, publicKey);
  const g = await generalVerify(general, async () => publicKey);
  const u = UnsecuredJWT.decode(new UnsecuredJWT({ sub: 'a' }).setExpirationTime('1h').encode(), { audience: 'api' });
  const x = await importX509(pem, 'ES256');
  const spki: string = await exportSPKI(x);
  const pkcs8: string = await exportPKCS8(privateKey);
  const uri: string = await calculateJwkThumbprintUri(x);
  const e = await jwtVerify(jws, EmbeddedJWK);
  const remote = createRemoteJWKSet(new URL('https://idp.example/jwks'), { [customFetch]: (url, init) => fetch(url, { method: init.method }), [jwksCache]: cache });
  await compactDecrypt(jws).catch((err: unknown) => err instanceof errors.JOSENotSupported);
  const ck = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  await compactVerify(jws, ck.publicKey);
  const fam = new session.RefreshFamilies({ current: session.generateSessionSecret() });
  const start = fam.start({ now: 1 });
  const revoked: Uint8Array = fam.revoke(start.record!, { reason: 'logout', now: 2 });
  // @ts-expect-error the former positional form
  fam.revoke(start.record!, 'logout', 2);
  const key = session.storageKey(session.newSessionId(), { pepper: session.generateSessionSecret() });
  return [spki, pkcs8, uri, u.payload.sub, f.unprotectedHeader?.note, g.key, e.protectedHeader.alg, remote.fresh, revoked.length, key, x.type].join();
}
`;

test('tsc --strict compiles a consumer without skipLibCheck (nodenext and bundler resolution)', () => {
  const dir = project('tsc', { 'consumer.ts': CONSUMER_TS, 'jose.ts': JOSE_TS, 'package.json': '{"type":"module"}' });
  // Resolves 'jwtcore' from the scratch project's node_modules, two levels up.
  for (const args of [
    ['--module', 'nodenext', '--target', 'es2022'],
    ['--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022'],
  ]) {
    run(bin('tsc'), ['--strict', '--noEmit', ...args, 'consumer.ts', 'jose.ts'], dir);
  }
  // The check can fail: a wrong option type is reported.
  writeFileSync(join(dir, 'wrong.ts'), "import type { JWTVerifyOptions } from 'jwtcore';\nexport const o: JWTVerifyOptions = { clockTolerance: true };\n");
  const r = spawnSync(bin('tsc'), ['--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', 'wrong.ts'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /wrong\.ts\(2,\d+\): error TS2322/);
  // ... and a private key is not typed as a KeyLike alone (the default build returns a CryptoKey).
  writeFileSync(join(dir, 'wrong-key.ts'), "import { importPKCS8 } from 'jwtcore';\nimport type { KeyLike } from 'jwtcore';\nexport const k = async (pem: string): Promise<KeyLike> => importPKCS8(pem, 'ES256');\n");
  const rk = spawnSync(bin('tsc'), ['--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', 'wrong-key.ts'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(rk.status, 0);
  assert.match(rk.stdout, /wrong-key\.ts\(3,\d+\): error TS2322/);
});

test('publint reports no error and arethetypeswrong no problem (node16 and bundler resolutions)', () => {
  const pkgDir = dirname(require.resolve('jwtcore/package.json'));
  const lint = run(bin('publint'), ['run', pkgDir, '--level', 'warning'], scratch);
  assert.doesNotMatch(lint, /error|warning/i, lint);
  const tgz = readdirSync(join(scratch, '..')).find((f) => /^jwtcore-.*\.tgz$/.test(f));
  assert.ok(tgz, 'no packed tarball next to the scratch project');
  // An ESM-only package: the CommonJS resolutions (node10, node16 from CJS) do not apply. attw
  // exits non-zero on any problem in the others; the two that matter are shown green.
  const attw = run(bin('attw'), [join(scratch, '..', tgz), '--profile', 'esm-only', '--format', 'ascii'], scratch);
  assert.match(attw, /"jwtcore"\s+node16 \(from ESM\): 🟢 \(ESM\)\s+bundler: 🟢/u, attw);
});

// Keeps the esbuild/Vite probes honest: the tool versions that ran.
test('tool versions', (t) => {
  for (const tool of ['esbuild', 'vite', 'tsc']) t.diagnostic(`${tool} ${execFileSync(bin(tool), ['--version'], { encoding: 'utf8' }).trim()}`);
});

// ---- load failures -------------------------------------------------------------------------------

test('a module that could not be loaded says what went wrong (not "__wbindgen_malloc of undefined")', () => {
  const pkgDir = dirname(require.resolve('jwtcore/package.json'));
  const node = (code, cwd) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
  // The API reached without a runtime entry (what a bundler that drops the entries produces).
  let r = node(`const m = await import(${JSON.stringify(pathToFileURL(join(pkgDir, 'dist', 'index.js')).href)}); m.jwtVerifySync('a.b.c', new Uint8Array(32));`, scratch);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /jwtcore: the WebAssembly module was never loaded/);
  assert.doesNotMatch(r.stderr, /__wbindgen_malloc/);
  // The Node entry with its .wasm missing.
  const copy = project('no-wasm', {});
  cpSync(join(pkgDir, 'dist'), join(copy, 'dist'), { recursive: true });
  rmSync(join(copy, 'dist', 'jwtcore_wasm_bg.wasm'));
  writeFileSync(join(copy, 'package.json'), '{"type":"module"}');
  r = node(`await import('./dist/node.js');`, copy);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /jwtcore: cannot read its WebAssembly module at .*jwtcore_wasm_bg\.wasm/);
});

// ---- jwtcore/verify: the verify-only entry ---------------------------------------------------------

test('jwtcore/verify: the esbuild bundle (iife and esm) runs in Chromium and carries only its own module', { skip: chromiumSkip }, async (t) => {
  const dir = project('esbuild-verify-entry', { 'verify.js': VERIFY_ENTRY.replace("from 'jwtcore'", "from 'jwtcore/verify'") });
  run(bin('esbuild'), ['verify.js', '--bundle', '--platform=browser', '--minify', '--outfile=out/verify.iife.js', '--log-level=warning'], dir);
  run(bin('esbuild'), ['verify.js', '--bundle', '--platform=browser', '--minify', '--format=esm', '--outfile=out/verify.esm.js', '--log-level=warning'], dir);
  const esm = readFileSync(join(dir, 'out', 'verify.esm.js'), 'utf8');
  // Only the verify module is inlined: the main module's glue and copy are not in the bundle.
  assert.ok(!esm.includes('__wbg_keylike') && !esm.includes('sessionkeys'), 'the main module came along');
  writeFileSync(join(dir, 'out', 'verify.iife.html'), `<!doctype html>${HOOK}<script src="./verify.iife.js"></script>`);
  writeFileSync(join(dir, 'out', 'verify.esm.html'), `<!doctype html>${HOOK}<script type="module" src="./verify.esm.js"></script>`);
  assert.deepEqual(await inChromium(join(dir, 'out'), 'verify.iife.html'), WANT_VERIFY, 'iife');
  assert.deepEqual(await inChromium(join(dir, 'out'), 'verify.esm.html'), WANT_VERIFY, 'esm');
  t.diagnostic(`esbuild jwtcore/verify (esm, minified): ${sizes(join(dir, 'out'), 'verify.esm.js')}`);
});

test("jwtcore/verify: a Worker bundled with wrangler's conditions runs in workerd (miniflare): 200 / 401", async (t) => {
  const dir = project('worker-verify-entry', {
    'worker.js': `import { jwtVerify, importJWK } from 'jwtcore/verify';
let key; // imported on the first request (no WebCrypto work at global scope)
export default {
  async fetch(request) {
    key ??= importJWK(${JSON.stringify(INPUT.jwk)}, 'ES256');
    const auth = request.headers.get('authorization') || '';
    try {
      const { payload } = await jwtVerify(auth.replace(/^Bearer /, ''), await key, { issuer: 'https://idp.example', audience: 'api' });
      return Response.json({ sub: payload.sub });
    } catch (e) {
      return Response.json({ code: e.code }, { status: 401 });
    }
  },
};
`,
  });
  run(bin('esbuild'), ['worker.js', '--bundle', '--format=esm', '--platform=browser', '--conditions=workerd,worker,browser', '--loader:.wasm=copy', '--outdir=out', '--log-level=warning'], dir);
  const wasmFiles = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasmFiles.length, 1, `one module: ${wasmFiles}`);
  assert.ok(wasmFiles[0].startsWith('jwtcore_verify_bg'), `the verify module, not ${wasmFiles[0]}`);
  assert.ok(!readFileSync(join(dir, 'out', 'worker.js'), 'utf8').includes('jwtcore_verify_inline'), 'the workerd entry must not carry the inlined copy');
  await workerVerdicts(dir);
  t.diagnostic(`worker (jwtcore/verify): ${sizes(join(dir, 'out'))}`);
});

const VERIFY_ENTRY_TS = `import { jwtVerify, compactVerify, createLocalJWKSet, createRemoteJWKSet, customFetch, importJWK, decodeJwt, decodeProtectedHeader, errors } from 'jwtcore/verify';
import type { JWTPayload, LocalJWKSet, RemoteJWKSet, VerifyKey } from 'jwtcore/verify';
export async function check(token: string, jwk: { kty: string; crv?: string; x?: string; y?: string }): Promise<string | undefined> {
  const key: CryptoKey | Uint8Array = await importJWK(jwk, 'ES256');
  const local: LocalJWKSet = createLocalJWKSet({ keys: [jwk] });
  const remote: RemoteJWKSet = createRemoteJWKSet(new URL('https://idp.example/jwks'), { timeoutDuration: 2000, [customFetch]: (u, init) => fetch(u, init as RequestInit) });
  const viaSet = await jwtVerify<{ role: string }>(token, local, { issuer: 'https://idp.example', audience: 'api', clockTolerance: '30s' });
  const role: string = viaSet.payload.role;
  const viaResolver = await jwtVerify(token, async (header) => (header.kid === 'a' ? key : await remote(header)));
  const chosen: VerifyKey = viaResolver.key;
  const jws = await compactVerify(token, key as CryptoKey, { algorithms: ['ES256'] });
  const bytes: Uint8Array = jws.payload;
  const claims: JWTPayload = decodeJwt(token);
  const alg: string | undefined = decodeProtectedHeader(token).alg;
  try {
    await jwtVerify(token, key);
  } catch (e) {
    if (e instanceof errors.JWTExpired) return e.claim;
  }
  return [role, String(chosen), bytes.length, claims.sub, alg].join();
}
`;

test('jwtcore/verify: its types compile under tsc --strict without skipLibCheck (nodenext and bundler resolution)', () => {
  const dir = project('tsc-verify-entry', { 'verify.ts': VERIFY_ENTRY_TS, 'package.json': '{"type":"module"}' });
  for (const args of [
    ['--module', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom'],
    ['--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom'],
  ]) {
    run(bin('tsc'), ['--strict', '--noEmit', ...args, 'verify.ts'], dir);
  }
  // The check can fail: a key of the wrong type is reported.
  writeFileSync(join(dir, 'wrong.ts'), "import { jwtVerify } from 'jwtcore/verify';\nexport const p = jwtVerify('t', 42);\n");
  const r = spawnSync(bin('tsc'), ['--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'wrong.ts'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /wrong\.ts\(2,\d+\): error TS/);
});

for (const [runtime, args] of [
  ['deno', ['run', '--quiet', '--no-prompt']],
  ['bun', ['run']],
]) {
  test(`jwtcore/verify: ${runtime} runs it unbundled and from the esbuild bundle`, async () => {
    const dir = project(`${runtime}-verify-entry`, { 'verify.js': VERIFY_ENTRY.replace("from 'jwtcore'", "from 'jwtcore/verify'") });
    run(bin('esbuild'), ['verify.js', '--bundle', '--platform=browser', '--format=esm', '--outfile=out/verify.bundle.js', '--log-level=warning'], dir);
    writeFileSync(join(dir, 'unbundled.mjs'), RUNNER('./verify.js'));
    writeFileSync(join(dir, 'bundled.mjs'), RUNNER('./out/verify.bundle.js'));
    const env = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    for (const script of ['unbundled.mjs', 'bundled.mjs']) {
      const out = run(bin(runtime), [...args, script], dir, env);
      assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), WANT_VERIFY, `${runtime} ${script}`);
    }
  });
}
