// make bench-js (after bench.mjs): the cost of keeping a key on the platform. The same claims signed
// and verified with a KeyLike held in WebAssembly (generate*({ extractable: true })) and with the
// default non-extractable CryptoKey, through WebCrypto (async) and, on Node, its KeyObject (sync).
// Median µs/op of five batches of N (env, default 2000) calls; one table row per line.
import * as jwt from 'jwtcore';

const N = Number(process.env.N ?? 2000);
/** Prints `| label | median µs/op |` (sync functions are awaited too: one microtask, for one loop). */
async function time(label, f) {
  for (let i = 0; i < 200; i++) await f();
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await f();
    runs.push(((performance.now() - t0) * 1000) / N);
  }
  runs.sort((a, b) => a - b);
  console.log(`| ${label} | ${runs[2].toFixed(1)} |`);
}
const claims = { sub: 'alice', exp: 2e9 };
for (const alg of ['ES256', 'EdDSA', 'HS256']) {
  const gen = (o) => (alg === 'HS256' ? jwt.generateSecret(alg, o).then((k) => ({ privateKey: k, publicKey: k })) : jwt.generateKeyPair(alg, o));
  const wasm = await gen({ extractable: true });
  const held = await gen();
  const tWasm = jwt.signSync(claims, wasm.privateKey, { alg });
  const tHeld = await new jwt.SignJWT(claims).setProtectedHeader({ alg }).sign(held.privateKey);
  await time(`${alg} sign, KeyLike (wasm-held), signSync`, () => jwt.signSync(claims, wasm.privateKey, { alg }));
  await time(`${alg} sign, non-extractable CryptoKey, SignJWT#sign (WebCrypto)`, () => new jwt.SignJWT(claims).setProtectedHeader({ alg }).sign(held.privateKey));
  await time(`${alg} sign, non-extractable CryptoKey, signSync (Node: its KeyObject)`, () => jwt.signSync(claims, held.privateKey, { alg }));
  await time(`${alg} verify, KeyLike, jwtVerifySync`, () => jwt.jwtVerifySync(tWasm, wasm.publicKey));
  await time(`${alg} verify, CryptoKey, jwtVerify (WebCrypto)`, () => jwt.jwtVerify(tHeld, held.publicKey));
  await time(`${alg} verify, CryptoKey, jwtVerifySync (Node: its KeyObject)`, () => jwt.jwtVerifySync(tHeld, held.publicKey));
}
