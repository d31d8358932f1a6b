// DEFLATE (RFC 1951) decoding for the package's own inlined WebAssembly modules
// (scripts/wasm-common.sh, `wasm_inline`): the browser entries carry each module deflated and
// base64-encoded, and decode it synchronously at import, where the platform's DecompressionStream
// is asynchronous only. Deflated, the copy costs the bundle what the .wasm itself costs gzipped;
// the hex copy it replaces cost about 12 % more, as gzip codes hex digits without the byte
// statistics. The input is the package's own build output, never a token or a key; it is
// still checked, so a corrupt copy is an error rather than a wrong module: DEFLATE's structure
// catches most damage, and the module's Adler-32 (zlib's checksum, written beside the copy by the
// build) the rest, where a damaged copy still decodes to the stated length.

// Length codes 257..285 and distance codes 0..29: base values and extra bits (RFC 1951 §3.2.5).
const LEN_BASE = new Uint16Array(29);
const LEN_EXTRA = new Uint8Array(29);
const DIST_BASE = new Uint16Array(30);
const DIST_EXTRA = new Uint8Array(30);
for (let i = 0, base = 3; i < 28; i++) {
  LEN_EXTRA[i] = i < 8 ? 0 : (i >> 2) - 1;
  LEN_BASE[i] = base;
  base += 1 << LEN_EXTRA[i];
}
LEN_BASE[28] = 258;
for (let i = 0, base = 1; i < 30; i++) {
  DIST_EXTRA[i] = i < 4 ? 0 : (i >> 1) - 1;
  DIST_BASE[i] = base;
  base += 1 << DIST_EXTRA[i];
}
// The order code-length code lengths are sent in (§3.2.7).
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// Codes up to this many bits are decoded by one table lookup; longer ones (rare: a few per cent
// of symbols) bit by bit.
const FAST = 9;

/**
 * A canonical Huffman code from its code lengths: the count of codes per length and the symbols
 * in code order (the bit-by-bit decoder's), and `fast`, indexed by the next FAST input bits
 * (least significant first, as DEFLATE packs them), whose entries are symbol << 4 | code length
 * for codes of up to FAST bits and 0 otherwise.
 */
function huffman(lengths) {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  const next = new Uint16Array(16);
  for (let l = 1, code = 0; l < 16; l++) {
    offsets[l] = offsets[l - 1] + counts[l - 1];
    next[l] = code = (code + counts[l - 1]) << 1;
  }
  const symbols = new Uint16Array(lengths.length);
  const fast = new Uint16Array(1 << FAST);
  for (let sym = 0; sym < lengths.length; sym++) {
    const l = lengths[sym];
    if (!l) continue;
    symbols[offsets[l]++] = sym;
    const code = next[l]++;
    if (code >= 1 << l) throw corrupt(); // more codes of this length than it has room for
    if (l > FAST) continue;
    let rev = 0;
    for (let k = 0; k < l; k++) rev |= ((code >> k) & 1) << (l - 1 - k);
    for (let k = rev; k < 1 << FAST; k += 1 << l) fast[k] = (sym << 4) | l;
  }
  return { counts, symbols, fast };
}

const corrupt = () => new Error('jwtcore: the inlined WebAssembly module is corrupt (reinstall the package)');

/** Makes the reader `r` hold at least `n` bits (at most 24) for the rarely used paths. */
function fill(r, n) {
  while (r.have < n) {
    if (r.pos > r.src.length + 8) throw corrupt();
    r.buf |= (r.pos < r.src.length ? r.src[r.pos] : 0) << r.have;
    r.pos++;
    r.have += 8;
  }
}

/** Reads `n` bits (at most 16) for the rarely used paths (block headers, stored blocks, long codes). */
function bits(r, n) {
  fill(r, n);
  const v = r.buf & ((1 << n) - 1);
  r.buf >>>= n;
  r.have -= n;
  return v;
}

/** One symbol of a code too long for its `fast` table: bit by bit, first bit most significant. */
function slowSymbol(r, { counts, symbols }) {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len < 16; len++) {
    code |= bits(r, 1);
    const count = counts[len];
    if (code - first < count) return symbols[index + code - first];
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  throw corrupt();
}

/** One symbol of `h` through the bit reader `r` (block headers). */
function symbol(r, h) {
  fill(r, FAST);
  const e = h.fast[r.buf & ((1 << FAST) - 1)];
  if (!e) return slowSymbol(r, h);
  r.buf >>>= e & 15;
  r.have -= e & 15;
  return e >> 4;
}

/**
 * Inflates raw DEFLATE data (`src`) whose decoded length is `size`.
 *
 * @param {Uint8Array} src
 * @param {number} size
 * @returns {Uint8Array}
 */
