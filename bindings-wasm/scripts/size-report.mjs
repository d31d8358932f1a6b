// What an app downloads when it bundles the installed `jwtcore` package: each entry built with
// esbuild (--bundle --minify, ESM) for its platform and conditions, JS plus the WebAssembly it
// loads, raw and gzip -9. `make size-js` prints the table (the README quotes it) and
// test/size.test.mjs holds the verify-only browser bundle to a budget.
//
// Run from a project that has `jwtcore` and `esbuild` installed (scripts/test-js.sh's scratch
// project), or point JWTCORE_SCRATCH at one:
//   node bindings-wasm/scripts/size-report.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const defaultScratch = resolve(here, '..', '..', 'target', 'npm', 'scratch');

/** gzip -9 size of `bytes`: what a server compressing at its best level sends. */
export const gzipLen = (bytes) => gzipSync(bytes, { level: 9 }).length;

// The app code each entry stands for. "verify-only" is a resource server checking a provider's
// tokens: it imports nothing but the verifier and the two ways of getting a public key.
// "verify-only (jwtcore/verify)" is the same app on the verify-only entry, which loads its own small
// module (dist/verify/jwtcore_verify_bg.wasm) and no other.
const APPS = {
  'verify-only': "export { jwtVerify, createRemoteJWKSet, importJWK } from 'jwtcore';\n",
  'whole API': "export * from 'jwtcore';\n",
  'verify-only (jwtcore/verify)': "export { jwtVerify, createRemoteJWKSet, importJWK } from 'jwtcore/verify';\n",
};
// The apps whose Node entry reads the main module's .wasm at run time (jwtcore/verify inlines its
// module on Node too, so esbuild sees all of it).
const READS_MAIN_WASM = new Set(['verify-only', 'whole API']);

// How each runtime's bundle is made. The browser entry inlines the module (base64 in the JS); the
// Worker entry imports the .wasm as a module (wrangler's CompiledWasm rule, here esbuild's copy
// loader); the Node entry reads the .wasm beside it at run time, which esbuild cannot see, so its
// file is added to the count.
const TARGETS = {
  browser: { platform: 'browser' },
  'Worker (workerd)': { platform: 'browser', conditions: ['workerd', 'worker', 'browser'], loader: { '.wasm': 'copy' } },
  node: { platform: 'node', conditions: ['node'], external: ['node:*'], readsWasm: true },
};

// The module each build's entries load.
const MODULE = { default: 'jwtcore_wasm_bg.wasm', portable: 'jwtcore_wasm_portable_bg.wasm' };

/**
 * Builds every (app, target) pair and measures it.
 *
 * @param {string} [scratch] a project with `jwtcore` and `esbuild` in its node_modules
 * @param {{ portable?: boolean }} [build] `portable: true` resolves the package under the
 *   `jwtcore-portable` condition (the portable module) instead of its default
 * @returns {{ rows: {app: string, target: string, jsRaw: number, jsGzip: number, wasmRaw: number,
 *   wasmGzip: number, raw: number, gzip: number}[], wasm: {file: string, raw: number, gzip: number}[] }}
 */
export function measure(scratch = process.env.JWTCORE_SCRATCH || defaultScratch, { portable = false } = {}) {
  const require = createRequire(join(scratch, 'package.json'));
  const { buildSync } = require('esbuild');
  const pkg = dirname(require.resolve('jwtcore/package.json'));
  const dist = join(pkg, 'dist');
  // The main module this build loads, then the verify-only entry's own (the same in both builds).
  const wasmFiles = [portable ? MODULE.portable : MODULE.default, 'verify/jwtcore_verify_bg.wasm'];
  const wasm = wasmFiles.map((file) => {
    const b = readFileSync(join(dist, file));
    return { file, raw: b.length, gzip: gzipLen(b) };
  });
  const dir = mkdtempSync(join(tmpdir(), 'jwtcore-size-'));
  const rows = [];
  try {
    for (const [app, source] of Object.entries(APPS)) {
      const entry = join(dir, `${app.replace(/\W+/g, '-')}.mjs`);
      writeFileSync(entry, source);
      for (const [target, { readsWasm, ...opts }] of Object.entries(TARGETS)) {
        // esbuild adds custom conditions to the platform's own (browser / node, import, default).
        if (portable) opts.conditions = ['jwtcore-portable', ...(opts.conditions ?? [])];
        const files = buildSync({
          entryPoints: [entry],
          bundle: true,
          minify: true,
          format: 'esm',
          write: false,
          outdir: join(dir, 'out'),
          nodePaths: [join(scratch, 'node_modules')],
          logLevel: 'silent',
          ...opts,
        }).outputFiles;
        const row = { app, target, jsRaw: 0, jsGzip: 0, wasmRaw: 0, wasmGzip: 0 };
        for (const f of files) {
          const isWasm = f.path.endsWith('.wasm');
          row[isWasm ? 'wasmRaw' : 'jsRaw'] += f.contents.length;
          row[isWasm ? 'wasmGzip' : 'jsGzip'] += gzipLen(f.contents);
        }
        if (readsWasm && READS_MAIN_WASM.has(app)) {
          for (const w of wasm.slice(0, 1)) {
            row.wasmRaw += w.raw;
            row.wasmGzip += w.gzip;
          }
        }
        row.raw = row.jsRaw + row.wasmRaw;
        row.gzip = row.jsGzip + row.wasmGzip;
        rows.push(row);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, wasm };
}

const kb = (n) => (n / 1000).toFixed(1);

/** The report as the Markdown tables the README carries (sizes in kB = 1000 bytes). */
export function formatReport({ rows, wasm }) {
  const out = [
    '| app | runtime entry | JS raw | JS gzip | .wasm raw | .wasm gzip | total raw | **total gzip** |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const wasmCell = (n) => (r.wasmRaw ? kb(n) : 'inlined');
    out.push(`| ${r.app} | ${r.target} | ${kb(r.jsRaw)} | ${kb(r.jsGzip)} | ${wasmCell(r.wasmRaw)} | ${wasmCell(r.wasmGzip)} | ${kb(r.raw)} | **${kb(r.gzip)}** |`);
  }
  out.push('', '| module | raw | gzip -9 |', '|---|---:|---:|');
  for (const w of wasm) out.push(`| \`dist/${w.file}\` | ${kb(w.raw)} | ${kb(w.gzip)} |`);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log('Default build (lite module):\n');
  console.log(formatReport(measure()));
  console.log('\nUnder the `jwtcore-portable` condition (portable module):\n');
  console.log(formatReport(measure(undefined, { portable: true })));
}
