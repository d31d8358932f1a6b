// What jwtcore/express and jwtcore/hono share, framework-neutral: reading a bearer credential,
// turning a refusal into an RFC 6750 challenge, the CSRF decision for a session request, and the
// refresh exchange. Verdicts are the core's (jwtVerify, SessionKeys.verifyCsrf, RequestPolicy,
// RefreshService); this file only maps them to statuses, headers and bodies.
import { jwtVerify } from './api.js';
import { JOSEError, JWKSNoMatchingKey, SessionError } from './errors.js';
import { findCookie, SessionCookie } from './session.js';

/** A refusal to send as it is: status, headers, JSON body `{ error: code }`. */
export class HttpRefusal {
  constructor(status, code, headers = {}) {
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  get body() {
    return { error: this.code };
  }
}

// RFC 6750 §3: a bare `Bearer` when the request carried no credential; otherwise
// error="invalid_token" with jwtcore's code (snake_case ASCII: no escaping needed) as the description.
// A request no single token can be read from is RFC 6750 §3.1's `invalid_request` (400).
function challenge(realm, code, error = 'invalid_token') {
  const parts = [];
  if (realm !== undefined) parts.push(`realm="${String(realm).replace(/["\\]/g, '')}"`);
  if (code !== undefined) parts.push(`error="${error}"`, `error_description="${code}"`);
  return parts.length ? `Bearer ${parts.join(', ')}` : 'Bearer';
}

const malformed = (realm) =>
  new HttpRefusal(400, 'malformed_authorization', { 'WWW-Authenticate': challenge(realm, 'malformed_authorization', 'invalid_request') });

const VISIBLE = /^[\x21-\x7e]+$/;

/**
 * The token of an `Authorization: Bearer` header value (or an array of values), or an
 * HttpRefusal: `missing_token` (absent, another scheme; 401) or `malformed_authorization` (sent
 * twice, not visible ASCII; 400 `invalid_request`).
 */
export function bearerToken(value, realm) {
  if (Array.isArray(value)) {
    if (value.length > 1) return malformed(realm);
    value = value[0];
  }
  if (value === undefined || value === null || value === '') return new HttpRefusal(401, 'missing_token', { 'WWW-Authenticate': challenge(realm) });
  // Fetch joins repeated headers with ", ": a comma can never be part of a JWT.
  if (value.includes(',')) return malformed(realm);
  const m = /^Bearer +(\S+) *$/i.exec(value);
  if (!m) return new HttpRefusal(401, 'missing_token', { 'WWW-Authenticate': challenge(realm) });
  if (!VISIBLE.test(m[1])) return malformed(realm);
  return m[1];
}

/**
 * Verifies the bearer credential: `{ payload, protectedHeader, token }`, or an HttpRefusal (401)
 * when the core refuses the token. Errors that are not about the token (a JWKS endpoint down)
 * are thrown: they are the server's failure, not the client's.
 */
export async function verifyBearer(authorization, { key, verify = {}, realm, isRevoked } = {}) {
  if (key === undefined) throw new TypeError('bearer: pass `key` (a key, a JWKS from createLocalJWKSet/createRemoteJWKSet/discoverJWKS, or a resolver)');
  const token = bearerToken(authorization, realm);
  if (token instanceof HttpRefusal) return token;
  let result;
  try {
    result = await jwtVerify(token, key, verify);
  } catch (e) {
    const code = e?.jwtcoreCode ?? (e instanceof JWKSNoMatchingKey ? 'no_matching_key' : undefined);
    if (code === undefined || !(e instanceof JOSEError)) throw e;
    return new HttpRefusal(401, code, { 'WWW-Authenticate': challenge(realm, code) });
  }
  // A revocation check (e.g. RedisStore.isDenied on iss/jti/sid), after the signature and claims.
  if (isRevoked && (await isRevoked(result.payload))) {
    return new HttpRefusal(401, 'token_revoked', { 'WWW-Authenticate': challenge(realm, 'token_revoked') });
  }
  return { payload: result.payload, protectedHeader: result.protectedHeader, token };
}

/**
 * The live session named by the Cookie header, `null`, or an HttpRefusal (400) when the cookie
 * name is sent twice (cookie tossing: which one the app would read is ambiguous).
 */
export async function loadSession(sessions, cookieHeader) {
  try {
    return await sessions.load(cookieHeader);
  } catch (e) {
    if (e instanceof SessionError) return new HttpRefusal(400, e.jwtcoreCode ?? 'session_cookie_duplicate');
    throw e;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * The CSRF decision for a request on a loaded session: undefined to proceed, or an HttpRefusal
 * (403). `policy` (a RequestPolicy) checks Fetch Metadata / Origin first; then unsafe methods on a
 * session must carry the session-bound token (header `csrfHeader`, masked or plain).
 */
export function csrfRefusal({ method, header, session, keys, policy, checkToken = true }) {
  if (policy) {
    const v = policy.check({ method, secFetchSite: header('sec-fetch-site'), origin: header('origin'), referer: header('referer') });
    if (!v.allowed) return new HttpRefusal(403, v.reason);
  }
  if (!checkToken || SAFE.has(String(method).toUpperCase()) || !session) return undefined;
  try {
    keys.verifyCsrf(session.key, header('x-csrf-token') ?? undefined);
  } catch (e) {
    if (e instanceof SessionError) return new HttpRefusal(403, e.jwtcoreCode ?? 'session_csrf_mismatch');
    throw e;
  }
  return undefined;
}

/** The refresh-token cookie: `__Host-refresh`, HttpOnly, Secure, SameSite=Strict, Path=/ by default. */
export function refreshCookie(options = {}) {
  const o = { name: '__Host-refresh', sameSite: 'Strict', ...options };
  return { name: o.name, cookie: new SessionCookie(o) };
}

/**
 * The refresh exchange: the token from the refresh cookie, the service's persisted outcome.
 * `{ status: 200, setCookie, outcome }` on rotation (send `setCookie`), or an HttpRefusal (401)
 * that clears the cookie: `missing_token`, the core's rejection reason, or
 * `refresh_reuse_detected` (the family is now revoked, its access tokens denied with `accessTtl`).
 */
export async function exchangeRefresh(cookieHeader, { service, cookie, binding }) {
  let token;
  try {
    token = cookieHeader ? findCookie(cookieHeader, cookie.name) : undefined;
  } catch (e) {
    if (e instanceof SessionError) return new HttpRefusal(401, e.jwtcoreCode ?? 'session_cookie_duplicate', { 'Set-Cookie': cookie.cookie.clear() });
    throw e;
  }
  if (token === undefined) return new HttpRefusal(401, 'missing_token', { 'Set-Cookie': cookie.cookie.clear() });
  const outcome = await service.refresh(token, { binding });
  if (outcome.token === undefined) {
    return new HttpRefusal(401, outcome.reason ?? outcome.kind, { 'Set-Cookie': cookie.cookie.clear() });
  }
  return { status: 200, setCookie: cookie.cookie.serialize(outcome.token), outcome };
}
