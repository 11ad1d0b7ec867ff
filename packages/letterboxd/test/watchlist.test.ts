import { describe, expect, it } from 'vitest';
import { LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { BASE, createSite, fixture, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });

function watchlistSite() {
  return createSite({
    '/theo-brandt/watchlist/': fixture('letterboxd-watchlist-page-1.html'),
    '/theo-brandt/watchlist/page/2/': fixture('letterboxd-watchlist-page-2.html'),
  });
}

describe('getWatchlist / watchlist', () => {
  it('reads every page; the watchlist says nothing about ratings or likes', async () => {
    const site = watchlistSite();
    server.use(...site.handlers);
    const films = await client().getWatchlist('theo-brandt');
    expect(films).toEqual([
      { slug: 'blue-pelican', title: 'Blue Pelican', year: 2025, url: `${BASE}/film/blue-pelican/`, rating: null, liked: null, filmId: '810001' },
      { slug: 'fatherland-3', title: 'Fatherland', year: null, url: `${BASE}/film/fatherland-3/`, rating: null, liked: null, filmId: '810002' },
      { slug: 'amelie', title: "Le Fabuleux Destin d'Amélie Poulain", year: 2001, url: `${BASE}/film/amelie/`, rating: null, liked: null, filmId: '810003' },
      { slug: 'the-last-ferry', title: 'The Last Ferry', year: 1958, url: `${BASE}/film/the-last-ferry/`, rating: null, liked: null, filmId: '810004' },
    ]);
    expect(site.requests).toEqual(['/theo-brandt/watchlist/', '/theo-brandt/watchlist/page/2/']);
  });

  it('with a limit inside page 1 requests page 1 only', async () => {
    const site = watchlistSite();
    server.use(...site.handlers);
    expect(await client().getWatchlist('theo-brandt', { limit: 2 })).toHaveLength(2);
    expect(await client().getWatchlist('theo-brandt', { limit: 0 })).toEqual([]);
    expect(site.requests).toEqual(['/theo-brandt/watchlist/']);
  });

  it('iterates lazily page by page', async () => {
    const site = watchlistSite();
    server.use(...site.handlers);
    const iterator = client().watchlist('theo-brandt')[Symbol.asyncIterator]();
    expect(site.requests).toEqual([]);
    await iterator.next();
    expect(site.requests).toHaveLength(1);
    await iterator.next();
    await iterator.next();
    expect(site.requests).toHaveLength(1);
    const fourth = await iterator.next();
    expect(fourth.value).toMatchObject({ slug: 'the-last-ferry' });
    expect(site.requests).toHaveLength(2);
    expect((await iterator.next()).done).toBe(true);
    expect(site.requests).toHaveLength(2);
  });

  it('returns [] for a watchlist that states it is empty', async () => {
    server.use(...createSite({ '/ada_vos/watchlist/': fixture('letterboxd-watchlist-empty.html') }).handlers);
    expect(await client().getWatchlist('ada_vos')).toEqual([]);
    expect(await client().getWatchlistCount('ada_vos')).toBe(0);
  });

  it('exposes the pages', async () => {
    server.use(...watchlistSite().handlers);
    const sizes = [];
    for await (const page of client().watchlistPages('theo-brandt')) sizes.push(page.films.length);
    expect(sizes).toEqual([3, 1]);
  });
});

describe('getWatchlistCount', () => {
  it('reads data-num-entries with one request', async () => {
    const site = watchlistSite();
    server.use(...site.handlers);
    expect(await client().getWatchlistCount('theo-brandt')).toBe(4);
    expect(site.requests).toEqual(['/theo-brandt/watchlist/']);
  });

  it('falls back to the .js-watchlist-count text', async () => {
    const page = fixture('letterboxd-watchlist-page-1.html')
      .replace('data-num-entries="4"', '')
      .replace('4&nbsp;films', '1,415&nbsp;films');
    server.use(...createSite({ '/theo-brandt/watchlist/': page }).handlers);
    expect(await client().getWatchlistCount('theo-brandt')).toBe(1415);
  });

  it('counts the films of a single page without a total', async () => {
    const page = fixture('letterboxd-watchlist-page-2.html')
      .replace('data-num-entries="4"', '')
      .replace(/<span class="js-watchlist-count">[^<]*<\/span>/, '');
    server.use(...createSite({ '/theo-brandt/watchlist/': page }).handlers);
    expect(await client().getWatchlistCount('theo-brandt')).toBe(1);
  });

  it('is a LetterboxdParseError when several pages exist but no total is shown', async () => {
    const page = fixture('letterboxd-watchlist-page-1.html')
      .replace('data-num-entries="4"', '')
      .replace(/<span class="js-watchlist-count">[^<]*<\/span>/, '');
    server.use(...createSite({ '/theo-brandt/watchlist/': page }).handlers);
    await expect(client().getWatchlistCount('theo-brandt')).rejects.toBeInstanceOf(LetterboxdParseError);
  });
});
