// Node's verifier for the core's two-phase verify (platform.js, `verify`): node:crypto (OpenSSL),
// synchronously, in-thread. The core has run every other check before it is called (the key bound
// to `alg`, ECDSA r/s ranges, the RSA length, Ed25519's strict-verify refusals) and validates the
// claims only if it returns true.
import { constants, createPublicKey, createVerify, verify } from 'node:crypto';
import { nodeDigest } from '../util/algorithms.js';

// Per key entry: its public KeyObject, converted once from the core's public JWK, and one checking
// function per algorithm with node:crypto's arguments built once (the hot path then allocates
// nothing of its own); null when OpenSSL refused the key.
const keys = new WeakMap(); // key entry -> { ko, byAlg: Map(alg -> check | null) } | null

function keyOf(entry) {
  let k = keys.get(entry);
  if (k === undefined) {
    try {
      // The public half only: alg/use/key_ops are the core's to enforce, not OpenSSL's.
      const { kty, crv, x, y, n, e } = JSON.parse(entry.toJwk());
      k = { ko: createPublicKey({ key: { kty, crv, x, y, n, e }, format: 'jwk' }), byAlg: new Map() };
    } catch {
      k = null;
    }
    keys.set(entry, k);
  }
  return k;
}

/**
 * `(data, signature, der) => boolean` for `alg` with `ko`, or null for an algorithm it cannot
 * check. `der` is an ECDSA signature's DER form when the core wrote one (external.rs): OpenSSL's
 * own encoding, so node:crypto needs neither its conversion nor an options object for it.
 *
 * ECDSA and RSA go through a Verify object (digest, then EVP_PKEY_verify on it) rather than the
 * one-shot verify(): on Node 20 (OpenSSL 3.0) the one-shot EVP_DigestVerify duplicates its
 * signature context to finish, and costs about 1.5 µs more per ES256 verification and 0.5 µs per
 * RS256 one, although the Verify object is a stream. Same OpenSSL verification, same verdict.
 */
function checkFor(alg, ko) {
  // Ed25519: the core's phase one has made verify_strict's extra refusals (S < L, small-order R,
  // canonical key); OpenSSL checks the cofactorless equation, as the core would. No digest, so
  // only the one-shot verify() takes it.
  if (alg === 'EdDSA') return (data, signature) => verify(null, data, ko, signature);
  const d = nodeDigest(alg);
  if (d === undefined) return null;
  const { hash } = d;
  if (d.family === 'ec') {
    const opts = { key: ko, dsaEncoding: 'ieee-p1363' };
    return (data, signature, der) =>
      der !== undefined && der.length > 0 ? createVerify(hash).update(data).verify(ko, der) : createVerify(hash).update(data).verify(opts, signature);
  }
  if (d.family === 'rsa') return (data, signature) => createVerify(hash).update(data).verify(ko, signature);
  if (d.family === 'rsa-pss') {
    const opts = { key: ko, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: d.hashLen };
    return (data, signature) => createVerify(hash).update(data).verify(opts, signature);
  }
  return null;
}

/**
 * platform.verify on Node: OpenSSL's verdict (true/false) on `signature` (JOSE form; `der`, when
 * given and not empty, the same ECDSA signature in DER) over `data` with the entry's public key as
 * `alg`, or undefined when OpenSSL cannot evaluate it (WebAssembly decides).
 */
export function nodeVerify(alg, entry, data, signature, der) {
  let k = keys.get(entry);
  if (k === undefined) {
    // The byte arguments may be views of WebAssembly memory (external.rs), and the key's first
    // conversion calls into WebAssembly (toJwk), which may grow that memory and detach them:
    // copied first, once per key.
    data = data.slice();
    signature = signature.slice();
    der = der?.slice();
    k = keyOf(entry);
  }
  if (k === null) return undefined;
  let check = k.byAlg.get(alg);
  if (check === undefined) k.byAlg.set(alg, (check = checkFor(alg, k.ko)));
  if (check === null) return undefined;
  try {
    return check(data, signature, der);
  } catch {
    // Whatever OpenSSL refuses to evaluate, WebAssembly decides instead.
    return undefined;
  }
}
