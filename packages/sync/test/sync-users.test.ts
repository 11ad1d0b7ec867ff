import { describe, expect, it } from 'vitest';
import {
  SyncMemberError,
  SyncOptionsError,
  createMemoryStore,
  normalizeUsernames,
  syncUsers,
  type FilmSource,
  type SyncUsersResult,
} from '@lbx/sync';
import { createMemorySource, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

describe('syncUsers: usernames', () => {
  it('normalises usernames once: trimmed, lower-cased, de-duplicated, first occurrence first', async () => {
    expect(normalizeUsernames(['Ana_K', ' bo ', 'ana_k', 'BO', 'cy'])).toEqual(['ana_k', 'bo', 'cy']);
    const source = createMemorySource();
    source.members.set('ana_k', films([1, 2]));
    source.members.set('bo', films([3]));
    const store = createMemoryStore();
    const results = await syncUsers(['Ana_K', 'bo', 'ANA_K'], { source, tmdb: h.tmdb, store });
    expect(results.map((result) => `${result.username}:${result.status}`)).toEqual(['ana_k:synced', 'bo:synced']);
    expect(Object.keys(await store.all()).sort()).toEqual(['ana_k', 'bo']);
    expect([...h.fake.lists.values()].map((list) => list.name).sort()).toEqual([
      "ana_k's Top Rated Movies",
      "bo's Top Rated Movies",
    ]);
  });

  it('moves a mapping kept under a mixed-case key to the normalised key, so the member keeps their list', async () => {
    const source = createMemorySource();
    source.members.set('ana_k', films([1, 2]));
    const store = createMemoryStore();
    const [first] = await syncUsers(['ana_k'], { source, tmdb: h.tmdb, store });
    const listId = first?.listId as number;
    await store.delete('ana_k');
    await store.set('Ana_K', listId);
    await store.set('other_member', 42);
    const writes = h.fake.writeCount();

    const [dry] = await syncUsers(['ana_k'], { source, tmdb: h.tmdb, store }, { dryRun: true });
    expect(dry).toMatchObject({ status: 'unchanged', listId, dryRun: true });
    expect(await store.all()).toEqual({ Ana_K: listId, other_member: 42 }); // a dry run writes nothing

    const [again] = await syncUsers(['ANA_K'], { source, tmdb: h.tmdb, store });
    expect(again).toMatchObject({ status: 'unchanged', listId, listCreated: false });
    expect(await store.all()).toEqual({ ana_k: listId, other_member: 42 });
    expect(h.fake.lists.size).toBe(1);
    expect(h.fake.writeCount()).toBe(writes);
  });

  it('fails the member (stage store) when the store cannot be read to adopt a key, and syncs the others', async () => {
    const source = createMemorySource();
    source.members.set('bo', films([3]));
    source.members.set('cy', films([4]));
    const store = createMemoryStore();
    const broken = { ...store, get: async (name: string) => (name === 'bo' ? Promise.reject(new Error('disk gone')) : store.get(name)) };
    const events: string[] = [];
    const results = await syncUsers(['bo', 'cy'], { source, tmdb: h.tmdb, store: broken }, {
      onEvent: (event) => event.type === 'member-finished' && events.push(`${event.username}:${event.result.status}`),
    });
    expect(results.map((result) => result.status)).toEqual(['failed', 'synced']);
    const failure = results[0];
    if (failure?.status !== 'failed') throw new Error('expected a failure');
    expect(failure.error).toBeInstanceOf(SyncMemberError);
    expect(failure.error).toMatchObject({ stage: 'store', username: 'bo' });
    expect(failure.error.message).toContain('disk gone');
    expect(events).toEqual(['bo:failed', 'cy:synced']);
  });
});

describe('syncUsers: a source per member', () => {
  it("asks the source function for each member's source and fails only the member whose source cannot be opened", async () => {
    const site = createMemorySource();
    site.members.set('bo', films([3]));
    const exported = createMemorySource();
    exported.members.set('ana_k', films([1, 2]));
    const asked: string[] = [];
    const sourceFor = async (username: string): Promise<FilmSource> => {
      asked.push(username);
      if (username === 'cy') throw new Error('The stored data export cy.zip could not be read; upload a fresh export.');
      return username === 'ana_k' ? exported : site;
    };
    const results = await syncUsers(['Ana_K', 'cy', 'bo'], { source: sourceFor, tmdb: h.tmdb, store: createMemoryStore() });
    expect(asked).toEqual(['ana_k', 'cy', 'bo']);
    expect(results.map((result) => result.status)).toEqual(['synced', 'failed', 'synced']);
    expect(h.itemsOf(results[0]?.listId as number)).toEqual(keys([1, 2]));
    const failure = results[1];
    if (failure?.status !== 'failed') throw new Error('expected a failure');
    expect(failure.error).toMatchObject({ stage: 'fetch-films', username: 'cy' });
    expect(failure.error.message).toContain('cy.zip could not be read');
    expect(failure.listId).toBeNull();
  });
});

describe('syncUsers: stopping and progress', () => {
  it('on stopSignal lets the member in progress finish and reports the rest as skipped, without touching them', async () => {
    const source = createMemorySource();
    ['ana_k', 'bo', 'cy'].forEach((name, i) => source.members.set(name, films([i + 1])));
    const stop = new AbortController();
    const log: string[] = [];
    const results = await syncUsers(['ana_k', 'bo', 'cy'], { source, tmdb: h.tmdb, store: createMemoryStore() }, {
      stopSignal: stop.signal,
      onMemberStart: (username) => {
        log.push(`start ${username}`);
        if (username === 'ana_k') stop.abort();
      },
      onMemberDone: (result) => log.push(`done ${result.username} ${result.status}`),
    });
    expect(log).toEqual(['start ana_k', 'done ana_k synced', 'done bo skipped', 'done cy skipped']);
    expect(results.map((result) => result.status)).toEqual(['synced', 'skipped', 'skipped']);
    expect(results[1]).toMatchObject({ reason: 'stopped', listId: null, added: 0, dryRun: false });
    expect((results[1] as Extract<SyncUsersResult, { status: 'skipped' }>).message).toMatch(/stopped before "bo"/);
    expect(h.fake.lists.size).toBe(1);
  });

  it('reports every member to onMemberDone even when a callback throws', async () => {
    const source = createMemorySource();
    source.members.set('ana_k', films([1]));
    source.members.set('bo', films([2]));
    const done: string[] = [];
    const results = await syncUsers(['ana_k', 'bo'], { source, tmdb: h.tmdb, store: createMemoryStore() }, {
      onMemberStart: () => {
        throw new Error('listener bug');
      },
      onMemberDone: (result) => {
        done.push(result.username);
        throw new Error('listener bug');
      },
    });
    expect(done).toEqual(['ana_k', 'bo']);
    expect(results.map((result) => result.status)).toEqual(['synced', 'synced']);
  });

  it.each([
    [{ stopSignal: 'stop' }, 'stopSignal'],
    [{ onMemberStart: 1 }, 'onMemberStart'],
    [{ onMemberDone: 'log' }, 'onMemberDone'],
  ])('rejects %o before any request', async (options, option) => {
    const run = syncUsers(['ana_k'], { source: createMemorySource(), tmdb: h.tmdb, store: createMemoryStore() }, options as never);
    await expect(run).rejects.toBeInstanceOf(SyncOptionsError);
    await expect(run).rejects.toMatchObject({ option });
    expect(h.fake.requests).toHaveLength(0);
  });
});
