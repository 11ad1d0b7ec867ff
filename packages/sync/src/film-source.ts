/**
 * What the sync needs from a Letterboxd source. `createLetterboxdClient()` from `@lbx/letterboxd` satisfies
 * it as is (scraping); `createExportSource()` / `createRssSource()` satisfy it too. The interface is structural
 * so sources never import `@lbx/sync`.
 */
import type { FilmProvenance } from './ledger/ledger-types.js';

/** A film as a source hands it to the sync. `Film` from `@lbx/letterboxd` is assignable to it. */
export interface SourceFilm {
  /** Stable key of the film within its source (Letterboxd slug); the film-resolution cache is keyed by it. */
  slug: string;
  /** Display title, without the year; used to search TMDb when no id is known. */
  title: string;
  /** Release year, or `null` when the source does not know it. */
  year: number | null;
  /** The member's rating on the 5-star scale, or `null`. */
  rating: number | null;
  /** When the source already knows the TMDb id (RSS, a cached page), the sync uses it without a lookup. */
  tmdb?: { id: number; type: 'movie' | 'tv' } | null;
  /** IMDb id when the source knows it. */
  imdbId?: string | null;
  /**
   * Where the rating and the like came from (the ledger source sets it). The sync passes it on in
   * `matchedFilms` and `film-resolved` events.
   */
  provenance?: FilmProvenance;
}

/** What a source can say about one film when asked to resolve it (a Letterboxd film page). */
export interface SourceFilmDetails {
  tmdb: { id: number; type: 'movie' | 'tv' } | null;
  imdbId: string | null;
}

/** A source of a member's films. */
export interface FilmSource {
  /**
   * The member's top-rated films (rated AND liked), best rating first, at most `limit` of them. Must throw
   * (never return `[]`) when the source could not read the member's films.
   */
  getTopRated(
    username: string,
    options?: { limit?: number; signal?: AbortSignal },
  ): Promise<readonly SourceFilm[]>;
  /** Optional: resolve one film's TMDb/IMDb id (the scraper reads the film page). */
  getFilm?(slug: string, options?: { signal?: AbortSignal }): Promise<SourceFilmDetails>;
}

/**
 * Picks a member's source when their sync starts (e.g. their data export when one is stored, else the site).
 * Called once per sync with the username as the sync keys it, inside the member's lock; a throw or rejection
 * fails that member's sync at the `fetch-films` stage (with the error as `cause`), never the other members.
 */
export type FilmSourceFor = (username: string, options: { signal?: AbortSignal }) => FilmSource | Promise<FilmSource>;
