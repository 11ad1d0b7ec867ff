import type {
  AccessToken,
  CreateListInput,
  FindResult,
  ListItem,
  ListItemRef,
  ListItemResult,
  ListPage,
  ListSummary,
  Logger,
  MatchInput,
  MatchResult,
  MovieDetails,
  MovieSearchPage,
  ListFilmInput,
  RequestOptions,
  RequestToken,
  TvDetails,
  TvSearchPage,
  UpdateListInput,
  UpdateListWithMoviesResult,
} from './types.js';

/**
 * Retry settings. Reads retry on 408, 429, 5xx (not 501/505), timeouts and network errors; writes only when
 * safe (idempotent, or refused with 429 before any effect). An abort is never retried.
 */
export interface TmdbRetryOptions {
  /** Retries after the first attempt (an integer ≥ 0). Default `2`. */
  limit?: number;
  /**
   * Longest `Retry-After` the client waits, in milliseconds; a longer demand ends the retries at once with a
   * `TmdbRateLimitError` carrying `retryAfterMs` (the client never comes back sooner than TMDb asked).
   * Default `10_000`.
   */
  maxRetryAfterMs?: number;
  /** First backoff step, in milliseconds (doubles per retry, jittered, capped at `maxDelayMs`). Default `300`. */
  backoffMs?: number;
  /** Longest backoff wait between two attempts, in milliseconds (does not cap `Retry-After`). Default `5_000`. */
  maxDelayMs?: number;
}

/** Options of {@link createTmdbClient}. Every field is optional; give at least one read credential. */
export interface TmdbClientOptions {
  /** v3 API key from https://www.themoviedb.org/settings/api. Reads only (sent as `?api_key=`). */
  apiKey?: string;
  /**
   * "API Read Access Token" from the same settings page. Reads, and required for the v4 sign-in flow
   * (`createRequestToken`, `createAccessToken`). It can NOT write lists (TMDb answers code 36).
   */
  readAccessToken?: string;
  /** v4 user access token from `createAccessToken`. Required for every list write and `getAccountLists`. */
  userAccessToken?: string;
  /** v4 account object id from `createAccessToken`. Required for `getAccountLists`/`findListByName`. */
  accountId?: string;
  /** Default `'https://api.themoviedb.org'`. */
  baseUrl?: string;
  /** `fetch` implementation. Default `globalThis.fetch` (looked up at call time). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds (`Infinity`: as long as a timer can wait, ~24.8 days). Default `10_000`. */
  timeoutMs?: number;
  /** Retry settings; see {@link TmdbRetryOptions}. */
  retry?: TmdbRetryOptions;
  /** Client-side limit (token bucket) under TMDb's ~40 requests/s; > 0, `Infinity` for none. Default `20`. */
  maxRequestsPerSecond?: number;
  /** Structural logger (`console`, pino …). Silent by default. Never receives keys or tokens. */
  logger?: Logger;
}

/** Options of `listItems`/`getListItems`. */
export interface ListItemsOptions extends RequestOptions {
  /** Stop after this many items. Default: all. */
  limit?: number;
}

/** A typed TMDb client: lookups and matching (v3), user sign-in (v4) and list management (v4). */
export interface TmdbClient {
  /** Search movies by title; `year` filters on the primary release year. One page (20 results). */
  searchMovie(query: string, options?: { year?: number; page?: number } & RequestOptions): Promise<MovieSearchPage>;
  /** Search TV series by name; `year` filters on the first-air year. One page (20 results). */
  searchTv(query: string, options?: { year?: number; page?: number } & RequestOptions): Promise<TvSearchPage>;
  /** Movies and series TMDb links to an IMDb id (`tt…`); empty arrays when none. */
  findByImdbId(imdbId: string, options?: RequestOptions): Promise<FindResult>;
  /** One movie. Throws `TmdbNotFoundError` for an unknown id. */
  getMovie(id: number, options?: RequestOptions): Promise<MovieDetails>;
  /** One TV series. Throws `TmdbNotFoundError` for an unknown id. */
  getTv(id: number, options?: RequestOptions): Promise<TvDetails>;
  /**
   * The TMDb entry for a film, or `null` when no single candidate is convincing. A known TMDb id wins, then
   * the IMDb id, then a title search with the year, then year ±1 and normalised titles, scored.
   */
  matchFilm(input: MatchInput, options?: RequestOptions): Promise<MatchResult | null>;

