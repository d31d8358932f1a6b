// Issue 22: asymmetric signing on the platform (node:crypto) through the core's two-phase signing.
// The platform path and the portable (WebAssembly) path must agree: a token either one signs
// verifies on both and with jose; deterministic algorithms (EdDSA, RS*) give byte-identical
// tokens; the header and payload segments are the core's either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import * as jose from 'jose';
import * as jwt from 'jwtcore';

const portable = jwt._withoutPlatform;
const GEN = {
  ES256: ['ec', { namedCurve: 'P-256' }],
  ES384: ['ec', { namedCurve: 'P-384' }],
  EdDSA: ['ed25519'],
  RS256: ['rsa', { modulusLength: 2048 }],
  RS512: ['rsa', { modulusLength: 2048 }],
  PS256: ['rsa', { modulusLength: 2048 }],
  PS384: ['rsa', { modulusLength: 2048 }],
};
const DETERMINISTIC = new Set(['EdDSA', 'RS256', 'RS512']);

// RSA generation is slow: a pool of two RSA pairs; curve keys are fresh for each run.
const rsaPool = [0, 1].map(() => generateKeyPairSync('rsa', { modulusLength: 2048 }));
function pairFor(alg, i) {
  return alg[0] === 'R' || alg[0] === 'P' ? rsaPool[i % 2] : generateKeyPairSync(...GEN[alg]);
}

const claims = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['exp', 'nbf', 'iat', 'aud', 'iss', 'sub', 'jti'].includes(k)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 6 },
).map((o) => JSON.parse(JSON.stringify(o))); // plain objects, as a JWT payload decodes

test('platform and portable signing agree on random claims and keys (every asymmetric alg)', async () => {
  const samples = fc.sample(fc.tuple(fc.constantFrom(...Object.keys(GEN)), claims, fc.nat(), fc.constantFrom('jwk', 'pem')), 40);
  for (const [alg, payload, n, format] of samples) {
    const { privateKey, publicKey } = pairFor(alg, n);
    // Both import routes: a JWK and a PKCS#8 PEM (RSA keys reach OpenSSL through either).
    const priv = format === 'jwk'
      ? await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg })
      : await jwt.importPKCS8(privateKey.export({ format: 'pem', type: 'pkcs8' }), alg);
    const pub = await jwt.importJWK({ ...publicKey.export({ format: 'jwk' }), alg });
    const header = { alg, typ: 'JWT', kid: `k${n}` };
    const onPlatform = jwt.signSync(payload, priv, header);
    const onWasm = portable(() => jwt.signSync(payload, priv, header));
    assert.deepEqual(onPlatform.split('.').slice(0, 2), onWasm.split('.').slice(0, 2), alg);
    if (DETERMINISTIC.has(alg)) assert.equal(onPlatform, onWasm, `${alg}: deterministic signatures differ`);
    const opts = { algorithms: [alg], requiredClaims: [] };
    for (const token of [onPlatform, onWasm]) {
      assert.deepEqual(jwt.jwtVerifySync(token, pub, opts).payload, payload, alg);
      assert.deepEqual(portable(() => jwt.jwtVerifySync(token, pub, opts)).payload, payload, alg);
      assert.deepEqual((await jwt.jwtVerify(token, pub, opts)).payload, payload, alg);
      const josePub = await jose.importJWK({ ...publicKey.export({ format: 'jwk' }), alg }, alg);
      assert.deepEqual((await jose.jwtVerify(token, josePub, { algorithms: [alg] })).payload, payload, alg);
    }
    // One flipped signature bit is refused on both paths.
    const [h, p, s] = onPlatform.split('.');
    const sig = Buffer.from(s, 'base64url');
    sig[n % sig.length] ^= 1 << (n % 8);
    const forged = `${h}.${p}.${sig.toString('base64url')}`;
    assert.throws(() => jwt.jwtVerifySync(forged, pub, opts), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    assert.throws(() => portable(() => jwt.jwtVerifySync(forged, pub, opts)), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    priv.free();
    pub.free();
  }
});

test('JWS over any bytes (CompactSign, FlattenedSign) signs on the platform and verifies on both paths', async () => {
  const samples = fc.sample(fc.tuple(fc.constantFrom('ES256', 'EdDSA', 'RS256', 'PS256'), fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat()), 16);
  for (const [alg, bytes, n] of samples) {
    const { privateKey, publicKey } = pairFor(alg, n);
    const priv = await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg });
    const pub = await jwt.importJWK({ ...publicKey.export({ format: 'jwk' }), alg });
    const jws = await new jwt.CompactSign(bytes).setProtectedHeader({ alg }).sign(priv);
    const josePub = await jose.importJWK({ ...publicKey.export({ format: 'jwk' }), alg }, alg);
    assert.deepEqual(new Uint8Array((await jose.compactVerify(jws, josePub)).payload), bytes, alg);
    assert.deepEqual(new Uint8Array((await jwt.compactVerify(jws, pub)).payload), bytes, alg);
    const flat = await new jwt.FlattenedSign(bytes).setProtectedHeader({ alg }).sign(priv);
    assert.deepEqual(new Uint8Array((await jose.flattenedVerify(flat, josePub)).payload), bytes, alg);
  }
});

test('the core still decides on the platform path: alg mismatch, public keys, freed keys', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const priv = await jwt.importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'ES256' });
  const pub = await jwt.importJWK({ ...publicKey.export({ format: 'jwk' }), alg: 'ES256' });
  for (const run of [(f) => f(), portable]) {
    assert.throws(() => run(() => jwt.signSync({}, priv, { alg: 'ES384' })), { jwtcoreCode: 'alg_key_mismatch' });
    assert.throws(() => run(() => jwt.signSync({}, pub, { alg: 'ES256' })), { jwtcoreCode: 'key_not_private' });
    assert.throws(() => run(() => jwt.signSync({}, priv, { alg: 'ES256', crit: ['exp'] })));
  }
  const rsa = rsaPool[0];
  const rk = await jwt.importPKCS8(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }), 'RS256');
  jwt.signSync({}, rk, { alg: 'RS256' });
  rk.free();
  assert.throws(() => jwt.signSync({}, rk, { alg: 'RS256' }), /freed/);
  priv.free();
  assert.throws(() => jwt.signSync({}, priv, { alg: 'ES256' }), /freed/);
});

test('_withoutPlatform restores the hooks and refuses async functions', () => {
  assert.throws(() => jwt._withoutPlatform(async () => 1), TypeError);
  assert.equal(jwt._withoutPlatform(() => 7), 7);
});
