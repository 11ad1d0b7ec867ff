import { describe, expect, it } from 'vitest';
import { LetterboxdOptionsError, LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { likesPage } from './fixtures/likes-page.js';
import { BASE, createSite, fixture, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0, retry: { backoffMs: 1 } });

function filmsSite() {
  return createSite({
    '/mara_quill/films/': fixture('letterboxd-films-page-1.html'),
    '/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html'),
  });
}

describe('getFilms / films', () => {
  it('reads every page with ratings, likes and film ids, and stops at the last page', async () => {
    const site = filmsSite();
    server.use(...site.handlers);
    const films = await client().getFilms('mara_quill');
    expect(films.map((f) => f.slug)).toEqual([
      'lanterns-over-halden',
      'the-keepers-daughter',
      'sirat-2025',
      'whats-up-doc-again',
      'fatherland-3',
    ]);
    expect(films[0]).toEqual({
      slug: 'lanterns-over-halden',
      title: 'Lanterns Over Halden',
      year: 2024,
      url: 'https://letterboxd.com/film/lanterns-over-halden/',
      rating: 4.5,
      liked: true,
      filmId: '700101',
    });
    expect(films[1]).toMatchObject({ rating: 0.5, liked: false });
    expect(films[2]).toMatchObject({ rating: null, liked: false });
    expect(films[3]).toMatchObject({ rating: null, liked: true });
    // Page 2 has no "next" link: exactly two requests, no probe of page 3.
    expect(site.requests).toEqual(['/mara_quill/films/', '/mara_quill/films/page/2/']);
  });

  it('decodes entity and non-ASCII titles and splits only a trailing year', async () => {
    server.use(...filmsSite().handlers);
    const films = await client().getFilms('mara_quill');
    const bySlug = Object.fromEntries(films.map((f) => [f.slug, f]));
    expect(bySlug['the-keepers-daughter']).toMatchObject({ title: "The Keeper's Daughter", year: 1987 });
    expect(bySlug['sirat-2025']).toMatchObject({ title: 'Sirāt', year: 2025 });
    expect(bySlug['whats-up-doc-again']).toMatchObject({ title: "What's Up, Doc? (Again)", year: 1972 });
  });

  it('keeps a film without a year, reading its id from entity-encoded JSON', async () => {
    server.use(...filmsSite().handlers);
    const films = await client().getFilms('mara_quill');
    expect(films.at(-1)).toEqual({
      slug: 'fatherland-3',
      title: 'Fatherland',
      year: null,
      url: 'https://letterboxd.com/film/fatherland-3/',
      rating: 3,
      liked: false,
      filmId: '700105',
    });
  });

  it('ignores posters in a sidebar placed before the grid', async () => {
    const page = fixture('letterboxd-films-page-1.html');
    const aside = /<aside class="sidebar">[\s\S]*?<\/aside>/.exec(page)?.[0] ?? '';
    const moved = page.replace(aside, '').replace('<section class="section col-main overflow">', `${aside}<section class="section col-main overflow">`);
    server.use(...createSite({ '/mara_quill/films/': moved, '/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html') }).handlers);
    const films = await client().getFilms('mara_quill');
    expect(films.map((f) => f.slug)).not.toContain('sidebar-film');
    expect(films).toHaveLength(5);
  });

  it('ignores posters in the sidebar', async () => {
    server.use(...filmsSite().handlers);
    const films = await client().getFilms('mara_quill');
    expect(films.some((f) => f.slug === 'sidebar-film')).toBe(false);
  });

  it('asks for the sorted URL and honours limit without requesting further pages', async () => {
    const site = createSite({
      '/mara_quill/films/by/entry-rating/': fixture('letterboxd-films-page-1.html'),
      '/mara_quill/films/by/entry-rating/page/2/': fixture('letterboxd-films-page-2.html'),
    });
    server.use(...site.handlers);
    const films = await client().getFilms('mara_quill', { sort: 'entry-rating', limit: 3 });
    expect(films).toHaveLength(3);
    expect(site.requests).toEqual(['/mara_quill/films/by/entry-rating/']);
  });

  it('builds absolute URLs on a custom baseUrl', async () => {
    const base = 'http://mirror.test/lb';
    const site = createSite(
      {
        '/lb/mara_quill/films/': fixture('letterboxd-films-page-1.html'),
        '/lb/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html'),
      },
      'http://mirror.test',
    );
    server.use(...site.handlers);
    const films = await createLetterboxdClient({ baseUrl: `${base}/`, minDelayMs: 0 }).getFilms('mara_quill');
    expect(films[0]?.url).toBe('http://mirror.test/lb/film/lanterns-over-halden/');
    expect(site.requests).toEqual(['/lb/mara_quill/films/', '/lb/mara_quill/films/page/2/']);
  });

  it.each(['letterboxd.com', '', 'ftp://letterboxd.test', 'https://letterboxd.com/?lang=en', 'https://letterboxd.com/#top'])(
    'refuses baseUrl %j when the client is created, not after three failed requests',
    (baseUrl) => {
      expect(() => createLetterboxdClient({ baseUrl })).toThrow(/baseUrl .* is not an absolute http\(s\) URL/);
    },
  );

  it.each([
    [{ concurrency: 0 }, 'concurrency', /concurrency must be an integer ≥ 1, got 0/],
    [{ concurrency: 1.5 }, 'concurrency', /concurrency must be an integer ≥ 1/],
    [{ minDelayMs: -1 }, 'minDelayMs', /minDelayMs must be a number ≥ 0/],
    [{ timeoutMs: 0 }, 'timeoutMs', /timeoutMs must be a number > 0 \(or Infinity\), got 0/],
    [{ retry: { limit: 1.5 } }, 'retry.limit', /retry.limit must be an integer ≥ 0/],
    [{ retry: { maxRetryAfterMs: Number.NaN } }, 'retry.maxRetryAfterMs', /retry.maxRetryAfterMs/],
    [{ retry: { backoffMs: -5 } }, 'retry.backoffMs', /retry.backoffMs/],
    [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, 'retry.maxDelayMs', /retry.maxDelayMs/],
  ])('refuses %o when the client is created instead of replacing it by the default', (options, option, message) => {
    const error = (() => {
      try {
        createLetterboxdClient(options);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(LetterboxdOptionsError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: 'LetterboxdOptionsError', option });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts timeoutMs: Infinity (as long as a timer can wait)', async () => {
    server.use(...createSite({ '/mara_quill/films/': fixture('letterboxd-films-page-2.html') }).handlers);
    const films = await createLetterboxdClient({ minDelayMs: 0, timeoutMs: Number.POSITIVE_INFINITY }).getFilms('mara_quill');
    expect(films).toHaveLength(1);
  });

  it('reads the older markup (li.poster-container, div.film-poster[data-film-slug])', async () => {
    server.use(...createSite({ '/ada_vos/films/': fixture('letterboxd-films-old-markup.html') }).handlers);
    const films = await client().getFilms('ada_vos');
    expect(films).toEqual([
      {
        slug: 'the-quiet-tide',
        title: 'The Quiet Tide',
        year: null,
        url: 'https://letterboxd.com/film/the-quiet-tide/',
        rating: 4,
        liked: true,
        filmId: '31337',
      },
      {
        slug: 'gravel-and-gold',
        title: 'Gravel & Gold',
        year: 1961,
        url: 'https://letterboxd.com/film/gravel-and-gold/',
        rating: null,
        liked: false,
        filmId: '31338',
      },
    ]);
  });

  it('exposes pages with their URL and next-page flag', async () => {
    server.use(...filmsSite().handlers);
    const pages = [];
    for await (const page of client().filmsPages('mara_quill')) pages.push(page);
    expect(pages.map((p) => [p.page, p.url, p.films.length, p.hasNext])).toEqual([
      [1, `${BASE}/mara_quill/films/`, 4, true],
      [2, `${BASE}/mara_quill/films/page/2/`, 1, false],
    ]);
  });

  it('stops requesting when the consumer breaks out of the iterator', async () => {
    const site = filmsSite();
    server.use(...site.handlers);
    const seen: string[] = [];
    for await (const film of client().films('mara_quill')) {
      seen.push(film.slug);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['lanterns-over-halden', 'the-keepers-daughter']);
    expect(site.requests).toEqual(['/mara_quill/films/']);
  });
});

