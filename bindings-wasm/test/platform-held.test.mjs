// Issues 19 and 22: keys the platform holds (a WebCrypto CryptoKey, extractable or not, and a Node
// KeyObject) sign and verify where they live. The core decides from the platform's description of
// the key (algorithm, curve, hash, modulus length, usages) and makes every check; WebCrypto or
// node:crypto only computes. Checked against jose in both directions, against keys held in
// WebAssembly, on refusals (typed jose errors with the core's codes), and on random tokens against
// the portable path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, generateKeyPairSync, createSecretKey, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import * as jose from 'jose';
import * as jwt from 'jwtcore';

const { subtle } = globalThis.crypto;
const portable = jwt._withoutPlatform;
const enc = (s) => new TextEncoder().encode(s);
const dec = (b) => new TextDecoder().decode(b);

// WebCrypto's parameters per JWS algorithm (as jose's generateKeyPair / generateSecret use them).
const RSA = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const WEB = {
  HS256: { name: 'HMAC', hash: 'SHA-256' },
  HS384: { name: 'HMAC', hash: 'SHA-384' },
  HS512: { name: 'HMAC', hash: 'SHA-512' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES512: { name: 'ECDSA', namedCurve: 'P-521' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', ...RSA },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512', ...RSA },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256', ...RSA },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384', ...RSA },
  EdDSA: { name: 'Ed25519' },
};
const ALGS = Object.keys(WEB);
const isHmac = (alg) => alg.startsWith('HS');

/** Non-extractable platform keys for `alg`: { sign, verify } (one secret for HMAC). */
async function webKeys(alg) {
  if (isHmac(alg)) {
    const k = await subtle.generateKey(WEB[alg], false, ['sign', 'verify']);
    return { sign: k, verify: k };
  }
  const { privateKey, publicKey } = await subtle.generateKey(WEB[alg], false, ['sign', 'verify']);
  assert.equal(privateKey.extractable, false);
  return { sign: privateKey, verify: publicKey };
}

/** Asserts a rejection's jose class and the core's code. */
const refused = (cls, code) => (e) => {
  assert.ok(e instanceof cls, `${e && e.constructor.name}: ${e && e.message}`);
  assert.equal(e.jwtcoreCode, code, e.message);
  return true;
};

const claims = { sub: 'alice', role: 'admin' };
const opts = (alg) => ({ algorithms: [alg] });

