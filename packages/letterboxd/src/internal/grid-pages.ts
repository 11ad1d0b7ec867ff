/**
 * Lazy pagination over a film grid: one request per page, only when the consumer asks for more, stopping at
 * the last page (no `a.next`) and checking the signal between pages.
 */
import type { Film, FilmPage } from '../types.js';
import type { Http, RequestContext } from './http.js';
import { type ListingKind, type ListingPage, parseListingPage } from './listing-page.js';
import { pageUrl } from './urls.js';

export interface GridRequest {
  http: Http;
  baseUrl: string;
  username: string;
  kind: ListingKind;
  /** URL of page 1, ending in `/`. */
  firstPageUrl: string;
  ctx: RequestContext;
}

/** Safety net against a site that links to a next page forever. */
const MAX_PAGES = 10_000;

export async function fetchGridPage(req: GridRequest, page: number): Promise<ListingPage & { url: string; page: number }> {
  const url = pageUrl(req.firstPageUrl, page);
  const html = await req.http.getText(url, req.ctx);
  return { ...parseListingPage(html, { kind: req.kind, url, baseUrl: req.baseUrl, username: req.username, page }), url, page };
}

/**
 * Pages 1, 2, … from `fetchPage`, one request per page and only when the consumer asks for the next one; stops
 * after a page without `hasNext`, and checks `signal` before each request.
 */
export async function* lazyPages<P extends { hasNext: boolean }>(
  fetchPage: (page: number) => Promise<P>,
  signal: AbortSignal | undefined,
): AsyncGenerator<P, void, undefined> {
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    if (signal?.aborted) throw signal.reason;
    const result = await fetchPage(page);
    yield result;
    if (!result.hasNext) return;
  }
}

export async function* gridPages(req: GridRequest): AsyncGenerator<FilmPage, void, undefined> {
  for await (const result of lazyPages((page) => fetchGridPage(req, page), req.ctx.signal)) {
    yield { page: result.page, url: result.url, films: result.films, hasNext: result.hasNext };
  }
}

export async function* gridFilms(req: GridRequest): AsyncGenerator<Film, void, undefined> {
  for await (const page of gridPages(req)) yield* page.films;
}

/**
 * Checks a collector's `limit` before any request: `undefined` or `Infinity` (all), or an integer ≥ 0. Anything
 * else (`NaN` from an unset environment variable, `-1`, `2.5`) is a `RangeError` rather than a silent full read.
 */
function checkLimit(method: string, limit: number | undefined): void {
  if (limit === undefined || limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 0)) return;
  throw new RangeError(`${method}(): limit must be an integer ≥ 0 (or undefined for all films), got ${String(limit)}.`);
}

/** Collects up to `limit` items (all when `limit` is undefined) and stops iterating (and requesting) there. */
export async function collect<T>(items: AsyncIterable<T>, limit: number | undefined, method: string): Promise<T[]> {
  checkLimit(method, limit);
  const out: T[] = [];
  if (limit !== undefined && limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (limit !== undefined && out.length >= limit) break;
  }
  return out;
}
