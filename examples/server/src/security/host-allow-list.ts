import type { MiddlewareHandler } from 'hono';

/** Host names a loopback-only server always answers to. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/**
 * Middleware refusing (403) a request whose `Host` is not in `allowed` (names without a port, compared
 * case-insensitively; IPv6 without brackets). Guards a loopback server against DNS rebinding: a web page on
 * `evil.example` that re-points its name at 127.0.0.1 reaches the port, but its requests still carry
 * `Host: evil.example`.
 */
export function requireAllowedHost(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map((name) => name.toLowerCase()));
  return async (c, next) => {
    const host = hostNameOf(c.req.header('host') ?? new URL(c.req.url).host);
    if (host !== null && names.has(host)) return next();
    return c.json(
      {
        detail:
          `Host ${JSON.stringify(c.req.header('host') ?? '')} is not allowed: this server answers to ` +
          `${[...names].join(', ')}. To reach it under another name, add that name to ALLOWED_HOSTS.`,
      },
      403,
    );
  };
}

/** `example.com:8000` → `example.com`, `[::1]:8000` → `::1`; `null` for an empty or malformed value. */
export function hostNameOf(host: string): string | null {
  const value = host.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1] as string;
  const plain = /^([a-z0-9.-]+)(?::\d+)?$/.exec(value);
  return plain ? (plain[1] as string).replace(/\.$/, '') : null;
}