  /** Step 1 of the v4 sign-in (needs `readAccessToken`): a request token and the URL where the user approves it. */
  createRequestToken(options?: { redirectTo?: string } & RequestOptions): Promise<RequestToken>;
  /** Step 3: exchange an approved request token for the user's access token and account id. */
  createAccessToken(requestToken: string, options?: RequestOptions): Promise<AccessToken>;
  /** Revoke a user access token (sign out). */
  deleteAccessToken(accessToken: string, options?: RequestOptions): Promise<void>;

  /** Create a list; resolves to its id. Needs `userAccessToken`. */
  createList(input: CreateListInput, options?: RequestOptions): Promise<number>;
  /** One page (20 items) of a list, comments joined in. Always fresh: never served from a cache. */
  getList(id: number, options?: { page?: number } & RequestOptions): Promise<ListPage>;
  /** Every item of a list, page by page, comments joined in. Stops fetching when you stop iterating. */
  listItems(id: number, options?: ListItemsOptions): AsyncIterable<ListItem>;
  /** Collects `listItems` into an array (at most `limit` items). */
  getListItems(id: number, options?: ListItemsOptions): Promise<ListItem[]>;
  /** Change a list's name, description, visibility or sort order. */
  updateList(id: number, patch: UpdateListInput, options?: RequestOptions): Promise<void>;
  /** Add items in batches of 100; one result per item, in order ("already on the list" → `'already-present'`). */
  addItems(id: number, items: readonly ListItemRef[], options?: RequestOptions): Promise<ListItemResult[]>;
  /** Remove items in batches of 100; one result per item (not on the list → `'failed'`). */
  removeItems(id: number, items: readonly ListItemRef[], options?: RequestOptions): Promise<ListItemResult[]>;
  /** Set item comments (the only way: comments given on add are dropped by TMDb). Batches of 100. */
  updateItemComments(
    id: number,
    items: ReadonlyArray<ListItemRef & { comment: string }>,
    options?: RequestOptions,
  ): Promise<ListItemResult[]>;
  /** Remove every item (TMDb's state-changing GET, never cached or retried except on 429). */
  clearList(id: number, options?: RequestOptions): Promise<{ itemsDeleted: number }>;
  /** Delete a list for good. */
  deleteList(id: number, options?: RequestOptions): Promise<void>;
  /** Every list of `accountId` (all pages), private ones included. */
  getAccountLists(options?: RequestOptions): Promise<ListSummary[]>;
  /**
   * The account's list with this name (trimmed), or `null`. An exact match wins; otherwise a single list whose
   * name differs only in letter case is returned (a member typed "Alice" once and "alice" now), never one of
   * several such lists.
   */
  findListByName(name: string, options?: RequestOptions): Promise<ListSummary | null>;
  /** Find-or-create by name: the account's list with this name (see `findListByName`), created when missing. */
  getOrCreateList(name: string, description?: string, options?: RequestOptions): Promise<{ id: number; created: boolean }>;
  /**
   * Batch match-and-add: match every film with `matchFilm`, optionally clear the list, then add the matches in
   * order (batched, duplicates once). Unmatched films are reported, never guessed.
   */
  updateListWithMovies(
    listId: number,
    films: readonly ListFilmInput[],
    options?: { clearFirst?: boolean } & RequestOptions,
  ): Promise<UpdateListWithMoviesResult>;
}
