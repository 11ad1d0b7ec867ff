import type { TmdbRef } from '../types.js';

/** One diary entry (a watch, or a watch with a review) of a member's RSS feed. */
export interface RssEntry {
  /** Stable id of the entry, e.g. `letterboxd-watch-123` or `letterboxd-review-456` (a dedup key). */
  guid: string;
  /** `watch` for a diary entry without review, `review` for one with a review. */
  kind: 'watch' | 'review';
  /** The item title as Letterboxd writes it, e.g. `Heat, 1995 - ★★★★½`. */
  title: string;
  /** The entry's page: `/<user>/film/<slug>/`, or `/<user>/film/<slug>/<n>/` for a repeat viewing. */
  link: string;
  /** Publication time as an ISO 8601 UTC string, or `null` when missing/unreadable. Not the viewing date. */
  pubDate: string | null;
  /** The viewing date `YYYY-MM-DD`, or `null` (a review not tied to a diary date). */
  watchedDate: string | null;
  /** Whether the entry is a rewatch. */
  rewatch: boolean;
  /** The film's title, entities decoded. */
  filmTitle: string;
  /** The film's release year, or `null`. */
  filmYear: number | null;
  /** The rating logged with this entry on the 5-star scale (0.5–5.0), or `null` when unrated. */
  memberRating: number | null;
  /** Whether the member likes the film; `null` in older feeds that do not say (captures up to mid-2023 lack it). */
  memberLike: boolean | null;
  /** The film's TMDb id and type (`tmdb:movieId` → `movie`, `tmdb:tvId` → `tv`), or `null` when absent. */
  tmdb: TmdbRef | null;
  /** The film's Letterboxd slug, taken from `link`. */
  slug: string;
  /** Absolute film URL, e.g. `https://letterboxd.com/film/heat-1995/` (honours `baseUrl`). */
  filmUrl: string;
}

/**
 * A member's RSS feed (`/<username>/rss/`): the **50 most recent** diary entries and reviews, newest first.
 * List items in the feed are skipped (counted in `skippedListItems`). It is a cheap "recent changes" source,
 * never the member's full history.
 */
export interface RssFeed {
  /** The member the feed was requested for. */
  username: string;
  /** The feed URL that was read. */
  url: string;
  /** The channel title, e.g. `Letterboxd - Jane Doe`. */
  title: string;
  /** Diary entries, in feed order (newest first). */
  entries: RssEntry[];
  /** How many list items the feed held (not returned). */
  skippedListItems: number;
}
