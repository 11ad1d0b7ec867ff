import { applyEvents } from './apply-ledger.js';
import { SyncLedgerFeedError } from './ledger-errors.js';
import type { LedgerApplyReport, LedgerEvent, MemberLedger } from './ledger-types.js';
import { updateLedger, withIds, type LedgerDeps } from './update-ledger.js';

/** One diary entry of a member's feed; `RssEntry` from `@lbx/letterboxd` fits as it is. */
export interface LedgerFeedEntry {
  guid: string;
  /** Publication time (ISO 8601), or `null`. */
  pubDate: string | null;
  filmTitle: string;
  filmYear: number | null;
  slug: string;
  memberRating: number | null;
  /** `null` in feeds without `memberLike` (before ~2023). */
  memberLike: boolean | null;
  tmdb: { id: number; type: 'movie' | 'tv' } | null;
}

/** A member's feed; `RssFeed` from `@lbx/letterboxd` fits as it is. */
export interface LedgerFeed {
  url: string;
  entries: readonly LedgerFeedEntry[];
}

/** Reads a member's RSS feed: `createLetterboxdClient()` from `@lbx/letterboxd` fits as it is. */
export interface LedgerFeedReader {
  getRssFeed(username: string, options?: { signal?: AbortSignal }): Promise<LedgerFeed>;
}

/** Dependencies of {@link refreshLedger}. */
export interface RefreshLedgerDeps extends LedgerDeps {
  /** Reads the feed (one request). */
  feed: LedgerFeedReader;
}

/** Options of {@link refreshLedger}. */
export interface RefreshLedgerOptions {
  signal?: AbortSignal;
  /** Clock for `feedReadAt`. Default `() => new Date()`. */
  now?: () => Date;
}

/** What a refresh did. */
export type LedgerRefreshResult =
  | {
      status: 'refreshed';
      username: string;
      /** The feed URL read. */
      url: string;
      /** Diary entries in the feed. */
      entries: number;
      /** What applying them changed (`report.changed === false`: nothing new). */
      report: LedgerApplyReport;
    }
  | {
      status: 'failed';
      username: string;
      /** The feed could not be read or parsed; the ledger is unchanged. */
      error: SyncLedgerFeedError;
    };

/** Feed entries as ledger events. */
export function feedEvents(feed: LedgerFeed): LedgerEvent[] {
  return feed.entries.map((entry) => ({
    guid: entry.guid,
    publishedAt: entry.pubDate,
    title: entry.filmTitle,
    year: entry.filmYear,
    slug: entry.slug,
    tmdb: entry.tmdb,
    rating: entry.memberRating,
    liked: entry.memberLike,
  }));
}

/**
 * Reads the member's RSS feed (one request) and applies its entries to their ledger (see
 * {@link applyLedgerEvents}). A feed that cannot be read or parsed leaves the ledger exactly as it was and
 * resolves with `status: 'failed'` (a {@link SyncLedgerFeedError}); it never empties anything.
 *
 * Rejects only when `signal` aborts, when the store has no `ledger` (`SyncOptionsError`) or when the store fails
 * (a corrupt ledger file: `SyncMappingStoreError`, the file untouched).
 */
export async function refreshLedger(
  username: string,
  deps: RefreshLedgerDeps,
  options: RefreshLedgerOptions = {},
): Promise<LedgerRefreshResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  let feed: LedgerFeed;
  let events: LedgerEvent[];
  try {
    feed = await deps.feed.getRssFeed(username, { signal });
    events = feedEvents(feed);
  } catch (error) {
    signal?.throwIfAborted();
    return { status: 'failed', username, error: new SyncLedgerFeedError(username, error) };
  }
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const report = await updateLedger(
    username,
    deps,
    events,
    (ledger, ids) => applyEvents(ledger, withIds(events, ids)),
    (ledger): MemberLedger => ({ ...ledger, feedReadAt: readAt }),
  );
  return { status: 'refreshed', username, url: feed.url, entries: events.length, report };
}
