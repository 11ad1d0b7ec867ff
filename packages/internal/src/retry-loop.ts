import { backoffDelay } from './backoff.js';
import { numberOptionProblem } from './option-checks.js';
import { sleep } from './sleep.js';

/**
 * The retry policy both lbx HTTP clients follow (their `retry` option, defaults applied and checked):
 * - `limit` retries after the first attempt (so `limit + 1` attempts at most);
 * - between attempts, wait what `Retry-After` asks when the answer had one, else capped exponential backoff
 *   with jitter ({@link backoffDelay} with `backoffMs` and `maxDelayMs`);
 * - a `Retry-After` longer than `maxRetryAfterMs` ends the retries at once: the client never comes back
 *   sooner than the server asked, and the caller gets the error (with the wait the server asked for) instead.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (integer ≥ 0). */
  limit: number;
  /** First backoff step in milliseconds; doubles per retry. */
  backoffMs: number;
  /** Longest backoff wait in milliseconds (does not cap `Retry-After`). */
  maxDelayMs: number;
  /** Longest `Retry-After` the client waits, in milliseconds; a longer demand ends the retries. */
  maxRetryAfterMs: number;
}

/**
 * Checks a client's `retry` option and fills in the client's defaults. A value out of range is reported to
 * `fail(option, message)` (which throws the package's options error), never replaced by the default.
 */
export function resolveRetryPolicy(
  retry: Partial<RetryPolicy> | undefined,
  defaults: RetryPolicy,
  fail: (option: string, message: string) => never,
): RetryPolicy {
  const check = (key: keyof RetryPolicy, integer = false): number => {
    const value = retry?.[key];
    const problem = numberOptionProblem(value, `retry.${key}`, { min: 0, integer });
    if (problem !== null) fail(`retry.${key}`, problem);
    return value ?? defaults[key];
  };
  return {
    limit: check('limit', true),
    maxRetryAfterMs: check('maxRetryAfterMs'),
    backoffMs: check('backoffMs'),
    maxDelayMs: check('maxDelayMs'),
  };
}

/** The outcome of one attempt, as the client's attempt function classifies it. */
export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** The error to throw if this was the last attempt (already labelled with the attempt number). */
      error: unknown;
      /** Whether the failure may go away on another attempt. */
      retryable: boolean;
      /** What the answer's `Retry-After` asked for, in milliseconds, or `null`. */
      retryAfterMs: number | null;
    };

/** Why {@link retryLoop} stopped retrying. */
export type GiveUpReason = 'not-retryable' | 'limit' | 'retry-after-too-long';

/** Observers and the abort signal of one {@link retryLoop} call. */
export interface RetryHooks {
  /** Aborts the loop: checked before every attempt and during every wait; an abort is never retried. */
  signal?: AbortSignal | undefined;
  /** Called before waiting `delayMs` for attempt `attempt + 1`. */
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
  /** Called before the last attempt's error is thrown. */
  onGiveUp?(info: { attempt: number; error: unknown; reason: GiveUpReason; retryAfterMs: number | null }): void;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, … under `policy` until one succeeds (resolves with its value) or the policy
 * gives up (throws the last attempt's error). An abort of `hooks.signal` rejects with the signal's reason.
 */
export async function retryLoop<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const { signal } = hooks;
  for (let n = 1; ; n += 1) {
    signal?.throwIfAborted();
    const outcome = await attempt(n);
    if (outcome.ok) return outcome.value;
    const { error, retryAfterMs } = outcome;
    const reason: GiveUpReason | null = !outcome.retryable
      ? 'not-retryable'
      : n > policy.limit
        ? 'limit'
        : retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs
          ? 'retry-after-too-long'
          : null;
    if (reason !== null) {
      hooks.onGiveUp?.({ attempt: n, error, reason, retryAfterMs });
      throw error;
    }
    const delayMs = retryAfterMs ?? backoffDelay(n, policy.backoffMs, policy.maxDelayMs);
    hooks.onRetry?.({ attempt: n, delayMs, error });
    await sleep(delayMs, signal);
  }
}
