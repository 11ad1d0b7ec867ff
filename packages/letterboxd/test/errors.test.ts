import { HttpResponse, delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  LetterboxdBlockedError,
  LetterboxdHttpError,
  LetterboxdInvalidUsernameError,
  LetterboxdError,
  LetterboxdNotFoundError,
  LetterboxdPrivateError,
  LetterboxdRateLimitError,
  createLetterboxdClient,
  isLetterboxdError,
} from '@lbx/letterboxd';
import { BASE, createSite, fixture, html, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = (options: Parameters<typeof createLetterboxdClient>[0] = {}) =>
  createLetterboxdClient({ minDelayMs: 0, retry: { backoffMs: 1 }, ...options });
const FILMS = '/mara_quill/films/';

/** A site whose films page answers with `responses` in turn, then with the real page. */
function flaky(...responses: Array<() => Response>) {
  let n = 0;
  return createSite({
    [FILMS]: () => {
      const next = responses[n];
      n += 1;
      return next ? next() : html(fixture('letterboxd-films-page-2.html'));
    },
  });
}

describe('HTTP failures', () => {
  it('404 is a LetterboxdNotFoundError, not retried', async () => {
    const site = createSite({});
    server.use(...site.handlers);
    const error = await client().getFilms('ghost_member').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdNotFoundError);
    expect(error).toMatchObject({ url: `${BASE}/ghost_member/films/`, username: 'ghost_member', attempts: 1 });
    expect((error as Error).message).toMatch(/Check the spelling/);
    expect(site.requests).toHaveLength(1);
  });

  it("403 with Letterboxd's own page is a LetterboxdPrivateError, not retried", async () => {
    const site = createSite({ '/theo-brandt/watchlist/': () => html(fixture('letterboxd-error-403-private.html'), 403) });
    server.use(...site.handlers);
    const error = await client().getWatchlist('theo-brandt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdPrivateError);
    expect(error).toMatchObject({ username: 'theo-brandt', url: `${BASE}/theo-brandt/watchlist/` });
    expect(site.requests).toHaveLength(1);
  });

  it('403 with a Cloudflare challenge is a LetterboxdBlockedError explaining the fetch option, never retried', async () => {
    const site = createSite({ [FILMS]: () => html(fixture('cloudflare-challenge-403.html'), 403, { 'cf-mitigated': 'challenge' }) });
    server.use(...site.handlers);
    const error = await client({ retry: { limit: 5, backoffMs: 1 } }).getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdBlockedError);
    expect((error as Error).message).toMatch(/`fetch` option/);
    expect(site.requests).toHaveLength(1);
  });

  it("Cloudflare's \"Sorry, you have been blocked\" 403 is a LetterboxdBlockedError, not a private page", async () => {
    const site = createSite({ [FILMS]: () => html(fixture('cloudflare-blocked-403.html'), 403) });
    server.use(...site.handlers);
    const error = await client({ retry: { limit: 5, backoffMs: 1 } }).getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdBlockedError);
    expect(error).toMatchObject({ username: 'mara_quill', url: `${BASE}${FILMS}`, attempts: 1 });
    expect((error as Error).message).toMatch(/HTTP 403.*`fetch` option/s);
    expect(site.requests).toHaveLength(1);
  });

  it('a challenge page passed on with 200 (by a proxy) is a LetterboxdBlockedError, not a LetterboxdParseError', async () => {
    const site = createSite({ '/mara_quill/': fixture('cloudflare-challenge-403.html') });
    server.use(...site.handlers);
    const error = await client().getProfile('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdBlockedError);
    expect((error as Error).message).toMatch(/HTTP 200/);
  });

  it('a 200 page about a film titled "Just a Moment" is still read as a page', async () => {
    const page = fixture('letterboxd-films-page-2.html')
      .replace(/<title>[^<]*<\/title>/, '<title>Just a Moment (1999) • Letterboxd</title>')
      .replace(/Fatherland/g, 'Just a Moment');
    server.use(...createSite({ [FILMS]: page }).handlers);
    expect(await client().getFilms('mara_quill')).toMatchObject([{ title: 'Just a Moment', year: null }]);
  });

  it('429 then success: waits for Retry-After and returns the page', async () => {
    const site = flaky(() => html('Too Many Requests', 429, { 'retry-after': '0' }));
    server.use(...site.handlers);
    // A minute of backoff would time the test out: the retry waits what Retry-After says instead.
    const films = await client({ retry: { backoffMs: 60_000 } }).getFilms('mara_quill');
    expect(films.map((f) => f.slug)).toEqual(['fatherland-3']);
    expect(site.requests).toEqual([FILMS, FILMS]);
  });

  it('caps the backoff at retry.maxDelayMs', async () => {
    const site = flaky(() => html('<html><body>Bad Gateway</body></html>', 502));
    server.use(...site.handlers);
    // A minute of backoff would time the test out: maxDelayMs caps the wait instead.
    const films = await client({ retry: { backoffMs: 60_000, maxDelayMs: 1 } }).getFilms('mara_quill');
    expect(films.map((f) => f.slug)).toEqual(['fatherland-3']);
    expect(site.requests).toEqual([FILMS, FILMS]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const past = new Date(Date.now() - 5000).toUTCString();
    const site = flaky(() => html('Too Many Requests', 429, { 'retry-after': past }));
    server.use(...site.handlers);
    expect(await client().getFilms('mara_quill')).toHaveLength(1);
    expect(site.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const site = flaky(() => html('Too Many Requests', 429, { 'retry-after': '120' }));
    server.use(...site.handlers);
    const error = await client({ retry: { maxRetryAfterMs: 1000 } }).getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000, attempts: 1 });
    expect((error as Error).message).toMatch(/wait 120 s/);
    expect(site.requests).toHaveLength(1);
  });

  it('429 on every attempt ends in a LetterboxdRateLimitError recording the attempts', async () => {
    const tooMany = () => html('Too Many Requests', 429);
    const site = flaky(tooMany, tooMany, tooMany, tooMany);
    server.use(...site.handlers);
    const error = await client({ retry: { limit: 3, backoffMs: 1 } }).getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdRateLimitError);
    expect(error).toMatchObject({ attempts: 4, retryAfterMs: null });
    expect(site.requests).toHaveLength(4);
  });

  it('5xx is retried with backoff, then an LetterboxdHttpError with the status and attempts', async () => {
    const unavailable = () => html('<html><body>Service Unavailable</body></html>', 503);
    const site = flaky(unavailable, unavailable, unavailable);
    server.use(...site.handlers);
    const error = await client().getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdHttpError);
    expect(error).toMatchObject({ status: 503, attempts: 3, url: `${BASE}${FILMS}` });
    expect(site.requests).toHaveLength(3);
  });

  it('a 5xx followed by success returns the page', async () => {
    const site = flaky(() => html('Bad Gateway', 502));
    server.use(...site.handlers);
    expect(await client().getFilms('mara_quill')).toHaveLength(1);
    expect(site.requests).toHaveLength(2);
  });

  it('other statuses are an LetterboxdHttpError without retry', async () => {
    const site = flaky(() => html('Gone', 410));
    server.use(...site.handlers);
    await expect(client().getFilms('mara_quill')).rejects.toMatchObject({ name: 'LetterboxdHttpError', status: 410, attempts: 1 });
    expect(site.requests).toHaveLength(1);
  });

  it('network errors are retried, then an LetterboxdHttpError with status 0', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}${FILMS}`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    const error = await client().getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdHttpError);
    expect(error).toMatchObject({ status: 0, attempts: 3 });
    expect((error as Error).message).toMatch(/network error/);
    expect((error as Error).cause).toBeDefined();
    expect(calls).toBe(3);
  });

  it('a timeout is an LetterboxdHttpError with status 0', async () => {
    server.use(
      http.get(`${BASE}${FILMS}`, async () => {
        await delay('infinite');
        return html('never');
      }),
    );
    const error = await client({ retry: { limit: 0 } }).getFilms('mara_quill', { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LetterboxdHttpError', status: 0 });
    expect((error as Error).message).toMatch(/timeout after 30 ms/);
  });
});

describe('timeouts', () => {
  it.each([0, -1, Number.NaN])('refuses a per-call timeoutMs of %s before any request', async (timeoutMs) => {
    const site = createSite({ [FILMS]: fixture('letterboxd-films-page-2.html') });
    server.use(...site.handlers);
    await expect(client().getFilms('mara_quill', { timeoutMs })).rejects.toThrow(/timeoutMs must be a positive number/);
    await expect(client().getFilm('the-salt-orchard', { timeoutMs })).rejects.toThrow(RangeError);
    expect(site.requests).toEqual([]);
  });

  it('caps a huge timeout at what a timer can hold instead of failing every attempt', async () => {
    server.use(...createSite({ [FILMS]: fixture('letterboxd-films-page-2.html') }).handlers);
    expect(await client({ timeoutMs: 1e12 }).getFilms('mara_quill', { timeoutMs: Number.POSITIVE_INFINITY })).toHaveLength(1);
    expect(await client({ timeoutMs: 1e12 }).getFilms('mara_quill')).toHaveLength(1);
  });
});

describe('aborting', () => {
  it('an aborted signal sends no request', async () => {
    const site = createSite({});
    server.use(...site.handlers);
    const controller = new AbortController();
    controller.abort();
    await expect(client().getFilms('mara_quill', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client().getProfile('mara_quill', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(site.requests).toEqual([]);
  });

  it('an abort during the retry wait ends the call without another attempt', async () => {
    const controller = new AbortController();
    const site = createSite({ [FILMS]: () => html('Service Unavailable', 503) });
    server.use(...site.handlers);
    // The "retrying" log line comes after the failed attempt is complete and right before the wait: aborting
    // on the next tick lands inside the (one minute) wait, never inside the attempt.
    const quiet = () => {};
    const logger = { debug: quiet, warn: quiet, error: quiet, info: () => void setTimeout(() => controller.abort(), 0) };
    const started = client({ retry: { limit: 5, backoffMs: 60_000 }, logger }).getFilms('mara_quill', {
      signal: controller.signal,
    });
    const error = await started.catch((e: unknown) => e);
    expect(controller.signal.aborted).toBe(true);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(isLetterboxdError(error)).toBe(false);
    expect(site.requests).toHaveLength(1);
  });

  it('an abort between pages stops the iterator before the next request', async () => {
    const site = createSite({
      [FILMS]: fixture('letterboxd-films-page-1.html'),
      '/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html'),
    });
    server.use(...site.handlers);
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const film of client().films('mara_quill', { signal: controller.signal })) {
        seen.push(film.slug);
        if (seen.length === 4) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(4);
    expect(site.requests).toEqual([FILMS]);
  });

  it('an abort during a request is not retried', async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${BASE}${FILMS}`, async () => {
        controller.abort();
        await delay('infinite');
        return html('never');
      }),
    );
    await expect(client().getFilms('mara_quill', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('usernames', () => {
  it.each(['', 'a b', '../etc', 'x'.repeat(101), 'név', 'user/films'])('rejects %j before any request', async (name) => {
    const site = createSite({});
    server.use(...site.handlers);
    const c = client();
    const calls = [
      () => c.getProfile(name),
      () => c.getWatchlist(name),
      () => c.getWatchlistCount(name),
      () => c.getFilms(name),
      () => c.getLikedFilms(name),
      () => c.getTopRated(name),
      async () => {
        for await (const _ of c.films(name)) break;
      },
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LetterboxdInvalidUsernameError);
      expect(error).toMatchObject({ username: name, attempts: 0 });
    }
    expect(site.requests).toEqual([]);
  });

  it('accepts letters, digits, underscores and hyphens', async () => {
    server.use(...createSite({ '/Theo_B-99/watchlist/': fixture('letterboxd-watchlist-empty.html') }).handlers);
    expect(await client().getWatchlist('Theo_B-99')).toEqual([]);
  });
});

describe('isLetterboxdError', () => {
  it('recognises every error of the package and nothing else', async () => {
    server.use(...createSite({}).handlers);
    const error = await client().getFilm('no-such-film').catch((e: unknown) => e);
    expect(isLetterboxdError(error)).toBe(true);
    expect(error).toBeInstanceOf(LetterboxdError);
    expect(error).toMatchObject({ slug: 'no-such-film', url: `${BASE}/film/no-such-film/` });
    expect(isLetterboxdError(new Error('x'))).toBe(false);
    expect(isLetterboxdError(null)).toBe(false);
    expect(isLetterboxdError('LetterboxdNotFoundError')).toBe(false);
  });
});
