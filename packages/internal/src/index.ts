/**
 * `@lbx/internal` (private, never published): the code the published lbx packages share. tsup bundles it into
 * each package (`noExternal`), so no published package depends on it at runtime and no `.d.ts` names it.
 */
export { backoffDelay, isRetryableStatus } from './backoff.js';
export { type Logger, silentLogger } from './logger.js';
export { type NumberRule, numberOptionProblem } from './option-checks.js';
export { parseRetryAfter } from './retry-after.js';
export {
  type AttemptOutcome,
  type GiveUpReason,
  type RetryHooks,
  resolveRetryPolicy,
  type RetryPolicy,
  retryLoop,
} from './retry-loop.js';
export { MAX_TIMER_MS, sleep } from './sleep.js';
export { type WriteFileAtomicOptions, writeFileAtomic } from './write-file-atomic.js';
export { isTmdbListSortBy, TMDB_LIST_SORT_BY } from './tmdb-list-sort.js';
