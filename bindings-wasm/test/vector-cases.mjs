// The shared conformance vectors (tests/vectors) as the JS suites read them, and a vector's
// options in jose's terms: one reading for the main entry's suite (vectors.test.mjs) and the
// verify-only entry's (verify-entry.test.mjs), so both test the same cases the same way.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.JWTCORE_VECTORS;
assert.ok(dir, 'JWTCORE_VECTORS must point at tests/vectors');

/** error-codes.json's table: `{ code, jose, ... }` per core error code. */
export const table = JSON.parse(readFileSync(join(dir, 'error-codes.json'), 'utf8')).codes;

/** Every vector of every file, files in name order. */
export const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'error-codes.json')
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).vectors);

// PyJWT-only options have no jose equivalent. (`max_token_length` is `maxTokenLength`, and a
// negative `leeway` a negative `clockTolerance`: both run here.)
export const PYJWT_ONLY = ['verify', 'strict_aud', 'allow_weak_hmac_key'];

/** A vector's options (PyJWT's names) as jwtVerify's options (jose's names). */
export function optionsOf(vec) {
  const o = vec.options || {};
  const out = { currentDate: new Date((vec.now ?? 0) * 1000), requiredClaims: o.require ?? ['exp'] };
  if (o.algorithms) out.algorithms = o.algorithms;
  if (o.issuer !== undefined) out.issuer = o.issuer;
  if (o.audience !== undefined) out.audience = o.audience;
  if (o.subject !== undefined) out.subject = o.subject;
  if (o.leeway !== undefined) out.clockTolerance = o.leeway;
  if (o.max_token_length !== undefined) out.maxTokenLength = o.max_token_length;
  if (o.max_age !== undefined) out.maxTokenAge = o.max_age;
  if (o.typ !== undefined) out.typ = o.typ;
  if (o.crit) out.crit = Object.fromEntries(o.crit.map((c) => [c, true]));
  return out;
}
