// Two-phase signing on the runtime's own signer (platform.sign, installed by the Node entry): the
// core checks the key and the header and writes the signing input, the platform computes the raw
// signature with a private key it imported once, the core checks the signature's JOSE shape
// (ECDSA r || s in range, Ed25519 64 bytes, RSA the modulus length) and assembles the token.
// HMAC stays in WebAssembly: the core's HMAC is as fast as a platform call.
import * as w from '../jwtcore_wasm.js';
import { platform } from '../platform.js';
import { call } from '../util/internal.js';
import { familyOf } from '../util/algorithms.js';

/** Every supported algorithm but HMAC (the core's table decides which those are). */
const isAsymmetric = (alg) => {
  const f = familyOf(alg);
  return f !== undefined && f !== 'hmac';
};

/**
 * The compact JWS signed on the platform, or undefined when it cannot sign with this key (no
 * platform signer, an HMAC key, a key the platform refused to import): the caller then signs in
 * WebAssembly. `key` is the wasm key already chosen for `alg`; a freed one throws as in wasm.
 */
export function signOnPlatform(headerJson, payloadJson, key, alg) {
  // `payloadJson`: a string (JWT claims) or a Uint8Array (any JWS payload).
  if (platform.sign === undefined || !isAsymmetric(alg)) return undefined;
  const signer = platform.sign(key, alg);
  if (signer === undefined) return undefined;
  // A JWT's claims arrive as JSON text, a JWS payload (CompactSign & co.) as bytes.
  const input = call(() =>
    typeof payloadJson === 'string' ? w.externalSigningInput(headerJson, payloadJson, key) : w.externalSigningInputBytes(headerJson, payloadJson, key),
  );
  return call(() => w.finishExternalSigning(input, signer(input), key));
}
