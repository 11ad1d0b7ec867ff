/**
 * `createLetterboxdClient()`: the scraping client. One client = one politeness limiter shared by all its
 * methods; every method validates its input before any request and takes `{ signal, timeoutMs }` last.
 */
import { type NumberRule, numberOptionProblem, silentLogger } from '@lbx/internal';
import type {
  Film,
  FilmDetails,
  FilmPage,
  FilmsOptions,
  LimitOptions,
  ListEntry,
  ListPage,
  Logger,
  MemberList,
  Profile,
  RequestOptions,
} from './types.js';
import { parseFilmPage } from './internal/film-page.js';
import { type Http, type HttpOptions, MAX_TIMEOUT_MS, createHttp } from './internal/http.js';
import { parseListPage } from './internal/list-page.js';
import { type GridRequest, collect, fetchGridPage, gridFilms, gridPages, lazyPages } from './internal/grid-pages.js';
import { parseProfilePage } from './internal/profile-page.js';
import { assertUsername, filmUrl, normalizeBaseUrl, pageUrl, pathUrl } from './internal/urls.js';
import { LetterboxdOptionsError, LetterboxdParseError } from './errors.js';
import { getRssFeed } from './rss/get-rss-feed.js';
import type { RssFeed } from './rss/rss-types.js';

/** Options of {@link createLetterboxdClient}; every field is optional. */
export interface LetterboxdClientOptions {
  /**
   * Site origin, or a proxy prefix with a path. Default `https://letterboxd.com`. Every URL the client builds
   * starts with it. Not an absolute http(s) URL (or with a query/fragment) → `TypeError` at creation.
   */
  baseUrl?: string;
  /**
   * The transport: any `fetch`-compatible function (a proxy, a browser-backed fetch, a test fake). Default
   * `globalThis.fetch`. It receives a `Request`.
   */
  fetch?: typeof globalThis.fetch;
  /** `User-Agent` header. Default `@lbx/letterboxd (+https://github.com/lbx-dev/lbx)`. */
  userAgent?: string;
  /**
   * Timeout per attempt until response headers arrive, in milliseconds (`Infinity`: as long as a timer can
   * wait, ~24.8 days). Default `30000`.
   */
  timeoutMs?: number;
  /** Retries of 408/429/5xx answers, timeouts and network errors (never 403/404, never after an abort). */
  retry?: {
    /** Retries after the first attempt. Default `2` (3 attempts in all). */
    limit?: number;
    /**
     * Longest `Retry-After` the client waits, in milliseconds; a longer demand ends the retries with a
     * `LetterboxdRateLimitError` at once (the client never comes back sooner than asked). Default `60000`.
     */
    maxRetryAfterMs?: number;
    /** First backoff step, in milliseconds (doubles per retry, jittered, capped at `maxDelayMs`). Default `1000`. */
    backoffMs?: number;
    /** Longest backoff wait between two attempts, in milliseconds (does not cap `Retry-After`). Default `30000`. */
    maxDelayMs?: number;
  };
  /** Requests in flight at once, across all methods of this client (an integer ≥ 1). Default `2`. */
  concurrency?: number;
  /** Minimum spacing between the starts of two requests, in milliseconds. Default `1000`. */
  minDelayMs?: number;
  /**
   * Most requests waiting for a slot (on top of the `concurrency` in flight), an integer ≥ 0; one more is refused
   * at once with `LetterboxdQueueFullError` (nothing sent). An aborted request leaves the queue at once. Default:
   * unbounded. Bound it in a server, so that excess or abandoned reads cannot pile up.
   */
  maxQueue?: number;
  /** Structural logger (`console`, pino, …). Default: silent. */
  logger?: Logger;
}

