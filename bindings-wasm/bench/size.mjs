// Download size of the npm package: every shipped file, the tarball, and a verify-only import
// (esbuild --bundle --minify of `export { jwtVerify }`, plus the .wasm it fetches), raw and gzip -9.
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
const wasm = readFileSync(join(pkg, 'dist', 'jwtcore_wasm_bg.wasm'));
const dir = mkdtempSync(join(tmpdir(), 'jwtcore-size-'));
writeFileSync(join(dir, 'entry.mjs'), "export { jwtVerify } from 'jwtcore';\n");
const out = buildSync({
  entryPoints: [join(dir, 'entry.mjs')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  nodePaths: [join(process.cwd(), 'node_modules')],
  logLevel: 'silent',
});
const js = out.outputFiles[0].contents;
console.log('\n| what | raw B | gzip -9 B |\n|---|---:|---:|');
for (const [f, raw, g] of rows) console.log(`| dist/${f} | ${raw} | ${g} |`);
console.log(`| **whole package (dist/)** | ${total} | ${totalGz} |`);
console.log(`| verify-only import: bundled JS | ${js.length} | ${gz(js)} |`);
console.log(`| verify-only import: JS + .wasm | ${js.length + wasm.length} | ${gz(js) + gz(wasm)} |`);
const tgz = readdirSync(join(process.cwd(), '..')).find((f) => f.startsWith('jwtcore-') && f.endsWith('.tgz'));
if (tgz) console.log(`| npm tarball ${tgz} | ${statSync(join(process.cwd(), '..', tgz)).size} | (already compressed) |`);
