import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { startServer } from '../src/server';
import { LETTERBOXD, auth, testApp, testConfig, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

/**
 * Holds every request for `path` on the fake Letterboxd until `open()` (or until the request is aborted), then
 * lets the fake answer. `arrived` resolves with each held request's signal, in order.
 */
function holdPath(path: string) {
  const signals: AbortSignal[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const waiters: Array<(signal: AbortSignal) => void> = [];
  fakes.msw.use(
    http.get(`${LETTERBOXD}${path}`, async ({ request }) => {
      signals.push(request.signal);
      waiters.shift()?.(request.signal);
      await new Promise<void>((resolve) => {
        void gate.then(resolve);
        request.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (request.signal.aborted) return HttpResponse.error();
      return undefined; // fall through to the fake's own handler
    }),
  );
  const arrived = (index: number) =>
    signals[index] !== undefined ? Promise.resolve(signals[index]) : new Promise<AbortSignal>((resolve) => waiters.push(resolve));
  return { signals, open, arrived };
}

const aborted = (signal: AbortSignal) =>
  signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('abandoned reads', () => {
  it("a disconnected client's upstream read is aborted, and nothing more is sent for it", async () => {
    const app = testApp(fakes);
    const site = holdPath('/reel_rita/');
    const client = new AbortController();
    const answer = app.request('/users/reel_rita', { signal: client.signal });
    const upstream = await site.arrived(0);
    client.abort(new Error('client disconnected'));
    await aborted(upstream);
    expect((await answer).status).toBe(499);
    expect(site.signals).toHaveLength(1); // not retried
    // The entry was dropped: the next caller starts a fresh read.
    site.open();
    expect((await app.request('/users/reel_rita')).status).toBe(200);
    expect(site.signals).toHaveLength(2);
  });

  it('a coalesced read survives one caller leaving; it is aborted when the last one leaves', async () => {
    const app = testApp(fakes);
    const site = holdPath('/reel_rita/');
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = app.request('/users/reel_rita', { signal: leaving.signal });
    const upstream = await site.arrived(0);
    const second = app.request('/users/reel_rita', { signal: staying.signal });
    await vi.waitFor(() => expect(app.cache.waiters('profile:reel_rita')).toBe(2), { interval: 1 });
    leaving.abort(new Error('went away'));
    expect((await first).status).toBe(499);
    expect(upstream.aborted).toBe(false);
    site.open();
    const res = await second;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'reel_rita' });
    expect(site.signals).toHaveLength(1);
  });

  it('with two callers on one read, the upstream request is aborted when both have left', async () => {
    const app = testApp(fakes);
    const site = holdPath('/reel_rita/');
    const callers = [new AbortController(), new AbortController()];
    const answers = callers.map((caller) => app.request('/users/reel_rita', { signal: caller.signal }));
    const upstream = await site.arrived(0);
    await vi.waitFor(() => expect(app.cache.waiters('profile:reel_rita')).toBe(2), { interval: 1 });
    callers[0]?.abort(new Error('one left'));
    expect(upstream.aborted).toBe(false);
    callers[1]?.abort(new Error('both left'));
    await aborted(upstream);
    expect((await Promise.all(answers)).map((res) => res.status)).toEqual([499, 499]);
    expect(site.signals).toHaveLength(1);
  });
});

describe('bounded Letterboxd reads', () => {
  const saturated = { LETTERBOXD_CONCURRENCY: '1', READ_QUEUE_MAX: '0' };

  it('answers 503 with Retry-After when READ_QUEUE_MAX reads already wait, without sending it', async () => {
    const app = testApp(fakes, saturated);
    const site = holdPath('/reel_rita/');
    const holding = app.request('/users/reel_rita');
    await site.arrived(0);
    const refused = await app.request('/users/otto_o');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/0 Letterboxd reads are already waiting \(READ_QUEUE_MAX\)/);
    expect(fakes.lb.requests.some((request) => request.path.includes('otto_o'))).toBe(false);
    site.open();
    expect((await holding).status).toBe(200);
  });

  it('the Radarr list reads through the same bounded client: 503 while it is full, a disconnect aborts its read', async () => {
    const app = testApp(fakes, saturated);
    const site = holdPath('/reel_rita/');
    const holding = app.request('/users/reel_rita');
    await site.arrived(0);
    const refused = await app.request('/radarr/otto_o/top-rated');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(fakes.lb.requests.some((request) => request.path.includes('otto_o'))).toBe(false);
    site.open();
    expect((await holding).status).toBe(200);

    const held = holdPath('/otto_o/*');
    const radarr = new AbortController();
    const answer = app.request('/radarr/otto_o/top-rated', { signal: radarr.signal });
    const upstream = await held.arrived(0);
    radarr.abort(new Error('Radarr gave up'));
    await aborted(upstream);
    expect((await answer).status).toBe(499);
    held.open();
  });

  it('a sync still runs while the reads are saturated (it has its own client)', async () => {
    const app = testApp(fakes, saturated);
    const site = holdPath('/reel_rita/');
    const holding = app.request('/users/reel_rita');
    await site.arrived(0);
    expect((await app.request('/users/otto_o/watchlist')).status).toBe(503);
    const res = await app.request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ usernames: ['otto_o'] }),
    });
    const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
    expect(job.status).toBe('completed');
    expect((job.results as Array<Record<string, unknown>>)[0]).toMatchObject({ username: 'otto_o', status: 'synced' });
    expect(site.signals[0]?.aborted).toBe(false); // the read is still held
    site.open();
    expect((await holding).status).toBe(200);
  });
});

describe('per-client rate limit of the read endpoints', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_READS_PER_MINUTE; writes and health are not counted', async () => {
    const app = testApp(fakes, { RATE_LIMIT_READS_PER_MINUTE: '2' });
    expect((await app.request('/users/reel_rita')).status).toBe(200);
    expect((await app.request('/health')).status).toBe(200);
    const second = await app.request('/users/reel_rita');
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const limited = await app.request('/users/reel_rita');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/RATE_LIMIT_READS_PER_MINUTE=2/);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('is off with RATE_LIMIT_READS_PER_MINUTE=0', async () => {
    const app = testApp(fakes, { RATE_LIMIT_READS_PER_MINUTE: '0' });
    for (let i = 0; i < 5; i += 1) expect((await app.request('/users/reel_rita')).status).toBe(200);
  });
});

describe('over real HTTP (startServer)', () => {
  it('a client that hangs up aborts its Letterboxd read; the read client is bounded (503)', async () => {
    const lines: string[] = [];
    const log = (line: string) => void lines.push(line);
    const logger = { debug: log, info: log, warn: log, error: log };
    const server = await startServer(testConfig(fakes, { PORT: '0', LETTERBOXD_CONCURRENCY: '1', READ_QUEUE_MAX: '0' }), { logger });
    try {
      const site = holdPath('/reel_rita/');
      const client = new AbortController();
      const hangingUp = fetch(`${server.url}/users/reel_rita`, { signal: client.signal }).catch((error: unknown) => error);
      const upstream = await site.arrived(0);
      const refused = await fetch(`${server.url}/users/otto_o`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      client.abort(new Error('tab closed'));
      await aborted(upstream); // the socket closed, the server aborted its read
      expect(await hangingUp).toMatchObject({ message: 'tab closed' });
      await vi.waitFor(() => expect(lines).toContain('GET /users/reel_rita 499'), { interval: 5 });
      site.open();
      expect((await fetch(`${server.url}/users/otto_o`)).status).toBe(200);
      expect(site.signals).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
