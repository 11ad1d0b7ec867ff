import { ExportError, EXPORT_SETTINGS_URL } from '../export/export-error.js';
import type { ExportFilm, LetterboxdExport } from '../export/export-types.js';
import type { TmdbRef } from '../types.js';
import { NoTopRatedFilmsError } from './no-top-rated-films-error.js';
import { rankTopRated } from './rank-top-rated.js';

/** What a film page tells about a film: the part of `LetterboxdClient.getFilm` an export source uses. */
export interface FilmPageReader {
  getFilm(slug: string, options?: { signal?: AbortSignal }): Promise<{ tmdb: TmdbRef | null; imdbId: string | null }>;
}

/** Options of {@link createExportSource}. */
export interface ExportSourceOptions {
  /**
   * A Letterboxd client (or anything with its `getFilm`). When given, the source gets a `getFilm` that reads the
   * film page for films whose key is a real slug (2020-era exports); films keyed by a boxd.it code
   * (`boxd:<code>`) or by title resolve to `{ tmdb: null, imdbId: null }`, so the sync searches TMDb by title
   * and year. Default: none (no network at all; every film is matched by title + year).
   */
  client?: FilmPageReader;
}

/** A `FilmSource` (as `@lbx/sync` defines it) backed by a member's data export. */
export interface ExportSource {
  /**
   * The member's films that are both rated (`ratings.csv`) and liked (`likes/films.csv`), joined on the
   * Letterboxd URI: best rating first, then most recently rated, then title; at most `limit` (default: all).
   * No network. The films carry no TMDb id (the export has none): the sync matches them by title and year.
   *
   * @throws {ExportError} `wrong-member` when `username` is not the export's member; `missing-likes` when the
   *   export predates `likes/films.csv`.
   * @throws {NoTopRatedFilmsError} when no film is both rated and liked (never an empty result).
   */
  getTopRated(username: string, options?: { limit?: number; signal?: AbortSignal }): Promise<ExportFilm[]>;
  /** Present only with the `client` option; see {@link ExportSourceOptions.client}. */
  getFilm?(slug: string, options?: { signal?: AbortSignal }): Promise<{ tmdb: TmdbRef | null; imdbId: string | null }>;
}

/**
 * Makes a film source from a data export read with `readExport()`, for members who cannot or do not want to be
 * scraped. Plug it into `syncUser(username, { source, tmdb, store })` in place of the scraping client.
 */
export function createExportSource(exportData: LetterboxdExport, options: ExportSourceOptions = {}): ExportSource {
  const owner = exportData.profile?.username ?? null;
  const source: ExportSource = {
    async getTopRated(username, { limit, signal } = {}) {
      signal?.throwIfAborted();
      if (owner !== null && owner.toLowerCase() !== username.toLowerCase()) {
        throw new ExportError(
          `This export belongs to "${owner}", not to "${username}". Pass the export of "${username}" (each member ` +
            `downloads their own from ${EXPORT_SETTINGS_URL}).`,
          { reason: 'wrong-member', username },
        );
      }
      if (exportData.likes === null) {
        throw new ExportError(
          `The export of "${username}" has no likes/films.csv (exports made before ~2023 lack it), so liked films ` +
            `are unknown. Download a fresh export from ${EXPORT_SETTINGS_URL}.`,
          { reason: 'missing-likes', username, file: 'likes/films.csv' },
        );
      }
      const top = exportData.ratings.filter((film) => film.rating !== null && film.liked === true);
      if (top.length === 0) {
        const detail =
          exportData.ratings.length === 0
            ? 'ratings.csv is empty'
            : `none of its ${exportData.ratings.length} rated films is in likes/films.csv`;
        throw new NoTopRatedFilmsError({ source: 'export', username, url: '', detail });
      }
      return rankTopRated(top, (film) => ({ ...film, when: film.date }), limit);
    },
  };
  const client = options.client;
  if (client) {
    source.getFilm = async (slug, { signal } = {}) => {
      signal?.throwIfAborted();
      // Keys with a prefix (boxd:, title:, uri:) are not film slugs: there is no page to read.
      if (slug.includes(':')) return { tmdb: null, imdbId: null };
      const film = await client.getFilm(slug, { signal });
      return { tmdb: film.tmdb, imdbId: film.imdbId };
    };
  }
  return source;
}
