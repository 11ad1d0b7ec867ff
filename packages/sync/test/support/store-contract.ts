import { afterEach, describe, expect, it } from 'vitest';
import type { FilmCacheEntry, FilmOverride, MappingStore, MemberLedger } from '@lbx/sync';

/** The optional cross-process lock of a store (the pinned `MappingStore.lock` contract). */
type Lock = <T>(key: string, fn: () => Promise<T>, options?: { signal?: AbortSignal }) => Promise<T>;

/** A store under test, and how to get a second handle on the same data (another process, in effect). */
export interface ContractSubject {
  store: MappingStore & { lock?: Lock };
  /** A new store object over the same data (same file, database, …); absent for a purely in-memory store. */
  reopen?: () => MappingStore & { lock?: Lock };
  /** Release what the subject holds (pools, files). */
  cleanup?: () => Promise<void>;
}

const matched = (tmdbId: number, extra: Partial<FilmCacheEntry> = {}): FilmCacheEntry =>
  ({ status: 'matched', tmdbId, mediaType: 'movie', method: 'tmdb-id', resolvedAt: '2026-03-01T10:00:00.000Z', ...extra }) as FilmCacheEntry;

/** A one-film ledger as the ledger functions write it. */
function memberLedger(username: string, rating: number): MemberLedger {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    version: 1,
    username,
    films: [
      {
        id: 'f1',
        title: 'Parasite',
        year: 2019,
        slug: 'parasite-2019',
        exportKey: 'boxd:hTha',
        tmdb: { id: 496243, type: 'movie' },
        rating,
        liked: true,
        provenance: { rating: { source: 'rss', observedAt: at, guid: 'letterboxd-review-9' }, liked: { source: 'export', observedAt: at } },
      },
    ],
    exportedAt: at,
    lastFeedEntryAt: at,
    feedReadAt: at,
    guids: ['letterboxd-review-9'],
  };
}

/**
 * The `MappingStore` contract every store of this package passes: run it with a factory that gives a fresh,
 * empty store per test.
 */
