import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterboxdClient } from '@lbx/letterboxd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SyncEmptyLedgerError,
  SyncLedgerFeedError,
  SyncMappingStoreError,
  SyncOptionsError,
  applyLedgerSnapshot,
  createJsonFileStore,
  createLedgerSource,
  createMemoryStore,
  readLedger,
  refreshLedger,
  syncUser,
  type MappingStore,
} from '@lbx/sync';
import { feedHandler, renderFeed, type FeedItem } from './support/member-feed.js';
import { keys, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
const USER = 'ember_keeper';
const ITEMS: FeedItem[] = [
  { n: 1, guid: 11, published: '2026-05-01T10:00:00Z', rating: 4, liked: true },
  { n: 2, guid: 12, published: '2026-05-02T10:00:00Z', rating: 5, liked: true },
];

let feed: string | number = '';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-ledger-'));
  feed = renderFeed(USER, ITEMS);
  h.server.use(feedHandler(USER, () => feed));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JSON file store', () => {
  it('keeps ledgers in a sibling file that a new store reads back, one entry per member', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    await refreshLedger(USER, { store: createJsonFileStore(path), feed: client });
    await applyLedgerSnapshot(
      'Other_Member',
      { source: 'scrape', takenAt: '2026-05-03T00:00:00Z', complete: false, films: [{ title: 'Lantern Film 3', year: 1962, slug: 'lantern-film-3', rating: 3, liked: true }] },
      { store: createJsonFileStore(path) },
    );
    const file = JSON.parse(await readFile(join(dir, 'tmdb_list_mappings.ledger.json'), 'utf8'));
    expect(Object.keys(file.members)).toEqual([USER, 'other_member']);
    const again = await readLedger(USER, { store: createJsonFileStore(path) });
    expect(again.films.map((f) => [f.slug, f.rating, f.liked])).toEqual([
      ['lantern-film-1', 4, true],
      ['lantern-film-2', 5, true],
    ]);
    const other = await readLedger('other_member', { store: createJsonFileStore(path) });
    expect(other.films[0]?.provenance.rating).toEqual({ source: 'scrape', observedAt: '2026-05-03T00:00:00Z' });
  });

  it('never overwrites a corrupt ledger file: refresh and sync fail with SyncMappingStoreError, the list stays', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    await refreshLedger(USER, { store, feed: client });
    const first = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    const ledgerPath = join(dir, 'tmdb_list_mappings.ledger.json');
    const corrupt = '{"version":1,"members":{"ember_keeper":{"films":"oops"}}}\n';
    await writeFile(ledgerPath, corrupt);

    await expect(refreshLedger(USER, { store, feed: client })).rejects.toMatchObject({
      name: 'SyncMappingStoreError',
      reason: 'corrupt',
      path: ledgerPath,
    });
    const second = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    expect(second.status).toBe('failed');
    expect(second.status === 'failed' && second.error.stage).toBe('fetch-films');
    expect(second.status === 'failed' && second.error.cause).toBeInstanceOf(SyncMappingStoreError);
    expect(await readFile(ledgerPath, 'utf8')).toBe(corrupt);
    expect(h.itemsOf(first.listId as number)).toEqual(keys([2, 1]));

    await writeFile(ledgerPath, 'not json');
    await expect(readLedger(USER, { store })).rejects.toThrow(/not valid JSON/);
    expect(await readFile(ledgerPath, 'utf8')).toBe('not json');
  });
});

describe('feed faults', () => {
  async function seeded(store: MappingStore) {
    await refreshLedger(USER, { store, feed: client });
    return readLedger(USER, { store });
  }

  it.each([
    ['answers 500', () => 500],
    ['is not XML', () => '<html><body>Maintenance</body>'],
    ['is not a feed', () => '<?xml version="1.0"?><html><body/></html>'],
  ])('a feed that %s leaves the ledger unchanged and the refresh reports it; the list is kept', async (_, body) => {
    const store = createMemoryStore();
    const before = await seeded(store);
    const synced = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    feed = body();

    const result = await refreshLedger(USER, { store, feed: client });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error).toBeInstanceOf(SyncLedgerFeedError);
    expect(result.error).toMatchObject({ username: USER, url: `https://letterboxd.com/${USER}/rss/` });
    expect(result.error.message).toMatch(/ledger was left unchanged/);
    expect(await readLedger(USER, { store })).toEqual(before);

    const again = await syncUser(USER, { source: createLedgerSource({ store }), tmdb: h.tmdb, store });
    expect(again.status).toBe('unchanged');
    expect(h.itemsOf(synced.listId as number)).toEqual(keys([2, 1]));
  });

  it('a reader that throws something without a URL is reported too; an abort is rethrown', async () => {
    const store = createMemoryStore();
    const failing = { getRssFeed: async () => Promise.reject(new Error('socket hang up')) };
    const result = await refreshLedger(USER, { store, feed: failing });
    expect(result).toMatchObject({ status: 'failed', error: { url: null } });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(refreshLedger(USER, { store, feed: client }, { signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('ledger source', () => {
  it('throws instead of returning nothing, and needs a store with a ledger', async () => {
    const store = createMemoryStore();
    const source = createLedgerSource({ store });
    await expect(source.getTopRated(USER)).rejects.toThrow(SyncEmptyLedgerError);
    feed = renderFeed(USER, [{ n: 1, guid: 11, published: '2026-05-01T10:00:00Z', rating: 4, liked: false }]);
    await refreshLedger(USER, { store, feed: client });
    await expect(source.getTopRated(USER)).rejects.toThrow(/no film that is both rated and liked \(of 1 films\)/);
    await expect(source.getTopRated(USER, { limit: 0 })).rejects.toThrow(SyncOptionsError);

    const { ledger: _ledger, ...bare } = store;
    expect(() => createLedgerSource({ store: bare })).toThrow(SyncOptionsError);
    await expect(readLedger(USER, { store: bare })).rejects.toThrow(SyncOptionsError);
    await expect(readLedger('  ', { store })).rejects.toThrow(SyncOptionsError);
  });

  it('honours limit and orders ties by the most recent rating, then title', async () => {
    const store = createMemoryStore();
    feed = renderFeed(USER, [
      { n: 3, guid: 21, published: '2026-05-01T10:00:00Z', rating: 4, liked: true },
      { n: 1, guid: 22, published: '2026-05-01T10:00:00Z', rating: 4, liked: true },
      { n: 2, guid: 23, published: '2026-05-02T10:00:00Z', rating: 4, liked: true },
      { n: 4, guid: 24, published: '2026-04-01T10:00:00Z', rating: 4.5, liked: true },
    ]);
    await refreshLedger(USER, { store, feed: client });
    const top = await createLedgerSource({ store }).getTopRated(USER, { limit: 3 });
    expect(top.map((f) => f.slug)).toEqual(['lantern-film-4', 'lantern-film-2', 'lantern-film-1']);
  });
});
