import { readFileSync } from 'node:fs';
import {
  createExportSource,
  createLetterboxdClient,
  LetterboxdExportError,
  LetterboxdNoTopRatedFilmsError,
  isLetterboxdError,
  readExport,
  type LetterboxdExport,
} from '@lbx/letterboxd';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crlf, makeExportZip } from './fixtures/export/make-export-zip.js';
import { member2020 } from './fixtures/export/member-2020.js';
import { emptyExport2026, member2026 } from './fixtures/export/member-2026.js';

const BASE = 'https://letterboxd.test';
const filmPage = readFileSync(new URL('./fixtures/export/letterboxd-film-heat-1995.html', import.meta.url), 'utf8');
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const readMember = (files = member2026) => readExport(makeExportZip(files));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('createExportSource: getTopRated', () => {
  it('returns rated AND liked films, best rating first, then most recently rated, then title', async () => {
    const source = createExportSource(await readMember());
    const top = await source.getTopRated('mira_k');
    expect(top.map((f) => [f.title, f.rating, f.date])).toEqual([
      ['Synecdoche, New York', 5, '2024-02-11'],
      ['Mulholland Drive', 5, '2024-01-10'],
      ['Amélie', 4.5, '2024-03-03'],
      ['Heat', 4.5, '2023-12-01'],
      ['The Killer', 4, '2024-05-02'],
    ]);
    // Cats is rated but not liked; Paddington 2 is liked but not rated; The Killer (2023) is not liked.
    expect(top.every((f) => f.liked === true)).toBe(true);
  });

  it('gives the sync what TMDb matching needs: title and year, and no TMDb id', async () => {
    const [first] = await createExportSource(await readMember()).getTopRated('mira_k', { limit: 1 });
    expect(first).toMatchObject({ slug: 'boxd:1Yjy', title: 'Synecdoche, New York', year: 2008, rating: 5 });
    expect(first).not.toHaveProperty('tmdb');
  });

  it('cuts at limit and breaks rating ties by title when dates are equal', async () => {
    const files = {
      ...member2026,
      'ratings.csv': crlf(
        'Date,Name,Year,Letterboxd URI,Rating',
        '2024-01-01,Zodiac,2007,https://boxd.it/z1,4',
        '2024-01-01,alien,1979,https://boxd.it/a1,4',
        '2024-01-01,Élite Squad,2007,https://boxd.it/e1,4',
      ),
      'likes/films.csv': crlf(
        'Date,Name,Year,Letterboxd URI',
        '2024-01-01,Zodiac,2007,https://boxd.it/z1',
        '2024-01-01,alien,1979,https://boxd.it/a1',
        '2024-01-01,Élite Squad,2007,https://boxd.it/e1',
      ),
    };
    const source = createExportSource(await readMember(files));
    expect((await source.getTopRated('mira_k')).map((f) => f.title)).toEqual(['alien', 'Élite Squad', 'Zodiac']);
    expect((await source.getTopRated('mira_k', { limit: 2 })).map((f) => f.title)).toEqual(['alien', 'Élite Squad']);
    await expect(source.getTopRated('mira_k', { limit: 0 })).rejects.toThrow(RangeError);
  });

  it('matches the member name case-insensitively and refuses another member', async () => {
    const source = createExportSource(await readMember());
    await expect(source.getTopRated('MIRA_K')).resolves.toHaveLength(5);
    const error = await failure(source.getTopRated('someone_else'));
    expect(error).toBeInstanceOf(LetterboxdExportError);
    expect(error).toMatchObject({ reason: 'wrong-member', username: 'someone_else' });
    expect((error as Error).message).toContain('belongs to "Mira_K"');
  });

  it('accepts any member name when the export has no profile.csv', async () => {
    const { 'profile.csv': _profile, ...rest } = member2026;
    await expect(createExportSource(await readMember(rest)).getTopRated('whoever')).resolves.toHaveLength(5);
  });

  it('throws (never returns []) when no film is both rated and liked', async () => {
    const empty = await failure(createExportSource(await readMember(emptyExport2026)).getTopRated('mira_k'));
    expect(empty).toBeInstanceOf(LetterboxdNoTopRatedFilmsError);
    expect(empty).toMatchObject({ source: 'export', username: 'mira_k', detail: 'ratings.csv is empty' });

    const noneLiked = { ...member2026, 'likes/films.csv': crlf('Date,Name,Year,Letterboxd URI') };
    const error = await failure(createExportSource(await readMember(noneLiked)).getTopRated('mira_k'));
    expect(error).toMatchObject({ detail: 'none of its 7 rated films is in likes/films.csv' });
    expect(isLetterboxdError(error)).toBe(true);
  });

  it('explains that an export without likes/films.csv cannot say what is liked', async () => {
    const error = await failure(createExportSource(await readMember(member2020)).getTopRated('olde_reel'));
    expect(error).toMatchObject({ reason: 'missing-likes', file: 'likes/films.csv' });
    expect((error as Error).message).toContain('https://letterboxd.com/settings/data/');
  });

  it('honours an aborted signal', async () => {
    const source = createExportSource(await readMember());
    await expect(source.getTopRated('mira_k', { signal: AbortSignal.abort(new Error('cancelled')) })).rejects.toThrow(
      'cancelled',
    );
  });

  it('does not mutate or depend on later changes of the export data', async () => {
    const data: LetterboxdExport = await readMember();
    const source = createExportSource(data);
    const before = await source.getTopRated('mira_k');
    expect(data.ratings.map((f) => f.title)[0]).toBe('Mulholland Drive');
    expect(await source.getTopRated('mira_k')).toEqual(before);
  });
});

