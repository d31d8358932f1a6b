// The download-size budget (issue 22): the verify-only browser bundle, measured by
// bindings-wasm/scripts/size-report.mjs exactly as `make size-js` reports it, must stay within
// BUDGET_GZIP so that a change that drags more code into the default module fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The figure the current build reaches, plus a few kB of slack for unrelated growth; lower it
// whenever the build shrinks (the README's size table gives today's number). The default build
// loads the lite module (no curve or RSA arithmetic; 174.7 kB before the platform keys, 190.5 kB
// with them and the P-256/P-384 curve-equation check at import, core keys/weierstrass.rs, about
// 2.2 kB gzip; issue 22's 60 kB goal is for the verify-only entry with its own module).
// JWTCORE_PORTABLE=1 (scripts/test-js.sh's run under the `jwtcore-portable` condition): the
// portable module, 392 kB since platform-held keys (CryptoKey, KeyObject; core::keys::PlatformKey
// and its two-phase verify and sign) added about 9 kB gzip to it. Both + 3 kB: the one-call
// synchronous verify with the token as UTF-8 bytes and ECDSA signatures in DER for node:crypto
// (src/external.rs, src/ecdsa_der.rs; issue 22 item 3) added 4.4 kB raw to the module and 2.4 kB
// gzip to the bundle. Measured on the merged tree (make size-js): 194.7 kB default, 394.9 kB
// portable. Then the core lost its float parser (its tables alone were 20 kB of each module), Talc
// replaced dlmalloc, and the inlined copy became Zopfli-deflated base64 instead of hex: 153.4 kB
// default, 325.1 kB portable; with JWS verify for WebAssembly-held keys (issue 22), 150.9 / 323.2.
const PORTABLE = process.env.JWTCORE_PORTABLE === '1';
const BUDGET_GZIP = PORTABLE ? 327_000 : 155_000;
// The same app on `jwtcore/verify` (its own module: no arithmetic, SHA-2, DER or sessions; every
// signature and MAC on WebCrypto): 90.2 kB gzip when it landed; 64.4 kB after the changes above
// (the module without the float parser's tables, std's panic machinery or dlmalloc; one
// Policy::with; wasm-opt -Oz twice); 59.8 kB once the confusion check and secret decoding no
// longer took base64ct's generic decoders, the JSON gate one parser, and each kind of key one
// export for both phases. This is issue 22's goal, 60 kB, with no slack: a change that grows the
// entry must pay for it elsewhere (bindings-wasm/README.md, "Verify-only entry", lists the weight).
const VERIFY_ENTRY_BUDGET_GZIP = 60_000;

const root = process.env.JWTCORE_ROOT;
const scratch = dirname(dirname(fileURLToPath(import.meta.url)));

test('the verify-only browser bundle stays within its gzip budget', { skip: !root && 'JWTCORE_ROOT unset (run through make test-js)' }, async () => {
  const { measure, formatReport } = await import(pathToFileURL(join(root, 'bindings-wasm/scripts/size-report.mjs')).href);
  const report = measure(scratch, { portable: PORTABLE });
  const row = report.rows.find((r) => r.app === 'verify-only' && r.target === 'browser');
  assert.ok(row, 'the report has a verify-only browser row');
  // The browser entry inlines the module: a bundle smaller than the module's own gzip would mean
  // the measurement missed it, not that the package shrank.
  assert.ok(row.gzip > report.wasm[0].gzip * 0.9, `browser bundle ${row.gzip} B gzip is smaller than its module`);
  assert.ok(row.gzip <= BUDGET_GZIP, `verify-only browser bundle is ${row.gzip} B gzip, over the ${BUDGET_GZIP} B budget:\n${formatReport(report)}`);
  // Every other entry is measured too (the README's table), and none ships less than its JS.
  assert.equal(report.rows.length, 9);
  for (const r of report.rows) assert.ok(r.gzip >= r.jsGzip && r.jsGzip > 0, `${r.app} / ${r.target}`);
});

test('the verify-only browser bundle of jwtcore/verify stays within its gzip budget', { skip: !root && 'JWTCORE_ROOT unset (run through make test-js)' }, async () => {
  const { measure, formatReport } = await import(pathToFileURL(join(root, 'bindings-wasm/scripts/size-report.mjs')).href);
  const report = measure(scratch);
  const row = report.rows.find((r) => r.app === 'verify-only (jwtcore/verify)' && r.target === 'browser');
  assert.ok(row, 'the report has the jwtcore/verify browser row');
  const module = report.wasm.find((w) => w.file === 'verify/jwtcore_verify_bg.wasm');
  // Its module is inlined: a bundle smaller than the module's own gzip would be a measurement miss.
  assert.ok(row.gzip > module.gzip * 0.9, `browser bundle ${row.gzip} B gzip is smaller than its module`);
  // And it carries that module only: well under the same app on the main entry (portable or lite).
  const mainRow = report.rows.find((r) => r.app === 'verify-only' && r.target === 'browser');
  assert.ok(row.gzip < mainRow.gzip * 0.6, `${row.gzip} B gzip against ${mainRow.gzip} B on the main entry: the main module came along?`);
  assert.ok(row.gzip <= VERIFY_ENTRY_BUDGET_GZIP, `jwtcore/verify browser bundle is ${row.gzip} B gzip, over the ${VERIFY_ENTRY_BUDGET_GZIP} B budget:\n${formatReport(report)}`);
});
