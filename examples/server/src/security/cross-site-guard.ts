import type { MiddlewareHandler } from 'hono';
import { hostNameOf } from './host-allow-list';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Middleware refusing (403) state-changing requests (any method but GET/HEAD/OPTIONS) that a browser sent on
 * behalf of another site. Without `API_TOKEN` a page in the operator's browser could otherwise POST a
 * `multipart/form-data` export or a sync (simple requests need no CORS preflight).
 *
 * - `Sec-Fetch-Site` (sent by every current browser): only `same-origin` and `none` (typed or bookmarked) pass;
 *   `same-site` is refused too, since another port on localhost is the same site.
 * - Else `Origin`: its host must be the request's `Host` or one of `allowedHosts`; `Origin: null` is refused.
 * - Neither header: not a browser (curl, scripts, other servers) — allowed; the bearer token guards those.
 *
 * hono's `csrf` middleware does not fit: it refuses form and multipart requests that carry neither header
 * (every `curl -F` upload) and lets other content types through unchecked.
 */
export function refuseCrossSite(allowedHosts: readonly string[]): MiddlewareHandler {
  const extra = new Set(allowedHosts.map((name) => name.toLowerCase()));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.trim().toLowerCase();
    const origin = c.req.header('origin');
    let refused: string | null = null;
    if (site !== undefined) {
      if (site !== 'same-origin' && site !== 'none') refused = `Sec-Fetch-Site: ${site}`;
    } else if (origin !== undefined) {
      const from = originHost(origin);
      const own = hostNameOf(c.req.header('host') ?? new URL(c.req.url).host);
      if (from === null || (from !== own && !extra.has(from))) refused = `Origin: ${origin}`;
    }
    if (refused === null) return next();
    return c.json(
      {
        detail:
          `Cross-site request refused (${refused}): a web page may not change state on this server. Use the ` +
          'API from a script or curl, or from a page served by this server itself.',
      },
      403,
    );
  };
}

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? hostNameOf(url.host) : null;
  } catch {
    return null;
  }
}
