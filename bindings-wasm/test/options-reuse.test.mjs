// compileOptions reuses its last result while the options mean the same (js/jwt/options-memo.js):
// every edit of an option, in place or by a new object, must still take effect on the next call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jwt from 'jwtcore';

const code = (f) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e.jwtcoreCode ?? e.constructor.name;
  }
};

test('options edited between verifications take effect (in place, reassigned, or a new object)', async () => {
  const key = await jwt.generateSecret('HS256');
  const token = jwt.signSync({ iss: 'https://a.example', aud: 'api', sub: 'x', exp: 4_000_000_000 }, key, { alg: 'HS256' });
  const opts = { algorithms: ['HS256'], issuer: 'https://a.example', audience: ['api'] };
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'ok');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'ok'); // the reused result
  opts.audience[0] = 'other'; // in place
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'audience_mismatch');
  opts.audience.push('api'); // in place, longer
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'ok');
  opts.issuer = 'https://b.example'; // reassigned
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'issuer_mismatch');
  opts.issuer = 'https://a.example';
  opts.algorithms[0] = 'HS384';
  assert.equal(code(() => jwt.jwtVerifySync(token, key, opts)), 'alg_not_allowed');
  // New objects with the same values reuse; with other values they do not.
  const fresh = () => ({ algorithms: ['HS256'], issuer: 'https://a.example', audience: 'api' });
  assert.equal(code(() => jwt.jwtVerifySync(token, key, fresh())), 'ok');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, fresh())), 'ok');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, { ...fresh(), subject: 'y' })), 'subject_mismatch');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, { ...fresh(), maxTokenLength: 10 })), 'token_too_long');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, { ...fresh(), requiredClaims: ['jti'] })), 'missing_claim');
  assert.equal(code(() => jwt.jwtVerifySync(token, key, { ...fresh(), currentDate: new Date(4_100_000_000_000) })), 'expired');
  // A caller's array edited after it was compiled does not leak into the reused result.
  const algs = ['HS256'];
  assert.equal(code(() => jwt.jwtVerifySync(token, key, { algorithms: algs, issuer: 'https://a.example', audience: 'api' })), 'ok');
  algs[0] = 'ES256';
  assert.equal(code(() => jwt.jwtVerifySync(token, key, fresh())), 'ok');
  // A value that would not validate is still refused after a reusable one.
  assert.throws(() => jwt.jwtVerifySync(token, key, { ...fresh(), clockTolerance: NaN }), TypeError);
  assert.equal(code(() => jwt.jwtVerifySync(token, key, fresh())), 'ok');
});
