// A token's hand-over into WebAssembly as UTF-8 bytes. wasm-bindgen's glue copies a string argument
// one character at a time in JS (about 1 µs for a 400-character token here), while
// TextEncoder#encodeInto writes the same bytes natively (about 0.1 µs), and the glue then copies a
// byte argument with one memcpy. The bytes are the ones the glue would write for the string (UTF-8,
// a lone surrogate as U+FFFD, as encodeInto does there too), so the core sees the same token.
const encoder = new TextEncoder();

// One reused buffer: each view returned is copied into wasm memory by the very next call, before
// any other code can run. Grown for longer tokens up to LIMIT; past it, a fresh array per call, so
// one odd token does not pin a large buffer.
let scratch = new Uint8Array(4096);
const LIMIT = 1 << 20;

/** `token`'s UTF-8 bytes, valid until the next call (pass them straight to a `*Utf8` export). */
export function tokenUtf8(token) {
  const need = token.length * 3; // UTF-8 bytes per UTF-16 unit, at most
  if (need > scratch.length) {
    if (need > LIMIT) return encoder.encode(token);
    scratch = new Uint8Array(need);
  }
  const { written } = encoder.encodeInto(token, scratch);
  return scratch.subarray(0, written);
}
