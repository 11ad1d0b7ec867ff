import { readFileSync } from 'node:fs';
import { createLetterboxdClient, createRssSource, LetterboxdNoTopRatedFilmsError, LetterboxdNotFoundError } from '@lbx/letterboxd';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BASE = 'https://letterboxd.test';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/rss/${name}`, import.meta.url), 'utf8');
const nadiaFeed = fixture('letterboxd-rss-reel_nadia.xml');

const feed = (username: string, body: string) =>
  http.get(`${BASE}/${username}/rss/`, () =>
    new HttpResponse(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } }),
  );

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const source = () => createRssSource(createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0, retry: { limit: 0 } }));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('createRssSource: getTopRated', () => {
  it('returns the rated and liked films of the feed, one per film, best rating first, with TMDb ids', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    const top = await source().getTopRated('reel_nadia');
    expect(top.map((f) => [f.title, f.rating, f.tmdb])).toEqual([
      // Heat was logged twice (4.0 in May, 5.0 in August): the latest entry wins.
      ['Heat', 5, { id: 949, type: 'movie' }],
      ['Chernobyl', 5, { id: 87108, type: 'tv' }],
      ['Amélie', 4.5, { id: 194, type: 'movie' }],
      ['Mulholland Drive', 4.5, { id: 1018, type: 'movie' }],
      ["Roald Dahl's Matilda the Musical", 4, { id: 550205, type: 'movie' }],
    ]);
  });

  it('hands the sync Film-shaped films with the TMDb id it resolves exactly', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    const [heat] = await source().getTopRated('reel_nadia', { limit: 1 });
    expect(heat).toMatchObject({
      slug: 'heat-1995',
      title: 'Heat',
      year: 1995,
      url: `${BASE}/film/heat-1995/`,
      rating: 5,
      liked: true,
      filmId: null,
      tmdb: { id: 949, type: 'movie' },
      imdbId: null,
    });
    expect(heat?.entry.guid).toBe('letterboxd-watch-900000012');
  });

  it('keeps the latest entry even when it is no longer liked', async () => {
    const unliked = nadiaFeed.replace(
      '<letterboxd:memberRating>5.0</letterboxd:memberRating> <letterboxd:memberLike>Yes</letterboxd:memberLike> <tmdb:movieId>949',
      '<letterboxd:memberRating>5.0</letterboxd:memberRating> <letterboxd:memberLike>No</letterboxd:memberLike> <tmdb:movieId>949',
    );
    server.use(feed('reel_nadia', unliked));
    const titles = (await source().getTopRated('reel_nadia')).map((f) => f.title);
    expect(titles).not.toContain('Heat');
    expect(titles).toHaveLength(4);
  });

  it('cuts at limit', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    expect((await source().getTopRated('reel_nadia', { limit: 3 })).map((f) => f.title)).toEqual([
      'Heat',
      'Chernobyl',
      'Amélie',
    ]);
  });

  it('throws LetterboxdNoTopRatedFilmsError for a feed without diary entries (never [])', async () => {
    server.use(feed('new_member', fixture('letterboxd-rss-no-entries.xml')));
    const error = await failure(source().getTopRated('new_member'));
    expect(error).toBeInstanceOf(LetterboxdNoTopRatedFilmsError);
    expect(error).toMatchObject({
      source: 'rss',
      username: 'new_member',
      url: `${BASE}/new_member/rss/`,
      detail: 'the feed has no diary entries',
    });
    expect((error as Error).message).toContain('50 most recent diary entries');
  });

  it('throws when the feed does not say what is liked (older format)', async () => {
    server.use(feed('old_feed', fixture('letterboxd-rss-2022-format.xml')));
    const error = await failure(source().getTopRated('old_feed'));
    expect(error).toBeInstanceOf(LetterboxdNoTopRatedFilmsError);
    expect((error as LetterboxdNoTopRatedFilmsError).detail).toMatch(/no letterboxd:memberLike/);
  });

  it('throws when no entry is both rated and liked', async () => {
    server.use(feed('reel_nadia', nadiaFeed.replaceAll('<letterboxd:memberLike>Yes', '<letterboxd:memberLike>No')));
    const error = await failure(source().getTopRated('reel_nadia'));
    expect(error).toMatchObject({ detail: 'none of its 8 diary entries is rated and liked' });
  });

  it('passes the client errors through', async () => {
    server.use(http.get(`${BASE}/ghost/rss/`, () => new HttpResponse('<html><body>Sorry</body></html>', { status: 404 })));
    await expect(source().getTopRated('ghost')).rejects.toBeInstanceOf(LetterboxdNotFoundError);
  });
});
