// tests/vectors/tables/policy-bounds.json through the installed npm package: the core's one bound
// on options given in seconds (±1e12 s, finite; max age not negative) refused as a TypeError (jose's
// class for a bad option), never clamped, and the verdicts inside it, sync and async alike (the Rust
// and Python suites run the same file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jwt from 'jwtcore';

const dir = process.env.JWTCORE_VECTORS;
assert.ok(dir, 'JWTCORE_VECTORS must point at tests/vectors');
const file = JSON.parse(readFileSync(join(dir, 'tables', 'policy-bounds.json'), 'utf8'));
const secret = new TextEncoder().encode(file.secret);
const POLICY_CODES = new Set(['policy_leeway', 'policy_max_age']);

function optionsOf(c) {
  const o = { algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: new Date(file.now * 1000), clockTolerance: Number(c.leeway) };
  if (c.max_age !== undefined) o.maxTokenAge = Number(c.max_age);
  return o;
}

function verdictOf(e) {
  if (e instanceof TypeError) {
    // The core's code when the core refused it; the JS layer refuses NaN and negative ages itself.
    assert.ok(e.jwtcoreCode === undefined || POLICY_CODES.has(e.jwtcoreCode), e.jwtcoreCode);
    return e.jwtcoreCode ?? 'TypeError';
  }
  return e.jwtcoreCode;
}

function expected(c) {
  // Where the JS layer refuses before the core, only the class is comparable.
  return POLICY_CODES.has(c.expect) ? [c.expect, 'TypeError'] : [c.expect];
}

test('policy-bounds.json: same verdicts as the core', async () => {
  const token = await new jwt.SignJWT(file.claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  assert.ok(file.cases.length >= 10);
  for (const c of file.cases) {
    let sync;
    try {
      jwt.jwtVerifySync(token, secret, optionsOf(c));
      sync = 'valid';
    } catch (e) {
      sync = verdictOf(e);
    }
    let asyncVerdict;
    try {
      await jwt.jwtVerify(token, secret, optionsOf(c));
      asyncVerdict = 'valid';
    } catch (e) {
      asyncVerdict = verdictOf(e);
    }
    assert.ok(expected(c).includes(sync), `${c.id}: sync ${sync}, expected ${c.expect}`);
    assert.equal(asyncVerdict, sync, `${c.id}: async and sync differ`);
  }
});

test('a leeway past the bound names the bound and the fix', async () => {
  const token = await new jwt.SignJWT(file.claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  assert.throws(
    () => jwt.jwtVerifySync(token, secret, { clockTolerance: 1e13 }),
    (e) => e instanceof TypeError && e.jwtcoreCode === 'policy_leeway' && /between -1e12 and 1e12/.test(e.message),
  );
});
