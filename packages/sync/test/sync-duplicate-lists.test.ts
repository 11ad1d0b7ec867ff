import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, syncUser, type SyncEvent } from '@lbx/sync';
import { createMemorySource, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();
const NAME = "twin_member's Top Rated Movies";

describe('several TMDb lists with the member\'s list name', () => {
  it('adopts the oldest (lowest id), reports the others and never writes to them', async () => {
    const newer = h.fake.seedList({ id: 8600020, name: NAME, items: [{ mediaType: 'movie', mediaId: 7009, comment: null }] });
    const older = h.fake.seedList({ id: 8600010, name: NAME, items: [{ mediaType: 'movie', mediaId: 7001, comment: '★★★★★' }] });
    h.fake.seedList({ id: 8600005, name: 'Someone else', items: [] });
    const source = createMemorySource();
    source.members.set('twin_member', films([1, 2]));
    const store = createMemoryStore();
    const events: SyncEvent[] = [];

    const result = await syncUser('twin_member', { source, tmdb: h.tmdb, store }, { onEvent: (e) => events.push(e) });

    expect(result).toMatchObject({ status: 'synced', listId: older.id, listCreated: false, duplicateListIds: [newer.id] });
    expect(h.itemsOf(older.id)).toEqual(keys([1, 2]));
    expect(h.itemsOf(newer.id)).toEqual(['movie:7009']);
    expect(await store.get('twin_member')).toBe(older.id);
    expect(events).toContainEqual({
      type: 'duplicate-lists',
      username: 'twin_member',
      listId: older.id,
      duplicateListIds: [newer.id],
      name: NAME,
    });
  });

  it('keeps the mapped list even when others share its name', async () => {
    const older = h.fake.seedList({ id: 8600010, name: NAME, items: [] });
    const mapped = h.fake.seedList({ id: 8600020, name: NAME, items: [] });
    const source = createMemorySource();
    source.members.set('twin_member', films([1]));
    const store = createMemoryStore({ mappings: { twin_member: mapped.id } });

    const result = await syncUser('twin_member', { source, tmdb: h.tmdb, store });

    expect(result).toMatchObject({ status: 'synced', listId: mapped.id, duplicateListIds: [] });
    expect(h.itemsOf(mapped.id)).toEqual(keys([1]));
    expect(h.itemsOf(older.id)).toEqual([]);
  });

  it('two writers that each created a list converge on the older one; the newer stays empty', async () => {
    // Two stores without a shared lock (e.g. two machines): both look the name up, find nothing, create.
    h.server.use(
      http.post('https://api.themoviedb.org/4/list', async () => {
        await delay(50);
      }),
    );
    const source = createMemorySource();
    source.members.set('twin_member', films([1, 2]));
    source.members.set('twin_member_alias', films([1, 2]));
    const listName = () => NAME;
    const [first, second] = await Promise.all([
      syncUser('twin_member', { source, tmdb: h.tmdb, store: createMemoryStore() }, { listName }),
      syncUser('twin_member_alias', { source, tmdb: h.tmdb, store: createMemoryStore() }, { listName }),
    ]);

    const ids = [...h.fake.lists.keys()].sort((a, b) => a - b);
    expect(ids).toHaveLength(2);
    const [oldest, newest] = ids as [number, number];
    expect(first).toMatchObject({ status: 'synced', listId: oldest });
    expect(second).toMatchObject({ status: 'synced', listId: oldest });
    // The writer that created the newer list saw both right after creating it (the other may have checked first).
    expect([...first.duplicateListIds, ...second.duplicateListIds]).toContain(newest);
    expect(h.itemsOf(oldest)).toEqual(keys([1, 2]));
    expect(h.itemsOf(newest)).toEqual([]);
  });

  it('a dry run reports the duplicates and writes nothing', async () => {
    const newer = h.fake.seedList({ id: 8600020, name: NAME, items: [] });
    const older = h.fake.seedList({ id: 8600010, name: NAME, items: [] });
    const source = createMemorySource();
    source.members.set('twin_member', films([1]));
    const store = createMemoryStore();

    const result = await syncUser('twin_member', { source, tmdb: h.tmdb, store }, { dryRun: true });

    expect(result).toMatchObject({ status: 'synced', listId: older.id, duplicateListIds: [newer.id], dryRun: true });
    expect(await store.get('twin_member')).toBeUndefined();
    expect(h.fake.writeCount()).toBe(0);
  });

  it('without getAccountLists on the client, findListByName alone decides', async () => {
    const only = h.fake.seedList({ id: 8600010, name: NAME, items: [] });
    const source = createMemorySource();
    source.members.set('twin_member', films([1]));
    const { getAccountLists: _omitted, ...tmdb } = h.tmdb;

    const result = await syncUser('twin_member', { source, tmdb, store: createMemoryStore() });

    expect(result).toMatchObject({ status: 'synced', listId: only.id, duplicateListIds: [] });
  });
});
