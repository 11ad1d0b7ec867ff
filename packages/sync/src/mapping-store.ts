import type { MatchMethod } from '@lbx/tmdb';
import type { LedgerStore } from './ledger/ledger-store.js';
import type { OverrideStore } from './overrides/override-store.js';

/**
 * Where the sync remembers which TMDb list belongs to which Letterboxd member, and which TMDb id each film
 * resolved to. Two small async interfaces, so a Redis, Postgres or SQLite adapter is a few lines (see the
 * README for a sketch).
 */

/**
 * Member → TMDb list id. All methods are async and may throw; the sync reports a store failure as a `failed`
 * result for that member.
 *
 * Implementations must:
 * - return `undefined` from `get` for an unknown member (never throw for "not found");
 * - make `set` durable before resolving (the sync saves a new list's id right after creating it, so a crash
 *   later never creates a duplicate list);
 * - never lose other members' mappings when one is written (read-modify-write must be serialized);
 * - treat usernames as opaque keys (the sync passes them as given).
 */
export interface MappingStore {
  /** The TMDb v4 list id mapped to `username`, or `undefined`. */
  get(username: string): Promise<number | undefined>;
  /** Map `username` to `listId` (insert or replace). */
  set(username: string, listId: number): Promise<void>;
  /** Forget `username`'s mapping (no-op when absent). Never deletes the TMDb list itself. */
  delete(username: string): Promise<void>;
  /** Every mapping, as a plain object `{ [username]: listId }`. */
  all(): Promise<Record<string, number>>;
  /**
   * Optional film-resolution cache. Without it every sync resolves every film again (film pages or TMDb
   * searches); with it a warm sync costs no lookups at all.
   */
  readonly films?: FilmCache;
  /**
   * Optional cross-process lock: run `fn` while holding an exclusive lock on `key` across every process that
   * shares this store, and resolve or reject with `fn`'s outcome. The sync takes it around a member's whole
   * sync (key: the lower-case username), in addition to its in-process lock, so two processes never create
   * two lists or interleave writes for one member. A holder that dies must not keep the lock (a PostgreSQL
   * advisory lock is released by the server; a file lock must be stale-safe). When `signal` aborts while
   * waiting, reject with its reason without running `fn`.
   */
  lock?<T>(key: string, fn: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /**
   * Optional member film ledgers (export + RSS feed accumulated over time; see `createLedgerSource`). Needed
   * only by the ledger functions.
   */
  readonly ledger?: LedgerStore;
  /**
   * Optional match overrides (a film pinned to a TMDb id, or excluded), shared by every member and list of the
   * store. The sync applies them before any other resolution; set them with `setOverride`.
   */
  readonly overrides?: OverrideStore;
}

/** A film resolved to a TMDb entry. Ids never change on TMDb, so the entry is kept forever. */
export interface FilmCacheMatch {
  status: 'matched';
  tmdbId: number;
  mediaType: 'movie' | 'tv';
  /**
   * How the film was matched (`'tmdb-id' | 'imdb-id' | 'search-exact' | 'search-fuzzy'`). The sync always
   * writes it; it is optional so entries written before it existed stay valid (a hit on such an entry reports
   * `method: null`). Adapters should store and return it as given.
   */
  method?: MatchMethod;
  /**
   * The film's IMDb id (`tt…`) when it was known as the film resolved (from the source, the film page, or the
   * IMDb lookup that matched it); absent otherwise and on entries written before it was recorded. Adapters should
   * store and return it as given.
   */
  imdbId?: string;
  /** When it was resolved (ISO 8601). */
  resolvedAt: string;
}

/** A film that could not be matched; the sync tries again once it is older than `retryUnmatchedAfterMs`. */
export interface FilmCacheMiss {
  status: 'unmatched';
  /** When the lookup last failed to find a confident match (ISO 8601). */
  checkedAt: string;
}

/** What the film cache stores per film (keyed by the source's slug). */
export type FilmCacheEntry = FilmCacheMatch | FilmCacheMiss;

/** Film-resolution cache: Letterboxd slug → TMDb id (or "unmatched, retry later"). Batched on purpose. */
export interface FilmCache {
  /** Entries for the slugs that have one (absent slugs are simply missing from the map). */
  getMany(slugs: readonly string[]): Promise<Map<string, FilmCacheEntry>>;
  /** Insert or replace entries. */
  setMany(entries: ReadonlyMap<string, FilmCacheEntry>): Promise<void>;
}

/** A mapping store that also carries a film cache (what the built-in stores return). */
export interface MappingStoreWithFilms extends MappingStore {
  readonly films: FilmCache;
}

/** A mapping store with a film cache and member ledgers (what the built-in stores return). */
export interface MappingStoreWithLedger extends MappingStoreWithFilms {
  readonly ledger: LedgerStore;
}

/** A mapping store with a film cache, member ledgers and match overrides (what the built-in stores return). */
export interface MappingStoreWithOverrides extends MappingStoreWithLedger {
  readonly overrides: OverrideStore;
}
