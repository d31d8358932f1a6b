// SignJWT#sign where no synchronous platform signer is installed (browsers, Deno, Bun, workers):
// WebCrypto computes the raw signature through the core's two-phase signing, with the private
// key imported once per wasm key as a non-extractable CryptoKey. Ed25519 is feature-detected (a
// runtime without it refuses the import, and WebAssembly signs). RSA private keys stay in
// WebAssembly here: the core exports no RSA private JWK to import from.
import * as w from '../jwtcore_wasm.js';
import { platform } from '../platform.js';
import { call, isPlainObject } from '../util/internal.js';
import { KeyLike } from '../key/keylike.js';
import { familyOf, webCryptoParams } from '../util/algorithms.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;
// ECDSA and Ed25519 only (RSA private keys stay in wasm, see above); parameters from the core's table.
const PARAMS = (alg) => {
  const f = familyOf(alg);
  return f === 'ec' || f === 'okp' ? webCryptoParams(alg) : undefined;
};
const cryptoKeys = new WeakMap(); // wasm Key -> Promise<CryptoKey | null>

function cryptoKeyFor(inner, alg) {
  let p = cryptoKeys.get(inner);
  if (p === undefined) {
    try {
      const { kty, crv, x, y, d } = JSON.parse(inner.toJwk(true));
      p = d === undefined ? Promise.resolve(null) : subtle.importKey('jwk', { kty, crv, x, y, d }, PARAMS(alg)[0], false, ['sign']).catch(() => null);
    } catch {
      p = Promise.resolve(null);
    }
    cryptoKeys.set(inner, p);
  }
  return p;
}

/**
 * The compact JWT signed with WebCrypto, or undefined when this path does not apply (a runtime
 * with a synchronous signer, no WebCrypto, an HMAC or RSA key, invalid input that signSync will
 * report, a key or algorithm WebCrypto refuses): the caller then signs synchronously.
 */
export async function signJwtOnWebCrypto(payload, key, header) {
  if (platform.sign !== undefined || !subtle || !(key instanceof KeyLike) || !isPlainObject(payload)) return undefined;
  if (header === null || typeof header !== 'object' || header.b64 === false || !PARAMS(header.alg)) return undefined;
  const inner = key._for(header.alg);
  if (inner.algorithm !== header.alg) return undefined; // the core's mismatch error, from signSync
  const ck = await cryptoKeyFor(inner, header.alg);
  if (!ck) return undefined;
  // Phase one after the await: the key is looked up again, so a key freed meanwhile says so.
  const again = key._for(header.alg);
  const input = call(() => w.externalSigningInput(JSON.stringify(header), JSON.stringify(payload), again));
  let signature;
  try {
    signature = new Uint8Array(await subtle.sign(PARAMS(header.alg)[1], ck, new TextEncoder().encode(input)));
  } catch {
    return undefined;
  }
  return call(() => w.finishExternalSigning(input, signature, key._for(header.alg)));
}
