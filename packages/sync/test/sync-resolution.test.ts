import { describe, expect, it } from 'vitest';
import { createMemoryStore, syncUser, type SyncEvent } from '@lbx/sync';
import { createMemorySource, film, films, keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

const searches = () => h.fake.requests.filter((request) => request.path.startsWith('/3/')).length;

describe('resolving TMDb ids', () => {
  it('uses the film page first, the TMDb search as fallback, and caches both so a warm sync looks nothing up', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(1, 5, false), film(2, 4, false), film(3, 3, false)]);
    source.pages.set('lantern-film-1', { tmdb: { id: 7001, type: 'movie' }, imdbId: null });
    source.pages.set('lantern-film-2', { tmdb: null, imdbId: null }); // a page without a TMDb link
    source.pages.set('lantern-film-3', new Error('HTTP 500 from letterboxd.com'));
    const store = createMemoryStore();
    const events: SyncEvent[] = [];

    const cold = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => events.push(event) });

    expect(cold).toMatchObject({ status: 'synced', matched: 3, notMatched: [] });
    expect(h.itemsOf(cold.listId as number)).toEqual(keys([1, 2, 3]));
    const via = events.flatMap((event) => (event.type === 'film-resolved' ? [[event.film.slug, event.via]] : []));
    expect(Object.fromEntries(via)).toEqual({ 'lantern-film-1': 'film-page', 'lantern-film-2': 'search', 'lantern-film-3': 'search' });
    expect(source.pageLookups.sort()).toEqual(['lantern-film-1', 'lantern-film-2', 'lantern-film-3']);

    const lookupsBefore = source.pageLookups.length;
    const searchesBefore = searches();
    const warmEvents: SyncEvent[] = [];
    const warm = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => warmEvents.push(event) });
    expect(warm.status).toBe('unchanged');
    expect(source.pageLookups).toHaveLength(lookupsBefore);
    expect(searches()).toBe(searchesBefore);
    expect(warmEvents.filter((event) => event.type === 'film-resolved').every((event) => event.type === 'film-resolved' && event.via === 'cache')).toBe(true);
  });

  it('keeps the films resolved before a TMDb failure, so the next run does not look them up again', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(1, 5, false), film(2, 4, false), film(3, 3, false)]);
    source.pages.set('lantern-film-1', { tmdb: { id: 7001, type: 'movie' }, imdbId: null });
    source.pages.set('lantern-film-2', { tmdb: { id: 7002, type: 'movie' }, imdbId: null });
    source.pages.set('lantern-film-3', { tmdb: null, imdbId: null }); // needs the TMDb search
    h.fake.failNext({ path: '/3/search/movie', status: 503 });
    const store = createMemoryStore();

    const failed = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    expect(failed).toMatchObject({ status: 'failed', error: { stage: 'resolve-films' } });
    expect(h.fake.writeCount()).toBe(0);
    const cached = await store.films.getMany(['lantern-film-1', 'lantern-film-2', 'lantern-film-3']);
    expect([...cached.keys()].sort()).toEqual(['lantern-film-1', 'lantern-film-2']);

    const pagesBefore = source.pageLookups.length;
    const next = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    expect(next).toMatchObject({ status: 'synced', matched: 3 });
    expect(source.pageLookups.slice(pagesBefore)).toEqual(['lantern-film-3']);
  });

  it('reports unmatched films with a reason, caches the miss, and retries it once it is old', async () => {
    const source = createMemorySource();
    const unknown = { slug: 'ghost-reel', title: 'Ghost Reel', year: 1931, rating: 4 };
    const broken = { slug: 'broken-page', title: 'Nobody Knows This One', year: 1940, rating: 4 };
    source.members.set('cinephile_ada', [film(1), unknown, broken]);
    source.pages.set('ghost-reel', { tmdb: null, imdbId: null });
    source.pages.set('broken-page', new Error('HTTP 404'));
    const store = createMemoryStore();
    const unmatchedEvents: SyncEvent[] = [];

    const first = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, {
      onEvent: (event) => event.type === 'film-unmatched' && unmatchedEvents.push(event),
    });

    expect(first).toMatchObject({ status: 'synced', totalFilms: 3, matched: 1 });
    expect(first.notMatched).toEqual([
      { slug: 'ghost-reel', title: 'Ghost Reel', year: 1931, reason: 'no-match' },
      { slug: 'broken-page', title: 'Nobody Knows This One', year: 1940, reason: 'film-page-failed' },
    ]);
    expect(unmatchedEvents).toHaveLength(2);
    expect((await store.films.getMany(['ghost-reel', 'broken-page'])).get('ghost-reel')).toMatchObject({ status: 'unmatched' });
    expect((await store.films.getMany(['broken-page'])).size).toBe(0);

    // The miss is cached: the next run does not look ghost-reel up again (broken-page is retried).
    source.pageLookups.length = 0;
    await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    expect(source.pageLookups).toEqual(['broken-page']);

    // Once TMDb knows the film and the miss is older than retryUnmatchedAfterMs, it is looked up again.
    h.fake.movies.set(7100, { id: 7100, title: 'Ghost Reel', releaseDate: '1931-02-02' });
    source.pageLookups.length = 0;
    const retried = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { retryUnmatchedAfterMs: 0 });
    expect(source.pageLookups).toContain('ghost-reel');
    expect(retried).toMatchObject({ status: 'synced', added: 1, matched: 2 });
    expect(h.itemsOf(retried.listId as number)).toEqual(['movie:7001', 'movie:7100']);
  });

  it('passes the IMDb id from the film page to the matcher', async () => {
    const source = createMemorySource();
    // The Letterboxd title differs from TMDb's; only the IMDb id identifies it.
    source.members.set('cinephile_ada', [{ slug: 'lf-5', title: 'Lantern Five (Director’s Cut)', year: 1964, rating: 5 }]);
    source.pages.set('lf-5', { tmdb: null, imdbId: 'tt9007005' });
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() });
    expect(result).toMatchObject({ status: 'synced', matched: 1 });
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7005']);
  });

  it('works with a store without a film cache and a source without film pages', async () => {
    const store = {
      map: new Map<string, number>(),
      async get(username: string) {
        return this.map.get(username);
      },
      async set(username: string, id: number) {
        this.map.set(username, id);
      },
      async delete(username: string) {
        this.map.delete(username);
      },
      async all() {
        return Object.fromEntries(this.map);
      },
    };
    const source = { getTopRated: async () => [film(4, 5, false), film(4, 5, false)] };
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    // Two source entries for one TMDb film end up once on the list.
    expect(result).toMatchObject({ status: 'synced', matched: 2, added: 1 });
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7004']);
    expect(store.map.get('cinephile_ada')).toBe(result.listId);
  });

  it('reports items TMDb refuses to add as not matched', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(1), { slug: 'gone', title: 'Gone Film', year: 1999, rating: 4, tmdb: { id: 99_999_999, type: 'movie' } }]);
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() });
    expect(result).toMatchObject({ status: 'synced', added: 1, commentsUpdated: 1 });
    expect(result.notMatched).toEqual([{ slug: 'gone', title: 'Gone Film', year: 1999, reason: 'rejected-by-tmdb' }]);
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7001']);
  });
});

