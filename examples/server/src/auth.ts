import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

/**
 * The characters a bearer token may have (RFC 6750 `b64token`); `hono/bearer-auth` refuses any other, so
 * `API_TOKEN` is checked against it at start-up.
 */
export const BEARER_TOKEN_PATTERN = /^[A-Za-z0-9._~+/-]+=*$/;

/**
 * Middleware requiring `Authorization: Bearer <token>` (`hono/bearer-auth`). The comparison takes the same
 * time whatever the candidate: both sides are hashed to fixed-length SHA-256 digests and compared with
 * `crypto.timingSafeEqual`. A missing or malformed header and a wrong token all answer 401 with a JSON
 * `detail`. `token === null` lets every request through: the server then only listens on loopback (see
 * `loadServerConfig`).
 */
export function requireBearer(token: string | null): MiddlewareHandler {
  if (token === null) return (_c, next) => next();
  const expected = digest(token);
  const notAuthenticated = (c: Context) =>
    c.json({ detail: 'Not authenticated: send the header "Authorization: Bearer <API_TOKEN>".' }, 401);
  return bearerAuth({
    verifyToken: (candidate) => timingSafeEqual(digest(candidate), expected),
    noAuthenticationHeader: { message: notAuthenticated, wwwAuthenticateHeader: 'Bearer' },
    invalidAuthenticationHeader: { message: notAuthenticated, wwwAuthenticateHeader: 'Bearer' },
    invalidToken: {
      message: (c: Context) => c.json({ detail: 'Invalid API token.' }, 401),
      wwwAuthenticateHeader: 'Bearer error="invalid_token"',
    },
  });
}

/**
 * Whether `given` equals the secret `expected`, in a time that does not depend on where they differ or on their
 * lengths (both are hashed to SHA-256 digests first). `undefined` never matches.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