describe('createExportSource: getFilm', () => {
  it('is absent without a client: the sync matches by title and year', async () => {
    expect(createExportSource(await readMember()).getFilm).toBeUndefined();
  });

  it('reads the film page through the client for real slugs (2020-era exports)', async () => {
    server.use(http.get(`${BASE}/film/heat-1995/`, () => HttpResponse.html(filmPage)));
    const client = createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0, retry: { limit: 0 } });
    const data = await readExport(makeExportZip(member2020));
    const source = createExportSource(data, { client });
    await expect(source.getFilm?.('heat-1995')).resolves.toEqual({ tmdb: { id: 949, type: 'movie' }, imdbId: 'tt0113277' });
  });

  it('resolves boxd.it and title keys to no ids without a request (onUnhandledRequest would fail it)', async () => {
    const client = createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0 });
    const source = createExportSource(await readMember(), { client });
    await expect(source.getFilm?.('boxd:2a5e')).resolves.toEqual({ tmdb: null, imdbId: null });
    await expect(source.getFilm?.('title:Euphoria (2019)')).resolves.toEqual({ tmdb: null, imdbId: null });
  });

  it('passes the client errors through (a film page that is gone)', async () => {
    server.use(http.get(`${BASE}/film/her/`, () => new HttpResponse('<html><body>Not found</body></html>', { status: 404 })));
    const client = createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0, retry: { limit: 0 } });
    const source = createExportSource(await readExport(makeExportZip(member2020)), { client });
    const error = await failure(source.getFilm?.('her') ?? Promise.resolve());
    expect(error).toMatchObject({ name: 'LetterboxdNotFoundError', slug: 'her' });
  });
});

