import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { TmdbHttpError, TmdbOptionsError, TmdbRateLimitError } from '@lbx/tmdb';
import { recordingLogger, useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

describe('retries', () => {
  it('retries a read after a 429 with Retry-After, then succeeds', async () => {
    fake.failNext({ path: '/3/search/movie', status: 429, retryAfter: 0 });
    const logger = recordingLogger();
    const page = await client({ logger }).searchMovie('Fight Club');
    expect(page.results[0]?.id).toBe(550);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(logger.lines.some((line) => line.startsWith('warn tmdb: retrying') && line.includes('"status":429'))).toBe(true);
  });

  it('gives up on 5xx after the retry limit with a TmdbHttpError that records the attempts', async () => {
    fake.failNext({ path: '/3/movie/550', status: 502, times: 5 });
    const error = await client({ retry: { limit: 2, maxDelayMs: 1 } }).getMovie(550).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbHttpError);
    expect(error).toMatchObject({ status: 502, tmdbCode: 43, attempts: 3 });
    expect((error as Error).message).toMatch(/after 3 attempt/);
    expect(fake.requests).toHaveLength(3);
  });

  it('reports a 429 that does not go away as TmdbRateLimitError with the attempts', async () => {
    fake.failNext({ status: 429, retryAfter: 0, times: 3 });
    const error = await client({ retry: { limit: 1 } }).searchTv('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbRateLimitError);
    expect(error).toMatchObject({ status: 429, tmdbCode: 25, retryAfterMs: 0, attempts: 2 });
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs, reporting the wait TMDb asked for', async () => {
    fake.failNext({ status: 429, retryAfter: 7, times: 3 });
    const logger = recordingLogger();
    const error = await client({ retry: { limit: 2, maxRetryAfterMs: 1000 }, logger }).searchTv('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7000, attempts: 1 });
    expect((error as Error).message).toMatch(/asked to wait 7 s/);
    expect(fake.requests).toHaveLength(1);
    expect(logger.lines.some((line) => line.startsWith('warn tmdb: retrying'))).toBe(false);
  });

  it('never retries a non-idempotent write on 5xx (creating a list twice would duplicate it)', async () => {
    fake.failNext({ method: 'POST', path: '/4/list', status: 503 });
    const error = await client().createList({ name: 'Once' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TmdbHttpError', status: 503, attempts: 1 });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('retries a non-idempotent write on 429 (refused before any effect)', async () => {
    fake.failNext({ method: 'POST', path: /^\/4\/list$/, status: 429, retryAfter: 0 });
    const id = await client().createList({ name: 'After 429' });
    expect(fake.lists.get(id)?.name).toBe('After 429');
    expect(fake.lists.size).toBe(1);
  });

  it('retries adding items after a 5xx: adds are idempotent', async () => {
    const list = fake.seedList({ name: 'Adds' });
    fake.failNext({ method: 'POST', path: '/items', status: 500 });
    const results = await client().addItems(list.id, [{ mediaType: 'movie', mediaId: 550 }]);
    expect(results).toEqual([{ status: 'ok', mediaType: 'movie', mediaId: 550 }]);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('does not retry removals or clears on 5xx', async () => {
    const list = fake.seedList({ name: 'R', items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    fake.failNext({ method: 'DELETE', status: 500 });
    fake.failNext({ path: '/clear', status: 500 });
    const tmdb = client();
    await expect(tmdb.removeItems(list.id, [{ mediaType: 'movie', mediaId: 550 }])).rejects.toMatchObject({ status: 500, attempts: 1 });
    await expect(tmdb.clearList(list.id)).rejects.toMatchObject({ status: 500, attempts: 1 });
    expect(fake.requests).toHaveLength(2);
  });

  it('retries network errors on reads and reports them as status 0 when they persist', async () => {
    server.use(http.get('https://api.themoviedb.org/3/movie/603', () => HttpResponse.error()));
    const error = await client({ retry: { limit: 1, maxDelayMs: 1 } }).getMovie(603).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbHttpError);
    expect(error).toMatchObject({ status: 0, attempts: 2 });
    expect((error as Error).message).toMatch(/could not reach TMDb/);
  });
});

describe('timeouts, aborts and the rate limiter', () => {
  it('times out a slow answer with a clear error', async () => {
    server.use(http.get('https://api.themoviedb.org/3/movie/550', async () => {
      // Never answers: the client's timer alone decides, however slow the machine is.
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const error = await client({ retry: { limit: 0 } }).getMovie(550, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbHttpError);
    expect((error as Error).message).toMatch(/did not answer within 20 ms/);
  });

  it('passes a user abort through as the AbortError, without retrying', async () => {
    const slow = createSlowFake();
    const controller = new AbortController();
    const pending = client().searchMovie('matrix', { signal: controller.signal });
    await slow.started;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(slow.calls()).toBe(1);
  });

  it('rejects at once for an already aborted signal, sending nothing', async () => {
    await expect(client().getList(1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [{ maxRequestsPerSecond: 0 }, /maxRequestsPerSecond must be a number > 0 \(or Infinity\), got 0/],
    [{ maxRequestsPerSecond: Number.NaN }, /maxRequestsPerSecond/],
    [{ timeoutMs: -5 }, /timeoutMs must be a number > 0/],
    [{ retry: { limit: 1.5 } }, /retry.limit must be an integer ≥ 0/],
    [{ retry: { maxRetryAfterMs: -1 } }, /retry.maxRetryAfterMs/],
    [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, /retry.maxDelayMs/],
    [{ retry: { backoffMs: -1 } }, /retry.backoffMs must be a number ≥ 0/],
  ])('refuses %o when the client is created (0 would silently mean "no limit")', (options, message) => {
    expect(() => client(options)).toThrow(TypeError);
    expect(() => client(options)).toThrow(TmdbOptionsError);
    expect(() => client(options)).toThrow(message);
  });

  it('accepts timeoutMs: Infinity (as long as a timer can wait)', async () => {
    await expect(client({ timeoutMs: Number.POSITIVE_INFINITY }).getMovie(550)).resolves.toMatchObject({ id: 550 });
  });

  it('accepts Infinity as "no client-side limit"', async () => {
    await expect(client({ maxRequestsPerSecond: Number.POSITIVE_INFINITY }).getMovie(550)).resolves.toMatchObject({ id: 550 });
  });

  it('does not count time waiting for the rate limiter against timeoutMs', async () => {
    // 4 per second: the ninth request waits about 1.25 s in the queue, longer than its 1 s timeout.
    const tmdb = client({ maxRequestsPerSecond: 4, timeoutMs: 1000, retry: { limit: 0 } });
    const movies = await Promise.all(Array.from({ length: 9 }, () => tmdb.getMovie(550)));
    expect(movies.map((movie) => movie.id)).toEqual(Array(9).fill(550));
    expect(fake.requests).toHaveLength(9);
  });

  it('queues requests over maxRequestsPerSecond, and an abort while queued sends nothing', async () => {
    const tmdb = client({ maxRequestsPerSecond: 1 });
    await tmdb.getMovie(550);
    const controller = new AbortController();
    const queued = tmdb.getMovie(603, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.requests).toHaveLength(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });
});

function createSlowFake() {
  let calls = 0;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  server.use(
    http.get('https://api.themoviedb.org/3/search/movie', async () => {
      calls += 1;
      markStarted();
      await delay('infinite');
      return HttpResponse.json({});
    }),
  );
  return { started, calls: () => calls };
}
