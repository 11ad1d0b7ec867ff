import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { TmdbNotFoundError, TmdbValidationError, type ListItem } from '@lbx/tmdb';
import accountListsLoose from './fixtures/tmdb-account-lists-loose-types.json';
import { useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

function seedMovies(count: number, firstId = 3000): Array<{ mediaType: 'movie'; mediaId: number }> {
  return Array.from({ length: count }, (_, i) => {
    fake.movies.set(firstId + i, { id: firstId + i, title: `Reel ${i}`, releaseDate: `${1950 + (i % 70)}-05-01` });
    return { mediaType: 'movie' as const, mediaId: firstId + i };
  });
}

describe('createList / updateList / deleteList', () => {
  it('creates private lists privately (public sent as 0/1) and public ones by default', async () => {
    const tmdb = client();
    const privateId = await tmdb.createList({ name: 'alice · watchlist', description: 'Synced', public: false, language: 'fr' });
    const publicId = await tmdb.createList({ name: 'alice · favourites' });
    expect(fake.lists.get(privateId)).toMatchObject({ name: 'alice · watchlist', description: 'Synced', public: false, language: 'fr' });
    expect(fake.lists.get(publicId)?.public).toBe(true);
  });

  it('reports the spam filter (code 18) as a validation error with TMDb’s errors', async () => {
    const error = await client().createList({ name: 'Visit http://example.test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbValidationError);
    expect(error).toMatchObject({ status: 400, tmdbCode: 18, errors: ['Content is suspected to be spam'] });
    expect((error as Error).message).toMatch(/spam filter/);
    expect(fake.lists.size).toBe(0);
  });

  it('updates metadata with any of the ten sort values and rejects others before sending', async () => {
    const tmdb = client();
    const list = fake.seedList({ name: 'Old' });
    await tmdb.updateList(list.id, { name: 'New', description: 'd', public: false, sortBy: 'release_date.desc' });
    expect(fake.lists.get(list.id)).toMatchObject({ name: 'New', description: 'd', public: false, sortBy: 'release_date.desc' });
    // @ts-expect-error not one of TMDb's sort values
    await expect(tmdb.updateList(list.id, { sortBy: 'popularity.desc' })).rejects.toThrow(/sortBy must be one of/);
    expect(fake.writeCount()).toBe(1);
  });

  it('treats a 2xx with success:false as a validation error', async () => {
    server.use(
      http.put('https://api.themoviedb.org/4/list/:id', () =>
        HttpResponse.json({ success: false, status_code: 47, status_message: 'The input is not valid.' }),
      ),
    );
    const list = fake.seedList({ name: 'L' });
    await expect(client().updateList(list.id, { name: 'x' })).rejects.toMatchObject({ name: 'TmdbValidationError', status: 200, tmdbCode: 47 });
  });

  it('deletes and clears lists; unknown lists throw TmdbNotFoundError', async () => {
    const tmdb = client();
    const list = fake.seedList({ name: 'Doomed', items: [{ mediaType: 'movie', mediaId: 550, comment: null }, { mediaType: 'movie', mediaId: 603, comment: null }] });
    expect(await tmdb.clearList(list.id)).toEqual({ itemsDeleted: 2 });
    expect(fake.lists.get(list.id)?.items).toEqual([]);
    await tmdb.deleteList(list.id);
    expect(fake.lists.has(list.id)).toBe(false);
    await expect(tmdb.deleteList(list.id)).rejects.toBeInstanceOf(TmdbNotFoundError);
    await expect(tmdb.getList(list.id)).rejects.toMatchObject({ status: 404, tmdbCode: 34 });
  });
});

describe('clearList', () => {
  it('clears again after new adds: the state-changing GET is never answered from a cache', async () => {
    const tmdb = client();
    const list = fake.seedList({ name: 'Twice', items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    expect(await tmdb.clearList(list.id)).toEqual({ itemsDeleted: 1 });
    await tmdb.addItems(list.id, [{ mediaType: 'movie', mediaId: 603 }]);
    expect(await tmdb.clearList(list.id)).toEqual({ itemsDeleted: 1 });
    expect(fake.lists.get(list.id)?.items).toEqual([]);
  });
});

describe('getList / listItems', () => {
  it('reads a page with comments joined and movie/TV rows typed', async () => {
    const list = fake.seedList({
      name: 'Mixed',
      items: [
        { mediaType: 'tv', mediaId: 1399, comment: 'Top' },
        { mediaType: 'movie', mediaId: 550, comment: null },
        { mediaType: 'movie', mediaId: 900301, comment: 'no date' },
      ],
    });
    const page = await client().getList(list.id);
    expect(page).toMatchObject({ id: list.id, name: 'Mixed', public: true, sortBy: 'original_order.asc', page: 1, totalPages: 1, totalResults: 3 });
    expect(page.items).toEqual([
      { mediaType: 'tv', mediaId: 1399, title: 'Game of Thrones', year: 2011, comment: 'Top' },
      { mediaType: 'movie', mediaId: 550, title: 'Fight Club', year: 1999, comment: null },
      { mediaType: 'movie', mediaId: 900301, title: 'Untitled Lighthouse Project', year: null, comment: 'no date' },
    ]);
  });

  it('iterates every page in order, comments included, and honours limit', async () => {
    const refs = seedMovies(45);
    const list = fake.seedList({ name: 'Long', items: refs.map((ref, i) => ({ ...ref, comment: i === 44 ? 'last' : null })) });
    const tmdb = client();
    const seen: ListItem[] = [];
    for await (const item of tmdb.listItems(list.id)) seen.push(item);
    expect(seen.map((item) => item.mediaId)).toEqual(refs.map((ref) => ref.mediaId));
    expect(seen.at(-1)?.comment).toBe('last');
    const pageReads = fake.requests.filter((r) => r.path === `/4/list/${list.id}`);
    expect(pageReads).toHaveLength(3);

    const first25 = await tmdb.getListItems(list.id, { limit: 25 });
    expect(first25).toHaveLength(25);
    expect(fake.requests.filter((r) => r.path === `/4/list/${list.id}`)).toHaveLength(5);
  });

  it('stops fetching when the consumer stops iterating', async () => {
    const list = fake.seedList({ name: 'Stop', items: seedMovies(60).map((ref) => ({ ...ref, comment: null })) });
    for await (const item of client().listItems(list.id)) {
      if (item.mediaId >= 3000) break;
    }
    expect(fake.requests.filter((r) => r.path === `/4/list/${list.id}`)).toHaveLength(1);
  });

  it('reads private lists with the user token', async () => {
    const list = fake.seedList({ name: 'Private', public: false, items: [{ mediaType: 'movie', mediaId: 603, comment: null }] });
    const page = await client().getList(list.id);
    expect(page.public).toBe(false);
    const stranger = client({ userAccessToken: undefined });
    await expect(stranger.getList(list.id)).rejects.toMatchObject({ name: 'TmdbAuthError', tmdbCode: 39 });
  });

  it('reads fresh data right after a write, although TMDb serves list reads with max-age=300', async () => {
    const tmdb = client();
    const id = await tmdb.createList({ name: 'Fresh' });
    expect((await tmdb.getList(id)).totalResults).toBe(0);
    await tmdb.addItems(id, [{ mediaType: 'movie', mediaId: 550 }]);
    expect((await tmdb.getList(id)).items.map((item) => item.mediaId)).toEqual([550]);
    await tmdb.clearList(id);
    expect((await tmdb.getList(id)).totalResults).toBe(0);
    // Every read carried a distinct cache-buster.
    const queries = fake.requests.filter((r) => r.method === 'GET' && r.path === `/4/list/${id}`).map((r) => r.query);
    expect(new Set(queries).size).toBe(3);
  });
});

describe('getAccountLists / findListByName / getOrCreateList', () => {
  it('collects every page of the account’s lists', async () => {
    for (let i = 0; i < 23; i += 1) fake.seedList({ name: `List ${i}`, public: i !== 3 });
    const lists = await client().getAccountLists();
    expect(lists).toHaveLength(23);
    expect(lists[3]).toEqual({ id: expect.any(Number), name: 'List 3', description: '', public: false, itemCount: 0 });
  });

  it('reads TMDb’s loose account-list rows (0/1 flags, strings for numbers, missing keys)', async () => {
    server.use(http.get('https://api.themoviedb.org/4/account/:id/lists', () => HttpResponse.json(accountListsLoose)));
    expect(await client().getAccountLists()).toEqual([
      { id: 8678999, name: 'My Watchlist', description: 'Films and shows to catch up on', public: true, itemCount: 2 },
      { id: 8679000, name: 'Drafts', description: '', public: false, itemCount: 14 },
    ]);
  });

  it('finds a list by its exact name so a lost mapping never creates a duplicate', async () => {
    const tmdb = client();
    const existing = fake.seedList({ name: 'Letterboxd · alice' });
    fake.seedList({ name: 'Letterboxd · alice (old)' });
    expect(await tmdb.findListByName(' Letterboxd · alice ')).toMatchObject({ id: existing.id });
    expect(await tmdb.findListByName('Letterboxd · bob')).toBeNull();
    expect(await tmdb.getOrCreateList('Letterboxd · alice', 'ignored')).toEqual({ id: existing.id, created: false });
    const created = await tmdb.getOrCreateList('Letterboxd · bob', 'Synced from Letterboxd');
    expect(created.created).toBe(true);
    expect(fake.lists.get(created.id)).toMatchObject({ name: 'Letterboxd · bob', description: 'Synced from Letterboxd' });
    expect(await tmdb.getOrCreateList('Letterboxd · bob')).toEqual({ id: created.id, created: false });
    expect([...fake.lists.values()].filter((l) => l.name === 'Letterboxd · bob')).toHaveLength(1);
  });

  it('falls back to a name that differs only in case, but never guesses between several', async () => {
    const tmdb = client();
    const original = fake.seedList({ name: "Alice's Top Rated Movies" });
    expect(await tmdb.findListByName("alice's Top Rated Movies")).toMatchObject({ id: original.id });
    const exact = fake.seedList({ name: "alice's Top Rated Movies" });
    expect(await tmdb.findListByName("alice's Top Rated Movies")).toMatchObject({ id: exact.id });
    fake.seedList({ name: "BOB's Top Rated Movies" });
    fake.seedList({ name: "Bob's Top Rated Movies" });
    expect(await tmdb.findListByName("bob's Top Rated Movies")).toBeNull();
  });

  it('needs accountId for the account’s lists', async () => {
    await expect(client({ accountId: undefined }).getAccountLists()).rejects.toThrow(/accountId/);
  });
});
