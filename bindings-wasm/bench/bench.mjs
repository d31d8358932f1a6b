// make bench-js: jwtcore (sync and async) vs jose, jsonwebtoken and fast-jwt in one Node run.
// Method (as the anchors' measurements): one claim set; keys generated and imported before
// timing; every library verifies the same jose-signed token with algorithms + issuer + audience;
// batches of >= 10 ms, 0.3 s warm-up then 1.5 s measured per library, the libraries of one row
// interleaved batch by batch (a shared machine's load then hits every column alike); the figure is
// the median µs/op of the batches, and each library is checked for correctness before timing.
// @node-rs/jsonwebtoken (Rust's jsonwebtoken crate as a native addon) runs its sync API: its async
// one is a thread-pool round trip, slower per call.
// Usage: node bench.mjs [--only HS256,ES256,EdDSA,RS256] [--seconds 1.5] [--before <module>]
// --before names a second jwtcore build installed in the same project (e.g. npm install --no-save
// jwtcore-before@file:old.tgz): its sync and async modes become two more columns of the same run.
// jwtcore async = jwtVerify / SignJWT#sign: ECDSA and RSA verification go through WebCrypto there.
// "node:crypto alone" (HS256, ES256, EdDSA) is no library: OpenSSL's bare sign or verify of the
// token's bytes with a cached KeyObject, the floor under every column that uses node:crypto.
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { createSigner, createVerifier } from 'fast-jwt';
import * as nodeRs from '@node-rs/jsonwebtoken';
import { generateKeyPairSync, createSecretKey, createHmac, sign as nodeSign, timingSafeEqual, verify as nodeVerify } from 'node:crypto';
import * as jwtcore from 'jwtcore';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const ONLY = opt('--only', 'HS256,ES256,EdDSA,RS256').split(',');
const SECONDS = Number(opt('--seconds', '1.5'));
const BEFORE = opt('--before', undefined);
const before = BEFORE ? await import(BEFORE) : undefined;

const now = Math.floor(Date.now() / 1000);
const claims = {
  sub: 'user-1234',
  iss: 'https://issuer.example',
  aud: 'api.example',
  exp: 4102444800,
  nbf: now - 3600,
  iat: now - 3600,
  jti: '3f9c1d2e-8a7b-4c6d-9e0f-112233445566',
  name: 'Ada Lovelace',
  roles: ['admin', 'dev'],
};
const vopts = (alg) => ({ algorithms: [alg], issuer: claims.iss, audience: claims.aud });

/** Runs `fn` n times (awaiting each call when `isAsync`); returns the elapsed ms. */
async function runBatch(fn, isAsync, n) {
  // One turn of the event loop first (untimed): WebCrypto completes through it, and an async
  // library timed straight after a synchronous batch measured up to twice its settled figure.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < n; i++) await fn();
  else for (let i = 0; i < n; i++) fn();
  return performance.now() - t0;
}

// A batch's length: short enough that load bursts spread over every library, long enough that an
// async library's first calls after another's batch do not dominate it.
const BATCH_MS = 10;

/**
 * Median µs/op of each library's batches, the libraries interleaved batch by batch (one batch of
 * >= BATCH_MS each in turn), so a burst of load from other processes falls on all of them alike
 * instead of on whichever row was running. `cases` is [{ fn, isAsync }]; 0.3 s warm-up each.
 */
async function timeInterleaved(cases) {
  const sizes = [];
  for (const { fn, isAsync } of cases) {
    let n = 1;
    while ((await runBatch(fn, isAsync, n)) < BATCH_MS) n *= 2;
    sizes.push(n);
  }
  for (const [i, { fn, isAsync }] of cases.entries()) {
    const end = performance.now() + 300;
    while (performance.now() < end) await runBatch(fn, isAsync, sizes[i]);
  }
  const batches = cases.map(() => []);
  const spent = cases.map(() => 0);
  while (spent.some((ms) => ms < SECONDS * 1000)) {
    for (const [i, { fn, isAsync }] of cases.entries()) {
      const ms = await runBatch(fn, isAsync, sizes[i]);
      spent[i] += ms;
      batches[i].push((ms * 1000) / sizes[i]);
    }
  }
  return batches.map((b) => b.sort((x, y) => x - y)[Math.floor(b.length / 2)]);
}

async function keysFor(alg) {
  if (alg === 'HS256') {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const jwk = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
    return {
      jose: { sign: await jose.importJWK(jwk, 'HS256'), verify: await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) },
      joseSign: await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),
      node: { sign: createSecretKey(secret), verify: createSecretKey(secret) },
      fast: { sign: Buffer.from(secret), verify: Buffer.from(secret) },
      core: { sign: await jwtcore.importJWK({ ...jwk, alg: 'HS256' }), verify: await jwtcore.importJWK({ ...jwk, alg: 'HS256' }) },
      before: before && { sign: await before.importJWK({ ...jwk, alg: 'HS256' }), verify: await before.importJWK({ ...jwk, alg: 'HS256' }) },
    };
  }
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg.startsWith('RS') || alg.startsWith('PS')
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  const priv = privateKey.export({ format: 'jwk' });
  const pub = publicKey.export({ format: 'jwk' });
  return {
    jose: { sign: await jose.importJWK(priv, alg), verify: await jose.importJWK(pub, alg) },
    node: { sign: privateKey, verify: publicKey },
    fast: { sign: privateKey.export({ format: 'pem', type: 'pkcs8' }), verify: publicKey.export({ format: 'pem', type: 'spki' }) },
    core: { sign: await jwtcore.importJWK({ ...priv, alg }), verify: await jwtcore.importJWK({ ...pub, alg }) },
    before: before && { sign: await before.importJWK({ ...priv, alg }), verify: await before.importJWK({ ...pub, alg }) },
  };
}

