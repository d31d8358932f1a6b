// `jwtcore/verify`: the verify-only entry, with jose's names and signatures over its own small
// WebAssembly module; every signature and MAC is computed by WebCrypto, every decision is the core's.
// Payload, header and option types are the main entry's.
import type {
  CompactVerifyResult,
  FlattenedToken,
  JSONWebKeySet,
  JWK,
  JWSHeaderParameters,
  JWTHeaderParameters,
  JWTPayload,
  JWTVerifyOptions,
  JWTVerifyResult,
  VerifyOptions,
} from '../index.js';

export type { CompactVerifyResult, JSONWebKeySet, JWK, JWTHeaderParameters, JWTPayload, JWTVerifyOptions, JWTVerifyResult, VerifyOptions };
export { errors } from '../index.js';

/**
 * A key this entry verifies with: a WebCrypto `CryptoKey` (extractable or not; from
 * {@link importJWK}, `crypto.subtle.importKey` or `generateKey`), a `Uint8Array` HMAC secret, or a
 * JWK object (imported on use). A `KeyLike` from the main `'jwtcore'` entry is refused with
 * `JOSENotSupported` (`jwtcoreCode` `key_unsupported`): import its public JWK here instead.
 */
export type VerifyKey = CryptoKey | Uint8Array | JWK;

/** A resolver jose-style: returns the key for a token's protected header. */
export type JWTVerifyGetKey = (protectedHeader: JWTHeaderParameters, token: FlattenedToken) => VerifyKey | Promise<VerifyKey>;
/** A resolver for {@link compactVerify}. */
export type JWSVerifyGetKey = (protectedHeader: JWSHeaderParameters, token: FlattenedToken) => VerifyKey | Promise<VerifyKey>;

/** A key set from {@link createLocalJWKSet}: pass it as the key; called directly, it returns the selected key. */
export interface LocalJWKSet {
  (protectedHeader?: JWSHeaderParameters, token?: FlattenedToken): Promise<CryptoKey>;
  /** A copy of the set as given. */
  jwks(): JSONWebKeySet;
}

/** A remote key set from {@link createRemoteJWKSet}. */
export interface RemoteJWKSet {
  (protectedHeader?: JWSHeaderParameters, token?: FlattenedToken): Promise<CryptoKey>;
  /** Whether a refetch on an unknown `kid` would wait for the cooldown. */
  readonly coolingDown: boolean;
  /** Whether the cached set is younger than `cacheMaxAge`. */
  readonly fresh: boolean;
  /** Whether a fetch is in flight. */
  readonly reloading: boolean;
  /** Fetches the set now. */
  reload(): Promise<void>;
  /** A copy of the cached set, if fetched. */
  jwks(): JSONWebKeySet | undefined;
}

// jose's option keys and the remote set's options: the main entry's, the same symbols at run time,
// so an option object works with either entry.
export { customFetch, jwksCache } from '../index.js';
export type { RemoteJWKSetOptions } from '../index.js';
import type { RemoteJWKSetOptions } from '../index.js';

/**
 * Verifies a compact JWT and validates its claims, as jose's `jwtVerify`: the core runs every check
 * (header, `alg` allow-list, key binding, `crit`, the signature's length and range), WebCrypto
 * verifies the signature (or computes the HMAC, compared in the core in constant time), and the
 * claims are decoded and validated only after that. Rejects with an {@link errors.JOSEError}
 * subclass carrying jose's `code` and the core's `jwtcoreCode` — the verdicts of `'jwtcore'`.
 *
 * @example
 * ```ts
 * import { jwtVerify, createRemoteJWKSet } from 'jwtcore/verify';
 * const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'));
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'my-client' });
 * ```
 */
