import { syncUser } from './sync-user.js';
import { SyncOptionsError } from './errors.js';
import { mapPool } from './internal/map-pool.js';
import { assertUsername, resolveConcurrency, resolveSyncOptions } from './sync-options.js';
import type { SyncDeps, SyncResult, SyncUsersOptions } from './sync-types.js';

/**
 * Sync several members, `concurrency` at a time (default 1), with the same options. One member's failure
 * never stops the others: each gets its own {@link SyncResult}, in the order of `usernames`. Rejects only for
 * invalid options or usernames (before any request) or when `options.signal` aborts.
 */
export async function syncUsers(
  usernames: readonly string[],
  deps: SyncDeps,
  options: SyncUsersOptions = {},
): Promise<SyncResult[]> {
  const concurrency = resolveConcurrency(options);
  resolveSyncOptions(options);
  if (!Array.isArray(usernames)) throw new SyncOptionsError('usernames', usernames, 'an array of usernames');
  for (const username of usernames) assertUsername(username);
  const { concurrency: _ignored, ...memberOptions } = options;
  return mapPool(usernames, concurrency, (username) => syncUser(username, deps, memberOptions));
}
