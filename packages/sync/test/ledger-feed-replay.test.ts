import { createLetterboxdClient } from '@lbx/letterboxd';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createLedgerSource,
  createMemoryStore,
  readLedger,
  refreshLedger,
  syncUser,
  type MappingStoreWithLedger,
  type SyncEvent,
} from '@lbx/sync';
import { feedHandler, renderFeed, type FeedItem } from './support/member-feed.js';
import { keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
const USER = 'lamp_lighter';

/**
 * Four snapshots of one member's feed, a week apart. Like the real feed each holds only the latest entries, so
 * films drop out of it; re-ratings come as new diary entries (a rewatch).
 */
const SNAPSHOTS: FeedItem[][] = [
  [
    { n: 1, guid: 101, published: '2026-02-01T20:00:00Z', rating: 5, liked: true },
    { n: 2, guid: 102, published: '2026-02-02T20:00:00Z', rating: 4, liked: true },
    { n: 3, guid: 103, published: '2026-02-03T20:00:00Z', rating: 3.5, liked: false },
    { n: 4, guid: 104, published: '2026-02-04T20:00:00Z', rating: null, liked: true },
  ],
  [
    { n: 3, guid: 103, published: '2026-02-03T20:00:00Z', rating: 3.5, liked: false },
    { n: 4, guid: 104, published: '2026-02-04T20:00:00Z', rating: null, liked: true },
    { n: 5, guid: 105, published: '2026-02-09T20:00:00Z', rating: 4.5, liked: true },
    { n: 2, guid: 106, published: '2026-02-10T20:00:00Z', rating: 2.5, liked: true, rewatch: true },
  ],
  [
    { n: 5, guid: 105, published: '2026-02-09T20:00:00Z', rating: 4.5, liked: true },
    { n: 2, guid: 106, published: '2026-02-10T20:00:00Z', rating: 2.5, liked: true, rewatch: true },
    { n: 6, guid: 107, published: '2026-02-16T20:00:00Z', rating: 3, liked: true },
    { n: 3, guid: 108, published: '2026-02-17T20:00:00Z', rating: 4, liked: true, rewatch: true },
  ],
  [
    { n: 6, guid: 107, published: '2026-02-16T20:00:00Z', rating: 3, liked: true },
    { n: 3, guid: 108, published: '2026-02-17T20:00:00Z', rating: 4, liked: true, rewatch: true },
    { n: 7, guid: 109, published: '2026-02-23T20:00:00Z', rating: 4, liked: false },
  ],
];

let feed = '';
let store: MappingStoreWithLedger;
beforeEach(() => {
  store = createMemoryStore();
  h.server.use(feedHandler(USER, () => feed));
});

async function run(snapshot: FeedItem[]) {
  feed = renderFeed(USER, snapshot);
  const refreshed = await refreshLedger(USER, { store, feed: client });
  if (refreshed.status !== 'refreshed') throw refreshed.error;
  const events: SyncEvent[] = [];
  const result = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store }, { onEvent: (e) => events.push(e) });
  return { refreshed, result, events };
}

describe('the ledger accumulates a feed replayed over time', () => {
  it('keeps every rated-and-liked film ever seen with its latest rating; the list equals it, and a replay writes nothing', async () => {
    const seen: string[][] = [];
    for (const snapshot of SNAPSHOTS) {
      const { result } = await run(snapshot);
      expect(result.status).not.toBe('failed');
      seen.push(h.itemsOf(result.listId as number));
    }
    // After the first week only films 1 and 2 are rated and liked; film 3 joins when its rewatch is liked.
    expect(seen[0]).toEqual(keys([1, 2]));
    const listId = [...h.fake.lists.keys()][0] as number;
    expect(h.itemsOf(listId)).toEqual(keys([1, 5, 3, 6, 2]));
    expect(h.commentsOf(listId)).toEqual({
      'movie:7001': '★★★★★',
      'movie:7005': '★★★★½',
      'movie:7003': '★★★★',
      'movie:7006': '★★★',
      'movie:7002': '★★½',
    });

    const top = await createLedgerSource({ store }).getTopRated(USER);
    expect(top.map((film) => [film.slug, film.rating])).toEqual([
      ['lantern-film-1', 5],
      ['lantern-film-5', 4.5],
      ['lantern-film-3', 4],
      ['lantern-film-6', 3],
      ['lantern-film-2', 2.5],
    ]);
    const ledger = await readLedger(USER, { store });
    expect(ledger.films).toHaveLength(7);
    expect(ledger.lastFeedEntryAt).toBe('2026-02-23T20:00:00.000Z');
    expect(ledger.films.find((film) => film.slug === 'lantern-film-4')).toMatchObject({ rating: null, liked: true });

    const writes = h.fake.writeCount();
    for (const snapshot of SNAPSHOTS) {
      const { refreshed, result } = await run(snapshot);
      expect(refreshed.report).toMatchObject({ changed: false, added: 0, updated: 0 });
      expect(result.status).toBe('unchanged');
    }
    expect(h.fake.writeCount()).toBe(writes);
  });

  it('reports where each film’s rating and like came from, in the result and the events', async () => {
    for (const snapshot of SNAPSHOTS.slice(0, 3)) await run(snapshot);
    const { result, events } = await run(SNAPSHOTS[3] as FeedItem[]);
    const film3 = result.matchedFilms.find((film) => film.slug === 'lantern-film-3');
    expect(film3).toMatchObject({
      via: 'source',
      method: 'tmdb-id',
      provenance: {
        rating: { source: 'rss', guid: 'letterboxd-watch-108', observedAt: '2026-02-17T20:00:00.000Z' },
        liked: { source: 'rss', guid: 'letterboxd-watch-108', observedAt: '2026-02-17T20:00:00.000Z' },
      },
    });
    const resolved = events.find((e) => e.type === 'film-resolved' && e.film.slug === 'lantern-film-1');
    expect(resolved).toMatchObject({ provenance: { rating: { source: 'rss', guid: 'letterboxd-watch-101' } } });
  });

  it('applies a feed with the newest entry first or last alike, and an entry seen twice once', async () => {
    const snapshot = SNAPSHOTS[2] as FeedItem[];
    feed = renderFeed(USER, [...snapshot, ...snapshot]);
    const first = await refreshLedger(USER, { store, feed: client });
    expect(first).toMatchObject({ status: 'refreshed', entries: 8, report: { added: 4, duplicates: 4 } });
    const second = await refreshLedger(USER, { store, feed: client });
    expect(second).toMatchObject({ status: 'refreshed', report: { changed: false, added: 0, duplicates: 8 } });
    const film2 = (await readLedger(USER, { store })).films.find((film) => film.slug === 'lantern-film-2');
    expect(film2).toMatchObject({ rating: 2.5, liked: true });
  });
});
