// Types shared by `jwtcore/express` and `jwtcore/hono`.
import type { JWTHeaderParameters, JWTPayload, JWTVerifyOptions, KeyInput, JWTVerifyGetKey, session } from './index.js';
import type { CookieOptions, RefreshService, Sessions, Session } from './stores.js';

/** A refusal the middleware sends: status, headers (e.g. `WWW-Authenticate`), body `{ error: code }`. */
export declare class HttpRefusal {
  readonly status: number;
  /** jwtcore's code (`expired`, `signature_invalid`, …) or `missing_token` / `malformed_authorization`. */
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly body: { error: string };
}

/** Options of the bearer middleware. */
export interface BearerOptions {
  /** A key, a JWKS (`createLocalJWKSet`, `createRemoteJWKSet`, `discoverJWKS`) or a resolver. */
  key: KeyInput | JWTVerifyGetKey;
  /** `jwtVerify` options: `issuer`, `audience`, `algorithms`, `clockTolerance`, … */
  verify?: JWTVerifyOptions;
  /** The `realm` of the challenge. */
  realm?: string;
  /** Called after the core accepted the token; true refuses it as `token_revoked` (e.g. a denylist). */
  isRevoked?: (payload: JWTPayload) => boolean | Promise<boolean>;
}

/** What the bearer middleware found: the verified claims and header, and the token. */
export interface BearerAuth<P = JWTPayload> {
  payload: P & JWTPayload;
  protectedHeader: JWTHeaderParameters;
  token: string;
}

/** Options of the session middleware. */
export interface SessionOptions {
  sessions: Sessions;
  /** Require the session-bound `x-csrf-token` header on unsafe methods (default true). */
  csrf?: boolean;
  /** Fetch Metadata / Origin check for every request. */
  policy?: session.RequestPolicy;
}

/** What the session middleware offers a handler; each call sets the response cookie itself. */
export interface SessionControl {
  /** Starts a fresh session (never an ID the client sent); returns its ID. */
  login(user: string, data?: Record<string, unknown>): Promise<string>;
  /** Ends the session named by the request's cookie (also one renamed by a racing request). */
  logout(): Promise<void>;
  /** Writes the session's data back. */
  save(): Promise<boolean>;
  /** A CSRF token bound to the session, for forms and `x-csrf-token`. */
  csrfToken(): string | undefined;
}

/** Options of the refresh handler. */
export interface RefreshHandlerOptions<Ctx> {
  service: RefreshService;
  /** The refresh cookie (default `__Host-refresh`, HttpOnly, Secure, SameSite=Strict, Path=/). */
  cookie?: CookieOptions;
  /** The JSON body on rotation, typically a fresh access token. */
  issue?: (outcome: session.RefreshOutcome, ctx: Ctx) => unknown;
}

export type { Session };
