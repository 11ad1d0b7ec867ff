import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';

/**
 * Per-client rate limit of the read endpoints (`hono-rate-limiter`, in memory): `perMinute` requests per client
 * address and minute (GET and HEAD only), then 429 with `Retry-After` and the `RateLimit-*` headers. Behind a
 * reverse proxy every client shares the proxy's address: limit there instead (and set 0 here), or raise it.
 * `perMinute: 0` turns it off.
 */
export function readRateLimit(perMinute: number): MiddlewareHandler {
  if (perMinute === 0) return (_c, next) => next();
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientAddress(c.env) ?? 'local',
    skip: (c) => c.req.method !== 'GET' && c.req.method !== 'HEAD',
    handler: (c) =>
      c.json(
        {
          detail:
            `Too many read requests from this client (RATE_LIMIT_READS_PER_MINUTE=${perMinute}); retry after the ` +
            'number of seconds in Retry-After.',
        },
        429,
      ),
  });
}

/** The peer address `@hono/node-server` exposes as `env.incoming.socket` (none in `app.request()`). */
function clientAddress(env: unknown): string | undefined {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}
