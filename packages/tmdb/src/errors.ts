/**
 * Errors thrown by `@lbx/tmdb`. Every error extends {@link TmdbError} and carries the HTTP status, TMDb's own
 * `status_code`, the method and the URL (with `api_key` removed). Messages say what to do next and never
 * contain a key or token.
 */

const BRAND = Symbol.for('lbx.tmdb.error');

/** What every error of this package knows about the request that failed. */
export interface TmdbErrorContext {
  /** HTTP status, or `0` when no response arrived (network failure, timeout, or a check before sending). */
  status: number;
  /** TMDb's `status_code` from the error body (e.g. 34, 36), or `null`. */
  tmdbCode?: number | null | undefined;
  /** HTTP method, e.g. `'POST'`. */
  method: string;
  /** The URL that failed, without credentials. */
  url: string;
  /** HTTP attempts made (1 when nothing was retried; 0 when no request was sent). */
  attempts?: number | undefined;
  /** The underlying error (network errors only; never a request object). */
  cause?: unknown;
}

/** Base class of every error thrown by this package. Use {@link isTmdbError} to test for it. */
export class TmdbError extends Error {
  /** HTTP status, or `0` when no response arrived. */
  readonly status: number;
  /** TMDb's `status_code`, or `null`. */
  readonly tmdbCode: number | null;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request, without `api_key`. */
  readonly url: string;
  /** HTTP attempts made (1 when nothing was retried; 0 when no request was sent). */
  readonly attempts: number;

  constructor(message: string, ctx: TmdbErrorContext) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.status = ctx.status;
    this.tmdbCode = ctx.tmdbCode ?? null;
    this.method = ctx.method;
    this.url = ctx.url;
    this.attempts = ctx.attempts ?? 1;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any error thrown by `@lbx/tmdb`, even across ESM and CJS copies of the package. */
export function isTmdbError(error: unknown): error is TmdbError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * A credential is missing, invalid, revoked or not allowed to do this (HTTP 401; TMDb codes 3, 7, 33, 35, 36,
 * 38, 39, 41 …), or a write was attempted without a user access token (`status` 0, nothing sent).
 */
export class TmdbAuthError extends TmdbError {}

/** TMDb has no such movie, series or list (HTTP 404, code 34), or it is not on the list. */
export class TmdbNotFoundError extends TmdbError {}

/** TMDb's rate limit (HTTP 429, code 25) was still hit after the retries. */
export class TmdbRateLimitError extends TmdbError {
  /** What TMDb's `Retry-After` asked for, in milliseconds, or `null` when it sent none. */
  readonly retryAfterMs: number | null;

  constructor(message: string, ctx: TmdbErrorContext & { retryAfterMs: number | null }) {
    super(message, ctx);
    this.retryAfterMs = ctx.retryAfterMs;
  }
}

/** TMDb refused the input (HTTP 400/422, or a 2xx with `success: false`), e.g. code 18 for spam-like names. */
export class TmdbValidationError extends TmdbError {
  /** TMDb's `errors` array, e.g. `['Content is suspected to be spam']` (empty when it sent none). */
  readonly errors: readonly string[];

  constructor(message: string, ctx: TmdbErrorContext & { errors: readonly string[] }) {
    super(message, ctx);
    this.errors = ctx.errors;
  }
}

/** Any other failure to get an answer: other HTTP statuses (5xx after retries), network errors, timeouts. */
export class TmdbHttpError extends TmdbError {}

/** TMDb answered 2xx with a body this client cannot read (not JSON, or missing required fields). */
export class TmdbResponseError extends TmdbError {}

/**
 * An option of `createTmdbClient()` is out of range (e.g. `maxRequestsPerSecond: 0`, `retry.limit: 1.5`).
 * Thrown when the client is created, before any request; a `TypeError`, so existing `instanceof TypeError`
 * checks keep working. Fix the option named in {@link TmdbOptionsError.option}.
 */
export class TmdbOptionsError extends TypeError {
  /** The option that was rejected, e.g. `'retry.limit'`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`createTmdbClient: ${message}`);
    this.name = 'TmdbOptionsError';
    this.option = option;
  }
}
