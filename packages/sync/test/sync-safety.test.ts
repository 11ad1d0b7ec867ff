import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SyncMemberError, createMemoryStore, isSyncError, syncUser, syncUsers } from '@lbx/sync';
import { createMemorySource, film, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('safety valves', () => {
  it('refuses to empty a list when the source returns no films, and writes nothing', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);
    const writes = h.fake.writeCount();

    source.members.set('cinephile_ada', []);
    const result = await syncUser('cinephile_ada', deps);

    expect(result).toMatchObject({ status: 'refused', reason: 'empty-desired-list', listId, totalFilms: 0 });
    if (result.status === 'refused') expect(result.message).toMatch(/force: true/);
    expect(h.fake.writeCount()).toBe(writes);
    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2]));
  });

  it('refuses when no film matched, and never creates a list for it', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [{ slug: 'nowhere', title: 'A Film TMDb Never Heard Of', year: 1901, rating: 5 }]);
    source.pages.set('nowhere', { tmdb: null, imdbId: null });
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() });
    expect(result).toMatchObject({ status: 'refused', reason: 'empty-desired-list', listId: null, matched: 0 });
    expect(result.notMatched).toEqual([{ slug: 'nowhere', title: 'A Film TMDb Never Heard Of', year: 1901, reason: 'no-match' }]);
    expect(h.fake.lists.size).toBe(0);
    expect(h.fake.writeCount()).toBe(0);
  });

  it('refuses a diff that removes more than maxRemovalRatio of the list, unless forced', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films(range(1, 10)));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);
    const writes = h.fake.writeCount();

    source.members.set('cinephile_ada', films([1, 2, 3, 4, 11]));
    const refused = await syncUser('cinephile_ada', deps, { maxRemovalRatio: 0.4 });
    expect(refused).toMatchObject({ status: 'refused', reason: 'mass-removal' });
    if (refused.status === 'refused') {
      expect(refused.message).toContain('remove 6 of the 10 items');
      expect(refused.plan?.remove).toHaveLength(6);
    }
    expect(h.fake.writeCount()).toBe(writes);
    expect(h.itemsOf(listId as number)).toEqual(keys(range(1, 10)));

    // The default ratio (0.5) refuses too; `force` applies it.
    expect(await syncUser('cinephile_ada', deps)).toMatchObject({ status: 'refused' });
    const forced = await syncUser('cinephile_ada', deps, { force: true });
    expect(forced).toMatchObject({ status: 'synced', added: 1, removed: 6 });
    expect(h.itemsOf(listId as number)).toEqual(keys([1, 2, 3, 4, 11]));
  });

  it('empties the list item by item (never a clear) when an empty desired list is forced', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);
    source.members.set('cinephile_ada', []);
    const result = await syncUser('cinephile_ada', deps, { force: true });
    expect(result).toMatchObject({ status: 'synced', removed: 2 });
    expect(h.itemsOf(listId as number)).toEqual([]);
    expect(h.fake.requests.some((request) => request.path.endsWith('/clear'))).toBe(false);
  });
});

