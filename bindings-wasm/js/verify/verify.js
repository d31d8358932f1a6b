// jwtVerify and compactVerify for `jwtcore/verify`: the core's two-phase verify, the signature or
// MAC on WebCrypto. Phase one runs every check but the arithmetic (header, alg allow-list, key
// binding, crit, the signature's length and range, the secret's checks); WebCrypto verifies the
// signature (or computes the HMAC, which the core compares in constant time); phase two runs phase
// one again and decodes and validates the claims only after a valid signature. Nothing in wasm
// memory is held across an await: the policy and keys are looked up again after each.
import * as w from './jwtcore_verify.js';
import { JOSENotSupported, JWKInvalid, JWKSNoMatchingKey } from '../errors.js';
import { call, parseResult, takeParts, webCryptoParams } from './call.js';
import { compile, policy, tokenText } from './options.js';
import { headerOf } from './decode.js';
import { describe, importJWK, isCryptoKey, isMainKeyLike, jwkEntryOf, mainKeyLikeError, needSubtle, webCryptoKey } from './keys.js';
import { kRemote, kSet, setEntry } from './jwks.js';

const payloadOf = (token) => () => parseResult(w.decodeUnverified(token)).payload;

/** WebCrypto's verdict on phase one's parts with `key` (a CryptoKey). */
async function platformVerify(alg, key, { signature, signingInput }) {
  try {
    return (await needSubtle().verify(webCryptoParams(alg)[1], key, signature, signingInput)) === true;
  } catch (e) {
    throw new JOSENotSupported(`WebCrypto could not verify with this key (${e && e.message})`, { cause: e });
  }
}

/** WebCrypto's HMAC of `input` with a raw `secret`, for the core to compare. */
async function platformMac(alg, secret, input) {
  const subtle = needSubtle();
  const key = await subtle.importKey('raw', secret, webCryptoParams(alg)[0], false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, input));
}

/**
 * Core-key entries (a JWK's, a set's): each candidate in the core's order; the first signature that
 * verifies decides (its claim errors are final); if none does, the last candidate's error.
 */
async function verifyEntries(token, entries, c, payload) {
  let last = new JWKSNoMatchingKey();
  for (const e of entries) {
    let parts;
    try {
      parts = takeParts(call(() => e.step(token, policy(c), c.now), payload));
    } catch (err) {
      last = err;
      continue;
    }
    const ok = await platformVerify(parts.alg, await webCryptoKey(e, parts.alg), parts);
    try {
      return call(() => e.step(token, policy(c), c.now, ok), payload);
    } catch (err) {
      if (ok) throw err;
      last = err;
    }
  }
  throw last;
}

/** A JWT with one key of any kind this entry takes: `header \0 payload`. */
async function verifyJwt(token, key, c) {
  const payload = payloadOf(token);
  if (key && key[kSet]) {
    const { set, entries } = key[kSet];
    const positions = Array.from(call(() => set.candidates(token, policy(c)), payload));
    return verifyEntries(token, positions.map((i) => setEntry(set, entries, i)), c, payload);
  }
  if (key instanceof Uint8Array) {
    const secret = key.slice(); // one snapshot for both phases and WebCrypto
    const parts = takeParts(call(() => w.jwtSecret(token, secret, policy(c), c.now), payload));
    const mac = await platformMac(parts.alg, secret, parts.signingInput);
    return call(() => w.jwtSecret(token, secret, policy(c), c.now, mac), payload);
  }
  if (isCryptoKey(key)) {
    const e = jwkEntryOf(key);
    if (e) return verifyEntries(token, [e], c, payload);
    const pk = await describe(key);
    const parts = takeParts(call(() => w.jwtPlatform(token, pk, policy(c), c.now), payload));
    const ok = await platformVerify(parts.alg, key, parts);
    return call(() => w.jwtPlatform(token, pk, policy(c), c.now, ok), payload);
  }
  if (isMainKeyLike(key)) throw mainKeyLikeError();
  if (key !== null && typeof key === 'object' && typeof key.kty === 'string') return verifyJwt(token, await importJWK(key), c);
  throw new TypeError('key must be a CryptoKey, a Uint8Array, a JWK, or a key set from createLocalJWKSet / createRemoteJWKSet');
}

/**
 * Verifies a compact JWT and validates its claims, as jose's `jwtVerify`: resolves to
 * `{ payload, protectedHeader }` (plus `key` when a resolver function chose it).
 */
export async function jwtVerify(jwt, key, options) {
  const c = compile(options);
  const token = tokenText(jwt, c.maxLen);
  if (typeof key === 'function' && key[kRemote]) {
    const remote = key[kRemote];
    try {
      return parseResult(await verifyJwt(token, await remote.current(), c));
    } catch (e) {
      // An unknown kid: the provider may have rotated; refetch once, unless it just did.
      if (!(e instanceof JWKSNoMatchingKey) || !(await remote.refresh())) throw e;
      return parseResult(await verifyJwt(token, await remote.current(), c));
    }
  }
  if (typeof key === 'function' && !key[kSet]) {
    const k = await key(headerOf(token), { payload: token.split('.')[1], signature: token.split('.')[2] });
    return { ...parseResult(await verifyJwt(token, k, c)), key: k };
  }
  return parseResult(await verifyJwt(token, key, c));
}

/** Splits phase two's JWS result (header JSON, NUL, payload bytes). */
function jwsResult(bytes) {
  const i = bytes.indexOf(0);
  return { payload: bytes.slice(i + 1), protectedHeader: JSON.parse(new TextDecoder().decode(bytes.subarray(0, i))) };
}

/**
 * Verifies a compact JWS with any payload, as jose's `compactVerify`: resolves to
 * `{ payload, protectedHeader }` (`payload` as bytes; plus `key` when a resolver chose it).
 */
export async function compactVerify(jws, key, options) {
  const c = compile(options, true);
  const token = tokenText(jws, c.maxLen);
  let k = key;
  if (typeof key === 'function') k = await key(headerOf(token), { payload: token.split('.')[1], signature: token.split('.')[2] });
  let out;
  if (k instanceof Uint8Array) {
    const secret = k.slice();
    const parts = takeParts(call(() => w.jwsSecret(token, secret, policy(c))));
    const mac = await platformMac(parts.alg, secret, parts.signingInput);
    out = call(() => w.jwsSecret(token, secret, policy(c), mac));
  } else if (isCryptoKey(k)) {
    // Every CryptoKey by its platform description (a JWK's too: jose binds it to one alg at
    // import), and a JWK's `use` / `key_ops`, which that description does not carry.
    if (jwkEntryOf(k)?.canVerify === false) {
      throw new JWKInvalid("key `use`/`key_ops` forbid this operation", { jwtcoreCode: 'key_use_forbidden' });
    }
    const pk = await describe(k);
    const parts = takeParts(call(() => w.jwsPlatform(token, pk, policy(c))));
    const ok = await platformVerify(parts.alg, k, parts);
    out = call(() => w.jwsPlatform(token, pk, policy(c), ok));
  } else if (isMainKeyLike(k)) {
    throw mainKeyLikeError();
  } else if (k !== null && typeof k === 'object' && typeof k.kty === 'string') {
    return compactVerify(token, await importJWK(k), options);
  } else {
    throw new TypeError('key must be a CryptoKey, a Uint8Array, a JWK, or a resolver function');
  }
  const r = jwsResult(out);
  return typeof key === 'function' ? { ...r, key: k } : r;
}
