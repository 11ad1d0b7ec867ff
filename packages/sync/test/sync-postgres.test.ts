import { createPostgresStore, type PostgresStore } from '@lbx/sync/postgres';
import { syncUser, type SyncResult } from '@lbx/sync';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

let url: string;
const stores: PostgresStore[] = [];
beforeAll(async () => {
  url = await createRunDatabase('sync_postgres');
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
});
let schemas = 0;
/** Two store objects with their own pools on one fresh schema: two processes sharing a database. */
function twoProcesses(): [PostgresStore, PostgresStore] {
  const schema = `sync_${++schemas}`;
  const pair: [PostgresStore, PostgresStore] = [
    createPostgresStore({ connectionString: url, schema, maxConnections: 3 }),
    createPostgresStore({ connectionString: url, schema, maxConnections: 3 }),
  ];
  stores.push(...pair);
  return pair;
}

/** Another process in the middle of `key`'s sync: holds its lock until `release()`. */
async function holdElsewhere(store: PostgresStore, key: string) {
  const release = deferred();
  const holding = deferred();
  const done = store.lock(key, async () => {
    holding.resolve();
    await release.promise;
  });
  await holding.promise;
  return {
    release: async () => {
      release.resolve();
      await done;
    },
  };
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('syncUser on the Postgres store', () => {
  it('syncs, remembers the list, and a warm re-sync from another process reads nothing again', async () => {
    const [a, b] = twoProcesses();
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([3, 1, 2]).map(({ tmdb: _tmdb, ...film }) => film));
    for (const n of [1, 2, 3]) source.pages.set(`lantern-film-${n}`, { tmdb: { id: 7000 + n, type: 'movie' }, imdbId: null });

    const first = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: a });
    expect(first).toMatchObject({ status: 'synced', listCreated: true, added: 3 });
    const listId = first.listId as number;
    expect(await b.get('cinephile_ada')).toBe(listId);
    expect(source.pageLookups).toHaveLength(3);

    const again = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: b });
    expect(again).toMatchObject({ status: 'unchanged', listId, listCreated: false });
    expect(source.pageLookups).toHaveLength(3); // the film cache answered
    expect(h.itemsOf(listId)).toEqual(keys([3, 1, 2]));
    expect(h.fake.lists.size).toBe(1);
  });

  it('waits while another process holds the member, then continues from its list', async () => {
    const [a, b] = twoProcesses();
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const other = await holdElsewhere(b, 'cinephile_ada');
    let settled: SyncResult | undefined;
    const waiting = syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: a }).then((result) => (settled = result));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBeUndefined();
    expect(h.fake.requests).toHaveLength(0); // nothing read or written while the other process holds it
    await other.release();
    expect(await waiting).toMatchObject({ status: 'synced', added: 2 });
  });

  it('rejects with the abort reason when aborted while waiting, having touched nothing', async () => {
    const [a, b] = twoProcesses();
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const other = await holdElsewhere(b, 'cinephile_ada');
    const controller = new AbortController();
    const waiting = syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: a }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('server shutting down')), 50);
    await expect(waiting).rejects.toThrow('server shutting down');
    await other.release();
    expect(h.fake.requests).toHaveLength(0);
    expect(await a.get('cinephile_ada')).toBeUndefined();
  });

  it('reports a store it cannot lock as a failed member (stage store), not a rejection', async () => {
    const dead = new URL(url);
    dead.port = '1';
    const store = createPostgresStore({ connectionString: dead.toString(), schema: 'unreachable' });
    stores.push(store);
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const events: string[] = [];
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => events.push(event.type) });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error).toMatchObject({ name: 'SyncMemberError', stage: 'store' });
    expect(result.error.message).toMatch(/DATABASE_URL/);
    expect(events).toEqual(['member-finished']);
    expect(h.fake.requests).toHaveLength(0);
  });
});
