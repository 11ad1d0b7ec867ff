import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  LetterboxdError,
  LetterboxdOptionsError,
  LetterboxdQueueFullError,
  createLetterboxdClient,
  isLetterboxdError,
} from '@lbx/letterboxd';
import { BASE, fixture, html, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const FILM = fixture('letterboxd-film-movie.html');

/** Film pages held until `open()`; `reached` lists the slugs that got to the site, `first` settles with the first. */
function gatedFilms() {
  const reached: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  server.use(
    http.get(`${BASE}/film/:slug/`, async ({ params }) => {
      reached.push(String(params.slug));
      arrived();
      await gate;
      return html(FILM);
    }),
  );
  return { reached, open, first };
}

describe('maxQueue', () => {
  it('refuses a request that would wait behind maxQueue others with LetterboxdQueueFullError, sending nothing', async () => {
    const site = gatedFilms();
    const client = createLetterboxdClient({ baseUrl: BASE, concurrency: 1, minDelayMs: 0, maxQueue: 1 });
    const inFlight = client.getFilm('heat-1995');
    await site.first;
    const waiting = client.getFilm('waiting-1');
    const refused = await client.getFilm('refused-2').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(LetterboxdQueueFullError);
    expect(refused).toBeInstanceOf(LetterboxdError);
    expect(isLetterboxdError(refused)).toBe(true);
    expect(refused).toMatchObject({ name: 'LetterboxdQueueFullError', maxQueue: 1, slug: 'refused-2', attempts: 0 });
    expect((refused as Error).message).toMatch(
      /^Not sent: 1 Letterboxd request\(s\) already wait for a slot \(maxQueue\), so the request .*\/film\/refused-2\/ for film "refused-2" was refused.*Try again in a few seconds/,
    );
    site.open();
    await Promise.all([inFlight, waiting]);
    expect(site.reached).toEqual(['heat-1995', 'waiting-1']);
  });

  it('maxQueue: 0 sends only what finds a free slot', async () => {
    const site = gatedFilms();
    const client = createLetterboxdClient({ baseUrl: BASE, concurrency: 2, minDelayMs: 0, maxQueue: 0 });
    const a = client.getFilm('a-1');
    const b = client.getFilm('b-2');
    await expect(client.getFilm('c-3')).rejects.toBeInstanceOf(LetterboxdQueueFullError);
    site.open();
    await Promise.all([a, b]);
    expect(site.reached.sort()).toEqual(['a-1', 'b-2']);
  });

  it('frees the place of a waiter whose caller aborted: it never reaches the site, the next one does', async () => {
    const site = gatedFilms();
    const client = createLetterboxdClient({ baseUrl: BASE, concurrency: 1, minDelayMs: 0, maxQueue: 1 });
    const inFlight = client.getFilm('heat-1995');
    await site.first;
    const controller = new AbortController();
    const abandoned = client.getFilm('abandoned-1', { signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(abandoned).rejects.toThrow('client went away');
    const next = client.getFilm('next-2');
    site.open();
    await Promise.all([inFlight, next]);
    expect(site.reached).toEqual(['heat-1995', 'next-2']);
  });

  it('is unbounded by default', async () => {
    const site = gatedFilms();
    const client = createLetterboxdClient({ baseUrl: BASE, concurrency: 1, minDelayMs: 0 });
    const calls = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5'].map((slug) => client.getFilm(slug));
    await site.first;
    site.open();
    await Promise.all(calls);
    expect(site.reached).toHaveLength(5);
  });

  it('rejects a maxQueue that is not a whole number ≥ 0 when the client is created', () => {
    expect(() => createLetterboxdClient({ maxQueue: -1 })).toThrow(LetterboxdOptionsError);
    expect(() => createLetterboxdClient({ maxQueue: 1.5 })).toThrow(/maxQueue must be/);
  });
});