export declare function jwtVerify<P = JWTPayload>(jwt: string | Uint8Array, key: VerifyKey | LocalJWKSet | RemoteJWKSet, options?: JWTVerifyOptions): Promise<JWTVerifyResult<P>>;
export declare function jwtVerify<P = JWTPayload>(jwt: string | Uint8Array, getKey: JWTVerifyGetKey, options?: JWTVerifyOptions): Promise<JWTVerifyResult<P> & { key: VerifyKey }>;

/**
 * Verifies a compact JWS with any payload, as jose's `compactVerify` (header rules and signature; no
 * claims). A `CryptoKey` is bound by its own description (an `importJWK` key serves the algorithm
 * it was imported for); key sets are not taken here (use a resolver).
 *
 * @example
 * ```ts
 * const { payload } = await compactVerify(jws, await importJWK(publicJwk, 'ES256'));
 * new TextDecoder().decode(payload);
 * ```
 */
export declare function compactVerify(jws: string | Uint8Array, key: VerifyKey, options?: VerifyOptions): Promise<CompactVerifyResult>;
export declare function compactVerify(jws: string | Uint8Array, getKey: JWSVerifyGetKey, options?: VerifyOptions): Promise<CompactVerifyResult & { key: VerifyKey }>;

/**
 * jose's `importJWK` for verification: a public (or private, kept as its public half) EC, OKP or
 * RSA JWK becomes a non-extractable `CryptoKey` for `alg` (default: the JWK's `alg`, or the one its
 * curve implies; an RSA key without either serves RS256, and other RSA algorithms when `algorithms`
 * names them). The core checks the JWK first (encoding, RSA ≥ 2048 bits, `alg`/`use`/`key_ops`);
 * WebCrypto's import checks the point is on its curve. An `oct` JWK becomes its `Uint8Array`
 * secret, as in jose. `importSPKI`, `importX509` and `importPKCS8` are in the main `'jwtcore'`
 * entry (this module holds no DER code).
 *
 * @example
 * ```ts
 * const key = await importJWK({ kty: 'EC', crv: 'P-256', x: '…', y: '…' }, 'ES256');
 * ```
 */
export declare function importJWK(jwk: JWK, alg?: string, options?: { extractable?: boolean }): Promise<CryptoKey | Uint8Array>;

/**
 * jose's `createLocalJWKSet`: a **public** set (RFC 7517 §9.3): `oct` entries skipped, private
 * members dropped; keys selected by `kid` and `alg` with the core's rules, each candidate tried.
 *
 * @example
 * ```ts
 * const JWKS = createLocalJWKSet({ keys: [publicJwk] });
 * const { payload } = await jwtVerify(token, JWKS, { audience: 'api' });
 * ```
 */
export declare function createLocalJWKSet(jwks: JSONWebKeySet): LocalJWKSet;

/**
 * jose's `createRemoteJWKSet`: the set at `url`, fetched with `fetch` (GET, no redirects, 200 only),
 * `timeoutDuration` over the whole response, at most `maxResponseSize` bytes, cached for
 * `cacheMaxAge` and refetched on an unknown `kid` at most once per `cooldownDuration`.
 *
 * @example
 * ```ts
 * const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'), { timeoutDuration: 2000 });
 * ```
 */
export declare function createRemoteJWKSet(url: URL, options?: RemoteJWKSetOptions): RemoteJWKSet;

/**
 * The claims of a JWT **without verifying it**, as jose's `decodeJwt` (failures are `JWTInvalid`).
 *
 * @example
 * ```ts
 * const { sub } = decodeJwt(token); // for display or routing only: nothing is verified
 * ```
 */
export declare function decodeJwt<P = JWTPayload>(jwt: string): P & JWTPayload;

/**
 * The protected header of a compact JWS (or a flattened JWS object), **unverified**, as jose's
 * `decodeProtectedHeader` (failures are `JWSInvalid`).
 *
 * @example
 * ```ts
 * const { kid, alg } = decodeProtectedHeader(token);
 * ```
 */
export declare function decodeProtectedHeader(token: string | { protected?: string }): JWSHeaderParameters & JWTHeaderParameters;
