/**
 * The request layer of the API client (internal). Every request — the token request too — goes through the
 * client's politeness limiter and the package's retry loop (429/408/5xx, timeouts and network errors retried
 * with backoff, `Retry-After` honoured up to `maxRetryAfterMs`), then through the optional `signRequest` hook.
 * An endpoint's 401 drops the token and retries once with a fresh one. Headers and bodies are never logged,
 * and server-supplied text is scrubbed of the secret and tokens before it reaches an error.
 */
import { LetterboxdHttpError, LetterboxdNotFoundError, LetterboxdParseError, LetterboxdPrivateError, LetterboxdRateLimitError } from '../errors.js';
import { checkTimeout, type HttpOptions, MAX_TIMEOUT_MS } from '../internal/http.js';
import { createLimiter } from '../internal/limiter.js';
import { type AttemptOutcome, isRetryableStatus, parseRetryAfter, retryLoop } from '@lbx/internal';
import { LetterboxdApiAuthError } from './api-errors.js';
import { oauthErrorSchema, tokenSchema } from './api-schemas.js';
import { createTokenCache, type IssuedToken } from './api-token.js';

/** Resolved settings (defaults applied by the client). */
export interface ApiHttpOptions extends HttpOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshMarginMs: number;
  signRequest: ((request: Request) => Request | Promise<Request>) | undefined;
}

