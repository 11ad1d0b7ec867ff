/**
 * Errors thrown by `@lbx/letterboxd`. Every error extends {@link LetterboxdError}, carries the URL it concerns
 * and the member (`username`) or film (`slug`) involved, and its message says what to do next.
 */

const BRAND = Symbol.for('lbx.letterboxd.error');

/** What every error of this package knows about its context. */
export interface LetterboxdErrorContext {
  /** The URL that failed (absolute, ends in `/`). */
  url: string;
  /** The member the call was about, when there is one. */
  username?: string | undefined;
  /** The film slug the call was about, when there is one. */
  slug?: string | undefined;
  /** How many HTTP attempts were made before giving up (1 when nothing was retried). */
  attempts?: number | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

function subject(ctx: LetterboxdErrorContext): string {
  if (ctx.username) return `member "${ctx.username}"`;
  if (ctx.slug) return `film "${ctx.slug}"`;
  return 'Letterboxd';
}

/** Base class of every error thrown by this package. Use {@link isLetterboxdError} to test for it. */
export class LetterboxdError extends Error {
  /** The URL that failed (absolute, ends in `/`). */
  readonly url: string;
  /** The member the call was about, if any. */
  readonly username: string | undefined;
  /** The film slug the call was about, if any. */
  readonly slug: string | undefined;
  /** Number of HTTP attempts made (1 when nothing was retried; 0 when no request was sent). */
  readonly attempts: number;

  constructor(message: string, ctx: LetterboxdErrorContext) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.url = ctx.url;
    this.username = ctx.username;
    this.slug = ctx.slug;
    this.attempts = ctx.attempts ?? 1;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for any error thrown by `@lbx/letterboxd`, even when two copies of the package (ESM and CJS) are loaded
 * and `instanceof` would fail.
 */
export function isLetterboxdError(error: unknown): error is LetterboxdError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** The username does not match `^[A-Za-z0-9_-]{1,100}$`; no request was sent. */
export class LetterboxdInvalidUsernameError extends LetterboxdError {
  constructor(username: string, url: string) {
    super(
      `"${username}" is not a valid Letterboxd username (letters, digits, "_" and "-", 1–100 characters). ` +
        'Pass the name from the profile URL, e.g. "jane_doe" for https://letterboxd.com/jane_doe/.',
      { url, username, attempts: 0 },
    );
  }
}

/**
 * Letterboxd answered 404: the member, film or page does not exist (for the API client also: the member opted
 * out of the API, or no member has exactly that username).
 */
export class LetterboxdNotFoundError extends LetterboxdError {
  /** `message` replaces the default text (the API client says what it looked for and why it is missing). */
  constructor(ctx: LetterboxdErrorContext & { message?: string }) {
    super(
      ctx.message ??
        `Letterboxd has no page at ${ctx.url} (404) for ${subject(ctx)}. Check the spelling of the username or ` +
          'film slug; a member who renamed their account has a new URL.',
      ctx,
    );
  }
}

/** Letterboxd answered 403 with its own page: the watchlist or list is private. */
export class LetterboxdPrivateError extends LetterboxdError {
  constructor(ctx: LetterboxdErrorContext) {
    super(
      `${ctx.url} is private (403 from Letterboxd) for ${subject(ctx)}. Ask the member to make it public, or use ` +
        'their data export instead.',
      ctx,
    );
  }
}

/**
 * Cloudflare answered in Letterboxd's place: its "Just a moment…" challenge (usually a 403) or its "Sorry, you
 * have been blocked" page. Retrying the same transport does not help, so it is never retried.
 */
export class LetterboxdBlockedError extends LetterboxdError {
  constructor(ctx: LetterboxdErrorContext & { status?: number | undefined }) {
    const status = ctx.status === undefined ? '' : ` (HTTP ${ctx.status})`;
    super(
      `Cloudflare refused ${ctx.url} for ${subject(ctx)} with its bot challenge ("Just a moment…") or block page` +
        `${status} instead of Letterboxd's page: Letterboxd's bot shield blocks this HTTP client. Retrying will ` +
        'not help. Pass a different transport with the `fetch` option of createLetterboxdClient() (for example ' +
        "a proxy or a browser-backed fetch), or use the member's data export or RSS feed instead.",
      ctx,
    );
  }
}

/** Letterboxd answered 429 and retries did not get through. */
export class LetterboxdRateLimitError extends LetterboxdError {
  /** How long Letterboxd asked to wait (from `Retry-After`), in milliseconds, or `null` when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(ctx: LetterboxdErrorContext & { retryAfterMs: number | null }) {
    const wait = ctx.retryAfterMs === null ? '' : ` It asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s.`;
    super(
      `Letterboxd rate-limited ${ctx.url} for ${subject(ctx)} (429) after ${ctx.attempts ?? 1} attempt(s).${wait} ` +
        'Slow down: raise `minDelayMs`, lower `concurrency`, cache film pages, and try again later.',
      ctx,
    );
    this.retryAfterMs = ctx.retryAfterMs;
  }
}

/**
 * A 200 page whose markup did not match what the parser expects (Letterboxd changed its HTML), including a
 * listing page that should hold films but yielded none. Never an empty result in disguise.
 */
export class LetterboxdParseError extends LetterboxdError {
  /** The kind of page that failed to parse, e.g. `films`, `watchlist`, `film`, `profile`. */
  readonly page: string;
  /** What was missing or malformed. */
  readonly detail: string;

