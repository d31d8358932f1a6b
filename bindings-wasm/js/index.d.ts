// Types of the npm package `jwtcore` (jose-compatible where names match jose's).

export type JWTPayload = {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  jti?: string;
  nbf?: number;
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
};

export type JWTHeaderParameters = {
  alg: string;
  typ?: string;
  kid?: string;
  cty?: string;
  crit?: string[];
  [parameter: string]: unknown;
};

export type JWK = {
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
};

/** A key held in WebAssembly memory; free it with `free()` (a FinalizationRegistry is the fallback). */
export declare class KeyLike {
  private constructor();
  readonly type: 'secret' | 'public' | 'private';
  readonly algorithm: string;
  readonly kid: string | undefined;
  free(): void;
  [Symbol.dispose](): void;
}

/** Anything a verify or sign call accepts as a key. */
export type KeyInput = KeyLike | Uint8Array | JWK | { export(options: { format: 'jwk' }): JWK; type: string };

export interface JWTVerifyOptions {
  algorithms?: string[];
  audience?: string | string[];
  issuer?: string | string[];
  subject?: string;
  typ?: string;
  clockTolerance?: string | number;
  maxTokenAge?: string | number;
  currentDate?: Date;
  requiredClaims?: string[];
  crit?: Record<string, boolean>;
}

export interface JWTVerifyResult<P = JWTPayload> {
  payload: P & JWTPayload;
  protectedHeader: JWTHeaderParameters;
}

export interface ResolvedKey<K = KeyInput> {
  key: K;
}

export type JWTVerifyGetKey = (
  protectedHeader: JWTHeaderParameters,
  token: { payload: string; signature: string },
) => KeyInput | Promise<KeyInput>;

export interface LocalJWKSet extends JWTVerifyGetKey {
  (protectedHeader?: JWTHeaderParameters, token?: unknown): Promise<KeyLike>;
  jwks(): { keys: JWK[] };
}

export declare function jwtVerify<P = JWTPayload>(
  jwt: string | Uint8Array,
  key: KeyInput | LocalJWKSet,
  options?: JWTVerifyOptions,
): Promise<JWTVerifyResult<P>>;
export declare function jwtVerify<P = JWTPayload>(
  jwt: string | Uint8Array,
  getKey: JWTVerifyGetKey,
  options?: JWTVerifyOptions,
): Promise<JWTVerifyResult<P> & ResolvedKey>;

/** The synchronous fast path of jwtVerify (a resolver must return its key synchronously). */
export declare function jwtVerifySync<P = JWTPayload>(
  jwt: string | Uint8Array,
  key: KeyInput | LocalJWKSet | JWTVerifyGetKey,
  options?: JWTVerifyOptions,
): JWTVerifyResult<P>;

export declare function decodeJwt<P = JWTPayload>(jwt: string): P & JWTPayload;
export declare function decodeProtectedHeader(token: string): JWTHeaderParameters;

export declare class SignJWT {
  constructor(payload?: JWTPayload);
  setProtectedHeader(protectedHeader: JWTHeaderParameters): this;
  setIssuer(issuer: string): this;
  setSubject(subject: string): this;
  setAudience(audience: string | string[]): this;
  setJti(jwtId: string): this;
  setNotBefore(input: number | string | Date): this;
  setExpirationTime(input: number | string | Date): this;
  setIssuedAt(input?: number | string | Date): this;
  sign(key: KeyInput): Promise<string>;
  signSync(key: KeyInput): string;
}

/** Signs `payload` with `protectedHeader` (must name `alg`), synchronously. */
export declare function signSync(payload: JWTPayload, key: KeyInput, protectedHeader: JWTHeaderParameters): string;

