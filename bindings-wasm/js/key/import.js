// Key import (jose's importJWK, importSPKI, importPKCS8, importX509): the core parses every format.
import * as w from '../jwtcore_wasm.js';
import { JWKInvalid } from '../errors.js';
import { call, isPlainObject } from '../util/internal.js';
import { importOct, wrap } from './keylike.js';
import { platform } from '../platform.js';

function algArg(alg) {
  if (typeof alg !== 'string') throw new TypeError('"alg" argument is required');
  return alg;
}

/** A KeyLike from a JWK (jose: for `oct` without `alg`, any HMAC algorithm its length allows). */
export async function importJWK(jwk, alg) {
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
/** A private key from PKCS#8 PEM for `alg`. */
export async function importPKCS8(pkcs8, alg) {
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
