// The core's algorithm table (jwtcore::algorithms()): the one place the package learns which
// algorithms exist, their family, key type, hash and HMAC minimum length. Read lazily, on first
// use, because the wasm module is instantiated by the runtime entry after these modules load.
import * as w from '../jwtcore_wasm.js';

let table;
let byName;

/** Every row of the core's table (frozen), in the core's order, supported or not. */
export function algorithmTable() {
  if (table === undefined) {
    table = Object.freeze(JSON.parse(w.algorithms()).map((r) => Object.freeze(r)));
    byName = new Map(table.filter((r) => r.supported).map((r) => [r.name, r]));
  }
  return table;
}

/** The row for `alg` if this build supports it, else undefined (so `none` and unknowns fall out). */
export function algorithmInfo(alg) {
  algorithmTable();
  return byName.get(alg);
}

/** `hmac`, `ec`, `okp`, `rsa` or `rsa-pss` for a supported `alg`; undefined otherwise. */
export const familyOf = (alg) => algorithmInfo(alg)?.family;

/** Whether `alg` is an RSA algorithm (PKCS#1 v1.5 or PSS: one RSA key may serve both). */
export const isRsa = (alg) => {
  const f = familyOf(alg);
  return f === 'rsa' || f === 'rsa-pss';
};

/**
 * The parameters node:crypto needs for an ECDSA/RSA `alg`, from the core's table: the family, the
 * digest in OpenSSL's spelling (`sha256`) and the hash length in bytes (the PSS salt length, RFC
 * 7518 §3.5). Undefined for HMAC, EdDSA and unsupported names.
 */
export function nodeDigest(alg, r = algorithmInfo(alg)) {
  if (r === undefined || r.hash === null || r.family === 'hmac') return undefined;
  const bits = Number(r.hash.slice('SHA-'.length));
  return { family: r.family, hash: `sha${bits}`, hashLen: bits / 8 };
}

const webCrypto = new Map();

/**
 * WebCrypto's `[importParams, signOrVerifyParams]` for an asymmetric `alg`, built from the core's
 * family, curve and hash (the PSS salt as long as the hash, RFC 7518 §3.5); undefined for HMAC and
 * unsupported names. Built once per alg, so callers may use the objects as cache keys.
 */
export function webCryptoParams(alg, r = algorithmInfo(alg)) {
  if (r === undefined) return undefined;
  let p = webCrypto.get(alg);
  if (p === undefined) {
    const { family, crv, hash } = r;
    if (family === 'ec') p = [{ name: 'ECDSA', namedCurve: crv }, { name: 'ECDSA', hash }];
    else if (family === 'okp') p = [{ name: crv }, { name: crv }];
    else if (family === 'rsa') p = [{ name: 'RSASSA-PKCS1-v1_5', hash }, { name: 'RSASSA-PKCS1-v1_5' }];
    else if (family === 'rsa-pss') p = [{ name: 'RSA-PSS', hash }, { name: 'RSA-PSS', saltLength: Number(hash.slice('SHA-'.length)) / 8 }];
    else return undefined;
    webCrypto.set(alg, p);
  }
  return p;
}

/**
 * The row for `alg` whether or not this build's WebAssembly has its arithmetic: a key the platform
 * holds (platform/held.js) needs none of it, so ES512 works there although the module leaves P-521 out.
 */
export function anyAlgorithmInfo(alg) {
  return algorithmTable().find((r) => r.name === alg);
}

/** The HMAC algorithms, in the core's order. */
export const hmacAlgorithms = () => algorithmTable().filter((r) => r.supported && r.family === 'hmac').map((r) => r.name);

/** Whether `alg` is an HMAC algorithm. */
export const isHmac = (alg) => familyOf(alg) === 'hmac';