  constructor(ctx: LetterboxdErrorContext & { page: string; detail: string }) {
    super(
      `Could not read the ${ctx.page} page ${ctx.url} for ${subject(ctx)}: ${ctx.detail}. Letterboxd's markup ` +
        'has probably changed; update @lbx/letterboxd or report the URL.',
      ctx,
    );
    this.page = ctx.page;
    this.detail = ctx.detail;
  }
}

/**
 * Any other failure: an unexpected HTTP status, a 5xx that outlasted the retries, a timeout or a network error
 * (`status` 0: no response was received).
 */
export class LetterboxdHttpError extends LetterboxdError {
  /** The HTTP status, or 0 when no response arrived (network error or timeout). */
  readonly status: number;

  constructor(ctx: LetterboxdErrorContext & { status: number; reason?: string }) {
    const what = ctx.status === 0 ? (ctx.reason ?? 'a network error') : `HTTP ${ctx.status}`;
    super(
      `Request to ${ctx.url} for ${subject(ctx)} failed with ${what} after ${ctx.attempts ?? 1} attempt(s). ` +
        'Letterboxd may be down or unreachable; try again later or check the `baseUrl`/`fetch` options.',
      ctx,
    );
    this.status = ctx.status;
  }
}

/**
 * The client's request queue is full: `maxQueue` requests already wait for one of the `concurrency` slots (or
 * for the `minDelayMs` spacing). Nothing was sent and it is never retried. Try again in a few seconds (a server
 * answers 503 with `Retry-After`), or raise `maxQueue`.
 */
export class LetterboxdQueueFullError extends LetterboxdError {
  /** The queue bound: `maxQueue` of the client. */
  readonly maxQueue: number;

  constructor(ctx: LetterboxdErrorContext & { maxQueue: number }) {
    super(
      `Not sent: ${ctx.maxQueue} Letterboxd request(s) already wait for a slot (maxQueue), so the request ${ctx.url} ` +
        `for ${subject(ctx)} was refused instead of queued behind them. Try again in a few seconds, or raise maxQueue.`,
      ctx,
    );
    this.maxQueue = ctx.maxQueue;
  }
}

/**
 * An option of `createLetterboxdClient()` is out of range or malformed (e.g. `retry.limit: 1.5`,
 * `concurrency: 0`, a `baseUrl` that is not an http(s) URL). Thrown when the client is created, before any
 * request; a `TypeError`, so existing `instanceof TypeError` checks keep working. Fix the option named in
 * {@link LetterboxdOptionsError.option}.
 */
export class LetterboxdOptionsError extends TypeError {
  /** The option that was rejected, e.g. `'retry.limit'`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`createLetterboxdClient(): ${message}`);
    this.name = 'LetterboxdOptionsError';
    this.option = option;
  }
}
