// make bench-js, JWS with any payload: jwtcore's compactVerify with a public KeyLike (held in
// WebAssembly) next to jose's compactVerify with its own key (a CryptoKey), in one Node run.
// bench-js.sh runs it twice: in the default build (the lite module, whose KeyLikes verify through
// the core's two-phase JWS verify with node:crypto's arithmetic on Node, issue 22) and under the
// `jwtcore-portable` condition (the arithmetic in WebAssembly). jose is the anchor in each run: on
// a shared machine compare each jwtcore figure with the jose figure of the same run.
// Method as bench.mjs: keys imported and one jose-signed token made before timing, each library
// checked for the right payload first, batches of >= 10 ms interleaved library by library, 0.3 s
// warm-up, then --seconds (default 1.5) measured each; the figure is the median µs/op of the batches.
// Usage: node [--conditions=jwtcore-portable] jws.mjs [--only ES256,EdDSA,RS256] [--seconds 1.5]
import * as jose from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import * as jwtcore from 'jwtcore';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const ONLY = opt('--only', 'ES256,EdDSA,RS256').split(',');
const SECONDS = Number(opt('--seconds', '1.5'));
const BATCH_MS = 10;
// Which module the package loaded: the condition is on the command line or in NODE_OPTIONS.
const portable = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('jwtcore-portable');

async function runBatch(fn, n) {
  // One turn of the event loop first (untimed): WebCrypto completes through it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return performance.now() - t0;
}

/** Median µs/op of each case's batches, the cases interleaved batch by batch. */
async function timeInterleaved(cases) {
  const sizes = [];
  for (const fn of cases) {
    let n = 1;
    while ((await runBatch(fn, n)) < BATCH_MS) n *= 2;
    sizes.push(n);
  }
  for (const [i, fn] of cases.entries()) {
    const end = performance.now() + 300;
    while (performance.now() < end) await runBatch(fn, sizes[i]);
  }
  const batches = cases.map(() => []);
  const spent = cases.map(() => 0);
  while (spent.some((ms) => ms < SECONDS * 1000)) {
    for (const [i, fn] of cases.entries()) {
      const ms = await runBatch(fn, sizes[i]);
      spent[i] += ms;
      batches[i].push((ms * 1000) / sizes[i]);
    }
  }
  return batches.map((b) => b.sort((x, y) => x - y)[Math.floor(b.length / 2)]);
}

const payload = new TextEncoder().encode('It’s a dangerous business, Frodo, going out your door.');
const rows = [];
for (const alg of ONLY) {
  const pair =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pub = pair.publicKey.export({ format: 'jwk' });
  const jws = await new jose.CompactSign(payload).setProtectedHeader({ alg }).sign(pair.privateKey);
  const coreKey = jwtcore.importJWKSync(pub, alg);
  const joseKey = await jose.importJWK(pub, alg);
  const cases = [() => jwtcore.compactVerify(jws, coreKey, { algorithms: [alg] }), () => jose.compactVerify(jws, joseKey, { algorithms: [alg] })];
  for (const fn of cases) {
    const r = await fn();
    if (Buffer.compare(Buffer.from(r.payload), Buffer.from(payload)) !== 0) throw new Error(`${alg}: wrong payload`);
  }
  const [core, joseUs] = await timeInterleaved(cases);
  rows.push(`| ${alg} | ${core.toFixed(1)} | ${joseUs.toFixed(1)} |`);
}
console.log(`\ncompactVerify, µs/op (median of batches), ${portable ? 'portable build (jwtcore-portable)' : 'default build (lite module)'}, Node ${process.version}:\n`);
console.log('| alg | jwtcore (KeyLike) | jose (CryptoKey) |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(r);
