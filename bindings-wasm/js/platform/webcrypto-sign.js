// SignJWT#sign where no synchronous platform signer is installed (browsers, Deno, Bun, workers):
// WebCrypto computes the raw signature through the core's two-phase signing, with the private
// key imported once per wasm key as a non-extractable CryptoKey. Ed25519 is feature-detected (a
// runtime without it refuses the import, and WebAssembly signs). ECDSA and Ed25519 keys are
// imported from the core's own private JWK; RSA keys, which the core does not export, from the JWK
// or PEM they were imported from (adoptOnWebCrypto, at import), kept only if WebCrypto's public half
// is the core's.
import * as w from '../jwtcore_wasm.js';
import { platform } from '../platform.js';
import { call, isPlainObject } from '../util/internal.js';
import { KeyLike, kInner } from '../key/keylike.js';
import { familyOf, isRsa, webCryptoParams } from '../util/algorithms.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;
const PARAMS = (alg) => (familyOf(alg) && familyOf(alg) !== 'hmac' ? webCryptoParams(alg) : undefined);
const cryptoKeys = new WeakMap(); // wasm Key -> Promise<CryptoKey | null>
const RSA_PRIVATE = ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];

/** PKCS#8 DER from a PEM string (the core has already parsed and accepted the same text). */
function pkcs8Der(pem) {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) return undefined;
  const bin = atob(m[1].replace(/[^A-Za-z0-9+/=]/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * The non-extractable CryptoKey for an RSA private key from `source`, or null: imported extractable
 * once to compare its public half (n, e) with the core's, then re-imported non-extractable from
 * that export; the extractable copy is dropped.
 */
async function importRsa(source, alg, coreJwk) {
  const [params] = PARAMS(alg);
  const der = typeof source === 'string' ? pkcs8Der(source) : undefined;
  if (typeof source === 'string' && !der) return null;
  const jwk = der ? undefined : Object.fromEntries(RSA_PRIVATE.map((k) => [k, source[k]]));
  const probe = await (der ? subtle.importKey('pkcs8', der, params, true, ['sign']) : subtle.importKey('jwk', jwk, params, true, ['sign']));
  const mine = await subtle.exportKey('jwk', probe);
  if (mine.kty !== 'RSA' || mine.n !== coreJwk.n || mine.e !== coreJwk.e) return null;
  const { key_ops, ext, alg: _alg, ...material } = mine;
  return subtle.importKey('jwk', material, params, false, ['sign']);
}

/**
 * platform.adoptPrivate outside Node: an RSA private key the core just imported from `source` (a
 * JWK object or a PKCS#8 PEM string) is imported into WebCrypto once, for SignJWT#sign.
 */
export function adoptOnWebCrypto(keyLike, source) {
  const inner = keyLike[kInner];
  const keys = inner instanceof Map ? [...inner.values()] : [inner];
  for (const key of keys) {
    if (!key || !key.isPrivate || !isRsa(key.algorithm) || cryptoKeys.has(key)) continue;
    let coreJwk;
    try {
      coreJwk = JSON.parse(key.toJwk(false));
    } catch {
      continue;
    }
    cryptoKeys.set(key, importRsa(source, key.algorithm, coreJwk).catch(() => null));
  }
}

// Installed here rather than by an entry: every runtime but Node (whose entry replaces it with
// node:crypto's after this module loads) signs RSA on WebCrypto when it has one.
if (subtle && platform.adoptPrivate === undefined) platform.adoptPrivate = adoptOnWebCrypto;

function cryptoKeyFor(inner, alg) {
  let p = cryptoKeys.get(inner);
  if (p === undefined) {
    // RSA: only what adoptOnWebCrypto imported (the core writes no RSA private JWK).
    if (isRsa(alg)) return Promise.resolve(null);
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
 * with a synchronous signer, no WebCrypto, an HMAC key, an RSA key not adopted at import, invalid
 * input that signSync will report, a key or algorithm WebCrypto refuses): the caller then signs
 * synchronously.
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
