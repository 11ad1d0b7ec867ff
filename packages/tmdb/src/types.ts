/**
 * Public data shapes of `@lbx/tmdb`. `@lbx/sync` and the examples build on these: change them only with a
 * changeset and a look at every consumer.
 */
import type { Logger as InternalLogger, TMDB_LIST_SORT_BY } from '@lbx/internal';

/** TMDb media types a list can hold. */
export type MediaType = 'movie' | 'tv';

/** Identifies one list entry. */
export interface ListItemRef {
  mediaType: MediaType;
  mediaId: number;
}

/** A list entry to write: comments are only honoured by `updateItemComments`. */
export interface ListItemInput extends ListItemRef {
  comment?: string | null;
}

/** A list entry as read back from TMDb (one page at a time, comments joined in). */
export interface ListItem extends ListItemRef {
  /** Movie `title` or TV `name`. */
  title: string;
  /** Release (movie) or first-air (TV) year, or `null`. */
  year: number | null;
  /** The item's comment on this list, or `null`. */
  comment: string | null;
}

/** Per-item outcome of a batch write (add/remove/update comments). */
export type ListItemResult =
  | { status: 'ok'; mediaType: MediaType; mediaId: number }
  /** Add only: the item was already on the list (TMDb's "Media has already been taken"); not a failure. */
  | { status: 'already-present'; mediaType: MediaType; mediaId: number }
  | { status: 'failed'; mediaType: MediaType; mediaId: number; error: string };

/** A list as summarised by the account-lists endpoint. */
export interface ListSummary {
  id: number;
  name: string;
  description: string;
  public: boolean;
  itemCount: number;
}

/** The documented `sort_by` values of a v4 list: `original_order`, `vote_average`, `primary_release_date`, `title`, `release_date`, each `.asc` or `.desc`. */
export type ListSortBy = (typeof TMDB_LIST_SORT_BY)[number];

/** One page of a v4 list. */
export interface ListPage {
  id: number;
  name: string;
  description: string;
  public: boolean;
  /**
   * How TMDb orders the list: usually one of {@link ListSortBy}; an account list may report TMDb's numeric
   * code instead, kept as its string.
   */
  sortBy: string;
  page: number;
  totalPages: number;
  totalResults: number;
  items: ListItem[];
}

/** What `matchFilm` is given. A known TMDb id wins, then the IMDb id, then title + year search. */
export interface MatchInput {
  /** The film's title (non-empty), as Letterboxd shows it. */
  title: string;
  /** Release year, or `null` when unknown (a film and a series of the same title are then weighed together). */
  year: number | null;
  /** A known TMDb id: tried first; an id TMDb does not know falls through to the other means. */
  tmdbId?: number | null;
  /** How to look `tmdbId` up: `'tv'` for a series. Default `'movie'`. */
  tmdbType?: MediaType | null;
  /** IMDb id (`tt…`): tried before any search; used when it names exactly one movie (or, without one, one series). */
  imdbId?: string | null;
  /** Original-language title, when the caller knows it (improves fuzzy matching). */
  originalTitle?: string | null;
}

/** How a film was matched: ids are exact, searches are scored. */
export type MatchMethod = 'tmdb-id' | 'imdb-id' | 'search-exact' | 'search-fuzzy';

/** A successful match. `matchFilm` returns `null` for unmatched (ambiguous or weak) films. */
export interface MatchResult {
  id: number;
  mediaType: MediaType;
  method: MatchMethod;
  title: string;
  year: number | null;
}

/** A structural logger: `console` and pino fit as they are. Silent by default. */
export type Logger = InternalLogger;

/** Options every network method accepts last. */
export interface RequestOptions {
  /** Aborts the call, also while it waits for the rate limiter or a retry; an abort is never retried. */
  signal?: AbortSignal;
  /** Timeout of each attempt of this call, in milliseconds, instead of the client's `timeoutMs` (default `10_000`). */
  timeoutMs?: number;
}

