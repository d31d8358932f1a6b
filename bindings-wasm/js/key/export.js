// Key export (jose's exportJWK, exportSPKI, exportPKCS8). The JWK comes from the core; SPKI and
// PKCS#8 are the platform's encoding of that JWK (WebCrypto), since the core reads DER but does not
// write it. Nothing JOSE-related is decided here.
import { JOSENotSupported } from '../errors.js';
import { call } from '../util/internal.js';
import { encode as b64url } from '../util/base64url.js';
import { webCryptoParams } from '../util/algorithms.js';
import { KeyLike, isCryptoKey, kInner, keyForAsync, platformOriginals } from './keylike.js';

/** A KeyLike for any key input jose's export functions take (KeyLike, CryptoKey, KeyObject). */
async function keyLikeOf(key) {
  if (key instanceof KeyLike) return key;
  if (isCryptoKey(key) || (key !== null && typeof key === 'object' && typeof key.export === 'function' && typeof key.type === 'string')) {
    return keyForAsync(key);
  }
  throw new TypeError('key must be a KeyLike, CryptoKey or KeyObject');
}

/**
 * The key as a JWK (private members included for private and secret keys, as jose).
 *
 * @example
 * ```js
 * const { publicKey } = await generateKeyPair('ES256');
 * const jwk = await exportJWK(publicKey); // { kty: 'EC', crv: 'P-256', x, y, alg: 'ES256' }
 * ```
 */
export async function exportJWK(key) {
  if (key instanceof Uint8Array) return { kty: 'oct', k: b64url(key) };
  const k = await keyLikeOf(key);
  const original = platformOriginals.get(k);
  if (original) return exportOriginalJwk(k, original);
  const jwk = JSON.parse(call(() => k._for().toJwk(true)));
  if (k[kInner] instanceof Map) delete jwk.alg;
  return jwk;
}

/** The JWK of a generated key the core cannot export, from its WebCrypto original. */
async function exportOriginalJwk(k, original) {
  const { kty, n, e, d, p, q, dp, dq, qi, crv, x, y } = await globalThis.crypto.subtle.exportKey('jwk', original);
  const jwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e, d, p, q, dp, dq, qi }).filter(([, v]) => v !== undefined));
  jwk.alg = k.algorithm;
  return jwk;
}


function pem(label, der) {
  const b64 = b64url(new Uint8Array(der)).replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  return `-----BEGIN ${label}-----\n${padded.match(/.{1,64}/g).join('\n')}\n-----END ${label}-----`;
}

async function exportDer(key, format, wantPrivate) {
  const k = await keyLikeOf(key);
  // A private CryptoKey of the default build: the core holds its public half only (keylike.js).
  const type = platformOriginals.get(k)?.type ?? k.type;
  if (type === 'secret') throw new TypeError(`a secret key has no ${format === 'spki' ? 'SPKI' : 'PKCS#8'} form (use exportJWK)`);
  if (wantPrivate && type !== 'private') throw new TypeError('key is not a private key');
  if (!wantPrivate && type !== 'public') throw new TypeError('key is not a public key');
  const original = wantPrivate ? platformOriginals.get(k) : undefined;
  if (original) return pem('PRIVATE KEY', await globalThis.crypto.subtle.exportKey(format, original));
  if (wantPrivate && /^(RS|PS)/.test(k.algorithm)) {
    throw new JOSENotSupported('the core does not export RSA private keys (only RSA keys made by generateKeyPair can be exported); keep the PKCS#8 or JWK you imported the key from');
  }
  const params = webCryptoParams(k.algorithm)?.[0];
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!params || !subtle) throw new JOSENotSupported(`exporting ${k.algorithm} keys as ${format} needs WebCrypto, which this runtime lacks; use exportJWK`);
  const { kty, crv, x, y, n, e, d, p, q, dp, dq, qi } = JSON.parse(call(() => k._for().toJwk(wantPrivate)));
  const jwk = wantPrivate ? { kty, crv, x, y, n, e, d, p, q, dp, dq, qi } : { kty, crv, x, y, n, e };
  for (const name of Object.keys(jwk)) if (jwk[name] === undefined) delete jwk[name];
  try {
    const ck = await subtle.importKey('jwk', jwk, params, true, wantPrivate ? ['sign'] : ['verify']);
    return pem(wantPrivate ? 'PRIVATE KEY' : 'PUBLIC KEY', await subtle.exportKey(format, ck));
  } catch (e) {
    throw new JOSENotSupported(`this runtime's WebCrypto cannot export ${k.algorithm} keys as ${format} (${e && e.message}); use exportJWK`, { cause: e });
  }
}

/**
 * The public key as SPKI PEM (jose's `exportSPKI`).
 *
 * @example
 * ```js
 * const spkiPem = await exportSPKI(publicKey); // '-----BEGIN PUBLIC KEY-----\n...'
 * ```
 */
export async function exportSPKI(key) {
  return exportDer(key, 'spki', false);
}

/**
 * The private key as PKCS#8 PEM (jose's `exportPKCS8`).
 *
 * @example
 * ```js
 * const pkcs8Pem = await exportPKCS8(privateKey); // '-----BEGIN PRIVATE KEY-----\n...'
 * ```
 */
export async function exportPKCS8(key) {
  return exportDer(key, 'pkcs8', true);
}
