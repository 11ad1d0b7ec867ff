import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The real parser checks the fake's pages. Imported by path: a testkit → @lbx/letterboxd dependency would be a
// cycle (@lbx/letterboxd's tests use testkit).
import {
  LetterboxdBlockedError,
  LetterboxdNotFoundError,
  LetterboxdPrivateError,
  LetterboxdRateLimitError,
  createLetterboxdClient,
} from '../../letterboxd/src/index.js';
import { NOT_FOUND_MESSAGE, createFakeLetterboxd, generateMember, type FakeMember } from '@lbx/testkit';

const fake = createFakeLetterboxd();
const server = setupServer();
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 2, backoffMs: 1 } });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  fake.reset();
});
afterAll(() => server.close());

function use(): void {
  server.use(...fake.handlers);
}

async function get(path: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`https://letterboxd.com${path}`);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

describe('demo members through the real @lbx/letterboxd client', () => {
  it('serves a profile whose bio, avatar and stats the client reads', async () => {
    use();
    const profile = await client.getProfile('cinephile_ana');
    expect(profile).toMatchObject({
      username: 'cinephile_ana',
      displayName: 'Ana Ferreira',
      url: 'https://letterboxd.com/cinephile_ana/',
      stats: { filmsWatched: 11, filmsThisYear: 64, lists: 12, following: 88, followers: 1204 },
    });
    expect(profile.bio).toContain('Slow cinema & fast cars.');
    expect(profile.avatarUrl).toContain('cinephile-ana');
    await expect(client.getProfile('midnight_mo')).resolves.toMatchObject({ bio: null, displayName: 'Mo' });
  });

  it('lists liked films by member rating, best first, and stops at the first unrated one', async () => {
    use();
    const top = await client.getTopRated('cinephile_ana');
    expect(top.map((film) => [film.slug, film.rating])).toEqual([
      ['amelie', 5],
      ['the-thing', 5],
      ['the-matrix', 4.5],
      ['suspiria', 4.5],
      ['unbelievable-2019', 4],
      ['paper-lanterns-2021', 4],
      ['fight-club', 4],
      ['harbour-lights', 3.5],
    ]);
    expect(top.find((film) => film.slug === 'paper-lanterns-2021')?.title).toBe('Paper Lanterns & the "Night" Ferry');
    expect(fake.requests).toEqual([{ method: 'GET', path: '/cinephile_ana/likes/films/by/member-rating/', status: 200 }]);
  });

  it('shows ratings and likes on the films page, and films without a year', async () => {
    use();
    const films = await client.getFilms('midnight_mo');
    const bySlug = new Map(films.map((film) => [film.slug, film]));
    expect(films).toHaveLength(6);
    expect(bySlug.get('fight-club')).toMatchObject({ rating: 3.5, liked: false, year: 1999 });
    expect(bySlug.get('untitled-lighthouse-project')).toMatchObject({ rating: null, liked: false, year: null });
    expect(bySlug.get('suspiria-2018')).toMatchObject({ title: 'Suspiria', year: 2018, rating: 4.5, liked: true });
  });

  it('serves every films sort path the client asks for', async () => {
    use();
    const sorts = [
      'release', 'release-earliest', 'date', 'date-earliest', 'rated-date', 'rated-date-earliest', 'entry-rating',
      'entry-rating-lowest', 'rating', 'rating-lowest', 'name', 'popular', 'longest', 'shortest',
    ] as const;
    for (const sort of sorts) {
      const films = await client.getFilms('midnight_mo', { sort });
      expect(films.length, sort).toBe(sort.startsWith('rated-date') ? 5 : 6);
    }
    const byName = await client.getFilms('midnight_mo', { sort: 'name' });
    expect(byName.map((film) => film.title)).toEqual(['Fight Club', 'Suspiria', 'Suspiria', 'The Thing', 'The Thing', 'Untitled Lighthouse Project']);
    const earliest = await client.getFilms('midnight_mo', { sort: 'release-earliest' });
    expect(earliest.map((film) => film.year)).toEqual([1977, 1982, 1999, 2011, 2018, null]);
    const lowest = await client.getFilms('midnight_mo', { sort: 'entry-rating-lowest' });
    expect(lowest.map((film) => film.rating)).toEqual([3, 3.5, 4, 4.5, 5, null]);
  });

  it('serves film pages with TMDb/IMDb links, including the TV quirk', async () => {
    use();
    await expect(client.getFilm('fight-club')).resolves.toMatchObject({
      title: 'Fight Club',
      year: 1999,
      tmdb: { id: 550, type: 'movie' },
      imdbId: 'tt0137523',
      directors: ['David Fincher'],
    });
    const tv = await client.getFilm('unbelievable-2019');
    expect(tv.tmdb).toEqual({ id: 90677, type: 'tv' });
    expect(tv.directors).toContain('Lisa Cholodenko');
    const page = await get('/film/unbelievable-2019/');
    expect(page.body).toContain('data-tmdb-type="movie" data-tmdb-id=""');
    await expect(client.getFilm('paper-lanterns-2021')).resolves.toMatchObject({ tmdb: null, imdbId: null });
  });

  it('serves the watchlist with its count, and a private watchlist as Letterboxd’s 403', async () => {
    use();
    const watchlist = await client.getWatchlist('cinephile_ana');
    expect(watchlist.map((film) => film.slug)).toEqual(['game-of-thrones', 'untitled-lighthouse-project']);
    await expect(client.getWatchlistCount('cinephile_ana')).resolves.toBe(2);
    await expect(client.getWatchlist('quiet_quinn')).rejects.toBeInstanceOf(LetterboxdPrivateError);
  });

  it('serves the member RSS feed with TMDb ids, ratings and likes', async () => {
    use();
    const feed = await client.getRssFeed('cinephile_ana');
    expect(feed.entries).toHaveLength(11);
    expect(feed.entries[0]).toMatchObject({ slug: 'amelie', memberRating: 5, memberLike: true, tmdb: { id: 194, type: 'movie' } });
    const tv = feed.entries.find((entry) => entry.slug === 'unbelievable-2019');
    expect(tv?.tmdb).toEqual({ id: 90677, type: 'tv' });
    const unrated = feed.entries.find((entry) => entry.slug === 'les-miserables-2012');
    expect(unrated).toMatchObject({ memberRating: null, memberLike: true });
  });
});

