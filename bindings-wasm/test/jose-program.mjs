// A typical jose program (issue 19), as 21 steps a service commonly takes with jose 6, written
// against a `jose` namespace so the same program runs with jose itself (the control: every step
// must pass there) and with jwtcore (the only change: the import). `runProgram` returns each
// step's verdict, never throws.

// A self-signed P-256 certificate (openssl req -x509, for this test only).
const CERT = `-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUEoIm59HKps7w1uMNlqTZpti7qf8wCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMand0Y29yZSB0ZXN0MCAXDTI2MTIwMjAxMzAxNVoYDzIxMjYx
MTA4MDEzMDE1WjAXMRUwEwYDVQQDDAxqd3Rjb3JlIHRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAATYCJ+Qmhv0fGYAM/ltCWG2j9h/nt2qyGnKVPXPix7vsz8T
25H44qsr/TS2sz8UJ+RbcRF5kmSsxtjrk6kKtF+jo1MwUTAdBgNVHQ4EFgQUlPTq
sx3wYxdrj/QE7QBxrwdTkZQwHwYDVR0jBBgwFoAUlPTqsx3wYxdrj/QE7QBxrwdT
kZQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAgBFDDoIhoxeT
w6lZ3At/42ze7Qv2OHu9sL6O19F9DqoCIQD0X3gDqYGJjah3eBS53XrLJzrKcVQJ
dM+99XkAFGEFww==
-----END CERTIFICATE-----`;

const ok = (cond, what) => {
  if (!cond) throw new Error(`check failed: ${what}`);
};

