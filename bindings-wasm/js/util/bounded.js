// A fetch Response body read with a size cap: a remote document (a JWKS, an OpenID configuration)
// is a few KiB, so anything larger is refused while streaming, before it is buffered (issue 15 F7).
import { JOSEError } from '../errors.js';

/**
 * The body of `res` as bytes, refused past `max` bytes — from the declared Content-Length when
 * there is one, else as the chunks arrive. `what` names the document in the error.
 */
export async function boundedBytes(res, max, what) {
  const tooBig = () => new JOSEError(`the ${what} response exceeds maxResponseSize (${max} bytes)`);
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) {
    await res.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
