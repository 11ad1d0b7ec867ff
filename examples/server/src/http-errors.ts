import {
  LetterboxdBlockedError,
  LetterboxdHttpError,
  LetterboxdInvalidUsernameError,
  LetterboxdNotFoundError,
  LetterboxdPrivateError,
  LetterboxdQueueFullError,
  LetterboxdRateLimitError,
  isLetterboxdError,
} from '@lbx/letterboxd';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '@lbx/example-shared';
import { clientSignal } from './client-signal';

/** `Retry-After` (seconds) of a 503 when the Letterboxd read queue is full. */
export const READ_QUEUE_RETRY_AFTER_S = 5;

/** One validation problem, shaped like FastAPI's so existing clients keep working. */
export interface ValidationIssue {
  /** Where: `["path"|"query"|"body", field, …]`. */
  loc: Array<string | number>;
  /** Why, in words. */
  msg: string;
  /** Machine-readable kind, e.g. `too_big`, `invalid_format`, `json_invalid`. */
  type: string;
}

/** A 422 response listing validation problems. */
export function validationError(c: Context, issues: ValidationIssue[]) {
  return c.json({ detail: issues }, 422);
}

/** Where a validator's target sits in a FastAPI-style `loc`. */
export function locationOf(target: string): string {
  switch (target) {
    case 'param':
      return 'path';
    case 'json':
    case 'form':
      return 'body';
    default:
      return target;
  }
}

/**
 * Turn any error into `{ detail }` with the right status. Letterboxd failures say what happened (404 unknown
 * member, 403 private, 502 blocked by Cloudflare, 503 rate-limited with `Retry-After`); anything unexpected is
 * logged with its stack and answered with a generic 500 — never a stack trace.
 */
export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (clientSignal(c).aborted) {
    // The client went away and its read was abandoned: nobody reads this answer (499, as nginx logs it).
    logger.debug('client disconnected before the answer', { path: c.req.path });
    return new Response(null, { status: 499 });
  }
  if (error instanceof HTTPException) {
    // A middleware that built its own answer (hono/bearer-auth's 401 with WWW-Authenticate) keeps it.
    if (error.res !== undefined) return error.getResponse();
    return c.json({ detail: error.message || 'Request failed' }, error.status as ContentfulStatusCode);
  }
  if (error instanceof LetterboxdInvalidUsernameError) {
    return c.json({ detail: [{ loc: ['path', 'username'], msg: error.message, type: 'invalid_username' }] }, 422);
  }
  if (error instanceof LetterboxdNotFoundError) {
    return c.json({ detail: `User not found: ${quote(error.username)} has no Letterboxd profile.` }, 404);
  }
  if (error instanceof LetterboxdPrivateError) {
    return c.json({ detail: `This Letterboxd page of ${quote(error.username)} is private.` }, 403);
  }
  if (error instanceof LetterboxdBlockedError) {
    logger.warn('Letterboxd blocked a request', { url: error.url });
    return c.json(
      {
        detail:
          'Letterboxd blocked the request (Cloudflare challenge); this is not a rate limit and retrying soon will ' +
          'not help. Upload the member\'s data export (POST /users/{username}/export) or use another transport.',
      },
      502,
    );
  }
  if (error instanceof LetterboxdQueueFullError) {
    logger.warn('Letterboxd read queue full', { max_queue: error.maxQueue });
    return c.json(
      {
        detail:
          `${error.maxQueue} Letterboxd reads are already waiting (READ_QUEUE_MAX), so this one was not queued; ` +
          'retry in a few seconds (cached answers are served meanwhile).',
      },
      503,
      { 'Retry-After': String(READ_QUEUE_RETRY_AFTER_S) },
    );
  }
  if (error instanceof LetterboxdRateLimitError) {
    const seconds = error.retryAfterMs != null ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : 60;
    logger.warn('Letterboxd rate-limited a request', { url: error.url, retry_after_s: seconds });
    return c.json(
      { detail: `Letterboxd is rate-limiting requests; retry in about ${seconds} s.` },
      503,
      { 'Retry-After': String(seconds) },
    );
  }
  if (error instanceof LetterboxdHttpError && (error.status === 0 || error.status >= 500)) {
    logger.warn('Letterboxd could not be read', { url: error.url, status: error.status });
    return c.json(
      {
        detail:
          error.status === 0
            ? `Letterboxd could not be reached (${error.message}); check the network and LETTERBOXD_BASE_URL, then retry.`
            : `Letterboxd answered HTTP ${error.status} after retries; try again later.`,
      },
      502,
    );
  }
  if (isLetterboxdError(error)) {
    logger.error('Letterboxd read failed', { error: error.message, url: error.url });
    return c.json({ detail: `Reading Letterboxd failed: ${error.message}` }, 500);
  }
  logger.error('unhandled error', {
    method: c.req.method,
    path: c.req.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return c.json({ detail: 'Internal server error' }, 500);
}

function quote(value: string | undefined): string {
  return value === undefined ? 'this member' : JSON.stringify(value);
}
