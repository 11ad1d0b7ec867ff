import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncOptionsError, createJsonFileStore, createMemoryStore, syncUser, syncUsers } from '@lbx/sync';
import { createMemorySource, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-lists-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finding the member list', () => {
  it('finds the list by name when the mapping file was lost, without creating a duplicate', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const path = join(dir, 'tmdb_list_mappings.json');
    const first = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) });
    await rm(path);
    await rm(join(dir, 'tmdb_list_mappings.films.json'), { force: true });

    source.members.set('cinephile_ada', films([1, 2, 3]));
    const second = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) });

    expect(h.fake.lists.size).toBe(1);
    expect(second).toMatchObject({ status: 'synced', listId: first.listId, listCreated: false, added: 1, unchanged: 2 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ cinephile_ada: first.listId });
  });

  it('falls back to find-or-create and fixes the mapping when the mapped list no longer exists', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const store = createMemoryStore({ mappings: { cinephile_ada: 999_999 } });
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    expect(result).toMatchObject({ status: 'synced', listCreated: true });
    expect(result.listId).not.toBe(999_999);
    expect(await store.get('cinephile_ada')).toBe(result.listId);
    expect(h.itemsOf(result.listId as number)).toEqual(keys([1]));
  });

  it('reports a corrupt mapping file, leaves it byte-for-byte intact and writes nothing to TMDb', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const corrupt = '{"cinephile_ada": 8500001,,}\n';
    await writeFile(path, corrupt);
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error.stage).toBe('store');
    expect(result.error.cause).toMatchObject({ name: 'SyncMappingStoreError', reason: 'corrupt', path });
    expect(result.error.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(corrupt);
    expect(await readdir(dir)).toEqual(['tmdb_list_mappings.json']);
    expect(h.fake.writeCount()).toBe(0);
  });
});

describe('dry run', () => {
  it('writes nothing — no list, no mapping, no cache — and reports the plan', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [...films([1, 2]), { slug: 'lantern-film-3', title: 'Lantern Film 3', year: 1962, rating: 3 }]);
    const path = join(dir, 'tmdb_list_mappings.json');
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) }, { dryRun: true });

    expect(result).toMatchObject({ status: 'synced', dryRun: true, listId: null, listCreated: true, added: 3, matched: 3 });
    expect(result.plan?.createList).toBe(true);
    expect(result.plan?.add.map((item) => item.slug)).toEqual(['lantern-film-1', 'lantern-film-2', 'lantern-film-3']);
    expect(result.plan?.comment.map((item) => item.comment)).toEqual(['★★★★★', '★★★★½', '★★★']);
    expect(h.fake.writeCount()).toBe(0);
    expect(h.fake.lists.size).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('plans removals, reorders and a sort reset on an existing list without touching it', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2, 3]));
    const store = createMemoryStore();
    const { listId } = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    const writes = h.fake.writeCount();
    source.members.set('cinephile_ada', films([2, 1, 4]));

    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { dryRun: true });

    expect(result).toMatchObject({ status: 'synced', dryRun: true, listId, listCreated: false, added: 1, removed: 1, reordered: 1 });
    expect(h.fake.writeCount()).toBe(writes);
    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2, 3]));
    source.members.set('cinephile_ada', films([1, 2, 3]));
    expect(await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { dryRun: true })).toMatchObject({
      status: 'unchanged',
      dryRun: true,
    });
  });
});

describe('concurrency', () => {
  it('serializes two syncs of the same member: one list, the second finds nothing to do', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2, 3]));
    const path = join(dir, 'm.json');
    // Two store objects on one file, as two request handlers might build them.
    const [a, b] = await Promise.all([
      syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) }),
      syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) }),
    ]);
    expect(h.fake.lists.size).toBe(1);
    expect(a).toMatchObject({ status: 'synced', listCreated: true });
    expect(b).toMatchObject({ status: 'unchanged', listId: a.listId });
    expect(h.itemsOf(a.listId as number)).toEqual(keys([1, 2, 3]));
  });

  it('syncs different members in parallel with `concurrency`, results in input order', async () => {
    const source = createMemorySource();
    const names = ['m_one', 'm_two', 'm_three', 'm_four'];
    names.forEach((name, i) => source.members.set(name, films([i + 1, i + 10])));
    // Count members whose films are being fetched at the same moment (no clocks: a macrotask turn).
    let inFlight = 0;
    let maxInFlight = 0;
    const getTopRated = source.getTopRated.bind(source);
    source.getTopRated = async (username, options) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return getTopRated(username, options);
    };
    const results = await syncUsers(names, { source, tmdb: h.tmdb, store: createMemoryStore() }, { concurrency: 3 });
    expect(maxInFlight).toBe(3);
    expect(results.map((result) => result.username)).toEqual(names);
    expect(results.every((result) => result.status === 'synced')).toBe(true);
    expect(new Set(results.map((result) => result.listId)).size).toBe(4);
  });
});

describe('options', () => {
  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 1001 }, 'limit'],
    [{ sortBy: 'popularity' }, 'sortBy'],
    [{ order: 'up' }, 'order'],
    [{ maxRemovalRatio: 2 }, 'maxRemovalRatio'],
    [{ listName: 'mine' }, 'listName'],
    [{ description: 3 }, 'description'],
    [{ retryUnmatchedAfterMs: -1 }, 'retryUnmatchedAfterMs'],
    [{ onEvent: 'log' }, 'onEvent'],
    [{ concurrency: 0 }, 'concurrency'],
  ])('rejects %o before any request', async (options, option) => {
    const source = createMemorySource();
    const run = 'concurrency' in options ? syncUsers(['x'], { source, tmdb: h.tmdb, store: createMemoryStore() }, options as never)
      : syncUser('x', { source, tmdb: h.tmdb, store: createMemoryStore() }, options as never);
    await expect(run).rejects.toBeInstanceOf(SyncOptionsError);
    await expect(run).rejects.toMatchObject({ option });
    expect(h.fake.requests).toHaveLength(0);
  });

  it('rejects an empty or missing username before any request, also inside a batch', async () => {
    const deps = { source: createMemorySource(), tmdb: h.tmdb, store: createMemoryStore() };
    await expect(syncUser('  ', deps)).rejects.toMatchObject({ name: 'SyncOptionsError', option: 'username' });
    await expect(syncUser(undefined as never, deps)).rejects.toMatchObject({ name: 'SyncOptionsError', option: 'username' });
    await expect(syncUsers(['cinephile_ada', ''], deps)).rejects.toMatchObject({ name: 'SyncOptionsError', option: 'username' });
    expect(h.fake.requests).toHaveLength(0);
    expect(await deps.store.all()).toEqual({});
  });

  it('fails the member (not the batch) when listName returns no name', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() }, { listName: () => ' ' });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error.stage).toBe('find-list');
    expect(result.error.cause).toBeInstanceOf(SyncOptionsError);
    expect(h.fake.lists.size).toBe(0);
  });

  it('rejects with the signal reason when aborted, keeping what was written', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const controller = new AbortController();
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(
      syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() }, { signal: controller.signal }),
    ).rejects.toThrow('user pressed Ctrl-C');
    expect(h.fake.requests).toHaveLength(0);
  });
});