describe('a page whose markup changed', () => {
  it('is a LetterboxdParseError naming the page, never an empty list', async () => {
    server.use(...createSite({ '/mara_quill/films/': fixture('letterboxd-films-markup-changed.html') }).handlers);
    const error = await client().getFilms('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'films', username: 'mara_quill', url: `${BASE}/mara_quill/films/` });
    expect((error as Error).message).toMatch(/no film poster cards/);
  });

  it('is a LetterboxdParseError when a later page holds no film', async () => {
    server.use(
      ...createSite({
        '/mara_quill/films/': fixture('letterboxd-films-page-1.html'),
        '/mara_quill/films/page/2/': '<!DOCTYPE html><html><body class="films-watched"><p>Server busy</p></body></html>',
      }).handlers,
    );
    await expect(client().getFilms('mara_quill')).rejects.toMatchObject({
      name: 'LetterboxdParseError',
      url: `${BASE}/mara_quill/films/page/2/`,
    });
  });

  it('is a LetterboxdParseError when a poster card lacks its slug', async () => {
    const broken = fixture('letterboxd-films-page-1.html')
      .replace('data-item-slug="sirat-2025" data-item-link="/film/sirat-2025/"', '')
      .replace(/"posteredBaseLink":"\/film\/sirat-2025\/",/, '')
      .replace('data-target-link="/film/sirat-2025/"', '');
    server.use(...createSite({ '/mara_quill/films/': broken }).handlers);
    await expect(client().getFilms('mara_quill')).rejects.toThrow(/film 3 has no film slug/);
  });

  it('falls back to data-item-link and the JSON base link for the slug', async () => {
    const page = fixture('letterboxd-films-page-1.html')
      .replace('data-item-slug="sirat-2025" ', '')
      .replace('data-item-slug="lanterns-over-halden" data-item-link="/film/lanterns-over-halden/" ', '');
    server.use(
      ...createSite({
        '/mara_quill/films/': page,
        '/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html'),
      }).handlers,
    );
    const films = await client().getFilms('mara_quill', { limit: 3 });
    expect(films.map((f) => f.slug)).toEqual(['lanterns-over-halden', 'the-keepers-daughter', 'sirat-2025']);
  });

  it('takes the film id from data-item-uid, then data-film-id, when the JSON is gone', async () => {
    const page = fixture('letterboxd-films-page-1.html')
      .replace(/data-postered-identifier='[^']*'/g, '')
      .replace(/data-resolvable-poster-path='[^']*'/g, '')
      .replace('data-item-uid="film:700102"', '');
    server.use(...createSite({ '/mara_quill/films/': page, '/mara_quill/films/page/2/': fixture('letterboxd-films-page-2.html') }).handlers);
    const films = await client().getFilms('mara_quill', { limit: 2 });
    expect(films.map((f) => f.filmId)).toEqual(['700101', '700102']);
  });

  it('is a LetterboxdParseError when no poster has its rating/like data (ratings would all pass for null)', async () => {
    const page = fixture('letterboxd-films-page-1.html').replaceAll('class="poster-viewingdata"', 'class="poster-stats"');
    server.use(...createSite({ '/mara_quill/films/': page }).handlers);
    await expect(client().getFilms('mara_quill')).rejects.toThrow(/no film has its rating\/like data/);
  });

  it('reports a malformed rating as a LetterboxdParseError', async () => {
    const page = fixture('letterboxd-films-page-1.html').replace('rated-9', 'rated-13');
    server.use(...createSite({ '/mara_quill/films/': page }).handlers);
    await expect(client().getFilms('mara_quill')).rejects.toThrow(/film 1 is malformed \(rating/);
  });
});

describe('getLikedFilms / likedFilms', () => {
  it('marks every liked film as liked and keeps the member rating', async () => {
    const site = createSite({
      '/mara_quill/likes/films/': likesPage(
        'mara_quill',
        [
          { slug: 'one', name: 'One (2001)', uid: 1, rated: 8 },
          { slug: 'two', name: 'Two', uid: 2, rated: null },
        ],
        null,
      ),
    });
    server.use(...site.handlers);
    const liked = await client().getLikedFilms('mara_quill');
    expect(liked).toEqual([
      { slug: 'one', title: 'One', year: 2001, url: `${BASE}/film/one/`, rating: 4, liked: true, filmId: '1' },
      { slug: 'two', title: 'Two', year: null, url: `${BASE}/film/two/`, rating: null, liked: true, filmId: '2' },
    ]);
    const iterated = [];
    for await (const film of client().likedFilms('mara_quill')) iterated.push(film.slug);
    expect(iterated).toEqual(['one', 'two']);
    const pages = [];
    for await (const page of client().likedFilmsPages('mara_quill')) pages.push(page.films.length);
    expect(pages).toEqual([2]);
  });
});
