import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { type Logger, createLetterboxdClient } from '@lbx/letterboxd';
import { BASE, createSite, fixture, html, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const FILM = fixture('letterboxd-film-movie.html');

/**
 * A film-page handler that records how many requests it is serving at once. Each request is held until
 * `release(state)` resolves (default: 15 ms, long enough for the limiter to start every request it may).
 */
function trackedFilms(release: (state: { inFlight: number }) => Promise<unknown> = () => delay(15)) {
  const state = { inFlight: 0, maxInFlight: 0, started: [] as string[] };
  const handler = http.get(`${BASE}/film/:slug/`, async ({ params }) => {
    state.started.push(String(params.slug));
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await release(state);
    state.inFlight -= 1;
    return html(FILM);
  });
  return { state, handler };
}

/**
 * A latch: holds each request until `count` requests have been in flight together once (never, if the client
 * holds them back), then lets every request through.
 */
function untilInFlight(count: number) {
  const waiting: Array<() => void> = [];
  let reached = false;
  return async (state: { inFlight: number }) => {
    if (reached || state.inFlight >= count) {
      reached = true;
      waiting.splice(0).forEach((wake) => wake());
    } else {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
}

const slugs = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5', 'f-6'];

describe('politeness limiter', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    // Two requests overlap for sure (however slow the machine), then each lingers for a third to show up.
    const paired = untilInFlight(2);
    const { state, handler } = trackedFilms(async (s) => {
      await paired(s);
      await delay(15);
    });
    server.use(handler);
    const client = createLetterboxdClient({ concurrency: 2, minDelayMs: 0 });
    await Promise.all(slugs.map((slug) => client.getFilm(slug)));
    expect(state.started).toHaveLength(6);
    expect(state.maxInFlight).toBe(2);
  });

  it('lets more through with a higher concurrency (the limit is what holds them back)', async () => {
    // Every request waits until three are in flight at once: only a client that lets three go finishes.
    const { state, handler } = trackedFilms(untilInFlight(3));
    server.use(handler);
    const client = createLetterboxdClient({ concurrency: 3, minDelayMs: 0 });
    await Promise.all(slugs.slice(0, 3).map((slug) => client.getFilm(slug)));
    expect(state.maxInFlight).toBe(3);
  });

  it('starts requests in call order', async () => {
    const { state, handler } = trackedFilms();
    server.use(handler);
    const client = createLetterboxdClient({ concurrency: 1, minDelayMs: 0 });
    await Promise.all(slugs.map((slug) => client.getFilm(slug)));
    expect(state.started).toEqual(slugs);
  });

  it('holds the next request back for minDelayMs, across methods of one client', async () => {
    const site = createSite({ '/film/the-salt-orchard/': FILM, '/mara_quill/': fixture('letterboxd-profile-with-bio.html') });
    server.use(...site.handlers);
    const client = createLetterboxdClient({ concurrency: 4, minDelayMs: 60_000 });
    const controller = new AbortController();
    await client.getFilm('the-salt-orchard');
    // The profile request must wait a minute behind the film request: abort it while it is still queued.
    const queued = client.getProfile('mara_quill', { signal: controller.signal });
    await delay(20);
    expect(site.requests).toEqual(['/film/the-salt-orchard/']);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(site.requests).toEqual(['/film/the-salt-orchard/']);
  });

  it('two clients do not share a limiter', async () => {
    const site = createSite({ '/film/the-salt-orchard/': FILM });
    server.use(...site.handlers);
    const options = { concurrency: 1, minDelayMs: 60_000 };
    await createLetterboxdClient(options).getFilm('the-salt-orchard');
    await createLetterboxdClient(options).getFilm('the-salt-orchard');
    expect(site.requests).toHaveLength(2);
  });
});

describe('transport and headers', () => {
  it('uses an injected fetch instead of the global one', async () => {
    const seen: Request[] = [];
    const transport: typeof fetch = async (input) => {
      const request = input as Request;
      seen.push(request);
      return new Response(FILM, { status: 200, headers: { 'content-type': 'text/html' } });
    };
    // No msw handler is registered: a request through the global fetch would fail the test.
    const client = createLetterboxdClient({ fetch: transport, minDelayMs: 0, userAgent: 'my-app/1.0 (+https://example.org)' });
    const film = await client.getFilm('the-salt-orchard');
    expect(film.tmdb).toEqual({ id: 48213, type: 'movie' });
    expect(seen.map((r) => r.url)).toEqual([`${BASE}/film/the-salt-orchard/`]);
    expect(seen[0]?.headers.get('user-agent')).toBe('my-app/1.0 (+https://example.org)');
    expect(seen[0]?.headers.get('accept')).toMatch(/^text\/html/);
  });

  it('sends an identifying User-Agent by default', async () => {
    const site = createSite({ '/film/the-salt-orchard/': FILM });
    server.use(...site.handlers);
    await createLetterboxdClient({ minDelayMs: 0 }).getFilm('the-salt-orchard');
    expect(site.received[0]?.headers.get('user-agent')).toMatch(/@lbx\/letterboxd/);
  });

  it('logs requests, retries and failures through the logger', async () => {
    const entries: Array<[string, string]> = [];
    const logger: Logger = {
      debug: (m) => entries.push(['debug', m]),
      info: (m) => entries.push(['info', m]),
      warn: (m) => entries.push(['warn', m]),
      error: (m) => entries.push(['error', m]),
    };
    let n = 0;
    server.use(
      http.get(`${BASE}/film/:slug/`, () => {
        n += 1;
        return n === 1 ? html('Bad Gateway', 502) : html(fixture('letterboxd-error-404.html'), 404);
      }),
    );
    const client = createLetterboxdClient({ minDelayMs: 0, retry: { backoffMs: 1 }, logger });
    await expect(client.getFilm('the-salt-orchard')).rejects.toMatchObject({ name: 'LetterboxdNotFoundError', attempts: 2 });
    expect(entries).toEqual([
      ['debug', 'letterboxd: GET'],
      ['info', 'letterboxd: retrying'],
      ['debug', 'letterboxd: GET'],
      ['warn', 'letterboxd: request failed'],
    ]);
  });
});
