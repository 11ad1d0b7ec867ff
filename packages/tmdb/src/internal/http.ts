import {
  type AttemptOutcome,
  isRetryableStatus,
  type Logger,
  MAX_TIMER_MS,
  parseRetryAfter,
  type RetryPolicy as SharedRetryPolicy,
  retryLoop,
} from '@lbx/internal';
import ky from 'ky';
import type { z } from 'zod';
import { TmdbAuthError, TmdbError, TmdbHttpError, TmdbResponseError } from '../errors.js';
import type { RequestOptions } from '../types.js';
import { errorFromResponse, parseErrorBody, SIGN_IN_HOWTO, toErrorBody } from './error-mapping.js';
import { jwtScopes } from './jwt-scopes.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { redactUrl, scrubSecrets } from './redact.js';

/** Which credential a request needs. */
export type AuthKind =
  /** Any read credential (read token, API key, else user token). */
  | 'read'
  /** A list read: the user token when there is one (private lists), else any read credential. */
  | 'list-read'
  /** The v4 sign-in endpoints: the API Read Access Token. */
  | 'sign-in'
  /** Sign-out: the API Read Access Token, else the user access token itself. */
  | 'sign-out'
  /** List writes and account data: the user access token. */
  | 'user';

/** When a failed attempt may be repeated. */
export type RetryPolicy = 'idempotent' | 'rate-limit-only';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  auth: AuthKind;
  retry: RetryPolicy;
  /** Add a cache-buster so no CDN copy is served. */
  fresh?: boolean;
  /** What the request is about, for messages ("list 8500001"). */
  what: string;
}

export interface HttpSettings {
  apiKey: string | undefined;
  readAccessToken: string | undefined;
  userAccessToken: string | undefined;
  baseUrl: string;
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  retry: SharedRetryPolicy;
  maxRequestsPerSecond: number;
  logger: Logger;
}

export interface Http {
  /** Send a request, check the answer and parse it with `schema`. */
  send<S extends z.ZodType>(request: HttpRequest, schema: S, options?: RequestOptions): Promise<z.output<S>>;
}

let freshCounter = 0;

