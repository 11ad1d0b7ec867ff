import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, createMemoryStore, syncUser, type SyncResult } from '@lbx/sync';
import { createMemorySource, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectStatus<S extends SyncResult['status']>(result: SyncResult, status: S): Extract<SyncResult, { status: S }> {
  if (result.status !== status) {
    throw new Error(`expected ${status}, got ${result.status}: ${'error' in result ? result.error.message : ''}`);
  }
  return result as Extract<SyncResult, { status: S }>;
}

describe('syncUser', () => {
  it('creates the list on a fresh sync, saves the mapping at once and fills it in order with star comments', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([3, 1, 2]));
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);

    const result = expectStatus(await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }), 'synced');

    expect(h.fake.lists.size).toBe(1);
    const [list] = [...h.fake.lists.values()];
    expect(list).toMatchObject({ name: "cinephile_ada's Top Rated Movies", public: true, sortBy: 'original_order.asc' });
    expect(list?.description).toContain('cinephile_ada');
    expect(result).toMatchObject({
      username: 'cinephile_ada',
      listId: list?.id,
      listCreated: true,
      totalFilms: 3,
      matched: 3,
      added: 3,
      removed: 0,
      reordered: 0,
      unchanged: 0,
      commentsUpdated: 3,
      notMatched: [],
      dryRun: false,
    });
    expect(h.itemsOf(result.listId as number)).toEqual(keys([3, 1, 2]));
    expect(h.commentsOf(result.listId as number)).toEqual({ 'movie:7003': '★★★★★', 'movie:7001': '★★★★½', 'movie:7002': '★★★★' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ cinephile_ada: result.listId });
  });

  it('makes zero TMDb writes when nothing changed', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2, 3, 4]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const first = await syncUser('cinephile_ada', deps);
    const writes = h.fake.writeCount();

    const second = expectStatus(await syncUser('cinephile_ada', deps), 'unchanged');

    expect(h.fake.writeCount()).toBe(writes);
    expect(second).toMatchObject({ listId: first.listId, listCreated: false, added: 0, removed: 0, reordered: 0, unchanged: 4 });
    expect(second.commentsUpdated).toBe(0);
  });

  it('removes an item added to the list by hand, keeps a hand-written comment on an unrated film, then writes nothing', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [...films([1, 2, 3]), { slug: 'lantern-film-4', title: 'Lantern Film 4', year: 1963, rating: null, tmdb: { id: 7004, type: 'movie' } }]);
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);
    const list = h.fake.lists.get(listId as number);
    list?.items.push({ mediaType: 'movie', mediaId: 7010, comment: 'my own pick' });
    const unrated = list?.items.find((item) => item.mediaId === 7004);
    if (unrated) unrated.comment = 'watch again';

    const cleaned = expectStatus(await syncUser('cinephile_ada', deps), 'synced');
    const writes = h.fake.writeCount();
    const again = await syncUser('cinephile_ada', deps);

    expect(cleaned).toMatchObject({ added: 0, removed: 1, commentsUpdated: 0 });
    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2, 3, 4]));
    expect(h.commentsOf(listId as number)['movie:7004']).toBe('watch again');
    expect(again.status).toBe('unchanged');
    expect(h.fake.writeCount()).toBe(writes);
  });

  it('adds and removes exactly what changed in the favourites, adding new films at the end', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2, 3, 4, 5]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);

    source.members.set('cinephile_ada', films([1, 2, 4, 5, 6, 7]));
    const result = expectStatus(await syncUser('cinephile_ada', deps), 'synced');

    expect(result).toMatchObject({ added: 2, removed: 1, reordered: 0, unchanged: 4 });
    expect(result.plan?.add.map((item) => item.slug)).toEqual(['lantern-film-6', 'lantern-film-7']);
    expect(result.plan?.remove.map((item) => item.mediaId)).toEqual([7003]);
    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2, 4, 5, 6, 7]));
    // Films that moved up a rank got their new stars; the others were left alone.
    expect(h.commentsOf(listId as number)['movie:7004']).toBe('★★★★');
    expect(await syncUser('cinephile_ada', deps)).toMatchObject({ status: 'unchanged' });
  });

  it('reorders only when the order really changed, re-adding the fewest items', async () => {
    const source = createMemorySource();
    const ranked = (order: number[]) => order.map((n) => ({ ...films([n])[0]!, rating: 4 }));
    source.members.set('cinephile_ada', ranked([1, 2, 3, 4, 5]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);

    source.members.set('cinephile_ada', ranked([1, 2, 5, 3, 4]));
    const result = expectStatus(await syncUser('cinephile_ada', deps), 'synced');

    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2, 5, 3, 4]));
    expect(result).toMatchObject({ added: 0, removed: 0, reordered: 2, unchanged: 3 });
    expect(result.plan?.reorder.map((item) => item.mediaId)).toEqual([7003, 7004]);
    // Re-added items lose their comment on TMDb: the sync puts it back.
    expect(h.commentsOf(listId as number)['movie:7003']).toBe('★★★★');
    const writes = h.fake.writeCount();
    expect(await syncUser('cinephile_ada', deps)).toMatchObject({ status: 'unchanged' });
    expect(h.fake.writeCount()).toBe(writes);
  });

  it('updates only the comments whose rating changed', async () => {
    const source = createMemorySource();
    const base = films([1, 2, 3]);
    source.members.set('cinephile_ada', base);
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);

    source.members.set('cinephile_ada', [base[0]!, { ...base[1]!, rating: 4.5 }, { ...base[2]!, rating: 0.5 }]);
    const writes = h.fake.writeCount();
    const result = expectStatus(await syncUser('cinephile_ada', deps), 'synced');

    expect(result).toMatchObject({ added: 0, removed: 0, reordered: 0, unchanged: 3, commentsUpdated: 1 });
    expect(h.fake.writeCount() - writes).toBe(1);
    expect(h.commentsOf(listId as number)).toEqual({ 'movie:7001': '★★★★★', 'movie:7002': '★★★★½', 'movie:7003': '½' });
  });

  it('fetches only `limit` films and orders them by the chosen key', async () => {
    const source = createMemorySource();
    const all = films([9, 2, 30, 4, 5, 6]);
    source.members.set('cinephile_ada', all);
    const result = await syncUser(
      'cinephile_ada',
      { source, tmdb: h.tmdb, store: createMemoryStore() },
      { limit: 4, sortBy: 'year', order: 'asc' },
    );
    expect(result.totalFilms).toBe(4);
    expect(h.itemsOf(result.listId as number)).toEqual(keys([2, 4, 9, 30]));
  });

  it('leaves comments alone for unrated films', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [{ ...films([1])[0]!, rating: null }]);
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() });
    expect(result).toMatchObject({ status: 'synced', added: 1, commentsUpdated: 0 });
    expect(h.commentsOf(result.listId as number)).toEqual({ 'movie:7001': null });
  });

  it('sets the list back to insertion order before diffing when someone changed its sort', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2, 3]));
    const store = createMemoryStore();
    const seeded = h.fake.seedList({
      name: "cinephile_ada's Top Rated Movies",
      sortBy: 'title.desc',
      items: keys([1, 2, 3]).map((key) => ({ mediaType: 'movie', mediaId: Number(key.slice(6)), comment: null })),
    });
    const result = expectStatus(await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }), 'synced');
    expect(h.fake.lists.get(seeded.id)?.sortBy).toBe('original_order.asc');
    expect(result).toMatchObject({ listId: seeded.id, reordered: 0, unchanged: 3, commentsUpdated: 3 });
    expect(result.plan?.resetSortBy).toBe(true);
    expect(h.itemsOf(seeded.id)).toEqual(keys([1, 2, 3]));
  });

  it('takes the list name, description and visibility from the options', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const store = createMemoryStore();
    await syncUser(
      'cinephile_ada',
      { source, tmdb: h.tmdb, store },
      { listName: (u) => `Favourites of ${u}`, description: (u) => `Films ${u} loves`, public: false },
    );
    expect([...h.fake.lists.values()][0]).toMatchObject({
      name: 'Favourites of cinephile_ada',
      description: 'Films cinephile_ada loves',
      public: false,
    });
    await syncUser('noir.fan', { source: { getTopRated: async () => films([2]) }, tmdb: h.tmdb, store }, { description: 'Static' });
    expect([...h.fake.lists.values()][1]?.description).toBe('Static');
  });
});
