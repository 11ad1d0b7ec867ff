/**
 * `createLetterboxdApiClient()`: Letterboxd's official API (v0) as a source, for operators who hold API
 * credentials. Same conventions as the scraping client: one options object, one politeness limiter per
 * client, `{ signal, timeoutMs }` last on every method, typed errors. Its films carry TMDb ids.
 */
import { resolveHttpOptions } from '../client.js';
import { collect } from '../internal/grid-pages.js';
import { assertUsername, normalizeBaseUrl } from '../internal/urls.js';
import { LetterboxdNotFoundError, LetterboxdParseError } from '../errors.js';
import type { RequestOptions } from '../types.js';
import { LetterboxdMissingRelationshipError } from './api-errors.js';
import { relationshipOf, toApiFilm } from './api-film.js';
import { type ApiCall, type ApiHttp, createApiHttp } from './api-http.js';
import { filmsResponseSchema, memberSearchSchema, parseApi } from './api-schemas.js';
import type { ApiFilm, ApiFilmPage, ApiListFilm, ApiListPage, LetterboxdApiClient, LetterboxdApiClientOptions } from './api-types.js';
import { cursorPages } from './cursor-pages.js';
import { findList, listPages } from './find-list.js';

/** The API's largest page. */
const PER_PAGE = 100;

function requireCredential(name: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new TypeError(
    `createLetterboxdApiClient(): ${name} is required (a non-empty string). Letterboxd grants API credentials on ` +
      'request (api@letterboxd.com); without them use createLetterboxdClient() or the data export.',
  );
}

/** How a member's films endpoint is read. */
interface FilmsQuery {
  /** Path under the base URL; `{id}` is replaced by the member's LID. */
  path: string;
  query: Record<string, string | number>;
  page: string;
  /** Whether every film must carry the member's relationship (else `LetterboxdMissingRelationshipError`). */
  strict: boolean;
}

const FILMS = '/films';
/** `/films` of one member, filtered by their relationship, in `sort` order; every film must carry the relationship. */
const memberFilms = (memberRelationship: string, sort: string, page: string, extra: Record<string, number> = {}): FilmsQuery => ({
  path: FILMS,
  query: { memberRelationship, includeFriends: 'None', sort, ...extra },
  page: `api ${page}`,
  strict: true,
});
const queries = {
  topRated: memberFilms('Liked', 'MemberRatingHighToLow', 'top-rated films', { memberMinRating: 0.5 }),
  liked: memberFilms('Liked', 'DateLatestFirst', 'liked films'),
  rated: memberFilms('Rated', 'MemberRatingHighToLow', 'rated films'),
  logged: memberFilms('Watched', 'DateLatestFirst', 'logged films'),
  loggedByRating: memberFilms('Watched', 'MemberRatingHighToLow', 'logged films'),
  // The watchlist's own endpoint, default order (newest addition first); not every entry has a relationship.
  watchlist: { path: '/member/{id}/watchlist', query: {}, page: 'api watchlist', strict: false },
} satisfies Record<string, FilmsQuery>;

/** Films rated and liked, stopping at the first unrated one; a rating above the previous one is a `LetterboxdParseError`. */
async function* rankedTopRated(pages: AsyncIterable<ApiFilmPage>): AsyncGenerator<ApiFilm, void, undefined> {
  let previous = Number.POSITIVE_INFINITY;
  for await (const page of pages) {
    for (const film of page.films) {
      if (film.rating === null) return;
      if (film.rating > previous) {
        throw new LetterboxdParseError({
          url: page.url,
          page: 'api top-rated films',
          detail: `films are not sorted by the member's rating (${film.rating} after ${previous})`,
        });
      }
      previous = film.rating;
      if (film.liked === true) yield film;
    }
  }
}

/** The items of a page iterator, one by one. */
async function* entries(pages: AsyncIterable<ApiListPage>): AsyncGenerator<ApiListFilm, void, undefined> {
  for await (const page of pages) yield* page.films;
}

/**
 * Creates a Letterboxd API client. Defaults are polite: 2 requests in flight, 200 ms between request starts,
 * 2 retries with backoff honouring `Retry-After`. The OAuth2 client-credentials token is requested on first
 * use, cached, renewed a minute before it expires and once when an endpoint answers 401.
 *
 * @throws {TypeError} when `clientId`/`clientSecret` are missing or `baseUrl` is not an absolute http(s) URL.
 */
