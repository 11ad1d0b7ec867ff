import { LetterboxdExportError, EXPORT_SETTINGS_URL } from '../export/export-error.js';
import type { ExportFilm, LetterboxdExport } from '../export/export-types.js';
import type { TmdbRef } from '../types.js';
import { LetterboxdNoTopRatedFilmsError } from './no-top-rated-films-error.js';
import { rankTopRated } from './rank-top-rated.js';
import type { RssFeedReader } from './rss-source.js';

/** What a film page tells about a film: the part of `LetterboxdClient.getFilm` an export source uses. */
export interface FilmPageReader {
  /** Reads the film page of `slug` (as `LetterboxdClient.getFilm` does). */
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
  /**
   * A Letterboxd client (or anything with its `getRssFeed`). When given, `getTopRated` also reads the member's
   * RSS feed (one request) and gives the films found there — the 50 most recent diary entries, matched on
   * title + year, unambiguous matches only — their exact TMDb id, so the sync needs no search for them. If the
   * feed cannot be read (blocked, not found, unparseable) the films are returned without ids, as without this
   * option; only an abort is rethrown. Default: none.
   */
  rss?: RssFeedReader;
}

/** A film of an export source: an {@link ExportFilm}, with the TMDb id when the RSS feed supplied it. */
export interface ExportSourceFilm extends ExportFilm {
  /** Set only with the `rss` option, for films found in the member's feed. */
  tmdb?: TmdbRef;
}

/** A `FilmSource` (as `@lbx/sync` defines it) backed by a member's data export. */
export interface ExportSource {
  /**
   * The member's films that are both rated (`ratings.csv`) and liked (`likes/films.csv`), joined on the
   * Letterboxd URI: best rating first, then most recently rated, then title; at most `limit` (default: all).
   * No network. The films carry no TMDb id (the export has none): the sync matches them by title and year.
   *
   * @throws {LetterboxdExportError} `wrong-member` when `username` is not the export's member; `missing-likes` when the
   *   export predates `likes/films.csv`.
   * @throws {LetterboxdNoTopRatedFilmsError} when no film is both rated and liked (never an empty result).
   */
  getTopRated(username: string, options?: { limit?: number; signal?: AbortSignal }): Promise<ExportSourceFilm[]>;
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
        throw new LetterboxdExportError(
          `This export belongs to "${owner}", not to "${username}". Pass the export of "${username}" (each member ` +
            `downloads their own from ${EXPORT_SETTINGS_URL}).`,
          { reason: 'wrong-member', username },
        );
      }
      if (exportData.likes === null) {
        throw new LetterboxdExportError(
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
        throw new LetterboxdNoTopRatedFilmsError({ source: 'export', username, url: '', detail });
      }
      const ranked: ExportSourceFilm[] = rankTopRated(top, (film) => ({ ...film, when: film.date }), limit);
      if (!options.rss) return ranked;
      const ids = await feedIds(options.rss, username, signal);
      return ranked.map((film) => {
        const tmdb = ids.get(titleYear(film.title, film.year));
        return tmdb ? { ...film, tmdb } : film;
      });
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

function titleYear(title: string, year: number | null): string {
  return `${title.normalize('NFC')}\u0000${year ?? ''}`;
}

/** TMDb ids of the member's recent feed entries by title + year; keys naming two different films are dropped. */
async function feedIds(rss: RssFeedReader, username: string, signal: AbortSignal | undefined) {
  const ids = new Map<string, TmdbRef>();
  let feed;
  try {
    feed = await rss.getRssFeed(username, { signal });
  } catch {
    signal?.throwIfAborted();
    return ids; // the feed only saves searches: without it the sync matches by title and year
  }
  const ambiguous = new Set<string>();
  for (const entry of feed.entries) {
    if (!entry.tmdb) continue;
    const key = titleYear(entry.filmTitle, entry.filmYear);
    const known = ids.get(key);
    if (known && (known.id !== entry.tmdb.id || known.type !== entry.tmdb.type)) ambiguous.add(key);
    ids.set(key, entry.tmdb);
  }
  for (const key of ambiguous) ids.delete(key);
  return ids;
}
