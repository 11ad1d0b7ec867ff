import { requireReadToken } from './auth.js';
import { tmdbError, tmdbOk } from './responses.js';
import { route, type Route, type RouteContext } from './router.js';
import { mintToken } from './tokens.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

async function createRequestToken(ctx: RouteContext): Promise<Response> {
  const denied = requireReadToken(ctx);
  if (denied) return denied;
  const redirectTo = field(await ctx.body(), 'redirect_to');
  const now = Math.floor(Date.now() / 1000);
  const token = mintToken(
    {
      nbf: now,
      exp: now + 900,
      jti: `rt-${ctx.state.tokenSerial}`,
      scopes: ['pending_request_token'],
      redirect_to: typeof redirectTo === 'string' ? redirectTo : 'https://www.themoviedb.org/',
    },
    ctx.state.tokenSerial++,
  );
  ctx.state.pendingRequestTokens.set(token, {
    approved: false,
    redirectTo: typeof redirectTo === 'string' ? redirectTo : null,
  });
  return tmdbOk({ request_token: token });
}

async function createAccessToken(ctx: RouteContext): Promise<Response> {
  const denied = requireReadToken(ctx);
  if (denied) return denied;
  const requestToken = field(await ctx.body(), 'request_token');
  const pending = typeof requestToken === 'string' ? ctx.state.pendingRequestTokens.get(requestToken) : undefined;
  if (typeof requestToken !== 'string' || pending === undefined) return tmdbError(401, 33);
  if (!pending.approved) return tmdbError(422, 41);
  ctx.state.pendingRequestTokens.delete(requestToken);
  const accountId = ctx.state.credentials.accountId;
  const accessToken = mintToken(
    { nbf: Math.floor(Date.now() / 1000), jti: `at-${ctx.state.tokenSerial}`, sub: accountId, scopes: ['api_read', 'api_write'] },
    ctx.state.tokenSerial++,
  );
  ctx.state.userTokens.add(accessToken);
  return tmdbOk({ account_id: accountId, access_token: accessToken });
}

async function deleteAccessToken(ctx: RouteContext): Promise<Response> {
  if (ctx.credential !== 'read-token' && ctx.credential !== 'user-token') return requireReadToken(ctx) as Response;
  const accessToken = field(await ctx.body(), 'access_token');
  if (typeof accessToken !== 'string' || !ctx.state.userTokens.has(accessToken)) return tmdbError(404, 34);
  ctx.state.userTokens.delete(accessToken);
  ctx.state.revokedTokens.add(accessToken);
  return tmdbOk({}, 200, 13);
}

/** v4 user sign-in: request token → (browser approval) → access token; logout. */
export const authRoutes: Route[] = [
  route('POST', /^\/4\/auth\/request_token$/, createRequestToken, false),
  route('POST', /^\/4\/auth\/access_token$/, createAccessToken, false),
  route('DELETE', /^\/4\/auth\/access_token$/, deleteAccessToken, false),
];