export function createHttp(settings: HttpSettings): Http {
  const limiter: RateLimiter = createRateLimiter(settings.maxRequestsPerSecond);
  const secrets = [settings.apiKey, settings.readAccessToken, settings.userAccessToken].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );

  function credential(request: HttpRequest, url: URL): Record<string, string> {
    const fail = (message: string) =>
      new TmdbAuthError(`${request.method} ${redactUrl(url)} (${request.what}) was not sent: ${message}`, {
        status: 0,
        method: request.method,
        url: redactUrl(url),
        attempts: 0,
      });
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    if (request.auth === 'user') {
      const token = settings.userAccessToken;
      if (!token) throw fail(`this call needs a v4 user access token (userAccessToken). ${SIGN_IN_HOWTO}`);
      const scopes = jwtScopes(token);
      if (token === settings.readAccessToken || (scopes !== null && !scopes.includes('api_write'))) {
        throw fail(
          `userAccessToken is read-only (scopes: ${scopes?.join(' ') ?? 'api_read'}); it looks like the API Read Access Token from the settings page, which cannot write lists. ${SIGN_IN_HOWTO}`,
        );
      }
      return bearer(token);
    }
    if (request.auth === 'sign-out' && !settings.readAccessToken && settings.userAccessToken) {
      return bearer(settings.userAccessToken);
    }
    if (request.auth === 'sign-in' || request.auth === 'sign-out') {
      if (!settings.readAccessToken) {
        throw fail('the v4 sign-in needs readAccessToken (the "API Read Access Token" from https://www.themoviedb.org/settings/api); an API key is not accepted there.');
      }
      return bearer(settings.readAccessToken);
    }
    if (request.auth === 'list-read' && settings.userAccessToken) return bearer(settings.userAccessToken);
    if (settings.readAccessToken) return bearer(settings.readAccessToken);
    if (settings.apiKey) {
      url.searchParams.set('api_key', settings.apiKey);
      return {};
    }
    if (settings.userAccessToken) return bearer(settings.userAccessToken);
    throw fail('no TMDb credential: pass apiKey or readAccessToken to createTmdbClient (see the README).');
  }

  async function send<S extends z.ZodType>(request: HttpRequest, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    const { signal } = options;
    signal?.throwIfAborted();
    const url = new URL(request.path, `${settings.baseUrl}/`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    if (request.fresh) url.searchParams.set('lbx_fresh', `${Date.now().toString(36)}${(freshCounter++).toString(36)}`);
    const headers: Record<string, string> = { Accept: 'application/json', ...credential(request, url) };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
    const shownUrl = redactUrl(url);
    const timeoutMs = Math.min(options.timeoutMs ?? settings.timeoutMs, MAX_TIMER_MS);
    const mayRetry = (status: number | null) =>
      request.retry === 'idempotent' ? status === null || isRetryableStatus(status) : status === 429;

    const attemptOnce = async (attempt: number): Promise<AttemptOutcome<{ text: string; attempts: number }>> => {
      // Wait for the rate limiter before the attempt's timeout starts: time in the queue is not TMDb's.
      await limiter.take(signal);
      settings.logger.debug('tmdb: request', { method: request.method, url: shownUrl, attempt });
      const startedAt = Date.now();
      let response: Response;
      let text: string;
      try {
        response = await ky(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal,
          timeout: timeoutMs,
          fetch: settings.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          retry: 0,
          throwHttpErrors: false,
        });
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return { ok: false, error: transportError(error, request, shownUrl, attempt, timeoutMs), retryable: mayRetry(null), retryAfterMs: null };
      }
      settings.logger.debug('tmdb: response', {
        method: request.method,
        url: shownUrl,
        status: response.status,
        durationMs: Date.now() - startedAt,
      });
      if (response.ok) return { ok: true, value: { text, attempts: attempt } };
      const retryAfter = response.headers.get('retry-after');
      const error = errorFromResponse(response.status, parseErrorBody(text), {
        method: request.method,
        url: shownUrl,
        attempts: attempt,
        what: request.what,
        retryAfter,
      });
      return { ok: false, error, retryable: mayRetry(response.status), retryAfterMs: parseRetryAfter(retryAfter) };
    };

    const { text, attempts } = await retryLoop(attemptOnce, settings.retry, {
      signal,
      onRetry: ({ attempt, error, delayMs }) => {
        settings.logger.warn('tmdb: retrying', {
          method: request.method,
          url: shownUrl,
          retry: attempt,
          status: error instanceof TmdbError && error.status !== 0 ? error.status : undefined,
          reason: (error as Error).name,
          delayMs,
        });
      },
    });

    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new TmdbResponseError(`${request.method} ${shownUrl} (${request.what}): TMDb answered with a body that is not JSON.`, {
        status: 200,
        method: request.method,
        url: shownUrl,
        attempts,
      });
    }
    const envelope = toErrorBody(json);
    if (envelope?.success === false) {
      throw errorFromResponse(200, envelope, { method: request.method, url: shownUrl, attempts, what: request.what, retryAfter: null });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new TmdbResponseError(
        `${request.method} ${shownUrl} (${request.what}): TMDb's answer has an unexpected shape (${fields.join('; ')}). Please report this.`,
        { status: 200, method: request.method, url: shownUrl, attempts },
      );
    }
    return parsed.data;
  }

  /** The error for an attempt that got no answer: a timeout or a network failure (`status` 0). */
  function transportError(error: unknown, request: HttpRequest, shownUrl: string, attempts: number, timeoutMs: number): TmdbError {
    const name = error instanceof Error ? error.name : 'Error';
    const ctx = { method: request.method, url: shownUrl, attempts, status: 0 };
    if (name === 'TimeoutError') {
      return new TmdbHttpError(
        `${request.method} ${shownUrl} (${request.what}): TMDb did not answer within ${timeoutMs} ms (${attempts} attempt(s)). Try again later or raise timeoutMs.`,
        ctx,
      );
    }
    const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
    const cause = new Error(message);
    cause.name = name;
    return new TmdbHttpError(
      `${request.method} ${shownUrl} (${request.what}): could not reach TMDb (${message}) after ${attempts} attempt(s). Check the network and baseUrl.`,
      { ...ctx, cause },
    );
  }

  return { send };
}
