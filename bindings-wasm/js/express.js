// jwtcore/express: bearer, session and refresh middleware for Express 4/5 (an optional peer
// dependency; nothing here imports express itself). Each converts the request for js/http.js and
// its answer back; the verdicts are the core's.
import 'jwtcore'; // loads the WebAssembly module through the runtime's entry
import { HttpRefusal, csrfRefusal, exchangeRefresh, loadSession, refreshCookie, verifyBearer } from './http.js';

export { HttpRefusal } from './http.js';

function refuse(res, r) {
  for (const [k, v] of Object.entries(r.headers)) res.append(k, v);
  res.status(r.status).json(r.body);
}

const headerOf = (req) => (name) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

// Node joins repeated Authorization headers into one string on most versions: take the raw list.
function authorizationValues(req) {
  const raw = req.rawHeaders;
  if (!Array.isArray(raw)) return req.headers.authorization;
  const values = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === 'authorization') values.push(raw[i + 1]);
  return values.length ? values : undefined;
}

/**
 * Bearer middleware: verifies `Authorization: Bearer <jwt>` and puts `{ payload, protectedHeader,
 * token }` on `req.auth`; answers 401 with an RFC 6750 `WWW-Authenticate` (jwtcore's code as
 * `error_description`) and `{ error: code }` otherwise.
 */
export function bearer(options) {
  return async (req, res, next) => {
    try {
      const r = await verifyBearer(authorizationValues(req), options);
      if (r instanceof HttpRefusal) return refuse(res, r);
      req.auth = r;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * Session middleware over a `Sessions` (jwtcore/stores or jwtcore/redis): `req.session` is the
 * live session or `null`, renewed/re-signed cookies are sent, and `req.sessions` offers
 * `login(user, data)`, `logout()` and `csrfToken()` (each sets the response cookie itself).
 * CSRF: unsafe methods on a session need the `x-csrf-token` header (`csrf: false` to turn off);
 * `policy` (a `RequestPolicy`) adds the Fetch Metadata / Origin check. Refusals are 403.
 */
export function session({ sessions, csrf = true, policy }) {
  return async (req, res, next) => {
    try {
      const header = headerOf(req);
      const s = await loadSession(sessions, header('cookie'));
      if (s instanceof HttpRefusal) return refuse(res, s);
      if (s?.setCookie) res.append('Set-Cookie', s.setCookie);
      const r = csrfRefusal({ method: req.method, header, session: s, keys: sessions.keys, policy, checkToken: csrf });
      if (r) return refuse(res, r);
      req.session = s;
      req.sessions = {
        login: async (user, data) => {
          const { setCookie, sessionId } = await sessions.create(user, data);
          res.append('Set-Cookie', setCookie);
          req.session = await sessions.load(setCookie.split(';')[0]);
          return sessionId;
        },
        logout: async () => {
          res.append('Set-Cookie', await sessions.logout(header('cookie')));
          req.session = null;
        },
        save: () => (req.session ? sessions.save(req.session) : Promise.resolve(false)),
        csrfToken: () => (req.session ? sessions.csrfToken(req.session) : undefined),
      };
      next();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * A refresh route: exchanges the refresh-token cookie through `service` (a `RefreshService`).
 * On rotation the new cookie is set and `issue(outcome, req)` (your access-token minting) gives
 * the JSON body; a replayed token is `401 { error: 'refresh_reuse_detected' }` and its family
 * is revoked; every refusal clears the cookie.
 */
export function refreshHandler({ service, cookie, issue = () => ({}) }) {
  const c = refreshCookie(cookie);
  return async (req, res, next) => {
    try {
      const r = await exchangeRefresh(headerOf(req)('cookie'), { service, cookie: c });
      if (r instanceof HttpRefusal) return refuse(res, r);
      res.append('Set-Cookie', r.setCookie);
      res.status(200).json(await issue(r.outcome, req));
    } catch (e) {
      next(e);
    }
  };
}

/** The Set-Cookie value carrying a refresh token (after `RefreshService.start` at login). */
export function refreshSetCookie(token, cookie) {
  return refreshCookie(cookie).cookie.serialize(token);
}
