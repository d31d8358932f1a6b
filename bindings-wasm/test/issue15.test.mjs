// Regression tests for the JS findings of issue 15 (security review of ee0121d), on the installed
// package. Each test names its finding; each failed on the package as it was before the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import * as jwt from 'jwtcore';

const { errors } = jwt;
const now = Math.floor(Date.now() / 1000);
const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An HS256 token MAC'd by hand (what an attacker holding a published `k` can do). */
function hs256(header, claims, k) {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const mac = createHmac('sha256', Buffer.from(k, 'base64url')).update(input).digest('base64url');
  return `${input}.${mac}`;
}

async function ecPair(kid) {
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const pub = await jwt.exportJWK(publicKey);
  return { privateKey, publicKey, jwk: kid === undefined ? pub : { ...pub, kid } };
}

const flipSignature = (t) => {
  const [h, p, s] = t.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[5] ^= 1;
  return `${h}.${p}.${sig.toString('base64url')}`;
};

async function both(token, key, options) {
  // One verdict on the synchronous and the asynchronous path.
  let syncErr;
  let syncOk;
  try {
    syncOk = jwt.jwtVerifySync(token, key, options);
  } catch (e) {
    syncErr = e;
  }
  const asyncRes = await jwt.jwtVerify(token, key, options).then(
    (r) => ({ r }),
    (e) => ({ e }),
  );
  assert.equal(asyncRes.e?.code, syncErr?.code, `async ${asyncRes.e?.message} / sync ${syncErr?.message}`);
  assert.deepEqual(asyncRes.r?.payload, syncOk?.payload);
  if (syncErr) throw syncErr;
  return syncOk;
}

// ---- F1 ------------------------------------------------------------------------------------

test('F1: an oct entry in a public JWK set never verifies (no kid, its kid, HS256 allowed)', async () => {
  const ec = await ecPair('ec-1');
  const k = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  // A provider that (wrongly) publishes a secret next to its public key.
  const JWKS = jwt.createLocalJWKSet({ keys: [ec.jwk, { kty: 'oct', kid: 'hs-1', k }] });
  const claims = { sub: 'attacker', iss: 'https://idp.example', aud: 'api', exp: now + 600 };
  const opts = { issuer: 'https://idp.example', audience: 'api' };
  for (const header of [{ alg: 'HS256' }, { alg: 'HS256', kid: 'hs-1' }]) {
    const forged = hs256(header, claims, k);
    await assert.rejects(both(forged, JWKS, opts), errors.JWKSNoMatchingKey, JSON.stringify(header));
    await assert.rejects(both(forged, JWKS, { ...opts, algorithms: ['HS256', 'ES256'] }), errors.JWKSNoMatchingKey);
    // The resolver called directly (jose's contract) gives the same verdict as the core.
    await assert.rejects(JWKS(header), errors.JWKSNoMatchingKey);
  }
  // The set's real key still verifies its tokens.
  const good = await new jwt.SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).setIssuer('https://idp.example').setAudience('api').setExpirationTime('5m').sign(ec.privateKey);
  assert.equal((await both(good, JWKS, opts)).payload.sub, 'u');
});

test('F1: a private JWK in a public set keeps only its public half (it cannot sign through the resolver)', async () => {
  const { privateKey } = await jwt.generateKeyPair('ES256', { extractable: true });
  const priv = await jwt.exportJWK(privateKey);
  const JWKS = jwt.createLocalJWKSet({ keys: [{ ...priv, kid: 'p' }] });
  const k = await JWKS({ alg: 'ES256', kid: 'p' });
  assert.equal(k.type, 'public');
  assert.throws(() => jwt.signSync({ sub: 'x' }, k, { alg: 'ES256' }), errors.JOSEError);
});

// ---- F2 ------------------------------------------------------------------------------------

test('F2: a negative clockTolerance (number or time span) demands remaining validity, sync and async', async () => {
  const key = await jwt.generateSecret('HS256');
  const soon = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 5).sign(key);
  const later = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 30).sign(key);
  const fresh = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setNotBefore(now - 5).setExpirationTime(now + 600).sign(key);
  const currentDate = new Date(now * 1000);
  for (const clockTolerance of [-10, '-10s', '10 seconds ago', '-10 sec']) {
    await assert.rejects(both(soon, key, { clockTolerance, currentDate }), (e) => e instanceof errors.JWTExpired && e.claim === 'exp', String(clockTolerance));
    await both(later, key, { clockTolerance, currentDate });
    await assert.rejects(both(fresh, key, { clockTolerance, currentDate }), (e) => e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf');
  }
  // Without it, all three are valid.
  for (const t of [soon, later, fresh]) await both(t, key, { currentDate });
});

