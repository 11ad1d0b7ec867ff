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

/** The Letterboxd reads the API serves, cached and coalesced per member (keys are case-insensitive). */
export interface LetterboxdReads {
  profile(username: string): Promise<Profile>;
  /** The member's whole watchlist (every page), in Letterboxd's order. */
  watchlist(username: string): Promise<Film[]>;
  /**
   * Every film the member both rated and liked, best rating first, from the member's source (`LETTERBOXD_SOURCE`:
   * the site, their stored export, or their film ledger — after a refused scrape in `auto` mode), and which
   * source answered.
   */
  topRated(username: string): Promise<{ source: SourceKind; films: TopRatedFilm[] }>;
}

/**
 * Wrap the runtime's client and sources with `cache`. The upstream calls get no request's abort signal on
 * purpose: a load is shared by every caller waiting for it, so one client hanging up must not cancel it for the
 * others.
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
    profile: (username) => cache.fetch(key('profile', username), () => client.getProfile(username)),
    watchlist: (username) => cache.fetch(key('watchlist', username), () => client.getWatchlist(username)),
    topRated: (username) =>
      cache.fetch(key('top-rated', username), async () => {
        const member = await runtime.sourceFor(username);
        const films = await member.source.getTopRated(username);
        return {
          source: member.kind,
          films: films.map((film) => ({ slug: film.slug, title: film.title, year: film.year, rating: film.rating, url: urlOf(film) })),
        };
      }),
  };
}
