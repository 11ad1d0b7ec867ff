import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTmdbCatalogue } from '@lbx/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, createMemoryStore, syncUser, type SyncEvent } from '@lbx/sync';
import { catalogue, createMemorySource, film, useTmdbFake } from './support/harness.js';

// The Lantern films plus the default catalogue, whose "Harbour Lights" TMDb dates a year after Letterboxd.
const h = useTmdbFake({ movies: [...catalogue, ...defaultTmdbCatalogue.movies] });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-method-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `slug → "via method"` of the film-resolved events. */
function methodsOf(events: readonly SyncEvent[]): Record<string, string> {
  return Object.fromEntries(
    events.flatMap((event) => (event.type === 'film-resolved' ? [[event.film.slug, `${event.via} ${String(event.method)}`]] : [])),
  );
}

/** One film per way of matching, best rating first. */
function memberWithEveryKindOfMatch() {
  const source = createMemorySource();
  source.members.set('cinephile_ada', [
    { ...film(1), rating: 5 }, // the source knows the TMDb id (like an RSS item)
    film(2, 4.5, false), // the film page links TMDb
    { slug: 'lf-3-cut', title: 'Lantern Three (Restored)', year: 1962, rating: 4 }, // page has only the IMDb id
    film(4, 3.5, false), // page has no ids: title + year search, one exact hit
    { slug: 'harbour-lights', title: 'Harbour Lights', year: 2019, rating: 3 }, // TMDb says 2020: fuzzy
  ]);
  source.pages.set('lantern-film-2', { tmdb: { id: 7002, type: 'movie' }, imdbId: null });
  source.pages.set('lf-3-cut', { tmdb: null, imdbId: 'tt9007003' });
  source.pages.set('lantern-film-4', { tmdb: null, imdbId: null });
  source.pages.set('harbour-lights', { tmdb: null, imdbId: null });
  return source;
}

describe('match method per film', () => {
  it('reports how each film was matched, in events and in matchedFilms (desired order), and remembers it in the cache', async () => {
    const source = memberWithEveryKindOfMatch();
    const store = createMemoryStore();
    const events: SyncEvent[] = [];

    const cold = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => events.push(event) });

    expect(cold).toMatchObject({ status: 'synced', matched: 5, notMatched: [] });
    expect(methodsOf(events)).toEqual({
      'lantern-film-1': 'source tmdb-id',
      'lantern-film-2': 'film-page tmdb-id',
      'lf-3-cut': 'search imdb-id',
      'lantern-film-4': 'search search-exact',
      'harbour-lights': 'search search-fuzzy',
    });
    expect(cold.matchedFilms).toEqual([
      { slug: 'lantern-film-1', title: 'Lantern Film 1', year: 1960, rating: 5, mediaType: 'movie', mediaId: 7001, via: 'source', method: 'tmdb-id' },
      { slug: 'lantern-film-2', title: 'Lantern Film 2', year: 1961, rating: 4.5, mediaType: 'movie', mediaId: 7002, via: 'film-page', method: 'tmdb-id' },
      { slug: 'lf-3-cut', title: 'Lantern Three (Restored)', year: 1962, rating: 4, mediaType: 'movie', mediaId: 7003, via: 'search', method: 'imdb-id', imdbId: 'tt9007003' },
      { slug: 'lantern-film-4', title: 'Lantern Film 4', year: 1963, rating: 3.5, mediaType: 'movie', mediaId: 7004, via: 'search', method: 'search-exact' },
      { slug: 'harbour-lights', title: 'Harbour Lights', year: 2019, rating: 3, mediaType: 'movie', mediaId: 900201, via: 'search', method: 'search-fuzzy' },
    ]);
    const cached = await store.films.getMany(['lantern-film-2', 'lf-3-cut', 'lantern-film-4', 'harbour-lights']);
    expect(Object.fromEntries([...cached].map(([slug, entry]) => [slug, entry.status === 'matched' ? entry.method : null]))).toEqual({
      'lantern-film-2': 'tmdb-id',
      'lf-3-cut': 'imdb-id',
      'lantern-film-4': 'search-exact',
      'harbour-lights': 'search-fuzzy',
    });

    // Second run: the cache answers, and still says how exact each match was.
    const warmEvents: SyncEvent[] = [];
    const warm = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store }, { onEvent: (event) => warmEvents.push(event) });
    expect(warm.status).toBe('unchanged');
    expect(methodsOf(warmEvents)).toEqual({
      'lantern-film-1': 'source tmdb-id',
      'lantern-film-2': 'cache tmdb-id',
      'lf-3-cut': 'cache imdb-id',
      'lantern-film-4': 'cache search-exact',
      'harbour-lights': 'cache search-fuzzy',
    });
    expect(warm.matchedFilms.map((f) => `${f.slug} ${f.via} ${String(f.method)}`)).toEqual([
      'lantern-film-1 source tmdb-id',
      'lantern-film-2 cache tmdb-id',
      'lf-3-cut cache imdb-id',
      'lantern-film-4 cache search-exact',
      'harbour-lights cache search-fuzzy',
    ]);
  });

  it('keeps the method through the JSON file store, and reads older cache entries without one as method null', async () => {
    const path = join(dir, 'mappings.json');
    // A film cache written before the method was recorded: the entry is valid, its method unknown.
    await writeFile(
      join(dir, 'mappings.films.json'),
      JSON.stringify({ version: 1, films: { 'lantern-film-2': { status: 'matched', tmdbId: 7002, mediaType: 'movie', resolvedAt: '2026-01-02T03:04:05.000Z' } } }),
    );
    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(2, 5, false), { slug: 'harbour-lights', title: 'Harbour Lights', year: 2019, rating: 4 }]);
    source.pages.set('harbour-lights', { tmdb: null, imdbId: null });

    const first = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) });
    expect(first.matchedFilms.map((f) => [f.slug, f.via, f.method])).toEqual([
      ['lantern-film-2', 'cache', null],
      ['harbour-lights', 'search', 'search-fuzzy'],
    ]);
    expect(source.pageLookups).toEqual(['harbour-lights']);

    // A new store object on the same files: the fuzzy match is remembered as fuzzy.
    const second = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createJsonFileStore(path) });
    expect(second.matchedFilms.map((f) => [f.slug, f.via, f.method])).toEqual([
      ['lantern-film-2', 'cache', null],
      ['harbour-lights', 'cache', 'search-fuzzy'],
    ]);
  });

  it('lists no matched films when the member fails before films are resolved', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', new Error('HTTP 503 from letterboxd.com'));
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: createMemoryStore() });
    expect(result).toMatchObject({ status: 'failed', matched: 0, matchedFilms: [] });
  });
});