export function createLetterboxdApiClient(options: LetterboxdApiClientOptions): LetterboxdApiClient {
  const clientId = requireCredential('clientId', options?.clientId);
  const clientSecret = requireCredential('clientSecret', options.clientSecret);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? 'https://api.letterboxd.com/api/v0');
  const http: ApiHttp = createApiHttp({
    baseUrl,
    clientId,
    clientSecret,
    ...resolveHttpOptions(options, { minDelayMs: 200 }),
    signRequest: options.signRequest,
    refreshMarginMs: options.tokenRefreshMarginMs ?? 60_000,
  });
  const memberIds = new Map<string, string>();

  async function getMemberId(username: string, opts: RequestOptions = {}): Promise<string> {
    assertUsername('https://letterboxd.com', username);
    const key = username.toLowerCase();
    const known = memberIds.get(key);
    if (known) return known;
    const { url, body } = await http.getJson({
      path: '/search',
      query: { input: username, include: 'MemberSearchItem', searchMethod: 'Autocomplete', perPage: 20 },
      username,
      notFound: 'the search endpoint is missing; check baseUrl',
      ...opts,
    });
    const items = parseApi(memberSearchSchema, body, url, 'api member search', username).items;
    // A relevance search: only an exact (case-insensitive) username counts, never the first hit.
    const member = items.find((item) => item.type === 'MemberSearchItem' && item.member?.username.toLowerCase() === key)?.member;
    if (!member) {
      throw new LetterboxdNotFoundError({
        url,
        username,
        message:
          `The Letterboxd API knows no member named exactly "${username}" (member search, case-insensitive). ` +
          'Check the spelling (a renamed member has a new username); a member who opted out of the API or made ' +
          'their account private cannot be read through it — use the scraping client or their data export.',
      });
    }
    memberIds.set(key, member.id);
    return member.id;
  }

  async function* filmPages(q: FilmsQuery, username: string, opts: RequestOptions = {}): AsyncGenerator<ApiFilmPage> {
    const memberId = await getMemberId(username, opts);
    const fetchPage = async (cursor: string | undefined) => {
      const call: ApiCall = {
        path: q.path.replace('{id}', encodeURIComponent(memberId)),
        query: { ...(q.path === FILMS ? { member: memberId } : {}), ...q.query, perPage: PER_PAGE, cursor },
        username,
        notFound: `no member with id ${memberId} ("${username}"), or the member opted out of the API`,
        ...opts,
      };
      const { url, body } = await http.getJson(call);
      const page = parseApi(filmsResponseSchema, body, url, q.page, username);
      const items = page.items.map((film) => {
        const relationship = relationshipOf(film, memberId);
        if (!relationship && q.strict) throw new LetterboxdMissingRelationshipError({ url, username, memberId, filmId: film.id });
        return toApiFilm(film, relationship);
      });
      return { url, items, next: page.next ?? null };
    };
    for await (const page of cursorPages(fetchPage, opts.signal)) {
      yield { page: page.page, url: page.url, films: page.items, hasNext: page.hasNext };
    }
  }

  async function* films(q: FilmsQuery, username: string, opts?: RequestOptions): AsyncGenerator<ApiFilm> {
    for await (const page of filmPages(q, username, opts)) yield* page.films;
  }

  async function* listPagesOf(owner: string, slug: string, opts?: RequestOptions): AsyncGenerator<ApiListPage> {
    const ownerId = await getMemberId(owner, opts);
    yield* listPages(http, await findList(http, ownerId, owner, slug, opts), ownerId, opts);
  }

  return {
    getMemberId,
    getTopRated: (username, opts) => collect(rankedTopRated(filmPages(queries.topRated, username, opts)), opts?.limit, 'getTopRated'),
    getWatchlist: (username, opts) => collect(films(queries.watchlist, username, opts), opts?.limit, 'getWatchlist'),
    watchlist: (username, opts) => films(queries.watchlist, username, opts),
    watchlistPages: (username, opts) => filmPages(queries.watchlist, username, opts),
    getLikedFilms: (username, opts) => collect(films(queries.liked, username, opts), opts?.limit, 'getLikedFilms'),
    likedFilms: (username, opts) => films(queries.liked, username, opts),
    likedFilmsPages: (username, opts) => filmPages(queries.liked, username, opts),
    getFilms: (username, opts) =>
      collect(films(opts?.sort === 'entry-rating' ? queries.loggedByRating : queries.logged, username, opts), opts?.limit, 'getFilms'),
    getRatedFilms: (username, opts) => collect(films(queries.rated, username, opts), opts?.limit, 'getRatedFilms'),
    ratedFilms: (username, opts) => films(queries.rated, username, opts),
    ratedFilmsPages: (username, opts) => filmPages(queries.rated, username, opts),
    async getList(owner, slug, opts) {
      const ownerId = await getMemberId(owner, opts);
      const info = await findList(http, ownerId, owner, slug, opts);
      return { ...info, films: await collect(entries(listPages(http, info, ownerId, opts)), opts?.limit, 'getList') };
    },
    list: (owner, slug, opts) => entries(listPagesOf(owner, slug, opts)),
    listPages: (owner, slug, opts) => listPagesOf(owner, slug, opts),
  };
}
