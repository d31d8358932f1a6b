// Download size of the npm package: every shipped file, the tarball, and a verify-only import
// (esbuild --bundle --minify of `export { jwtVerify }`) as a browser bundle (the module inlined in
// the JS) and as a Worker bundle with wrangler's conditions (JS plus the .wasm module), raw and gzip -9.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';

const require = createRequire(import.meta.url);
const pkg = dirname(require.resolve('jwtcore/package.json'));
const gz = (b) => gzipSync(b, { level: 9 }).length;
const rows = [];
let total = 0;
let totalGz = 0;
for (const f of readdirSync(join(pkg, 'dist')).sort()) {
  const b = readFileSync(join(pkg, 'dist', f));
  rows.push([f, b.length, gz(b)]);
  total += b.length;
  totalGz += gz(b);
}
const dir = mkdtempSync(join(tmpdir(), 'jwtcore-size-'));
writeFileSync(join(dir, 'entry.mjs'), "export { jwtVerify } from 'jwtcore';\n");
const bundle = (extra) =>
  buildSync({
    entryPoints: [join(dir, 'entry.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    outdir: join(dir, 'out'),
    nodePaths: [join(process.cwd(), 'node_modules')],
    logLevel: 'silent',
    ...extra,
  }).outputFiles;
const [browserJs] = bundle({});
const worker = bundle({ conditions: ['workerd', 'worker', 'browser'], loader: { '.wasm': 'copy' } });
const sum = (files) => [files.reduce((n, f) => n + f.contents.length, 0), files.reduce((n, f) => n + gz(f.contents), 0)];
console.log('\n| what | raw B | gzip -9 B |\n|---|---:|---:|');
for (const [f, raw, g] of rows) console.log(`| dist/${f} | ${raw} | ${g} |`);
console.log(`| **whole package (dist/)** | ${total} | ${totalGz} |`);
console.log(`| verify-only import: browser bundle (module inlined) | ${browserJs.contents.length} | ${gz(browserJs.contents)} |`);
const [wRaw, wGz] = sum(worker);
console.log(`| verify-only import: Worker bundle, JS + .wasm | ${wRaw} | ${wGz} |`);
const tgz = readdirSync(join(process.cwd(), '..')).find((f) => f.startsWith('jwtcore-') && f.endsWith('.tgz'));
if (tgz) console.log(`| npm tarball ${tgz} | ${statSync(join(process.cwd(), '..', tgz)).size} | (already compressed) |`);
