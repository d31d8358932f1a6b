// The session API's one calling convention: required inputs positionally, everything optional in
// one trailing options object; an extra positional argument, an unknown option key or a wrongly
// typed value is a TypeError that names it (issue 19), never silently ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { session as s } from 'jwtcore';

/** Asserts `f` throws a TypeError whose message matches `re`. */
function refused(f, re) {
  assert.throws(f, (e) => e instanceof TypeError && re.test(e.message), `expected a TypeError matching ${re}`);
}

test('revoke takes { reason, now }; the old positional form is refused, not misread', () => {
  const fam = new s.RefreshFamilies({ current: new Uint8Array(32).fill(3) });
  const start = fam.start({ now: 1000 });
  const revoked = fam.revoke(start.record, { reason: 'admin', now: 1001 });
  assert.equal(fam.decide(revoked, start.token, { now: 1002 }).reason, 'refresh_revoked');
  refused(() => fam.revoke(start.record, 'logout', 1020), /revoke takes 2 arguments, got 3/);
  refused(() => fam.revoke(start.record, 'logout'), /revoke: the options must be an object/);
  refused(() => fam.revoke(start.record, {}), /option "reason".*required/);
  refused(() => fam.revoke(start.record, { reason: 'bored' }), /option "reason" must be one of/);
  refused(() => fam.revoke(start.record, { reason: 'logout', when: 5 }), /unknown option "when"/);
});

test('decide: a positional now, a misspelt option or a string time is refused', () => {
  const fam = new s.RefreshFamilies({ current: new Uint8Array(32).fill(4), grace: 10 });
  const start = fam.start({ now: 1000 });
  // The trap: decide(record, token, now) used to ignore `now` and use the clock.
  refused(() => fam.decide(start.record, start.token, 1010), /decide: the options must be an object/);
  refused(() => fam.decide(start.record, start.token, { now: 1010 }, 'extra'), /decide takes 3 arguments, got 4/);
  refused(() => fam.decide(start.record, start.token, { nowSeconds: 1010 }), /unknown option "nowSeconds"/);
  refused(() => fam.decide(start.record, start.token, { now: '1010' }), /option "now" must be a non-negative number/);
  refused(() => fam.decide(start.record, start.token, { now: NaN }), /option "now"/);
  refused(() => fam.decide('record', start.token, { now: 1010 }), /decide: record must be a Uint8Array/);
  // The same call with valid arguments rotates: the refusals above were about the arguments only.
  assert.equal(fam.decide(start.record, start.token, { now: 1010 }).kind, 'rotate');
  refused(() => fam.start(1000), /start: the options must be an object/);
  refused(() => fam.start({ now: 1 }, {}), /start takes 1 argument/);
});

test('constructors refuse unknown and mistyped options', () => {
  refused(() => new s.RefreshFamilies({ current: new Uint8Array(32), graceSeconds: 5 }), /unknown option "graceSeconds"/);
  refused(() => new s.RefreshFamilies({ current: new Uint8Array(32), grace: '5s' }), /option "grace"/);
  refused(() => new s.RefreshFamilies({}), /option "current".*required/);
  refused(() => new s.SessionKeys({ current: new Uint8Array(31) }), /option "current" must be a 32-byte/);
  refused(() => new s.SessionKeys({ current: new Uint8Array(32), prev: [] }), /unknown option "prev"/);
  refused(() => new s.SessionKeys(new Uint8Array(32)), /new SessionKeys: the options must be an object/);
  refused(() => new s.SessionCookie({ maxAge: '3600' }), /option "maxAge" must be a finite number/);
  refused(() => new s.SessionCookie({ httpOnly: 'yes' }), /option "httpOnly" must be a boolean/);
  refused(() => new s.SessionCookie({ samesite: 'Strict' }), /unknown option "samesite"/);
  refused(() => new s.RequestPolicy({ allowedOrigins: ['https://a.example'], allowSameSite: 1 }), /option "allowSameSite" must be a boolean/);
  refused(() => new s.RequestPolicy({ origins: ['https://a.example'] }), /unknown option "origins"/);
  // Valid construction still works and gives the documented header.
  assert.equal(new s.SessionCookie({ maxAge: 60 }).serialize('v'), '__Host-id=v; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax');
});

test('functions refuse extra positional arguments and a positional pepper', () => {
  const id = s.newSessionId();
  const pepper = s.generateSessionSecret();
  refused(() => s.storageKey(id, pepper), /storageKey: the options must be an object \(\{ pepper \}\)/);
  refused(() => s.storageKey(id, { pepper }, 'x'), /storageKey takes 2 arguments/);
  refused(() => s.storageKey(id, { peper: pepper }), /unknown option "peper"/);
  assert.notEqual(s.storageKey(id, { pepper }), s.storageKey(id));
  refused(() => s.newSessionId(32), /newSessionId takes 0 arguments/);
  refused(() => s.findCookie('a=1', 'a', true), /findCookie takes 2 arguments/);
  assert.equal(s.findCookie(undefined, '__Host-id'), undefined);
  const keys = new s.SessionKeys({ current: s.generateSessionSecret() });
  refused(() => keys.signCookie('id', id, { maxAge: 1 }), /signCookie takes 2 arguments/);
  refused(() => keys.verifyCookie('id', 42), /verifyCookie: value must be a string/);
  const sk = s.storageKey(id);
  refused(() => keys.csrfToken(sk, { nonce: new Uint8Array(16), pad: new Uint8Array(48) }), /unknown option "pad"/);
  refused(() => s.maskCsrfToken(keys.csrfToken(sk), new Uint8Array(48)), /maskCsrfToken: the options must be an object/);
  const policy = new s.RequestPolicy({ allowedOrigins: ['https://app.example'] });
  refused(() => policy.check({ method: 'POST', Origin: 'https://app.example' }), /check: unknown option "Origin"/);
  assert.deepEqual(policy.check({ method: 'POST', origin: 'https://app.example' }), { allowed: true, reason: 'origin_listed' });
});
