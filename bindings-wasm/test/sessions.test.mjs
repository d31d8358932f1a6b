// tests/vectors/sessions/sessions.json through the installed package: the same cookie values,
// storage keys and Set-Cookie headers as the Rust core and the Python wheel, all equal to values
// Python's hmac/hashlib computed independently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session as s } from 'jwtcore';

const data = JSON.parse(readFileSync(join(process.env.JWTCORE_VECTORS, 'sessions', 'sessions.json'), 'utf8'));
const hex = (h) => new Uint8Array(Buffer.from(h, 'hex'));

test('signed cookies', () => {
  for (const c of data.cookies) {
    const keys = new s.SessionKeys({ current: hex(c.key) });
    assert.equal(keys.signCookie(c.name, c.session_id), c.value);
    assert.deepEqual(keys.verifyCookie(c.name, c.value), { sessionId: c.session_id, reissue: false });
  }
});

test('rejected cookies', () => {
  for (const c of data.rejected_cookies) {
    const keys = new s.SessionKeys({ current: hex(c.key) });
    assert.throws(() => keys.verifyCookie(c.name, c.value), { jwtcoreCode: c.error }, c.why);
  }
});

test('storage keys', () => {
  for (const c of data.storage_keys) {
    assert.equal(s.storageKey(c.session_id, { pepper: c.pepper ? hex(c.pepper) : undefined }), c.storage_key);
  }
});

test('Set-Cookie headers', () => {
  for (const c of data.set_cookie) {
    const { name, path, max_age: maxAge, same_site: sameSite, clear } = c.options;
    const cookie = new s.SessionCookie({ name, path, maxAge, sameSite });
    assert.equal(clear ? cookie.clear() : cookie.serialize(c.value), c.header);
  }
});
