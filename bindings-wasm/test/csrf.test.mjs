// tests/vectors/sessions/csrf.json through the installed package: the same CSRF tokens, masked
// forms, rotation outcomes, refusal codes and request verdicts as the Rust core and the Python
// wheel, the token values equal to what Python's hmac/hashlib computed independently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session as s, errors } from 'jwtcore';

const data = JSON.parse(readFileSync(join(process.env.JWTCORE_VECTORS, 'sessions', 'csrf.json'), 'utf8'));
const hex = (h) => new Uint8Array(Buffer.from(h, 'hex'));

test('tokens and masked tokens', () => {
  for (const c of data.tokens) {
    const keys = new s.SessionKeys({ current: hex(c.key) });
    const token = keys.csrfToken(c.storage_key, { nonce: hex(c.nonce) });
    assert.equal(token, c.token);
    assert.deepEqual(keys.verifyCsrf(c.storage_key, token), { reissue: false });
    for (const m of c.masked) {
      const masked = s.maskCsrfToken(token, { pad: hex(m.pad) });
      assert.equal(masked, m.value);
      assert.deepEqual(keys.verifyCsrf(c.storage_key, masked), { reissue: false });
      assert.equal(s.sameCsrfToken(token, masked), true);
    }
  }
});

test('rotation', () => {
  for (const c of data.rotation) {
    const keys = new s.SessionKeys({ current: hex(c.current), previous: c.previous.map(hex) });
    assert.deepEqual(keys.verifyCsrf(c.storage_key, c.value), { reissue: c.reissue }, c.why);
  }
});

test('rejected tokens', () => {
  for (const c of data.rejected_tokens) {
    const keys = new s.SessionKeys({ current: hex(c.key) });
    assert.throws(() => keys.verifyCsrf(c.storage_key, c.value), (e) => e instanceof errors.SessionError && e.jwtcoreCode === c.error, c.why);
  }
});

test('request verdicts', () => {
  for (const c of data.requests) {
    const p = c.policy;
    const policy = new s.RequestPolicy({
      allowedOrigins: p.allowed_origins,
      allowSameSite: p.allow_same_site,
      allowMissingOrigin: p.allow_missing_origin,
      allowNullOrigin: p.allow_null_origin,
    });
    const expected = { allowed: c.allowed, reason: c.reason };
    assert.deepEqual(policy.check({ method: c.method, secFetchSite: c.sec_fetch_site, origin: c.origin, referer: c.referer }), expected, c.why);
    const headers = new Headers();
    for (const [k, v] of [['Sec-Fetch-Site', c.sec_fetch_site], ['Origin', c.origin], ['Referer', c.referer]]) if (v !== null) headers.set(k, v);
    assert.deepEqual(policy.checkRequest({ method: c.method, headers }), expected, c.why);
    policy.free();
  }
});

test('fresh randomness, session binding and configuration errors', () => {
  const keys = new s.SessionKeys({ current: s.generateSessionSecret() });
  const sk = s.storageKey(s.newSessionId());
  const a = keys.csrfToken(sk);
  assert.notEqual(a, keys.csrfToken(sk));
  const pages = new Set(Array.from({ length: 20 }, () => s.maskCsrfToken(a)));
  assert.equal(pages.size, 20);
  for (const p of pages) assert.deepEqual(keys.verifyCsrf(sk, p), { reissue: false });
  const other = s.storageKey(s.newSessionId());
  assert.throws(() => keys.verifyCsrf(other, [...pages][0]), { jwtcoreCode: 'session_csrf_mismatch' });
  assert.throws(() => keys.verifyCsrf(sk, undefined), { jwtcoreCode: 'session_csrf_malformed' });
  assert.throws(() => keys.csrfToken('not a storage key'), TypeError);
  assert.throws(() => s.maskCsrfToken(a, { pad: new Uint8Array(47) }), TypeError);
  assert.throws(() => new s.RequestPolicy({ allowedOrigins: ['https://app.example/'] }), { jwtcoreCode: 'session_origin_config' });
  // Node's IncomingMessage headers: lower-case keys on a plain object.
  const policy = new s.RequestPolicy({ allowedOrigins: ['https://app.example'] });
  assert.deepEqual(policy.checkRequest({ method: 'POST', headers: { origin: 'https://app.example' } }), { allowed: true, reason: 'origin_listed' });
  assert.deepEqual(policy.checkRequest({ method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }), { allowed: false, reason: 'cross_site' });
});