describe('events', () => {
  it('tells the story of a sync in order, and survives a throwing listener', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1, 2]));
    const store = createMemoryStore();
    await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    source.members.set('cinephile_ada', [...films([1]), { slug: 'ghost', title: 'Ghost Reel', year: 1931, rating: 1 }, film(3, 1)]);
    const events: SyncEvent[] = [];
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, {
      onEvent: (event) => {
        events.push(event);
        throw new Error('listener bug');
      },
    });
    expect(result.status).toBe('synced');
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['member-started', 'films-fetched']);
    // Films are looked up concurrently: their events come as each lookup ends.
    expect(types.slice(2, 5).sort()).toEqual(['film-resolved', 'film-resolved', 'film-unmatched']);
    expect(types.slice(5)).toEqual(['items-added', 'items-removed', 'member-finished']);
    const added = events.find((event) => event.type === 'items-added');
    expect(added).toMatchObject({ username: 'cinephile_ada', listId: result.listId, items: [{ mediaId: 7003, slug: 'lantern-film-3' }] });
    const removed = events.find((event) => event.type === 'items-removed');
    expect(removed).toMatchObject({ reason: 'not-desired', items: [{ mediaId: 7002, slug: null, title: 'Lantern Film 2' }] });
    expect(events.at(-1)).toMatchObject({ type: 'member-finished', result });
  });

  it('announces a created list', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const events: SyncEvent[] = [];
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() }, { onEvent: (e) => events.push(e) });
    expect(events.find((event) => event.type === 'list-created')).toEqual({
      type: 'list-created',
      username: 'cinephile_ada',
      listId: result.listId,
      name: "cinephile_ada's Top Rated Movies",
    });
  });
});
