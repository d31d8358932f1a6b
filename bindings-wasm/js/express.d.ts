// Types of `jwtcore/express`. Structural request/response types, so these compile without
// @types/express; Express 4 and 5 objects satisfy them.
import type { JWTPayload } from './index.js';
import type { CookieOptions, Session } from './stores.js';
import type { BearerAuth, BearerOptions, RefreshHandlerOptions, SessionControl, SessionOptions } from './http.js';
export type { BearerAuth, BearerOptions, RefreshHandlerOptions, SessionControl, SessionOptions } from './http.js';
export { HttpRefusal } from './http.js';

/** The parts of an Express request the middleware reads and sets. */
export interface Request {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders?: string[];
  /** Set by {@link bearer}. */
  auth?: BearerAuth<JWTPayload>;
  /** Set by {@link session}: the live session or `null`. */
  session?: Session | null;
  /** Set by {@link session}. */
  sessions?: SessionControl;
}
/** The parts of an Express response the middleware uses. */
export interface Response {
  append(field: string, value: string): unknown;
  status(code: number): Response;
  json(body: unknown): unknown;
}
export type NextFunction = (err?: unknown) => void;
export type Middleware = (req: any, res: any, next: NextFunction) => Promise<void>;

/**
 * Verifies `Authorization: Bearer <jwt>`; the result is `req.auth`. Otherwise `401` with an
 * RFC 6750 `WWW-Authenticate` (`Bearer error="invalid_token", error_description="<jwtcore code>"`,
 * or a bare `Bearer` without a credential) and `{ error: code }`; two `Authorization` headers or
 * a non-ASCII one: `400` with `error="invalid_request"` (RFC 6750 §3.1). Failures that are not the
 * token's (an unreachable JWKS) go to `next(err)`.
 *
 * @example
 * ```js
 * app.get('/me', bearer({ key: JWKS, verify: { issuer: 'https://idp.example' } }), (req, res) => res.json(req.auth.payload));
 * ```
 */
export declare function bearer(options: BearerOptions): Middleware;

/**
 * Loads the session named by the signed cookie into `req.session` (or `null`), sends renewed
 * cookies, and gives `req.sessions` (`login`, `logout`, `save`, `csrfToken`). Unsafe methods on
 * a session need `x-csrf-token` (403 `{ error: code }` otherwise); the cookie
 * sent twice is `400 session_cookie_duplicate`.
 *
 * @example
 * ```js
 * app.use(session({ sessions }));
 * app.post('/login', async (req, res) => { await req.sessions.login('alice'); res.json({ ok: true }); });
 * ```
 */
export declare function session(options: SessionOptions): Middleware;

/**
 * A refresh route: rotates the refresh-token cookie through the `RefreshService`; `issue` builds
 * the body. A replayed token: `401 { error: 'refresh_reuse_detected' }`, the family revoked.
 *
 * @example
 * ```js
 * app.post('/refresh', refreshHandler({ service, issue: async () => ({ access: await mintAccessToken() }) }));
 * ```
 */
export declare function refreshHandler(options: RefreshHandlerOptions<any>): Middleware;

/** The Set-Cookie value carrying a refresh token (after `RefreshService.start` at login). */
export declare function refreshSetCookie(token: string, cookie?: CookieOptions): string;
