// Types of `jwtcore/hono` (hono is an optional peer dependency; these need it installed).
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { JWTPayload } from './index.js';
import type { CookieOptions, Session } from './stores.js';
import type { BearerAuth, BearerOptions, RefreshHandlerOptions, SessionControl, SessionOptions } from './http.js';
export type { BearerAuth, BearerOptions, RefreshHandlerOptions, SessionControl, SessionOptions } from './http.js';
export { HttpRefusal } from './http.js';

/** The context variables the middleware sets (`new Hono<{ Variables: JwtcoreVariables }>()`). */
export interface JwtcoreVariables {
  /** The verified claims ({@link bearer}). */
  jwt: JWTPayload;
  /** The verified claims, header and token ({@link bearer}). */
  auth: BearerAuth<JWTPayload>;
  /** The live session or `null` ({@link session}). */
  session: Session | null;
  /** Session controls ({@link session}). */
  sessions: SessionControl;
}

/**
 * Verifies `Authorization: Bearer <jwt>`: claims in `c.get('jwt')`. Otherwise `401` with an
 * RFC 6750 `WWW-Authenticate` carrying jwtcore's code and `{ error: code }` (`400 invalid_request` when no
 * single token can be read: two headers, non-ASCII).
 *
 * @example
 * ```js
 * app.get('/me', bearer({ key: JWKS }), (c) => c.json(c.get('jwt')));
 * ```
 */
export declare function bearer(options: BearerOptions): MiddlewareHandler<{ Variables: JwtcoreVariables }>;

/**
 * Loads the session named by the signed cookie into `c.get('session')` and gives
 * `c.get('sessions')` (`login`, `logout`, `save`, `csrfToken`); unsafe methods on a session need
 * `x-csrf-token` (403 otherwise); the cookie sent twice is `400 session_cookie_duplicate`.
 *
 * @example
 * ```js
 * app.use(session({ sessions }));
 * ```
 */
export declare function session(options: SessionOptions): MiddlewareHandler<{ Variables: JwtcoreVariables }>;

/**
 * A refresh route: rotates the refresh-token cookie; a replay is `401 refresh_reuse_detected`
 * and the family is revoked.
 *
 * @example
 * ```js
 * app.post('/refresh', refreshHandler({ service }));
 * ```
 */
export declare function refreshHandler(options: RefreshHandlerOptions<Context>): Handler;

/** The Set-Cookie value carrying a refresh token (after `RefreshService.start` at login). */
export declare function refreshSetCookie(token: string, cookie?: CookieOptions): string;
