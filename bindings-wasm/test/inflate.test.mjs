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
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve('jwtcore/package.json')), 'dist');
const { adler32, inflateRaw, inlinedModule } = await import(pathToFileURL(join(dist, 'util', 'inflate.js')).href);

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
    const inlined = await import(pathToFileURL(join(dist, inline)).href);
    assert.deepEqual(inlinedModule(inlined), new Uint8Array(readFileSync(join(dist, wasm))), inline);
  }
});

test('adler32 is zlib\'s checksum', () => {
  fc.assert(
    fc.property(data, (bytes) => {
      const z = deflateSync(bytes, { level: 0 });
      assert.equal(adler32(new Uint8Array(bytes)), z.readUInt32BE(z.length - 4));
    }),
    { numRuns: 100 },
  );
});

test('a damaged copy is refused', () => {
  const bytes = new Uint8Array(readFileSync(join(dist, 'verify', 'jwtcore_verify_bg.wasm')));
  const deflated = new Uint8Array(deflateRawSync(bytes, { level: 9 }));
  const adler = adler32(bytes);
  const refused = { message: /inlined WebAssembly module is corrupt/ };
  // Cut short, or told the wrong length: always an error.
  for (const cut of [0, 1, 100, deflated.length >> 1, deflated.length - 1]) assert.throws(() => inflateRaw(deflated.subarray(0, cut), bytes.length), refused, `cut at ${cut}`);
  assert.throws(() => inflateRaw(deflated, bytes.length - 1), refused);
  assert.throws(() => inflateRaw(deflated, bytes.length + 1), refused);
  // A flipped bit: the decoder alone refuses it, or (where DEFLATE cannot tell) gives output of the
  // stated length; never another exception, a read past the input or a hang. With the checksum
  // (inlinedModule, as the entries load it), refused unless the output is the module exactly (a
  // bit DEFLATE never reads, such as padding after the last block).
  let undetected = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: deflated.length * 8 - 1 }), (bit) => {
      const bad = deflated.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      let out;
      try {
        out = inflateRaw(bad, bytes.length);
        assert.equal(out.length, bytes.length);
      } catch (e) {
        assert.match(e.message, refused.message);
      }
      if (out !== undefined && !Buffer.from(out).equals(bytes)) undetected++;
      const inlined = { deflated: Buffer.from(bad).toString('base64'), size: bytes.length, adler };
      try {
        assert.deepEqual(inlinedModule(inlined), bytes);
      } catch (e) {
        assert.match(e.message, refused.message);
      }
    }),
    { numRuns: 300 },
  );
  // The checksum is what catches these: without it, some damaged copies decode to a wrong module.
  assert.ok(undetected > 0, 'no flipped bit got past DEFLATE alone: the checksum is untested');
  assert.throws(() => inlinedModule({ deflated: Buffer.from(deflated).toString('base64'), size: bytes.length, adler: adler ^ 1 }), refused);
});
