// jwtcore/hono: bearer, session and refresh middleware for Hono (an optional peer dependency;
// nothing here imports hono itself), on Node, Workers, Deno or Bun. Each converts the request for
// js/http.js and its answer back; the verdicts are the core's.
import 'jwtcore'; // loads the WebAssembly module through the runtime's entry
import { HttpRefusal, csrfRefusal, exchangeRefresh, loadSession, refreshCookie, verifyBearer } from './http.js';

export { HttpRefusal } from './http.js';

function refuse(c, r) {
  for (const [k, v] of Object.entries(r.headers)) c.header(k, v, { append: true });
  return c.json(r.body, r.status);
}

/**
 * Bearer middleware: verifies `Authorization: Bearer <jwt>`; the claims are `c.get('jwt')` and the
 * whole result `c.get('auth')`. Otherwise 401 with an RFC 6750 `WWW-Authenticate` (jwtcore's code
 * as `error_description`) and `{ error: code }`.
 */
export function bearer(options) {
  return async (c, next) => {
    const r = await verifyBearer(c.req.header('authorization'), options);
    if (r instanceof HttpRefusal) return refuse(c, r);
    c.set('jwt', r.payload);
    c.set('auth', r);
    await next();
  };
}

/**
 * Session middleware over a `Sessions`: `c.get('session')` is the live session or `null`, and
 * `c.get('sessions')` offers `login(user, data)`, `logout()`, `save()` and `csrfToken()`.
 * CSRF as in jwtcore/express (`x-csrf-token` on unsafe methods; `policy` for Fetch Metadata /
 * Origin); refusals are 403.
 */
export function session({ sessions, csrf = true, policy }) {
  return async (c, next) => {
    const header = (n) => c.req.header(n);
    let s = await loadSession(sessions, header('cookie'));
    if (s instanceof HttpRefusal) return refuse(c, s);
    // Headers set before the handler builds its response are merged into it.
    const cookie = (v) => c.header('Set-Cookie', v, { append: true });
    if (s?.setCookie) cookie(s.setCookie);
    const r = csrfRefusal({ method: c.req.method, header, session: s, keys: sessions.keys, policy, checkToken: csrf });
    if (r) return refuse(c, r);
    c.set('session', s);
    c.set('sessions', {
      login: async (user, data) => {
        const { setCookie, sessionId } = await sessions.create(user, data);
        cookie(setCookie);
        s = await sessions.load(setCookie.split(';')[0]);
        c.set('session', s);
        return sessionId;
      },
      logout: async () => {
        cookie(await sessions.logout(header('cookie')));
        c.set('session', null);
      },
      save: () => (s ? sessions.save(s) : Promise.resolve(false)),
      csrfToken: () => (s ? sessions.csrfToken(s) : undefined),
    });
    await next();
  };
}

/**
 * A refresh route handler: exchanges the refresh-token cookie through `service`; on rotation the
 * new cookie is set and `issue(outcome, c)` gives the JSON body; a replay is
 * `401 { error: 'refresh_reuse_detected' }` (family revoked); refusals clear the cookie.
 */
export function refreshHandler({ service, cookie, issue = () => ({}) }) {
  const rc = refreshCookie(cookie);
  return async (c) => {
    const r = await exchangeRefresh(c.req.header('cookie'), { service, cookie: rc });
    if (r instanceof HttpRefusal) return refuse(c, r);
    c.header('Set-Cookie', r.setCookie, { append: true });
    return c.json(await issue(r.outcome, c), 200);
  };
}

/** The Set-Cookie value carrying a refresh token (after `RefreshService.start` at login). */
export function refreshSetCookie(token, cookie) {
  return refreshCookie(cookie).cookie.serialize(token);
}
