// Types of the npm package `jwtcore` (jose-compatible where names match jose's).
//
// `using` / `Symbol.dispose` on keys needs the disposable lib; referenced here so that a consumer
// on the default lib of `--target es2022` compiles these types without `skipLibCheck`.
/// <reference lib="esnext.disposable" />

/** JWT Claims Set (RFC 7519 §4); registered claims typed, any other claim allowed. */
export interface JWTPayload {
  /** Issuer. */
  iss?: string;
  /** Subject. */
  sub?: string;
  /** Audience: one value or several. */
  aud?: string | string[];
  /** JWT ID. */
  jti?: string;
  /** Not before (seconds since the epoch). */
  nbf?: number;
  /** Expiration time (seconds since the epoch). */
  exp?: number;
  /** Issued at (seconds since the epoch). */
  iat?: number;
  [claim: string]: unknown;
}

/** The protected header of a JWS (RFC 7515 §4). */
export interface JWTHeaderParameters {
  /** The signature algorithm (never `none` here). */
  alg: string;
  typ?: string;
  kid?: string;
  cty?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/** A JSON Web Key (RFC 7517). */
export interface JWK {
  kty: string;
  alg?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  k?: string;
  n?: string;
  e?: string;
  [member: string]: unknown;
}

/** A JSON Web Key Set (RFC 7517 §5). */
export interface JSONWebKeySet {
  keys: JWK[];
}

/**
 * A key held in WebAssembly memory (secrets never come back to JS unless exported with
 * {@link exportJWK}). Free it with `free()` or `using`; a FinalizationRegistry frees forgotten
 * handles. A freed key throws {@link errors.JOSEError} ("key has been freed") wherever it is used.
 */
export declare class KeyLike {
  private constructor();
  /** `secret`, `public` or `private` (Node KeyObject / CryptoKey naming). */
  readonly type: 'secret' | 'public' | 'private';
  /** The algorithm the key is bound to. */
  readonly algorithm: string;
  /** The key ID, if the key has one. */
  readonly kid: string | undefined;
  /** Frees (and zeroizes) the wasm memory now; the key is unusable afterwards. */
  free(): void;
  [Symbol.dispose](): void;
  toJSON(): { type: string; algorithm: string };
}

/**
 * A Node.js `KeyObject` (structurally: what `createPublicKey` & co. return). On Node it is used
 * where it lives: the core decides from its `type`, `asymmetricKeyType` and
 * `asymmetricKeyDetails` which algorithms it serves and makes every check; OpenSSL signs,
 * verifies or computes the MAC (synchronous and async functions alike).
 */
export interface KeyObjectLike {
  readonly type: string;
  export(options: { format: 'jwk' }): JWK;
}

/**
 * Anything a verify or sign call accepts as a key: a {@link KeyLike}, an HMAC secret as bytes, a
 * JWK object or a Node KeyObject (both imported once per object).
 */
/**
 * A WebCrypto `CryptoKey`, structurally (so the types need no DOM lib), extractable or not. The
 * async functions (and on Node the synchronous ones) use it where it lives: the core decides from
 * its `algorithm` (name, curve, hash, modulus length) and `usages` which algorithms it serves and
 * makes every check, and WebCrypto signs or verifies. An Ed25519 public key must be extractable
 * (the core's strict-verify pre-check reads its bytes).
 */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/**
 * Every key input. A `CryptoKeyLike` is accepted by the async functions everywhere and by the
 * synchronous ones on Node (through its `KeyObject`); elsewhere the synchronous ones throw
 * `JOSENotSupported` for it (WebCrypto is asynchronous).
 */
export type KeyInput = KeyLike | Uint8Array | JWK | KeyObjectLike | CryptoKeyLike;

/** Options of {@link jwtVerify} and {@link jwtVerifySync} (jose's, plus `maxTokenLength`). */
export interface JWTVerifyOptions {
  /** Allowed `alg` values. Default: whatever the key can verify. `none` is never accepted. */
  algorithms?: string[];
  /** Expected `aud` (any of); the claim becomes required. Without it, a token naming an audience is refused. */
  audience?: string | string[];
  /** Expected `iss` (any of); the claim becomes required. */
  issuer?: string | string[];
  /** Expected `sub`; the claim becomes required. */
  subject?: string;
  /** Expected `typ` header, compared as media types (`at+jwt` matches `application/at+jwt`). */
  typ?: string;
  /**
   * Clock skew tolerated on `exp`, `nbf` and `iat`: seconds, or a time span like `'30s'`. A
   * negative value (`-10`, `'-10s'`, `'10s ago'`) instead demands that much remaining validity
   * (PyJWT's negative leeway; jose throws a TypeError for it).
   */
  clockTolerance?: string | number;
  /** Maximum age from `iat` (seconds or a time span); `iat` becomes required. */
  maxTokenAge?: string | number;
  /** The clock for the time checks. Default: now. */
  currentDate?: Date;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** Extension header parameters the caller understands (RFC 7515 §4.1.11). */
  crit?: Record<string, boolean>;
  /**
   * Longest accepted token in bytes, checked before the token is copied anywhere. Default 65536
   * (64 KiB, the core's default: room for ID tokens with large group claims).
   */
  maxTokenLength?: number;
}

/** What a verification returns. */
export interface JWTVerifyResult<P = JWTPayload> {
  payload: P & JWTPayload;
  protectedHeader: JWTHeaderParameters;
}

/** The key a resolver function chose, returned alongside the result. */
export interface ResolvedKey<K = KeyInput> {
  key: K;
}

/** The parts of the token a key resolver is given. */
export interface FlattenedToken {
  payload: string;
  signature: string;
}

/** A key resolver: chooses the key from the (unverified) protected header. */
export type JWTVerifyGetKey = (protectedHeader: JWTHeaderParameters, token: FlattenedToken) => KeyInput | Promise<KeyInput>;

/** What {@link createLocalJWKSet} and {@link createRemoteJWKSet} have in common. */
export interface JWKSetResolver {
  /** Resolves (a copy of) the key the core selects for a header, as jose's resolver. */
  (protectedHeader?: JWTHeaderParameters, token?: FlattenedToken): Promise<KeyLike>;
}

/** A local JSON Web Key Set (see {@link createLocalJWKSet}). */
export interface LocalJWKSet extends JWKSetResolver {
  /** A copy of the set. */
  jwks(): JSONWebKeySet;
}

/** Options of {@link createRemoteJWKSet}. */
export interface RemoteJWKSetOptions {
  /** Bound on the whole HTTP response, headers and body, in milliseconds. Default 5000. */
  timeoutDuration?: number;
  /** Least time between two fetches triggered by an unknown `kid`, in milliseconds. Default 30000. */
  cooldownDuration?: number;
  /** How long a fetched set is used, in milliseconds (`Infinity` allowed). Default 600000. */
  cacheMaxAge?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Largest accepted response body in bytes (not in jose). Default 524288 (512 KiB). */
  maxResponseSize?: number;
  /** A `fetch` replacement (see {@link customFetch}). */
  [customFetch]?: (url: string, init: { method: string; headers?: Record<string, string>; redirect: 'manual'; signal: unknown }) => Promise<unknown>;
  /** A shared cache entry (see {@link jwksCache}). */
  [jwksCache]?: JWKSCacheInput;
}

/** A remote JSON Web Key Set (see {@link createRemoteJWKSet}). */
export interface RemoteJWKSet extends JWKSetResolver {
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

/**
 * Verifies a compact JWT and validates its claims, as jose's `jwtVerify`. Rejects with an
 * {@link errors.JOSEError} subclass carrying jose's `code` (and `jwtcoreCode`, the core's code).
 * ECDSA and RSA signatures are checked by WebCrypto where the runtime has it, through the core's
 * two-phase verify; everything else runs in WebAssembly.
 *
 * @example
 * ```ts
 * const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'));
 * const { payload } = await jwtVerify<{ scope: string }>(token, JWKS, { issuer: 'https://idp.example', audience: 'api' });
 * ```
 */
export declare function jwtVerify<P = JWTPayload>(
  jwt: string | Uint8Array,
  key: KeyInput | LocalJWKSet | RemoteJWKSet,
  options?: JWTVerifyOptions,
): Promise<JWTVerifyResult<P>>;
export declare function jwtVerify<P = JWTPayload>(
  jwt: string | Uint8Array,
  getKey: JWTVerifyGetKey,
  options?: JWTVerifyOptions,
): Promise<JWTVerifyResult<P> & ResolvedKey>;

/**
 * The synchronous fast path of {@link jwtVerify}: same options, results and errors, no promise. A
 * resolver must return its key synchronously; a remote set must have been fetched already.
 *
 * @example
 * ```ts
 * const { payload } = jwtVerifySync(token, key, { issuer: 'https://auth.example', audience: 'api' });
 * ```
 */
export declare function jwtVerifySync<P = JWTPayload>(
  jwt: string | Uint8Array,
  key: KeyInput | LocalJWKSet | RemoteJWKSet,
  options?: JWTVerifyOptions,
): JWTVerifyResult<P>;
export declare function jwtVerifySync<P = JWTPayload>(
  jwt: string | Uint8Array,
  getKey: (protectedHeader: JWTHeaderParameters, token: FlattenedToken) => KeyInput,
  options?: JWTVerifyOptions,
): JWTVerifyResult<P> & ResolvedKey;

/** The claims of a JWT **without verifying it** (failures: `JWTInvalid`; over 64 KiB refused). */
export declare function decodeJwt<P = JWTPayload>(jwt: string): P & JWTPayload;
/** The protected header of a compact JWS or a flattened JWS object, **unverified** (failures: `JWSInvalid`; over 64 KiB refused). */
export declare function decodeProtectedHeader(token: string | { protected?: string }): JWTHeaderParameters;

/**
 * jose's JWT builder.
 *
 * @example
 * ```ts
 * const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);
 * ```
 */
export declare class SignJWT {
  constructor(payload?: JWTPayload);
  /** The header; must name `alg`. Only once. */
  setProtectedHeader(protectedHeader: JWTHeaderParameters): this;
  setIssuer(issuer: string): this;
  setSubject(subject: string): this;
  setAudience(audience: string | string[]): this;
  setJti(jwtId: string): this;
  /** Seconds since the epoch, a `Date`, or a time span from now (`'5m'`). */
  setNotBefore(input: number | string | Date): this;
  /** Seconds since the epoch, a `Date`, or a time span from now (`'2h'`). */
  setExpirationTime(input: number | string | Date): this;
  /** Now without an argument. */
  setIssuedAt(input?: number | string | Date): this;
  /** The compact JWS. */
  sign(key: KeyInput): Promise<string>;
  /** The synchronous twin of `sign`. */
  signSync(key: KeyInput): string;
}

/** Signs `payload` with `protectedHeader` (must name `alg`), synchronously. */
export declare function signSync(payload: JWTPayload, key: KeyInput, protectedHeader: JWTHeaderParameters): string;

/** jose's `KeyImportOptions`. */
export interface KeyImportOptions {
  /**
   * For private keys. Default build: a WebCrypto `CryptoKey` held by the platform, non-extractable
   * unless `true`. Under the `jwtcore-portable` condition: a {@link KeyLike} held in WebAssembly,
   * unless `false` asks for a non-extractable `CryptoKey`.
   */
  extractable?: boolean;
}
/**
 * A key from a JWK: an `oct` or public JWK gives a {@link KeyLike} (an `oct` JWK without `alg`
 * serves each HMAC algorithm its length allows); a private JWK gives a WebCrypto `CryptoKey` in the
 * default build, a `KeyLike` under the `jwtcore-portable` condition ({@link KeyImportOptions}).
 *
 * @example
 * ```ts
 * const secret: KeyLike = await importJWK({ kty: 'oct', k: 'YS0zMi1ieXRlLXNlY3JldC1mb3ItdGhlLWV4YW1wbGU', alg: 'HS256' });
 * ```
 */
export declare function importJWK(jwk: JWK & { kty: 'oct' }, alg?: string, options?: KeyImportOptions): Promise<KeyLike>;
export declare function importJWK(jwk: JWK & { d?: undefined }, alg?: string, options?: KeyImportOptions): Promise<KeyLike>;
export declare function importJWK(jwk: JWK, alg?: string, options?: KeyImportOptions): Promise<KeyLike | CryptoKeyLike>;
/** The synchronous twin of {@link importJWK}. */
export declare function importJWKSync(jwk: JWK, alg?: string): KeyLike;
/** A public key from SPKI PEM for `alg`. */
export declare function importSPKI(spki: string, alg: string): Promise<KeyLike>;
/**
 * A private key from PKCS#8 PEM for `alg`: a WebCrypto `CryptoKey` in the default build, a
 * {@link KeyLike} under the `jwtcore-portable` condition ({@link KeyImportOptions}).
 */
export declare function importPKCS8(pkcs8: string, alg: string, options?: KeyImportOptions): Promise<KeyLike | CryptoKeyLike>;
/** The key as a JWK (private members included for private and secret keys, as jose). */
export declare function exportJWK(key: KeyLike | Uint8Array | KeyObjectLike | CryptoKeyLike): Promise<JWK>;
/** jose's `GenerateSecretOptions`: `extractable`. */
export interface GenerateSecretOptions {
  /**
   * `true`: a {@link KeyLike} held in WebAssembly (exportJWK, the synchronous functions in every
   * runtime). Default: a non-extractable WebCrypto `CryptoKey`, as jose.
   */
  extractable?: boolean;
}
/**
 * A fresh HMAC key for `alg`, as long as its hash: a non-extractable WebCrypto `CryptoKey` (as
 * jose), or with `{ extractable: true }` a {@link KeyLike} held in WebAssembly.
 *
 * @example
 * ```ts
 * const secret = await generateSecret('HS256');
 * ```
 */
export declare function generateSecret(alg: 'HS256' | 'HS384' | 'HS512' | (string & {}), options: GenerateSecretOptions & { extractable: true }): Promise<KeyLike>;
export declare function generateSecret(alg: 'HS256' | 'HS384' | 'HS512' | (string & {}), options?: GenerateSecretOptions): Promise<CryptoKeyLike>;
/** jose's `GenerateKeyPairOptions`: `modulusLength` for RS and PS keys (default 2048), `crv` for EdDSA (Ed25519 only). */
export interface GenerateKeyPairOptions {
  modulusLength?: number;
  crv?: string;
  /**
   * `true`: the private key exportable (exportJWK / exportPKCS8): an extractable `CryptoKey` in
   * the default build, {@link KeyLike}s held in WebAssembly under the `jwtcore-portable` condition
   * (the synchronous functions in every runtime). Default: WebCrypto `CryptoKey`s, the private one
   * non-extractable, as jose.
   */
  extractable?: boolean;
}
/**
 * A fresh key pair for `alg` (ES256, ES384, ES512, EdDSA, RS*, PS*), born on the platform as in
 * jose: a non-extractable private `CryptoKey` and its public one, used where they live by every
 * sign and verify function (the synchronous ones on Node only). With `{ extractable: true }`: an
 * extractable private `CryptoKey` (default build) or {@link KeyLike}s held in WebAssembly
 * (`jwtcore-portable`).
 *
 * @example
 * ```ts
 * const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 3072 });
 * ```
 */
export declare function generateKeyPair(
  alg: 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | (string & {}),
  options: GenerateKeyPairOptions & { extractable: true },
): Promise<{ privateKey: KeyLike | CryptoKeyLike; publicKey: KeyLike | CryptoKeyLike }>;
export declare function generateKeyPair(
  alg: 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | (string & {}),
  options?: GenerateKeyPairOptions,
): Promise<{ privateKey: CryptoKeyLike; publicKey: CryptoKeyLike }>;
/**
 * The RFC 7638 thumbprint (SHA-256; `sha384`/`sha512` throw `JOSENotSupported`) of a key or JWK.
 *
 * @example
 * ```ts
 * const thumbprint = await calculateJwkThumbprint(publicJwk);
 * ```
 */
export declare function calculateJwkThumbprint(key: KeyInput, digestAlgorithm?: 'sha256' | 'sha384' | 'sha512'): Promise<string>;
/**
 * The RFC 9278 thumbprint URI (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:…`) of a key or JWK.
 *
 * @example
 * ```ts
 * const uri = await calculateJwkThumbprintUri(publicJwk);
 * ```
 */
export declare function calculateJwkThumbprintUri(key: KeyInput, digestAlgorithm?: 'sha256' | 'sha384' | 'sha512'): Promise<string>;
/**
 * A public key from a PEM X.509 certificate for `alg` (jose's `importX509`). The certificate itself
 * (signature, dates, chain) is not validated, as in jose.
 *
 * @example
 * ```ts
 * const key = await importX509(certificatePem, 'RS256');
 * ```
 */
export declare function importX509(x509: string, alg: string, options?: { extractable?: boolean }): Promise<KeyLike>;
/**
 * The public key as SPKI PEM (jose's `exportSPKI`; the encoding is WebCrypto's).
 *
 * @example
 * ```ts
 * const spkiPem = await exportSPKI(publicKey);
 * ```
 */
export declare function exportSPKI(key: KeyLike | KeyObjectLike | CryptoKeyLike): Promise<string>;
/**
 * The private key as PKCS#8 PEM (jose's `exportPKCS8`; the encoding is WebCrypto's).
 *
 * @example
 * ```ts
 * const pkcs8Pem = await exportPKCS8(privateKey);
 * ```
 */
export declare function exportPKCS8(key: KeyLike | KeyObjectLike | CryptoKeyLike): Promise<string>;
/**
 * jose's `EmbeddedJWK`: a resolver that verifies with the public key in the token's own `jwk`
 * header (bound to its `alg`). Proves possession of that key only; check the key yourself.
 *
 * @example
 * ```ts
 * const { protectedHeader } = await jwtVerify(dpopProof, EmbeddedJWK);
 * ```
 */
export declare function EmbeddedJWK(protectedHeader?: JWSHeaderParameters | JWTHeaderParameters, token?: unknown): Promise<KeyLike>;

/** A JWS protected or unprotected header (any payload). */
export interface JWSHeaderParameters {
  alg?: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: string[];
  jwk?: JWK;
  [parameter: string]: unknown;
}
/** jose's JWS verify options. */
export interface VerifyOptions {
  /** Allowed `alg` values (default: what the key is bound to). */
  algorithms?: string[];
  /** Extensions you process, by name (`{ name: true }`); any other `crit` entry is refused. */
  crit?: Record<string, boolean>;
  /** Refuse tokens longer than this many bytes (default 64 KiB). Not a jose option. */
  maxTokenLength?: number;
}
/** A compact JWS's verified payload and protected header. */
export interface CompactVerifyResult {
  payload: Uint8Array;
  protectedHeader: JWSHeaderParameters & { alg: string };
}
/** A flattened (or general) JWS's verified payload and headers. */
export interface FlattenedVerifyResult extends CompactVerifyResult {
  unprotectedHeader?: JWSHeaderParameters;
}
/** A resolver for the JWS verify functions (jose's `GetKeyFunction`). */
export type JWSVerifyGetKey = (protectedHeader: JWSHeaderParameters, token: unknown) => KeyInput | Promise<KeyInput>;
/** A flattened JWS object (RFC 7515 §7.2.2). */
export interface FlattenedJWS {
  protected?: string;
  header?: JWSHeaderParameters;
  payload: string;
  signature: string;
}
/**
 * A flattened JWS as {@link flattenedVerify} takes it (jose's `FlattenedJWSInput`): under
 * `b64: false` (RFC 7797) `payload` is the raw payload, as a string or bytes.
 */
export interface FlattenedJWSInput {
  protected?: string;
  header?: JWSHeaderParameters;
  payload: string | Uint8Array;
  signature: string;
}
/** A general JWS object (RFC 7515 §7.2.1). */
export interface GeneralJWS {
  payload: string;
  signatures: { protected?: string; header?: JWSHeaderParameters; signature: string }[];
}

/**
 * Verifies a compact JWS whatever its payload (jose's `compactVerify`): header rules and the
 * signature, checked by the core; no claims are read. Every key input works in both builds: a
 * `CryptoKey` or `KeyObject` is used where it lives, and in the default build an ECDSA, RSA or
 * Ed25519 `KeyLike`, JWK or key set has its arithmetic done by `node:crypto` (Node) or WebCrypto
 * (elsewhere) while the core makes every decision.
 *
 * @example
 * ```ts
 * const { payload, protectedHeader } = await compactVerify(jws, publicKey);
 * console.log(new TextDecoder().decode(payload));
 * ```
 */
export declare function compactVerify(jws: string | Uint8Array, key: KeyInput | LocalJWKSet | RemoteJWKSet, options?: VerifyOptions): Promise<CompactVerifyResult>;
export declare function compactVerify(jws: string | Uint8Array, getKey: JWSVerifyGetKey, options?: VerifyOptions): Promise<CompactVerifyResult & ResolvedKey>;
/**
 * Verifies a flattened JWS (jose's `flattenedVerify`). `alg`, `crit`, `b64` and `kid` must be in
 * the protected header (jwtcore reads them from there only). Under `b64: false` (listed in `crit`,
 * RFC 7797) `payload` is the raw payload, a string or bytes: put a detached payload back there.
 *
 * @example
 * ```ts
 * const { payload } = await flattenedVerify(jws, publicKey);
 * // RFC 7797: the payload signed unencoded and sent separately.
 * const signed = await new FlattenedSign(bytes).setProtectedHeader({ alg: 'ES256', b64: false, crit: ['b64'] }).sign(privateKey);
 * await flattenedVerify({ ...signed, payload: bytes }, publicKey);
 * ```
 */
export declare function flattenedVerify(jws: FlattenedJWSInput, key: KeyInput | LocalJWKSet | RemoteJWKSet, options?: VerifyOptions): Promise<FlattenedVerifyResult>;
export declare function flattenedVerify(jws: FlattenedJWSInput, getKey: JWSVerifyGetKey, options?: VerifyOptions): Promise<FlattenedVerifyResult & ResolvedKey>;
/**
 * Verifies a general JWS (jose's `generalVerify`): the first signature that verifies decides.
 *
 * @example
 * ```ts
 * const { payload, protectedHeader } = await generalVerify(jws, publicKey);
 * ```
 */
export declare function generalVerify(jws: GeneralJWS, key: KeyInput | LocalJWKSet | RemoteJWKSet, options?: VerifyOptions): Promise<FlattenedVerifyResult>;
export declare function generalVerify(jws: GeneralJWS, getKey: JWSVerifyGetKey, options?: VerifyOptions): Promise<FlattenedVerifyResult & ResolvedKey>;

/**
 * jose's `CompactSign`: a compact JWS over any bytes, signed by the core.
 *
 * @example
 * ```ts
 * const jws = await new CompactSign(new TextEncoder().encode('hello')).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
 * ```
 */
export declare class CompactSign {
  constructor(payload: Uint8Array);
  /** The header; must name `alg`. Only once. */
  setProtectedHeader(protectedHeader: JWSHeaderParameters & { alg: string }): this;
  sign(key: KeyInput, options?: { crit?: Record<string, boolean> }): Promise<string>;
}
/**
 * jose's `FlattenedSign`: a flattened JWS object over any bytes, signed by the core.
 *
 * @example
 * ```ts
 * const jws = await new FlattenedSign(payload).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
 * ```
 */
export declare class FlattenedSign {
  constructor(payload: Uint8Array);
  setProtectedHeader(protectedHeader: JWSHeaderParameters & { alg: string }): this;
  /** Members the signature does not cover (never `alg`, `crit`, `b64` or `kid`). */
  setUnprotectedHeader(unprotectedHeader: JWSHeaderParameters): this;
  sign(key: KeyInput, options?: { crit?: Record<string, boolean> }): Promise<FlattenedJWS>;
}
/** One signature of a {@link GeneralSign} (jose's `Signature`). */
export interface GeneralSignature {
  setProtectedHeader(protectedHeader: JWSHeaderParameters & { alg: string }): GeneralSignature;
  setUnprotectedHeader(unprotectedHeader: JWSHeaderParameters): GeneralSignature;
  addSignature(key: KeyInput, options?: { crit?: Record<string, boolean> }): GeneralSignature;
  sign(): Promise<GeneralJWS>;
  done(): GeneralSign;
}
/**
 * jose's `GeneralSign`: one payload, several signatures.
 *
 * @example
 * ```ts
 * const jws = await new GeneralSign(payload).addSignature(k1).setProtectedHeader({ alg: 'ES256' }).sign();
 * ```
 */
export declare class GeneralSign {
  constructor(payload: Uint8Array);
  addSignature(key: KeyInput, options?: { crit?: Record<string, boolean> }): GeneralSignature;
  sign(): Promise<GeneralJWS>;
}

/** What {@link UnsecuredJWT.decode} returns. */
export interface UnsecuredResult<P = JWTPayload> {
  payload: P & JWTPayload;
  /** Always `{ alg: 'none' }` (or with more members). */
  header: JWSHeaderParameters;
}
/**
 * jose's `UnsecuredJWT`: `alg: "none"` tokens, encoded and decoded but never verified (no verify
 * function of this package accepts one).
 *
 * @example
 * ```ts
 * const unsecured = new UnsecuredJWT({ sub: 'alice' }).setIssuedAt().setExpirationTime('2h').encode();
 * const { payload } = UnsecuredJWT.decode(unsecured, { requiredClaims: ['sub'] });
 * ```
 */
export declare class UnsecuredJWT {
  constructor(payload?: JWTPayload);
  setIssuer(issuer: string): this;
  setSubject(subject: string): this;
  setAudience(audience: string | string[]): this;
  setJti(jwtId: string): this;
  setNotBefore(input: number | string | Date): this;
  setExpirationTime(input: number | string | Date): this;
  setIssuedAt(input?: number | string | Date): this;
  /** `header.payload.` with an empty signature. */
  encode(): string;
  /** Header and claims (validated against `options`); refuses a signature or any `alg` but `none`. */
  static decode<P = JWTPayload>(jwt: string, options?: Omit<JWTVerifyOptions, 'algorithms' | 'crit'>): UnsecuredResult<P>;
}

/** jose's `base64url` namespace: unpadded base64url (RFC 4648 §5). */
export declare namespace base64url {
  /**
   * Encodes bytes, or a string as UTF-8.
   * @example
   * ```ts
   * base64url.encode('Hello World!'); // 'SGVsbG8gV29ybGQh'
   * ```
   */
  function encode(input: Uint8Array | string): string;
  /**
   * Decodes base64url (standard base64's `+` and `/` are a TypeError).
   * @example
   * ```ts
   * base64url.decode('SGVsbG8gV29ybGQh');
   * ```
   */
  function decode(input: Uint8Array | string): Uint8Array;
}

/**
 * jose's `customFetch` option key for {@link createRemoteJWKSet}: a `fetch` replacement.
 *
 * @example
 * ```ts
 * createRemoteJWKSet(url, { [customFetch]: (url, init) => fetch(url, init) });
 * ```
 */
export declare const customFetch: unique symbol;
/**
 * jose's `jwksCache` option key for {@link createRemoteJWKSet}: `{ jwks, uat }` read when fresh
 * and updated in place after each fetch (persist it between serverless invocations).
 *
 * @example
 * ```ts
 * const cache: JWKSCacheInput = (await loadCache()) ?? {};
 * createRemoteJWKSet(url, { [jwksCache]: cache });
 * ```
 */
export declare const jwksCache: unique symbol;
/** The shared cache entry of {@link jwksCache}. */
export interface JWKSCacheInput {
  jwks?: JSONWebKeySet;
  /** When `jwks` was fetched, in ms since the epoch. */
  uat?: number;
}

/** JWE is not supported: rejects with `JOSENotSupported` (kept so jose code loads). */
export declare function compactDecrypt(...args: unknown[]): Promise<never>;
/** JWE is not supported: rejects with `JOSENotSupported`. */
export declare function flattenedDecrypt(...args: unknown[]): Promise<never>;
/** JWE is not supported: rejects with `JOSENotSupported`. */
export declare function generalDecrypt(...args: unknown[]): Promise<never>;
/** JWE is not supported: rejects with `JOSENotSupported`. */
export declare function jwtDecrypt(...args: unknown[]): Promise<never>;
/** JWE is not supported: the constructor throws `JOSENotSupported`. */
export declare class CompactEncrypt {
  constructor(...args: unknown[]);
}
/** JWE is not supported: the constructor throws `JOSENotSupported`. */
export declare class FlattenedEncrypt {
  constructor(...args: unknown[]);
}
/** JWE is not supported: the constructor throws `JOSENotSupported`. */
export declare class GeneralEncrypt {
  constructor(...args: unknown[]);
}
/** JWE is not supported: the constructor throws `JOSENotSupported`. */
export declare class EncryptJWT {
  constructor(...args: unknown[]);
}


/**
 * A JSON Web Key Set as jose's `createLocalJWKSet`, parsed by the core as a **public** set: `oct`
 * entries are skipped (a secret in a published set never verifies anything) and private members
 * dropped. When several keys fit a token (no `kid`, or a duplicate), each is tried.
 *
 * @example
 * ```ts
 * const JWKS = createLocalJWKSet(await (await fetch(jwksUrl)).json());
 * const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://idp.example', audience: 'api' });
 * ```
 */
export declare function createLocalJWKSet(jwks: JSONWebKeySet): LocalJWKSet;

/**
 * jose's `createRemoteJWKSet`: fetched with `fetch` (GET, no redirects), cached, refetched on an
 * unknown `kid` (with a cooldown). `timeoutDuration` bounds the whole response and
 * `maxResponseSize` its size; concurrent callers share one request.
 */
export declare function createRemoteJWKSet(url: URL, options?: RemoteJWKSetOptions): RemoteJWKSet;
/** Every error code of the core (`jwtcoreCode` values). */
export declare function errorCodes(): string[];
/** One row of the core's algorithm table (see {@link algorithms}). */
export interface AlgorithmInfo {
  /** The `alg` header value, e.g. `'ES256'`. */
  name: string;
  /** `'hmac'`, `'ec'`, `'okp'`, `'rsa'` (PKCS#1 v1.5) or `'rsa-pss'`. */
  family: 'hmac' | 'ec' | 'okp' | 'rsa' | 'rsa-pss';
  /** The JWK `kty` of its keys: `'oct'`, `'EC'`, `'OKP'` or `'RSA'`. */
  kty: string;
  /** The JWK `crv` (`'P-256'`, `'P-384'`, `'Ed25519'`), or null for `oct` and RSA keys. */
  crv: string | null;
  /** The hash in WebCrypto spelling (`'SHA-256'`), or null for EdDSA. */
  hash: string | null;
  /** The shortest HMAC secret in bytes the core accepts (RFC 7518 §3.2), or null if not HMAC. */
  hmac_min_key_len: number | null;
  /** Whether this build can bind a key to the algorithm. */
  supported: boolean;
}
/**
 * The core's algorithm table (`jwtcore::algorithms()`), the package's one source for which
 * algorithms exist and what keys they take.
 *
 * @example
 * ```ts
 * const hmac = algorithms().filter((a) => a.family === 'hmac').map((a) => a.name); // ['HS256', 'HS384', 'HS512']
 * ```
 */
export declare function algorithms(): AlgorithmInfo[];
/** `'jwtcore-wasm'` (jose: `'WebCryptoAPI'`). */
export declare const cryptoRuntime: string;
/** @internal The WebAssembly memory size in bytes (the package's own memory tests). */
export declare function _wasmMemoryBytes(): number;
/** @internal Runs a synchronous `fn` with the platform's crypto switched off (WebAssembly only; the package's own tests). */
export declare function _withoutPlatform<T>(fn: () => T): T;

/** jose's error classes: the same names and `code`s, plus `jwtcoreCode`. */
export declare namespace errors {
  /** Base class of every error a token, key or set can cause. */
  class JOSEError extends Error {
    static code: string;
    /** jose's error code, e.g. `ERR_JWT_EXPIRED`. */
    code: string;
    /** The core's error code (the same on the Rust, Python and JS surfaces). */
    jwtcoreCode?: string;
  }
  class JOSEAlgNotAllowed extends JOSEError {}
  class JOSENotSupported extends JOSEError {}
  class JWSInvalid extends JOSEError {}
  class JWSSignatureVerificationFailed extends JOSEError {}
  class JWTInvalid extends JOSEError {}
  /** A claim check failed; `claim` names it. */
  class JWTClaimValidationFailed extends JOSEError {
    claim: string;
    reason: 'missing' | 'check_failed' | 'invalid' | (string & {});
    /** The (verified) claims. */
    payload: JWTPayload | undefined;
  }
  /** `exp` passed, or `iat` older than `maxTokenAge` (not a subclass of JWTClaimValidationFailed, as in jose). */
  class JWTExpired extends JOSEError {
    claim: string;
    reason: string;
    payload: JWTPayload | undefined;
  }
  /** JWE is not supported; declared so jose code that names it compiles. */
  class JWEInvalid extends JOSEError {}
  /** JWE is not supported; declared so jose code that names it compiles. */
  class JWEDecryptionFailed extends JOSEError {}
  class JWKInvalid extends JOSEError {}
  class JWKSInvalid extends JOSEError {}
  class JWKSNoMatchingKey extends JOSEError {}
  class JWKSMultipleMatchingKeys extends JOSEError {}
  class JWKSTimeout extends JOSEError {}
  /** Session, cookie and refresh-token errors; `jwtcoreCode` says which check. */
  class SessionError extends JOSEError {}
}

/** Server-side sessions: IDs, signed cookies, storage keys, cookie headers, refresh-token families. */
export declare namespace session {
  /** 32 random bytes for a session MAC key or store pepper. */
  function generateSessionSecret(): Uint8Array;
  /** A new 256-bit session ID (43 base64url characters). */
  function newSessionId(): string;
  /**
   * The storage key (`s1:` + 64 hex) to store a session under, never the ID itself; `pepper` (a
   * secret kept outside the store) makes a leaked store useless for guessing IDs.
   * @throws {TypeError} an extra argument, an unknown option, or a pepper passed positionally.
   */
  function storageKey(sessionId: string, options?: { pepper?: Uint8Array }): string;
  /**
   * The value of cookie `name` in a Cookie header; `undefined` when absent (also when there is no
   * header), an error when sent twice.
   */
  function findCookie(cookieHeader: string | null | undefined, name: string): string | undefined;
  /** Session MAC keys: sign with `current`, verify with `current` and each of `previous`. */
  class SessionKeys {
    constructor(keys: { current: Uint8Array; previous?: Uint8Array[] });
    /** The signed cookie value (`id.tag`). */
    signCookie(name: string, sessionId: string): string;
    /** Verifies in constant time; `reissue` when a previous key matched. */
    verifyCookie(name: string, value: string): { sessionId: string; reissue: boolean };
    /**
     * A fresh CSRF token (64 characters) bound to the session stored under `storageKey` (what
     * {@link storageKey} returned, never the raw ID), tagged with the current key. The server keeps
     * nothing. Put {@link maskCsrfToken} of it in each page. `nonce` (16 bytes) is for test vectors.
     */
    csrfToken(storageKey: string, options?: { nonce?: Uint8Array }): string;
    /**
     * Verifies a CSRF token (masked or plain) against every key in constant time.
     * @returns `reissue`: a previous key matched; send a fresh token.
     * @throws {errors.SessionError} `session_csrf_malformed` / `session_csrf_mismatch` (answer 403).
     */
    verifyCsrf(storageKey: string, token: string | null | undefined): { reissue: boolean };
    free(): void;
    [Symbol.dispose](): void;
  }
  /**
   * The masked form (128 characters) of a CSRF token for one response: a fresh pad and the token
   * XOR the pad, so each page carries a different string (BREACH). `pad` (48 bytes) is for test vectors.
   */
  function maskCsrfToken(token: string, options?: { pad?: Uint8Array }): string;
  /** Whether two token strings (masked or plain) carry the same token, in constant time. */
  function sameCsrfToken(a: string, b: string): boolean;
  /** The request check's reason codes. */
  type RequestReason =
    | 'safe_method'
    | 'same_origin'
    | 'user_initiated'
    | 'same_site_listed'
    | 'origin_listed'
    | 'referer_listed'
    | 'no_origin'
    | 'null_origin'
    | 'cross_site'
    | 'same_site'
    | 'fetch_site_invalid'
    | 'origin_mismatch'
    | 'origin_null'
    | 'origin_missing'
    | 'referer_mismatch';
  /**
   * Where state-changing requests may come from. Safe methods (GET, HEAD, OPTIONS, TRACE) pass;
   * otherwise `Sec-Fetch-Site` decides (`same-origin`/`none` pass, `cross-site` is refused,
   * `same-site` only with `allowSameSite` and a listed Origin); without it, Origin must equal a
   * listed origin exactly (never a prefix), Referer's origin counts only when Origin is absent, and
   * a missing or `null` Origin is refused unless allowed.
   * @throws {errors.SessionError} `session_origin_config` for an allowed origin with a path or slash.
   */
  class RequestPolicy {
    constructor(options: {
      allowedOrigins: string[];
      allowSameSite?: boolean;
      allowMissingOrigin?: boolean;
      allowNullOrigin?: boolean;
    });
    check(request: {
      method: string;
      secFetchSite?: string | null;
      origin?: string | null;
      referer?: string | null;
    }): { allowed: boolean; reason: RequestReason };
    /** {@link RequestPolicy.check} for a Fetch API `Request` or a Node `IncomingMessage`. */
    checkRequest(request: {
      method: string;
      headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>;
    }): { allowed: boolean; reason: RequestReason };
    free(): void;
  }
  /** A validated cookie configuration; defaults `__Host-id; Path=/; Secure; HttpOnly; SameSite=Lax`. */
  class SessionCookie {
    constructor(options?: {
      name?: string;
      path?: string;
      domain?: string;
      secure?: boolean;
      httpOnly?: boolean;
      sameSite?: 'Strict' | 'Lax' | 'None';
      maxAge?: number;
      partitioned?: boolean;
    });
    /** The Set-Cookie header value that sends `value`. */
    serialize(value: string): string;
    /** The Set-Cookie header value that deletes the cookie. */
    clear(): string;
    free(): void;
  }
  /** What {@link RefreshFamilies} decided. */
  type RefreshOutcome = {
    kind: 'start' | 'rotate' | 'grace_retry' | 'reuse_detected' | 'reject';
    family: string;
    token?: string;
    record?: Uint8Array;
    expectVersion?: number;
    reason?: string;
  };
  /** Refresh-token families with rotation and reuse detection. */
  class RefreshFamilies {
    constructor(options: {
      current: Uint8Array;
      previous?: Uint8Array[];
      pepper?: Uint8Array;
      absolute?: number;
      idle?: number;
      grace?: number;
    });
    /** At login: a new family; insert `record` under `family` if absent. `now` is Unix seconds. */
    start(options?: { now?: number; binding?: Uint8Array }): RefreshOutcome;
    /** The family store key of an authentic token (to load its record). */
    familyOf(token: string): string;
    /**
     * Rotation, grace retry, reuse detection or rejection for a presented token. `now` is Unix
     * seconds (the clock when absent).
     * @throws {TypeError} a positional `now`, an unknown option or a mistyped value.
     */
    decide(record: Uint8Array, token: string, options?: { now?: number; binding?: Uint8Array }): RefreshOutcome;
    /**
     * The record revoked for `reason`, to persist (`now`: Unix seconds, the clock when absent).
     * @example
     * ```js
     * const revoked = families.revoke(record, { reason: 'logout' });
     * ```
     * @throws {TypeError} the former positional form `revoke(record, reason, now)`, an unknown reason.
     */
    revoke(record: Uint8Array, options: { reason: 'logout' | 'credential_change' | 'admin'; now?: number }): Uint8Array;
    free(): void;
  }
}
export { discoverJWKS, fetchOpenIdConfiguration, type OpenIdConfiguration } from './discovery.js';