export declare function importJWK(jwk: JWK, alg?: string): Promise<KeyLike>;
export declare function importJWKSync(jwk: JWK, alg?: string): KeyLike;
export declare function importSPKI(spki: string, alg: string): Promise<KeyLike>;
export declare function importPKCS8(pkcs8: string, alg: string): Promise<KeyLike>;
export declare function exportJWK(key: KeyLike | Uint8Array): Promise<JWK>;
export declare function generateSecret(alg: 'HS256' | 'HS384' | 'HS512' | string): Promise<KeyLike>;
export declare function generateKeyPair(alg: 'ES256' | 'ES384' | 'EdDSA' | 'Ed25519' | string): Promise<{ privateKey: KeyLike; publicKey: KeyLike }>;
export declare function calculateJwkThumbprint(key: KeyInput): Promise<string>;
export declare function createLocalJWKSet(jwks: { keys: JWK[] }): LocalJWKSet;
export interface RemoteJWKSetOptions {
  timeoutDuration?: number;
  cooldownDuration?: number;
  cacheMaxAge?: number;
  headers?: Record<string, string>;
}
export interface RemoteJWKSet extends LocalJWKSet {
  readonly coolingDown: boolean;
  readonly fresh: boolean;
  readonly reloading: boolean;
  reload(): Promise<void>;
  jwks(): { keys: JWK[] } | undefined;
}
/** jose's createRemoteJWKSet: fetched with `fetch`, cached, refetched on an unknown kid (with a cooldown). */
export declare function createRemoteJWKSet(url: URL, options?: RemoteJWKSetOptions): RemoteJWKSet;
export declare function errorCodes(): string[];
export declare const cryptoRuntime: string;

export declare namespace errors {
  class JOSEError extends Error {
    static code: string;
    code: string;
    /** The core's error code (the same on the Rust, Python and JS surfaces). */
    jwtcoreCode?: string;
  }
  class JOSEAlgNotAllowed extends JOSEError {}
  class JOSENotSupported extends JOSEError {}
  class JWSInvalid extends JOSEError {}
  class JWSSignatureVerificationFailed extends JOSEError {}
  class JWTInvalid extends JOSEError {}
  class JWTClaimValidationFailed extends JOSEError {
    claim: string;
    reason: 'missing' | 'check_failed' | 'invalid' | string;
    payload: JWTPayload | undefined;
  }
  class JWTExpired extends JOSEError {
    claim: string;
    reason: string;
    payload: JWTPayload | undefined;
  }
  class JWKInvalid extends JOSEError {}
  class JWKSInvalid extends JOSEError {}
  class JWKSNoMatchingKey extends JOSEError {}
  class JWKSMultipleMatchingKeys extends JOSEError {}
  class JWKSTimeout extends JOSEError {}
  class SessionError extends JOSEError {}
}

export declare namespace session {
  function generateSessionSecret(): Uint8Array;
  function newSessionId(): string;
  function storageKey(sessionId: string, pepper?: Uint8Array): string;
  function findCookie(cookieHeader: string, name: string): string | undefined;
  class SessionKeys {
    constructor(keys: { current: Uint8Array; previous?: Uint8Array[] });
    signCookie(name: string, sessionId: string): string;
    verifyCookie(name: string, value: string): { sessionId: string; reissue: boolean };
    free(): void;
  }
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
    serialize(value: string): string;
    clear(): string;
    free(): void;
  }
  type RefreshOutcome = {
    kind: 'start' | 'rotate' | 'grace_retry' | 'reuse_detected' | 'reject';
    family: string;
    token?: string;
    record?: Uint8Array;
    expectVersion?: number;
    reason?: string;
  };
  class RefreshFamilies {
    constructor(options: {
      current: Uint8Array;
      previous?: Uint8Array[];
      pepper?: Uint8Array;
      absolute?: number;
      idle?: number;
      grace?: number;
    });
    start(options?: { now?: number; binding?: Uint8Array }): RefreshOutcome;
    familyOf(token: string): string;
    decide(record: Uint8Array, token: string, options?: { now?: number; binding?: Uint8Array }): RefreshOutcome;
    revoke(record: Uint8Array, reason: 'logout' | 'credential_change' | 'admin', now?: number): Uint8Array;
    free(): void;
  }
}
