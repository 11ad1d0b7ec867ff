/**
 * msw handlers that answer like letterboxd.com: HTML pages with Cloudflare headers on every response, 404 with
 * Letterboxd's error page for unknown paths, and 403 for a page URL without its trailing slash (as the real site
 * does). Every request is recorded so tests can assert what the fake served.
 */
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const BASE = 'https://letterboxd.com';

/** Reads a fixture next to the tests. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Headers every Letterboxd response carries (served through Cloudflare). */
export function cfHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'text/html; charset=utf-8', server: 'cloudflare', 'cf-ray': '8f2c1e4a5b6d7e8f-AMS', ...extra };
}

export function html(body: string, status = 200, extra: Record<string, string> = {}): Response {
  return new HttpResponse(body, { status, headers: cfHeaders(extra) });
}

/** A route answers with a page body, or with a function of the request. */
export type Route = string | ((request: Request) => Response | Promise<Response>);

export interface FakeSite {
  handlers: ReturnType<typeof http.get>[];
  /** Paths (with query) of every request received, in arrival order. */
  requests: string[];
  /** Every request received, for header checks. */
  received: Request[];
}

/** A fake letterboxd.com serving `routes` (path → page). Paths must end in `/`, as on the real site. */
export function createSite(routes: Record<string, Route>, base = BASE): FakeSite {
  const site: FakeSite = { handlers: [], requests: [], received: [] };
  site.handlers.push(
    http.get(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      site.requests.push(url.pathname + url.search);
      site.received.push(request);
      if (!url.pathname.endsWith('/')) return html(fixture('letterboxd-error-403-private.html'), 403);
      const route = routes[url.pathname];
      if (route === undefined) return html(fixture('letterboxd-error-404.html'), 404);
      return typeof route === 'string' ? html(route) : route(request);
    }),
  );
  return site;
}

/** One msw server per test file: unhandled requests fail the test; handlers reset after each test. */
export function useServer(): ReturnType<typeof setupServer> {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
