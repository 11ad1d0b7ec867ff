import type { Film, Profile } from '@lbx/letterboxd';
import type { SourceKind, SyncRuntime } from '@lbx/example-shared';
import { normalizeUsername, type SourceFilm } from '@lbx/sync';
import type { ReadCache } from './read-cache';

/** A top-rated film as the API serves it, whichever source answered. */
export interface TopRatedFilm {
  slug: string;
  title: string;
  year: number | null;
  rating: number | null;
  /** The film's Letterboxd page (or the export's short link), `''` when unknown. */
  url: string;
}

/** `signal`: the HTTP request's; see {@link createLetterboxdReads}. */
type ReadOptions = { signal?: AbortSignal };

/**
 * The Letterboxd reads the API serves, cached and coalesced per member (keys are case-insensitive). Each takes
 * the caller's `signal` (the HTTP request's): a caller that goes away stops waiting at once, and the upstream
 * read stops when no caller waits for it any more.
 */
export interface LetterboxdReads {
  profile(username: string, options?: ReadOptions): Promise<Profile>;
  /** The member's whole watchlist (every page), in Letterboxd's order. */
  watchlist(username: string, options?: ReadOptions): Promise<Film[]>;
  /**
   * Every film the member both rated and liked, best rating first, from the member's source (`LETTERBOXD_SOURCE`:
   * the site, their stored export, or their film ledger — after a refused scrape in `auto` mode), and which
   * source answered.
   */
  topRated(username: string, options?: ReadOptions): Promise<{ source: SourceKind; films: TopRatedFilm[] }>;
}

/**
 * Wrap the runtime's client and sources with `cache`. A load is shared by every caller waiting for it: it gets
 * the cache's signal, which aborts only when the last of them has gone (one client hanging up does not cancel
 * it for the others). The server passes a runtime whose client has its own bounded queue (`READ_QUEUE_MAX`).
 */
export function createLetterboxdReads(
  runtime: Pick<SyncRuntime, 'letterboxd' | 'sourceFor'>,
  cache: ReadCache,
  baseUrl: string,
): LetterboxdReads {
  const key = (kind: string, username: string) => `${kind}:${normalizeUsername(username)}`;
  const client = runtime.letterboxd;
  const urlOf = (film: SourceFilm & { url?: string }) =>
    film.url ?? (film.slug.includes(':') ? '' : `${baseUrl}/film/${film.slug}/`);
  return {
    profile: (username, { signal } = {}) =>
      cache.fetch(key('profile', username), (upstream) => client.getProfile(username, { signal: upstream }), { signal }),
    watchlist: (username, { signal } = {}) =>
      cache.fetch(key('watchlist', username), (upstream) => client.getWatchlist(username, { signal: upstream }), { signal }),
    topRated: (username, { signal } = {}) =>
      cache.fetch(key('top-rated', username), async (upstream) => {
        const member = await runtime.sourceFor(username, { signal: upstream });
        const films = await member.source.getTopRated(username, { signal: upstream });
        return {
          source: member.kind,
          films: films.map((film) => ({ slug: film.slug, title: film.title, year: film.year, rating: film.rating, url: urlOf(film) })),
        };
      }, { signal }),
  };
}
