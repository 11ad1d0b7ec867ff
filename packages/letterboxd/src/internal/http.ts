/**
 * The request layer of `@lbx/letterboxd` (internal; not exported from the package).
 *
 * `createHttp(options)` returns `{ getText(url, ctx) }`:
 * - `url` is an absolute URL (build it with the helpers in `urls.ts`; it must end in `/` for Letterboxd pages).
 * - `ctx` is `{ username?, slug?, signal?, timeoutMs?, accept? }`: `username`/`slug` only label errors and logs;
 *   `signal` aborts the call (queued, in flight or waiting to retry — an abort is never retried and rethrows the
 *   signal's reason); `timeoutMs` overrides the client timeout for this call; `accept` overrides the `Accept`
 *   header (e.g. `application/rss+xml` for feeds).
 * - Resolves with the body text of a 2xx response.
 * - Rejects with a `LetterboxdError` subclass: a Cloudflare challenge or block page instead of the page (403,
 *   429, 503, or a 2xx titled like one; see `cloudflare.ts`) → `LetterboxdBlockedError` (never retried); 404 →
 *   `LetterboxdNotFoundError`; other 403 → `LetterboxdPrivateError`; 429 → retried, then `LetterboxdRateLimitError`; 408/5xx,
 *   network errors and timeouts → retried, then `LetterboxdHttpError` (`status` 0 without a response); other statuses →
 *   `LetterboxdHttpError`. Every error records the URL and the number of attempts.
 *
 * Every attempt (including retries) goes through one politeness limiter per client: at most `concurrency`
 * requests in flight and request starts spaced `minDelayMs` apart; with `maxQueue`, a request that would wait behind
 * `maxQueue` others is refused at once with `LetterboxdQueueFullError` (never retried, nothing sent). Retries follow the shared lbx policy
 * (`retryLoop` of `@lbx/internal`): capped exponential backoff with jitter, `Retry-After` honoured, and a
 * `Retry-After` longer than `maxRetryAfterMs` ends the retries at once.
 */
import ky, { TimeoutError } from 'ky';
import {
  LetterboxdBlockedError,
  LetterboxdHttpError,
  type LetterboxdError,
  LetterboxdNotFoundError,
  LetterboxdPrivateError,
  LetterboxdQueueFullError,
  LetterboxdRateLimitError,
} from '../errors.js';
import {
  type AttemptOutcome,
  isRetryableStatus,
  type Logger,
  MAX_TIMER_MS,
  parseRetryAfter,
  type RetryPolicy,
  retryLoop,
} from '@lbx/internal';
import { isCloudflareRefusal } from './cloudflare.js';
import { LimiterQueueFull, createLimiter } from './limiter.js';

/** Resolved settings of the request layer (defaults applied by the client). */
export interface HttpOptions {
  fetch: typeof globalThis.fetch;
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy;
  concurrency: number;
  minDelayMs: number;
  /** Most requests waiting for a slot; one more is refused with `LetterboxdQueueFullError`. */
  maxQueue: number;
  logger: Logger;
}

/** Per-call context of {@link Http.getText}. */
export interface RequestContext {
  username?: string | undefined;
  slug?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  accept?: string | undefined;
}

/** The request layer. */
export interface Http {
  /** GETs `url` and resolves with the body text of a 2xx response; see the file header for the errors. */
  getText(url: string, ctx?: RequestContext): Promise<string>;
}

const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

type Attempt = AttemptOutcome<string>;

/** Longest timer Node can set (about 24.8 days); ky refuses longer timeouts. */
export const MAX_TIMEOUT_MS = MAX_TIMER_MS;

/** A per-call `timeoutMs` must be a positive number of milliseconds; checked before any request. */
export function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs === undefined || (typeof timeoutMs === 'number' && timeoutMs > 0 && !Number.isNaN(timeoutMs))) return;
  throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`);
}

function timeoutOf(ctx: RequestContext, options: HttpOptions): number {
  return Math.min(ctx.timeoutMs ?? options.timeoutMs, MAX_TIMEOUT_MS);
}

export function createHttp(options: HttpOptions): Http {
  const limiter = createLimiter(options.concurrency, options.minDelayMs, options.maxQueue);
  const { logger } = options;

  async function attemptOnce(url: string, ctx: RequestContext, attempt: number): Promise<Attempt> {
    const labels = { url, username: ctx.username, slug: ctx.slug, attempts: attempt };
    let release: () => void;
    try {
      release = await limiter.acquire(ctx.signal);
    } catch (error) {
      if (!(error instanceof LimiterQueueFull)) throw error;
      // Refused before anything was sent: never retried (it would only queue again), nor logged as a failure.
      throw new LetterboxdQueueFullError({ ...labels, attempts: attempt - 1, maxQueue: error.maxQueue });
    }
    let status: number;
    let body: string;
    let retryAfterHeader: string | null;
    try {
      logger.debug('letterboxd: GET', { url, attempt });
      const response = await ky.get(url, {
        fetch: options.fetch,
        retry: 0,
        throwHttpErrors: false,
        timeout: timeoutOf(ctx, options),
        signal: ctx.signal,
        headers: {
          accept: ctx.accept ?? HTML_ACCEPT,
          'accept-language': 'en-US,en;q=0.9',
          'user-agent': options.userAgent,
        },
      });
      status = response.status;
      retryAfterHeader = response.headers.get('retry-after');
      body = await response.text();
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      const reason =
        error instanceof TimeoutError
          ? `a timeout after ${timeoutOf(ctx, options)} ms`
          : `a network error (${error instanceof Error ? error.message : String(error)})`;
      return {
        ok: false,
        error: new LetterboxdHttpError({ ...labels, status: 0, reason, cause: error }),
        retryable: true,
        retryAfterMs: null,
      };
    } finally {
      release();
    }

    const retryAfterMs = parseRetryAfter(retryAfterHeader);
    if (isCloudflareRefusal(status, body)) {
      return { ok: false, error: new LetterboxdBlockedError({ ...labels, status }), retryable: false, retryAfterMs };
    }
    if (status >= 200 && status < 300) return { ok: true, value: body };
    if (status === 404) return { ok: false, error: new LetterboxdNotFoundError(labels), retryable: false, retryAfterMs };
    if (status === 403) return { ok: false, error: new LetterboxdPrivateError(labels), retryable: false, retryAfterMs };
    if (status === 429) {
      return { ok: false, error: new LetterboxdRateLimitError({ ...labels, retryAfterMs }), retryable: true, retryAfterMs };
    }
    return {
      ok: false,
      error: new LetterboxdHttpError({ ...labels, status }),
      retryable: isRetryableStatus(status),
      retryAfterMs,
    };
  }

  return {
    async getText(url, ctx = {}) {
      checkTimeout(ctx.timeoutMs);
      return retryLoop((attempt) => attemptOnce(url, ctx, attempt), options.retry, {
        signal: ctx.signal,
        onRetry: ({ attempt, delayMs, error }) => {
          logger.info('letterboxd: retrying', { url, error: (error as Error).name, attempt, delayMs });
        },
        onGiveUp: ({ attempt, error, reason, retryAfterMs }) => {
          if (reason === 'retry-after-too-long') {
            logger.warn('letterboxd: Retry-After exceeds maxRetryAfterMs; giving up', {
              url,
              retryAfterMs,
              maxRetryAfterMs: options.retry.maxRetryAfterMs,
            });
          } else {
            logger.warn('letterboxd: request failed', { url, error: (error as Error).name, attempts: attempt });
          }
        },
      });
    },
  };
}
