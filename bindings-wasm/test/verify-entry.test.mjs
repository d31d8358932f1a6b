// `jwtcore/verify`, the verify-only entry over its own module (issue 22 item 2): the shared vectors
// give the main entry's verdicts (same jose class, same core code), tokens signed by jose verify,
// and refusals carry jose's classes and our codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import * as v from 'jwtcore/verify';
import * as main from 'jwtcore';
import { PYJWT_ONLY, cases, optionsOf, table } from './vector-cases.mjs';

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

/** Why a vector cannot be expressed through this entry, or undefined. */
function skipReason(vec) {
  const o = vec.options || {};
  const k = vec.key;
  if (PYJWT_ONLY.some((name) => name in o)) return 'PyJWT-only option';
  if (vec.kind === 'jwk' && !vec.expect?.error) return 'calculateJwkThumbprint is in the main entry';
  // jose's importJWK returns an oct JWK as bare bytes: its `use` and `key_ops` bind nothing, and its
  // `alg` only as far as the token agrees with it (bytes serve every HMAC algorithm they fit).
  if (k && k.kty === 'oct' && ['use', 'key_ops'].some((m) => m in k)) return 'an oct JWK imports to bare bytes (jose): its use/key_ops bind nothing here';
  if (k && k.kty === 'oct' && 'alg' in k && vec.kind !== 'jwk' && headerAlg(vec.token) !== k.alg) return "an oct JWK imports to bare bytes (jose): its alg does not bind them to one of the token's HMAC algorithms";
  if (vec.kind === 'jwk' && k?.kty === 'oct') return 'an oct JWK imports to bare bytes (jose): its checks run at verification';
  // Verification needs only the public half, which importJWK keeps (the main entry checks the pair).
  if (k && k.kty !== 'oct' && PRIVATE.some((m) => m in k)) return 'a private JWK: this entry imports its public half only';
  return undefined;
}

const bytesOf = (s) => new Uint8Array(Buffer.from(s, 'base64url'));

function headerAlg(token) {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg;
  } catch {
    return undefined;
  }
}

async function keyOf(vec) {
  if (vec.jwks) return v.createLocalJWKSet(vec.jwks);
  const k = vec.key || {};
  if (k.kty === 'oct') return bytesOf(k.k);
  // compactVerify takes a CryptoKey bound to one algorithm, as jose's importJWK makes it (jose
  // requires `alg` for an RSA JWK that names none): the token's.
  if (vec.kind === 'jws' && k.kty === 'RSA' && !('alg' in k)) return v.importJWK(k, headerAlg(vec.token));
  return v.importJWK(k);
}

let ran = 0;
const skipped = {};
for (const vec of cases) {
  const why = skipReason(vec);
  if (why) {
    skipped[why] = (skipped[why] || 0) + 1;
    test(`jwtcore/verify: ${vec.id}`, { skip: why }, () => {});
    continue;
  }
  ran++;
  test(`jwtcore/verify: ${vec.id}`, async () => {
    const want = vec.expect;
    let got;
    let err;
    try {
      const key = await keyOf(vec);
      if (vec.kind === 'jwk') got = { imported: key };
      else if (vec.kind === 'jws') {
        const r = await v.compactVerify(vec.token, key, { algorithms: vec.options?.algorithms });
        got = { payload: new TextDecoder().decode(r.payload), protectedHeader: r.protectedHeader };
      } else got = await v.jwtVerify(vec.token, key, optionsOf(vec));
    } catch (e) {
      err = e;
    }
    if ('error' in want) {
      assert.ok(err, `expected ${want.error}, got valid`);
      assert.ok(err instanceof main.errors.JOSEError, `not the shared JOSEError: ${err}`);
      assert.equal(err.jwtcoreCode, want.error, err.message);
      assert.equal(err.code, table.find((c) => c.code === want.error).jose);
      if (want.claim && 'claim' in err) assert.equal(err.claim, want.claim);
      return;
    }
    assert.equal(err, undefined, `expected valid, got ${err?.jwtcoreCode}: ${err?.message}`);
    if (want.claims) assert.deepEqual(got.payload, want.claims);
    if (typeof want.payload === 'string') assert.equal(got.payload, want.payload);
    if (want.header) assert.deepEqual(got.protectedHeader, want.header);
  });
}

test('jwtcore/verify: most vectors run, every skip has a printed reason', () => {
  console.log(`jwtcore/verify: ${ran} of ${cases.length} vectors ran; skipped ${JSON.stringify(skipped)}`);
  assert.ok(ran >= 180, `only ${ran} of ${cases.length} ran`);
});

const NOW = Math.floor(Date.now() / 1000);
const claims = { sub: 'alice', iss: 'https://idp.example', aud: 'api' };
const opts = { issuer: 'https://idp.example', audience: 'api' };

