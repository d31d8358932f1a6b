// jose drop-in fidelity (issue 19). Part 1: the usage examples from jose 6's own API documentation
// (its TSDoc `@example` blocks; jose is MIT-licensed) for the JWS, JWT and key exports, run with
// `jose` bound to this package: the only change a user makes. Each example's code is kept as jose
// documents it; the scope supplies the variables the docs assume (`publicKey`, `privateKey`,
// `token`, ...), and what it prints or returns is checked against jose itself (installed in the
// scratch project), so the examples prove interoperability, not just that they run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jwtcore from 'jwtcore';
import * as realJose from 'jose';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
// One test holds private keys in WebAssembly (exported as jose exports them): the portable build's
// behaviour, run under the `jwtcore-portable` condition (JWTCORE_PORTABLE=1). The default build's
// private keys are CryptoKeys (test/lite-default.test.mjs); it verifies JWS payloads with
// asymmetric KeyLikes through the platform, so those tests run in both builds.
const PORTABLE_ONLY = process.env.JWTCORE_PORTABLE !== '1' && 'portable build (jwtcore-portable): keys held in WebAssembly';
const td = new TextDecoder();

/**
 * Runs a documented example with `jose` = `lib`, the given free variables, and a console that
 * records what it logs; returns `{ logs, ...vars }` for the variable names in `returns`.
 */
async function example(code, lib, scope = {}, returns = []) {
  const logs = [];
  const names = Object.keys(scope);
  const body = `${code}\n;return { ${returns.join(', ')} };`;
  const f = new AsyncFunction('jose', 'console', ...names, body);
  const out = await f(lib, { log: (...a) => logs.push(a.length === 1 ? a[0] : a) }, ...names.map((n) => scope[n]));
  return { logs, ...out };
}

/** Both libraries' outcome of the same example: `{ ok, value }` or `{ ok: false, code }`. */
async function outcome(code, lib, scope, returns) {
  try {
    return { ok: true, value: await example(code, lib, scope, returns) };
  } catch (e) {
    return { ok: false, code: e.code, name: e.name };
  }
}

const jwkOf = async (key) => jwtcore.exportJWK(key);
/** jose's own key for a jwtcore key (through its public JWK). */
const joseKey = async (key, alg) => realJose.importJWK(await jwkOf(key), alg);

// ---- JWS --------------------------------------------------------------------------------------

const COMPACT_SIGN = `
const jws = await new jose.CompactSign(
  new TextEncoder().encode('It’s a dangerous business, Frodo, going out your door.'),
)
  .setProtectedHeader({ alg: 'ES256' })
  .sign(privateKey)

console.log(jws)`;

const COMPACT_VERIFY = `
const jws =
  'eyJhbGciOiJFUzI1NiJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4.kkAs_gPPxWMI3rHuVlxHaTPfDWDoqdI8jSvuSmqV-8IHIWXg9mcAeC9ggV-45ZHRbiRJ3obUIFo1rHphPA5URg'

const { payload, protectedHeader } = await jose.compactVerify(jws, publicKey)

console.log(protectedHeader)
console.log(new TextDecoder().decode(payload))`;

test('jose docs: CompactSign output verifies with jose, and jose output with compactVerify', async () => {
  const { privateKey, publicKey } = await jwtcore.generateKeyPair('ES256');
  const { logs } = await example(COMPACT_SIGN, jwtcore, { privateKey });
  const jws = logs[0];
  const byJose = await realJose.compactVerify(jws, await joseKey(publicKey, 'ES256'));
  assert.equal(td.decode(byJose.payload), 'It’s a dangerous business, Frodo, going out your door.');
  // The reverse: jose signs the same example, jwtcore verifies.
  const jp = await realJose.generateKeyPair('ES256', { extractable: true });
  const fromJose = (await example(COMPACT_SIGN, realJose, { privateKey: jp.privateKey })).logs[0];
  const mine = await jwtcore.compactVerify(fromJose, await jwtcore.importJWK(await realJose.exportJWK(jp.publicKey), 'ES256'));
  assert.deepEqual(mine.protectedHeader, { alg: 'ES256' });
  assert.equal(td.decode(mine.payload), 'It’s a dangerous business, Frodo, going out your door.');
  // A CryptoKey straight from jose's generateKeyPair (extractable) is accepted too, as in jose.
  const viaCryptoKey = await jwtcore.compactVerify(fromJose, jp.publicKey);
  assert.equal(td.decode(viaCryptoKey.payload), td.decode(mine.payload));
});