test('non-extractable CryptoKeys sign and verify every family, both ways against jose', async () => {
  for (const alg of ALGS) {
    const keys = await webKeys(alg);
    const ours = await new jwt.SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('2h').sign(keys.sign);
    const theirs = await new jose.SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('2h').sign(keys.sign);
    for (const token of [ours, theirs]) {
      assert.equal((await jwt.jwtVerify(token, keys.verify, opts(alg))).payload.role, 'admin', alg);
      assert.equal((await jose.jwtVerify(token, keys.verify, opts(alg))).payload.role, 'admin', alg);
    }
    // The header and claims are the core's: the same bytes jwtcore writes with a wasm-held key.
    assert.deepEqual(jwt.decodeProtectedHeader(ours), { alg }, alg);
    // A flipped signature bit is refused by both.
    const [h, p, s] = ours.split('.');
    const sig = Buffer.from(s, 'base64url');
    sig[sig.length >> 1] ^= 1;
    const forged = `${h}.${p}.${sig.toString('base64url')}`;
    await assert.rejects(jwt.jwtVerify(forged, keys.verify, opts(alg)), (e) => e instanceof jwt.errors.JWSSignatureVerificationFailed, alg);
    await assert.rejects(jose.jwtVerify(forged, keys.verify, opts(alg)), (e) => e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', alg);
  }
});

test('CryptoKey tokens verify with keys held in WebAssembly, and the other way round', async () => {
  for (const alg of ALGS.filter((a) => !isHmac(a) && a !== 'ES512')) {
    const { privateKey, publicKey } = await subtle.generateKey(WEB[alg], true, ['sign', 'verify']);
    const jwkPriv = await subtle.exportKey('jwk', privateKey);
    const jwkPub = await subtle.exportKey('jwk', publicKey);
    delete jwkPriv.key_ops, delete jwkPub.key_ops, delete jwkPriv.ext, delete jwkPub.ext;
    const wasmPriv = await jwt.importJWK({ ...jwkPriv, alg }, alg);
    const wasmPub = await jwt.importJWK({ ...jwkPub, alg }, alg);
    const held = await jwt.signSync({ ...claims, exp: 2e9 }, wasmPriv, { alg }); // wasm / node:crypto
    const onPlatform = await new jwt.SignJWT(claims).setProtectedHeader({ alg }).setExpirationTime('1h').sign(privateKey);
    assert.equal((await jwt.jwtVerify(held, publicKey, opts(alg))).payload.sub, 'alice', alg);
    assert.equal(jwt.jwtVerifySync(onPlatform, wasmPub, opts(alg)).payload.sub, 'alice', alg);
    assert.equal(portable(() => jwt.jwtVerifySync(onPlatform, wasmPub, opts(alg))).payload.sub, 'alice', alg);
  }
});

test('Node KeyObjects sign and verify synchronously in OpenSSL, both ways against jose', async () => {
  const GEN = {
    ES256: ['ec', { namedCurve: 'P-256' }],
    ES384: ['ec', { namedCurve: 'P-384' }],
    ES512: ['ec', { namedCurve: 'P-521' }],
    EdDSA: ['ed25519'],
    RS256: ['rsa', { modulusLength: 2048 }],
    PS256: ['rsa', { modulusLength: 2048 }],
  };
  for (const [alg, args] of Object.entries(GEN)) {
    const { privateKey, publicKey } = generateKeyPairSync(...args);
    const ours = jwt.signSync({ ...claims, exp: 2e9 }, privateKey, { alg });
    const theirs = await new jose.SignJWT(claims).setProtectedHeader({ alg }).setExpirationTime('2h').sign(privateKey);
    for (const token of [ours, theirs]) {
      assert.equal(jwt.jwtVerifySync(token, publicKey, opts(alg)).payload.sub, 'alice', alg);
      assert.equal((await jwt.jwtVerify(token, publicKey, opts(alg))).payload.sub, 'alice', alg);
      assert.equal((await jose.jwtVerify(token, publicKey, opts(alg))).payload.sub, 'alice', alg);
    }
  }
  // An `rsa-pss` key (jose cannot use one on Node 20: no JWK export) serves PS* only.
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048, hashAlgorithm: 'sha384', mgf1HashAlgorithm: 'sha384' });
  const pssToken = jwt.signSync({ exp: 2e9 }, pss.privateKey, { alg: 'PS384' });
  assert.equal(jwt.jwtVerifySync(pssToken, pss.publicKey).payload.exp, 2e9);
  assert.throws(() => jwt.signSync({}, pss.privateKey, { alg: 'RS256' }), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  const secret = createSecretKey(randomBytes(64));
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    const ours = jwt.signSync({ ...claims, exp: 2e9 }, secret, { alg });
    const theirs = await new jose.SignJWT(claims).setProtectedHeader({ alg }).setExpirationTime('2h').sign(secret);
    for (const token of [ours, theirs]) {
      assert.equal(jwt.jwtVerifySync(token, secret).payload.sub, 'alice', alg);
      assert.equal((await jose.jwtVerify(token, secret)).payload.sub, 'alice', alg);
    }
    const other = createSecretKey(randomBytes(64));
    assert.throws(() => jwt.jwtVerifySync(ours, other), jwt.errors.JWSSignatureVerificationFailed);
  }
  // A non-extractable CryptoKey becomes a KeyObject on Node (KeyObject.from): the sync path takes it.
  const { privateKey } = await subtle.generateKey(WEB.ES256, false, ['sign']);
  const token = jwt.signSync({ exp: 2e9 }, KeyObject.from(privateKey), { alg: 'ES256' });
  assert.equal(token.split('.').length, 3);
});

