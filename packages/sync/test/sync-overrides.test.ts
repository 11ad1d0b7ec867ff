import {
  createLedgerSource,
  createMemoryStore,
  listOverrides,
  removeOverride,
  setOverride,
  syncUser,
  SyncOverrideError,
  type MappingStore,
  type MemberLedger,
  type SyncEvent,
} from '@lbx/sync';
import { describe, expect, it } from 'vitest';
import { createMemorySource, film, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

/** An invented series for pins to TV. */
const lanternNights = { id: 9101, name: 'Lantern Nights', firstAirDate: '2001-03-01', popularity: 5 };

/** TMDb searches and details requests the fake received so far. */
const lookups = () => h.fake.requests.filter((request) => /^\/3\/(search|find)\//.test(request.path)).length;

/** `slug → "via method mediaType:id"` of the film-resolved events. */
function resolvedOf(events: readonly SyncEvent[]): Record<string, string> {
  return Object.fromEntries(
    events.flatMap((event) =>
      event.type === 'film-resolved' ? [[event.film.slug, `${event.via} ${String(event.method)} ${event.tmdb.mediaType}:${event.tmdb.id}`]] : [],
    ),
  );
}

/** cinephile_ada rates Lantern Films 1 (id from the source, like RSS), 2 and 3 (film pages without ids: search). */
function member() {
  const source = createMemorySource();
  source.members.set('cinephile_ada', [film(1, 5), film(2, 4.5, false), film(3, 4, false)]);
  source.pages.set('lantern-film-2', { tmdb: null, imdbId: null });
  source.pages.set('lantern-film-3', { tmdb: null, imdbId: null });
  return source;
}

describe('match overrides in a sync', () => {
  it('a pin wins over the film cache; re-syncing writes nothing; removing it restores the cached match', async () => {
    const source = member();
    const store = createMemoryStore();
    const deps = { source, tmdb: h.tmdb, store };

    const cold = await syncUser('cinephile_ada', deps);
    expect(cold.status).toBe('synced');
    const listId = cold.listId as number;
    expect(h.itemsOf(listId)).toEqual(keys([1, 2, 3]));
    expect((await store.films.getMany(['lantern-film-3'])).get('lantern-film-3')).toMatchObject({ tmdbId: 7003, method: 'search-exact' });

    // The operator decides the member meant Lantern Film 20.
    const pin = await setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 7020, mediaType: 'movie' });
    expect(pin).toEqual({ kind: 'pin', tmdbId: 7020, mediaType: 'movie', title: 'Lantern Film 20', year: 1979, setAt: expect.any(String) });

    const events: SyncEvent[] = [];
    const pinned = await syncUser('cinephile_ada', deps, { onEvent: (event) => events.push(event) });
    expect(pinned).toMatchObject({ status: 'synced', added: 1, removed: 1, notMatched: [] });
    expect(h.itemsOf(listId)).toEqual(keys([1, 2, 20]));
    expect(resolvedOf(events)['lantern-film-3']).toBe('override override movie:7020');
    expect(pinned.matchedFilms[2]).toEqual({
      slug: 'lantern-film-3',
      title: 'Lantern Film 3',
      year: 1962,
      rating: 4,
      mediaType: 'movie',
      mediaId: 7020,
      via: 'override',
      method: 'override',
    });

    // Applied: the next sync makes no TMDb write at all.
    const writes = h.fake.writeCount();
    const again = await syncUser('cinephile_ada', deps);
    expect(again.status).toBe('unchanged');
    expect(h.fake.writeCount()).toBe(writes);

    // Removed: the film resolves as before (the cache entry was kept) and the list follows.
    expect(await removeOverride(store, 'lantern-film-3')).toBe(true);
    expect(await removeOverride(store, 'lantern-film-3')).toBe(false);
    const restoredEvents: SyncEvent[] = [];
    const restored = await syncUser('cinephile_ada', deps, { onEvent: (event) => restoredEvents.push(event) });
    expect(restored.status).toBe('synced');
    expect(resolvedOf(restoredEvents)['lantern-film-3']).toBe('cache search-exact movie:7003');
    expect(h.itemsOf(listId)).toEqual(keys([1, 2, 3]));
  });

  it('a pin set before the first sync wins over the search and the source id: no film page, no lookup', async () => {
    h.fake.tv.set(lanternNights.id, lanternNights);
    const source = member();
    const store = createMemoryStore();
    await setOverride(store, h.tmdb, { key: 'lantern-film-2', tmdbId: 9101, mediaType: 'tv' });
    await setOverride(store, h.tmdb, { key: 'lantern-film-1', tmdbId: 7011, mediaType: 'movie' });
    const before = lookups();

    const events: SyncEvent[] = [];
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => events.push(event) });

    expect(result.status).toBe('synced');
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7011', 'tv:9101', 'movie:7003']);
    expect(resolvedOf(events)).toEqual({
      'lantern-film-1': 'override override movie:7011',
      'lantern-film-2': 'override override tv:9101',
      'lantern-film-3': 'search search-exact movie:7003',
    });
    expect(source.pageLookups).toEqual(['lantern-film-3']);
    expect(lookups() - before).toBe(1); // only Lantern Film 3 was searched
    expect((await store.films.getMany(['lantern-film-2'])).size).toBe(0); // a pin is not a cache entry

    // Without the pin, the normal resolution comes back: film page, then search.
    await removeOverride(store, 'lantern-film-2');
    const restoredEvents: SyncEvent[] = [];
    await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => restoredEvents.push(event) });
    expect(resolvedOf(restoredEvents)['lantern-film-2']).toBe('search search-exact movie:7002');
    expect(source.pageLookups).toEqual(['lantern-film-3', 'lantern-film-2']);
  });

  it('an exclusion leaves the film out and reports it; excluding every film is refused like an empty list', async () => {
    const source = member();
    const store = createMemoryStore();
    const deps = { source, tmdb: h.tmdb, store };
    const first = await syncUser('cinephile_ada', deps);
    const listId = first.listId as number;

    expect(await setOverride(store, h.tmdb, { key: 'lantern-film-1', exclude: true })).toEqual({ kind: 'exclude', setAt: expect.any(String) });
    const events: SyncEvent[] = [];
    const result = await syncUser('cinephile_ada', deps, { onEvent: (event) => events.push(event) });
    expect(result).toMatchObject({ status: 'synced', removed: 1, matched: 2 });
    expect(result.notMatched).toEqual([{ slug: 'lantern-film-1', title: 'Lantern Film 1', year: 1960, reason: 'excluded-by-override' }]);
    expect(events).toContainEqual({
      type: 'film-unmatched',
      username: 'cinephile_ada',
      film: { slug: 'lantern-film-1', title: 'Lantern Film 1', year: 1960 },
      reason: 'excluded-by-override',
    });
    expect(h.itemsOf(listId)).toEqual(keys([2, 3]));
    expect((await syncUser('cinephile_ada', deps)).status).toBe('unchanged');

    await setOverride(store, h.tmdb, { key: 'lantern-film-2', exclude: true });
    await setOverride(store, h.tmdb, { key: 'lantern-film-3', exclude: true });
    const none = await syncUser('cinephile_ada', deps);
    expect(none).toMatchObject({ status: 'refused', reason: 'empty-desired-list' });
    expect(h.itemsOf(listId)).toEqual(keys([2, 3]));
  });

  it('pins a film only the export knows by its export key, and keeps its provenance', async () => {
    const store = createMemoryStore();
    const at = '2026-02-01T09:00:00.000Z';
    const ledger: MemberLedger = {
      version: 1,
      username: 'noir.fan',
      films: [
        {
          id: 'r1',
          title: 'Lanterne Rouge',
          year: 1971,
          slug: null,
          exportKey: 'boxd:Zq9',
          tmdb: null,
          rating: 4.5,
          liked: true,
          provenance: { rating: { source: 'export', observedAt: at }, liked: { source: 'export', observedAt: at } },
        },
      ],
      exportedAt: at,
      lastFeedEntryAt: null,
      feedReadAt: null,
      guids: [],
    };
    await store.ledger.put('noir.fan', ledger);
    await setOverride(store, h.tmdb, { key: 'boxd:Zq9', tmdbId: 7012, mediaType: 'movie' });

    const result = await syncUser('noir.fan', { source: createLedgerSource({ store }), tmdb: h.tmdb, store }, { dryRun: true });

    expect(result.matchedFilms).toEqual([
      {
        slug: 'boxd:Zq9',
        title: 'Lanterne Rouge',
        year: 1971,
        rating: 4.5,
        mediaType: 'movie',
        mediaId: 7012,
        via: 'override',
        method: 'override',
        provenance: ledger.films[0]?.provenance,
      },
    ]);
    expect(result.plan?.add.map((item) => item.mediaId)).toEqual([7012]);
  });
});