export function describeMappingStoreContract(
  name: string,
  open: () => Promise<ContractSubject>,
  options: { /** `open()` gives a `reopen` (the data outlives the store object). */ shared?: boolean } = {},
): void {
  describe(`${name}: MappingStore contract`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    const subject = async () => {
      const opened = await open();
      if (opened.cleanup) cleanups.push(opened.cleanup);
      return opened;
    };
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    it('returns undefined for an unknown member and an empty object from all()', async () => {
      const { store } = await subject();
      expect(await store.get('cinephile_ada')).toBeUndefined();
      expect(await store.all()).toEqual({});
    });

    it('inserts, replaces and deletes mappings, and lists them all', async () => {
      const { store } = await subject();
      await store.set('cinephile_ada', 8500001);
      await store.set('noir.fan', 8500002);
      await store.set('cinephile_ada', 8500003);
      expect(await store.get('cinephile_ada')).toBe(8500003);
      await store.delete('noir.fan');
      await store.delete('never_mapped');
      expect(await store.all()).toEqual({ cinephile_ada: 8500003 });
    });

    it('keeps TMDb list ids beyond 32 bits exactly', async () => {
      const { store } = await subject();
      await store.set('big_lister', 9_007_199_254_740);
      expect(await store.get('big_lister')).toBe(9_007_199_254_740);
    });

    it('treats usernames as opaque keys: case, "__proto__", "constructor", non-ASCII', async () => {
      const { store } = await subject();
      const keys = ['Ana', 'ana', '__proto__', 'constructor', 'zoë_ü'];
      for (const [i, key] of keys.entries()) await store.set(key, 100 + i);
      expect(await store.get('toString')).toBeUndefined();
      expect(await store.get('__proto__')).toBe(102);
      expect(await store.get('Ana')).toBe(100);
      const all = await store.all();
      expect(Object.keys(all).sort()).toEqual([...keys].sort());
      expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    });

    it('refuses a list id that is not a positive integer and keeps the mapping it had', async () => {
      const { store } = await subject();
      await store.set('cinephile_ada', 7);
      for (const bad of [0, -3, 1.5, Number.NaN]) {
        await expect(store.set('cinephile_ada', bad)).rejects.toThrow(/positive integer/);
      }
      expect(await store.get('cinephile_ada')).toBe(7);
    });

    it('keeps every one of many concurrent writes', async () => {
      const { store } = await subject();
      const names = Array.from({ length: 40 }, (_, i) => `member_${i}`);
      await Promise.all(names.map((member, i) => store.set(member, 1000 + i)));
      const all = await store.all();
      expect(Object.keys(all).sort()).toEqual([...names].sort());
      expect(all.member_7).toBe(1007);
    });

    it('keeps film cache entries as given: matches with and without a method or an IMDb id, misses, replacements', async () => {
      const { store } = await subject();
      const films = store.films;
      expect(films).toBeDefined();
      if (!films) return;
      expect((await films.getMany([])).size).toBe(0);
      expect((await films.getMany(['parasite-2019'])).size).toBe(0);
      const legacy: FilmCacheEntry = { status: 'matched', tmdbId: 1396, mediaType: 'tv', resolvedAt: '2025-12-31T00:00:00.000Z' };
      await films.setMany(
        new Map<string, FilmCacheEntry>([
          ['parasite-2019', matched(496243)],
          ['breaking-bad', legacy],
          ['obscure-short', { status: 'unmatched', checkedAt: '2026-03-02T00:00:00.000Z' }],
          ['__proto__', matched(11, { method: 'search-fuzzy' })],
          ['fight-club', matched(550, { imdbId: 'tt0137523' })],
        ]),
      );
      await films.setMany(new Map());
      const got = await films.getMany(['parasite-2019', 'breaking-bad', 'obscure-short', '__proto__', 'constructor', 'fight-club']);
      expect(Object.fromEntries(got)).toEqual(
        Object.fromEntries([
          ['parasite-2019', matched(496243)],
          ['breaking-bad', legacy],
          ['obscure-short', { status: 'unmatched', checkedAt: '2026-03-02T00:00:00.000Z' }],
          ['__proto__', matched(11, { method: 'search-fuzzy' })],
          ['fight-club', matched(550, { imdbId: 'tt0137523' })],
        ]),
      );
      await films.setMany(new Map([['obscure-short', matched(99, { method: 'search-exact' })]]));
      expect((await films.getMany(['obscure-short'])).get('obscure-short')).toEqual(matched(99, { method: 'search-exact' }));
    });

    it('looks up a large batch of films in one call', async () => {
      const { store } = await subject();
      const entries = new Map<string, FilmCacheEntry>(Array.from({ length: 500 }, (_, i) => [`film-${i}`, matched(i + 1)]));
      await store.films?.setMany(entries);
      const got = await store.films?.getMany([...entries.keys(), 'missing-film']);
      expect(got?.size).toBe(500);
      expect(got?.get('film-499')).toEqual(matched(500));
    });

    it('keeps member ledgers whole and per member, when it has a ledger store', async () => {
      const { store, reopen } = await subject();
      const ledger = store.ledger;
      if (!ledger) return; // optional: a store without ledgers serves every sync but the ledger source
      expect(await ledger.get('cinephile_ada')).toBeUndefined();
      await ledger.put('cinephile_ada', memberLedger('cinephile_ada', 4));
      await ledger.put('noir.fan', memberLedger('noir.fan', 2));
      await ledger.put('cinephile_ada', memberLedger('cinephile_ada', 5));
      expect(await ledger.get('cinephile_ada')).toEqual(memberLedger('cinephile_ada', 5));
      expect(await ledger.get('noir.fan')).toEqual(memberLedger('noir.fan', 2));
      const stored = await ledger.get('noir.fan');
      if (stored) stored.films.length = 0; // a caller changing what it got changes nothing stored
      expect((await (reopen?.() ?? store).ledger?.get('noir.fan'))?.films).toHaveLength(1);
    });

    it('keeps match overrides as given, per film key, and deletes them', async () => {
      const { store, reopen } = await subject();
      const overrides = store.overrides;
      if (!overrides) return; // optional: a store without overrides resolves every film the normal way
      const pin: FilmOverride = { kind: 'pin', tmdbId: 1091, mediaType: 'movie', title: 'The Thing', year: 1982, setAt: '2026-03-01T10:00:00.000Z' };
      const series: FilmOverride = { kind: 'pin', tmdbId: 1396, mediaType: 'tv', title: null, year: null, setAt: '2026-03-01T10:00:01.000Z' };
      const exclusion: FilmOverride = { kind: 'exclude', setAt: '2026-03-01T10:00:02.000Z' };
      expect((await overrides.getMany(['the-thing'])).size).toBe(0);
      expect((await overrides.getMany([])).size).toBe(0);
      expect((await overrides.all()).size).toBe(0);
      await overrides.set('the-thing', { ...pin, tmdbId: 1 });
      await overrides.set('the-thing', pin);
      await overrides.set('boxd:2b4Q', series);
      await overrides.set('__proto__', exclusion);
      await overrides.set('The-Thing', exclusion);
      const got = await overrides.getMany(['the-thing', 'boxd:2b4Q', '__proto__', 'constructor', 'The-Thing']);
      expect(Object.fromEntries(got)).toEqual(
        Object.fromEntries([
          ['the-thing', pin],
          ['boxd:2b4Q', series],
          ['__proto__', exclusion],
          ['The-Thing', exclusion],
        ]),
      );
      const returned = got.get('the-thing');
      if (returned?.kind === 'pin') returned.tmdbId = 666; // a caller changing what it got changes nothing stored
      expect(await overrides.delete('The-Thing')).toBe(true);
      expect(await overrides.delete('The-Thing')).toBe(false);
      const again = reopen?.().overrides ?? overrides;
      expect([...(await again.all()).keys()].sort()).toEqual(['__proto__', 'boxd:2b4Q', 'the-thing']);
      expect((await again.getMany(['the-thing'])).get('the-thing')).toEqual(pin);
    });

    it('keeps every one of many concurrent override writes', async () => {
      const { store } = await subject();
      const overrides = store.overrides;
      if (!overrides) return;
      const keys = Array.from({ length: 30 }, (_, i) => `film-${i}`);
      await Promise.all(
        keys.map((key, i) => overrides.set(key, { kind: 'pin', tmdbId: 100 + i, mediaType: 'movie', title: null, year: null, setAt: '2026-03-01T10:00:00.000Z' })),
      );
      const all = await overrides.all();
      expect([...all.keys()].sort()).toEqual([...keys].sort());
      expect(all.get('film-7')).toMatchObject({ tmdbId: 107 });
    });

    if (options.shared) {
      it('shares its data with a second store over the same backing', async () => {
        const { store, reopen } = await subject();
        if (!reopen) throw new Error(`${name}: shared, but open() gave no reopen()`);
        await store.set('cinephile_ada', 8500001);
        await store.films?.setMany(new Map([['parasite-2019', matched(496243)]]));
        const other = reopen();
        expect(await other.get('cinephile_ada')).toBe(8500001);
        expect((await other.films?.getMany(['parasite-2019']))?.get('parasite-2019')).toEqual(matched(496243));
      });
    }
  });
}

