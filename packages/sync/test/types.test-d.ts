import { describe, expectTypeOf, it } from 'vitest';
import { createExportSource, createLetterboxdClient, createRssSource, type LetterboxdExport } from '@lbx/letterboxd';
import type { createTmdbClient } from '@lbx/tmdb';
import {
  createJsonFileStore,
  createMemoryStore,
  paginate,
  syncUser,
  syncUsers,
  createLedgerSource,
  type FilmSource,
  type LedgerExportInput,
  type LedgerFeedReader,
  type LedgerLike,
  type LedgerRefreshResult,
  type LedgerStore,
  type ListSource,
  type SkippedResult,
  type MappingStore,
  type SyncMemberError,
  type RefusalReason,
  type SyncEvent,
  type SyncResult,
  type SyncTmdbClient,
  setOverride,
  listOverrides,
  type FilmOverride,
  type OverrideTmdbClient,
  type OverrideStore,
} from '@lbx/sync';
import { createPostgresStore, type PgPool } from '@lbx/sync/postgres';
import pg from 'pg';

describe('public types', () => {
  it('accepts the real clients and sources as dependencies', () => {
    expectTypeOf(createLetterboxdClient()).toExtend<FilmSource>();
    // The scraping client satisfies the list port as it is (every kind of list definition).
    expectTypeOf(createLetterboxdClient()).toExtend<Required<ListSource>>();
    expectTypeOf<ReturnType<typeof createExportSource>>().toExtend<FilmSource>();
    expectTypeOf<ReturnType<typeof createRssSource>>().toExtend<FilmSource>();
    expectTypeOf<ReturnType<typeof createTmdbClient>>().toExtend<SyncTmdbClient>();
    expectTypeOf(createJsonFileStore()).toExtend<MappingStore>();
    expectTypeOf(createMemoryStore()).toExtend<MappingStore>();
  });

  it('takes the real export and feed reader as ledger inputs, and gives a FilmSource', () => {
    expectTypeOf<LetterboxdExport>().toExtend<LedgerExportInput>();
    expectTypeOf(createLetterboxdClient()).toExtend<LedgerFeedReader>();
    expectTypeOf(createJsonFileStore().ledger).toExtend<LedgerStore>();
    expectTypeOf(createLedgerSource({ store: createMemoryStore() })).toExtend<FilmSource>();
    expectTypeOf<LedgerLike>().toEqualTypeOf<boolean | 'unknown'>();
    const refreshed = {} as LedgerRefreshResult;
    if (refreshed.status === 'failed') expectTypeOf(refreshed.error.username).toBeString();
    else expectTypeOf(refreshed.report.changed).toBeBoolean();
  });

  it('narrows the result union on status', () => {
    const result = {} as SyncResult;
    if (result.status === 'failed') {
      expectTypeOf(result.error).toEqualTypeOf<SyncMemberError>();
    } else if (result.status === 'refused') {
      expectTypeOf(result.reason).toEqualTypeOf<RefusalReason>();
      expectTypeOf(result.message).toBeString();
    } else if (result.status === 'unchanged') {
      expectTypeOf(result.listId).toBeNumber();
    } else {
      expectTypeOf(result.status).toEqualTypeOf<'synced'>();
      expectTypeOf(result.listId).toEqualTypeOf<number | null>();
    }
    // @ts-expect-error `error` exists only on failed results
    void result.error;
  });

  it('adds skipped to the results of syncUsers and accepts a source per member', () => {
    const deps = {} as Parameters<typeof syncUsers>[1];
    void syncUsers(['x'], { ...deps, source: async (_username: string) => ({}) as FilmSource }, {});
    const [result] = [] as Awaited<ReturnType<typeof syncUsers>>;
    if (result?.status === 'skipped') expectTypeOf(result).toEqualTypeOf<SkippedResult>();
    // @ts-expect-error a source function must return a FilmSource
    void syncUsers(['x'], { ...deps, source: () => 'letterboxd' });
  });

  it('narrows events on type', () => {
    const event = {} as SyncEvent;
    if (event.type === 'items-removed') expectTypeOf(event.reason).toEqualTypeOf<'not-desired' | 'reorder'>();
    if (event.type === 'member-finished') expectTypeOf(event.result).toEqualTypeOf<SyncResult>();
  });

  it('rejects unknown options and keeps paginate generic', () => {
    const deps = {} as Parameters<typeof syncUser>[1];
    // @ts-expect-error unknown option
    void syncUser('x', deps, { clearFirst: true });
    // @ts-expect-error sortBy is a closed set
    void syncUser('x', deps, { sortBy: 'popularity' });
    const page = paginate([{ slug: 'a', title: 'A', year: 2000, rating: 4 }], { sortBy: 'title' });
    expectTypeOf(page.items[0]).toEqualTypeOf<{ slug: string; title: string; year: number; rating: number } | undefined>();
  });
});

describe('@lbx/sync/postgres', () => {
  it('takes a pg.Pool as it is, and its store is a MappingStore with a lock', () => {
    expectTypeOf<InstanceType<typeof pg.Pool>>().toExtend<PgPool>();
    const store = createPostgresStore({ pool: new pg.Pool() });
    expectTypeOf(store).toExtend<MappingStore>();
    expectTypeOf(store.lock<number>).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error unknown options are rejected
    createPostgresStore({ connectionString: 'postgres://x', poolSize: 3 });
  });

  it('types match overrides: pins and exclusions apart, the real client and stores fit', () => {
    expectTypeOf<ReturnType<typeof createTmdbClient>>().toExtend<OverrideTmdbClient>();
    expectTypeOf(createMemoryStore().overrides).toEqualTypeOf<OverrideStore>();
    expectTypeOf(createJsonFileStore().overrides).toEqualTypeOf<OverrideStore>();
    expectTypeOf(createPostgresStore({ connectionString: '' }).overrides).toEqualTypeOf<OverrideStore>();
    const store = createMemoryStore();
    const tmdb = {} as OverrideTmdbClient;
    void setOverride(store, tmdb, { key: 'the-thing', tmdbId: 1091, mediaType: 'movie' });
    void setOverride(store, tmdb, { key: 'the-thing', exclude: true });
    // @ts-expect-error a pin needs its media type
    void setOverride(store, tmdb, { key: 'the-thing', tmdbId: 1091 });
    // @ts-expect-error an exclusion is `exclude: true`
    void setOverride(store, tmdb, { key: 'the-thing', exclude: false });
    expectTypeOf(listOverrides(store)).resolves.items.toHaveProperty('key').toEqualTypeOf<string>();
    const override = {} as FilmOverride;
    if (override.kind === 'pin') expectTypeOf(override.tmdbId).toEqualTypeOf<number>();
    // @ts-expect-error an exclusion has no TMDb id
    else void override.tmdbId;
  });
});