describe('errors like letterboxd.com', () => {
  it('answers unknown members, films and pages past the end with the 404 page', async () => {
    use();
    await expect(client.getProfile('nobody_here')).rejects.toBeInstanceOf(LetterboxdNotFoundError);
    await expect(client.getFilm('no-such-film')).rejects.toBeInstanceOf(LetterboxdNotFoundError);
    const pastEnd = await get('/cinephile_ana/films/page/2/');
    expect(pastEnd.status).toBe(404);
    expect(pastEnd.body).toContain(NOT_FOUND_MESSAGE);
    expect(pastEnd.body).toMatch(/<body class="error[^"]*"/);
    expect((await get('/cinephile_ana/films/by/no-such-sort/')).status).toBe(404);
    // A film slug that is not valid percent-encoding is an unknown page too, not a crash of the fake.
    const malformed = await get('/film/%E0%A4%A/');
    expect(malformed.status).toBe(404);
    expect(malformed.body).toContain(NOT_FOUND_MESSAGE);
  });

  it('refuses URLs without the trailing slash with a 403', async () => {
    use();
    const response = await get('/cinephile_ana/films');
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('Just a moment');
  });

  it('can switch the Cloudflare challenge on and off', async () => {
    use();
    fake.setBlocked(true);
    await expect(client.getProfile('cinephile_ana')).rejects.toBeInstanceOf(LetterboxdBlockedError);
    const raw = await get('/cinephile_ana/');
    expect(raw.status).toBe(403);
    expect(raw.body).toContain('<title>Just a moment...</title>');
    expect(raw.headers.get('cf-mitigated')).toBe('challenge');
    fake.setBlocked(false);
    await expect(client.getProfile('cinephile_ana')).resolves.toMatchObject({ username: 'cinephile_ana' });
  });

  it('fails the next matching requests on demand: 429 with Retry-After, then recovers', async () => {
    use();
    fake.failNext({ kind: 'rate-limit', path: '/likes/', times: 1, retryAfter: 0 });
    await expect(client.getTopRated('midnight_mo', { limit: 2 })).resolves.toHaveLength(2);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);

    fake.failNext({ kind: 'rate-limit', times: 3, retryAfter: 120 });
    await expect(client.getProfile('midnight_mo')).rejects.toBeInstanceOf(LetterboxdRateLimitError);
  });

  it('injects a one-off Cloudflare challenge or 5xx only where the rule matches', async () => {
    use();
    fake.failNext({ kind: 'cloudflare', path: /^\/film\// });
    fake.failNext({ kind: 'server-error', status: 502, path: '/rss/' });
    expect((await get('/midnight_mo/')).status).toBe(200);
    expect((await get('/film/fight-club/')).status).toBe(403);
    expect((await get('/film/fight-club/')).status).toBe(200);
    expect((await get('/midnight_mo/rss/')).status).toBe(502);
  });
});

describe('member lists', () => {
  it('serves a ranked list with its details, owner ratings, a TV show and a film without TMDb link', async () => {
    use();
    const list = await client.getList('cinephile_ana', 'slow-burners');
    expect(list).toMatchObject({
      owner: 'cinephile_ana',
      name: 'Slow Burners',
      description: 'Films that take their time.\n\nRanked, best first.',
      ranked: true,
      total: 6,
    });
    expect(list.films.map((film) => [film.rank, film.slug, film.rating])).toEqual([
      [1, 'the-thing', 5],
      [2, 'amelie', 5],
      [3, 'game-of-thrones', null],
      [4, 'paper-lanterns-2021', 4],
      [5, 'harbour-lights', 3.5],
      [6, 'suspiria', 4.5],
    ]);
    const unranked = await client.getList('midnight_mo', 'midnight-movies');
    expect(unranked).toMatchObject({ ranked: false, description: null, total: 3 });
    expect(unranked.films.every((film) => film.rank === null && film.rating === null)).toBe(true);
    await expect(client.getList('midnight_mo', 'guilty-pleasures')).rejects.toBeInstanceOf(LetterboxdPrivateError);
    await expect(client.getList('midnight_mo', 'no-such-list')).rejects.toBeInstanceOf(LetterboxdNotFoundError);
  });

  it('pages a 250-film list by 100, ranks running on, and serves its films’ pages', async () => {
    const bulk = generateMember({ username: 'list_lou', films: 300, likedAndRated: 20, seed: 3 });
    const member: FakeMember = { ...bulk, lists: [{ slug: 'big-one', name: 'The Big One', description: null, ranked: true, films: bulk.films.slice(0, 250) }] };
    const local = createFakeLetterboxd({ members: [member] });
    server.use(...local.handlers);
    const list = await client.getList('list_lou', 'big-one');
    expect(list.films.map((film) => film.slug)).toEqual(bulk.films.slice(0, 250).map((film) => film.slug));
    expect(list.films[249]?.rank).toBe(250);
    expect(local.requests.map((request) => request.path)).toEqual([
      '/list_lou/list/big-one/',
      '/list_lou/list/big-one/page/2/',
      '/list_lou/list/big-one/page/3/',
    ]);
    expect((await get('/list_lou/list/big-one/page/4/')).status).toBe(404);
  });

  it('serves an empty list as one that says so', async () => {
    const local = createFakeLetterboxd({ members: [{ ...generateMember({ username: 'empty_em', films: 3, seed: 1 }), lists: [{ slug: 'soon', name: 'Soon', description: null, ranked: false, films: [] }] }] });
    server.use(...local.handlers);
    await expect(client.getList('empty_em', 'soon')).resolves.toMatchObject({ name: 'Soon', total: 0, films: [] });
  });
});

describe('a generated member with thousands of films', () => {
  const bulk: FakeMember = generateMember({ username: 'bulk_bea', films: 2000, likedAndRated: 150, seed: 7 });

  it('paginates films by 72 and liked films by member rating, ending at the last page', async () => {
    const local = createFakeLetterboxd({ members: [bulk] });
    server.use(...local.handlers);
    const films = await client.getFilms('bulk_bea', { sort: 'entry-rating' });
    expect(films).toHaveLength(2000);
    expect(new Set(films.map((film) => film.slug)).size).toBe(2000);
    const ratings = films.map((film) => film.rating);
    const firstUnrated = ratings.indexOf(null);
    expect(ratings.slice(firstUnrated).every((rating) => rating === null)).toBe(true);
    const rated = ratings.slice(0, firstUnrated) as number[];
    expect(rated.every((rating, index) => index === 0 || rating <= (rated[index - 1] as number))).toBe(true);
    expect(local.requests).toHaveLength(Math.ceil(2000 / 72));

    local.requests.length = 0;
    const top = await client.getTopRated('bulk_bea', { limit: 100 });
    expect(top).toHaveLength(100);
    expect(local.requests.map((request) => request.path)).toEqual([
      '/bulk_bea/likes/films/by/member-rating/',
      '/bulk_bea/likes/films/by/member-rating/page/2/',
    ]);
  });

  it('keeps the top-rated count and the watchlist consistent with the dataset', async () => {
    const local = createFakeLetterboxd({ members: [bulk] });
    server.use(...local.handlers);
    const top = await client.getTopRated('bulk_bea');
    expect(top).toHaveLength(bulk.films.filter((film) => film.liked && film.rating !== null).length);
    const wanted = bulk.films.filter((film) => film.watchlisted).length;
    await expect(client.getWatchlistCount('bulk_bea')).resolves.toBe(wanted);
    await expect(client.getWatchlist('bulk_bea', { limit: 30 })).resolves.toHaveLength(30);
  });
});

describe('options', () => {
  it('builds absolute links from its baseUrl', async () => {
    const local = createFakeLetterboxd({ baseUrl: 'http://letterboxd.test:8080/' });
    expect(local.baseUrl).toBe('http://letterboxd.test:8080');
    server.use(...local.handlers);
    const localClient = createLetterboxdClient({ baseUrl: local.baseUrl, minDelayMs: 0 });
    const feed = await localClient.getRssFeed('midnight_mo');
    expect(feed.entries[0]?.link).toBe('http://letterboxd.test:8080/midnight_mo/film/the-thing/');
    const profile = await (await fetch('http://letterboxd.test:8080/midnight_mo/')).text();
    expect(profile).toContain('<meta property="og:url" content="http://letterboxd.test:8080/midnight_mo/">');
  });

  it('answers through its own fetch without msw, and rejects other origins', async () => {
    const direct = createLetterboxdClient({ fetch: fake.fetch, minDelayMs: 0 });
    await expect(direct.getFilm('amelie')).resolves.toMatchObject({ title: 'Amélie', tmdb: { id: 194, type: 'movie' } });
    await expect(fake.fetch('https://example.com/')).rejects.toThrow(/cannot answer https:\/\/example\.com\//);
  });

  it('adds members and forgets them on reset; latency can be aborted', async () => {
    fake.addMember(generateMember({ username: 'extra_eve', films: 3, likedAndRated: 1 }));
    expect((await fake.fetch('https://letterboxd.com/extra_eve/')).status).toBe(200);
    fake.reset();
    expect((await fake.fetch('https://letterboxd.com/extra_eve/')).status).toBe(404);

    fake.setLatency(60_000);
    const controller = new AbortController();
    const pending = fake.fetch('https://letterboxd.com/midnight_mo/', { signal: controller.signal });
    controller.abort(new Error('stop waiting'));
    await expect(pending).rejects.toThrow('stop waiting');
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await fake.fetch('https://letterboxd.com/midnight_mo/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fake.fetch('https://letterboxd.com/midnight_mo/', { method: 'POST' })).status).toBe(405);
  });
});
