import { syncUser } from './sync-user.js';
import { SyncMemberError, SyncOptionsError } from './errors.js';
import { adoptLegacyKey } from './internal/adopt-legacy-key.js';
import { emptyResultBase } from './internal/empty-result.js';
import { mapPool } from './internal/map-pool.js';
import { normalizeUsernames } from './normalize-username.js';
import { assertUsername, resolveSyncOptions } from './sync-options.js';
import type { FailedResult, SyncDeps, SyncOptions, SyncResult, SyncResultBase } from './sync-types.js';

/** Options of {@link syncUsers}: every {@link SyncOptions} field (applied to each member), plus these. */
export interface SyncUsersOptions extends SyncOptions {
  /** How many members sync at the same time (integer ≥ 1). Default `1`. */
  concurrency?: number;
  /**
   * Graceful stop (a shutdown): once aborted, members not yet started are not synced and get a
   * {@link SkippedResult}; members in progress finish normally. Unlike `signal`, `syncUsers` still resolves.
   */
  stopSignal?: AbortSignal;
  /** Called as each member's turn starts, with the normalised username. A throwing callback is ignored. */
  onMemberStart?: (username: string) => void;
  /** Called with each member's result (skipped ones included) as soon as it is known. A throwing callback is ignored. */
  onMemberDone?: (result: SyncUsersResult) => void;
}

/** `stopSignal` aborted before the member's turn: nothing was read or written for them. */
export interface SkippedResult extends SyncResultBase {
  status: 'skipped';
  reason: 'stopped';
  /** Human-readable explanation. */
  message: string;
}

/** Result of one member in {@link syncUsers}: a {@link SyncResult}, or {@link SkippedResult} after a stop. */
export type SyncUsersResult = SyncResult | SkippedResult;

/**
 * Sync several members, `concurrency` at a time (default 1, polite to both sites), with the same options.
 *
 * Usernames are normalised first ({@link normalizeUsernames}: trimmed, lower-cased, de-duplicated), so the
 * results follow that list, and each member is keyed by the normalised name. A mapping an older store keeps
 * under a differently-cased key ("Alice") is moved to the normalised key before the member syncs (not in a
 * dry run), so the member keeps their list. `deps.source` may be a function picking each member's source.
 *
 * One member's failure never stops the others: each gets its own result. Rejects only for invalid options or
 * usernames (before any request) or when `options.signal` aborts (with its reason; `onMemberDone` has reported
 * the members finished by then). For a graceful stop use `stopSignal`.
 *
 * @example
 * const stop = new AbortController(); // stop.abort() on SIGTERM: the member in progress finishes
 * const results = await syncUsers(['Alice', 'bob'], { source: (u) => sourceOf(u), tmdb, store }, {
 *   stopSignal: stop.signal,
 *   onMemberDone: (r) => console.log(`${r.username}: ${r.status}`),
 * });
 */
export async function syncUsers(
  usernames: readonly string[],
  deps: SyncDeps,
  options: SyncUsersOptions = {},
): Promise<SyncUsersResult[]> {
  const { concurrency = 1, stopSignal, onMemberStart, onMemberDone, ...memberOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SyncOptionsError('concurrency', concurrency, 'an integer ≥ 1');
  }
  if (stopSignal !== undefined && typeof (stopSignal as { aborted?: unknown } | null)?.aborted !== 'boolean') {
    throw new SyncOptionsError('stopSignal', stopSignal, 'an AbortSignal');
  }
  for (const [name, value] of [['onMemberStart', onMemberStart], ['onMemberDone', onMemberDone]] as const) {
    if (value !== undefined && typeof value !== 'function') throw new SyncOptionsError(name, value, 'a function');
  }
  const { dryRun } = resolveSyncOptions(memberOptions);
  if (!Array.isArray(usernames)) throw new SyncOptionsError('usernames', usernames, 'an array of usernames');
  for (const username of usernames) assertUsername(username);

  const notify = <T>(callback: ((value: T) => void) | undefined, value: T): void => {
    try {
      callback?.(value);
    } catch {
      // A listener's bug must not break the run.
    }
  };
  const syncMember = async (username: string): Promise<SyncUsersResult> => {
    if (stopSignal?.aborted) return skipped(username, dryRun);
    notify(onMemberStart, username);
    try {
      if (!dryRun) await adoptLegacyKey(deps.store, username);
    } catch (error) {
      memberOptions.signal?.throwIfAborted();
      const result = failed(username, dryRun, new SyncMemberError(username, 'store', error));
      notify(memberOptions.onEvent, { type: 'member-finished', username, result });
      return result;
    }
    return syncUser(username, deps, memberOptions);
  };
  return mapPool(normalizeUsernames(usernames), concurrency, async (username) => {
    const result = await syncMember(username);
    notify(onMemberDone, result);
    return result;
  });
}

function skipped(username: string, dryRun: boolean): SkippedResult {
  return {
    ...emptyResultBase(username, dryRun),
    status: 'skipped',
    reason: 'stopped',
    message: `Not synced: the run was stopped before "${username}"'s turn. The next run syncs them.`,
  };
}

function failed(username: string, dryRun: boolean, error: SyncMemberError): FailedResult {
  return { ...emptyResultBase(username, dryRun), status: 'failed', error };
}
