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

// parseResult reuses the last flat protected header it parsed (js/jwt/options.js): each result must
// still get its own object, equal to a fresh parse, and a header with nested members is never reused.
test('repeated protected headers: a separate, equal object per result', async () => {
  const key = await jwt.generateSecret('HS256');
  const claims = { sub: 'x', exp: 4_000_000_000 };
  const flat = jwt.signSync(claims, key, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
  const first = jwt.jwtVerifySync(flat, key).protectedHeader;
  first.kid = 'changed by the caller';
  first.extra = 1;
  const second = jwt.jwtVerifySync(flat, key).protectedHeader;
  assert.deepEqual(second, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
  assert.deepEqual(Object.keys(second), ['alg', 'typ', 'kid']);
  assert.notEqual(first, second);
  // Another header in between, then the first again; and a nested member, never shared.
  const other = jwt.signSync(claims, key, { alg: 'HS256', kid: 'k2' });
  assert.deepEqual(jwt.jwtVerifySync(other, key).protectedHeader, { alg: 'HS256', kid: 'k2' });
  assert.deepEqual(jwt.jwtVerifySync(flat, key).protectedHeader, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
  const nested = jwt.signSync(claims, key, { alg: 'HS256', crit: ['exp'], exp: 1 });
  const opts = { crit: { exp: true } };
  const a = jwt.jwtVerifySync(nested, key, opts).protectedHeader;
  a.crit.push('mutated');
  assert.deepEqual(jwt.jwtVerifySync(nested, key, opts).protectedHeader.crit, ['exp']);
  // The async API and a decoded header agree with the synchronous result.
  assert.deepEqual((await jwt.jwtVerify(flat, key)).protectedHeader, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
});