/** A movie as TMDb's search and find endpoints return it. */
export interface MovieSummary {
  id: number;
  title: string;
  /** Title in the original language (equals `title` for many films). */
  originalTitle: string;
  /** `YYYY-MM-DD`, or `null` when TMDb has no date. */
  releaseDate: string | null;
  /** Year of `releaseDate`, or `null`. */
  year: number | null;
  popularity: number;
  /**
   * TMDb's poster image path (`/abc.jpg`), or `null`. The image is `https://image.tmdb.org/t/p/<size><path>`
   * (sizes such as `w92`, `w185`, `original`).
   */
  posterPath: string | null;
}

/** A TV series as TMDb's search and find endpoints return it. */
export interface TvSummary {
  id: number;
  name: string;
  originalName: string;
  /** `YYYY-MM-DD`, or `null`. */
  firstAirDate: string | null;
  /** Year of `firstAirDate`, or `null`. */
  year: number | null;
  popularity: number;
  /** TMDb's poster image path (`/abc.jpg`), or `null` (see {@link MovieSummary.posterPath}). */
  posterPath: string | null;
}

/** `getMovie`: the summary plus a few detail fields. */
export interface MovieDetails extends MovieSummary {
  /** IMDb id (`tt…`), or `null`. */
  imdbId: string | null;
  /** Runtime in minutes, or `null`. */
  runtime: number | null;
}

/** `getTv`: the summary of one series. */
export type TvDetails = TvSummary;

/** One page of a search (TMDb pages hold 20 results). */
export interface SearchPage<T> {
  page: number;
  totalPages: number;
  totalResults: number;
  results: T[];
}

/** One page of `searchMovie`. */
export type MovieSearchPage = SearchPage<MovieSummary>;

/** One page of `searchTv`. */
export type TvSearchPage = SearchPage<TvSummary>;

/** What `/3/find` knows about an IMDb id: movie and TV matches (usually at most one of them). */
export interface FindResult {
  movies: MovieSummary[];
  tv: TvSummary[];
}

/** `createRequestToken`: the pending token and the page where the user approves it. */
export interface RequestToken {
  /** Valid for 15 minutes; keep it to call `createAccessToken` after approval. */
  requestToken: string;
  /** `https://www.themoviedb.org/auth/access?request_token=…`: open it in a browser and approve. */
  approveUrl: string;
}

/** `createAccessToken`: store both values; they are what list writes need. */
export interface AccessToken {
  /** The v4 user access token (no expiry; valid until revoked). Pass it as `userAccessToken`. */
  accessToken: string;
  /** The v4 account object id (24 hex characters). Pass it as `accountId`. */
  accountId: string;
}

/** `createList` input. */
export interface CreateListInput {
  name: string;
  description?: string;
  /** Default `true` (TMDb's default). Sent as 0/1, the only form TMDb honours on create. */
  public?: boolean;
  /** ISO 639-1 code. Default `'en'`. */
  language?: string;
}

/** `updateList` patch: only the given fields change. */
export interface UpdateListInput {
  name?: string;
  description?: string;
  public?: boolean;
  sortBy?: ListSortBy;
}

/** A film handed to `updateListWithMovies`: matched with `matchFilm`, so an id makes the match exact. */
export interface ListFilmInput {
  /** Title as the source shows it. */
  title: string;
  /** Release year, or `null` when unknown. */
  year: number | null;
  /** TMDb movie id, when known (exact match). */
  tmdbId?: number | null;
  /** IMDb id (`tt…`), when known (exact match through `/find`). */
  imdbId?: string | null;
}

/** @deprecated Renamed to {@link ListFilmInput} (same shape); this alias will be removed in a later major. */
export type ParityFilm = ListFilmInput;

/** What `updateListWithMovies` reports. */
export interface UpdateListWithMoviesResult {
  /** `true` when every matched film is on the list (newly added or already present). */
  success: boolean;
  totalFilms: number;
  /** Films that found a TMDb id. */
  matched: number;
  /** Items newly added to the list. */
  added: number;
  notMatched: Array<{ title: string; year: number | null }>;
}
