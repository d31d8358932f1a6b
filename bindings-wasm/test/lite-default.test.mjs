// The default build and the `jwtcore-portable` condition (issue 22 items 1-2): by default the
// package loads the lite module (no curve or RSA arithmetic in WebAssembly) and holds private
// asymmetric keys as WebCrypto CryptoKeys, as jose does; where it cannot make a call it says what
// to use instead, as a typed error. Under the condition (JWTCORE_PORTABLE=1, the run with
// --conditions=jwtcore-portable) the portable module keeps private keys in WebAssembly as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as jwt from 'jwtcore';
import * as jose from 'jose';

const PORTABLE = process.env.JWTCORE_PORTABLE === '1';
const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve('jwtcore/package.json')), 'dist');

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecPem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' });
const ecJwk = ec.privateKey.export({ format: 'jwk' });
const ecPublicJwk = ec.publicKey.export({ format: 'jwk' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' });

const isCryptoKey = (k) => k?.constructor?.name === 'CryptoKey';

/** The default build's refusal: typed, naming the async API and the condition, never wasm-bindgen's words. */
function assertLiteRefusal(e, what) {
  assert.ok(e instanceof jwt.errors.JOSENotSupported, `${what}: ${e}`);
  assert.equal(e.code, 'ERR_JOSE_NOT_SUPPORTED', what);
  assert.match(e.message, /jwtcore-portable/, what);
  assert.doesNotMatch(e.message, /__wbindgen|of undefined/, what);
  return true;
}

test('the entry loaded the module the condition selects', () => {
  // A private JWK goes into WebAssembly only where the module has the arithmetic.
  if (PORTABLE) {
    const k = jwt.importJWKSync(ecJwk, 'ES256');
    assert.equal(k.type, 'private');
    k.free();
  } else {
    assert.throws(() => jwt.importJWKSync(ecJwk, 'ES256'), (e) => assertLiteRefusal(e, 'importJWKSync') && e.jwtcoreCode === 'feature_disabled' && /importJWK/.test(e.message));
  }
});

test('importPKCS8 and importJWK give CryptoKeys by default (KeyLikes under the condition)', async () => {
  for (const [alg, pem] of [['ES256', ecPem], ['PS256', rsaPem], ['RS256', rsaPem]]) {
    const key = await jwt.importPKCS8(pem, alg);
    if (PORTABLE) {
      assert.ok(key instanceof jwt.KeyLike, alg);
      continue;
    }
    assert.ok(isCryptoKey(key), alg);
    assert.equal(key.type, 'private');
    assert.equal(key.extractable, false);
    // Signs on the platform; jose (independent code) verifies the token.
    const t = await new jwt.SignJWT({ sub: alg }).setProtectedHeader({ alg }).sign(key);
    const spki = alg === 'ES256' ? ec.publicKey : rsa.publicKey;
    assert.equal((await jose.jwtVerify(t, spki, { algorithms: [alg] })).payload.sub, alg);
    // A key of another family is refused at import, as the core would refuse it.
    await assert.rejects(jwt.importPKCS8(alg === 'ES256' ? rsaPem : ecPem, alg), (e) => e instanceof jwt.errors.JOSEError, alg);
  }
  const fromJwk = await jwt.importJWK(ecJwk, 'ES256');
  assert.equal(isCryptoKey(fromJwk), !PORTABLE);
  // No `alg` anywhere: the curve names it (ES256); an RSA JWK needs one, as in jose.
  const byCurve = await jwt.importJWK(ecJwk);
  if (!PORTABLE) {
    assert.equal(byCurve.algorithm.namedCurve, 'P-256');
    await assert.rejects(jwt.importJWK(rsa.privateKey.export({ format: 'jwk' })), { name: 'TypeError', message: /"alg" argument is required/ });
  }
});

test('extractable: true gives an extractable CryptoKey, exported through WebCrypto', { skip: PORTABLE && 'default build only' }, async () => {
  const key = await jwt.importJWK(ecJwk, 'ES256', { extractable: true });
  assert.ok(isCryptoKey(key));
  assert.equal(key.extractable, true);
  const jwk = await jwt.exportJWK(key);
  assert.deepEqual({ ...jwk }, { kty: 'EC', crv: 'P-256', x: ecJwk.x, y: ecJwk.y, d: ecJwk.d, alg: 'ES256' });
  // PKCS#8 round trip: the exported PEM imports again and signs for the same public key.
  const pem = await jwt.exportPKCS8(key);
  assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
  const again = await jwt.importPKCS8(pem, 'ES256');
  const t = await new jwt.SignJWT({ sub: 'again' }).setProtectedHeader({ alg: 'ES256' }).sign(again);
  assert.equal((await jose.jwtVerify(t, createPublicKey(ec.privateKey))).payload.sub, 'again');
  // The thumbprint is the public key's; a private key has no SPKI.
  assert.equal(await jwt.calculateJwkThumbprint(key), await jwt.calculateJwkThumbprint(ecPublicJwk));
  await assert.rejects(jwt.exportSPKI(key), { name: 'TypeError', message: /not a public key/ });
  // Non-extractable by default: export is refused, as in jose.
  await assert.rejects(jwt.exportJWK(await jwt.importPKCS8(ecPem, 'ES256')), { code: 'ERR_JOSE_NOT_SUPPORTED' });
});

test('generateKeyPair: CryptoKeys, extractable on request, in the default build', { skip: PORTABLE && 'default build only' }, async () => {
  for (const alg of ['ES256', 'EdDSA', 'PS256']) {
    const plain = await jwt.generateKeyPair(alg);
    assert.ok(isCryptoKey(plain.privateKey) && !plain.privateKey.extractable, alg);
    const { privateKey, publicKey } = await jwt.generateKeyPair(alg, { extractable: true });
    assert.ok(isCryptoKey(privateKey) && privateKey.extractable, alg);
    const jwk = await jwt.exportJWK(privateKey);
    assert.equal(jwk.alg, alg);
    assert.ok(jwk.d, alg);
    // Signs asynchronously everywhere and synchronously on Node (KeyObject.from); the public key
    // verifies on both paths with the same verdict.
    const t = await new jwt.SignJWT({ sub: alg }).setProtectedHeader({ alg }).setExpirationTime('5m').sign(privateKey);
    const s = jwt.signSync({ sub: alg, exp: Math.floor(Date.now() / 1000) + 300 }, privateKey, { alg });
    for (const token of [t, s]) {
      assert.equal((await jwt.jwtVerify(token, publicKey)).payload.sub, alg);
      assert.equal(jwt.jwtVerifySync(token, publicKey).payload.sub, alg);
      const { kty, crv, x, y, n, e } = jwk;
      const publicJwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
      assert.equal((await jose.jwtVerify(token, await jose.importJWK(publicJwk, alg))).payload.sub, alg);
    }
  }
});

test('a private JWK the default build cannot hold on the platform says why', { skip: PORTABLE && 'default build only' }, async () => {
  // Marked for encryption: not imported as a signing key (the portable build holds it in WebAssembly).
  await assert.rejects(jwt.importJWK({ ...ecJwk, use: 'enc' }, 'ES256'), (e) => e instanceof jwt.errors.JWKInvalid && /jwtcore-portable/.test(e.message));
  // `alg` disagreeing with the key: the core's verdict on the public half.
  await assert.rejects(jwt.importJWK({ ...ecJwk, alg: 'ES256' }, 'ES384'), { jwtcoreCode: 'alg_key_mismatch' });
  // An algorithm this runtime's WebCrypto lacks (secp256k1): refused, and since the portable
  // module has no ES256K arithmetic either, the message does not send the caller there.
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'jwk' });
  await assert.rejects(jwt.importJWK(k1, 'ES256K'), (e) => e instanceof jwt.errors.JOSENotSupported && /ES256K/.test(e.message) && !/jwtcore-portable/.test(e.message));
  // A private JWK object handed straight to the synchronous signer.
  assert.throws(() => jwt.signSync({ sub: 'x' }, ecJwk, { alg: 'ES256' }), (e) => assertLiteRefusal(e, 'signSync(jwk)'));
});

