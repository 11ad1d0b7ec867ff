import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LetterboxdPrivateError, createLetterboxdClient } from '@lbx/letterboxd';
import { createTmdbClient } from '@lbx/tmdb';
import { createFakeLetterboxd, createFakeTmdb, demoMembers, type FakeFilm } from '@lbx/testkit';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ListDefinition, SyncOptionsError, createJsonFileStore, definitionId, definitionListName, resolveList, syncList, syncUser } from '@lbx/sync';

// The real Letterboxd client scraping the fake site's demo members, the real TMDb client writing to a fake TMDb.
const letterboxd = createFakeLetterboxd();
const tmdbFake = createFakeTmdb({ acceptUnknownMedia: true });
const server = setupServer(...letterboxd.handlers, ...tmdbFake.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  letterboxd.reset();
  tmdbFake.reset();
});
afterAll(() => server.close());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-defs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const source = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
const tmdb = createTmdbClient({
  readAccessToken: tmdbFake.credentials.readAccessToken,
  userAccessToken: tmdbFake.credentials.userAccessToken,
  accountId: tmdbFake.credentials.accountId,
  maxRequestsPerSecond: 10_000,
  retry: { limit: 0 },
});
const mappingsPath = () => join(dir, 'tmdb_list_mappings.json');
const deps = () => ({ source, tmdb, store: createJsonFileStore(mappingsPath()) });

const ana = demoMembers.find((member) => member.username === 'cinephile_ana');
const mo = demoMembers.find((member) => member.username === 'midnight_mo');
if (!ana || !mo) throw new Error('demo members changed');

const itemsOf = (listId: number | null) => (tmdbFake.lists.get(listId as number)?.items ?? []).map((i) => `${i.mediaType}:${i.mediaId}`);
/** TMDb keys of dataset films, in order, leaving out those without a TMDb link. */
const keysOf = (films: readonly FakeFilm[]) => films.filter((f) => f.tmdb !== null).map((f) => `${f.tmdb?.type}:${f.tmdb?.id}`);
const watched = (films: readonly FakeFilm[]) => films.filter((f) => f.watched !== false);

describe('syncList: every kind of source', () => {
  it('top-rated: the same list and mapping key as syncUser', async () => {
    const viaUser = await syncUser('cinephile_ana', deps(), { limit: 100 });
    const viaList = await syncList({ source: 'top-rated', member: 'cinephile_ana', order: 'rating' }, deps());
    expect(viaUser.status).toBe('synced');
    expect(viaList).toMatchObject({ status: 'unchanged', listId: viaUser.listId, definitionId: 'cinephile_ana', added: 0, removed: 0 });
    expect(JSON.parse(await readFile(mappingsPath(), 'utf8'))).toEqual({ cinephile_ana: viaUser.listId });
  });

  it('watchlist, newest addition first, under the key member/watchlist', async () => {
    const result = await syncList({ source: 'watchlist', member: 'midnight_mo' }, deps());
    expect(result).toMatchObject({ status: 'synced', definitionId: 'midnight_mo/watchlist', listCreated: true });
    expect(itemsOf(result.listId)).toEqual(keysOf(mo.films.filter((f) => f.watchlisted)));
    expect(tmdbFake.lists.get(result.listId as number)?.name).toBe("midnight_mo's Watchlist");
    expect(JSON.parse(await readFile(mappingsPath(), 'utf8'))).toEqual({ 'midnight_mo/watchlist': result.listId });
  });

  it('liked films, in the order the member liked them', async () => {
    const result = await syncList({ source: 'liked', member: 'midnight_mo' }, deps());
    expect(itemsOf(result.listId)).toEqual(keysOf(watched(mo.films).filter((f) => f.liked)));
  });

  it('rated films, best first, with the rating as the comment', async () => {
    const result = await syncList({ source: 'rated', member: 'midnight_mo' }, deps());
    const rated = watched(mo.films)
      .filter((f) => f.rating !== null)
      .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    expect(itemsOf(result.listId)).toEqual(keysOf(rated));
    expect(tmdbFake.lists.get(result.listId as number)?.items[0]?.comment).toBe('★★★★★');
  });

  it('a member list in list order; a TV entry stays unless excluded, an unmatched film is reported', async () => {
    const list = ana.lists?.[0];
    if (!list) throw new Error('demo list changed');
    const all = await syncList({ source: 'list', member: 'cinephile_ana', slug: 'slow-burners' }, deps());
    expect(all).toMatchObject({ status: 'synced', definitionId: 'cinephile_ana/list/slow-burners', totalFilms: 6 });
    expect(itemsOf(all.listId)).toEqual(keysOf(list.films));
    expect(all.notMatched.map((film) => film.slug)).toEqual(['paper-lanterns-2021']);

    const films = await syncList({ id: 'ana-slow-films', source: 'list', member: 'cinephile_ana', slug: 'slow-burners', excludeTv: true }, deps());
    expect(itemsOf(films.listId)).toEqual(keysOf(list.films.filter((f) => f.tmdb?.type !== 'tv')));
    expect(films.listId).not.toBe(all.listId);
  });
});

