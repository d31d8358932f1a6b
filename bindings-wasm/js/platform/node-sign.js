// Node's signer for platform/sign.js: node:crypto (OpenSSL), synchronously. The private key is
// imported once per wasm key as a KeyObject (OpenSSL memory, outside the wasm module's linear
// memory) and cached with that key; a key OpenSSL refuses, or one the core does not export as a
// private JWK (RSA), is remembered as "sign in WebAssembly".
import { constants, createPrivateKey, sign } from 'node:crypto';
import { kInner } from '../key/keylike.js';
import { nodeDigest } from '../util/algorithms.js';

const signers = new WeakMap(); // wasm Key -> (signingInput: string) => Uint8Array, or null

function signerFor(key) {
  let ko;
  try {
    const { kty, crv, x, y, d } = JSON.parse(key.toJwk(true));
    if (d === undefined) return null;
    ko = createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
  } catch {
    return null; // RSA among them: the core writes no RSA private JWK (see adoptPrivate)
  }
  return signerWith(ko, key.algorithm);
}

// Always the wasm key's own algorithm: the core's phase one has refused any other header `alg`.
function signerWith(ko, alg) {
  if (alg === 'EdDSA') return (input) => sign(null, Buffer.from(input), ko);
  const d = nodeDigest(alg);
  if (d === undefined) return null;
  const { hash } = d;
  if (d.family === 'ec') return (input) => sign(hash, Buffer.from(input), { key: ko, dsaEncoding: 'ieee-p1363' });
  if (d.family === 'rsa') return (input) => sign(hash, Buffer.from(input), ko);
  if (d.family === 'rsa-pss') {
    // RFC 7518 §3.5: the salt is as long as the hash.
    const opts = { key: ko, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: d.hashLen };
    return (input) => sign(hash, Buffer.from(input), opts);
  }
  return null;
}

/**
 * platform.adoptPrivate on Node: an RSA private key, just imported by the core from `source` (a JWK
 * object or a PEM string), is imported once more by OpenSSL, because the core exports no RSA
 * private JWK to build it from later. Adopted only if OpenSSL's public half is the core's (same
 * `n` and `e`), so both parsers agree on the key; otherwise WebAssembly keeps signing.
 */
export function adoptPrivate(keyLike, source) {
  const inner = keyLike[kInner];
  const keys = inner instanceof Map ? [...inner.values()] : [inner];
  let ko;
  for (const key of keys) {
    if (!key || !key.isPrivate || !/^(RS|PS)/.test(key.algorithm) || signers.has(key)) continue;
    try {
      if (ko === undefined) {
        ko = typeof source === 'string' ? createPrivateKey(source) : createPrivateKey({ key: source, format: 'jwk' });
      }
      const mine = ko.export({ format: 'jwk' });
      const core = JSON.parse(key.toJwk(false));
      if (mine.kty === 'RSA' && mine.n === core.n && mine.e === core.e) signers.set(key, signerWith(ko, key.algorithm));
    } catch {
      return; // OpenSSL refused it: WebAssembly signs
    }
  }
}

/** platform.sign on Node: the cached signer for `key`, or undefined to sign in WebAssembly. */
export function nodeSigner(key) {
  let s = signers.get(key);
  if (s === undefined) {
    s = signerFor(key);
    signers.set(key, s);
  }
  return s ?? undefined;
}