test('without a synchronous platform primitive the sync API refuses asymmetric keys clearly', { skip: PORTABLE && 'default build only' }, async () => {
  const { privateKey } = await jwt.generateKeyPair('ES256');
  const token = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(privateKey);
  const pub = await jwt.importJWK(ecPublicJwk, 'ES256');
  const other = await new jwt.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(await jwt.importPKCS8(ecPem, 'ES256'));
  // node:crypto switched off, as in a browser: the async API still verifies (WebCrypto), the
  // synchronous one names it and the portable build.
  assert.throws(
    () => jwt._withoutPlatform(() => jwt.jwtVerifySync(other, pub)),
    (e) => assertLiteRefusal(e, 'jwtVerifySync') && e.jwtcoreCode === 'feature_disabled' && /jwtVerify/.test(e.message),
  );
  assert.equal((await jwt.jwtVerify(other, pub)).payload.sub, 'x');
  await assert.rejects(jwt.jwtVerify(token, pub), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  // The browser entry itself, run by Node (no node:crypto hooks): the same refusal for a sync verify.
  const code = `import * as jwt from ${JSON.stringify(pathToFileURL(join(dist, 'browser.js')).href)};
const pub = await jwt.importJWK(${JSON.stringify(ecPublicJwk)}, 'ES256');
try { jwt.jwtVerifySync(${JSON.stringify(other)}, pub); console.log('accepted'); }
catch (e) { console.log(JSON.stringify([e.name, e.code, e.jwtcoreCode, e.message])); }
console.log((await jwt.jwtVerify(${JSON.stringify(other)}, pub)).payload.sub);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(r.status, 0, r.stderr);
  const [line, asyncSub] = r.stdout.trim().split('\n');
  const [name, joseCode, coreCode, message] = JSON.parse(line);
  assert.deepEqual([name, joseCode, coreCode], ['JOSENotSupported', 'ERR_JOSE_NOT_SUPPORTED', 'feature_disabled']);
  assert.match(message, /jwtVerify/);
  assert.match(message, /jwtcore-portable/);
  assert.equal(asyncSub, 'x');
});

// Issue 22: a JWS with any payload and an ECDSA, RSA or Ed25519 public key held in WebAssembly. The
// default build's module has no arithmetic for them: the core's two-phase JWS verify decides, the
// platform computes (node:crypto here; WebCrypto in the next test). Before, every call here was
// refused with feature_disabled in the default build. jose (independent code) signs; the portable
// run gives the same verdicts from WebAssembly's own arithmetic.
test('compactVerify, flattenedVerify and generalVerify with wasm-held asymmetric public keys', async () => {
  const ed = generateKeyPairSync('ed25519');
  const pairs = [
    ['ES256', ec],
    ['RS256', rsa],
    ['PS256', rsa],
    ['EdDSA', ed],
  ];
  // Not UTF-8 and not JSON: only a JWS carries it.
  const payload = new Uint8Array([0, 255, 1, 254, 0x7b, 0x22]);
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const [alg, pair] of pairs) {
    const jws = await new jose.CompactSign(payload).setProtectedHeader({ alg }).sign(pair.privateKey);
    const [h, p, s] = jws.split('.');
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const spki = pair.publicKey.export({ type: 'spki', format: 'pem' });
    const keys = [jwt.importJWKSync(jwk, alg), await jwt.importSPKI(spki, alg), { ...jwk, alg }];
    for (const key of keys) {
      if (!('kty' in key)) assert.ok(key instanceof jwt.KeyLike, alg);
      const r = await jwt.compactVerify(jws, key);
      assert.deepEqual(r.payload, payload, alg);
      assert.deepEqual(r.protectedHeader, { alg });
      // A changed payload, or a changed signature: refused as a signature failure.
      for (const bad of [`${h}.${flip(p, 1)}.${s}`, `${h}.${p}.${flip(s, 5)}`]) {
        await assert.rejects(jwt.compactVerify(bad, key), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', jwtcoreCode: 'bad_signature' }, alg);
      }
      // The key decides the algorithm; the allow-list applies before any arithmetic.
      await assert.rejects(jwt.compactVerify(jws, key, { algorithms: ['HS256'] }), { jwtcoreCode: 'alg_not_allowed' }, alg);
      const flat = await jwt.flattenedVerify({ protected: h, payload: p, signature: s }, key);
      assert.deepEqual(flat.payload, payload, alg);
      const general = { payload: p, signatures: [{ protected: h, signature: flip(s, 5) }, { protected: h, signature: s }] };
      assert.deepEqual((await jwt.generalVerify(general, key)).payload, payload, alg);
    }
    // An unencoded payload (RFC 7797), verified over the payload put back in place.
    const header = { alg, b64: false, crit: ['b64'] };
    const unencoded = await new jose.FlattenedSign(new TextEncoder().encode('$.02')).setProtectedHeader(header).sign(pair.privateKey);
    const key = keys[0];
    assert.equal(new TextDecoder().decode((await jwt.flattenedVerify({ ...unencoded, payload: '$.02' }, key)).payload), '$.02');
    await assert.rejects(jwt.flattenedVerify({ ...unencoded, payload: '$.03' }, key), { jwtcoreCode: 'bad_signature' }, alg);
    // A key set: the core picks by kid; an unknown kid is the set's own error.
    const set = jwt.createLocalJWKSet({ keys: [{ ...jwk, alg, kid: 'k1' }] });
    const withKid = await new jose.CompactSign(payload).setProtectedHeader({ alg, kid: 'k1' }).sign(pair.privateKey);
    assert.deepEqual((await jwt.compactVerify(withKid, set)).payload, payload, alg);
    await assert.rejects(jwt.compactVerify(`${withKid.split('.')[0]}.${flip(withKid.split('.')[1], 1)}.${withKid.split('.')[2]}`, set), { jwtcoreCode: 'bad_signature' }, alg);
    const otherKid = await new jose.CompactSign(payload).setProtectedHeader({ alg, kid: 'k2' }).sign(pair.privateKey);
    await assert.rejects(jwt.compactVerify(otherKid, set), { code: 'ERR_JWKS_NO_MATCHING_KEY' }, alg);
  }
  // A key of another family: the core's mismatch, not a platform error.
  const es = await new jose.CompactSign(payload).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
  await assert.rejects(jwt.compactVerify(es, jwt.importJWKSync(ed.publicKey.export({ format: 'jwk' }), 'EdDSA')), { jwtcoreCode: 'alg_key_mismatch' });
});

test('compactVerify with a wasm-held key in the browser entry: WebCrypto computes', { skip: PORTABLE && 'default build only' }, async () => {
  // The browser entry run by Node has no node:crypto hooks: every algorithm goes to WebCrypto.
  const ed = generateKeyPairSync('ed25519');
  const cases = [];
  for (const [alg, pair] of [['ES256', ec], ['RS256', rsa], ['EdDSA', ed]]) {
    const jws = await new jose.CompactSign(new TextEncoder().encode(`signed by ${alg}`)).setProtectedHeader({ alg }).sign(pair.privateKey);
    const [h, p, s] = jws.split('.');
    cases.push({ alg, jwk: pair.publicKey.export({ format: 'jwk' }), jws, bad: `${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}` });
  }
  const code = `import * as jwt from ${JSON.stringify(pathToFileURL(join(dist, 'browser.js')).href)};
const out = [];
for (const c of ${JSON.stringify(cases)}) {
  const key = jwt.importJWKSync(c.jwk, c.alg);
  out.push(new TextDecoder().decode((await jwt.compactVerify(c.jws, key)).payload));
  out.push(await jwt.compactVerify(c.bad, key).then(() => 'accepted', (e) => e.jwtcoreCode));
}
console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ['signed by ES256', 'bad_signature', 'signed by RS256', 'bad_signature', 'signed by EdDSA', 'bad_signature']);
});