test('the JWS functions take held keys: compact, flattened (detached b64: false), general', async () => {
  for (const alg of ['HS256', 'ES256', 'EdDSA', 'PS256']) {
    const keys = await webKeys(alg);
    const payload = enc('It\u2019s a dangerous business, Frodo');
    const compact = await new jwt.CompactSign(payload).setProtectedHeader({ alg }).sign(keys.sign);
    assert.equal(dec((await jose.compactVerify(compact, keys.verify)).payload), dec(payload), alg);
    const joseCompact = await new jose.CompactSign(payload).setProtectedHeader({ alg }).sign(keys.sign);
    assert.equal(dec((await jwt.compactVerify(joseCompact, keys.verify)).payload), dec(payload), alg);

    const flat = await new jwt.FlattenedSign(payload).setProtectedHeader({ alg }).sign(keys.sign);
    assert.equal(dec((await jose.flattenedVerify(flat, keys.verify)).payload), dec(payload), alg);
    assert.equal(dec((await jwt.flattenedVerify(flat, keys.verify)).payload), dec(payload), alg);

    const header = { alg, b64: false, crit: ['b64'] };
    const detached = await new jwt.FlattenedSign(enc('$.02')).setProtectedHeader(header).sign(keys.sign);
    assert.equal(detached.payload, '', alg);
    const back = await jwt.flattenedVerify({ ...detached, payload: '$.02' }, keys.verify);
    assert.equal(dec(back.payload), '$.02', alg);
    assert.equal(dec((await jose.flattenedVerify({ ...detached, payload: '$.02' }, keys.verify)).payload), '$.02', alg);
    await assert.rejects(jwt.flattenedVerify({ ...detached, payload: '$.03' }, keys.verify), jwt.errors.JWSSignatureVerificationFailed);

    const general = await new jwt.GeneralSign(payload).addSignature(keys.sign).setProtectedHeader({ alg }).sign();
    assert.equal(dec((await jose.generalVerify(general, keys.verify)).payload), dec(payload), alg);
    assert.equal(dec((await jwt.generalVerify(general, keys.verify)).payload), dec(payload), alg);
  }
  // A resolver may return a held key, as in jose.
  const keys = await webKeys('ES384');
  const token = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES384', kid: 'k' }).setExpirationTime('1h').sign(keys.sign);
  const { key } = await jwt.jwtVerify(token, async (h) => (h.kid === 'k' ? keys.verify : undefined));
  assert.equal(key, keys.verify);
});

