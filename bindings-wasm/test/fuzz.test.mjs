// Property test: whatever bytes arrive as tokens, keys or key sets, the package only ever throws
// its own JOSEError subclasses (never a wasm trap, a TypeError or a string), and never accepts a
// token whose signature it did not make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as jwt from 'jwtcore';

const { JOSEError } = jwt.errors;
const b64 = (s) => Buffer.from(s).toString('base64url');

function onlyJoseErrors(f) {
  try {
    f();
    return true;
  } catch (e) {
    if (!(e instanceof JOSEError)) throw new Error(`escaped: ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    return false;
  }
}

// Tokens assembled from plausible pieces (JSON headers and payloads, junk, base64 edge cases).
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
const header = fc.oneof(
  fc.constantFrom('HS256', 'ES256', 'EdDSA', 'ES384', 'none', 'RS256', 'hs256', '').map((alg) => JSON.stringify({ alg })),
  fc.record({ alg: fc.constantFrom('HS256', 'EdDSA'), crit: fc.array(fc.string()), kid: fc.string(), b64: fc.boolean() }).map((h) => JSON.stringify(h)),
  json,
  fc.string(),
);
const segment = fc.oneof(header.map(b64), fc.string(), fc.base64String(), fc.constant(''));
const token = fc.oneof(
  fc.tuple(segment, segment, segment).map((p) => p.join('.')),
  fc.array(segment, { maxLength: 6 }).map((p) => p.join('.')),
  fc.string({ unit: 'binary' }),
);

test('verify with arbitrary tokens raises only JOSEErrors and never accepts', async () => {
  const key = await jwt.generateSecret('HS256');
  const { publicKey } = await jwt.generateKeyPair('EdDSA');
  const set = jwt.createLocalJWKSet({ keys: [await jwt.exportJWK(publicKey)] });
  fc.assert(
    fc.property(token, (t) => {
      for (const k of [key, publicKey, set, new Uint8Array(32)]) assert.equal(onlyJoseErrors(() => jwt.jwtVerifySync(t, k)), false);
      onlyJoseErrors(() => jwt.decodeJwt(t));
      onlyJoseErrors(() => jwt.decodeProtectedHeader(t));
    }),
    { numRuns: 3000 },
  );
});

test('arbitrary JWKs and key sets raise only JOSEErrors', () => {
  const member = fc.oneof(fc.string(), fc.base64String().map((s) => s.replace(/=/g, '')), fc.integer(), fc.constant(null), fc.array(fc.string()));
  const jwk = fc.record(
    {
      kty: fc.constantFrom('oct', 'EC', 'OKP', 'RSA', 'x', ''),
      crv: fc.constantFrom('P-256', 'P-384', 'Ed25519', 'X25519', 'secp256k1'),
      alg: fc.constantFrom('HS256', 'ES256', 'EdDSA', 'none', 'RS256'),
      k: member,
      x: member,
      y: member,
      d: member,
      use: fc.constantFrom('sig', 'enc', 1),
      key_ops: fc.array(fc.constantFrom('sign', 'verify', 'encrypt')),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(jwk, fc.array(jwk, { maxLength: 4 }), (k, ks) => {
      onlyJoseErrors(() => jwt.importJWKSync(k));
      onlyJoseErrors(() => jwt.jwtVerifySync('eyJhbGciOiJIUzI1NiJ9.e30.AAAA', k));
      onlyJoseErrors(() => jwt.createLocalJWKSet({ keys: ks }));
    }),
    { numRuns: 2000 },
  );
});

test('session inputs: arbitrary cookie values, IDs, headers and records raise only JOSEErrors', () => {
  const s = jwt.session;
  const keys = new s.SessionKeys({ current: new Uint8Array(32).fill(1) });
  const fam = new s.RefreshFamilies({ current: new Uint8Array(32).fill(2) });
  const rec = fam.start({ now: 1 }).record;
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
      assert.equal(onlyJoseErrors(() => keys.verifyCookie('__Host-id', text)), false);
      onlyJoseErrors(() => s.storageKey(text));
      onlyJoseErrors(() => s.findCookie(text, '__Host-id'));
      onlyJoseErrors(() => fam.familyOf(text));
      onlyJoseErrors(() => fam.decide(bytes, text, { now: 2 }));
      const d = fam.decide(rec, text, { now: 2 });
      assert.equal(d.kind, 'reject');
    }),
    { numRuns: 2000 },
  );
});