export function inflateRaw(src, size) {
  const out = new Uint8Array(size);
  const n = src.length;
  // The bit reader (least significant bit first). Past the end of the input it reads zeros, so
  // that a table lookup may look ahead; having consumed them is an error (checked at the end).
  const r = { src, pos: 0, buf: 0, have: 0 };
  let o = 0;
  let last;
  do {
    last = bits(r, 1);
    const type = bits(r, 2);
    if (type === 0) {
      // Stored: the rest of the current byte is skipped, then LEN, its complement, LEN bytes.
      bits(r, r.have & 7);
      const len = bits(r, 16);
      if ((len ^ 0xffff) !== bits(r, 16) || o + len > size) throw corrupt();
      for (let i = 0; i < len; i++) out[o++] = bits(r, 8);
      continue;
    }
    let lit;
    let dist;
    if (type === 1) {
      const l = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280);
      lit = huffman(l);
      dist = huffman(new Uint8Array(30).fill(5));
    } else if (type === 2) {
      const nlit = bits(r, 5) + 257;
      const ndist = bits(r, 5) + 1;
      const nclen = bits(r, 4) + 4;
      const clen = new Uint8Array(19);
      for (let i = 0; i < nclen; i++) clen[CLEN_ORDER[i]] = bits(r, 3);
      const cl = huffman(clen);
      const lengths = new Uint8Array(nlit + ndist);
      for (let i = 0; i < lengths.length; ) {
        const sym = symbol(r, cl);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        const [fill, count] = sym === 16 ? [i > 0 ? lengths[i - 1] : -1, bits(r, 2) + 3] : [0, sym === 17 ? bits(r, 3) + 3 : bits(r, 7) + 11];
        if (fill < 0 || i + count > lengths.length) throw corrupt();
        lengths.fill(fill, i, (i += count));
      }
      lit = huffman(lengths.subarray(0, nlit));
      dist = huffman(lengths.subarray(nlit));
    } else {
      throw corrupt();
    }
    // The block's symbols: the hot loop, on local copies of the reader's state (a closure or an
    // object in the loop would cost a memory access per bit operation until the JIT catches up,
    // and the module is decoded once, cold).
    const litFast = lit.fast;
    const distFast = dist.fast;
    const mask = (1 << FAST) - 1;
    let { pos, buf, have } = r;
    for (;;) {
      // Up to 24 bits ahead: a code (15) plus a length's extra bits (5), or a code alone.
      while (have < 24) {
        buf |= (pos < n ? src[pos] : 0) << have;
        pos++;
        have += 8;
      }
      if (pos > n + 8) throw corrupt();
      let e = litFast[buf & mask];
      let sym;
      if (e) {
        buf >>>= e & 15;
        have -= e & 15;
        sym = e >> 4;
      } else {
        Object.assign(r, { pos, buf, have });
        sym = slowSymbol(r, lit);
        ({ pos, buf, have } = r);
      }
      if (sym < 256) {
        if (o >= size) throw corrupt();
        out[o++] = sym;
        continue;
      }
      if (sym === 256) break;
      // A length (its code, then its extra bits), then a distance likewise.
      const li = sym - 257;
      if (li >= 29) throw corrupt();
      const le = LEN_EXTRA[li];
      if (have < le) {
        // Only after a long code read bit by bit: refill.
        while (have < 24) {
          buf |= (pos < n ? src[pos] : 0) << have;
          pos++;
          have += 8;
        }
      }
      const len = LEN_BASE[li] + (buf & ((1 << le) - 1));
      buf >>>= le;
      have -= le;
      while (have < 24) {
        buf |= (pos < n ? src[pos] : 0) << have;
        pos++;
        have += 8;
      }
      e = distFast[buf & mask];
      let di;
      if (e) {
        buf >>>= e & 15;
        have -= e & 15;
        di = e >> 4;
      } else {
        Object.assign(r, { pos, buf, have });
        di = slowSymbol(r, dist);
        ({ pos, buf, have } = r);
      }
      if (di >= 30) throw corrupt();
      const de = DIST_EXTRA[di];
      while (have < de) {
        buf |= (pos < n ? src[pos] : 0) << have;
        pos++;
        have += 8;
      }
      const back = DIST_BASE[di] + (buf & ((1 << de) - 1));
      buf >>>= de;
      have -= de;
      if (back > o || o + len > size) throw corrupt();
      if (back >= len) {
        out.copyWithin(o, o - back, o - back + len);
        o += len;
      } else {
        for (let i = 0; i < len; i++, o++) out[o] = out[o - back];
      }
    }
    Object.assign(r, { pos, buf, have });
  } while (!last);
  // Every byte read must have been in the input; and the output is exactly the stated length.
  if (r.pos - (r.have >> 3) > n || o !== size) throw corrupt();
  return out;
}

/** Adler-32 (RFC 1950 §8.2) of `bytes`, as an unsigned 32-bit number. */
export function adler32(bytes) {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that keeps both sums below 2^53 before the reduction (zlib's NMAX).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) b += a += bytes[i];
    a %= 65521;
    b %= 65521;
  }
  return b * 65536 + a;
}

/**
 * The module inlined by scripts/wasm-common.sh: `deflated` (base64 of raw DEFLATE) decoded to its
 * `size` bytes, whose Adler-32 must be `adler`.
 *
 * @param {{ deflated: string, size: number, adler: number }} inlined its NAME_inline.js
 * @returns {Uint8Array}
 */
export function inlinedModule({ deflated, size, adler }) {
  let bytes;
  if (typeof Uint8Array.fromBase64 === 'function') {
    bytes = Uint8Array.fromBase64(deflated);
  } else {
    const text = atob(deflated);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  const out = inflateRaw(bytes, size);
  if (adler32(out) !== adler) throw corrupt();
  return out;
}
