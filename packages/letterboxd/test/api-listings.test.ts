import { type FakeMemberList, createFakeLetterboxd, demoMembers, generateMember } from '@lbx/testkit';
import { describe, expect, it } from 'vitest';
import { LetterboxdNotFoundError, LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { HttpResponse, http } from 'msw';
import { useFakeApi } from './support/fake-api';

const generated = generateMember({ username: 'nora_reels', films: 260, likedAndRated: 40, watchlistOnly: 130, seed: 9 });
const watched = generated.films.filter((f) => f.watched !== false);
const slugs = (films: { slug: string }[]) => films.map((f) => f.slug);
const lists: FakeMemberList[] = [
  { slug: 'harbour-films', name: 'Harbour Films', description: 'Boats.\n\nAnd <harbours> & piers.', ranked: true, films: watched.slice(0, 150) },
  // Renamed after it was created: its slug no longer follows the name.
  { slug: 'old-name', name: 'A New Name', description: null, ranked: false, films: watched.slice(3, 6) },
  { slug: 'drafts', name: 'Drafts', description: null, ranked: false, private: true, films: watched.slice(0, 2) },
];
const nora = { ...generated, lists };
const { fake, server, client, count } = useFakeApi({ members: [nora, ...demoMembers] });

describe('watchlist, liked and rated films', () => {
  it('watchlist: the watchlist in its order, 100 per request, lazily', async () => {
    const expected = nora.films.filter((f) => f.watchlisted);
    const api = client();
    expect(slugs(await api.getWatchlist('nora_reels'))).toEqual(slugs(expected));
    expect(count().films).toBe(Math.ceil(expected.length / 100));
    const pages = [];
    for await (const page of api.watchlistPages('nora_reels')) pages.push(page);
    expect(pages.map((p) => [p.page, p.hasNext])).toEqual([[1, true], [2, false]]);
    expect(pages[1]?.url).toContain('cursor=start%3D100');
    // The owner's relationship where the answer has it: films only on the watchlist are unrated and not liked.
    const onlyWanted = new Set(slugs(nora.films.filter((f) => f.watched === false)));
    const wanted = pages.flatMap((p) => p.films).filter((f) => onlyWanted.has(f.slug));
    expect(wanted.length).toBeGreaterThan(100);
    expect(wanted.every((f) => f.rating === null && f.liked === false)).toBe(true);
  });

  it('the item iterator stops requesting when the consumer stops', async () => {
    const api = client();
    let seen = 0;
    for await (const film of api.watchlist('nora_reels')) {
      seen += 1;
      if (seen === 5) break;
      expect(film.tmdb === null || film.tmdb.id > 0).toBe(true);
    }
    expect(count().films).toBe(1);
  });

  it('liked films: every liked film, most recent first, with the member like and rating', async () => {
    const liked = await client().getLikedFilms('nora_reels');
    expect(slugs(liked)).toEqual(slugs(watched.filter((f) => f.liked)));
    expect(liked.every((f) => f.liked === true)).toBe(true);
    expect(liked.map((f) => f.rating)).toEqual(watched.filter((f) => f.liked).map((f) => f.rating));
  });

  it('rated films: best rating first; limit stops early; the iterators match', async () => {
    const api = client();
    const rated = await api.getRatedFilms('nora_reels', { limit: 120 });
    expect(rated).toHaveLength(120);
    expect(rated.every((f, i) => i === 0 || (f.rating ?? 0) <= (rated[i - 1]?.rating ?? 0))).toBe(true);
    expect(count().films).toBe(2);
    const first: string[] = [];
    for await (const film of api.ratedFilms('nora_reels')) if (first.push(film.slug) === 3) break;
    expect(first).toEqual(slugs(rated.slice(0, 3)));
    const liked: number[] = [];
    for await (const page of api.likedFilmsPages('nora_reels')) liked.push(page.films.length);
    expect(liked).toEqual([watched.filter((f) => f.liked).length]);
  });
});

describe('a member list by slug', () => {
  it('reads the list in order with ranks, 100 entries per request', async () => {
    const list = await client().getList('nora_reels', 'harbour-films');
    expect(list).toMatchObject({ slug: 'harbour-films', name: 'Harbour Films', owner: 'nora_reels', ranked: true, total: 150 });
    expect(list.description).toBe('Boats.\n\nAnd <harbours> & piers.');
    expect(list.url).toBe('https://letterboxd.com/nora_reels/list/harbour-films/');
    expect(slugs(list.films)).toEqual(slugs(lists[0]?.films ?? []));
    expect(list.films.map((f) => f.rank)).toEqual(list.films.map((_, i) => i + 1));
    expect(list.films[0]).toMatchObject({ rating: watched[0]?.rating ?? null, liked: watched[0]?.liked });
    // 1 token, 1 search, 1 lists page, 1 list confirmation, 2 entry pages.
    expect(count()).toEqual({ token: 1, search: 1, films: 2, total: 6 });
  });

  it('limit stops the entries early; a renamed list is still found by its slug', async () => {
    const api = client();
    expect((await api.getList('nora_reels', 'harbour-films', { limit: 10 })).films).toHaveLength(10);
    expect(count().films).toBe(1);
    const renamed = await api.getList('nora_reels', 'old-name');
    expect(renamed).toMatchObject({ name: 'A New Name', ranked: false, description: null });
    expect(renamed.films.map((f) => f.rank)).toEqual([null, null, null]);
    const iterated: string[] = [];
    for await (const film of api.list('nora_reels', 'old-name')) iterated.push(film.slug);
    expect(iterated).toEqual(slugs(lists[1]?.films ?? []));
    const pages = [];
    for await (const page of api.listPages('nora_reels', 'harbour-films')) pages.push([page.page, page.films.length, page.list.name]);
    expect(pages).toEqual([[1, 100, 'Harbour Films'], [2, 50, 'Harbour Films']]);
  });

  it('an unknown or unpublished list is a LetterboxdNotFoundError; a bad slug a TypeError', async () => {
    const error = await client().getList('nora_reels', 'drafts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdNotFoundError);
    expect((error as Error).message).toMatch(/no published list "drafts".*2 published lists read/);
    await expect(client().getList('nora_reels', 'a/b')).rejects.toThrow(TypeError);
  });

  it('an entry without its film is a LetterboxdParseError', async () => {
    server.use(http.get(/\/list\/[^/]+\/entries$/, () => HttpResponse.json({ items: [{ rank: 1 }] }), { once: true }));
    await expect(client().getList('nora_reels', 'harbour-films')).rejects.toBeInstanceOf(LetterboxdParseError);
    expect(fake.requests.some((r) => r.path === '/lists')).toBe(true);
  });

  it('gives the same list as the scraping client for the same member (parity on the fakes)', async () => {
    const site = createFakeLetterboxd();
    server.use(...site.handlers);
    const scraped = await createLetterboxdClient({ minDelayMs: 0 }).getList('cinephile_ana', 'slow-burners');
    const fromApi = await client().getList('cinephile_ana', 'slow-burners');
    const { lid, films, ...info } = fromApi;
    const { films: scrapedFilms, ...scrapedInfo } = scraped;
    expect(lid.length).toBeGreaterThan(0);
    expect(info).toEqual({ ...scrapedInfo, total: 6 });
    expect(films.map((f) => [f.slug, f.rank, f.rating, f.title, f.year])).toEqual(
      scrapedFilms.map((f) => [f.slug, f.rank, f.rating, f.title, f.year]),
    );
  });
});