/** The Letterboxd scraping client returned by {@link createLetterboxdClient}. */
export interface LetterboxdClient {
  /** The member's profile `/{user}/`: name, bio, avatar and header statistics. One request. */
  getProfile(username: string, options?: RequestOptions): Promise<Profile>;
  /** The member's watchlist (newest addition first), up to `limit` films. One request per 28 films. */
  getWatchlist(username: string, options?: LimitOptions): Promise<Film[]>;
  /** The member's watchlist film by film, fetching pages lazily (stops when you stop iterating). */
  watchlist(username: string, options?: RequestOptions): AsyncIterable<Film>;
  /** The member's watchlist page by page. */
  watchlistPages(username: string, options?: RequestOptions): AsyncIterable<FilmPage>;
  /** Number of films on the member's watchlist. One request. */
  getWatchlistCount(username: string, options?: RequestOptions): Promise<number>;
  /** Every film the member logged, with their rating and like, up to `limit`. One request per 72 films. */
  getFilms(username: string, options?: FilmsOptions & LimitOptions): Promise<Film[]>;
  /** Every film the member logged, film by film, fetched lazily. */
  films(username: string, options?: FilmsOptions): AsyncIterable<Film>;
  /** Every film the member logged, page by page. */
  filmsPages(username: string, options?: FilmsOptions): AsyncIterable<FilmPage>;
  /** The films the member liked (most recently liked first), up to `limit`. One request per 72 films. */
  getLikedFilms(username: string, options?: LimitOptions): Promise<Film[]>;
  /** The films the member liked, film by film, fetched lazily. */
  likedFilms(username: string, options?: RequestOptions): AsyncIterable<Film>;
  /** The films the member liked, page by page. */
  likedFilmsPages(username: string, options?: RequestOptions): AsyncIterable<FilmPage>;
  /**
   * Films the member both rated and liked, their best rating first, up to `limit` (default: all). Reads the
   * liked films sorted by the member's rating and stops at the first unrated film or at `limit`: `limit: 20`
   * costs one request however many films the member logged (72 films per page).
   */
  getTopRated(username: string, options?: LimitOptions): Promise<Film[]>;
  /**
   * A member's list `/{owner}/list/{slug}/`: its name, description and owner, and up to `limit` entries (default:
   * all) in list order, each with its `rank` when the list is ranked. One request per 100 entries (a 250-film
   * list costs 3). A missing list is a `LetterboxdNotFoundError`, a private one a `LetterboxdPrivateError`.
   */
  getList(owner: string, slug: string, options?: LimitOptions): Promise<MemberList>;
  /** A member's list entry by entry, in list order, fetching pages lazily (stops when you stop iterating). */
  list(owner: string, slug: string, options?: RequestOptions): AsyncIterable<ListEntry>;
  /** A member's list page by page (100 entries a page), each page with the list's details. */
  listPages(owner: string, slug: string, options?: RequestOptions): AsyncIterable<ListPage>;
  /** A film page `/film/{slug}/`: title, year, TMDb id and type, IMDb id, directors. One request. */
  getFilm(slug: string, options?: RequestOptions): Promise<FilmDetails>;
  /**
   * The member's RSS feed `/{user}/rss/`: the 50 most recent diary entries with rating, like, rewatch and the
   * film's TMDb id (list items skipped). One request. Feed `createRssSource()` with it.
   */
  getRssFeed(username: string, options?: RequestOptions): Promise<RssFeed>;
}

/** The films before the first unrated one: a grid sorted by the member's rating lists the rated films first. */
async function* untilUnrated(films: AsyncIterable<Film>): AsyncGenerator<Film, void, undefined> {
  for await (const film of films) {
    if (film.rating === null) return;
    yield film;
  }
}

/** Throws {@link LetterboxdOptionsError} for a numeric option out of range (`undefined` means the default). */
function checkOption(value: unknown, name: string, rule: NumberRule): void {
  const problem = numberOptionProblem(value, name, rule);
  if (problem !== null) throw new LetterboxdOptionsError(name, problem);
}

/**
 * Checks the transport and politeness options both clients of this package take (internal; the API client uses
 * it too) and applies the defaults. Throws {@link LetterboxdOptionsError} for a value out of range.
 */