describe('createExportSource: TMDb ids from the RSS feed', () => {
  // mira_k's feed: Heat (twice, same id), Amélie, and a film absent from her top rated.
  const item = (guid: number, slug: string, title: string, year: number, tmdb: string) =>
    `<item> <title>${title}, ${year} - ★★★★</title> <link>https://letterboxd.com/mira_k/film/${slug}/</link> ` +
    `<guid isPermaLink="false">letterboxd-watch-${guid}</guid> <pubDate>Sat, 22 Aug 2026 10:15:33 +1200</pubDate> ` +
    `<letterboxd:watchedDate>2026-08-21</letterboxd:watchedDate> <letterboxd:rewatch>No</letterboxd:rewatch> ` +
    `<letterboxd:filmTitle>${title}</letterboxd:filmTitle> <letterboxd:filmYear>${year}</letterboxd:filmYear> ` +
    `<letterboxd:memberRating>4.0</letterboxd:memberRating> <letterboxd:memberLike>Yes</letterboxd:memberLike> ${tmdb} ` +
    '<description><![CDATA[ <p>Watched on Friday August 21, 2026.</p> ]]></description> <dc:creator>Mira</dc:creator> </item>';
  const feedXml = (...items: string[]) =>
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:letterboxd="https://letterboxd.com" xmlns:tmdb="https://themoviedb.org">' +
    `<channel><title>Letterboxd - Mira</title><link>https://letterboxd.com/mira_k/</link>${items.join('\n')}</channel></rss>`;
  const serveFeed = (body: string, status = 200) =>
    server.use(
      http.get(`${BASE}/mira_k/rss/`, () => new HttpResponse(body, { status, headers: { 'content-type': 'application/rss+xml' } })),
    );
  const rssClient = () => createLetterboxdClient({ baseUrl: BASE, minDelayMs: 0, retry: { limit: 0 } });

  it('gives films found in the feed their exact TMDb id (title + year), leaves the others to the search', async () => {
    serveFeed(
      feedXml(
        item(3, 'heat-1995', 'Heat', 1995, '<tmdb:movieId>949</tmdb:movieId>'),
        item(2, 'amelie', 'Amélie', 2001, '<tmdb:movieId>194</tmdb:movieId>'),
        item(1, 'heat-1995', 'Heat', 1995, '<tmdb:movieId>949</tmdb:movieId>'),
        item(0, 'cats-2019', 'Cats', 2019, '<tmdb:movieId>536869</tmdb:movieId>'),
      ),
    );
    const top = await createExportSource(await readMember(), { rss: rssClient() }).getTopRated('mira_k');
    expect(top.map((f) => [f.title, f.tmdb ?? null])).toEqual([
      ['Synecdoche, New York', null],
      ['Mulholland Drive', null],
      ['Amélie', { id: 194, type: 'movie' }],
      ['Heat', { id: 949, type: 'movie' }],
      ['The Killer', null],
    ]);
  });

  it('drops a title + year that names two different films in the feed', async () => {
    serveFeed(
      feedXml(
        item(2, 'heat-1995', 'Heat', 1995, '<tmdb:movieId>949</tmdb:movieId>'),
        item(1, 'heat-1995-tv', 'Heat', 1995, '<tmdb:tvId>77777</tmdb:tvId>'),
      ),
    );
    const top = await createExportSource(await readMember(), { rss: rssClient() }).getTopRated('mira_k');
    expect(top.find((f) => f.title === 'Heat')?.tmdb).toBeUndefined();
  });

  it('falls back to no ids when the feed cannot be read', async () => {
    serveFeed('<html><body>Sorry</body></html>', 404);
    const top = await createExportSource(await readMember(), { rss: rssClient() }).getTopRated('mira_k');
    expect(top).toHaveLength(5);
    expect(top.every((f) => f.tmdb === undefined)).toBe(true);
  });

  it('rethrows an abort while the feed is read', async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${BASE}/mira_k/rss/`, () => {
        controller.abort(new Error('user cancelled'));
        return new HttpResponse(feedXml(), { headers: { 'content-type': 'application/rss+xml' } });
      }),
    );
    const source = createExportSource(await readMember(), { rss: rssClient() });
    await expect(source.getTopRated('mira_k', { signal: controller.signal })).rejects.toThrow('user cancelled');
  });
});
