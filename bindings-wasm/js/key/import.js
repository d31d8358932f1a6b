// Key import (jose's importJWK, importSPKI, importPKCS8, importX509): the core parses every format.
import * as w from '../jwtcore_wasm.js';
import { JWKInvalid } from '../errors.js';
import { call, isPlainObject } from '../util/internal.js';
import { importOct, wrap } from './keylike.js';
import { platform } from '../platform.js';
import { anyAlgorithmInfo, webCryptoParams } from '../util/algorithms.js';
import { describeHeld } from '../platform/held.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;

/** jose's `KeyImportOptions`: `{ extractable }`; only an explicit `false` changes anything here. */
function wantsPlatform(options) {
  if (options === undefined) return false;
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.extractable !== undefined && typeof options.extractable !== 'boolean') throw new TypeError('"extractable" option must be a boolean');
  return options.extractable === false;
}

/**
 * A private key imported into WebCrypto as a non-extractable CryptoKey for `alg`, or undefined when
 * this runtime cannot hold it (no WebCrypto, an algorithm it lacks): the caller then imports it
 * into the core. The core's verdict on the key (family, curve, RSA size, usages) is taken at once
 * from the platform's description, so a key it refuses fails here, not at first use.
 */
async function importOnPlatform(format, data, alg) {
  const row = typeof alg === 'string' ? anyAlgorithmInfo(alg) : undefined;
  if (!subtle || row === undefined || row.family === 'hmac') return undefined;
  let key;
  try {
    key = await subtle.importKey(format, data, webCryptoParams(alg, row)[0], false, ['sign']);
  } catch (e) {
    // A key of another curve or type than `alg` says so as the core would, not as "unsupported".
    if (e && e.name === 'NotSupportedError') return undefined;
    throw new JWKInvalid(`the key does not fit ${alg} (${e && e.message})`, { cause: e });
  }
  await describeHeld(key);
  return key;
}

function algArg(alg) {
  if (typeof alg !== 'string') throw new TypeError('"alg" argument is required');
  return alg;
}

/**
 * A KeyLike from a JWK (jose: for `oct` without `alg`, any HMAC algorithm its length allows). With
 * `{ extractable: false }` (jose's option) a private JWK becomes a non-extractable WebCrypto
 * `CryptoKey` instead, held by the platform, where the runtime has the algorithm (`alg` or the
 * JWK's own `alg`; otherwise a KeyLike as without the option).
 *
 * @example
 * ```js
 * const privateKey = await importJWK(privateJwk, 'ES256', { extractable: false }); // a CryptoKey
 * ```
 */
export async function importJWK(jwk, alg, options) {
  // The platform takes the key when nothing in the JWK needs the core's judgement first: `alg`
  // agreeing with the argument, and `use` / `key_ops` allowing signatures (else the core decides).
  const signs = isPlainObject(jwk) && (jwk.use === undefined || jwk.use === 'sig') && (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('sign')));
  const agrees = isPlainObject(jwk) && (alg === undefined || jwk.alg === undefined || alg === jwk.alg);
  if (wantsPlatform(options) && signs && agrees && jwk.kty !== 'oct' && jwk.d !== undefined) {
    const a = alg ?? jwk.alg ?? (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : undefined);
    const { kty, crv, x, y, d, n, e, p, q, dp, dq, qi } = jwk;
    const material = Object.fromEntries(Object.entries({ kty, crv, x, y, d, n, e, p, q, dp, dq, qi }).filter(([, v]) => v !== undefined));
    const held = await importOnPlatform('jwk', material, a);
    if (held) return held;
  }
  return importJWKSync(jwk, alg);
}
export function importJWKSync(jwk, alg) {
  if (!isPlainObject(jwk)) throw new TypeError('JWK must be an object');
  if (jwk.kty === 'oct') return importOct(jwk, alg);
  // With `alg`, the core binds the key to it (an RSA JWK without its own `alg` serves RS* or PS*
  // as asked) or refuses a key of another family.
  const k = wrap(call(() => w.Key.fromJwk(JSON.stringify(jwk), alg === undefined ? undefined : String(alg))));
  platform.adoptPrivate?.(k, jwk); // RSA signing on the platform (platform/node-sign.js)
  return k;
}

function importPem(pem, alg, label, wantPrivate) {
  if (typeof pem !== 'string' || !pem.trimStart().startsWith(`-----BEGIN ${label}-----`)) throw new TypeError(`"pem" must be ${label} formatted string`);
  const k = wrap(call(() => w.Key.fromPem(pem, algArg(alg))));
  if (k.type === 'private' !== wantPrivate) {
    k.free();
    throw new JWKInvalid(`expected a ${wantPrivate ? 'private' : 'public'} key`);
  }
  if (wantPrivate) platform.adoptPrivate?.(k, pem);
  return k;
}
/** A public key from SPKI PEM for `alg`. */
export async function importSPKI(spki, alg) {
  return importPem(spki, alg, 'PUBLIC KEY', false);
}
/**
 * A private key from PKCS#8 PEM for `alg`, held in WebAssembly; with `{ extractable: false }`
 * (jose's option) a non-extractable WebCrypto `CryptoKey` held by the platform instead, where the
 * runtime has the algorithm.
 *
 * @example
 * ```js
 * const privateKey = await importPKCS8(pem, 'PS256', { extractable: false }); // a CryptoKey
 * ```
 */
export async function importPKCS8(pkcs8, alg, options) {
  if (wantsPlatform(options) && typeof pkcs8 === 'string') {
    const m = /^\s*-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----\s*$/.exec(pkcs8);
    if (m) {
      const bin = atob(m[1].replace(/\s/g, ''));
      const held = await importOnPlatform('pkcs8', Uint8Array.from(bin, (c) => c.charCodeAt(0)), algArg(alg));
      if (held) return held;
    }
  }
  return importPem(pkcs8, alg, 'PRIVATE KEY', true);
}

/**
 * The public key of a PEM X.509 certificate for `alg` (jose's `importX509`). The core reads the
 * certificate's subjectPublicKeyInfo; like jose, it does not validate the certificate (signature,
 * dates, chain): trusting it is your decision.
 *
 * @example
 * ```js
 * const publicKey = await importX509(certificatePem, 'RS256');
 * ```
 */
export async function importX509(x509, alg) {
  if (typeof x509 !== 'string' || !x509.trimStart().startsWith('-----BEGIN CERTIFICATE-----')) throw new TypeError('"x509" must be X.509 formatted string');
  return wrap(call(() => w.Key.fromX509(x509, algArg(alg))));
}