/**
 * The `lock` contract, for stores that implement it: exclusive per key across store objects over the same
 * data, concurrent across keys, released after a failure, abortable while waiting.
 */
export function describeLockContract(name: string, open: () => Promise<Required<Pick<ContractSubject, 'reopen' | 'cleanup'>> & ContractSubject>): void {
  describe(`${name}: lock contract`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    const pair = async () => {
      const opened = await open();
      cleanups.push(opened.cleanup);
      const a = opened.store.lock;
      const other = opened.reopen();
      const b = other.lock;
      if (!a || !b) throw new Error(`${name} has no lock()`);
      return { a: a.bind(opened.store) as Lock, b: b.bind(other) as Lock };
    };
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    it('runs holders of the same key one at a time, across store objects, and returns their results', async () => {
      const { a, b } = await pair();
      const trace: string[] = [];
      const holder = (lock: Lock, who: string) =>
        lock('cinephile_ada', async () => {
          trace.push(`${who}:in`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          trace.push(`${who}:out`);
          return who;
        });
      const results = await Promise.all([holder(a, 'a1'), holder(b, 'b1'), holder(a, 'a2'), holder(b, 'b2')]);
      expect(results).toEqual(['a1', 'b1', 'a2', 'b2']);
      for (let i = 0; i < trace.length; i += 2) {
        expect(trace[i]?.replace(':in', '')).toBe(trace[i + 1]?.replace(':out', ''));
      }
      expect(trace).toHaveLength(8);
    });

    it('lets different keys run at the same time', async () => {
      const { a, b } = await pair();
      let releaseA: () => void = () => undefined;
      const aHeld = new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      let aEntered: () => void = () => undefined;
      const aIn = new Promise<void>((resolve) => {
        aEntered = resolve;
      });
      const first = a('member_one', async () => {
        aEntered();
        await aHeld;
      });
      await aIn;
      // Would wait forever if another key were blocked by member_one's holder.
      expect(await b('member_two', async () => 'ran')).toBe('ran');
      releaseA();
      await first;
    });

    it("passes fn's error through and releases the lock", async () => {
      const { a, b } = await pair();
      const failure = new Error('sync failed');
      await expect(a('cinephile_ada', () => Promise.reject(failure))).rejects.toBe(failure);
      expect(await b('cinephile_ada', async () => 'next')).toBe('next');
    });

    it('rejects with the abort reason while waiting, never runs fn, and leaves the lock usable', async () => {
      const { a, b } = await pair();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const holder = a('cinephile_ada', async () => {
        entered();
        await held;
      });
      await inside;
      const controller = new AbortController();
      let ran = false;
      const waiting = b(
        'cinephile_ada',
        async () => {
          ran = true;
        },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(new Error('shutting down')), 30);
      await expect(waiting).rejects.toThrow('shutting down');
      expect(ran).toBe(false);
      release();
      await holder;
      expect(await b('cinephile_ada', async () => 'after')).toBe('after');
      const aborted = AbortSignal.abort(new Error('already aborted'));
      await expect(b('cinephile_ada', async () => 'never', { signal: aborted })).rejects.toThrow('already aborted');
    });
  });
}