// ---- F4 ------------------------------------------------------------------------------------

test('F4: 100 concurrent async verifications with distinct options all succeed (ES256 and HS256)', async () => {
  const ec = await ecPair();
  const secret = await jwt.generateSecret('HS256');
  const ecKey = await jwt.importJWK(ec.jwk, 'ES256');
  const N = 100;
  const tokens = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      new jwt.SignJWT({ i })
        .setProtectedHeader({ alg: i % 2 ? 'ES256' : 'HS256' })
        .setAudience(`aud-${i}`)
        .setExpirationTime('5m')
        .sign(i % 2 ? ec.privateKey : secret),
    ),
  );
  // Twice, so the second wave also runs against a policy cache full of the first wave's entries.
  for (let round = 0; round < 2; round++) {
    const results = await Promise.allSettled(tokens.map((t, i) => jwt.jwtVerify(t, i % 2 ? ecKey : secret, { audience: `aud-${i}` })));
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    assert.deepEqual(failed, [], `${failed.length} of ${N} rejected`);
    assert.deepEqual(results.map((r) => r.value.payload.i), tokens.map((_, i) => i));
  }
  // Interleaved with synchronous calls that churn the cache while the async ones are pending.
  const pending = tokens.map((t, i) => jwt.jwtVerify(t, i % 2 ? ecKey : secret, { audience: `aud-${i}` }));
  for (let i = 0; i < 200; i++) jwt.jwtVerifySync(tokens[0], secret, { audience: 'aud-0', clockTolerance: i });
  assert.equal((await Promise.all(pending)).length, N);
});

// ---- F7 ------------------------------------------------------------------------------------