test('wrong family, wrong curve, HS key for RS alg, short RSA and missing usages are refused by the core', async () => {
  const es256 = await webKeys('ES256');
  const p384 = await webKeys('ES384');
  const hs = await webKeys('HS256');
  const rs = await webKeys('RS256');
  const token = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('1h').sign(es256.sign);
  // The key decides: a P-384 key never checks an ES256 token, an HMAC key never an RS256 one.
  await assert.rejects(jwt.jwtVerify(token, p384.verify), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  await assert.rejects(jwt.jwtVerify(token, hs.verify), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  const rsToken = await new jose.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('1h').sign(rs.sign);
  await assert.rejects(jwt.jwtVerify(rsToken, hs.verify), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  await assert.rejects(new jwt.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(hs.sign), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  await assert.rejects(new jwt.SignJWT({}).setProtectedHeader({ alg: 'ES384' }).sign(es256.sign), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  // RSA under 2048 bits, as the core refuses RSA keys it parses itself.
  const small = await subtle.generateKey({ ...WEB.RS256, modulusLength: 1024 }, false, ['sign', 'verify']);
  const smallToken = await new jose.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('1h').sign(small.privateKey).catch(() => undefined);
  if (smallToken) await assert.rejects(jwt.jwtVerify(smallToken, small.publicKey), refused(jwt.errors.JWKInvalid, 'key_too_small'));
  await assert.rejects(new jwt.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(small.privateKey), refused(jwt.errors.JWKInvalid, 'key_too_small'));
  // An HMAC key shorter than its hash.
  const weak = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 128 }, false, ['sign', 'verify']);
  await assert.rejects(new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(weak), refused(jwt.errors.JWKInvalid, 'weak_hmac_key'));
  // usages: a key without `verify` does not verify, a public key never signs.
  const signOnly = await subtle.generateKey(WEB.HS256, false, ['sign']);
  const hsToken = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(signOnly);
  await assert.rejects(jwt.jwtVerify(hsToken, signOnly), (e) => e instanceof jwt.errors.JOSEError && e.jwtcoreCode === 'key_use_forbidden');
  await assert.rejects(new jwt.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(es256.verify), (e) => e instanceof jwt.errors.JOSEError && e.jwtcoreCode === 'key_not_private');
  // alg: none stays refused whatever the key.
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
  await assert.rejects(jwt.jwtVerify(none, es256.verify), (e) => e instanceof jwt.errors.JOSEError);
  // On Node the synchronous functions take a CryptoKey too (its KeyObject, the same OpenSSL key).
  assert.equal(typeof jwt.jwtVerifySync(token, es256.verify).payload.exp, 'number');
  // A non-extractable Ed25519 public key hides the bytes the core's strict pre-check needs.
  const ed = await subtle.generateKey(WEB.EdDSA, true, ['sign', 'verify']);
  const hidden = await subtle.importKey('raw', await subtle.exportKey('raw', ed.publicKey), 'Ed25519', false, ['verify']);
  const edToken = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).setExpirationTime('1h').sign(ed.privateKey);
  await assert.rejects(jwt.jwtVerify(edToken, hidden), (e) => e instanceof jwt.errors.JOSEError && e.jwtcoreCode === 'key_unsupported');
  assert.throws(() => jwt.jwtVerifySync(edToken, hidden), (e) => e instanceof jwt.errors.JOSEError && e.jwtcoreCode === 'key_unsupported');
  // KeyObjects: the same rules.
  const rsaSmall = generateKeyPairSync('rsa', { modulusLength: 1024 });
  assert.throws(() => jwt.signSync({}, rsaSmall.privateKey, { alg: 'RS256' }), refused(jwt.errors.JWKInvalid, 'key_too_small'));
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  assert.throws(() => jwt.jwtVerifySync(token, ec.publicKey), refused(jwt.errors.JOSEAlgNotAllowed, 'alg_key_mismatch'));
  assert.throws(() => jwt.signSync({}, createSecretKey(randomBytes(16)), { alg: 'HS256' }), refused(jwt.errors.JWKInvalid, 'weak_hmac_key'));
});

test('property: held keys and the portable path give one verdict on random tokens and keys (issue 22 item 4)', async () => {
  const pool = {};
  for (const alg of ['HS256', 'HS512', 'ES256', 'ES384', 'EdDSA', 'RS256', 'PS256']) {
    const extractable = isHmac(alg)
      ? await subtle.generateKey(WEB[alg], true, ['sign', 'verify'])
      : await subtle.generateKey(WEB[alg], true, ['sign', 'verify']);
    const priv = isHmac(alg) ? extractable : extractable.privateKey;
    const pub = isHmac(alg) ? extractable : extractable.publicKey;
    const jwk = await subtle.exportKey('jwk', pub);
    delete jwk.key_ops, delete jwk.ext;
    const wasmKey = await jwt.importJWK({ ...jwk, alg }, alg);
    // A KeyObject made from the CryptoKey keeps the key, not WebCrypto's binding to one hash or
    // padding: its counterpart is the JWK without `alg` (an RSA key then serves RS256, a secret
    // every HMAC algorithm its length allows).
    const { alg: _bound, ...loose } = jwk;
    const ko = KeyObject.from(pub);
    pool[alg] = { priv, pub, wasmKey, ko, wasmLoose: await jwt.importJWK(loose) };
  }
  const verdict = async (f) => {
    try {
      const r = await f();
      return `ok:${JSON.stringify(r.payload)}`;
    } catch (e) {
      return `${e.code}:${e.jwtcoreCode}`;
    }
  };
  const algs = Object.keys(pool);
  const samples = fc.sample(
    fc.tuple(
      fc.constantFrom(...algs),
      // Mostly the signer's own key (so that tokens verify), sometimes another family's.
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constantFrom(...algs), weight: 1 }),
      fc.integer({ min: -3600, max: 7200 }),
      fc.nat(),
      fc.oneof({ arbitrary: fc.constant('none'), weight: 3 }, { arbitrary: fc.constantFrom('sig', 'payload', 'header', 'alg'), weight: 2 }),
      fc.option(fc.constantFrom('iss', 'aud')),
    ),
    80,
  );
  // Every key once on an untouched, valid token too, so acceptance is always compared.
  for (const alg of algs) samples.push([alg, alg, 3600, 7, 'none', null]);
  let accepted = 0;
  for (const [signAlg, otherAlg, expIn, n, mutation, extra] of samples) {
    const verifyAlg = otherAlg ?? signAlg;
    const body = { n, exp: Math.floor(Date.now() / 1000) + expIn };
    if (extra) body[extra] = 'x';
    let token = await new jose.SignJWT(body).setProtectedHeader({ alg: signAlg }).sign(pool[signAlg].priv);
    const [h, p, s] = token.split('.');
    if (mutation === 'sig') token = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BAAA' : 'AAAA'}`;
    if (mutation === 'payload') token = `${h}.${Buffer.from(JSON.stringify({ ...body, n: n + 1 })).toString('base64url')}.${s}`;
    if (mutation === 'header') token = `${Buffer.from(JSON.stringify({ alg: signAlg, crit: ['x'], x: 1 })).toString('base64url')}.${p}.${s}`;
    if (mutation === 'alg') token = `${Buffer.from(JSON.stringify({ alg: verifyAlg })).toString('base64url')}.${p}.${s}`;
    const k = pool[verifyAlg];
    const o = {};
    const wasm = await verdict(() => portable(() => jwt.jwtVerifySync(token, k.wasmKey, o)));
    const web = await verdict(() => jwt.jwtVerify(token, k.pub, o));
    const node = await verdict(() => jwt.jwtVerifySync(token, k.ko, o));
    const loose = await verdict(() => portable(() => jwt.jwtVerifySync(token, k.wasmLoose, o)));
    assert.equal(web, wasm, `${signAlg} -> ${verifyAlg} ${mutation} ${extra}`);
    assert.equal(node, loose, `${signAlg} -> ${verifyAlg} ${mutation} ${extra} (KeyObject)`);
    if (wasm.startsWith('ok')) accepted++;
  }
  assert.ok(accepted >= algs.length, `${accepted} tokens verified`);
});