export function resolveHttpOptions(
  options: Omit<LetterboxdClientOptions, 'baseUrl'>,
  defaults: { minDelayMs: number },
): HttpOptions {
  const { retry = {} } = options;
  checkOption(options.timeoutMs, 'timeoutMs', { min: 0, exclusive: true, infinite: true });
  checkOption(retry.limit, 'retry.limit', { min: 0, integer: true });
  checkOption(retry.maxRetryAfterMs, 'retry.maxRetryAfterMs', { min: 0 });
  checkOption(retry.backoffMs, 'retry.backoffMs', { min: 0 });
  checkOption(retry.maxDelayMs, 'retry.maxDelayMs', { min: 0 });
  checkOption(options.concurrency, 'concurrency', { min: 1, integer: true });
  checkOption(options.minDelayMs, 'minDelayMs', { min: 0 });
  checkOption(options.maxQueue, 'maxQueue', { min: 0, integer: true, infinite: true });
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    userAgent: options.userAgent ?? '@lbx/letterboxd (+https://github.com/lbx-dev/lbx)',
    timeoutMs: Math.min(options.timeoutMs ?? 30_000, MAX_TIMEOUT_MS),
    retry: {
      limit: retry.limit ?? 2,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 60_000,
      backoffMs: retry.backoffMs ?? 1000,
      maxDelayMs: retry.maxDelayMs ?? 30_000,
    },
    concurrency: options.concurrency ?? 2,
    minDelayMs: options.minDelayMs ?? defaults.minDelayMs,
    maxQueue: options.maxQueue ?? Number.POSITIVE_INFINITY,
    logger: options.logger ?? silentLogger,
  };

}

/**
 * Creates a Letterboxd client. Defaults are polite: 2 requests in flight, 1 s between request starts,
 * 2 retries with backoff. Letterboxd's terms restrict automated access and its Cloudflare shield may refuse
 * Node's HTTP client (`LetterboxdBlockedError`): the transport is pluggable through `fetch`. Throws
 * {@link LetterboxdOptionsError} for an option out of range (e.g. `concurrency: 0`, `retry.limit: 1.5`).
 */