describe('syncList: filters and order', () => {
  const def: ListDefinition = { source: 'rated', member: 'cinephile_ana' };
  const rated = watched(ana.films).filter((f) => f.rating !== null);

  it('minRating and maxRating keep the films rated in the range', async () => {
    const result = await syncList({ ...def, minRating: 4, maxRating: 4.5 }, deps());
    const expected = rated.filter((f) => (f.rating ?? 0) >= 4 && (f.rating ?? 0) <= 4.5).sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    expect(itemsOf(result.listId)).toEqual(keysOf(expected));
  });

  it('yearFrom/yearTo keep dated films in the range; order year ascending', async () => {
    const result = await syncList({ ...def, yearFrom: 1980, yearTo: 2012, order: 'year', direction: 'asc' }, deps());
    const expected = rated.filter((f) => f.year !== null && f.year >= 1980 && f.year <= 2012).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    expect(itemsOf(result.listId).sort()).toEqual(keysOf(expected).sort());
    const years = (tmdbFake.lists.get(result.listId as number)?.items ?? []).map((i) => rated.find((f) => f.tmdb?.id === i.mediaId)?.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('limit counts after excludeTv; order by title', async () => {
    const result = await syncList({ source: 'liked', member: 'cinephile_ana', excludeTv: true, limit: 3, order: 'title' }, deps());
    const liked = watched(ana.films).filter((f) => f.liked && f.tmdb?.type === 'movie');
    const expected = [...liked].sort((a, b) => a.title.localeCompare(b.title)).slice(0, 3);
    expect(itemsOf(result.listId)).toEqual(keysOf(expected));
  });

  it('a limit without other filters stops reading the source early', async () => {
    await syncList({ source: 'watchlist', member: 'cinephile_ana', limit: 1 }, deps());
    expect(letterboxd.requests.filter((r) => r.path.includes('/watchlist/'))).toHaveLength(1);
  });
});

describe('syncList: the guarantees of syncUser', () => {
  it('re-syncing an unchanged definition makes no TMDb write', async () => {
    const def: ListDefinition = { source: 'list', member: 'midnight_mo', slug: 'midnight-movies', order: 'year' };
    const first = await syncList(def, deps());
    expect(first.status).toBe('synced');
    const writes = tmdbFake.writeCount();
    const again = await syncList(def, deps());
    expect(again).toMatchObject({ status: 'unchanged', added: 0, removed: 0, reordered: 0 });
    expect(tmdbFake.writeCount()).toBe(writes);
  });

  it('refuses to empty a list when the filters leave nothing; a dry run writes nothing', async () => {
    const refused = await syncList({ source: 'watchlist', member: 'midnight_mo', minRating: 5 }, deps());
    expect(refused).toMatchObject({ status: 'refused', reason: 'empty-desired-list' });
    if (refused.status === 'refused') expect(refused.message).toContain('midnight_mo/watchlist');
    const dry = await syncList({ source: 'liked', member: 'midnight_mo' }, deps(), { dryRun: true });
    expect(dry).toMatchObject({ status: 'synced', dryRun: true, listId: null });
    expect(tmdbFake.writeCount()).toBe(0);
  });

  it('a private or missing list fails the definition with the source error, never an empty list', async () => {
    const result = await syncList({ source: 'list', member: 'midnight_mo', slug: 'guilty-pleasures' }, deps());
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.error.stage).toBe('fetch-films');
    expect(tmdbFake.lists.size).toBe(0);
  });

  it('emits events naming the member', async () => {
    const types: string[] = [];
    await syncList({ source: 'watchlist', member: 'midnight_mo' }, deps(), { onEvent: (event) => types.push(event.type) });
    expect(types[0]).toBe('member-started');
    expect(types.at(-1)).toBe('member-finished');
  });
});

describe('resolveList: the films of a definition without any TMDb list', () => {
  it('matches the films, drops TV by request, caches them, and touches no list', async () => {
    const resolved = await resolveList({ source: 'list', member: 'cinephile_ana', slug: 'slow-burners', excludeTv: true }, deps());
    const list = ana.lists?.[0]?.films ?? [];
    expect(resolved).toMatchObject({ definitionId: 'cinephile_ana/list/slow-burners', member: 'cinephile_ana', totalFilms: 6 });
    expect(resolved.films.map((film) => `${film.mediaType}:${film.mediaId}`)).toEqual(keysOf(list.filter((f) => f.tmdb?.type === 'movie')));
    expect(resolved.notMatched.map((film) => film.slug)).toEqual(['paper-lanterns-2021']);
    expect(tmdbFake.lists.size).toBe(0);
    const filmPages = letterboxd.requests.filter((r) => r.path.startsWith('/film/')).length;
    const again = await resolveList({ source: 'list', member: 'cinephile_ana', slug: 'slow-burners', excludeTv: true }, deps());
    expect(letterboxd.requests.filter((r) => r.path.startsWith('/film/')).length).toBe(filmPages);
    // IMDb ids come from the film pages read while resolving, then from the film cache: no extra request.
    const imdbIds = list.filter((f) => f.tmdb?.type === 'movie').map((f) => f.imdbId);
    expect(imdbIds).toEqual(['tt0084787', 'tt0211915', 'tt9000201', 'tt0076786']);
    expect(resolved.films.map((film) => film.imdbId)).toEqual(imdbIds);
    expect(again.films.map((film) => [film.via, film.imdbId])).toEqual(imdbIds.map((id) => ['cache', id]));
  });

  it('rejects with the source error when the read fails', async () => {
    await expect(resolveList({ source: 'watchlist', member: 'quiet_quinn' }, deps())).rejects.toBeInstanceOf(LetterboxdPrivateError);
  });
});

describe('definitions are checked before any request', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ source: 'favourites', member: 'ana' }, 'definition.source'],
    [{ source: 'watchlist', member: 'not a name' }, 'definition.member'],
    [{ source: 'list', member: 'ana' }, 'definition.slug'],
    [{ source: 'watchlist', member: 'ana', slug: 'x' }, 'definition.slug'],
    [{ source: 'rated', member: 'ana', minRating: 4.2 }, 'definition.minRating'],
    [{ source: 'rated', member: 'ana', minRating: 4, maxRating: 3 }, 'definition.maxRating'],
    [{ source: 'rated', member: 'ana', yearFrom: 2020, yearTo: 1990 }, 'definition.yearTo'],
    [{ source: 'rated', member: 'ana', yearFrom: 99 }, 'definition.yearFrom'],
    [{ source: 'rated', member: 'ana', limit: 0 }, 'definition.limit'],
    [{ source: 'rated', member: 'ana', order: 'random' }, 'definition.order'],
    [{ source: 'rated', member: 'ana', direction: 'up' }, 'definition.direction'],
    [{ source: 'rated', member: 'ana', excludeTv: 'yes' }, 'definition.excludeTv'],
    [{ source: 'rated', member: 'ana', listName: ' ' }, 'definition.listName'],
    [{ source: 'rated', member: 'ana', id: '' }, 'definition.id'],
  ])('%o is refused naming %s', async (definition, option) => {
    const error = await syncList(definition as unknown as ListDefinition, deps()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncOptionsError);
    expect(error).toMatchObject({ option });
    expect(letterboxd.requests).toEqual([]);
  });

  it('a source without the method for the kind is refused', async () => {
    const topRatedOnly = { getTopRated: source.getTopRated };
    await expect(syncList({ source: 'watchlist', member: 'ana' }, { ...deps(), source: topRatedOnly })).rejects.toThrow(/getWatchlist\(\)/);
  });

  it('ids: explicit, or member for top-rated, member/source, member/list/slug', () => {
    expect(definitionId({ source: 'top-rated', member: 'ana' })).toBe('ana');
    expect(definitionId({ source: 'rated', member: 'ana' })).toBe('ana/rated');
    expect(definitionId({ source: 'list', member: 'ana', slug: 'best' })).toBe('ana/list/best');
    expect(definitionId({ id: 'mine', source: 'list', member: 'ana', slug: 'best' })).toBe('mine');
  });

  it('list names: the explicit name, else derived from the source (with the id when one is set), as syncList uses it', async () => {
    expect(definitionListName({ source: 'top-rated', member: 'ana' })).toBe("ana's Top Rated Movies");
    expect(definitionListName({ source: 'liked', member: 'ana' })).toBe("ana's Liked Films");
    expect(definitionListName({ source: 'list', member: 'ana', slug: 'best' })).toBe("ana's list best");
    expect(definitionListName({ id: 'mine', source: 'rated', member: 'ana' })).toBe("ana's Rated Films (mine)");
    expect(definitionListName({ id: 'mine', source: 'rated', member: 'ana', listName: 'Mine' })).toBe('Mine');
    const definition: ListDefinition = { id: 'mo-liked', source: 'liked', member: 'midnight_mo' };
    const result = await syncList(definition, deps());
    expect(tmdbFake.lists.get(result.listId as number)?.name).toBe(definitionListName(definition));
  });
});