async function serve(handler) {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${server.address().port}/jwks.json`), close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

test('F7: timeoutDuration bounds the whole response: a drip-fed body times out, for every concurrent caller', async () => {
  const ec = await ecPair('k1');
  const token = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setExpirationTime('5m').sign(ec.privateKey);
  const timers = new Set();
  const srv = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const body = JSON.stringify({ keys: [ec.jwk] });
    let i = 0;
    // One byte every 100 ms: the headers arrive at once, the body takes far longer than the timeout.
    const t = setInterval(() => (i < body.length ? res.write(body[i++]) : (clearInterval(t), res.end())), 100);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  });
  try {
    const JWKS = jwt.createRemoteJWKSet(srv.url, { timeoutDuration: 500 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => jwt.jwtVerify(token, JWKS)));
    const elapsed = Date.now() - started;
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof errors.JWKSTimeout, String(r.reason));
    }
    assert.ok(elapsed < 2000, `took ${elapsed} ms with a 500 ms timeout`);
    // The resolver itself (jose's API) is bounded the same way.
    const t0 = Date.now();
    await assert.rejects(JWKS({ alg: 'ES256', kid: 'k1' }), errors.JWKSTimeout);
    assert.ok(Date.now() - t0 < 2000);
  } finally {
    for (const t of timers) clearInterval(t);
    await srv.close();
  }
});

test('F7: the response size is bounded (512 KiB default, maxResponseSize), declared or streamed', async () => {
  const ec = await ecPair('k1');
  const token = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setExpirationTime('5m').sign(ec.privateKey);
  // A valid JWKS padded with whitespace to 2 MiB: only its size is wrong.
  const body = JSON.stringify({ keys: [ec.jwk] }) + ' '.repeat(2 * 1024 * 1024);
  let sent = 0;
  const srv = await serve((req, res) => {
    const chunked = req.url.includes('chunked');
    res.writeHead(200, chunked ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    if (chunked) {
      // Streamed without a length: the reader must stop counting at the limit.
      for (let i = 0; i < body.length; i += 65536) res.write(body.slice(i, i + 65536));
      sent += body.length;
      res.end();
    } else res.end(body);
  });
  try {
    for (const path of ['/jwks.json', '/jwks.json?chunked']) {
      const url = new URL(path, srv.url);
      await assert.rejects(jwt.jwtVerify(token, jwt.createRemoteJWKSet(url)), (e) => e instanceof errors.JOSEError && /maxResponseSize \(524288 bytes\)/.test(e.message), path);
      await assert.rejects(jwt.jwtVerify(token, jwt.createRemoteJWKSet(url, { maxResponseSize: 1024 })), /maxResponseSize \(1024 bytes\)/);
      // Raised, the same document loads and verifies.
      const r = await jwt.jwtVerify(token, jwt.createRemoteJWKSet(url, { maxResponseSize: 4 * 1024 * 1024 }));
      assert.deepEqual(r.protectedHeader, { alg: 'ES256', kid: 'k1' });
    }
    assert.throws(() => jwt.createRemoteJWKSet(srv.url, { maxResponseSize: 0 }), TypeError);
    assert.throws(() => jwt.createRemoteJWKSet(srv.url, { timeoutDuration: NaN }), TypeError);
  } finally {
    await srv.close();
  }
});

// ---- F8 / F15 ------------------------------------------------------------------------------

test('F8: an oversized token is refused before it is copied into wasm, on every entry point', async () => {
  const key = await jwt.generateSecret('HS256');
  const big = `eyJhbGciOiJIUzI1NiJ9.${'A'.repeat(16 * 1024 * 1024)}.sig`;
  const emptySet = jwt.createLocalJWKSet({ keys: [] });
  const before = jwt._wasmMemoryBytes();
  const tooLong = (e) => e instanceof errors.JOSEError && e.jwtcoreCode === 'token_too_long';
  let resolverCalled = false;
  const resolver = () => {
    resolverCalled = true;
    return key;
  };
  assert.throws(() => jwt.jwtVerifySync(big, key), (e) => tooLong(e) && e instanceof errors.JWSInvalid);
  assert.throws(() => jwt.jwtVerifySync(new TextEncoder().encode(big), key), tooLong);
  assert.throws(() => jwt.jwtVerifySync(big, resolver), tooLong);
  await assert.rejects(jwt.jwtVerify(big, key), tooLong);
  await assert.rejects(jwt.jwtVerify(big, resolver), tooLong);
  await assert.rejects(jwt.jwtVerify(big, emptySet), tooLong);
  assert.throws(() => jwt.decodeJwt(big), (e) => tooLong(e) && e instanceof errors.JWTInvalid);
  assert.throws(() => jwt.decodeProtectedHeader(big), (e) => tooLong(e) && e instanceof errors.JWSInvalid);
  assert.equal(resolverCalled, false);
  // A copy of the 16 MiB token (or a scratch buffer sized by it) would grow wasm memory by at least
  // 16 MiB; the error objects themselves need at most a page.
  const grown = jwt._wasmMemoryBytes() - before;
  assert.ok(grown <= 64 * 1024, `wasm memory grew by ${grown} bytes`);
});

test('F15: maxTokenLength raises or lowers the limit (default 64 KiB: a 12 KiB ID token passes)', async () => {
  const key = await jwt.generateSecret('HS256');
  const groups = Array.from({ length: 400 }, (_, i) => `group-${i}-${'x'.repeat(16)}`);
  const idToken = await new jwt.SignJWT({ groups }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key);
  assert.ok(idToken.length > 12 * 1024, String(idToken.length));
  assert.equal((await both(idToken, key)).payload.groups.length, 400);
  assert.equal(jwt.decodeJwt(idToken).groups.length, 400);
  await assert.rejects(both(idToken, key, { maxTokenLength: 4096 }), (e) => e.jwtcoreCode === 'token_too_long');
  const huge = await new jwt.SignJWT({ blob: 'y'.repeat(80 * 1024) }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key);
  await assert.rejects(both(huge, key), (e) => e.jwtcoreCode === 'token_too_long');
  assert.equal((await both(huge, key, { maxTokenLength: 256 * 1024 })).payload.blob.length, 80 * 1024);
  for (const maxTokenLength of [0, -1, 1.5, NaN, '100', 2 ** 40]) {
    assert.throws(() => jwt.jwtVerifySync(idToken, key, { maxTokenLength }), TypeError, String(maxTokenLength));
  }
});

test('F8: a non-ASCII token within the UTF-16 bound is measured in bytes by the core', async () => {
  const key = await jwt.generateSecret('HS256');
  // 40 three-byte characters: 40 UTF-16 units, 120 UTF-8 bytes.
  const t = `${'€'.repeat(40)}.e30.sig`;
  assert.throws(() => jwt.jwtVerifySync(t, key, { maxTokenLength: 100 }), (e) => e.jwtcoreCode === 'token_too_long');
});

// ---- F10 -----------------------------------------------------------------------------------

test('F10: duplicate kids in a set: every candidate is tried on the platform path (ES256, RS256)', async () => {
  for (const alg of ['ES256', 'RS256']) {
    const pairs = await Promise.all([0, 1, 2].map(async () => {
      if (alg === 'ES256') return jwt.generateKeyPair('ES256');
      // RSA keys are imported (generation in wasm is slow); node:crypto makes them.
      const { generateKeyPairSync } = await import('node:crypto');
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return { privateKey: await jwt.importJWK(privateKey.export({ format: 'jwk' }), alg), publicKey: await jwt.importJWK(publicKey.export({ format: 'jwk' }), alg) };
    }));
    const jwks = { keys: await Promise.all(pairs.map(async (p) => ({ ...(await jwt.exportJWK(p.publicKey)), kid: 'same', alg }))) };
    const JWKS = jwt.createLocalJWKSet(jwks);
    for (const [i, p] of pairs.entries()) {
      const t = await new jwt.SignJWT({ i }).setProtectedHeader({ alg, kid: 'same' }).setExpirationTime('5m').sign(p.privateKey);
      assert.equal((await both(t, JWKS)).payload.i, i, `${alg} key ${i}`);
      // No kid at all: also each candidate.
      const noKid = await new jwt.SignJWT({ i }).setProtectedHeader({ alg }).setExpirationTime('5m').sign(p.privateKey);
      assert.equal((await both(noKid, JWKS)).payload.i, i);
      // A forged signature fails against all of them, with the signature error.
      await assert.rejects(both(flipSignature(t), JWKS), errors.JWSSignatureVerificationFailed);
    }
  }
});

test('F9/F10: a kid with quotes, backslashes and control characters selects its key on every path', async () => {
  const kid = 'quote"back\\slash\u0007';
  const ec = await ecPair(kid);
  const other = await ecPair('other');
  const JWKS = jwt.createLocalJWKSet({ keys: [other.jwk, ec.jwk] });
  const t = await new jwt.SignJWT({ ok: 1 }).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime('5m').sign(ec.privateKey);
  assert.equal((await both(t, JWKS)).payload.ok, 1);
  const k = await JWKS({ alg: 'ES256', kid });
  assert.equal(k.kid, kid);
});

// ---- F16 -----------------------------------------------------------------------------------

test('F16: bad option values are TypeErrors (as jose), never cache hits or claim failures', async () => {
  const key = await jwt.generateSecret('HS256');
  const t = await new jwt.SignJWT({ aud: 'a' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(key);
  // Warm the cache with the options NaN would have collided with (JSON.stringify(NaN) === 'null').
  jwt.jwtVerifySync(t, key, { audience: 'a' });
  jwt.jwtVerifySync(t, key, { audience: 'a', maxTokenAge: undefined, clockTolerance: undefined });
  const bad = [
    { maxTokenAge: NaN },
    { maxTokenAge: Infinity },
    { maxTokenAge: -5 },
    { maxTokenAge: 'abc' },
    { clockTolerance: 'abc' },
    { clockTolerance: NaN },
    { clockTolerance: {} },
    { algorithms: 'HS256' },
    { algorithms: [1] },
    { audience: 5 },
    { issuer: [1] },
    { subject: 1 },
    { requiredClaims: 'exp' },
    { currentDate: 'now' },
  ];
  for (const o of bad) {
    assert.throws(() => jwt.jwtVerifySync(t, key, { audience: 'a', ...o }), TypeError, JSON.stringify(o));
    await assert.rejects(jwt.jwtVerify(t, key, { audience: 'a', ...o }), TypeError, JSON.stringify(o));
  }
  // And the good spellings of the same options work.
  jwt.jwtVerifySync(t, key, { audience: 'a', maxTokenAge: '1h', clockTolerance: '5s', algorithms: ['HS256'] });
});

// ---- F17 -----------------------------------------------------------------------------------

test('F17: a freed key (before or during a verification) gives a JOSEError saying so', async () => {
  const ec = await ecPair();
  const token = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(ec.privateKey);
  const freed = /has been freed/;
  const k1 = await jwt.importJWK(ec.jwk, 'ES256');
  k1.free();
  assert.throws(() => jwt.jwtVerifySync(token, k1), (e) => e instanceof errors.JOSEError && freed.test(e.message));
  await assert.rejects(jwt.jwtVerify(token, k1), (e) => e instanceof errors.JOSEError && freed.test(e.message));
  assert.throws(() => k1.algorithm, errors.JOSEError);
  k1.free(); // twice is harmless
  // Freed while the async verification awaits WebCrypto.
  const k2 = await jwt.importJWK(ec.jwk, 'ES256');
  const pending = jwt.jwtVerify(token, k2);
  k2.free();
  await assert.rejects(pending, (e) => e instanceof errors.JOSEError && freed.test(e.message) && !/null pointer/.test(e.message));
  // Session objects too.
  const keys = new jwt.session.SessionKeys({ current: new Uint8Array(32).fill(1) });
  keys.free();
  assert.throws(() => keys.signCookie('id', jwt.session.newSessionId()), (e) => e instanceof errors.SessionError && freed.test(e.message));
});