test('jose docs: the compactVerify example gives the same verdict as jose (its key is not published)', async () => {
  // The documented token was signed by a key the docs do not include, so any key must fail it with
  // jose's signature error: the point is the same code from both libraries.
  const { publicKey } = await jwtcore.generateKeyPair('ES256');
  const mine = await outcome(COMPACT_VERIFY, jwtcore, { publicKey });
  const theirs = await outcome(COMPACT_VERIFY, realJose, { publicKey: await joseKey(publicKey, 'ES256') });
  assert.deepEqual(mine, { ok: false, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', name: 'JWSSignatureVerificationFailed' });
  assert.deepEqual(mine, theirs);
});

const FLATTENED_SIGN = `
const jws = await new jose.FlattenedSign(
  new TextEncoder().encode('It’s a dangerous business, Frodo, going out your door.'),
)
  .setProtectedHeader({ alg: 'ES256' })
  .sign(privateKey)

console.log(jws)`;

const FLATTENED_VERIFY = `
const decoder = new TextDecoder()
const jws = {
  signature:
    'FVVOXwj6kD3DqdfD9yYqfT2W9jv-Nop4kOehp_DeDGNB5dQNSPRvntBY6xH3uxlCxE8na9d_kyhYOcanpDJ0EA',
  payload: 'SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4',
  protected: 'eyJhbGciOiJFUzI1NiJ9',
}

const { payload, protectedHeader } = await jose.flattenedVerify(jws, publicKey)

console.log(protectedHeader)
console.log(decoder.decode(payload))`;

test('jose docs: FlattenedSign / flattenedVerify', async () => {
  const { privateKey, publicKey } = await jwtcore.generateKeyPair('ES256');
  const jws = (await example(FLATTENED_SIGN, jwtcore, { privateKey })).logs[0];
  assert.deepEqual(Object.keys(jws).sort(), ['payload', 'protected', 'signature']);
  const byJose = await realJose.flattenedVerify(jws, await joseKey(publicKey, 'ES256'));
  assert.equal(td.decode(byJose.payload), 'It’s a dangerous business, Frodo, going out your door.');
  const mine = await jwtcore.flattenedVerify(jws, publicKey);
  assert.deepEqual(mine.protectedHeader, { alg: 'ES256' });
  // Tampering with the payload is caught by the core.
  await assert.rejects(jwtcore.flattenedVerify({ ...jws, payload: jws.payload.slice(1) }, publicKey), jwtcore.errors.JOSEError);
  const verdict = await outcome(FLATTENED_VERIFY, jwtcore, { publicKey });
  assert.deepEqual(verdict, await outcome(FLATTENED_VERIFY, realJose, { publicKey: await joseKey(publicKey, 'ES256') }));
  assert.equal(verdict.code, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
});

const GENERAL_SIGN = `
const jws = await new jose.GeneralSign(
  new TextEncoder().encode('It’s a dangerous business, Frodo, going out your door.'),
)
  .addSignature(ecPrivateKey)
  .setProtectedHeader({ alg: 'ES256' })
  .addSignature(rsaPrivateKey)
  .setProtectedHeader({ alg: 'PS256' })
  .sign()

console.log(jws)`;

const GENERAL_VERIFY = `
const jws = {
  payload: 'SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4',
  signatures: [
    {
      signature:
        'FVVOXwj6kD3DqdfD9yYqfT2W9jv-Nop4kOehp_DeDGNB5dQNSPRvntBY6xH3uxlCxE8na9d_kyhYOcanpDJ0EA',
      protected: 'eyJhbGciOiJFUzI1NiJ9',
    },
  ],
}

const { payload, protectedHeader } = await jose.generalVerify(jws, publicKey)

console.log(protectedHeader)
console.log(new TextDecoder().decode(payload))`;

test('jose docs: GeneralSign (ES256 + PS256) / generalVerify', async () => {
  const ec = await jwtcore.generateKeyPair('ES256');
  const rsa = await jwtcore.generateKeyPair('PS256');
  const jws = (await example(GENERAL_SIGN, jwtcore, { ecPrivateKey: ec.privateKey, rsaPrivateKey: rsa.privateKey })).logs[0];
  assert.equal(jws.signatures.length, 2);
  for (const [pair, alg] of [
    [ec, 'ES256'],
    [rsa, 'PS256'],
  ]) {
    const byJose = await realJose.generalVerify(jws, await joseKey(pair.publicKey, alg));
    assert.deepEqual(byJose.protectedHeader, { alg });
    const mine = await jwtcore.generalVerify(jws, pair.publicKey);
    assert.deepEqual(mine.protectedHeader, { alg });
    assert.equal(td.decode(mine.payload), 'It’s a dangerous business, Frodo, going out your door.');
  }
  const other = await jwtcore.generateKeyPair('ES256');
  await assert.rejects(jwtcore.generalVerify(jws, other.publicKey), jwtcore.errors.JWSSignatureVerificationFailed);
  const verdict = await outcome(GENERAL_VERIFY, jwtcore, { publicKey: ec.publicKey });
  assert.deepEqual(verdict, await outcome(GENERAL_VERIFY, realJose, { publicKey: await joseKey(ec.publicKey, 'ES256') }));
});

// ---- JWT --------------------------------------------------------------------------------------

const UNSECURED = `
const unsecuredJwt = new jose.UnsecuredJWT({ 'urn:example:claim': true })
  .setIssuedAt()
  .setIssuer('urn:example:issuer')
  .setAudience('urn:example:audience')
  .setExpirationTime('2h')
  .encode()

console.log(unsecuredJwt)

const { payload, header } = jose.UnsecuredJWT.decode(unsecuredJwt, {
  issuer: 'urn:example:issuer',
  audience: 'urn:example:audience',
})

console.log(header)
console.log(payload)`;

test('jose docs: UnsecuredJWT encode / decode, interchangeable with jose, never verifiable', async () => {
  const mine = await example(UNSECURED, jwtcore);
  const theirs = await example(UNSECURED, realJose);
  const [token, header, payload] = mine.logs;
  assert.deepEqual(header, { alg: 'none' });
  assert.deepEqual(header, theirs.logs[1]);
  assert.deepEqual(Object.keys(payload).sort(), Object.keys(theirs.logs[2]).sort());
  // Each library decodes the other's token.
  const audience = 'urn:example:audience';
  assert.deepEqual(realJose.UnsecuredJWT.decode(token).payload, payload);
  assert.deepEqual(jwtcore.UnsecuredJWT.decode(theirs.logs[0], { audience }).payload, theirs.logs[2]);
  // Claims are validated by the core (a wrong issuer, an expired token; and, stricter than jose, a
  // token with `aud` when the caller names no audience)...
  assert.throws(() => jwtcore.UnsecuredJWT.decode(token, { issuer: 'urn:other', audience }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
  assert.throws(() => jwtcore.UnsecuredJWT.decode(token), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  assert.throws(() => jwtcore.UnsecuredJWT.decode(new jwtcore.UnsecuredJWT({ exp: 1 }).encode()), { code: 'ERR_JWT_EXPIRED' });
  // ... a signed token is not unsecured, and an unsecured one never verifies, whatever the key.
  const secret = await jwtcore.generateSecret('HS256');
  const signed = await new jwtcore.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  assert.throws(() => jwtcore.UnsecuredJWT.decode(signed), { code: 'ERR_JWT_INVALID' });
  await assert.rejects(jwtcore.jwtVerify(token, secret, { audience: 'urn:example:audience' }), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  await assert.rejects(jwtcore.compactVerify(token, secret), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
});

const EMBEDDED = `
const jwt =
  'eyJqd2siOnsiY3J2IjoiUC0yNTYiLCJ4IjoiVU05ZzVuS25aWFlvdldBbE03NmNMejl2VG96UmpfX0NIVV9kT2wtZ09vRSIsInkiOiJkczhhZVF3MWwyY0RDQTdiQ2tPTnZ3REtwWEFidFhqdnFDbGVZSDhXc19VIiwia3R5IjoiRUMifSwiYWxnIjoiRVMyNTYifQ.eyJpc3MiOiJ1cm46ZXhhbXBsZTppc3N1ZXIiLCJhdWQiOiJ1cm46ZXhhbXBsZTphdWRpZW5jZSIsImlhdCI6MTYwNDU4MDc5NH0.60boak3_dErnW47ZPty1C0nrjeVq86EN_eK0GOq6K8w2OA0thKoBxFK4j-NuU9yZ_A9UKGxPT_G87DladBaV9g'

const { payload, protectedHeader } = await jose.jwtVerify(jwt, jose.EmbeddedJWK, {
  issuer: 'urn:example:issuer',
  audience: 'urn:example:audience',
})

console.log(protectedHeader)
console.log(payload)`;

test('jose docs: EmbeddedJWK verifies the documented token exactly as jose does', async () => {
  const mine = await example(EMBEDDED, jwtcore);
  const theirs = await example(EMBEDDED, realJose);
  assert.deepEqual(mine.logs, theirs.logs);
  assert.equal(mine.logs[1].iss, 'urn:example:issuer');
  // A secret or private key in the header is refused.
  const { privateKey } = await jwtcore.generateKeyPair('ES256', { extractable: true });
  const jwk = await jwtcore.exportJWK(privateKey);
  const bad = await new jwtcore.SignJWT({}).setProtectedHeader({ alg: 'ES256', jwk }).sign(privateKey);
  await assert.rejects(jwtcore.jwtVerify(bad, jwtcore.EmbeddedJWK), { code: 'ERR_JWS_INVALID' });
});

test('jose docs: decodeJwt / decodeProtectedHeader', async () => {
  const token = (await example(UNSECURED, realJose)).logs[0];
  const signed = await new realJose.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256', kid: 'k' }).sign(new Uint8Array(32).fill(7));
  for (const t of [token, signed]) {
    const mine = await example('const claims = jose.decodeJwt(token)\nconsole.log(claims)', jwtcore, { token: t });
    assert.deepEqual(mine.logs, (await example('const claims = jose.decodeJwt(token)\nconsole.log(claims)', realJose, { token: t })).logs);
    const code = 'const protectedHeader = jose.decodeProtectedHeader(token)\nconsole.log(protectedHeader)';
    assert.deepEqual((await example(code, jwtcore, { token: t })).logs, (await example(code, realJose, { token: t })).logs);
  }
  // A flattened JWS object, as jose accepts it.
  const flat = { protected: signed.split('.')[0], payload: signed.split('.')[1], signature: signed.split('.')[2] };
  assert.deepEqual(jwtcore.decodeProtectedHeader(flat), realJose.decodeProtectedHeader(flat));
  assert.throws(() => jwtcore.decodeProtectedHeader({ payload: 'x' }), TypeError);
});

// ---- keys -------------------------------------------------------------------------------------

const IMPORT_SPKI = `
const algorithm = 'ES256'
const spki = \`-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFlHHWfLk0gLBbsLTcuCrbCqoHqmM
YJepMC+Q+Dd6RBmBiA41evUsNMwLeN+PNFqib+xwi9JkJ8qhZkq8Y/IzGg==
-----END PUBLIC KEY-----\`
const ecPublicKey = await jose.importSPKI(spki, algorithm)`;

const IMPORT_X509 = `
const algorithm = 'ES256'
const x509 = \`-----BEGIN CERTIFICATE-----
MIIBXjCCAQSgAwIBAgIGAXvykuMKMAoGCCqGSM49BAMCMDYxNDAyBgNVBAMMK3Np
QXBNOXpBdk1VaXhXVWVGaGtjZXg1NjJRRzFyQUhXaV96UlFQTVpQaG8wHhcNMjEw
OTE3MDcwNTE3WhcNMjIwNzE0MDcwNTE3WjA2MTQwMgYDVQQDDCtzaUFwTTl6QXZN
VWl4V1VlRmhrY2V4NTYyUUcxckFIV2lfelJRUE1aUGhvMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAE8PbPvCv5D5xBFHEZlBp/q5OEUymq7RIgWIi7tkl9aGSpYE35
UH+kBKDnphJO3odpPZ5gvgKs2nwRWcrDnUjYLDAKBggqhkjOPQQDAgNIADBFAiEA
1yyMTRe66MhEXID9+uVub7woMkNYd0LhSHwKSPMUUTkCIFQGsfm1ecXOpeGOufAh
v+A1QWZMuTWqYt+uh/YSRNDn
-----END CERTIFICATE-----\`
const ecPublicKey = await jose.importX509(x509, algorithm)`;

const IMPORT_PKCS8 = `
const algorithm = 'ES256'
const pkcs8 = \`-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgiyvo0X+VQ0yIrOaN
nlrnUclopnvuuMfoc8HHly3505OhRANCAAQWUcdZ8uTSAsFuwtNy4KtsKqgeqYxg
l6kwL5D4N3pEGYGIDjV69Sw0zAt43480WqJv7HCL0mQnyqFmSrxj8jMa
-----END PRIVATE KEY-----\`
const ecPrivateKey = await jose.importPKCS8(pkcs8, algorithm)`;

const IMPORT_JWK = `
const ecPublicKey = await jose.importJWK(
  {
    crv: 'P-256',
    kty: 'EC',
    x: 'ySK38C1jBdLwDsNWKzzBHqKYEE5Cgv-qjWvorUXk9fw',
    y: '_LeQBw07cf5t57Iavn4j-BqJsAD1dpoz8gokd3sBsOo',
  },
  'ES256',
)

const rsaPublicKey = await jose.importJWK(
  {
    kty: 'RSA',
    e: 'AQAB',
    n: '12oBZRhCiZFJLcPg59LkZZ9mdhSMTKAQZYq32k_ti5SBB6jerkh-WzOMAO664r_qyLkqHUSp3u5SbXtseZEpN3XPWGKSxjsy-1JyEFTdLSYe6f9gfrmxkUF_7DTpq0gn6rntP05g2-wFW50YO7mosfdslfrTJYWHFhJALabAeYirYD7-9kqq9ebfFMF4sRRELbv9oi36As6Q9B3Qb5_C1rAzqfao_PCsf9EPsTZsVVVkA5qoIAr47lo1ipfiBPxUCCNSdvkmDTYgvvRm6ZoMjFbvOtgyts55fXKdMWv7I9HMD5HwE9uW839PWA514qhbcIsXEYSFMPMV6fnlsiZvQQ',
  },
  'PS256',
)`;

/** The public JWK members of a key from either library (jose gives CryptoKeys). */
async function publicMembers(lib, key) {
  const { kty, crv, x, y, n, e } = await lib.exportJWK(key);
  return JSON.parse(JSON.stringify({ kty, crv, x, y, n, e }));
}

test('jose docs: importSPKI, importX509, importPKCS8, importJWK give the same keys as jose', { skip: PORTABLE_ONLY }, async () => {
  for (const [code, names] of [
    [IMPORT_SPKI, ['ecPublicKey']],
    [IMPORT_X509, ['ecPublicKey']],
    [IMPORT_PKCS8, ['ecPrivateKey']],
    [IMPORT_JWK, ['ecPublicKey', 'rsaPublicKey']],
  ]) {
    const mine = await example(code, jwtcore, {}, names);
    // jose's imports are non-extractable by default; the same call with extractable keys lets the
    // test read jose's key material to compare (the example code itself is unchanged).
    const extractable = {
      ...realJose,
      importSPKI: (k, a) => realJose.importSPKI(k, a, { extractable: true }),
      importX509: (k, a) => realJose.importX509(k, a, { extractable: true }),
      importPKCS8: (k, a) => realJose.importPKCS8(k, a, { extractable: true }),
      importJWK: (k, a) => realJose.importJWK(k, a, { extractable: true }),
    };
    const theirs = await example(code, extractable, {}, names);
    for (const n of names) {
      assert.deepEqual(await publicMembers(jwtcore, mine[n]), await publicMembers(realJose, theirs[n]), n);
      assert.equal(mine[n].type, theirs[n].type, n);
    }
  }
  // The PKCS#8 example's key signs what jose verifies with the SPKI example's key (the same pair).
  const { ecPrivateKey } = await example(IMPORT_PKCS8, jwtcore, {}, ['ecPrivateKey']);
  const { ecPublicKey } = await example(IMPORT_SPKI, realJose, {}, ['ecPublicKey']);
  const jws = await new jwtcore.CompactSign(new Uint8Array([1, 2, 3])).setProtectedHeader({ alg: 'ES256' }).sign(ecPrivateKey);
  assert.deepEqual([...(await realJose.compactVerify(jws, ecPublicKey)).payload], [1, 2, 3]);
  await assert.rejects(jwtcore.importX509('-----BEGIN PUBLIC KEY-----\n', 'ES256'), TypeError);
});

const EXPORTS = `
const spkiPem = await jose.exportSPKI(publicKey)

console.log(spkiPem)

const pkcs8Pem = await jose.exportPKCS8(privateKey)

console.log(pkcs8Pem)

const privateJwk = await jose.exportJWK(privateKey)
const publicJwk = await jose.exportJWK(publicKey)

console.log(privateJwk)
console.log(publicJwk)`;

test('jose docs: exportSPKI, exportPKCS8, exportJWK output imports into jose', async () => {
  for (const alg of ['ES256', 'ES384', 'EdDSA', 'PS256']) {
    const { privateKey, publicKey } = await jwtcore.generateKeyPair(alg, { extractable: true });
    const [spkiPem, pkcs8Pem, privateJwk, publicJwk] = (await example(EXPORTS, jwtcore, { privateKey, publicKey })).logs;
    assert.match(spkiPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.match(pkcs8Pem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(privateJwk.d !== undefined, true, alg);
    assert.equal(publicJwk.d, undefined, alg);
    // jose signs with the exported private key; jwtcore verifies with the original public one.
    const joseSigner = await realJose.importPKCS8(pkcs8Pem, alg);
    const jws = await new realJose.CompactSign(new Uint8Array([9])).setProtectedHeader({ alg }).sign(joseSigner);
    assert.deepEqual([...(await jwtcore.compactVerify(jws, publicKey)).payload], [9], alg);
    const joseVerifier = await realJose.importSPKI(spkiPem, alg);
    const back = await new jwtcore.CompactSign(new Uint8Array([8])).setProtectedHeader({ alg }).sign(privateKey);
    assert.deepEqual([...(await realJose.compactVerify(back, joseVerifier)).payload], [8], alg);
    assert.deepEqual(await publicMembers(realJose, await realJose.importJWK(publicJwk, alg)), await publicMembers(jwtcore, publicKey));
  }
});

test('jose docs: generateKeyPair (PS256) and generateSecret', async () => {
  const PS256 = `
const { publicKey, privateKey } = await jose.generateKeyPair('PS256', {
  extractable: true,
})
console.log(await jose.exportJWK(privateKey))
console.log(await jose.exportPKCS8(privateKey))`;
  const { logs, publicKey } = await example(PS256, jwtcore, {}, ['publicKey']);
  assert.equal(logs[0].kty, 'RSA');
  assert.ok(logs[0].d && logs[0].p && logs[0].q);
  const fromPem = await realJose.importPKCS8(logs[1], 'PS256');
  const token = await new realJose.SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'PS256' }).sign(fromPem);
  assert.equal((await jwtcore.jwtVerify(token, publicKey)).payload.sub, 'a');
  const plain = await example("const { publicKey, privateKey } = await jose.generateKeyPair('PS256')\nconsole.log(publicKey)\nconsole.log(privateKey)", jwtcore);
  // Born on the platform, as jose's: WebCrypto keys, the private one non-extractable.
  const joses = await example("const { publicKey, privateKey } = await jose.generateKeyPair('PS256')\nconsole.log(publicKey)\nconsole.log(privateKey)", realJose);
  const shape = (k) => [k.type, k.algorithm.name, k.algorithm.hash.name, k.algorithm.modulusLength, k.extractable];
  assert.deepEqual(plain.logs.map(shape), joses.logs.map(shape));
  assert.deepEqual(plain.logs.map(shape), [
    ['public', 'RSA-PSS', 'SHA-256', 2048, true],
    ['private', 'RSA-PSS', 'SHA-256', 2048, false],
  ]);
  for (const alg of ['RS256', 'RS384', 'RS512', 'PS384', 'PS512', 'ES384']) {
    const pair = await jwtcore.generateKeyPair(alg);
    const t = await new jwtcore.SignJWT({}).setProtectedHeader({ alg }).sign(pair.privateKey);
    assert.deepEqual((await realJose.jwtVerify(t, await joseKey(pair.publicKey, alg))).protectedHeader, { alg }, alg);
  }
  await assert.rejects(jwtcore.generateKeyPair('RS256', { modulusLength: 1024 }), { code: 'ERR_JOSE_NOT_SUPPORTED' });
  const secret = (await example("const secret = await jose.generateSecret('HS256')\nconsole.log(secret)", jwtcore)).logs[0];
  assert.equal(secret.type, 'secret');
  assert.equal(secret.extractable, false);
  await assert.rejects(jwtcore.exportJWK(secret), { code: 'ERR_JOSE_NOT_SUPPORTED' }); // as jose: not extractable
  const open = await jwtcore.generateSecret('HS256', { extractable: true });
  assert.equal((await jwtcore.exportJWK(open)).k.length, 43);
});

test('jose docs: calculateJwkThumbprint(Uri) print the documented values', async () => {
  const code = `
const thumbprint = await jose.calculateJwkThumbprint({
  kty: 'EC',
  crv: 'P-256',
  x: 'jJ6Flys3zK9jUhnOHf6G49Dyp5hah6CNP84-gY-n9eo',
  y: 'nhI6iD5eFXgBTLt_1p3aip-5VbZeMhxeFSpjfEAf7Ww',
})

console.log(thumbprint)

const thumbprintUri = await jose.calculateJwkThumbprintUri({
  kty: 'EC',
  crv: 'P-256',
  x: 'jJ6Flys3zK9jUhnOHf6G49Dyp5hah6CNP84-gY-n9eo',
  y: 'nhI6iD5eFXgBTLt_1p3aip-5VbZeMhxeFSpjfEAf7Ww',
})

console.log(thumbprintUri)`;
  const { logs } = await example(code, jwtcore);
  // The values jose's documentation prints.
  assert.deepEqual(logs, [
    'w9eYdC6_s_tLQ8lH6PUpc0mddazaqtPgeC2IgWDiqY8',
    'urn:ietf:params:oauth:jwk-thumbprint:sha-256:w9eYdC6_s_tLQ8lH6PUpc0mddazaqtPgeC2IgWDiqY8',
  ]);
});

test('jose docs: base64url', async () => {
  const code = `
const decoded = jose.base64url.decode('SGVsbG8gV29ybGQh')
const encoded = jose.base64url.encode('Hello World!')`;
  const mine = await example(code, jwtcore, {}, ['decoded', 'encoded']);
  const theirs = await example(code, realJose, {}, ['decoded', 'encoded']);
  assert.deepEqual([...mine.decoded], [...theirs.decoded]);
  assert.equal(mine.encoded, theirs.encoded);
  assert.throws(() => jwtcore.base64url.decode('SGVsbG8+V29ybGQh'), TypeError);
});

// ---- the export surface ---------------------------------------------------------------------

test("every jose export is here; JWE ones throw JOSENotSupported; errors carry jose's codes", async () => {
  const missing = Object.keys(realJose).filter((k) => !(k in jwtcore));
  assert.deepEqual(missing, []);
  for (const name of Object.keys(realJose.errors)) {
    assert.ok(jwtcore.errors[name], `errors.${name}`);
    assert.equal(jwtcore.errors[name].code, realJose.errors[name].code, name);
  }
  for (const f of ['compactDecrypt', 'flattenedDecrypt', 'generalDecrypt', 'jwtDecrypt']) {
    await assert.rejects(jwtcore[f]('a.b.c.d.e', new Uint8Array(32)), (e) => e instanceof jwtcore.errors.JOSENotSupported && /JWE/.test(e.message), f);
  }
  for (const C of ['CompactEncrypt', 'FlattenedEncrypt', 'GeneralEncrypt', 'EncryptJWT']) {
    assert.throws(() => new jwtcore[C](new Uint8Array(1)), (e) => e instanceof jwtcore.errors.JOSENotSupported && /JWE/.test(e.message), C);
  }
  assert.equal(typeof jwtcore.customFetch, 'symbol');
  assert.equal(typeof jwtcore.jwksCache, 'symbol');
});

test('CryptoKey and KeyObject inputs: accepted where jose accepts them, non-extractable ones too', async () => {
  const { createPrivateKey, createPublicKey, generateKeyPairSync } = await import('node:crypto');
  const pair = await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
  const token = await new jwtcore.SignJWT({ sub: 'ck' }).setProtectedHeader({ alg: 'PS256' }).sign(pair.privateKey);
  assert.equal((await jwtcore.jwtVerify(token, pair.publicKey)).payload.sub, 'ck');
  assert.equal((await realJose.jwtVerify(token, pair.publicKey)).payload.sub, 'ck');
  // The CryptoKey's algorithm binds the key: an RS256 header does not verify with a PSS key.
  const forged = await new realJose.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(createPrivateKey({ key: await crypto.subtle.exportKey('jwk', pair.privateKey), format: 'jwk' }));
  await assert.rejects(jwtcore.jwtVerify(forged, pair.publicKey), jwtcore.errors.JOSEError);
  // A Node KeyObject (Ed25519) signs and verifies, and exports through exportSPKI.
  const ko = generateKeyPairSync('ed25519');
  const edToken = await new jwtcore.SignJWT({ n: 1 }).setProtectedHeader({ alg: 'EdDSA' }).sign(ko.privateKey);
  assert.equal((await realJose.jwtVerify(edToken, ko.publicKey)).payload.n, 1);
  assert.equal(await jwtcore.exportSPKI(ko.publicKey), ko.publicKey.export({ type: 'spki', format: 'pem' }).trim());
  assert.deepEqual(createPublicKey(await jwtcore.exportSPKI(ko.publicKey)).export({ format: 'jwk' }), ko.publicKey.export({ format: 'jwk' }));
  // Non-extractable: signed by WebCrypto, every check in the core (platform-held.test.mjs has the rest).
  const locked = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const lockedToken = await new jwtcore.SignJWT({ n: 2 }).setProtectedHeader({ alg: 'ES256' }).sign(locked.privateKey);
  assert.equal((await realJose.jwtVerify(lockedToken, locked.publicKey)).payload.n, 2);
  // On Node the synchronous path uses a CryptoKey through its KeyObject (the same OpenSSL key).
  assert.equal(jwtcore.jwtVerifySync(token, pair.publicKey).payload.sub, 'ck');
});

// ---- part 2: a typical jose program ------------------------------------------------------------

test('a typical jose program (21 steps) runs unchanged on jwtcore, as on jose', async (t) => {
  const { STEPS, runProgram } = await import('./jose-program.mjs');
  assert.equal(STEPS.length, 21);
  const control = await runProgram(realJose);
  assert.deepEqual(control.filter((r) => !r.ok), [], 'the program itself is valid jose');
  const mine = await runProgram(jwtcore);
  t.diagnostic(`jwtcore: ${mine.filter((r) => r.ok).length} of ${mine.length} steps pass`);
  assert.deepEqual(mine.filter((r) => !r.ok), []);
});

// ---- RFC 7797 unencoded payloads and detached payloads (issue 19) ------------------------------

// RFC 7797 §4: the payload "$.02" under HS256 with the RFC 7515 A.1 key, once base64url-encoded
// (§4.1) and once unencoded (§4.2); both tokens are published with the payload detached.
const RFC7797_KEY = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
const RFC7797_ENCODED = { protected: 'eyJhbGciOiJIUzI1NiJ9', payload: 'JC4wMg', signature: '5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ' };
const RFC7797_UNENCODED = {
  protected: 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19',
  payload: '$.02',
  signature: 'A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY',
};

test('RFC 7797: flattenedVerify takes the unencoded payload as jose does (string or bytes)', async () => {
  const mine = await jwtcore.importJWK(RFC7797_KEY, 'HS256');
  const theirs = await realJose.importJWK(RFC7797_KEY, 'HS256');
  for (const payload of ['$.02', new TextEncoder().encode('$.02')]) {
    const jws = { ...RFC7797_UNENCODED, payload };
    const a = await jwtcore.flattenedVerify(jws, mine);
    const b = await realJose.flattenedVerify(jws, theirs);
    assert.equal(td.decode(a.payload), '$.02');
    assert.deepEqual([...a.payload], [...b.payload]);
    assert.deepEqual(a.protectedHeader, b.protectedHeader);
    assert.deepEqual(a.protectedHeader, { alg: 'HS256', b64: false, crit: ['b64'] });
  }
  // The §4.1 (encoded) token verifies as an ordinary flattened JWS; its signature is not valid over
  // the unencoded payload, nor the other way round: the two forms sign different inputs.
  assert.equal(td.decode((await jwtcore.flattenedVerify(RFC7797_ENCODED, mine)).payload), '$.02');
  const swapped = { ...RFC7797_UNENCODED, signature: RFC7797_ENCODED.signature };
  await assert.rejects(jwtcore.flattenedVerify(swapped, mine), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  await assert.rejects(realJose.flattenedVerify(swapped, theirs), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  // Another payload, or none at all, does not verify.
  await assert.rejects(jwtcore.flattenedVerify({ ...RFC7797_UNENCODED, payload: '$.03' }, mine), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  await assert.rejects(jwtcore.flattenedVerify({ ...RFC7797_UNENCODED, payload: '' }, mine), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  // jose's type and Unicode rules for the payload member.
  await assert.rejects(jwtcore.flattenedVerify({ ...RFC7797_UNENCODED, payload: 7 }, mine), { code: 'ERR_JWS_INVALID', message: 'JWS Payload must be a string or an Uint8Array instance' });
  await assert.rejects(jwtcore.flattenedVerify({ ...RFC7797_UNENCODED, payload: '\ud800' }, mine), { code: 'ERR_JWS_INVALID', message: 'JWS Payload must be a well-formed Unicode string' });
  await assert.rejects(jwtcore.flattenedVerify({ ...RFC7797_ENCODED, payload: new Uint8Array([1]) }, mine), { code: 'ERR_JWS_INVALID', message: 'JWS Payload must be a string' });
});

test('RFC 7797: b64: false without b64 in crit is refused, as in jose', async () => {
  const key = await jwtcore.importJWK(RFC7797_KEY, 'HS256');
  // {"alg":"HS256","b64":false} signed over the unencoded payload: the core refuses the header.
  const head = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9';
  const signed = await new jwtcore.FlattenedSign(new TextEncoder().encode('$.02')).setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] }).sign(key);
  await assert.rejects(jwtcore.flattenedVerify({ protected: head, payload: '$.02', signature: signed.signature }, key), jwtcore.errors.JOSEError);
  await assert.rejects(realJose.flattenedVerify({ protected: head, payload: '$.02', signature: signed.signature }, await realJose.importJWK(RFC7797_KEY, 'HS256')));
});

test('RFC 7797: FlattenedSign with b64: false detaches the payload as jose does, and each verifies the other', async () => {
  const hs = await jwtcore.importJWK(RFC7797_KEY, 'HS256');
  const header = { alg: 'HS256', b64: false, crit: ['b64'] };
  const bytes = new TextEncoder().encode('$.02');
  const mine = await new jwtcore.FlattenedSign(bytes).setProtectedHeader(header).sign(hs);
  const theirs = await new realJose.FlattenedSign(bytes).setProtectedHeader(header).sign(await realJose.importJWK(RFC7797_KEY, 'HS256'));
  // HMAC is deterministic: the same object as jose's, and RFC 7797's published signature.
  assert.deepEqual(mine, theirs);
  assert.deepEqual(mine, { ...RFC7797_UNENCODED, payload: '' });
  // Asymmetric keys, any bytes (not UTF-8, with dots): jose verifies ours and we verify jose's.
  const raw = new Uint8Array([0x24, 0x2e, 0xff, 0x00, 0x2e]);
  for (const alg of ['ES256', 'EdDSA']) {
    const { privateKey, publicKey } = await jwtcore.generateKeyPair(alg);
    const ours = await new jwtcore.FlattenedSign(raw).setProtectedHeader({ alg, b64: false, crit: ['b64'] }).sign(privateKey);
    assert.equal(ours.payload, '', alg);
    const joseVerified = await realJose.flattenedVerify({ ...ours, payload: raw }, await joseKey(publicKey, alg));
    assert.deepEqual([...joseVerified.payload], [...raw], alg);
    const jp = await realJose.generateKeyPair(alg, { extractable: true });
    const fromJose = await new realJose.FlattenedSign(raw).setProtectedHeader({ alg, b64: false, crit: ['b64'] }).sign(jp.privateKey);
    const back = await jwtcore.flattenedVerify({ ...fromJose, payload: raw }, await jwtcore.importJWK(await realJose.exportJWK(jp.publicKey), alg));
    assert.deepEqual([...back.payload], [...raw], alg);
    await assert.rejects(jwtcore.flattenedVerify({ ...fromJose, payload: raw.subarray(1) }, jp.publicKey), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  }
  // A local JWK set selects the key of a detached token too.
  const { privateKey, publicKey } = await jwtcore.generateKeyPair('ES256');
  const jwks = jwtcore.createLocalJWKSet({ keys: [{ ...(await jwtcore.exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
  const signed = await new jwtcore.FlattenedSign(raw).setProtectedHeader({ alg: 'ES256', kid: 'k1', b64: false, crit: ['b64'] }).sign(privateKey);
  assert.deepEqual([...(await jwtcore.flattenedVerify({ ...signed, payload: raw }, jwks)).payload], [...raw]);
  await assert.rejects(jwtcore.flattenedVerify({ ...signed, payload: raw.subarray(1) }, jwks), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
});

test('RFC 7797: compactVerify reads an unencoded compact payload; CompactSign refuses b64: false as jose does', async () => {
  const key = await jwtcore.importJWK(RFC7797_KEY, 'HS256');
  const joseK = await realJose.importJWK(RFC7797_KEY, 'HS256');
  // A compact token with an unencoded payload ('$02': no '.', RFC 7797 §5.2), made by jose's FlattenedSign.
  const f = await new realJose.FlattenedSign(new TextEncoder().encode('$02')).setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] }).sign(joseK);
  const compact = `${f.protected}.$02.${f.signature}`;
  const a = await jwtcore.compactVerify(compact, key);
  const b = await realJose.compactVerify(compact, joseK);
  assert.deepEqual([...a.payload], [...b.payload]);
  assert.equal(td.decode(a.payload), '$02');
  for (const lib of [jwtcore, realJose]) {
    const k = lib === jwtcore ? key : joseK;
    await assert.rejects(new lib.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] }).sign(k), {
      name: 'TypeError',
      message: 'use the flattened module for creating JWS with b64: false',
    });
  }
});

test('RFC 7797 in general JWS: unencoded signatures interoperate, mixing encodings is refused as in jose', async () => {
  const raw = new Uint8Array([0x24, 0x2e, 0xff]);
  const { privateKey, publicKey } = await jwtcore.generateKeyPair('ES256');
  const ed = await jwtcore.generateKeyPair('EdDSA');
  const unencoded = (alg) => ({ alg, b64: false, crit: ['b64'] });
  const mine = await new jwtcore.GeneralSign(raw)
    .addSignature(privateKey).setProtectedHeader(unencoded('ES256'))
    .addSignature(ed.privateKey).setProtectedHeader(unencoded('EdDSA'))
    .sign();
  assert.equal(mine.payload, '');
  const joseVerified = await realJose.generalVerify({ ...mine, payload: raw }, await joseKey(ed.publicKey, 'EdDSA'));
  assert.deepEqual([...joseVerified.payload], [...raw]);
  assert.deepEqual([...(await jwtcore.generalVerify({ ...mine, payload: raw }, publicKey)).payload], [...raw]);
  await assert.rejects(jwtcore.generalVerify({ ...mine, payload: raw.subarray(1) }, publicKey), jwtcore.errors.JWSSignatureVerificationFailed);
  // One unencoded and one encoded signature: both libraries refuse to sign, and to verify such an object.
  for (const lib of [jwtcore, realJose]) {
    const k = privateKey; // a non-extractable CryptoKey: both libraries use it where it lives
    const g = new lib.GeneralSign(raw).addSignature(k).setProtectedHeader(unencoded('ES256')).addSignature(k).setProtectedHeader({ alg: 'ES256' }).done();
    await assert.rejects(g.sign(), { code: 'ERR_JWS_INVALID', message: 'inconsistent use of JWS Unencoded Payload (RFC7797)' });
  }
  const encoded = await new jwtcore.FlattenedSign(raw).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const mixed = { payload: encoded.payload, signatures: [mine.signatures[0], { protected: encoded.protected, signature: encoded.signature }] };
  for (const lib of [jwtcore, realJose]) {
    const k = lib === jwtcore ? publicKey : await joseKey(publicKey, 'ES256');
    await assert.rejects(lib.generalVerify(mixed, k), { code: 'ERR_JWS_INVALID', message: 'inconsistent use of JWS Unencoded Payload (RFC7797)' });
  }
});

test('CryptoKeys, extractable or not, work in the async functions and, on Node, the sync ones', async () => {
  const { privateKey, publicKey } = await jwtcore.generateKeyPair('ES256');
  const token = await new jwtcore.SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const jwk = await jwtcore.exportJWK(publicKey);
  const params = { name: 'ECDSA', namedCurve: 'P-256' };
  const extractable = await crypto.subtle.importKey('jwk', jwk, params, true, ['verify']);
  const sealed = await crypto.subtle.importKey('jwk', jwk, params, false, ['verify']);
  // Extractable or not: used where it lives, by the async functions and on Node the sync ones.
  for (const key of [extractable, sealed]) {
    assert.equal((await jwtcore.jwtVerify(token, key)).payload.sub, 'a');
    assert.equal(jwtcore.jwtVerifySync(token, key).payload.sub, 'a');
  }
});
