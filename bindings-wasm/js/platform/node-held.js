// node:crypto's part for keys Node holds (KeyObject): the description the core decides from, and
// the arithmetic of the two-phase verify and sign (platform/held.js), all synchronous (OpenSSL).
import { KeyObject, constants, createHmac, createPublicKey, sign, verify } from 'node:crypto';
import { anyAlgorithmInfo, nodeDigest } from '../util/algorithms.js';

/** The hash of an HMAC `alg` in OpenSSL's spelling (`HS256` -> `sha256`). */
const hmacHash = (alg) => `sha${alg.slice(2)}`;

/** What the core needs to know about a KeyObject; never its private material. */
function describe(ko) {
  const details = ko.asymmetricKeyDetails ?? {};
  // The public half (of a private key too): the core's strict Ed25519 pre-check reads its bytes.
  const edPublic = ko.asymmetricKeyType === 'ed25519' ? ed25519Public(ko.type === 'private' ? createPublicKey(ko) : ko) : undefined;
  return {
    type: ko.type,
    asymmetricKeyType: ko.asymmetricKeyType,
    namedCurve: details.namedCurve,
    modulusLength: details.modulusLength,
    hashAlgorithm: details.hashAlgorithm,
    symmetricKeySize: ko.symmetricKeySize,
    ed25519Public: edPublic,
  };
}

/** node:crypto's options for `alg` with `ko` (ECDSA as raw r || s; PSS salt = hash length, RFC 7518 §3.5). */
function options(alg, ko) {
  if (alg === 'EdDSA') return [null, ko];
  const d = nodeDigest(alg, anyAlgorithmInfo(alg));
  if (d.family === 'ec') return [d.hash, { key: ko, dsaEncoding: 'ieee-p1363' }];
  if (d.family === 'rsa-pss') return [d.hash, { key: ko, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: d.hashLen }];
  return [d.hash, { key: ko, padding: constants.RSA_PKCS1_PADDING }];
}

// A CryptoKey's KeyObject: the same OpenSSL key, no material copied (KeyObject.from), so the
// synchronous functions can use a CryptoKey on Node. Made once per key.
const fromCrypto = new WeakMap();
function fromCryptoKey(ck) {
  let ko = fromCrypto.get(ck);
  if (ko === undefined) {
    ko = KeyObject.from(ck);
    fromCrypto.set(ck, ko);
  }
  return ko;
}

/** The raw bytes of an Ed25519 public key (a KeyObject's public half). */
function ed25519Public(ko) {
  return new Uint8Array(Buffer.from(ko.export({ format: 'jwk' }).x, 'base64url'));
}

export const nodeHeld = {
  describe,
  fromCryptoKey,
  ed25519Public,
  verify(alg, ko, data, signature) {
    const [hash, key] = options(alg, ko);
    return verify(hash, data, key, signature);
  },
  mac(alg, ko, data) {
    return new Uint8Array(createHmac(hmacHash(alg), ko).update(data).digest());
  },
  sign(alg, ko, input) {
    const data = Buffer.from(input);
    if (alg.startsWith('HS')) return new Uint8Array(createHmac(hmacHash(alg), ko).update(data).digest());
    const [hash, key] = options(alg, ko);
    return new Uint8Array(sign(hash, data, key));
  },
};
