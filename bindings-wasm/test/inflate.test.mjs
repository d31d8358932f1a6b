// The browser entries' inlined modules are deflated (scripts/wasm-common.sh) and decoded by the
// package's own DEFLATE decoder (dist/util/inflate.js). It must give back exactly what zlib was
// given, for every kind of block zlib writes (stored, fixed and dynamic Huffman codes), and refuse
// a damaged copy rather than hand a wrong module to the compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve('jwtcore/package.json')), 'dist');
const { inflateRaw, inlinedModule } = await import(pathToFileURL(join(dist, 'util', 'inflate.js')).href);

// Inputs from incompressible to very repetitive, so that every length and distance code occurs.
const data = fc.oneof(
  fc.uint8Array({ maxLength: 70_000 }),
  fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 3000 }).map((parts) => Buffer.concat(parts.flatMap((p) => [p, p, p.subarray(1)]))),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 300_000 })).map(([b, n]) => new Uint8Array(n).fill(b)),
);
const settings = fc.record({
  level: fc.integer({ min: 0, max: 9 }),
  strategy: fc.constantFrom(constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED),
  memLevel: fc.integer({ min: 1, max: 9 }),
});

test('inflateRaw gives back what zlib deflated, for every block type and strategy', () => {
  fc.assert(
    fc.property(data, settings, (bytes, opts) => {
      const deflated = deflateRawSync(bytes, opts);
      assert.deepEqual(inflateRaw(new Uint8Array(deflated), bytes.length), new Uint8Array(bytes));
    }),
    { numRuns: 300 },
  );
});

test('each inlined copy decodes to its .wasm, byte for byte', async () => {
  for (const [inline, wasm] of [
    ['jwtcore_wasm_inline.js', 'jwtcore_wasm_bg.wasm'],
    ['jwtcore_wasm_portable_inline.js', 'jwtcore_wasm_portable_bg.wasm'],
    ['verify/jwtcore_verify_inline.js', 'verify/jwtcore_verify_bg.wasm'],
  ]) {
    const { deflated, size } = await import(pathToFileURL(join(dist, inline)).href);
    assert.deepEqual(inlinedModule(deflated, size), new Uint8Array(readFileSync(join(dist, wasm))), inline);
  }
});

test('a damaged copy is refused', () => {
  const bytes = new Uint8Array(readFileSync(join(dist, 'verify', 'jwtcore_verify_bg.wasm')));
  const deflated = new Uint8Array(deflateRawSync(bytes, { level: 9 }));
  const refused = { message: /inlined WebAssembly module is corrupt/ };
  // Cut short, or told the wrong length: always an error.
  for (const cut of [0, 1, 100, deflated.length >> 1, deflated.length - 1]) assert.throws(() => inflateRaw(deflated.subarray(0, cut), bytes.length), refused, `cut at ${cut}`);
  assert.throws(() => inflateRaw(deflated, bytes.length - 1), refused);
  assert.throws(() => inflateRaw(deflated, bytes.length + 1), refused);
  // A flipped bit: the decoder's own error, or (where DEFLATE cannot tell) output of the stated
  // length; never another exception, a read past the input or a hang.
  fc.assert(
    fc.property(fc.integer({ min: 0, max: deflated.length * 8 - 1 }), (bit) => {
      const bad = deflated.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      try {
        assert.equal(inflateRaw(bad, bytes.length).length, bytes.length);
      } catch (e) {
        assert.match(e.message, refused.message);
      }
    }),
    { numRuns: 200 },
  );
});
