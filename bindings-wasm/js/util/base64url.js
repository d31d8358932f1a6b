// base64url without padding (RFC 4648 §5), as JOSE uses it: jose's `base64url` namespace.

const INVALID = 'The input to be decoded is not correctly encoded.';

/**
 * Encodes bytes (or a string, as UTF-8) as unpadded base64url (jose's `base64url.encode`).
 *
 * @example
 * ```js
 * base64url.encode('Hello World!'); // 'SGVsbG8gV29ybGQh'
 * ```
 */
export function encode(input) {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (!(bytes instanceof Uint8Array)) throw new TypeError('base64url.encode: input must be a string or a Uint8Array');
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64({ alphabet: 'base64url', omitPadding: true });
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url (a string, or its UTF-8 bytes) to bytes (jose's `base64url.decode`). Standard
 * base64 (`+`, `/`) is refused with a TypeError, as in jose.
 *
 * @example
 * ```js
 * new TextDecoder().decode(base64url.decode('SGVsbG8gV29ybGQh')); // 'Hello World!'
 * ```
 */
export function decode(input) {
  const text = input instanceof Uint8Array ? new TextDecoder().decode(input) : input;
  if (typeof text !== 'string') throw new TypeError('base64url.decode: input must be a string or a Uint8Array');
  // jose's alphabet and its tolerance of trailing padding; nothing else.
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) throw new TypeError(INVALID);
  let bin;
  try {
    bin = atob(text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'));
  } catch (cause) {
    throw new TypeError(INVALID, { cause });
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
