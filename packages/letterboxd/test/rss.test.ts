import { readFileSync } from 'node:fs';
import {
  LetterboxdBlockedError,
  createLetterboxdClient,
  LetterboxdInvalidUsernameError,
  LetterboxdNotFoundError,
  LetterboxdParseError,
} from '@lbx/letterboxd';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BASE = 'https://letterboxd.test';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/rss/${name}`, import.meta.url), 'utf8');
const nadiaFeed = fixture('letterboxd-rss-reel_nadia.xml');

/** Answers like Letterboxd: the feed as application/rss+xml, only for a request that accepts a feed. */
const feed = (username: string, body: string) =>
  http.get(`${BASE}/${username}/rss/`, ({ request }) => {
    if (!/rss\+xml|xml/.test(request.headers.get('accept') ?? '')) return new HttpResponse(null, { status: 406 });
    return new HttpResponse(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0, retry: { limit: 1, backoffMs: 0 } });

describe('client.getRssFeed', () => {
  it('reads every field of a diary item, with the namespaces, entities and CDATA of the real feed', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    const result = await client().getRssFeed('reel_nadia');
    expect(result).toMatchObject({
      username: 'reel_nadia',
      url: `${BASE}/reel_nadia/rss/`,
      title: 'Letterboxd - Nadia R.',
      skippedListItems: 1,
    });
    expect(result.entries).toHaveLength(8);
    expect(result.entries[0]).toEqual({
      guid: 'letterboxd-watch-900000012',
      kind: 'watch',
      title: 'Heat, 1995 - ★★★★★',
      link: 'https://letterboxd.com/reel_nadia/film/heat-1995/2/',
      pubDate: '2026-08-21T22:15:33.000Z',
      watchedDate: '2026-08-21',
      rewatch: true,
      filmTitle: 'Heat',
      filmYear: 1995,
      memberRating: 5,
      memberLike: true,
      tmdb: { id: 949, type: 'movie' },
      slug: 'heat-1995',
      filmUrl: `${BASE}/film/heat-1995/`,
    });
  });

  it('takes a TV entry’s id from tmdb:tvId and types it tv', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    const { entries } = await client().getRssFeed('reel_nadia');
    expect(entries.find((e) => e.slug === 'chernobyl')?.tmdb).toEqual({ id: 87108, type: 'tv' });
  });

  it('decodes entities, reads a review without watched date, and unrated or unliked entries', async () => {
    server.use(feed('reel_nadia', nadiaFeed));
    const { entries } = await client().getRssFeed('reel_nadia');
    expect(entries.find((e) => e.kind === 'review')).toMatchObject({
      guid: 'letterboxd-review-700000005',
      filmTitle: 'Roald Dahl\'s Matilda the Musical',
      title: 'Roald Dahl\'s Matilda the Musical, 2022 - ★★★★ (contains spoilers)',
      watchedDate: null,
      memberRating: 4,
      slug: 'roald-dahls-matilda-the-musical',
    });
    expect(entries.find((e) => e.slug === 'love-other-drugs')).toMatchObject({
      filmTitle: 'Love & Other Drugs',
      memberRating: 3.5,
      memberLike: false,
    });
    expect(entries.find((e) => e.slug === 'paddington-2')).toMatchObject({ memberRating: null, memberLike: true });
    expect(entries.some((e) => e.link.includes('/list/'))).toBe(false);
  });

  it('reads an older feed without memberLike and tmdb ids as unknown (null)', async () => {
    server.use(feed('old_feed', fixture('letterboxd-rss-2022-format.xml')));
    const { entries } = await client().getRssFeed('old_feed');
    expect(entries).toEqual([
      expect.objectContaining({ slug: 'her', memberRating: 4.5, memberLike: null, tmdb: null, pubDate: '2022-01-31T20:00:00.000Z' }),
    ]);
  });

  it('returns a feed with no diary entries as such', async () => {
    server.use(feed('new_member', fixture('letterboxd-rss-no-entries.xml')));
    await expect(client().getRssFeed('new_member')).resolves.toMatchObject({ entries: [], skippedListItems: 0 });
  });

  it('retries a 503 through the shared request layer', async () => {
    server.use(
      http.get(`${BASE}/reel_nadia/rss/`, () => new HttpResponse('<html>busy</html>', { status: 503 }), { once: true }),
      feed('reel_nadia', nadiaFeed),
    );
    await expect(client().getRssFeed('reel_nadia')).resolves.toMatchObject({ skippedListItems: 1 });
  });
});

describe('client.getRssFeed: errors', () => {
  it('validates the username before any request', async () => {
    await expect(client().getRssFeed('not a user')).rejects.toBeInstanceOf(LetterboxdInvalidUsernameError);
  });

  it('maps 404 to LetterboxdNotFoundError with the feed URL', async () => {
    server.use(http.get(`${BASE}/ghost/rss/`, () => new HttpResponse('<html><body>Sorry</body></html>', { status: 404 })));
    const error = await client().getRssFeed('ghost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdNotFoundError);
    expect(error).toMatchObject({ url: `${BASE}/ghost/rss/`, username: 'ghost' });
  });

  it('maps a Cloudflare challenge to LetterboxdBlockedError', async () => {
    server.use(
      http.get(`${BASE}/reel_nadia/rss/`, () => HttpResponse.html(fixture('letterboxd-cloudflare-403.html'), { status: 403 })),
    );
    await expect(client().getRssFeed('reel_nadia')).rejects.toBeInstanceOf(LetterboxdBlockedError);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><head><title>Letterboxd</title></head><body><p>Hello</body></html>', /not well-formed XML/],
    ['well-formed XML that is not a feed', '<?xml version="1.0"?><html><body>hi</body></html>', /no <rss><channel> element/],
    [
      'a diary item without its film data',
      nadiaFeed.replace(/<letterboxd:filmTitle>Heat<\/letterboxd:filmTitle>/, ''),
      /item "letterboxd-watch-900000012" has no letterboxd:filmTitle/,
    ],
    [
      'a diary item whose link is not a film link',
      nadiaFeed.replace('https://letterboxd.com/reel_nadia/film/chernobyl/', 'https://letterboxd.com/reel_nadia/'),
      /item "letterboxd-watch-900000011" has no film link/,
    ],
  ])('reports %s as LetterboxdParseError (page rss)', async (_what, body, message) => {
    server.use(feed('reel_nadia', body));
    const error = await client().getRssFeed('reel_nadia').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'rss', url: `${BASE}/reel_nadia/rss/` });
    expect((error as Error).message).toMatch(message);
  });

  it('skips item kinds it does not know instead of failing', async () => {
    const item = '<item> <title>Something new</title> <link>https://letterboxd.com/reel_nadia/story/x/</link> <guid isPermaLink="false">letterboxd-story-1</guid> </item>';
    server.use(feed('reel_nadia', nadiaFeed.replace('</channel>', `${item}\n</channel>`)));
    const { entries } = await client().getRssFeed('reel_nadia');
    expect(entries).toHaveLength(8);
  });
});
