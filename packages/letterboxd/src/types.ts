/**
 * Public data shapes of `@lbx/letterboxd`. These are contracts other packages (`@lbx/sync`, the examples)
 * build on: change them only with a changeset and a look at every consumer.
 */

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
  slug: string;
  title: string;
  year: number | null;
  url: string;
  /** TMDb id and type, from the page's TMDB link first; `null` when the page has none. */
  tmdb: TmdbRef | null;
  /** IMDb id (`tt…`), or `null`. */
  imdbId: string | null;
  directors: string[];
}

/** A member's public profile. */
export interface Profile {
  username: string;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  /** Absolute profile URL ending in `/`. */
  url: string;
  stats: {
    filmsWatched: number | null;
    filmsThisYear: number | null;
    lists: number | null;
    following: number | null;
    followers: number | null;
  };
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
  /** Aborts the call (and any retry wait); an abort is never retried. */
  signal?: AbortSignal;
  /** Per-call timeout in milliseconds, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
}
