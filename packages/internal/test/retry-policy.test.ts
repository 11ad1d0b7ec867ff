import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  backoffDelay,
  isRetryableStatus,
  numberOptionProblem,
  parseRetryAfter,
  retryLoop,
  sleep,
} from '@lbx/internal';

const fast = { limit: 3, backoffMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 };
type Failure = Extract<AttemptOutcome<never>, { ok: false }>;
const fail = (error: string, retryAfterMs: number | null = null, retryable = true): Failure => ({
  ok: false,
  error: new Error(error),
  retryable,
  retryAfterMs,
});

describe('retryLoop', () => {
  it('retries retryable failures and resolves with the first success', async () => {
    const delays: number[] = [];
    const value = await retryLoop(
      async (n) => (n < 3 ? fail(`attempt ${n}`, n === 1 ? 0 : null) : { ok: true, value: `done after ${n}` }),
      fast,
      { onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(value).toBe('done after 3');
    // The first wait is what Retry-After asked (0), the second is backoff within [1, 2] ms.
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBeGreaterThanOrEqual(1);
    expect(delays[1]).toBeLessThanOrEqual(2);
  });

  it.each([
    ['not-retryable', fail('404', null, false), 1],
    ['limit', fail('503'), 4],
    ['retry-after-too-long', fail('429', 120_000), 1],
  ] as const)('gives up (%s) by throwing the last attempt’s error', async (reason, outcome, attempts) => {
    const seen: unknown[] = [];
    let calls = 0;
    const error = await retryLoop(
      async () => {
        calls += 1;
        return outcome;
      },
      fast,
      { onGiveUp: (info) => seen.push(info) },
    ).catch((e: unknown) => e);
    expect(error).toBe(outcome.error);
    expect(calls).toBe(attempts);
    expect(seen).toEqual([{ attempt: attempts, error: outcome.error, reason, retryAfterMs: outcome.retryAfterMs }]);
  });

  it('rejects with the abort reason while waiting, and never starts another attempt', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = retryLoop(
      async () => {
        calls += 1;
        return fail('503', 500);
      },
      fast,
      { signal: controller.signal, onRetry: () => controller.abort(new Error('stopped by the caller')) },
    );
    await expect(pending).rejects.toThrow('stopped by the caller');
    expect(calls).toBe(1);
  });

  it('sends nothing for an already aborted signal', async () => {
    let calls = 0;
    const pending = retryLoop(async () => ({ ok: true, value: ++calls }), fast, { signal: AbortSignal.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(0);
  });
});

describe('sleep', () => {
  it('resolves after the delay and rejects at once for an aborted signal', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    await expect(sleep(1, AbortSignal.abort('no'))).rejects.toBe('no');
  });

  it('rejects with the reason when aborted mid-wait', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort('later');
    await expect(pending).rejects.toBe('later');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 1.5 ', 1500],
    ['0', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['-5', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('backoff and retryable statuses', () => {
  it('doubles per retry, jitters within the upper half and stays under the cap', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, 100, 1000, () => 1))).toEqual([100, 200, 400]);
    expect([1, 2, 3].map((retry) => backoffDelay(retry, 100, 1000, () => 0))).toEqual([50, 100, 200]);
    expect(backoffDelay(10, 100, 1000, () => 1)).toBe(1000);
  });

  it('retries 408, 429 and 5xx except 501 and 505', () => {
    const statuses = [400, 403, 404, 408, 429, 500, 501, 502, 503, 504, 505, 520];
    expect(statuses.filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 504, 520]);
  });
});

describe('numberOptionProblem', () => {
  it('passes undefined and values in range', () => {
    expect(numberOptionProblem(undefined, 'x', { min: 0 })).toBeNull();
    expect(numberOptionProblem(0, 'x', { min: 0 })).toBeNull();
    expect(numberOptionProblem(Number.POSITIVE_INFINITY, 'x', { min: 0, exclusive: true, infinite: true })).toBeNull();
  });

  it.each([
    [-1, { min: 0 }, 'x must be a number ≥ 0, got -1.'],
    [0, { min: 0, exclusive: true, infinite: true }, 'x must be a number > 0 (or Infinity), got 0.'],
    [1.5, { min: 0, integer: true }, 'x must be an integer ≥ 0, got 1.5.'],
    [Number.NaN, { min: 0 }, 'x must be a number ≥ 0, got NaN.'],
    [Number.POSITIVE_INFINITY, { min: 0 }, 'x must be a number ≥ 0, got Infinity.'],
    ['3', { min: 0 }, 'x must be a number ≥ 0, got 3.'],
  ])('refuses %o under %o', (value, rule, message) => {
    expect(numberOptionProblem(value, 'x', rule)).toBe(message);
  });
});