/** One GET: path under the base URL, query parameters, labels for errors, and the caller's signal/timeout. */
export interface ApiCall {
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Labels errors and logs. */
  username?: string | undefined;
  slug?: string | undefined;
  /** What a 404 means here, for the error message. */
  notFound: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** The request layer. */
export interface ApiHttp {
  /** GETs `call.path` with a bearer token; resolves with the absolute URL and the parsed JSON body. */
  getJson(call: ApiCall): Promise<{ url: string; body: unknown }>;
}

interface Exchange {
  status: number;
  text: string;
}

const JSON_ACCEPT = 'application/json';
const LABEL = 'letterboxd-api';

export function createApiHttp(options: ApiHttpOptions): ApiHttp {
  const limiter = createLimiter(options.concurrency, options.minDelayMs);
  const { logger } = options;
  const hooks = (url: string, signal?: AbortSignal) => ({
    signal,
    onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: unknown }) =>
      logger.info(`${LABEL}: retrying`, { url, error: (error as Error).name, attempt, delayMs }),
    onGiveUp: ({ attempt, error }: { attempt: number; error: unknown }) =>
      logger.warn(`${LABEL}: request failed`, { url, error: (error as Error).name, attempts: attempt }),
  });
  const tokenUrl = `${options.baseUrl}/auth/token`;
  const secrets = (): string[] => [options.clientSecret, ...issued].filter((s) => s.length >= 4);
  const issued: string[] = [];
  const scrub = (text: string): string => secrets().reduce((out, secret) => out.split(secret).join('[redacted]'), text);

  /** One attempt: limiter slot, request (signed when a hook is set), status classified for the retry loop. */
  async function exchange(
    build: () => Request,
    labels: { url: string; username?: string | undefined; slug?: string | undefined; attempts: number },
    ctx: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
  ): Promise<AttemptOutcome<Exchange>> {
    const release = await limiter.acquire(ctx.signal);
    const timeoutMs = Math.min(ctx.timeoutMs ?? options.timeoutMs, MAX_TIMEOUT_MS);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let status: number;
    let text: string;
    let retryAfterMs: number | null;
    try {
      const unsigned = build();
      logger.debug(`${LABEL}: ${unsigned.method}`, { url: labels.url, attempt: labels.attempts });
      const request = new Request(options.signRequest ? await options.signRequest(unsigned) : unsigned, { signal });
      const response = await options.fetch(request);
      status = response.status;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      text = await response.text();
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      const reason = timeout.aborted
        ? `a timeout after ${timeoutMs} ms`
        : `a network error (${scrub(error instanceof Error ? error.message : String(error))})`;
      return { ok: false, error: new LetterboxdHttpError({ ...labels, status: 0, reason }), retryable: true, retryAfterMs: null };
    } finally {
      release();
    }
    if (status === 429) {
      return { ok: false, error: new LetterboxdRateLimitError({ ...labels, retryAfterMs }), retryable: true, retryAfterMs };
    }
    if (isRetryableStatus(status)) {
      return { ok: false, error: new LetterboxdHttpError({ ...labels, status }), retryable: true, retryAfterMs };
    }
    return { ok: true, value: { status, text } };
  }

  async function issueToken(): Promise<IssuedToken> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    });
    const build = () =>
      new Request(tokenUrl, {
        method: 'POST',
        headers: {
          accept: JSON_ACCEPT,
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': options.userAgent,
        },
        body: form.toString(),
      });
    const { status, text } = await retryLoop((attempts: number) => exchange(build, { url: tokenUrl, attempts }, {}), options.retry, hooks(tokenUrl));
    const json = parseJson(text);
    if (status === 400 || status === 401 || status === 403) {
      const oauth = oauthErrorSchema.safeParse(json);
      const code = oauth.success ? scrub(oauth.data.error) : null;
      logger.warn(`${LABEL}: credentials refused`, { url: tokenUrl, status, code });
      throw new LetterboxdApiAuthError({ url: tokenUrl, reason: 'refused', status, code });
    }
    if (status < 200 || status > 299) throw new LetterboxdHttpError({ url: tokenUrl, status });
    const token = tokenSchema.safeParse(json);
    if (!token.success) throw tokenParseError('the body is not an access token (access_token, token_type, expires_in)');
    if (token.data.token_type.toLowerCase() !== 'bearer') {
      throw tokenParseError(`token_type "${scrub(token.data.token_type)}" is not a bearer token`);
    }
    issued.push(token.data.access_token);
    if (issued.length > 8) issued.shift();
    const lifetimeMs = token.data.expires_in === undefined ? null : token.data.expires_in * 1000;
    logger.debug(`${LABEL}: token issued`, { expiresInMs: lifetimeMs });
    return { token: token.data.access_token, lifetimeMs };
  }

  const tokenParseError = (detail: string) => new LetterboxdParseError({ url: tokenUrl, page: 'api token', detail });
  const tokens = createTokenCache(issueToken, options.refreshMarginMs);

  function urlOf(call: ApiCall): string {
    const url = new URL(`${options.baseUrl}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    return url.href;
  }

  return {
    async getJson(call) {
      checkTimeout(call.timeoutMs);
      const url = urlOf(call);
      const labels = { url, username: call.username, slug: call.slug };
      for (let renewed = false; ; renewed = true) {
        const token = await tokens.get(call.signal);
        const build = () =>
          new Request(url, {
            headers: { accept: JSON_ACCEPT, authorization: `Bearer ${token}`, 'user-agent': options.userAgent },
          });
        const { status, text } = await retryLoop(
          (attempts: number) => exchange(build, { ...labels, attempts }, call),
          options.retry,
          hooks(url, call.signal),
        );
        if (status === 401 && !renewed) {
          logger.info(`${LABEL}: token refused; requesting a new one`, { url });
          tokens.invalidate(token);
          continue;
        }
        if (status >= 200 && status <= 299) {
          const body = parseJson(text);
          if (body === undefined) throw new LetterboxdParseError({ ...labels, page: 'api', detail: 'the body is not JSON' });
          return { url, body };
        }
        logger.warn(`${LABEL}: request failed`, { url, status });
        if (status === 401) throw new LetterboxdApiAuthError({ ...labels, reason: 'rejected', status });
        if (status === 403) throw new LetterboxdPrivateError(labels);
        if (status === 404) {
          throw new LetterboxdNotFoundError({ ...labels, message: `The Letterboxd API answered 404 for ${url}: ${call.notFound}.` });
        }
        throw new LetterboxdHttpError({ ...labels, status });
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
