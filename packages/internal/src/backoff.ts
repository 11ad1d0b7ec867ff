/**
 * Statuses worth another attempt: 408 (request timeout), 429 (rate limit) and the 5xx server errors, except
 * 501 (Not Implemented) and 505 (HTTP Version Not Supported), which never change on a retry.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * Delay before retry number `retry` (1-based): a random value in [c/2, c] where c = min(maxMs, baseMs·2^(retry−1)).
 * Half of it is jitter, so clients that failed together spread out, and no wait is shorter than half the step.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
