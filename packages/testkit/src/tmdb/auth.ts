import { tmdbError } from './responses.js';
import type { RouteContext } from './router.js';
import type { FakeState } from './state.js';
import type { FakeCredentialKind } from './types.js';

/** Work out which credential a request carries. A bearer header wins over `api_key`. */
export function identify(request: Request, url: URL, state: FakeState): { kind: FakeCredentialKind; token: string | null } {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    if (token === state.credentials.readAccessToken) return { kind: 'read-token', token };
    if (state.userTokens.has(token)) return { kind: 'user-token', token };
    if (state.revokedTokens.has(token)) return { kind: 'revoked', token: null };
    return { kind: 'invalid', token: null };
  }
  const apiKey = url.searchParams.get('api_key');
  if (apiKey !== null) {
    return apiKey === state.credentials.apiKey ? { kind: 'api-key', token: apiKey } : { kind: 'invalid', token: null };
  }
  return { kind: 'none', token: null };
}

/** Any valid credential may read. */
export function requireReader(ctx: RouteContext): Response | null {
  switch (ctx.credential) {
    case 'api-key':
    case 'read-token':
    case 'user-token':
      return null;
    case 'revoked':
      return tmdbError(401, 35);
    case 'invalid':
    case 'none':
      return ctx.url.pathname.startsWith('/3/') ? tmdbError(401, 7) : tmdbError(401, 3);
  }
}

/** The v4 sign-in endpoints want the application's read access token as bearer. */
export function requireReadToken(ctx: RouteContext): Response | null {
  if (ctx.credential === 'read-token') return null;
  if (ctx.credential === 'revoked') return tmdbError(401, 35);
  return tmdbError(401, 3);
}

/** Writes and account data want a v4 user access token; the read token gets code 36. */
export function requireUserToken(ctx: RouteContext): Response | null {
  switch (ctx.credential) {
    case 'user-token':
      return null;
    case 'read-token':
      return tmdbError(401, 36);
    case 'revoked':
      return tmdbError(401, 35);
    default:
      return tmdbError(401, 3);
  }
}
