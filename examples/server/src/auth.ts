import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/**
 * Middleware requiring `Authorization: Bearer <token>`. The comparison takes the same time whatever the
 * candidate (both sides are hashed to fixed-length digests first). `token === null` lets every request
 * through: the server then only listens on loopback (see `loadServerConfig`).
 */
export function requireBearer(token: string | null): MiddlewareHandler {
  const expected = token === null ? null : digest(token);
  return async (c, next) => {
    if (expected === null) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) {
      return c.json(
        { detail: 'Not authenticated: send the header "Authorization: Bearer <API_TOKEN>".' },
        401,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    if (!timingSafeEqual(digest(match[1] as string), expected)) {
      return c.json({ detail: 'Invalid API token.' }, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    return next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
