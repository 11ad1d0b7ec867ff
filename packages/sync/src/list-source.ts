/**
 * What `syncList` needs from a source beyond `getTopRated`: one optional method per kind of list. The port is
 * structural and minimal — `createLetterboxdClient()` from `@lbx/letterboxd` satisfies it as is (scraping),
 * and so can any other client (an API client) that offers the same calls. A definition whose kind the source
 * does not offer is refused before any request (`SyncOptionsError`).
 *
 * Every method must throw (never return `[]`) when it could not read the films, and must stop reading once it
 * has `limit` films (when given).
 */
import type { FilmSource, SourceFilm } from './film-source.js';

/** Options every read of the port receives. */
export interface ListSourceReadOptions {
  /** At most this many films (in the source's order); absent: all. */
  limit?: number;
  signal?: AbortSignal;
}

/** A source of a member's films for every kind of list definition. */
export interface ListSource extends FilmSource {
  /** The member's watchlist, newest addition first (`watchlist` definitions). */
  getWatchlist?(username: string, options?: ListSourceReadOptions): Promise<readonly SourceFilm[]>;
  /** The films the member liked, most recent like first (`liked` definitions). */
  getLikedFilms?(username: string, options?: ListSourceReadOptions): Promise<readonly SourceFilm[]>;
  /**
   * The films the member logged; `rated` definitions ask for `sort: 'entry-rating'` (the member's rating, best
   * first, unrated films last) and keep the rated ones.
   */
  getFilms?(username: string, options?: ListSourceReadOptions & { sort?: 'entry-rating' }): Promise<readonly SourceFilm[]>;
  /** A member's list `/{owner}/list/{slug}/`, in list order (`list` definitions); `rating` is the owner's. */
  getList?(owner: string, slug: string, options?: ListSourceReadOptions): Promise<{ films: readonly SourceFilm[] }>;
}
