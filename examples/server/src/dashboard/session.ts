import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { sameSecret } from '../auth';

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = 'lbx_session';

/** How long a session lasts (seconds): a working day. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** A dashboard session, as its signed cookie carries it. */
export interface Session {
  /** Random id (128 bits); the CSRF token is derived from it. */
  id: string;
  /** Logged in with `API_TOKEN` (always `false` when no token is configured: nothing to log in to). */
  authenticated: boolean;
  /** Epoch seconds. */
  expiresAt: number;
  /** The token every form of this session carries (`_csrf`): an HMAC of the session id. */
  csrf: string;
}

/**
 * Dashboard sessions in a signed cookie (HMAC-SHA256, `hono/cookie`): `HttpOnly`, `SameSite=Strict`, path
 * `/ui`, `Secure` behind HTTPS. The cookie holds a random session id, the login flag and the expiry — never the
 * token. The signing key is derived from `API_TOKEN` (so every replica accepts the cookie, and changing the
 * token logs everyone out); without a token it is random per process. The CSRF token is a second HMAC of the
 * session id (a synchronizer token that needs no server-side state).
 */
export interface Sessions {
  /** `true` when `API_TOKEN` is set: pages need a logged-in session. */
  readonly loginRequired: boolean;
  /** The request's valid, unexpired session, or `null`. */
  read(c: Context): Promise<Session | null>;
  /** Start a new session (a new id: a login never keeps the id it had before) and set its cookie. */
  start(c: Context, authenticated: boolean): Promise<Session>;
  /** Forget the request's session (the cookie is cleared). */
  end(c: Context): void;
  /** `true` when `candidate` is the configured `API_TOKEN` (constant time). */
  checkToken(candidate: string): boolean;
  /** `true` when `candidate` is `session`'s CSRF token (constant time). */
  csrfMatches(session: Session, candidate: string): boolean;
}

/** Create the {@link Sessions} for `apiToken` (`null`: no login, sessions only carry CSRF tokens). */
export function createSessions(apiToken: string | null, now: () => number = Date.now): Sessions {
  const secret =
    apiToken === null
      ? randomBytes(32).toString('hex')
      : createHmac('sha256', apiToken).update('lbx dashboard session v1').digest('hex');
  const csrfOf = (id: string) => createHmac('sha256', secret).update(`csrf:${id}`).digest('base64url');
  const secure = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return {
    loginRequired: apiToken !== null,
    async read(c) {
      const value = await getSignedCookie(c, secret, SESSION_COOKIE);
      if (typeof value !== 'string') return null;
      const match = /^([01])\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(value);
      if (!match) return null;
      const expiresAt = Number(match[2]);
      if (expiresAt * 1000 <= now()) return null;
      const id = match[3] as string;
      return { id, authenticated: match[1] === '1' && apiToken !== null, expiresAt, csrf: csrfOf(id) };
    },
    async start(c, authenticated) {
      const id = randomBytes(16).toString('base64url');
      const expiresAt = Math.floor(now() / 1000) + SESSION_MAX_AGE_S;
      await setSignedCookie(c, SESSION_COOKIE, `${authenticated ? 1 : 0}.${expiresAt}.${id}`, secret, {
        path: '/ui',
        httpOnly: true,
        sameSite: 'Strict',
        secure: secure(c),
        maxAge: SESSION_MAX_AGE_S,
      });
      return { id, authenticated, expiresAt, csrf: csrfOf(id) };
    },
    end(c) {
      deleteCookie(c, SESSION_COOKIE, { path: '/ui', httpOnly: true, sameSite: 'Strict', secure: secure(c) });
    },
    checkToken: (candidate) => apiToken !== null && sameSecret(candidate, apiToken),
    csrfMatches(session, candidate) {
      const expected = Buffer.from(session.csrf);
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
