import { SyncOptionsError } from './errors.js';
import type { SortBy, SortOrder } from './paginate.js';
import type { SyncEvent, SyncOptions } from './sync-types.js';

/** @internal Options with every default applied. */
export interface ResolvedSyncOptions {
  limit: number;
  sortBy: SortBy;
  order: SortOrder;
  listName: (username: string) => string;
  description: (username: string) => string;
  public: boolean;
  dryRun: boolean;
  maxRemovalRatio: number;
  force: boolean;
  retryUnmatchedAfterMs: number;
  onEvent: ((event: SyncEvent) => void) | undefined;
  signal: AbortSignal | undefined;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** @internal Validate options (throwing {@link SyncOptionsError}) and apply defaults. */
export function resolveSyncOptions(options: SyncOptions): ResolvedSyncOptions {
  const {
    limit = 20,
    sortBy = 'rating',
    order = 'desc',
    listName = (username: string) => `${username}'s Top Rated Movies`,
    description,
    maxRemovalRatio = 0.5,
    retryUnmatchedAfterMs = WEEK_MS,
  } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new SyncOptionsError('limit', limit, 'an integer from 1 to 1000');
  }
  if (sortBy !== 'rating' && sortBy !== 'title' && sortBy !== 'year') {
    throw new SyncOptionsError('sortBy', sortBy, '"rating", "title" or "year"');
  }
  if (order !== 'asc' && order !== 'desc') throw new SyncOptionsError('order', order, '"asc" or "desc"');
  if (typeof listName !== 'function') throw new SyncOptionsError('listName', listName, 'a function (username) => name');
  if (description !== undefined && typeof description !== 'string' && typeof description !== 'function') {
    throw new SyncOptionsError('description', description, 'a string or a function (username) => string');
  }
  if (typeof maxRemovalRatio !== 'number' || !(maxRemovalRatio >= 0 && maxRemovalRatio <= 1)) {
    throw new SyncOptionsError('maxRemovalRatio', maxRemovalRatio, 'a number from 0 to 1');
  }
  if (typeof retryUnmatchedAfterMs !== 'number' || !(retryUnmatchedAfterMs >= 0)) {
    throw new SyncOptionsError('retryUnmatchedAfterMs', retryUnmatchedAfterMs, 'a number of milliseconds ≥ 0');
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    throw new SyncOptionsError('onEvent', options.onEvent, 'a function');
  }
  return {
    limit,
    sortBy,
    order,
    listName,
    description:
      typeof description === 'function'
        ? description
        : (username) => description ?? `Films and TV the Letterboxd member ${username} rated and liked, best first, kept in sync by lbx.`,
    public: options.public ?? true,
    dryRun: options.dryRun ?? false,
    maxRemovalRatio,
    force: options.force ?? false,
    retryUnmatchedAfterMs,
    onEvent: options.onEvent,
    signal: options.signal,
  };
}

/** @internal A member name must be a non-empty string (it names the list and keys the mapping). */
export function assertUsername(username: unknown): asserts username is string {
  if (typeof username !== 'string' || username.trim() === '') {
    throw new SyncOptionsError('username', username, 'a non-empty Letterboxd username');
  }
}
