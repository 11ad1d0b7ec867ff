import type { Film, LetterboxdClient, Profile } from '@lbx/letterboxd';
import { normalizeUsername } from '@lbx/sync';
import type { ReadCache } from './read-cache';

/** The Letterboxd reads the API serves, cached and coalesced per member (keys are case-insensitive). */
export interface LetterboxdReads {
  profile(username: string): Promise<Profile>;
  /** The member's whole watchlist (every page), in Letterboxd's order. */
  watchlist(username: string): Promise<Film[]>;
  /** Every film the member both rated and liked, best rating first. */
  topRated(username: string): Promise<Film[]>;
}

/**
 * Wrap `client` with `cache`. The upstream calls get no request's abort signal on purpose: a load is shared
 * by every caller waiting for it, so one client hanging up must not cancel it for the others.
 */
export function createLetterboxdReads(client: LetterboxdClient, cache: ReadCache): LetterboxdReads {
  const key = (kind: string, username: string) => `${kind}:${normalizeUsername(username)}`;
  return {
    profile: (username) => cache.fetch(key('profile', username), () => client.getProfile(username)),
    watchlist: (username) => cache.fetch(key('watchlist', username), () => client.getWatchlist(username)),
    topRated: (username) => cache.fetch(key('top-rated', username), () => client.getTopRated(username)),
  };
}
