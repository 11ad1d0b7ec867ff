import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * `hono/secure-headers` on every response: a Content-Security-Policy that lets the `/docs` page (Swagger UI,
 * served from this origin) and the `/ui` dashboard (its script, styles and forms) run and nothing else, `X-Content-Type-Options: nosniff`, framing refused
 * (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), `Referrer-Policy: no-referrer`, and the
 * Cross-Origin-* isolation headers. HSTS is left to the TLS reverse proxy (this server speaks plain HTTP).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      // Swagger UI sets style attributes at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      baseUri: ["'none'"],
      // The dashboard's forms post to this server only.
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
}