test('jwtcore/verify: tokens signed by jose verify, for every algorithm', async () => {
  for (const alg of ['ES256', 'ES384', 'RS256', 'RS384', 'PS256', 'PS512', 'EdDSA']) {
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
    const token = await new jose.SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg };
    // A CryptoKey of the caller's, an importJWK key, a local set: each verifies, each gives the claims.
    for (const key of [publicKey, await v.importJWK(jwk), v.createLocalJWKSet({ keys: [jwk] })]) {
      const { payload, protectedHeader } = await v.jwtVerify(token, key, opts);
      assert.equal(payload.sub, 'alice', alg);
      assert.equal(protectedHeader.alg, alg);
    }
    // The same token with its signature altered: jose's class, our code.
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await assert.rejects(v.jwtVerify(forged, publicKey, opts), (e) => e instanceof v.errors.JOSEError && e.code !== undefined && e.jwtcoreCode !== undefined, alg);
  }
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    const secret = crypto.getRandomValues(new Uint8Array(64));
    const token = await new jose.SignJWT(claims).setProtectedHeader({ alg }).setExpirationTime('5m').sign(secret);
    assert.equal((await v.jwtVerify(token, secret, opts)).protectedHeader.alg, alg);
    const oct = await v.importJWK({ kty: 'oct', k: jose.base64url.encode(secret) });
    assert.ok(oct instanceof Uint8Array, 'an oct JWK imports to its bytes, as in jose');
    assert.equal((await v.jwtVerify(token, oct, opts)).payload.sub, 'alice');
    const wrong = secret.slice();
    wrong[0] ^= 1;
    await assert.rejects(v.jwtVerify(token, wrong, opts), { name: 'JWSSignatureVerificationFailed', code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', jwtcoreCode: 'bad_signature' });
  }
});

