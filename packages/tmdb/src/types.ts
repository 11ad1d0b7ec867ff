/**
 * Public data shapes of `@lbx/tmdb`. `@lbx/sync` and the examples build on these: change them only with a
 * changeset and a look at every consumer.
 */

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

/** The documented `sort_by` values of a v4 list. */
export type ListSortBy =
  | 'original_order.asc'
  | 'original_order.desc'
  | 'vote_average.asc'
  | 'vote_average.desc'
  | 'primary_release_date.asc'
  | 'primary_release_date.desc'
  | 'title.asc'
  | 'title.desc'
  | 'release_date.asc'
  | 'release_date.desc';

/** One page of a v4 list. */
export interface ListPage {
  id: number;
  name: string;
  description: string;
  public: boolean;
  sortBy: ListSortBy | string;
  page: number;
  totalPages: number;
  totalResults: number;
  items: ListItem[];
}

/** What `matchFilm` is given. A known TMDb id wins, then the IMDb id, then title + year search. */
export interface MatchInput {
  title: string;
  year: number | null;
  tmdbId?: number | null;
  tmdbType?: MediaType | null;
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
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Options every network method accepts last. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}