/** The 21 steps; each receives `jose` and the state the earlier steps left in `s`. */
export const STEPS = [
  ['generateSecret(HS256)', async (jose, s) => {
    s.secret = await jose.generateSecret('HS256');
  }],
  ['SignJWT with HS256 and registered claims', async (jose, s) => {
    s.hsToken = await new jose.SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setIssuer('https://auth.example')
      .setAudience('api')
      .setExpirationTime('2h')
      .sign(s.secret);
  }],
  ['jwtVerify HS256 with issuer and audience', async (jose, s) => {
    const { payload } = await jose.jwtVerify(s.hsToken, s.secret, { issuer: 'https://auth.example', audience: 'api' });
    ok(payload.role === 'admin', 'role');
  }],
  ['decodeJwt', async (jose, s) => {
    ok(jose.decodeJwt(s.hsToken).iss === 'https://auth.example', 'iss');
  }],
  ['decodeProtectedHeader', async (jose, s) => {
    ok(jose.decodeProtectedHeader(s.hsToken).alg === 'HS256', 'alg');
  }],
  ['generateKeyPair(RS256)', async (jose, s) => {
    s.rsa = await jose.generateKeyPair('RS256', { extractable: true });
  }],
  ['SignJWT with RS256 and a kid', async (jose, s) => {
    s.rsToken = await new jose.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', kid: 'r1' }).setExpirationTime('5m').sign(s.rsa.privateKey);
  }],
  ['exportJWK + createLocalJWKSet', async (jose, s) => {
    const jwk = await jose.exportJWK(s.rsa.publicKey);
    s.jwks = jose.createLocalJWKSet({ keys: [{ ...jwk, kid: 'r1', alg: 'RS256', use: 'sig' }] });
  }],
  ['jwtVerify with the local JWKS', async (jose, s) => {
    const { payload, protectedHeader } = await jose.jwtVerify(s.rsToken, s.jwks);
    ok(payload.sub === 'alice' && protectedHeader.kid === 'r1', 'sub/kid');
  }],
  ['generateKeyPair(ES256) + exportSPKI + importSPKI', async (jose, s) => {
    s.ec = await jose.generateKeyPair('ES256', { extractable: true });
    s.ecSpki = await jose.importSPKI(await jose.exportSPKI(s.ec.publicKey), 'ES256');
  }],
  ['exportPKCS8 + importPKCS8, sign and verify', async (jose, s) => {
    const priv = await jose.importPKCS8(await jose.exportPKCS8(s.ec.privateKey), 'ES256');
    const t = await new jose.SignJWT({ n: 1 }).setProtectedHeader({ alg: 'ES256' }).sign(priv);
    ok((await jose.jwtVerify(t, s.ecSpki)).payload.n === 1, 'n');
  }],
  ['importX509', async (jose) => {
    const key = await jose.importX509(CERT, 'ES256');
    ok(key.type === 'public', 'public');
  }],
  ['calculateJwkThumbprint', async (jose, s) => {
    const t = await jose.calculateJwkThumbprint(await jose.exportJWK(s.ec.publicKey));
    ok(/^[A-Za-z0-9_-]{43}$/.test(t), 'thumbprint');
  }],
  ['CompactSign over a non-JSON payload', async (jose, s) => {
    s.jws = await new jose.CompactSign(new TextEncoder().encode('plain text')).setProtectedHeader({ alg: 'ES256' }).sign(s.ec.privateKey);
  }],
  ['compactVerify', async (jose, s) => {
    const { payload } = await jose.compactVerify(s.jws, s.ec.publicKey);
    ok(new TextDecoder().decode(payload) === 'plain text', 'payload');
  }],
  ['FlattenedSign + flattenedVerify', async (jose, s) => {
    const f = await new jose.FlattenedSign(new Uint8Array([1, 2])).setProtectedHeader({ alg: 'ES256' }).sign(s.ec.privateKey);
    ok((await jose.flattenedVerify(f, s.ec.publicKey)).payload.length === 2, 'payload');
  }],
  ['UnsecuredJWT encode + decode', async (jose) => {
    const u = new jose.UnsecuredJWT({ sub: 'u' }).setIssuedAt().setExpirationTime('1h').encode();
    ok(jose.UnsecuredJWT.decode(u).payload.sub === 'u', 'sub');
  }],
  ['base64url encode + decode', async (jose) => {
    ok(new TextDecoder().decode(jose.base64url.decode(jose.base64url.encode('héllo'))) === 'héllo', 'round trip');
  }],
  ['an expired token is errors.JWTExpired (ERR_JWT_EXPIRED)', async (jose, s) => {
    const t = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(s.secret);
    try {
      await jose.jwtVerify(t, s.secret);
    } catch (e) {
      ok(e instanceof jose.errors.JWTExpired && e.code === 'ERR_JWT_EXPIRED', 'class/code');
      return;
    }
    throw new Error('expired token accepted');
  }],
  ['a WebCrypto CryptoKey signs and verifies', async (jose) => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const t = await new jose.SignJWT({ c: 1 }).setProtectedHeader({ alg: 'ES256' }).sign(pair.privateKey);
    ok((await jose.jwtVerify(t, pair.publicKey)).payload.c === 1, 'c');
  }],
  ['createRemoteJWKSet with customFetch', async (jose, s) => {
    const jwk = await jose.exportJWK(s.rsa.publicKey);
    const body = JSON.stringify({ keys: [{ ...jwk, kid: 'r1', alg: 'RS256' }] });
    const JWKS = jose.createRemoteJWKSet(new URL('https://idp.example/jwks'), {
      [jose.customFetch]: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    ok((await jose.jwtVerify(s.rsToken, JWKS)).payload.sub === 'alice', 'sub');
  }],
];

/** Runs every step; `[{ name, ok, error? }]`. A failed step leaves later ones to run on. */
export async function runProgram(jose) {
  const s = {};
  const out = [];
  for (const [name, step] of STEPS) {
    try {
      await step(jose, s);
      out.push({ name, ok: true });
    } catch (e) {
      out.push({ name, ok: false, error: `${e && e.code ? `${e.code}: ` : ''}${e && e.message}` });
    }
  }
  return out;
}
