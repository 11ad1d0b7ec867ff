/**
 * `@lbx/sync` — keep a TMDb list equal to a Letterboxd member's top-rated films: pagination, a safe
 * diff-based sync, and a pluggable mapping store.
 */
export { paginate } from './paginate.js';
export type { Page, PaginateItem, PaginateOptions, SortBy, SortOrder } from './paginate.js';

export { syncUser } from './sync-user.js';
export { syncUsers } from './sync-users.js';
export type {
  FailedResult,
  FilmMatchMethod,
  MatchedFilm,
  PlannedItem,
  RefusalReason,
  RefusedResult,
  ResolvedVia,
  SyncDeps,
  SyncEvent,
  SyncEventType,
  SyncFilmRef,
  SyncOptions,
  SyncPlan,
  SyncResult,
  SyncResultBase,
  SyncUsersOptions,
  SyncedResult,
  UnchangedResult,
  UnmatchedFilm,
  UnmatchedReason,
} from './sync-types.js';
export type { SyncTmdbClient } from './tmdb-port.js';
export type { FilmSource, SourceFilm, SourceFilmDetails } from './film-source.js';

export { createJsonFileStore } from './json-file-store.js';
export type { JsonFileStoreOptions } from './json-file-store.js';
export { createMemoryStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export type {
  FilmCache,
  FilmCacheEntry,
  FilmCacheMatch,
  FilmCacheMiss,
  MappingStore,
  MappingStoreWithFilms,
} from './mapping-store.js';

export {
  MappingStoreError,
  MemberSyncError,
  PaginationError,
  SyncError,
  SyncOptionsError,
  isSyncError,
} from './errors.js';
export type { MappingStoreErrorReason, SyncStage } from './errors.js';
