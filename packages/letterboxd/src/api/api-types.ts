/** Public shapes of the Letterboxd API client. */
import type { LetterboxdClientOptions } from '../client.js';
import type { Film, FilmPage, LimitOptions, ListInfo, ListPage, RequestOptions, TmdbRef } from '../types.js';

/**
 * Options of `createLetterboxdApiClient`: the credentials are required, every other field is optional.
 * `fetch`, `userAgent`, `retry`, `concurrency` and `logger` mean what they mean for the scraping client.
 */
export interface LetterboxdApiClientOptions extends Omit<LetterboxdClientOptions, 'baseUrl' | 'minDelayMs' | 'timeoutMs'> {
  /** Your API client id ("API key"), granted by Letterboxd on request. */
  clientId: string;
  /** Your API client secret. Never logged, never put in an error. */
  clientSecret: string;
  /**
   * API root, without a trailing slash. Default `https://api.letterboxd.com/api/v0`. Not an absolute http(s) URL
   * (or with a query/fragment) → `TypeError` at creation.
   */
  baseUrl?: string;
  /**
   * Hook that may rewrite every request (the token request included) just before it is sent — for Letterboxd's
   * legacy request signing (`apikey`, `nonce`, `timestamp`, `signature`), should your key still need it.
   * Return the request to send. Default: none (requests are sent unsigned).
   */
  signRequest?: (request: Request) => Request | Promise<Request>;
  /** Timeout per attempt, until the body has arrived, in milliseconds. Default `30000`. */
  timeoutMs?: number;
  /** Minimum spacing between the starts of two requests, in milliseconds. Default `200`. */
  minDelayMs?: number;
  /** Renew the access token this long before it expires, in milliseconds (at most half its life). Default `60000`. */
  tokenRefreshMarginMs?: number;
}

/** A film as the API gives it: a {@link Film} plus the ids the API carries. */
export interface ApiFilm extends Film {
  /**
   * The film's slug from its letterboxd.com link (the scraper's key for the same film), or `lid:<id>` when the
   * answer has no such link.
   */
  slug: string;
  /** The member's own rating (0.5–5.0) from their relationship to the film; `null` when unrated or unknown. */
  rating: number | null;
  /** Whether the member liked it; `null` where the answer does not say (watchlist and list entries may not). */
  liked: boolean | null;
  /** Always `null`: the API does not expose the numeric id; see {@link ApiFilm.lid}. */
  filmId: null;
  /** The film's Letterboxd id (LID) in the API, e.g. `2bbs`. */
  lid: string;
  /** TMDb id and type from the film's `links` (`type: 'tv'` when the TMDb link points at `/tv/`); `null` when absent. */
  tmdb: TmdbRef | null;
  /** IMDb id from the film's `links`, or `null`. */
  imdbId: string | null;
}

/** One page of films as the API returned it (up to 100). */
export interface ApiFilmPage extends FilmPage {
  /** The films on this page, in the API's order. */
  films: ApiFilm[];
  /** The request URL of this page (with its cursor). */
  url: string;
}

/** A film on a list: an {@link ApiFilm} with its rank (a `ListEntry` of the scraping client, with the API's ids). */
export interface ApiListFilm extends ApiFilm {
  /** 1-based position on a ranked list; `null` on an unranked list. */
  rank: number | null;
}

/** A member's list as the API describes it: the scraping client's `ListInfo` plus the list's id. */
export interface ApiListInfo extends ListInfo {
  /** The list's Letterboxd id (LID) in the API. */
  lid: string;
  /** Number of films on the list (`filmCount`), or `null` when the API does not say. */
  total: number | null;
}

/** One page of a list's entries (up to 100), with the list's details. */
export interface ApiListPage extends ListPage {
  films: ApiListFilm[];
  list: ApiListInfo;
}

/** A member's list with its films (at most `limit`), in list order — a `MemberList` with the API's ids. */
export interface ApiList extends ApiListInfo {
  films: ApiListFilm[];
}

/** The Letterboxd API client returned by `createLetterboxdApiClient`. */
export interface LetterboxdApiClient {
  /**
   * The member's Letterboxd id (LID) for a username: the API's member search, keeping only an exact
   * (case-insensitive) username match. Cached per client. No exact match → `LetterboxdNotFoundError`.
   */
  getMemberId(username: string, options?: RequestOptions): Promise<string>;
  /**
   * Films the member both rated and liked, their best rating first (ties in the API's order), up to `limit`.
   * One member lookup, then 100 films per request, stopping at `limit` or at the first unrated film. Each film
   * carries the member's own rating and its TMDb id. Satisfies `FilmSource` of `@lbx/sync`.
   */
  getTopRated(username: string, options?: LimitOptions): Promise<ApiFilm[]>;
  /** The member's watchlist (the API's default order: newest addition first), up to `limit`. */
  getWatchlist(username: string, options?: LimitOptions): Promise<ApiFilm[]>;
  /** The member's watchlist film by film, pages fetched lazily. */
  watchlist(username: string, options?: RequestOptions): AsyncIterable<ApiFilm>;
  /** The member's watchlist page by page. */
  watchlistPages(username: string, options?: RequestOptions): AsyncIterable<ApiFilmPage>;
  /** The films the member liked, most recently liked first, up to `limit`. */
  getLikedFilms(username: string, options?: LimitOptions): Promise<ApiFilm[]>;
  /** The films the member liked, film by film. */
  likedFilms(username: string, options?: RequestOptions): AsyncIterable<ApiFilm>;
  /** The films the member liked, page by page. */
  likedFilmsPages(username: string, options?: RequestOptions): AsyncIterable<ApiFilmPage>;
  /**
   * Every film the member logged (watched), up to `limit`: most recently logged first, or with
   * `sort: 'entry-rating'` their rating best first and unrated films last (what `@lbx/sync`'s `rated` list
   * definitions ask for).
   */
  getFilms(username: string, options?: LimitOptions & { sort?: 'date' | 'entry-rating' }): Promise<ApiFilm[]>;
  /** The films the member rated, their best rating first, up to `limit`. */
  getRatedFilms(username: string, options?: LimitOptions): Promise<ApiFilm[]>;
  /** The films the member rated, film by film. */
  ratedFilms(username: string, options?: RequestOptions): AsyncIterable<ApiFilm>;
  /** The films the member rated, page by page. */
  ratedFilmsPages(username: string, options?: RequestOptions): AsyncIterable<ApiFilmPage>;
  /**
   * A member's published list by its slug (`/{owner}/list/{slug}/` on the site) with up to `limit` films in
   * list order. Finding the list costs one request per 100 of the owner's lists plus one per candidate list.
   */
  getList(owner: string, slug: string, options?: LimitOptions): Promise<ApiList>;
  /** The films of a member's list, film by film, in list order. */
  list(owner: string, slug: string, options?: RequestOptions): AsyncIterable<ApiListFilm>;
  /** The films of a member's list, page by page (100 entries a page), each page with the list's details. */
  listPages(owner: string, slug: string, options?: RequestOptions): AsyncIterable<ApiListPage>;
}