describe('failures', () => {
  it('loses no film when TMDb fails halfway through the adds, and the next run converges', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films(range(1, 5)));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps, { limit: 200 });

    // 150 new films → two add batches (100 + 50); the second fails.
    const wanted = [...range(1, 5), ...range(101, 250)];
    h.fake.movies.clear();
    for (const n of wanted) h.fake.movies.set(7000 + n, { id: 7000 + n, title: `Lantern Film ${n}`, releaseDate: '2000-01-01' });
    source.members.set('cinephile_ada', wanted.map((n) => film(n, 4)));
    let posts = 0;
    h.server.use(
      http.post(`${h.fake.baseUrl}/4/list/:id/items`, () => {
        posts += 1;
        if (posts !== 2) return undefined; // let the fake handle it
        return HttpResponse.json(
          { success: false, status_code: 9, status_message: 'Service offline - try again later.' },
          { status: 503 },
        );
      }),
    );
    const failed = await syncUser('cinephile_ada', deps, { limit: 200 });
    expect(failed.status).toBe('failed');
    if (failed.status === 'failed') {
      expect(failed.error).toBeInstanceOf(SyncMemberError);
      expect(failed.error.stage).toBe('write-list');
      expect(failed.error.message).toContain('cinephile_ada');
    }
    // The first batch landed and is reported; nothing that was on the list before is gone.
    expect(failed).toMatchObject({ added: 100, removed: 0, listId });
    expect(h.itemsOf(listId as number)).toEqual(keys(wanted.slice(0, 105)));

    const next = await syncUser('cinephile_ada', deps, { limit: 200 });
    expect(next.status).toBe('synced');
    expect(h.itemsOf(listId as number)).toEqual(keys(wanted));
    expect(await syncUser('cinephile_ada', deps, { limit: 200 })).toMatchObject({ status: 'unchanged' });
  });

  it('converges after a failure in the middle of a reorder', async () => {
    const source = createMemorySource();
    const ranked = (order: number[]) => order.map((n) => film(n, 4));
    source.members.set('cinephile_ada', ranked([1, 2, 3, 4]));
    const deps = { source, tmdb: h.tmdb, store: createMemoryStore() };
    const { listId } = await syncUser('cinephile_ada', deps);

    source.members.set('cinephile_ada', ranked([4, 1, 2, 3]));
    h.fake.failNext({ method: 'POST', path: /\/items$/, status: 500 });
    const failed = await syncUser('cinephile_ada', deps);
    expect(failed).toMatchObject({ status: 'failed', added: 0, reordered: 0 });

    const next = await syncUser('cinephile_ada', deps);
    expect(next.status).toBe('synced');
    expect(h.itemsOf(listId as number)).toEqual(keys([4, 1, 2, 3]));
    expect(Object.values(h.commentsOf(listId as number))).toEqual(['★★★★', '★★★★', '★★★★', '★★★★']);
    expect(await syncUser('cinephile_ada', deps)).toMatchObject({ status: 'unchanged' });
  });

  it('stops when aborted mid-sync and rejects with the reason, without writing', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(1, 5, false)]);
    source.pages.set('lantern-film-1', { tmdb: { id: 7001, type: 'movie' }, imdbId: null });
    const controller = new AbortController();
    const run = syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() }, {
      signal: controller.signal,
      onEvent: (event) => event.type === 'films-fetched' && controller.abort(new Error('shutting down')),
    });
    await expect(run).rejects.toThrow('shutting down');
    expect(h.fake.writeCount()).toBe(0);
  });
});

describe('one member failing', () => {
  it('reports the failure with its stage and cause, and never stops the other members', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const blocked = Object.assign(new Error('Letterboxd refused the request (HTTP 403 from Cloudflare)'), { name: 'LetterboxdBlockedError' });
    source.members.set('blocked_bob', blocked);
    source.members.set('noir.fan', films([3]));
    const events: string[] = [];
    const results = await syncUsers(['cinephile_ada', 'blocked_bob', 'noir.fan'], {
      source,
      tmdb: h.tmdb,
      store: createMemoryStore(),
    }, { onEvent: (event) => event.type === 'member-finished' && events.push(`${event.username}:${event.result.status}`) });

    expect(results.map((result) => result.status)).toEqual(['synced', 'failed', 'synced']);
    const failure = results[1];
    if (failure?.status !== 'failed') throw new Error('expected a failure');
    expect(isSyncError(failure.error)).toBe(true);
    expect(failure.error.stage).toBe('fetch-films');
    expect(failure.error.username).toBe('blocked_bob');
    expect(failure.error.cause).toBe(blocked);
    expect(failure.error.message).toContain('blocked_bob');
    expect(failure.error.message).toContain('HTTP 403');
    expect(failure.listId).toBeNull();
    expect(events).toEqual(['cinephile_ada:synced', 'blocked_bob:failed', 'noir.fan:synced']);
    expect(h.fake.lists.size).toBe(2);
  });

  it('reports a TMDb credential problem as a failure at the list stage, without secrets', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const { createTmdbClient } = await import('@lbx/tmdb');
    const readOnly = createTmdbClient({
      readAccessToken: h.fake.credentials.readAccessToken,
      accountId: h.fake.credentials.accountId,
      userAccessToken: h.fake.credentials.readAccessToken,
      retry: { limit: 0 },
    });
    const result = await syncUser('cinephile_ada', { source, tmdb: readOnly, store: createMemoryStore() });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(['find-list', 'read-list']).toContain(result.error.stage);
    expect(result.error.message).not.toContain(h.fake.credentials.readAccessToken);
    expect(h.fake.lists.size).toBe(0);
  });
});
