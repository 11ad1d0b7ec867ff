import { createLetterboxdClient } from '@lbx/letterboxd';
import { describe, expect, it } from 'vitest';
import { otto } from '../../shared/test/support/members';
import { LETTERBOXD, testApp, useFakes } from './helpers';

const fakes = useFakes();

describe('GET /users/{username}', () => {
  it('returns the profile in the original snake_case shape', async () => {
    const res = await testApp(fakes).request('/users/reel_rita');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      username: 'reel_rita',
      display_name: 'Rita Reel',
      bio: 'Midnight movies & matinées.',
      stats: { films_watched: 5, lists: 3, following: 40, followers: 52 },
      url: `${LETTERBOXD}/reel_rita/`,
    });
  });

  it('answers 404 "User not found" for an unknown member', async () => {
    const res = await testApp(fakes).request('/users/nobody_here');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain('User not found');
    expect(body.detail).toContain('nobody_here');
  });

  it('answers 422 naming the field for an invalid or 101-character username, without calling Letterboxd', async () => {
    const app = testApp(fakes);
    const bad = await app.request('/users/bad.name');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      detail: [{ loc: ['path', 'username'], msg: 'may contain only letters, digits, "_" and "-"', type: 'invalid_format' }],
    });
    const long = await app.request(`/users/${'a'.repeat(101)}`);
    expect(long.status).toBe(422);
    expect(((await long.json()) as { detail: Array<{ msg: string }> }).detail[0]?.msg).toBe('must be at most 100 characters');
    expect((await app.request(`/users/${'a'.repeat(100)}`)).status).toBe(404);
    expect(fakes.lb.requests.filter((r) => r.path.includes('bad.name') || r.path.includes('a'.repeat(101)))).toEqual([]);
  });

  it('answers 502 when Letterboxd blocks us and 503 with Retry-After when it rate-limits us', async () => {
    const app = testApp(fakes, {}, { letterboxd: createLetterboxdClient({ baseUrl: LETTERBOXD, minDelayMs: 0, retry: { limit: 0 } }) });
    fakes.lb.failNext({ kind: 'cloudflare' });
    const blocked = await app.request('/users/reel_rita');
    expect(blocked.status).toBe(502);
    expect(((await blocked.json()) as { detail: string }).detail).toMatch(/blocked.*Cloudflare.*not a rate limit/);

    fakes.lb.failNext({ kind: 'rate-limit', retryAfter: 120 });
    const limited = await app.request('/users/reel_rita');
    expect(limited.status).toBe(503);
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/rate-limiting/);
  });

  it('answers 502 with a JSON detail and no stack trace when Letterboxd keeps failing (an upstream error)', async () => {
    const app = testApp(fakes, {}, { letterboxd: createLetterboxdClient({ baseUrl: LETTERBOXD, minDelayMs: 0, retry: { limit: 0 } }) });
    fakes.lb.failNext({ kind: 'server-error', status: 500 });
    const res = await app.request('/users/reel_rita');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toHaveProperty('detail');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('GET /users/{username}/watchlist', () => {
  it('defaults to page 1, 20 per page, title ascending', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/watchlist');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      username: 'reel_rita',
      total_watchlist: 3,
      films_count: 3,
      page: 1,
      page_size: 20,
      total_pages: 1,
      has_next: false,
      has_previous: false,
      films: [
        { title: 'Les Misérables', year: 2012, url: `${LETTERBOXD}/film/les-miserables-2012/` },
        { title: 'Suspiria', year: 2018, url: `${LETTERBOXD}/film/suspiria-2018/` },
        { title: 'The Thing', year: 2011, url: `${LETTERBOXD}/film/the-thing-2011/` },
      ],
    });
  });

  it('answers 403 when the member keeps their watchlist private', async () => {
    fakes.lb.addMember({ ...otto, username: 'private_pat', privateWatchlist: true });
    const res = await testApp(fakes).request('/users/private_pat/watchlist');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toBe('This Letterboxd page of "private_pat" is private.');
  });

  it('sorts by year descending and pages', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/watchlist?sort_by=year&sort_order=desc&page=2&page_size=2');
    expect(await res.json()).toMatchObject({
      total_watchlist: 3,
      films_count: 1,
      page: 2,
      page_size: 2,
      total_pages: 2,
      has_next: false,
      has_previous: true,
      films: [{ title: 'The Thing', year: 2011 }],
    });
  });

  it('cuts the sorted list to limit before paging', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/watchlist?limit=2&sort_by=year');
    expect(await res.json()).toMatchObject({
      total_watchlist: 2,
      films_count: 2,
      total_pages: 1,
      films: [{ year: 2011 }, { year: 2012 }],
    });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page_size=0', 'page_size'],
    ['page_size=101', 'page_size'],
    ['sort_by=rating', 'sort_by'],
    ['sort_order=up', 'sort_order'],
  ])('answers 422 for %s, naming the parameter', async (query, field) => {
    const res = await testApp(fakes).request(`/users/reel_rita/watchlist?${query}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: Array<{ loc: string[]; msg: string }> };
    expect(body.detail[0]?.loc).toEqual(['query', field]);
    expect(body.detail[0]?.msg).toBeTruthy();
    expect(fakes.lb.requests).toEqual([]);
  });
});

describe('GET /users/{username}/top-rated', () => {
  it('returns the films rated and liked, best rating first, with 5-star ratings', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/top-rated');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      username: 'reel_rita',
      source: 'letterboxd',
      total_rated: 4,
      films_count: 4,
      page: 1,
      page_size: 20,
      total_pages: 1,
      has_next: false,
      has_previous: false,
      films: [
        { title: 'Fight Club', slug: 'fight-club', year: 1999, rating: 5, url: `${LETTERBOXD}/film/fight-club/` },
        { title: 'The Matrix', slug: 'the-matrix', year: 1999, rating: 4.5, url: `${LETTERBOXD}/film/the-matrix/` },
        { title: 'Amélie', slug: 'amelie', year: 2001, rating: 4, url: `${LETTERBOXD}/film/amelie/` },
        { title: 'Suspiria', slug: 'suspiria', year: 1977, rating: 3.5, url: `${LETTERBOXD}/film/suspiria/` },
      ],
    });
  });

  it('keeps the best three by rating, then sorts them by title ascending (accent-insensitive), as the sync does', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/top-rated?sort_by=title&sort_order=asc&limit=3');
    const body = (await res.json()) as { total_rated: number; films: Array<{ title: string }> };
    expect(body.total_rated).toBe(3);
    expect(body.films.map((f) => f.title)).toEqual(['Amélie', 'Fight Club', 'The Matrix']);
  });

  it('answers 404 for an unknown member', async () => {
    const res = await testApp(fakes).request('/users/nobody_here/top-rated');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toContain('User not found');
  });
});