const rows = [];
for (const alg of ONLY) {
  const k = await keysFor(alg);
  const signK = alg === 'HS256' ? k.joseSign : k.jose.sign;
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(signK);
  const libs = {
    'jwtcore sync': {
      sign: () => jwtcore.signSync(claims, k.core.sign, { alg, typ: 'JWT' }),
      verify: () => jwtcore.jwtVerifySync(token, k.core.verify, vopts(alg)).payload,
    },
    'jwtcore async': {
      async: true,
      sign: () => new jwtcore.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(k.core.sign),
      verify: async () => (await jwtcore.jwtVerify(token, k.core.verify, vopts(alg))).payload,
    },
    ...(before && {
      'before sync': {
        sign: () => before.signSync(claims, k.before.sign, { alg, typ: 'JWT' }),
        verify: () => before.jwtVerifySync(token, k.before.verify, vopts(alg)).payload,
      },
      'before async': {
        async: true,
        sign: () => new before.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(k.before.sign),
        verify: async () => (await before.jwtVerify(token, k.before.verify, vopts(alg))).payload,
      },
    }),
    jose: {
      async: true,
      sign: () => new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(signK),
      verify: async () => (await jose.jwtVerify(token, alg === 'HS256' ? k.jose.verify : k.jose.verify, vopts(alg))).payload,
    },
    'fast-jwt': {
      sign: ((s) => () => s(claims))(createSigner({ key: k.fast.sign, algorithm: alg, header: { typ: 'JWT' } })),
      verify: ((v) => () => v(token))(createVerifier({ key: k.fast.verify, algorithms: [alg], allowedIss: claims.iss, allowedAud: claims.aud })),
    },
  };
  libs['@node-rs/jsonwebtoken'] = {
    sign: () => nodeRs.signSync(claims, k.fast.sign, { algorithm: alg }),
    verify: () => nodeRs.verifySync(token, k.fast.verify, { algorithms: [alg], iss: [claims.iss], aud: [claims.aud] }),
  };
  if (alg !== 'EdDSA') {
    libs.jsonwebtoken = {
      sign: () => jsonwebtoken.sign(claims, k.node.sign, { algorithm: alg, header: { typ: 'JWT', alg } }),
      verify: () => jsonwebtoken.verify(token, k.node.verify, { algorithms: [alg], issuer: claims.iss, audience: claims.aud }),
    };
  }
  // Not a library: OpenSSL's own primitive on the token's bytes with a cached key (HMAC plus a
  // constant-time compare; ECDSA with a DER signature; Ed25519), the floor any JS library on
  // node:crypto pays; no parsing, no checks.
  const [h64, p64, s64] = token.split('.');
  const input = Buffer.from(`${h64}.${p64}`);
  const sig = Buffer.from(s64, 'base64url');
  const floor = {
    HS256: () => ({
      sign: () => createHmac('sha256', k.node.sign).update(input).digest(),
      verify: () => timingSafeEqual(createHmac('sha256', k.node.verify).update(input).digest(), sig),
    }),
    ES256: () => ({
      sign: () => nodeSign('sha256', input, k.node.sign),
      verify: ((der) => () => nodeVerify('sha256', input, k.node.verify, der))(
        nodeSign('sha256', input, k.node.sign), // a valid DER signature over the same input
      ),
    }),
    EdDSA: () => ({ sign: () => nodeSign(null, input, k.node.sign), verify: () => nodeVerify(null, input, k.node.verify, sig) }),
  }[alg]?.();
  for (const [name, lib] of Object.entries(libs)) {
    // Correctness first: its own token verifies with jose, and it verifies jose's token.
    const own = await lib.sign();
    const joseKey = alg === 'HS256' ? k.joseSign : k.jose.verify;
    const back = await jose.jwtVerify(own, joseKey, vopts(alg));
    const got = await lib.verify();
    if (back.payload.jti !== claims.jti || got.jti !== claims.jti) throw new Error(`${name} ${alg}: correctness check failed`);
  }
  if (floor) {
    if (floor.verify() !== true) throw new Error(`node:crypto alone ${alg}: correctness check failed`);
    libs['node:crypto alone'] = floor;
  }
  for (const op of ['sign', 'verify']) {
    const names = Object.keys(libs);
    const us = await timeInterleaved(names.map((name) => ({ fn: libs[name][op], isAsync: !!libs[name].async })));
    for (const [i, name] of names.entries()) {
      rows.push({ alg, op, lib: name, us: us[i] });
      process.stderr.write(`${alg} ${op} ${name}: ${us[i].toFixed(2)} µs\n`);
    }
  }
}

const libsOrder = [...(before ? ['before sync', 'before async'] : []), 'jwtcore sync', 'jwtcore async', 'jose', 'jsonwebtoken', 'fast-jwt', '@node-rs/jsonwebtoken', 'node:crypto alone'];
const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`Node ${process.version}, ${SECONDS} s per row, median µs/op (lower is better); load average at the end: ${load}\n`);
console.log(`| alg | op | ${libsOrder.join(' | ')} |`);
console.log(`|---|---|${libsOrder.map(() => '---:').join('|')}|`);
for (const alg of ONLY) {
  for (const op of ['sign', 'verify']) {
    const cells = libsOrder.map((l) => {
      const r = rows.find((x) => x.alg === alg && x.op === op && x.lib === l);
      return r ? r.us.toFixed(1) : 'n/a';
    });
    console.log(`| ${alg} | ${op} | ${cells.join(' | ')} |`);
  }
}