describe('setOverride, removeOverride, listOverrides', () => {
  it('refuses an id TMDb does not know, naming the id, the kind and what to do; the store is unchanged', async () => {
    const store = createMemoryStore();
    await setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 7020, mediaType: 'movie' });
    const before = await listOverrides(store);

    const unknown = await setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 999_999, mediaType: 'movie' }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(SyncOverrideError);
    expect(unknown).toMatchObject({ reason: 'unknown-tmdb-id', key: 'lantern-film-3', tmdbId: 999_999, mediaType: 'movie' });
    expect((unknown as Error).message).toMatch(/TMDb has no movie with id 999999\..*themoviedb\.org\/movie\/<id>.*mediaType "tv".*Nothing was stored\./);

    // A movie id given as a series is unknown too (TMDb's ids are per kind).
    const wrongKind = await setOverride(store, h.tmdb, { key: 'lantern-film-4', tmdbId: 7004, mediaType: 'tv' }).catch((error: unknown) => error);
    expect(wrongKind).toMatchObject({ reason: 'unknown-tmdb-id', tmdbId: 7004, mediaType: 'tv' });
    expect((wrongKind as Error).message).toMatch(/no TV series with id 7004.*mediaType "movie"/);

    expect(await listOverrides(store)).toEqual(before);
  });

  it('refuses invalid keys and ids before asking TMDb', async () => {
    const store = createMemoryStore();
    const requests = h.fake.requests.length;
    const refusals = [
      { input: { key: '', exclude: true as const }, reason: 'invalid-key' },
      { input: { key: 'two words', tmdbId: 7001, mediaType: 'movie' as const }, reason: 'invalid-key' },
      { input: { key: 'x'.repeat(201), exclude: true as const }, reason: 'invalid-key' },
      { input: { key: 'lantern-film-1', tmdbId: 0, mediaType: 'movie' as const }, reason: 'invalid-id' },
      { input: { key: 'lantern-film-1', tmdbId: 1.5, mediaType: 'movie' as const }, reason: 'invalid-id' },
      { input: { key: 'lantern-film-1', tmdbId: 2 ** 31, mediaType: 'movie' as const }, reason: 'invalid-id' },
      { input: { key: 'lantern-film-1', tmdbId: 7001, mediaType: 'series' as unknown as 'tv' }, reason: 'invalid-id' },
      { input: { key: 'lantern-film-1', exclude: false as unknown as true }, reason: 'invalid-id' },
    ];
    for (const { input, reason } of refusals) {
      await expect(setOverride(store, h.tmdb, input)).rejects.toMatchObject({ name: 'SyncOverrideError', reason });
    }
    await expect(removeOverride(store, ' ')).rejects.toMatchObject({ reason: 'invalid-key' });
    expect(h.fake.requests.length).toBe(requests);
    expect(await listOverrides(store)).toEqual([]);
  });

  it('reports a TMDb that cannot be asked as tmdb-unavailable, and an abort as the abort', async () => {
    const store = createMemoryStore();
    h.fake.failNext({ path: '/3/movie/7001', status: 503 });
    const down = await setOverride(store, h.tmdb, { key: 'lantern-film-1', tmdbId: 7001, mediaType: 'movie' }).catch((error: unknown) => error);
    expect(down).toMatchObject({ name: 'SyncOverrideError', reason: 'tmdb-unavailable', tmdbId: 7001 });
    expect((down as Error & { cause: { status: number } }).cause.status).toBe(503);

    const withoutClient = await setOverride(store, null, { key: 'lantern-film-1', tmdbId: 7001, mediaType: 'movie' }).catch((error: unknown) => error);
    expect(withoutClient).toMatchObject({ reason: 'tmdb-unavailable', tmdbId: 7001 });
    expect((withoutClient as Error).message).toMatch(/no TMDb client.*configure TMDb credentials/);

    const aborted = AbortSignal.abort(new Error('operator left'));
    await expect(setOverride(store, h.tmdb, { key: 'lantern-film-1', tmdbId: 7001, mediaType: 'movie' }, { signal: aborted })).rejects.toThrow(
      'operator left',
    );
    expect(await listOverrides(store)).toEqual([]);
    // An exclusion needs no TMDb client.
    expect(await setOverride(store, null, { key: 'lantern-film-1', exclude: true })).toMatchObject({ kind: 'exclude' });
  });

  it('lists overrides by key; a store without overrides lists none and refuses to set one', async () => {
    const store = createMemoryStore();
    await setOverride(store, h.tmdb, { key: 'lantern-film-9', exclude: true });
    await setOverride(store, h.tmdb, { key: 'boxd:Zq9', tmdbId: 7001, mediaType: 'movie' });
    expect(await listOverrides(store)).toEqual([
      { key: 'boxd:Zq9', kind: 'pin', tmdbId: 7001, mediaType: 'movie', title: 'Lantern Film 1', year: 1960, setAt: expect.any(String) },
      { key: 'lantern-film-9', kind: 'exclude', setAt: expect.any(String) },
    ]);

    const { overrides: _none, ...plain } = createMemoryStore();
    const bare: MappingStore = plain;
    expect(await listOverrides(bare)).toEqual([]);
    await expect(setOverride(bare, h.tmdb, { key: 'lantern-film-9', exclude: true })).rejects.toMatchObject({ reason: 'no-override-store' });
    await expect(removeOverride(bare, 'lantern-film-9')).rejects.toThrow(/keeps no overrides/);
  });
});
