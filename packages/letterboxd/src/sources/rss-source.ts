import type { RssEntry, RssFeed } from '../rss/rss-types.js';
import type { Film, TmdbRef } from '../types.js';
import { LetterboxdNoTopRatedFilmsError } from './no-top-rated-films-error.js';
import { rankTopRated } from './rank-top-rated.js';

/** The part of the Letterboxd client an RSS source needs. */
export interface RssFeedReader {
  /** Reads the member's feed (as `LetterboxdClient.getRssFeed` does). */
  getRssFeed(username: string, options?: { signal?: AbortSignal }): Promise<RssFeed>;
}

/** A top-rated film from the feed: a {@link Film} plus the TMDb id the feed gives (exact matching). */
export interface RssFilm extends Film {
  /** From `tmdb:movieId`/`tmdb:tvId`; `null` only in older feeds without the `tmdb` namespace. */
  tmdb: TmdbRef | null;
  /** Always `null`: the feed carries no IMDb id. */
  imdbId: null;
  /** The feed entry this film comes from (the member's latest entry for it). */
  entry: RssEntry;
}

/** A `FilmSource` (as `@lbx/sync` defines it) backed by a member's RSS feed. */
export interface RssSource {
  /**
   * The films of the member's feed that are rated and liked: one per film (its latest entry wins), best rating
   * first, then most recent entry, then title; at most `limit` (default: all). One request.
   *
   * The feed holds only the **50 most recent diary entries**, so this is a cheap "recent favourites" view,
   * not the member's full top-rated list. Each film carries its TMDb id (`tmdb`), so the sync resolves it
   * exactly, without a search.
   *
   * @throws {LetterboxdNoTopRatedFilmsError} when the feed has no entry that is rated and liked (never an empty result).
   * @throws the client's errors (`LetterboxdNotFoundError`, `LetterboxdBlockedError`, `LetterboxdParseError` for a feed that does not parse…).
   */
  getTopRated(username: string, options?: { limit?: number; signal?: AbortSignal }): Promise<RssFilm[]>;
}

/**
 * Makes a film source from a member's RSS feed, read with `client.getRssFeed()` (the Letterboxd client's
 * pacing, retries and errors apply).
 */
export function createRssSource(client: RssFeedReader): RssSource {
  return {
    async getTopRated(username, { limit, signal } = {}) {
      const feed = await client.getRssFeed(username, { signal });
      const none = (detail: string) =>
        new LetterboxdNoTopRatedFilmsError({ source: 'rss', username, url: feed.url, detail, attempts: 1 });
      if (feed.entries.length === 0) throw none('the feed has no diary entries');
      if (feed.entries.every((entry) => entry.memberLike === null)) {
        throw none('the feed does not say which films are liked (no letterboxd:memberLike: an older feed format)');
      }
      const top = latestPerFilm(feed.entries).filter((e) => e.memberRating !== null && e.memberLike === true);
      if (top.length === 0) throw none(`none of its ${feed.entries.length} diary entries is rated and liked`);
      const ranked = rankTopRated(
        top,
        (e) => ({ rating: e.memberRating, when: e.pubDate, title: e.filmTitle, slug: e.slug }),
        limit,
      );
      return ranked.map(
        (entry): RssFilm => ({
          slug: entry.slug,
          title: entry.filmTitle,
          year: entry.filmYear,
          url: entry.filmUrl,
          rating: entry.memberRating,
          liked: true,
          filmId: null,
          tmdb: entry.tmdb,
          imdbId: null,
          entry,
        }),
      );
    },
  };
}

/** Keeps one entry per film — the most recently published (feed order breaks ties: it is newest first). */
function latestPerFilm(entries: readonly RssEntry[]): RssEntry[] {
  const byFilm = new Map<string, RssEntry>();
  for (const entry of entries) {
    const key = entry.slug;
    const kept = byFilm.get(key);
    if (!kept || (entry.pubDate !== null && (kept.pubDate === null || entry.pubDate > kept.pubDate))) {
      byFilm.set(key, entry);
    }
  }
  return [...byFilm.values()];
}
