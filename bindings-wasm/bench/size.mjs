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
// One row per top-level file and one per module folder (jwt/, jws/, platform/, ...).
for (const f of readdirSync(join(pkg, 'dist'), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
  const files = f.isDirectory()
    ? readdirSync(join(pkg, 'dist', f.name), { recursive: true }).map((x) => join(f.name, String(x))).filter((x) => statSync(join(pkg, 'dist', x)).isFile())
    : [f.name];
  let raw = 0;
  let g = 0;
  for (const x of files) {
    const b = readFileSync(join(pkg, 'dist', x));
    raw += b.length;
    g += gz(b);
  }
  rows.push([f.isDirectory() ? `${f.name}/ (${files.length} files)` : f.name, raw, g]);
  total += raw;
  totalGz += g;
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
writeFileSync(join(dir, 'all.mjs'), "export * from 'jwtcore';\n");
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

// Every entry with the whole API imported (what an app that signs and verifies ships): the
// `.wasm` of the node and workerd entries is a separate file, counted with the JS.
const entries = [
  ['browser / deno / default (module inlined)', { entryPoints: [join(dir, 'all.mjs')] }],
  ['workerd (JS + .wasm)', { entryPoints: [join(dir, 'all.mjs')], conditions: ['workerd', 'worker', 'browser'], loader: { '.wasm': 'copy' } }],
  ['node (JS + .wasm, read at run time)', { entryPoints: [join(dir, 'all.mjs')], platform: 'node', conditions: ['node'], external: ['node:*'] }],
];
console.log('\n| whole API, esbuild --bundle --minify | raw B | gzip -9 B |\n|---|---:|---:|');
const wasm = readFileSync(join(pkg, 'dist', 'jwtcore_wasm_bg.wasm'));
for (const [name, extra] of entries) {
  const files = bundle(extra);
  let [raw, g] = sum(files);
  // esbuild cannot see the node entry's readFileSync(new URL(...)) of the module: add it.
  if (name.startsWith('node')) [raw, g] = [raw + wasm.length, g + gz(wasm)];
  console.log(`| ${name} | ${raw} | ${g} |`);
}