test('importPKCS8 / importJWK with extractable: false hold a private key on the platform (issue 22)', async () => {
  const isCryptoKey = (k) => typeof k.algorithm === 'object' && Array.isArray(k.usages) && k.extractable === false;
  const cases = {
    ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
    EdDSA: generateKeyPairSync('ed25519'),
    PS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  };
  for (const [alg, { privateKey, publicKey }] of Object.entries(cases)) {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const fromPem = await jwt.importPKCS8(pem, alg, { extractable: false });
    const fromJwk = await jwt.importJWK(privateKey.export({ format: 'jwk' }), alg, { extractable: false });
    for (const key of [fromPem, fromJwk]) {
      assert.ok(isCryptoKey(key), alg);
      await assert.rejects(jwt.exportJWK(key), jwt.errors.JOSENotSupported); // as jose: not extractable
      const async = await new jwt.SignJWT({ n: 1 }).setProtectedHeader({ alg }).setExpirationTime('1h').sign(key);
      const sync = jwt.signSync({ n: 2, exp: 2e9 }, key, { alg }); // on Node, through its KeyObject
      assert.equal((await jose.jwtVerify(async, publicKey)).payload.n, 1, alg);
      assert.equal((await jose.jwtVerify(sync, publicKey)).payload.n, 2, alg);
    }
  }
  // Without the option: a KeyLike, as before.
  const plain = await jwt.importPKCS8(cases.ES256.privateKey.export({ type: 'pkcs8', format: 'pem' }), 'ES256');
  assert.ok(plain instanceof jwt.KeyLike);
  // The core's verdict at import: RSA under 2048 bits, a key of another curve than `alg`.
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  await assert.rejects(jwt.importPKCS8(small, 'RS256', { extractable: false }), refused(jwt.errors.JWKInvalid, 'key_too_small'));
  await assert.rejects(jwt.importPKCS8(cases.ES512.privateKey.export({ type: 'pkcs8', format: 'pem' }), 'ES256', { extractable: false }), jwt.errors.JWKInvalid);
  // A JWK whose key_ops leave out signing, or whose alg disagrees, is left to the core, which refuses it.
  const jwk = cases.ES256.privateKey.export({ format: 'jwk' });
  const verifyOnly = await jwt.importJWK({ ...jwk, key_ops: ['verify'] }, 'ES256', { extractable: false });
  assert.throws(() => jwt.signSync({}, verifyOnly, { alg: 'ES256' }), (e) => e instanceof jwt.errors.JOSEError && e.jwtcoreCode === 'key_use_forbidden');
  await assert.rejects(jwt.importJWK({ ...jwk, alg: 'ES384' }, 'ES256', { extractable: false }), jwt.errors.JOSEError);
});

