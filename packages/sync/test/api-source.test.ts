import { createLetterboxdApiClient, createLetterboxdClient } from '@lbx/letterboxd';
import { createFakeLetterboxd, createFakeLetterboxdApi, generateMember } from '@lbx/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, syncList, syncUser, type FilmSource, type ListDefinition, type ListSource, type SyncEvent } from '@lbx/sync';
import { useTmdbFake } from './support/harness';

// One dataset, two sources: the fake site (scraped) and the fake API, in front of one fake TMDb.
const member = generateMember({ username: 'dual_dora', films: 240, likedAndRated: 45, seed: 21 });
const site = createFakeLetterboxd({ members: [member] });
const api = createFakeLetterboxdApi({ members: [member] });
const { fake: tmdbFake, server, tmdb } = useTmdbFake({ acceptUnknownMedia: true });
beforeEach(() => server.use(...site.handlers, ...api.handlers));
afterEach(() => {
  site.reset();
  api.reset();
});
const scraper = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
// Structural: the API client is a FilmSource without importing @lbx/sync.
const apiSource: FilmSource = createLetterboxdApiClient({ ...api.credentials, minDelayMs: 0, retry: { limit: 0 } });
// …and a ListSource for every kind of list definition.
const apiLists: ListSource = createLetterboxdApiClient({ ...api.credentials, minDelayMs: 0, retry: { limit: 0 } });

async function syncWith(source: FilmSource, limit: number) {
  const events: SyncEvent[] = [];
  const result = await syncUser('dual_dora', { source, tmdb, store: createMemoryStore() }, { limit, onEvent: (e) => events.push(e) });
  const items = (tmdbFake.lists.get(result.listId as number)?.items ?? []).map((i) => `${i.mediaType}:${i.mediaId} ${i.comment}`);
  const via = events.flatMap((e) => (e.type === 'film-resolved' ? [e.via] : []));
  tmdbFake.reset();
  return { result, items, via };
}

describe('the API as a sync source', () => {
  it('gives the same TMDb list as the scraper for the same member (parity on the fakes)', async () => {
    const scraped = await syncWith(scraper, 40);
    const fromApi = await syncWith(apiSource, 40);
    expect(scraped.result.status).toBe('synced');
    expect(fromApi.result.status).toBe('synced');
    expect(fromApi.items.length).toBeGreaterThan(30);
    expect(fromApi.items).toEqual(scraped.items);
  }, 30_000);

  it('a cold sync makes no film-page requests: every film carries its TMDb id', async () => {
    const cold = await syncWith(createLetterboxdApiClient({ ...api.credentials, minDelayMs: 0 }), 30);
    expect(cold.result).toMatchObject({ status: 'synced', totalFilms: 30 });
    expect(site.requests).toEqual([]);
    const linked = member.films.filter((f) => f.liked && f.rating !== null && f.watched !== false);
    expect(cold.via.filter((v) => v === 'source').length).toBe(cold.via.length);
    expect(cold.via.length).toBeGreaterThan(0);
    expect(linked.length).toBeGreaterThanOrEqual(30);
    expect(api.requests.map((r) => r.path)).toEqual(['/auth/token', '/search', '/films']);
  });

  it('list definitions (rated, liked, watchlist) give the same TMDb lists from the API as from the scraper', async () => {
    const definitions: ListDefinition[] = [
      { source: 'rated', member: 'dual_dora', limit: 25, minRating: 3 },
      { source: 'liked', member: 'dual_dora', limit: 20 },
      { source: 'watchlist', member: 'dual_dora', limit: 15, excludeTv: true },
    ];
    for (const definition of definitions) {
      const items = async (source: ListSource) => {
        const result = await syncList(definition, { source, tmdb, store: createMemoryStore() });
        expect(result.status).toBe('synced');
        const list = (tmdbFake.lists.get(result.listId as number)?.items ?? []).map((i) => `${i.mediaType}:${i.mediaId} ${i.comment}`);
        tmdbFake.reset();
        return list;
      };
      const scraped = await items(scraper);
      const fromApi = await items(apiLists);
      expect(scraped.length).toBeGreaterThan(10);
      // The watchlist page shows no rating, the API gives the member's: only the comments (stars) may differ.
      const ids = (list: string[]) => (definition.source === 'watchlist' ? list.map((item) => item.split(' ')[0]) : list);
      expect(ids(fromApi)).toEqual(ids(scraped));
    }
  }, 30_000);
});
