// OIDC discovery against a loopback provider: the issuer match (exact), a missing jwks_uri, a
// redirect refused, the size bound, and a token verified through the discovered key set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { SignJWT, generateKeyPair, exportJWK, jwtVerify, discoverJWKS, fetchOpenIdConfiguration, errors } from 'jwtcore';
import { listen, close } from './http-helpers.mjs';

let server;
let base;
let keys;
const routes = new Map(); // path -> (req, res) => void

before(async () => {
  keys = await generateKeyPair('ES256');
  server = createServer((req, res) => {
    const h = routes.get(req.url);
    if (!h) return res.writeHead(404).end();
    h(req, res);
  });
  base = await listen(server);
});
after(() => close(server));

const json = (body) => (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

test('a matching issuer: its jwks_uri verifies tokens', async () => {
  const issuer = `${base}/tenant-a`;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'a1', alg: 'ES256' };
  routes.set('/tenant-a/.well-known/openid-configuration', json({ issuer, jwks_uri: `${base}/tenant-a/keys`, authorization_endpoint: `${base}/auth` }));
  routes.set('/tenant-a/keys', json({ keys: [jwk] }));
  const config = await fetchOpenIdConfiguration(issuer);
  assert.equal(config.authorization_endpoint, `${base}/auth`);
  const JWKS = await discoverJWKS(issuer, { timeoutDuration: 2000 });
  const t = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'ES256', kid: 'a1' }).setIssuer(issuer).setExpirationTime('5m').sign(keys.privateKey);
  const { payload } = await jwtVerify(t, JWKS, { issuer });
  assert.equal(payload.sub, 'u1');
  // A trailing slash on the configured issuer finds the same document but must match exactly.
  await assert.rejects(discoverJWKS(`${issuer}/`), /names issuer/);
});

test('an issuer mismatch is refused', async () => {
  routes.set('/evil/.well-known/openid-configuration', json({ issuer: `${base}/tenant-a`, jwks_uri: `${base}/tenant-a/keys` }));
  await assert.rejects(discoverJWKS(`${base}/evil`), (e) => e instanceof errors.JOSEError && /names issuer/.test(e.message));
});

test('a missing or non-URL jwks_uri is refused', async () => {
  routes.set('/nokeys/.well-known/openid-configuration', json({ issuer: `${base}/nokeys` }));
  await assert.rejects(discoverJWKS(`${base}/nokeys`), /no jwks_uri/);
  routes.set('/badkeys/.well-known/openid-configuration', json({ issuer: `${base}/badkeys`, jwks_uri: 'file:///etc/passwd' }));
  await assert.rejects(discoverJWKS(`${base}/badkeys`), /not an http\(s\) URL/);
});

test('a redirect is not followed', async () => {
  routes.set('/moved/.well-known/openid-configuration', (req, res) => res.writeHead(302, { location: `${base}/tenant-a/.well-known/openid-configuration` }).end());
  await assert.rejects(discoverJWKS(`${base}/moved`), /Expected 200 OK .* got 302 \(redirects are not followed\)/);
});

test('size and time bounds', async () => {
  routes.set('/big/.well-known/openid-configuration', json({ issuer: `${base}/big`, jwks_uri: `${base}/k`, pad: 'x'.repeat(4096) }));
  await assert.rejects(discoverJWKS(`${base}/big`, { maxResponseSize: 1024 }), /exceeds maxResponseSize/);
  routes.set('/slow/.well-known/openid-configuration', (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"issuer":');
    // Never finishes: the deadline covers the body too.
  });
  await assert.rejects(discoverJWKS(`${base}/slow`, { timeoutDuration: 200 }), errors.JWKSTimeout);
  routes.set('/notjson/.well-known/openid-configuration', (req, res) => res.writeHead(200).end('<html>'));
  await assert.rejects(discoverJWKS(`${base}/notjson`), /not JSON/);
  await assert.rejects(discoverJWKS('ftp://idp.example'), TypeError);
});
