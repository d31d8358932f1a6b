// Unsecured JWTs (issue 19): `UnsecuredJWT.encode` is made by the core's `jwtcore::unsecured` (the
// producer the Python wheel uses for PyJWT's `algorithm="none"`), gives jose's bytes, and no verify
// function of this package accepts the token, whatever the key, key set or allow-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jwtcore from 'jwtcore';
import * as realJose from 'jose';

const claims = { sub: 'admin', exp: 4_000_000_000, roles: ['a', 'b'] };

test('UnsecuredJWT.encode gives the bytes jose gives', () => {
  const mine = new jwtcore.UnsecuredJWT(claims).encode();
  assert.equal(mine, new realJose.UnsecuredJWT(claims).encode());
  assert.ok(mine.endsWith('.') && mine.split('.').length === 3);
  assert.deepEqual(jwtcore.decodeProtectedHeader(mine), { alg: 'none' });
});

test('no verify function accepts an unsecured token', async () => {
  const token = new jwtcore.UnsecuredJWT(claims).encode();
  // With a signature segment appended, and with `alg` in another letter case.
  const signed = `${token}c2lnbmF0dXJl`;
  const b64 = (s) => Buffer.from(s).toString('base64url');
  const upper = `${b64('{"alg":"NONE"}')}.${b64(JSON.stringify(claims))}.`;
  const secret = await jwtcore.generateSecret('HS256');
  const { publicKey } = await jwtcore.generateKeyPair('ES256');
  const jwk = await jwtcore.exportJWK(publicKey);
  const jwks = jwtcore.createLocalJWKSet({ keys: [{ ...jwk, alg: 'ES256', kid: 'k1' }] });
  const keys = [secret, publicKey, await jwtcore.importJWK({ ...jwk, alg: 'ES256' }), jwks];
  for (const t of [token, signed, upper]) {
    for (const key of keys) {
      for (const options of [undefined, { algorithms: ['HS256', 'ES256'] }]) {
        await assert.rejects(jwtcore.jwtVerify(t, key, options), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
        await assert.rejects(jwtcore.compactVerify(t, key, options), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
      }
      // jose accepts no `none` in the allow-list either; whatever the reason, it is a refusal.
      await assert.rejects(jwtcore.jwtVerify(t, key, { algorithms: ['none'] }));
    }
    assert.throws(() => jwtcore.jwtVerifySync(t, secret), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  }
  // Reading it without verification is UnsecuredJWT.decode's job, and only for `alg: "none"`.
  assert.deepEqual(jwtcore.UnsecuredJWT.decode(token).payload, claims);
  assert.throws(() => jwtcore.UnsecuredJWT.decode(upper), { code: 'ERR_JWT_INVALID' });
});