export function createLetterboxdClient(options: LetterboxdClientOptions = {}): LetterboxdClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? 'https://letterboxd.com');
  const http: Http = createHttp(resolveHttpOptions(options, { minDelayMs: 1000 }));

  const grid = (
    username: string,
    kind: GridRequest['kind'],
    segments: string[],
    opts: RequestOptions | undefined,
  ): GridRequest => {
    assertUsername(baseUrl, username);
    return {
      http,
      baseUrl,
      username,
      kind,
      firstPageUrl: pathUrl(baseUrl, username, ...segments),
      ctx: { username, signal: opts?.signal, timeoutMs: opts?.timeoutMs },
    };
  };
  const watchlistReq = (u: string, o?: RequestOptions) => grid(u, 'watchlist', ['watchlist'], o);
  const filmsReq = (u: string, o?: FilmsOptions) =>
    grid(u, 'films', o?.sort && o.sort !== 'release' ? ['films', 'by', o.sort] : ['films'], o);
  const likesReq = (u: string, o?: RequestOptions) => grid(u, 'likes', ['likes', 'films'], o);

  async function* listPages(owner: string, slug: string, opts: RequestOptions | undefined): AsyncGenerator<ListPage, void, undefined> {
    assertUsername(baseUrl, owner);
    if (typeof slug !== 'string' || !/^(?!\.{1,2}$)[^\s/?#\\]{1,200}$/.test(slug)) {
      throw new TypeError(`list(): "${String(slug)}" is not a Letterboxd list slug (e.g. "best-of-the-decade" from /${owner}/list/best-of-the-decade/).`);
    }
    const first = pathUrl(baseUrl, owner, 'list', slug);
    const ctx = { username: owner, signal: opts?.signal, timeoutMs: opts?.timeoutMs };
    yield* lazyPages(async (page): Promise<ListPage> => {
      const url = pageUrl(first, page);
      const parsed = parseListPage(await http.getText(url, ctx), { url, baseUrl, username: owner, page });
      return { page, url, films: parsed.films, hasNext: parsed.hasNext, list: { ...parsed.list, slug, url: first } };
    }, opts?.signal);
  }
  async function* listEntries(pages: AsyncIterable<ListPage>): AsyncGenerator<ListEntry, void, undefined> {
    for await (const page of pages) yield* page.films;
  }

  // Requests are built inside the generators, so a bad username rejects on first use rather than at call time.
  async function* films(build: () => GridRequest): AsyncGenerator<Film, void, undefined> {
    yield* gridFilms(build());
  }
  async function* pages(build: () => GridRequest): AsyncGenerator<FilmPage, void, undefined> {
    yield* gridPages(build());
  }

  return {
    async getProfile(username, opts) {
      assertUsername(baseUrl, username);
      const url = pathUrl(baseUrl, username);
      const html = await http.getText(url, { username, signal: opts?.signal, timeoutMs: opts?.timeoutMs });
      return parseProfilePage(html, { url, baseUrl, username });
    },
    getWatchlist: async (username, opts) => collect(films(() => watchlistReq(username, opts)), opts?.limit, 'getWatchlist'),
    watchlist: (username, opts) => films(() => watchlistReq(username, opts)),
    watchlistPages: (username, opts) => pages(() => watchlistReq(username, opts)),
    async getWatchlistCount(username, opts) {
      const page = await fetchGridPage(watchlistReq(username, opts), 1);
      if (page.total !== null) return page.total;
      if (!page.hasNext) return page.films.length;
      throw new LetterboxdParseError({
        url: page.url,
        username,
        page: 'watchlist',
        detail: 'no watchlist total (div[data-num-entries] / .js-watchlist-count)',
      });
    },
    getFilms: async (username, opts) => collect(films(() => filmsReq(username, opts)), opts?.limit, 'getFilms'),
    films: (username, opts) => films(() => filmsReq(username, opts)),
    filmsPages: (username, opts) => pages(() => filmsReq(username, opts)),
    getLikedFilms: async (username, opts) => collect(films(() => likesReq(username, opts)), opts?.limit, 'getLikedFilms'),
    likedFilms: (username, opts) => films(() => likesReq(username, opts)),
    likedFilmsPages: (username, opts) => pages(() => likesReq(username, opts)),
    async getTopRated(username, opts) {
      const req = grid(username, 'likes', ['likes', 'films', 'by', 'member-rating'], opts);
      return collect(untilUnrated(gridFilms(req)), opts?.limit, 'getTopRated');
    },
    async getList(owner, slug, opts) {
      let info: ListPage['list'] | undefined;
      async function* remember(): AsyncGenerator<ListPage, void, undefined> {
        for await (const page of listPages(owner, slug, opts)) {
          info ??= page.list;
          yield page;
        }
      }
      const films = await collect(listEntries(remember()), opts?.limit, 'getList');
      // `limit: 0` reads no entries, but the list's details still come from page 1.
      if (!info) await remember().next();
      return { ...(info as ListPage['list']), films };
    },
    list: (owner, slug, opts) => listEntries(listPages(owner, slug, opts)),
    listPages: (owner, slug, opts) => listPages(owner, slug, opts),
    async getFilm(slug, opts) {
      if (typeof slug !== 'string' || !/^(?!\.{1,2}$)[^\s/?#\\]{1,200}$/.test(slug)) {
        throw new TypeError(`getFilm(): "${String(slug)}" is not a Letterboxd film slug (e.g. "mulholland-drive").`);
      }
      const url = filmUrl(baseUrl, slug);
      const html = await http.getText(url, { slug, signal: opts?.signal, timeoutMs: opts?.timeoutMs });
      return parseFilmPage(html, { url, baseUrl, slug });
    },
    getRssFeed: (username, opts) => getRssFeed(http, baseUrl, username, opts),
  };
}
