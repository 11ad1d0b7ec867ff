import { describe, expect, it } from 'vitest';
import { LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { type LikedFilmSpec, likesPage, ratedFilms } from './fixtures/likes-page.js';
import { createSite, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });
const BY_RATING = '/vera_lind/likes/films/by/member-rating/';

/** A member who liked `rated` rated films followed by `unrated` unrated ones, 72 per page like the real site. */
function likesByRating(rated: number, unrated: number) {
  const films: LikedFilmSpec[] = [
    ...ratedFilms(1, rated),
    ...Array.from({ length: unrated }, (_, i) => ({ slug: `unrated-${i}`, name: `Unrated ${i}`, uid: 500 + i, rated: null })),
  ];
  const routes: Record<string, string> = {};
  const pages = Math.ceil(films.length / 72);
  for (let p = 1; p <= pages; p += 1) {
    const path = p === 1 ? BY_RATING : `${BY_RATING}page/${p}/`;
    const next = p < pages ? `${BY_RATING}page/${p + 1}/` : null;
    routes[path] = likesPage('vera_lind', films.slice((p - 1) * 72, p * 72), next);
  }
  return createSite(routes);
}

describe('getTopRated', () => {
  it('limit 20 costs one page request however many films the member liked', async () => {
    const site = likesByRating(2000, 0);
    server.use(...site.handlers);
    const top = await client().getTopRated('vera_lind', { limit: 20 });
    expect(top).toHaveLength(20);
    expect(top[0]).toMatchObject({ slug: 'film-1', rating: 5, liked: true });
    expect(site.requests).toEqual([BY_RATING]);
  });

  it('limit 100 costs two page requests (72 films per page)', async () => {
    const site = likesByRating(2000, 0);
    server.use(...site.handlers);
    const top = await client().getTopRated('vera_lind', { limit: 100 });
    expect(top).toHaveLength(100);
    expect(top.map((f) => f.rating)).toEqual([...top.map((f) => f.rating)].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(site.requests).toEqual([BY_RATING, `${BY_RATING}page/2/`]);
  });

  it('stops at the first unrated film without asking for the next page', async () => {
    const site = likesByRating(30, 100);
    server.use(...site.handlers);
    const top = await client().getTopRated('vera_lind');
    expect(top).toHaveLength(30);
    expect(top.every((f) => f.rating !== null && f.liked === true)).toBe(true);
    expect(site.requests).toEqual([BY_RATING]);
  });

  it('follows pages while every film is rated and stops at the last page', async () => {
    const site = likesByRating(80, 0);
    server.use(...site.handlers);
    const top = await client().getTopRated('vera_lind');
    expect(top).toHaveLength(80);
    expect(site.requests).toEqual([BY_RATING, `${BY_RATING}page/2/`]);
  });

  it('requests nothing for limit 0', async () => {
    const site = likesByRating(5, 0);
    server.use(...site.handlers);
    expect(await client().getTopRated('vera_lind', { limit: 0 })).toEqual([]);
    expect(site.requests).toEqual([]);
  });

  it.each([Number.NaN, -1, 2.5])('rejects limit %s on every collector before any request', async (limit) => {
    const site = likesByRating(5, 0);
    server.use(...site.handlers);
    const c = client();
    for (const call of [
      () => c.getTopRated('vera_lind', { limit }),
      () => c.getFilms('vera_lind', { limit }),
      () => c.getLikedFilms('vera_lind', { limit }),
      () => c.getWatchlist('vera_lind', { limit }),
    ]) {
      await expect(call()).rejects.toThrow(RangeError);
      await expect(call()).rejects.toThrow(/limit must be an integer ≥ 0/);
    }
    expect(site.requests).toEqual([]);
  });

  it('reads everything with limit Infinity', async () => {
    const site = likesByRating(80, 0);
    server.use(...site.handlers);
    expect(await client().getTopRated('vera_lind', { limit: Number.POSITIVE_INFINITY })).toHaveLength(80);
  });

  it('is a LetterboxdParseError, not [], when the rating/like data moved away from the posters', async () => {
    // A redesign wraps the viewing data so it is no longer next to the poster: every film would look unrated.
    const moved = (page: string) =>
      page.replaceAll('<p class="poster-viewingdata"', '<div class="poster-meta"><p class="poster-viewingdata"').replaceAll('</p>\n</li>', '</p></div>\n</li>');
    const page = moved(likesPage('vera_lind', ratedFilms(1, 30), null));
    expect(page).toContain('<div class="poster-meta"><p class="poster-viewingdata"');
    const site = createSite({ [BY_RATING]: page });
    server.use(...site.handlers);
    const error = await client().getTopRated('vera_lind').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'likes', url: `https://letterboxd.com${BY_RATING}`, username: 'vera_lind' });
    expect((error as Error).message).toMatch(/rating\/like data/);
    expect(site.requests).toEqual([BY_RATING]);
  });
});