// jose's documented examples for these calls (its SignJWT / jwtVerify / CompactSign / generateKeyPair
// / generateSecret docs), run as written against each library: only the `jose` binding changes.
const AsyncFunction = (async () => {}).constructor;
const DOCS = {
  signAndVerify: `
const { publicKey, privateKey } = await jose.generateKeyPair('ES256')
const jwt = await new jose.SignJWT({ 'urn:example:claim': true })
  .setProtectedHeader({ alg: 'ES256' })
  .setIssuedAt()
  .setIssuer('urn:example:issuer')
  .setAudience('urn:example:audience')
  .setExpirationTime('2h')
  .sign(privateKey)
const { payload, protectedHeader } = await jose.jwtVerify(jwt, publicKey, {
  issuer: 'urn:example:issuer',
  audience: 'urn:example:audience',
})
console.log(protectedHeader)
console.log(payload['urn:example:claim'])
return { jwt, publicKey, privateKey }`,
  secret: `
const secret = await jose.generateSecret('HS256')
const jwt = await new jose.SignJWT({ 'urn:example:claim': true })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuedAt()
  .setExpirationTime('2h')
  .sign(secret)
const { payload } = await jose.jwtVerify(jwt, secret)
console.log(payload['urn:example:claim'])
return { jwt, secret }`,
  compact: `
const { publicKey, privateKey } = await jose.generateKeyPair('EdDSA')
const jws = await new jose.CompactSign(new TextEncoder().encode('It’s a dangerous business, Frodo, going out your door.'))
  .setProtectedHeader({ alg: 'EdDSA' })
  .sign(privateKey)
const { payload, protectedHeader } = await jose.compactVerify(jws, publicKey)
console.log(protectedHeader)
console.log(new TextDecoder().decode(payload))
return { jws, publicKey }`,
};

async function runDoc(code, lib) {
  const logs = [];
  const out = await new AsyncFunction('jose', 'console', code)(lib, { log: (x) => logs.push(x) });
  return { logs, ...out };
}

test("jose's documented examples run unchanged with platform keys, and each library verifies the other's", async () => {
  for (const [name, code] of Object.entries(DOCS)) {
    const mine = await runDoc(code, jwt);
    const theirs = await runDoc(code, jose);
    assert.deepEqual(mine.logs, theirs.logs, name);
    // Keys born on the platform, as jose's: the private key (or secret) is not extractable.
    const own = mine.privateKey ?? mine.secret;
    if (own) assert.equal(own.extractable, false, name);
    // Cross-check: jose verifies jwtcore's token with jwtcore's key, and the other way round.
    if (name === 'signAndVerify') {
      // jwtcore refuses a token with `aud` when no audience is named (README, "Differences from jose").
      const o = { issuer: 'urn:example:issuer', audience: 'urn:example:audience' };
      assert.equal((await jose.jwtVerify(mine.jwt, mine.publicKey, o)).payload['urn:example:claim'], true);
      assert.equal((await jwt.jwtVerify(theirs.jwt, theirs.publicKey, o)).payload['urn:example:claim'], true);
      assert.equal(jwt.jwtVerifySync(theirs.jwt, theirs.publicKey, o).payload['urn:example:claim'], true); // Node: sync too
    }
    if (name === 'secret') {
      assert.equal((await jose.jwtVerify(mine.jwt, mine.secret)).payload['urn:example:claim'], true);
      assert.equal((await jwt.jwtVerify(theirs.jwt, theirs.secret)).payload['urn:example:claim'], true);
    }
    if (name === 'compact') {
      assert.equal(dec((await jose.compactVerify(mine.jws, mine.publicKey)).payload).slice(0, 4), 'It’s');
      assert.equal(dec((await jwt.compactVerify(theirs.jws, theirs.publicKey)).payload).slice(0, 4), 'It’s');
    }
  }
});
