// jose-style usage of every export and option, interop both ways with the real jose package, and
// the session API, all on the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import * as jose from 'jose';
import * as jwt from 'jwtcore';

const { errors } = jwt;
const now = Math.floor(Date.now() / 1000);
const ALGS = ['HS256', 'HS384', 'HS512', 'ES256', 'ES384', 'EdDSA', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

async function josePair(alg) {
  if (alg.startsWith('HS')) {
    const bytes = { HS256: 32, HS384: 48, HS512: 64 }[alg];
    const secret = crypto.getRandomValues(new Uint8Array(bytes));
    const jwk = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
    return { joseSign: secret, joseVerify: secret, jwk, pubJwk: jwk };
  }
  const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
  return { joseSign: privateKey, joseVerify: publicKey, jwk: await jose.exportJWK(privateKey), pubJwk: await jose.exportJWK(publicKey) };
}

for (const alg of ALGS) {
  test(`interop ${alg}: jose signs, jwtcore verifies; jwtcore signs, jose verifies`, async () => {
    const p = await josePair(alg);
    const claims = { sub: 'alice', iss: 'https://idp.example', aud: 'api', n: 1 };
    const fromJose = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(p.joseSign);
    const verifyKey = await jwt.importJWK(p.pubJwk, alg);
    const r = await jwt.jwtVerify(fromJose, verifyKey, { algorithms: [alg], issuer: claims.iss, audience: 'api' });
    assert.equal(r.payload.sub, 'alice');
    assert.deepEqual(r.protectedHeader, { alg, typ: 'JWT', kid: 'k1' });

    const signKey = await jwt.importJWK(p.jwk, alg);
    const fromCore = await new jwt.SignJWT(claims).setProtectedHeader({ alg, kid: 'k2' }).setIssuedAt().setExpirationTime('10m').sign(signKey);
    const back = await jose.jwtVerify(fromCore, p.joseVerify, { algorithms: [alg], issuer: claims.iss, audience: 'api' });
    assert.equal(back.payload.n, 1);
    assert.equal(back.protectedHeader.kid, 'k2');

    // A flipped signature byte fails on both sides with the same code.
    const parts = fromCore.split('.');
    const sig = Buffer.from(parts[2], 'base64url');
    sig[0] ^= 1;
    const forged = `${parts[0]}.${parts[1]}.${sig.toString('base64url')}`;
    await assert.rejects(jwt.jwtVerify(forged, verifyKey), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    await assert.rejects(jose.jwtVerify(forged, p.joseVerify), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
}

test('Node KeyObjects and JWK objects are accepted directly as keys', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const token = jwt.signSync({ sub: 'x' }, privateKey, { alg: 'EdDSA' });
  assert.equal(jwt.jwtVerifySync(token, publicKey).payload.sub, 'x');
  assert.equal(jwt.jwtVerifySync(token, publicKey.export({ format: 'jwk' })).payload.sub, 'x');
});

test('claim options: issuer, audience, subject, typ, requiredClaims, clockTolerance, maxTokenAge, currentDate', async () => {
  const key = await jwt.generateSecret('HS256');
  const t = await new jwt.SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer('iss-a')
    .setSubject('sub-a')
    .setAudience(['aud-1', 'aud-2'])
    .setJti('id-1')
    .setIssuedAt(now - 100)
    .setNotBefore(new Date((now - 50) * 1000))
    .setExpirationTime(now + 100)
    .sign(key);
  const ok = await jwt.jwtVerify(t, key, { issuer: ['x', 'iss-a'], audience: 'aud-2', subject: 'sub-a', typ: 'application/at+jwt', requiredClaims: ['jti', 'role'] });
  assert.equal(ok.payload.jti, 'id-1');

  const fail = async (opts, cls, claim, reason) => {
    const e = await jwt.jwtVerify(t, key, { audience: 'aud-1', ...opts }).then(() => null, (x) => x);
    assert.ok(e instanceof cls, `${JSON.stringify(opts)}: ${e}`);
    if (claim) assert.equal(e.claim, claim);
    if (reason) assert.equal(e.reason, reason);
    if (claim) assert.equal(e.payload.role, 'admin', 'claim errors carry the verified payload');
    return e;
  };
  await fail({ issuer: 'other' }, errors.JWTClaimValidationFailed, 'iss', 'check_failed');
  await fail({ audience: 'other' }, errors.JWTClaimValidationFailed, 'aud', 'check_failed');
  await fail({ subject: 'other' }, errors.JWTClaimValidationFailed, 'sub', 'check_failed');
  await fail({ typ: 'JWT' }, errors.JWTClaimValidationFailed, 'typ', 'check_failed');
  await fail({ requiredClaims: ['tenant'] }, errors.JWTClaimValidationFailed, 'tenant', 'missing');
  await fail({ currentDate: new Date((now + 200) * 1000) }, errors.JWTExpired, 'exp');
  await fail({ currentDate: new Date((now - 80) * 1000) }, errors.JWTClaimValidationFailed, 'nbf');
  await fail({ maxTokenAge: 30 }, errors.JWTExpired, 'iat');
  await fail({ maxTokenAge: '30s' }, errors.JWTExpired, 'iat');
  await fail({ algorithms: ['HS512'] }, errors.JOSEAlgNotAllowed);
  // Tolerance rescues a token expired 10 s ago, as a number or a time span.
  await jwt.jwtVerify(t, key, { audience: 'aud-1', currentDate: new Date((now + 110) * 1000), clockTolerance: 30 });
  await jwt.jwtVerify(t, key, { audience: 'aud-1', currentDate: new Date((now + 110) * 1000), clockTolerance: '1 minute' });
  assert.throws(() => jwt.jwtVerifySync(t, key, { clockTolerance: 'a while' }), TypeError);
  // A negative tolerance is PyJWT's negative leeway (jose refuses it): 50 s left, 60 s demanded.
  await fail({ currentDate: new Date((now + 50) * 1000), clockTolerance: -60 }, errors.JWTExpired, 'exp');
  await jwt.jwtVerify(t, key, { audience: 'aud-1', currentDate: new Date((now + 50) * 1000), clockTolerance: '-40s' });
  // Unlike jose, a token naming an audience is refused when the verifier names none (checklist 5.5).
  await fail({ audience: undefined }, errors.JWTClaimValidationFailed, 'aud', 'check_failed');
});

test('exp == now is expired (jose), and tokens without exp verify unless required', async () => {
  const key = await jwt.generateSecret('HS256');
  const t = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now).sign(key);
  await assert.rejects(jwt.jwtVerify(t, key, { currentDate: new Date(now * 1000) }), errors.JWTExpired);
  const noExp = await new jwt.SignJWT({ a: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  assert.equal((await jwt.jwtVerify(noExp, key)).payload.a, 1);
  await assert.rejects(jwt.jwtVerify(noExp, key, { requiredClaims: ['exp'] }), { claim: 'exp', reason: 'missing' });
});

test('time spans on the builder', async () => {
  const key = await jwt.generateSecret('HS256');
  const t = await new jwt.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setNotBefore('-1h').setExpirationTime('2 hours').sign(key);
  const { payload } = await jwt.jwtVerify(t, key);
  assert.ok(Math.abs(payload.exp - payload.iat - 7200) <= 1);
  assert.ok(Math.abs(payload.iat - payload.nbf - 3600) <= 1);
  assert.throws(() => new jwt.SignJWT({}).setExpirationTime('1 month'), errors.JWTClaimValidationFailed);
  assert.throws(() => new jwt.SignJWT({}).setExpirationTime(NaN), TypeError);
  assert.throws(() => new jwt.SignJWT([]), TypeError);
});

test('the key decides the algorithm family; alg none never verifies', async () => {
  const hs = await jwt.generateSecret('HS256');
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256');
  const es = jwt.signSync({ a: 1 }, privateKey, { alg: 'ES256' });
  await assert.rejects(jwt.jwtVerify(es, hs), errors.JOSEAlgNotAllowed);
  // An HS256 token "signed" with the public key's JWK text must not verify with that public key.
  const pubText = JSON.stringify(await jwt.exportJWK(publicKey));
  const confused = await new jose.SignJWT({ a: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pubText));
  await assert.rejects(jwt.jwtVerify(confused, publicKey), errors.JOSEAlgNotAllowed);
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"a":1}').toString('base64url')}.`;
  await assert.rejects(jwt.jwtVerify(none, hs), errors.JOSEAlgNotAllowed);
  await assert.rejects(jwt.jwtVerify(none, publicKey), errors.JOSEAlgNotAllowed);
  assert.throws(() => jwt.signSync({}, hs, { alg: 'none' }), errors.JOSEAlgNotAllowed);
  assert.throws(() => jwt.signSync({}, hs, { alg: 'HS256', b64: false }), errors.JWTInvalid);
  assert.throws(() => jwt.signSync({}, publicKey, { alg: 'ES256' }), errors.JOSEError);
});

test('decodeJwt and decodeProtectedHeader', async () => {
  const key = await jwt.generateSecret('HS512');
  const t = jwt.signSync({ sub: 'z' }, key, { alg: 'HS512', kid: 'a' });
  assert.deepEqual(jwt.decodeJwt(t), { sub: 'z' });
  assert.deepEqual(jwt.decodeProtectedHeader(t), { alg: 'HS512', kid: 'a' });
  assert.throws(() => jwt.decodeJwt('a.b'), errors.JWTInvalid);
  assert.throws(() => jwt.decodeJwt('a.b.c.d.e'), /Compact JWS/);
  assert.throws(() => jwt.decodeJwt(`${t.split('.')[0]}.${Buffer.from('[1]').toString('base64url')}.x`), errors.JWTInvalid);
  assert.throws(() => jwt.decodeProtectedHeader('abc'), errors.JWSInvalid);
});

test('createLocalJWKSet: kid/alg selection, rotation, mixed sets', async () => {
  const a = await jose.generateKeyPair('ES256', { extractable: true });
  const b = await jose.generateKeyPair('EdDSA', { extractable: true });
  const jwks = {
    keys: [
      { ...(await jose.exportJWK(a.publicKey)), kid: 'a', alg: 'ES256', use: 'sig' },
      { ...(await jose.exportJWK(b.publicKey)), kid: 'b' },
      { kty: 'RSA', kid: 'r', n: 'AQAB', e: 'AQAB' },
      { kty: 'EC', crv: 'secp256k1', kid: 'k', x: 'AA', y: 'AA' },
    ],
  };
  const set = jwt.createLocalJWKSet(jwks);
  const ta = await new jose.SignJWT({ who: 'a' }).setProtectedHeader({ alg: 'ES256', kid: 'a' }).sign(a.privateKey);
  const tb = await new jose.SignJWT({ who: 'b' }).setProtectedHeader({ alg: 'EdDSA', kid: 'b' }).sign(b.privateKey);
  assert.equal((await jwt.jwtVerify(ta, set)).payload.who, 'a');
  assert.equal(jwt.jwtVerifySync(tb, set).payload.who, 'b');
  const unknownKid = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'zzz' }).sign(a.privateKey);
  await assert.rejects(jwt.jwtVerify(unknownKid, set), errors.JWKSNoMatchingKey);
  // Called directly, the resolver returns the key jose would.
  const k = await set({ alg: 'EdDSA', kid: 'b' });
  assert.equal(k.type, 'public');
  assert.equal(k.algorithm, 'EdDSA');
  // A public set holds no secrets: an HMAC header finds no key (jose: JOSENotSupported).
  await assert.rejects(set({ alg: 'HS256' }), errors.JWKSNoMatchingKey);
  assert.deepEqual(set.jwks(), jwks);
  assert.throws(() => jwt.createLocalJWKSet({ keys: 'x' }), errors.JWKSInvalid);
  // A user resolver (sync or async) gets the header and its key is returned.
  const r = await jwt.jwtVerify(ta, async (h) => (h.kid === 'a' ? jwt.importJWK(jwks.keys[0]) : null));
  assert.equal(r.key.algorithm, 'ES256');
});

test('keys: importSPKI/importPKCS8, exportJWK round trip, thumbprint, free()', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'pem' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const pub = await jwt.importSPKI(spki, 'ES256');
  const priv = await jwt.importPKCS8(pkcs8, 'ES256');
  assert.equal(pub.type, 'public');
  assert.equal(priv.type, 'private');
  const t = jwt.signSync({ x: 1 }, priv, { alg: 'ES256' });
  assert.equal(jwt.jwtVerifySync(t, pub).payload.x, 1);
  await assert.rejects(jwt.importSPKI(pkcs8, 'ES256'), TypeError);
  await assert.rejects(jwt.importSPKI(spki, 'EdDSA'), errors.JOSEError);
  const jwk = await jwt.exportJWK(pub);
  assert.equal(jwk.kty, 'EC');
  assert.equal(await jwt.calculateJwkThumbprint(pub), await jose.calculateJwkThumbprint(jwk));
  const secret = await jwt.generateSecret('HS384', { extractable: true });
  const exported = await jwt.exportJWK(secret);
  assert.equal(Buffer.from(exported.k, 'base64url').length, 48);
  assert.equal(secret.type, 'secret');
  pub.free();
  assert.throws(() => jwt.jwtVerifySync(t, pub), errors.JOSEError);
  // Short HMAC secrets are refused (RFC 7518 §3.2).
  await assert.rejects(jwt.importJWK({ kty: 'oct', k: 'c2hvcnQ' }, 'HS256'), { jwtcoreCode: 'weak_hmac_key' });
  // An oct JWK without alg serves each HMAC algorithm its length allows.
  const oct = await jwt.importJWK({ kty: 'oct', k: Buffer.alloc(48, 7).toString('base64url') });
  const t384 = jwt.signSync({}, oct, { alg: 'HS384' });
  assert.equal(jwt.decodeProtectedHeader(t384).alg, 'HS384');
  jwt.jwtVerifySync(t384, oct);
  assert.throws(() => jwt.signSync({}, oct, { alg: 'HS512' }), errors.JOSEError);
});

test('crit: unknown extensions are rejected, declared ones accepted', async () => {
  const key = await jwt.generateSecret('HS256');
  const t = jwt.signSync({}, key, { alg: 'HS256', crit: ['exp-ext'], 'exp-ext': 1 });
  await assert.rejects(jwt.jwtVerify(t, key), errors.JOSENotSupported);
  await jwt.jwtVerify(t, key, { crit: { 'exp-ext': true } });
});

test('sessions: IDs, signed cookies with key rotation, storage keys, cookie headers', () => {
  const s = jwt.session;
  const id = s.newSessionId();
  assert.match(id, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(id, s.newSessionId());
  const oldKey = s.generateSessionSecret();
  const old = new s.SessionKeys({ current: oldKey });
  const value = old.signCookie('__Host-id', id);
  assert.deepEqual(old.verifyCookie('__Host-id', value), { sessionId: id, reissue: false });
  const rotated = new s.SessionKeys({ current: s.generateSessionSecret(), previous: [oldKey] });
  assert.deepEqual(rotated.verifyCookie('__Host-id', value), { sessionId: id, reissue: true });
  assert.throws(() => rotated.verifyCookie('other', value), { jwtcoreCode: 'session_cookie_signature' });
  assert.throws(() => old.verifyCookie('__Host-id', `${value}x`), { jwtcoreCode: 'session_cookie_malformed' });
  assert.throws(() => old.verifyCookie('__Host-id', value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), errors.SessionError);
  const key1 = s.storageKey(id);
  assert.match(key1, /^s1:[0-9a-f]{64}$/);
  assert.equal(key1, s.storageKey(id));
  assert.notEqual(key1, s.storageKey(id, { pepper: s.generateSessionSecret() }));
  const cookie = new s.SessionCookie({ maxAge: 3600 });
  assert.equal(cookie.serialize('v'), '__Host-id=v; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax');
  assert.match(cookie.clear(), /Max-Age=0/);
  assert.throws(() => new s.SessionCookie({ name: '__Host-x', path: '/app' }), errors.SessionError);
  assert.throws(() => new s.SessionCookie({ sameSite: 'None', secure: false, name: 'sid' }), errors.SessionError);
  assert.equal(s.findCookie('a=1; __Host-id=abc; b=2', '__Host-id'), 'abc');
  assert.equal(s.findCookie('a=1', '__Host-id'), undefined);
  assert.throws(() => s.findCookie('__Host-id=1; __Host-id=2', '__Host-id'), { jwtcoreCode: 'session_cookie_duplicate' });
  assert.throws(() => s.storageKey('short'), errors.SessionError);
});

test('refresh families: rotation, grace retry, reuse detection, revocation', () => {
  const s = jwt.session;
  const fam = new s.RefreshFamilies({ current: s.generateSessionSecret(), grace: 10 });
  const start = fam.start({ now: 1000 });
  assert.equal(start.kind, 'start');
  assert.equal(start.record.length, 160);
  assert.equal(fam.familyOf(start.token), start.family);
  const r1 = fam.decide(start.record, start.token, { now: 1010 });
  assert.equal(r1.kind, 'rotate');
  assert.equal(r1.expectVersion, 0);
  assert.notEqual(r1.token, start.token);
  // The old token again within the grace window: the same successor.
  const retry = fam.decide(r1.record, start.token, { now: 1015 });
  assert.equal(retry.kind, 'grace_retry');
  assert.equal(retry.token, r1.token);
  // ... and after it: reuse, the family is revoked.
  const reuse = fam.decide(r1.record, start.token, { now: 1100 });
  assert.equal(reuse.kind, 'reuse_detected');
  const after = fam.decide(reuse.record, r1.token, { now: 1101 });
  assert.equal(after.kind, 'reject');
  assert.equal(after.reason, 'refresh_revoked');
  const forged = fam.decide(start.record, start.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), { now: 1010 });
  assert.equal(forged.kind, 'reject');
  const other = new s.RefreshFamilies({ current: s.generateSessionSecret() });
  assert.throws(() => other.familyOf(start.token), errors.SessionError);
  const revoked = fam.revoke(r1.record, { reason: 'logout', now: 1020 });
  assert.equal(fam.decide(revoked, r1.token, { now: 1021 }).reason, 'refresh_revoked');
  assert.throws(() => fam.decide(new Uint8Array(5), r1.token), { jwtcoreCode: 'session_record_malformed' });
});

test('async ECDSA/RSA verification hands only the arithmetic to WebCrypto, and obeys its verdict', async () => {
  const { privateKey, publicKey } = await jwt.generateKeyPair('ES256', { extractable: true });
  const t = await new jwt.SignJWT({ sub: 'w' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('1h').sign(privateKey);
  const expired = await new jwt.SignJWT({ sub: 'w' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('-1h').sign(privateKey);
  const hs = await jwt.generateSecret('HS256', { extractable: true });
  const th = jwt.signSync({ sub: 'h' }, hs, { alg: 'HS256' });
  const original = crypto.subtle.verify;
  const calls = [];
  let verdict = null;
  crypto.subtle.verify = async function (...args) {
    calls.push(args[0]);
    const real = await original.apply(this, args);
    return verdict === null ? real : verdict;
  };
  try {
    assert.equal((await jwt.jwtVerify(t, publicKey)).payload.sub, 'w');
    assert.deepEqual(calls, [{ name: 'ECDSA', hash: 'SHA-256' }]);
    // WebCrypto says no: a signature error, and the (expired) claims are never looked at.
    verdict = false;
    await assert.rejects(jwt.jwtVerify(expired, publicKey), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    // WebCrypto says yes: the core still validates the claims.
    verdict = true;
    await assert.rejects(jwt.jwtVerify(expired, publicKey), { code: 'ERR_JWT_EXPIRED' });
    calls.length = 0;
    jwt.jwtVerifySync(t, publicKey); // the sync path stays in wasm
    await jwt.jwtVerify(th, hs); // HMAC stays in wasm
    assert.deepEqual(calls, []);
    // A forged r = s = 0 signature is refused by the core before WebCrypto sees it.
    const zero = `${t.split('.').slice(0, 2).join('.')}.${'A'.repeat(86)}`;
    await assert.rejects(jwt.jwtVerify(zero, publicKey), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    assert.deepEqual(calls, []);
  } finally {
    crypto.subtle.verify = original;
  }
});

test('createRemoteJWKSet: fetch, cache, refetch on an unknown kid with a cooldown, HTTP failures', async () => {
  const a = await jose.generateKeyPair('ES256', { extractable: true });
  const b = await jose.generateKeyPair('ES256', { extractable: true });
  const jwkA = { ...(await jose.exportJWK(a.publicKey)), kid: 'a', alg: 'ES256' };
  const jwkB = { ...(await jose.exportJWK(b.publicKey)), kid: 'b', alg: 'ES256' };
  let keys = [jwkA];
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/redirect') return res.writeHead(302, { location: '/jwks' }).end();
    if (req.url === '/error') return res.writeHead(500).end('{}');
    if (req.url === '/slow') return setTimeout(() => res.end(JSON.stringify({ keys })), 300);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const sign = (k, kid) => new jose.SignJWT({ sub: kid }).setProtectedHeader({ alg: 'ES256', kid }).sign(k.privateKey);
    const set = jwt.createRemoteJWKSet(new URL(`${base}/jwks`), { cooldownDuration: 0 });
    const first = await sign(a, 'a');
    assert.throws(() => jwt.jwtVerifySync(first, set), errors.JOSEError); // not fetched yet
    assert.equal((await jwt.jwtVerify(await sign(a, 'a'), set)).payload.sub, 'a');
    assert.equal((await jwt.jwtVerify(await sign(a, 'a'), set)).payload.sub, 'a');
    assert.equal(jwt.jwtVerifySync(await sign(a, 'a'), set).payload.sub, 'a');
    assert.equal(hits, 1, 'served from the cache');
    // Rotation: the new kid makes one refetch, which finds it.
    keys = [jwkA, jwkB];
    assert.equal((await jwt.jwtVerify(await sign(b, 'b'), set)).payload.sub, 'b');
    assert.equal(hits, 2);
    // An unknown kid refetches once, then fails.
    await assert.rejects(jwt.jwtVerify(await sign(b, 'zzz'), set), errors.JWKSNoMatchingKey);
    assert.equal(hits, 3);
    // Within the cooldown, no refetch.
    const cool = jwt.createRemoteJWKSet(new URL(`${base}/jwks`), { cooldownDuration: 60000 });
    await jwt.jwtVerify(await sign(a, 'a'), cool);
    const before = hits;
    await assert.rejects(jwt.jwtVerify(await sign(b, 'zzz'), cool), errors.JWKSNoMatchingKey);
    assert.equal(hits, before);
    assert.equal(cool.coolingDown, true);
    assert.equal(cool.jwks().keys.length, 2);
    // Failures: status, redirect (not followed), timeout, unreachable.
    await assert.rejects(jwt.jwtVerify(await sign(a, 'a'), jwt.createRemoteJWKSet(new URL(`${base}/error`))), { code: 'ERR_JOSE_GENERIC' });
    await assert.rejects(jwt.jwtVerify(await sign(a, 'a'), jwt.createRemoteJWKSet(new URL(`${base}/redirect`))), { code: 'ERR_JOSE_GENERIC' });
    await assert.rejects(
      jwt.jwtVerify(await sign(a, 'a'), jwt.createRemoteJWKSet(new URL(`${base}/slow`), { timeoutDuration: 50 })),
      errors.JWKSTimeout,
    );
    await assert.rejects(jwt.jwtVerify(await sign(a, 'a'), jwt.createRemoteJWKSet(new URL('http://127.0.0.1:1/jwks'))), errors.JOSEError);
  } finally {
    server.close();
  }
});

test('an allowed HMAC algorithm a raw secret is too short for is the token\'s choice: alg not allowed, as in Python', async () => {
  const secret = new Uint8Array(32).fill(7); // fits HS256, too short for HS512
  const token = await new jose.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS512' }).sign(new Uint8Array(64).fill(7));
  for (const options of [{ algorithms: ['HS256', 'HS512'] }, {}]) {
    await assert.rejects(jwt.jwtVerify(token, secret, options), { code: 'ERR_JOSE_ALG_NOT_ALLOWED', jwtcoreCode: 'alg_not_allowed' });
    assert.throws(() => jwt.jwtVerifySync(token, secret, options), { code: 'ERR_JOSE_ALG_NOT_ALLOWED', jwtcoreCode: 'alg_not_allowed' });
  }
  // Too short for every allowed algorithm: the key itself is the mistake.
  await assert.rejects(jwt.jwtVerify(token, new Uint8Array(16).fill(7), { algorithms: ['HS256', 'HS512'] }), { jwtcoreCode: 'weak_hmac_key' });
  const ok = await new jose.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  assert.equal((await jwt.jwtVerify(ok, secret, { algorithms: ['HS256', 'HS512'] })).payload.sub, 'x');
});
