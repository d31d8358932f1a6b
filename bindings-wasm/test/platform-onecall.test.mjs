// Issue 22 item 3: the synchronous verify hands the token to the core as UTF-8 bytes
// (js/util/utf8.js) and runs the two-phase verify in one call, node:crypto called back from inside
// (src/external.rs). These check what that hand-over and that call could get wrong: tokens with
// non-ASCII characters or lone surrogates in each segment, tokens longer than the reused buffer, a
// key's first use (its conversion for OpenSSL calls into WebAssembly while the callback holds views
// of its memory, which a growth of that memory detaches: copied first, platform/node-verify.js; the
// Google-shaped set in tests/vectors/providers.json is where that showed), a key set's candidates,
// and a header naming another family than the key, each against the portable path (every check and
// the arithmetic in WebAssembly) and the async API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import * as jwt from 'jwtcore';

const portable = jwt._withoutPlatform;
const CLAIMS = { sub: 'user-1', exp: 4102444800 };

function outcome(f) {
  try {
    return `ok ${JSON.stringify(f().payload)}`;
  } catch (e) {
    return `${e.constructor.name} ${e.jwtcoreCode} ${e.message}`;
  }
}

/** Sync (platform), sync (portable) and async verdicts on one token: equal; returns the common one. */
async function verdict(token, key, opts = {}) {
  const sync = outcome(() => jwt.jwtVerifySync(token, key, opts));
  const wasm = outcome(() => portable(() => jwt.jwtVerifySync(token, key, opts)));
  let async_;
  try {
    async_ = `ok ${JSON.stringify((await jwt.jwtVerify(token, key, opts)).payload)}`;
  } catch (e) {
    async_ = `${e.constructor.name} ${e.jwtcoreCode} ${e.message}`;
  }
  assert.equal(sync, wasm, `sync vs portable: ${token.slice(0, 80)}`);
  assert.equal(async_, sync, `async vs sync: ${token.slice(0, 80)}`);
  return sync;
}

/** A fresh key pair for `alg` as jose keys and the JWKs jwtcore imports. */
function pair(alg) {
  const kp =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: kp.privateKey, pub: { ...kp.publicKey.export({ format: 'jwk' }), alg } };
}

const sign = (claims, alg, key, header = {}) => new jose.SignJWT(claims).setProtectedHeader({ alg, ...header }).sign(key);

test('non-ASCII characters and lone surrogates in any segment: the portable verdict, naming the segment', async () => {
  const secret = new Uint8Array(32).fill(7);
  const hs = await jwt.importJWK({ kty: 'oct', k: Buffer.from(secret).toString('base64url'), alg: 'HS256' });
  const es = pair('ES256');
  const cases = [
    [hs, await sign(CLAIMS, 'HS256', secret)],
    [await jwt.importJWK(es.pub), await sign(CLAIMS, 'ES256', es.privateKey)],
  ];
  for (const [key, token] of cases) {
    const [h, p, s] = token.split('.');
    const bad = [
      [`${h}é.${p}.${s}`, 'header'],
      [`é${h}.${p}.${s}`, 'header'],
      [`${h}.${p}\u00ff.${s}`, 'payload'],
      [`${h}.${p}\ud800.${s}`, 'payload'],
      [`${h}.${p}.${s}\udc00`, 'signature'],
      [`${h}.${p}.${s}€`, 'signature'],
    ];
    for (const [t, part] of bad) {
      const v = await verdict(t, key);
      assert.match(v, new RegExp(`^JWSInvalid malformed_base64 ${part} `), t);
    }
    assert.match(await verdict(token, key), /^ok /);
  }
});

test('tokens longer than the reused hand-over buffer verify as before', async () => {
  const secret = new Uint8Array(32).fill(9);
  const hs = await jwt.importJWK({ kty: 'oct', k: Buffer.from(secret).toString('base64url'), alg: 'HS256' });
  const es = pair('ES256');
  const esKey = await jwt.importJWK(es.pub);
  // 3 000 characters of claims, then 30 000 (the buffer starts at 4 KiB and grows).
  for (const n of [3000, 30000]) {
    const claims = { ...CLAIMS, note: 'x'.repeat(n), name: 'Zoë' };
    assert.equal(await verdict(await sign(claims, 'HS256', secret), hs), `ok ${JSON.stringify(claims)}`);
    assert.equal(await verdict(await sign(claims, 'ES256', es.privateKey), esKey), `ok ${JSON.stringify(claims)}`);
  }
});

