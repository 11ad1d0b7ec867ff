/** URL building: every Letterboxd URL is absolute, honours `baseUrl` and ends in `/` (403 otherwise). */
import { LetterboxdInvalidUsernameError, LetterboxdOptionsError } from '../errors.js';

const USERNAME = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Checks that `baseUrl` is an absolute http(s) URL without query or fragment (a path prefix is fine) and strips
 * its trailing slashes so paths can be appended with a single `/`. Throws a `TypeError` otherwise, when the
 * client is created, rather than failing every request later.
 */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL | null = null;
  try {
    url = new URL(baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new LetterboxdOptionsError(
      'baseUrl',
      `baseUrl "${String(baseUrl)}" is not an absolute http(s) URL without query or ` +
        'fragment. Pass the site origin, e.g. "https://letterboxd.com", or a proxy prefix like "http://proxy.local/lb".',
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Throws {@link LetterboxdInvalidUsernameError} (before any request) unless `username` is a plausible Letterboxd name. */
export function assertUsername(baseUrl: string, username: unknown): asserts username is string {
  if (typeof username !== 'string' || !USERNAME.test(username)) {
    const shown = typeof username === 'string' ? username : String(username);
    throw new LetterboxdInvalidUsernameError(shown, `${baseUrl}/${encodeURIComponent(shown)}/`);
  }
}

/** `${baseUrl}/${segments...}/` with every segment URL-encoded. */
export function pathUrl(baseUrl: string, ...segments: string[]): string {
  return `${baseUrl}/${segments.map((s) => encodeURIComponent(s)).join('/')}/`;
}

/** URL of page `page` (1-based) of a listing whose first page is `firstPageUrl` (ending in `/`). */
export function pageUrl(firstPageUrl: string, page: number): string {
  return page <= 1 ? firstPageUrl : `${firstPageUrl}page/${page}/`;
}

/** Absolute URL of the film page of `slug`. */
export function filmUrl(baseUrl: string, slug: string): string {
  // `pathUrl(baseUrl, 'film', slug)`, written out: it runs once per film of every grid page.
  return `${baseUrl}/film/${encodeURIComponent(slug)}/`;
}
