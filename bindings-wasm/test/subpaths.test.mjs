// jose 6's subpath imports (`jose/jwt/verify`, `jose/key/import`, ...) work with `jwtcore/...`
// (issue 19): each subpath jose's package.json exports is exported here, each module has exactly
// jose's names, and each name is the main entry's own object (one WebAssembly module, one set of
// error classes). TypeScript resolves them too (nodenext and bundler), and esbuild bundles them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as jwtcore from 'jwtcore';

const require = createRequire(import.meta.url);
const scratch = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = (name) => JSON.parse(readFileSync(join(dirname(require.resolve(`${name}/package.json`)), 'package.json'), 'utf8'));
const jose = manifest('jose');
const ours = manifest('jwtcore');

// Every module jose 6 ships behind its subpath patterns (its dist/webapi files, by subpath).
const SUBPATHS = [
  'jwk/embedded', 'jwk/thumbprint', 'key/import', 'key/export', 'key/generate/keypair', 'key/generate/secret',
  'jwks/local', 'jwks/remote', 'jwt/decode', 'jwt/sign', 'jwt/verify', 'jwt/unsecured', 'jwt/encrypt', 'jwt/decrypt',
  'decode/protected_header', 'jws/compact/sign', 'jws/compact/verify', 'jws/flattened/sign', 'jws/flattened/verify',
  'jws/general/sign', 'jws/general/verify', 'jwe/compact/encrypt', 'jwe/compact/decrypt', 'jwe/flattened/encrypt',
  'jwe/flattened/decrypt', 'jwe/general/encrypt', 'jwe/general/decrypt', 'errors', 'base64url',
];

const work = join(scratch, 'subpaths');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

test("package.json exports every subpath key jose's does", () => {
  const theirs = Object.keys(jose.exports).filter((k) => k !== '.' && k !== './package.json');
  assert.ok(theirs.length >= 9, `jose ${jose.version} exports ${theirs}`);
  for (const key of theirs) assert.ok(Object.hasOwn(ours.exports, key), `jwtcore's package.json lacks "${key}" (jose ${jose.version} has it)`);
});

test("each subpath module has jose's names, bound to the main entry's objects", async () => {
  for (const sub of SUBPATHS) {
    const mine = await import(`jwtcore/${sub}`);
    const theirs = await import(`jose/${sub}`);
    assert.deepEqual(Object.keys(mine).sort(), Object.keys(theirs).sort(), sub);
    for (const [name, value] of Object.entries(mine)) {
      const main = sub === 'errors' ? jwtcore.errors[name] : sub === 'base64url' ? jwtcore.base64url[name] : jwtcore[name];
      assert.ok(value !== undefined && value === main, `jwtcore/${sub}: ${name} is not the main entry's`);
    }
  }
  // And they work: a token signed through one subpath verifies through another.
  const { SignJWT } = await import('jwtcore/jwt/sign');
  const { jwtVerify } = await import('jwtcore/jwt/verify');
  const { generateSecret } = await import('jwtcore/key/generate/secret');
  const { JWTExpired } = await import('jwtcore/errors');
  const key = await generateSecret('HS256');
  const token = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(key);
  assert.equal((await jwtVerify(token, key)).payload.sub, 'a');
  const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(1).sign(key);
  await assert.rejects(jwtVerify(expired, key), JWTExpired);
});

test('tsc --strict resolves the subpaths (nodenext and bundler), esbuild bundles them (browser entry, run here)', () => {
  const lines = SUBPATHS.map((sub, i) => `import * as m${i} from 'jwtcore/${sub}';`);
  const ts = `${lines.join('\n')}
import { jwtVerify } from 'jwtcore/jwt/verify';
import { JWTExpired } from 'jwtcore/errors';
import { encode } from 'jwtcore/base64url';
export async function check(token: string, key: Uint8Array): Promise<string> {
  try {
    return String((await jwtVerify(token, key)).payload.sub) + encode('x');
  } catch (e) {
    if (e instanceof JWTExpired) return e.claim;
    throw e;
  }
}
export const all = [${SUBPATHS.map((_, i) => `m${i}`).join(', ')}];
`;
  writeFileSync(join(work, 'subpaths.ts'), ts);
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
  const bin = (name) => join(scratch, 'node_modules', '.bin', name);
  for (const args of [
    ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'],
    ['--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022'],
  ]) {
    const r = spawnSync(bin('tsc'), ['--strict', '--noEmit', ...args, 'subpaths.ts'], { cwd: work, encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, `tsc ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  }
  writeFileSync(
    join(work, 'app.mjs'),
    "import { SignJWT } from 'jwtcore/jwt/sign';\nimport { jwtVerify } from 'jwtcore/jwt/verify';\nconst k = new Uint8Array(32).fill(7);\nconst t = await new SignJWT({ sub: 'bundled' }).setProtectedHeader({ alg: 'HS256' }).sign(k);\nconsole.log((await jwtVerify(t, k)).payload.sub);\n",
  );
  const b = spawnSync(bin('esbuild'), ['app.mjs', '--bundle', '--platform=browser', '--format=esm', '--outfile=out.mjs', '--log-level=warning'], { cwd: work, encoding: 'utf8', timeout: 240_000 });
  assert.equal(b.status, 0, b.stderr);
  const run = spawnSync(process.execPath, ['out.mjs'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.stdout.trim(), 'bundled', run.stderr);
});