/** A compact JWS signed with WebCrypto directly (jose refuses to sign an unknown `crit`). */
async function rawSign(privateKey, header, payload) {
  const enc = (o) => jose.base64url.encode(JSON.stringify(o));
  const input = `${enc(header)}.${enc(payload)}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(input));
  return `${input}.${jose.base64url.encode(new Uint8Array(sig))}`;
}

test('jwtcore/verify: refusals carry jose classes and the core codes, the same as the main entry', async () => {
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const sign = (c, h = { alg: 'ES256' }) => new jose.SignJWT(c).setProtectedHeader(h).sign(privateKey);
  const expired = await sign({ ...claims, exp: NOW - 600 });
  const cases = [
    [expired, {}, 'expired', jose.errors.JWTExpired],
    [await sign({ ...claims, exp: NOW + 600 }), { audience: 'other' }, 'audience_mismatch', jose.errors.JWTClaimValidationFailed],
    [await sign({ ...claims, exp: NOW + 600 }), { algorithms: ['RS256'] }, 'alg_not_allowed', jose.errors.JOSEAlgNotAllowed],
    [await rawSign(privateKey, { alg: 'ES256', crit: ['x'], x: 1 }, { ...claims, exp: NOW + 600 }), {}, 'crit_unsupported', jose.errors.JOSENotSupported],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', {}, 'alg_none', jose.errors.JOSEAlgNotAllowed],
    ['not a token', {}, 'malformed_token', jose.errors.JWSInvalid],
  ];
  const mainKey = main.importJWKSync({ ...jwk, alg: 'ES256' });
  for (const [token, o, code, joseClass] of cases) {
    const ours = await v.jwtVerify(token, await v.importJWK(jwk, 'ES256'), o).then(() => undefined, (e) => e);
    const theirs = await main.jwtVerify(token, mainKey, o).then(() => undefined, (e) => e);
    assert.equal(ours?.jwtcoreCode, code, ours?.message);
    assert.equal(ours.code, joseClass.code, code);
    assert.equal(ours.constructor.name, joseClass.name, code);
    assert.equal(theirs?.jwtcoreCode, code, `the main entry: ${theirs?.message}`);
    // jose's own verdict on the same token: the same class (jose names none for the core's codes).
    const joses = await jose.jwtVerify(token, publicKey, o).then(() => undefined, (e) => e);
    if (code !== 'malformed_token' && code !== 'alg_none') assert.equal(joses?.code, ours.code, `${code}: jose said ${joses?.code}`);
  }
  // An HMAC secret never verifies a token of another family, and a set never yields a secret.
  const hs = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(1));
  await assert.rejects(v.jwtVerify(hs, v.createLocalJWKSet({ keys: [{ kty: 'oct', k: jose.base64url.encode(new Uint8Array(32).fill(1)) }] }), opts), { jwtcoreCode: 'no_matching_key' });
  const es = await sign({ ...claims, exp: NOW + 600 });
  await assert.rejects(v.jwtVerify(es, new Uint8Array(32).fill(1), opts), { jwtcoreCode: 'alg_key_mismatch' });
  // Public key material offered as an HMAC secret is refused before any MAC is computed.
  const pem = new TextEncoder().encode(await jose.exportSPKI(publicKey));
  const mainVerdict = await main.jwtVerify(hs, pem, opts).then(() => undefined, (e) => e.jwtcoreCode);
  assert.ok(mainVerdict, 'the main entry refuses a public key as an HMAC secret');
  await assert.rejects(v.jwtVerify(hs, pem, opts), { jwtcoreCode: mainVerdict });
});

test('jwtcore/verify: a KeyLike from the main entry is refused with a typed error naming the fix', async () => {
  const key = main.importJWKSync({ kty: 'oct', k: jose.base64url.encode(new Uint8Array(32).fill(3)), alg: 'HS256' });
  const token = main.signSync({ sub: 'x' }, key, { alg: 'HS256' });
  await assert.rejects(v.jwtVerify(token, key), (e) => e instanceof v.errors.JOSENotSupported && e.jwtcoreCode === 'key_unsupported' && /importJWK/.test(e.message));
});

test('jwtcore/verify: compactVerify, decodeJwt, decodeProtectedHeader and the remote set', async () => {
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jws = await new jose.CompactSign(new TextEncoder().encode('any bytes')).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const r = await v.compactVerify(jws, publicKey);
  assert.equal(new TextDecoder().decode(r.payload), 'any bytes');
  assert.deepEqual(v.decodeProtectedHeader(jws), { alg: 'ES256' });
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'r1' }).setExpirationTime('5m').sign(privateKey);
  assert.equal(v.decodeJwt(token).sub, 'alice');
  const jwks = { keys: [{ ...(await jose.exportJWK(publicKey)), kid: 'r1', alg: 'ES256' }] };
  let fetches = 0;
  const remote = v.createRemoteJWKSet(new URL('https://idp.example/jwks'), {
    [v.customFetch]: async () => {
      fetches++;
      return new Response(JSON.stringify(jwks), { status: 200 });
    },
  });
  assert.equal((await v.jwtVerify(token, remote, opts)).payload.sub, 'alice');
  assert.equal((await v.jwtVerify(token, remote, opts)).payload.sub, 'alice');
  assert.equal(fetches, 1, 'the fetched set is cached');
});

test("jwtcore/verify: jose's option keys are the main entry's, so a key-set cache filled through one serves the other", async () => {
  assert.equal(v.customFetch, main.customFetch);
  assert.equal(v.jwksCache, main.jwksCache);
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [{ ...(await jose.exportJWK(publicKey)), kid: 'c1', alg: 'ES256' }] };
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'c1' }).setExpirationTime('5m').sign(privateKey);
  const url = new URL('https://idp.example/jwks');
  const cache = {};
  let fetches = 0;
  const fetcher = async () => {
    fetches++;
    return new Response(JSON.stringify(jwks), { status: 200 });
  };
  // The main entry fetches once and fills the cache in place.
  const viaMain = main.createRemoteJWKSet(url, { [main.customFetch]: fetcher, [main.jwksCache]: cache });
  assert.equal((await main.jwtVerify(token, viaMain, opts)).payload.sub, 'alice');
  assert.equal(fetches, 1);
  // The verify entry reads the same entry, fresh, and fetches nothing.
  const viaVerify = v.createRemoteJWKSet(url, { [v.customFetch]: fetcher, [v.jwksCache]: cache });
  assert.equal((await v.jwtVerify(token, viaVerify, opts)).payload.sub, 'alice');
  assert.equal(fetches, 1, 'the cache filled by the main entry was used');
});

test("jwtcore/verify: a JWK's use/key_ops bind its imported CryptoKey on every path, as in the main entry", async () => {
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), use: 'enc' };
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(privateKey);
  const jws = await new jose.CompactSign(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const key = await v.importJWK(jwk, 'ES256');
  const mainKey = main.importJWKSync(jwk, 'ES256');
  for (const [ours, theirs] of [
    [v.jwtVerify(token, key, opts), main.jwtVerify(token, mainKey, opts)],
    [v.compactVerify(jws, key), main.compactVerify(jws, mainKey)],
  ]) {
    const want = await theirs.then(() => undefined, (e) => e.jwtcoreCode);
    assert.equal(want, 'key_use_forbidden');
    await assert.rejects(ours, { name: 'JWKInvalid', jwtcoreCode: want });
  }
});

test('jwtcore/verify: a private JWK imports as its public half, which verifies', async () => {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const privateJwk = await jose.exportJWK(privateKey);
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').sign(privateKey);
  const key = await v.importJWK(privateJwk, 'ES256');
  assert.equal(key.type, 'public');
  assert.equal((await v.jwtVerify(token, key, opts)).payload.sub, 'alice');
});
