import { createLetterboxdClient, readExport } from '@lbx/letterboxd';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  SyncLedgerInputError,
  applyLedgerEvents,
  createLedgerSource,
  createMemoryStore,
  readLedger,
  refreshLedger,
  seedLedgerFromExport,
  syncUser,
  type MappingStoreWithLedger,
} from '@lbx/sync';
import { exportZip } from './support/export-zip.js';
import { feedHandler, renderFeed, type FeedItem } from './support/member-feed.js';
import { useTmdbFake } from './support/harness.js';

const h = useTmdbFake();
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
const USER = 'wick_trimmer';
const EXPORTED_AT = '2026-03-01T12:00:00Z';

let feed = '';
let store: MappingStoreWithLedger;
beforeEach(() => {
  store = createMemoryStore();
  h.server.use(feedHandler(USER, () => feed));
});

async function refresh(items: FeedItem[]) {
  feed = renderFeed(USER, items);
  const result = await refreshLedger(USER, { store, feed: client });
  if (result.status !== 'refreshed') throw result.error;
  return result.report;
}

const film = (slugOrKey: string) => async () =>
  (await readLedger(USER, { store })).films.filter((f) => f.slug === slugOrKey || f.exportKey === slugOrKey);

describe('export + later feed', () => {
  it('lands films only in the export, only in the feed and in both once; newer feed entries win, older ones do not', async () => {
    const data = await readExport(
      exportZip(USER, [
        { n: 10, code: 'aB1', date: '2026-01-05', rating: 4.5, liked: true },
        { n: 11, code: 'aB2', date: '2026-01-06', rating: 3, liked: true },
        { n: 12, code: 'aB3', date: '2026-01-07', rating: 5, liked: true },
        { n: 15, code: 'aB5', date: '2026-01-08', rating: 2, liked: false },
      ]),
    );
    const seeded = await seedLedgerFromExport(USER, data, { store }, { exportedAt: EXPORTED_AT });
    expect(seeded).toMatchObject({ added: 4, changed: true, ambiguous: [] });

    const report = await refresh([
      { n: 11, guid: 201, published: '2026-03-04T09:00:00Z', rating: 4.5, liked: true, rewatch: true },
      { n: 12, guid: 202, published: '2026-02-20T09:00:00Z', rating: 2, liked: true },
      { n: 13, guid: 203, published: '2026-03-05T09:00:00Z', rating: 4, liked: true },
    ]);
    expect(report).toMatchObject({ added: 1, updated: 1, unchanged: 1, ambiguous: [] });

    const ledger = await readLedger(USER, { store });
    expect(ledger.exportedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(ledger.films).toHaveLength(5);
    const [film11] = await film('lantern-film-11')();
    expect(film11).toMatchObject({
      exportKey: 'boxd:aB2',
      tmdb: { id: 7011, type: 'movie' },
      rating: 4.5,
      provenance: {
        rating: { source: 'rss', guid: 'letterboxd-watch-201' },
        liked: { source: 'rss', guid: 'letterboxd-watch-201' },
      },
    });
    const [film12] = await film('lantern-film-12')();
    expect(film12).toMatchObject({
      exportKey: 'boxd:aB3',
      rating: 5,
      provenance: { rating: { source: 'export', observedAt: '2026-03-01T12:00:00.000Z' } },
    });

    const result = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    expect(result.status).toBe('synced');
    // Best first; on a tie (films 10 and 11, ★★★★½) the more recently rated first.
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7012', 'movie:7011', 'movie:7010', 'movie:7013']);
    expect(h.commentsOf(result.listId as number)['movie:7011']).toBe('★★★★½');
    expect(result.matchedFilms.map((f) => [f.slug, f.via])).toEqual([
      ['lantern-film-12', 'source'],
      ['lantern-film-11', 'source'],
      ['boxd:aB1', 'search'],
      ['lantern-film-13', 'source'],
    ]);
    expect(result.matchedFilms[2]?.provenance?.rating).toEqual({ source: 'export', observedAt: '2026-03-01T12:00:00.000Z' });

    // The search resolved the export-only film; the next update gives its record the TMDb id from the film cache.
    await refresh([{ n: 13, guid: 203, published: '2026-03-05T09:00:00Z', rating: 4, liked: true }]);
    expect((await film('boxd:aB1')())[0]?.tmdb).toEqual({ id: 7010, type: 'movie' });
    // Re-applying the same export changes nothing.
    expect(await seedLedgerFromExport(USER, data, { store }, { exportedAt: EXPORTED_AT })).toMatchObject({ changed: false, added: 0 });
  });

  it('merges an export film and a feed film once the film cache ties them to one TMDb id', async () => {
    // Letterboxd renamed the film between the export and the diary entry: no title + year merge is possible.
    const data = await readExport(exportZip(USER, [{ n: 16, code: 'pQ1', date: '2026-01-02', rating: 3.5, liked: true }]));
    await seedLedgerFromExport(USER, data, { store }, { exportedAt: EXPORTED_AT });
    await refresh([{ n: 16, guid: 701, published: '2026-03-03T09:00:00Z', rating: 4, liked: true, title: 'Lantern Film XVI' }]);
    expect((await readLedger(USER, { store })).films).toHaveLength(2);

    const result = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    expect(h.itemsOf(result.listId as number)).toEqual(['movie:7016']);

    const report = await applyLedgerEvents(USER, [], { store });
    expect(report.changed).toBe(true);
    const ledger = await readLedger(USER, { store });
    expect(ledger.films).toEqual([
      expect.objectContaining({
        exportKey: 'boxd:pQ1',
        slug: 'lantern-film-16',
        tmdb: { id: 7016, type: 'movie' },
        rating: 4,
        provenance: expect.objectContaining({ rating: expect.objectContaining({ source: 'rss' }) }),
      }),
    ]);
  });

  it('a newer export replaces older feed facts and drops films no longer rated or liked', async () => {
    await refresh([
      { n: 20, guid: 301, published: '2026-02-01T09:00:00Z', rating: 4, liked: true },
      { n: 21, guid: 302, published: '2026-02-02T09:00:00Z', rating: 3.5, liked: true },
      { n: 22, guid: 303, published: '2026-03-09T09:00:00Z', rating: 5, liked: true },
    ]);
    // Exported on March 8: film 20 re-rated without a diary entry, film 21 un-liked, film 22 logged after it.
    const data = await readExport(exportZip(USER, [{ n: 20, code: 'cD1', date: '2026-03-07', rating: 2.5, liked: true }]));
    await seedLedgerFromExport(USER, data, { store }, { exportedAt: '2026-03-08T00:00:00Z' });
    const top = await createLedgerSource({ store }).getTopRated(USER);
    expect(top.map((f) => [f.slug, f.rating, f.provenance.rating?.source])).toEqual([
      ['lantern-film-22', 5, 'rss'],
      ['lantern-film-20', 2.5, 'export'],
    ]);
    expect((await film('lantern-film-21')())[0]).toMatchObject({ rating: null, liked: false });
  });

  it('keeps a film it cannot merge safely apart and reports it', async () => {
    // Two different films named alike in one export: a feed entry of that name and year could be either.
    const data = await readExport(
      exportZip(USER, [
        { n: 14, code: 'eF1', date: '2026-01-02', rating: 4, liked: true },
        { n: 14, code: 'eF2', date: '2026-01-03', rating: 3, liked: true },
      ]),
    );
    expect(await seedLedgerFromExport(USER, data, { store }, { exportedAt: EXPORTED_AT })).toMatchObject({ added: 2, ambiguous: [] });
    const report = await refresh([{ n: 14, guid: 401, published: '2026-03-02T09:00:00Z', rating: 5, liked: true }]);
    expect(report.added).toBe(1);
    expect(report.ambiguous).toEqual([
      {
        film: { title: 'Lantern Film 14', year: 1973, slug: 'lantern-film-14', exportKey: null, tmdb: { id: 7014, type: 'movie' } },
        candidates: ['f1', 'f2'],
      },
    ]);
    const ledger = await readLedger(USER, { store });
    expect(ledger.films.map((f) => [f.exportKey, f.slug, f.rating])).toEqual([
      ['boxd:eF1', null, 4],
      ['boxd:eF2', null, 3],
      [null, 'lantern-film-14', 5],
    ]);
  });

  it('an old-format feed (no memberLike, no TMDb id) updates ratings but never un-likes', async () => {
    const data = await readExport(exportZip(USER, [{ n: 30, code: 'gH1', date: '2026-01-02', rating: 3, liked: true }]));
    await seedLedgerFromExport(USER, data, { store }, { exportedAt: '2026-01-10T00:00:00Z' });
    await refresh([
      { n: 30, guid: 501, published: '2026-02-01T09:00:00Z', rating: 4, liked: null, tmdb: false },
      { n: 31, guid: 502, published: '2026-02-02T09:00:00Z', rating: 5, liked: null, tmdb: false },
    ]);
    const ledger = await readLedger(USER, { store });
    expect(ledger.films.map((f) => [f.title, f.rating, f.liked])).toEqual([
      ['Lantern Film 30', 4, true],
      ['Lantern Film 31', 5, 'unknown'],
    ]);
  });

  it('an export without likes/films.csv leaves likes as they were', async () => {
    await refresh([{ n: 33, guid: 601, published: '2026-02-01T09:00:00Z', rating: 4, liked: true }]);
    const data = await readExport(exportZip(USER, [{ n: 34, code: 'jK1', date: '2026-02-05', rating: 3 }], { likes: false }));
    await seedLedgerFromExport(USER, data, { store }, { exportedAt: '2026-02-06T00:00:00Z' });
    const ledger = await readLedger(USER, { store });
    expect(ledger.films.map((f) => [f.title, f.rating, f.liked])).toEqual([
      ['Lantern Film 33', null, true],
      ['Lantern Film 34', 3, 'unknown'],
    ]);
  });

  it('dates an export by its latest row when no date is given, and refuses another member’s export', async () => {
    const data = await readExport(exportZip(USER, [{ n: 35, code: 'mN1', date: '2026-04-02', rating: 4, liked: true }]));
    await seedLedgerFromExport(USER, data, { store });
    expect((await readLedger(USER, { store })).exportedAt).toBe('2026-04-02T23:59:59.999Z');
    await expect(seedLedgerFromExport('someone_else', data, { store })).rejects.toThrow(SyncLedgerInputError);
    await expect(seedLedgerFromExport(USER, data, { store }, { exportedAt: 'soon' })).rejects.toThrow(/not a date/);
    const undated = await readExport(exportZip(USER, [{ n: 36, code: 'mN2', date: '', rating: 4, liked: true }]));
    await expect(seedLedgerFromExport(USER, undated, { store })).rejects.toThrow(/pass exportedAt/);
  });
});
