/**
 * Public data shapes of `@lbx/letterboxd`. These are contracts other packages (`@lbx/sync`, the examples)
 * build on: change them only with a changeset and a look at every consumer.
 */
import type { Logger as InternalLogger } from '@lbx/internal';

/** A TMDb reference taken from a Letterboxd film page (or an RSS item). */
export interface TmdbRef {
  /** TMDb numeric id. */
  id: number;
  /** TMDb media type: a film is `movie`, a miniseries/TV show is `tv`. */
  type: 'movie' | 'tv';
}

/** A film as it appears in a member's listing (films, likes, watchlist, lists, export). */
export interface Film {
  /** Letterboxd slug, e.g. `mulholland-drive` (the stable key of a film on Letterboxd). */
  slug: string;
  /** Decoded display title, without the year. */
  title: string;
  /** Release year, or `null` when Letterboxd shows none. */
  year: number | null;
  /** Absolute film URL ending in `/`, e.g. `https://letterboxd.com/film/mulholland-drive/`. */
  url: string;
  /** The member's rating on the 5-star scale (0.5–5.0), or `null` when unrated or unknown. */
  rating: number | null;
  /** Whether the member liked the film; `null` where the page does not say. */
  liked: boolean | null;
  /** Letterboxd's own numeric film id as a string (not a TMDb id), or `null` when absent. */
  filmId: string | null;
}

/** A film page: identity plus its TMDb/IMDb links. */
export interface FilmDetails {
  /** Letterboxd slug, as asked for. */
  slug: string;
  /** Decoded display title, without the year. */
  title: string;
  /** Release year, or `null` when the page shows none. */
  year: number | null;
  /** Absolute film URL ending in `/`. */
  url: string;
  /** TMDb id and type, from the page's TMDB link first; `null` when the page has none. */
  tmdb: TmdbRef | null;
  /** IMDb id (`tt…`), or `null`. */
  imdbId: string | null;
  /** Directors' names in page order (complete list from JSON-LD when the masthead truncates it). */
  directors: string[];
}

/** A member's public profile. */
export interface Profile {
  /** The username as the page spells it (`data-owner`). */
  username: string;
  /** Display name; the username when the member set none. */
  displayName: string;
  /** Bio text (paragraphs separated by a blank line), or `null` when there is none. */
  bio: string | null;
  /** Absolute URL of the avatar image (220 px), or `null`. */
  avatarUrl: string | null;
  /** Absolute profile URL ending in `/`. */
  url: string;
  /** Header statistics, mapped by their link; `null` when the page does not show one. */
  stats: {
    filmsWatched: number | null;
    filmsThisYear: number | null;
    lists: number | null;
    following: number | null;
    followers: number | null;
  };
}

/** A structural logger: `console` and pino fit as they are. Silent by default. */
export type Logger = InternalLogger;

/** Options every network method accepts last. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); an abort is never retried. */
  signal?: AbortSignal;
  /**
   * Per-call timeout of each attempt in milliseconds, overriding the client's `timeoutMs`. A positive number
   * (`Infinity` waits as long as a timer can, ~24.8 days); `0`, negative or `NaN` is a `RangeError` before any request.
   */
  timeoutMs?: number;
}

/**
 * Sort orders of a member's watched-films grid (`/{user}/films/by/{sort}/`). `release` (newest release first)
 * is Letterboxd's default; `entry-rating` is the member's own rating, highest first.
 */
export type FilmsSort =
  | 'release'
  | 'release-earliest'
  | 'date'
  | 'date-earliest'
  | 'rated-date'
  | 'rated-date-earliest'
  | 'entry-rating'
  | 'entry-rating-lowest'
  | 'rating'
  | 'rating-lowest'
  | 'name'
  | 'popular'
  | 'longest'
  | 'shortest';

/** Options of the collectors (`getWatchlist`, `getFilms`, …): at most `limit` films (default: all). */
export interface LimitOptions extends RequestOptions {
  /**
   * Maximum number of films to return (an integer ≥ 0; `0` requests nothing); pages beyond it are never
   * requested. Default: every film. Anything else (`NaN`, `-1`, `2.5`) is a `RangeError`, before any request.
   */
  limit?: number;
}

/** Options of the watched-films methods. */
export interface FilmsOptions extends RequestOptions {
  /** Sort order. Default `release` (Letterboxd's own default). */
  sort?: FilmsSort;
}

/** One fetched page of a film grid, as the page iterators yield it. */
export interface FilmPage {
  /** 1-based page number. */
  page: number;
  /** Absolute URL of the page, ending in `/`. */
  url: string;
  /** The films on this page, in page order. */
  films: Film[];
  /** Whether another page follows. */
  hasNext: boolean;
}

/** One entry of a member's list: the film, plus its position when the list is ranked. */
export interface ListEntry extends Film {
  /**
   * Position in a ranked list (1-based, as the list shows it), or `null` when the list is not ranked. `rating` is
   * the list owner's rating when the list shows it (`null` otherwise); `liked` is always `null` on a list.
   */
  rank: number | null;
}

/** What a list page says about the list itself. */
export interface ListInfo {
  /** The list owner's username as the page spells it (`data-owner`), else as asked for. */
  owner: string;
  /** The list's slug, as asked for (e.g. `best-of-the-decade`). */
  slug: string;
  /** The list's name, decoded. */
  name: string;
  /** The list's description as plain text (paragraphs separated by a blank line), or `null` when there is none. */
  description: string | null;
  /** Absolute URL of the list's first page, ending in `/`. */
  url: string;
  /** Whether the list is ranked (its entries are numbered). */
  ranked: boolean;
  /** Number of films on the list when the page states it, else `null`. */
  total: number | null;
}

/** One page of a member's list (100 entries a page). */
export interface ListPage extends FilmPage {
  /** The entries on this page, in list order. */
  films: ListEntry[];
  /** The list's name, description and owner, as this page states them. */
  list: ListInfo;
}

/** A member's list as read by `getList`: its details and its entries in list order (up to `limit`). */
export interface MemberList extends ListInfo {
  /** The entries, in list order. */
  films: ListEntry[];
}
