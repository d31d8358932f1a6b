// Key import (jose's importJWK, importSPKI, importPKCS8, importX509): the core parses every format.
import * as w from '../jwtcore_wasm.js';
import { JOSENotSupported, JWKInvalid } from '../errors.js';
import { call, isPlainObject } from '../util/internal.js';
import { importOct, wrap } from './keylike.js';
import { platform } from '../platform.js';
import { anyAlgorithmInfo, webCryptoParams } from '../util/algorithms.js';
import { describeHeld } from '../platform/held.js';

const subtle = globalThis.crypto && globalThis.crypto.subtle;

/** jose's `KeyImportOptions`: `{ extractable }`, checked; the value, or undefined when not given. */
function extractableOf(options) {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.extractable !== undefined && typeof options.extractable !== 'boolean') throw new TypeError('"extractable" option must be a boolean');
  return options.extractable;
}

/**
 * Whether a private asymmetric key goes to the platform: always in the default (lite) build, whose
 * WebAssembly holds no private asymmetric key (non-extractable unless `{ extractable: true }`, as
 * jose); in the portable build only with an explicit `{ extractable: false }`.
 */
function wantsPlatform(options) {
  const extractable = extractableOf(options);
  return platform.portable ? extractable === false : true;
}

/** The refusal when the default build cannot hold a private key on this runtime's platform. */
function noPlatformKey(alg) {
  const what = `this runtime's WebCrypto cannot hold the${alg ? ` ${alg}` : ''} private key, and the default build of jwtcore holds none in WebAssembly`;
  // The portable module has the arithmetic only for the algorithms the table marks supported
  // (not ES512 or ES256K): for those, pointing at it would not help.
  const row = typeof alg === 'string' ? anyAlgorithmInfo(alg) : undefined;
  if (row !== undefined && !row.supported) return new JOSENotSupported(`${what}, nor does the portable build: use a runtime whose WebCrypto has ${alg}`);
  return new JOSENotSupported(
    `${what}: select the portable build with the "jwtcore-portable" export condition (node --conditions=jwtcore-portable, esbuild conditions, Vite resolve.conditions)`,
  );
}

// A JWK without `alg` (and no `alg` argument) names its algorithm by its curve; RSA keys serve
// RS* and PS*, so they need one.
const ALG_OF_CURVE = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512', Ed25519: 'EdDSA' };

/**
 * A private key imported into WebCrypto as a non-extractable CryptoKey for `alg`, or undefined when
 * this runtime cannot hold it (no WebCrypto, an algorithm it lacks): the caller then imports it
 * into the core. The core's verdict on the key (family, curve, RSA size, usages) is taken at once
 * from the platform's description, so a key it refuses fails here, not at first use.
 */
async function importOnPlatform(format, data, alg, extractable = false) {
  const row = typeof alg === 'string' ? anyAlgorithmInfo(alg) : undefined;
  if (!subtle || row === undefined || row.family === 'hmac') return undefined;
  let key;
  try {
    key = await subtle.importKey(format, data, webCryptoParams(alg, row)[0], extractable, ['sign']);
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
 * A key from a JWK: public keys and `oct` secrets as a {@link KeyLike} (jose: for `oct` without
 * `alg`, any HMAC algorithm its length allows); private keys, in the default build, as a WebCrypto
 * `CryptoKey` held by the platform (as jose), non-extractable unless `{ extractable: true }`. Under
 * the `jwtcore-portable` condition a private key is a KeyLike held in WebAssembly unless
 * `{ extractable: false }` asks for the platform. The algorithm is `alg`, the JWK's own `alg`, or
 * for EC and Ed25519 keys the one their curve names.
 *
 * @example
 * ```js
 * const privateKey = await importJWK(privateJwk, 'ES256'); // a non-extractable CryptoKey
 * ```
 */
export async function importJWK(jwk, alg, options) {
  // The platform takes the key when nothing in the JWK needs the core's judgement first: `alg`
  // agreeing with the argument, and `use` / `key_ops` allowing signatures (else the core decides).
  const signs = isPlainObject(jwk) && (jwk.use === undefined || jwk.use === 'sig') && (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('sign')));
  const agrees = isPlainObject(jwk) && (alg === undefined || jwk.alg === undefined || alg === jwk.alg);
  const isPrivate = isPlainObject(jwk) && jwk.kty !== 'oct' && jwk.d !== undefined;
  if (wantsPlatform(options) && isPrivate && signs && agrees) {
    const a = alg ?? jwk.alg ?? ALG_OF_CURVE[jwk.crv];
    if (a === undefined && !platform.portable) throw new TypeError('"alg" argument is required when "jwk.alg" is not present');
    const { kty, crv, x, y, d, n, e, p, q, dp, dq, qi } = jwk;
    const material = Object.fromEntries(Object.entries({ kty, crv, x, y, d, n, e, p, q, dp, dq, qi }).filter(([, v]) => v !== undefined));
    const held = await importOnPlatform('jwk', material, a, extractableOf(options) === true);
    if (held) return held;
    if (!platform.portable) throw noPlatformKey(a);
  } else if (isPrivate && !platform.portable) {
    // `use`, `key_ops` or `alg` the platform import would skip: the core judges the public half
    // (its error names what is wrong); a key it accepts still cannot be held in WebAssembly here.
    const { d, p, q, dp, dq, qi, oth, ...publicHalf } = jwk;
    importJWKSync(publicHalf, alg).free();
    throw new JWKInvalid('the private JWK does not allow signing ("use" or "key_ops"), the only use the default build has for a private key; remove the restriction or select the portable build with the "jwtcore-portable" export condition');
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
 * A private key from PKCS#8 PEM for `alg`: in the default build a WebCrypto `CryptoKey` held by the
 * platform (as jose), non-extractable unless `{ extractable: true }`; under the `jwtcore-portable`
 * condition a KeyLike held in WebAssembly unless `{ extractable: false }` asks for the platform.
 *
 * @example
 * ```js
 * const privateKey = await importPKCS8(pem, 'PS256'); // a non-extractable CryptoKey
 * ```
 */
export async function importPKCS8(pkcs8, alg, options) {
  if (wantsPlatform(options) && typeof pkcs8 === 'string') {
    const m = /^\s*-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----\s*$/.exec(pkcs8);
    if (m) {
      const bin = atob(m[1].replace(/\s/g, ''));
      const held = await importOnPlatform('pkcs8', Uint8Array.from(bin, (c) => c.charCodeAt(0)), algArg(alg), extractableOf(options) === true);
      if (held) return held;
      if (!platform.portable) throw noPlatformKey(alg);
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