test("a key's first use on node:crypto: valid tokens verify, tampered ones fail, for each family and in a set", async () => {
  for (const alg of ['ES256', 'EdDSA', 'RS256']) {
    const keys = [pair(alg), pair(alg)];
    const tokens = await Promise.all(keys.map((k, i) => sign({ ...CLAIMS, i }, alg, k.privateKey, { kid: `k${i}` })));
    // Fresh KeyLikes and a fresh set per round, each used first by the synchronous path.
    for (let round = 0; round < 3; round++) {
      const single = await jwt.importJWK(keys[0].pub);
      assert.deepEqual(jwt.jwtVerifySync(tokens[0], single).payload, { ...CLAIMS, i: 0 }, `${alg} single`);
      const set = jwt.createLocalJWKSet({ keys: keys.map((k, i) => ({ ...k.pub, kid: `k${i}` })) });
      assert.deepEqual(jwt.jwtVerifySync(tokens[1], set).payload, { ...CLAIMS, i: 1 }, `${alg} set`);
    }
    const single = await jwt.importJWK(keys[0].pub);
    const set = jwt.createLocalJWKSet({ keys: keys.map((k, i) => ({ ...k.pub, kid: `k${i}` })) });
    const [h, p, s] = tokens[0].split('.');
    const flipped = `${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
    assert.match(await verdict(flipped, single), /^JWSSignatureVerificationFailed bad_signature /, alg);
    assert.match(await verdict(flipped, set), /^JWSSignatureVerificationFailed bad_signature /, alg);
    // Signed by key 1 while the kid names key 0: the set's candidate fails on the platform.
    const [, p1, s1] = tokens[1].split('.');
    assert.match(await verdict(`${h}.${p1}.${s1}`, set), /^JWSSignatureVerificationFailed bad_signature /, alg);
    // A valid token whose claims fail: the platform's "valid" makes the claim error final.
    const expired = await sign({ exp: 1000 }, alg, keys[0].privateKey, { kid: 'k0' });
    assert.match(await verdict(expired, single), /^JWTExpired /, alg);
    assert.match(await verdict(expired, set), /^JWTExpired /, alg);
  }
});

test("a header naming another algorithm than a single ECDSA, Ed25519 or RSA key's: the portable verdict", async () => {
  // A single KeyLike of these families goes to the platform without a header decode first (its
  // binding is phase one's first check; an RSA key may serve RS* and PS*, both on the platform).
  const secret = new Uint8Array(32).fill(5);
  const es = pair('ES256');
  const ed = pair('EdDSA');
  const rs = pair('RS256');
  const esKey = await jwt.importJWK(es.pub);
  const edKey = await jwt.importJWK(ed.pub);
  const rsKey = await jwt.importJWK(rs.pub);
  const psKey = await jwt.importJWK({ ...rs.pub, alg: 'PS256' });
  const keys = [
    [esKey, 'ES256'],
    [edKey, 'EdDSA'],
    [rsKey, 'RS256'],
    [psKey, 'PS256'],
  ];
  const foreign = [
    [await sign(CLAIMS, 'HS256', secret), 'HS256'],
    [await sign(CLAIMS, 'EdDSA', ed.privateKey), 'EdDSA'],
    [await sign(CLAIMS, 'ES256', es.privateKey), 'ES256'],
    [await sign(CLAIMS, 'RS256', rs.privateKey), 'RS256'],
    [await sign(CLAIMS, 'PS256', rs.privateKey), 'PS256'],
    // Another RSA algorithm than either RSA key is bound to.
    [await sign(CLAIMS, 'RS384', rs.privateKey), 'RS384'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'none'],
    ['not a token', undefined],
  ];
  for (const [token, tokenAlg] of foreign) {
    for (const [key, keyAlg] of keys) {
      const v = await verdict(token, key);
      // Only a key bound to the token's own algorithm verifies it.
      assert.equal(v.startsWith('ok'), keyAlg === tokenAlg, `${keyAlg} key, ${tokenAlg} token: ${v}`);
    }
  }
  // An RSA key bound to RS256 under an allow-list of PS256 only.
  assert.match(await verdict(foreign[3][0], rsKey, { algorithms: ['PS256'] }), /alg_not_allowed/);
  // With an allow-list that leaves the key's own algorithm out.
  const esToken = await sign(CLAIMS, 'ES256', es.privateKey);
  assert.match(await verdict(esToken, esKey, { algorithms: ['EdDSA'] }), /alg_not_allowed/);
});
