/**
 * `@lbx/sync` — keep a TMDb list equal to a Letterboxd member's top-rated films: pagination, a safe
 * diff-based sync, and a pluggable mapping store.
 */
export { paginate } from './paginate.js';
export type { Page, PaginateItem, PaginateOptions, SortBy, SortOrder } from './paginate.js';

export { syncUser } from './sync-user.js';
export { syncUsers } from './sync-users.js';
export { resolveList, syncList } from './sync-list.js';
export type { ResolvedList, SyncListDeps, SyncListOptions } from './sync-list.js';
export { definitionId, definitionListName } from './list-definition.js';
export type { ListDefinition, ListOrder, ListSourceKind } from './list-definition.js';
export type { ListSource, ListSourceReadOptions } from './list-source.js';
export type { SkippedResult, SyncUsersOptions, SyncUsersResult } from './sync-users.js';
export { normalizeUsername, normalizeUsernames } from './normalize-username.js';
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
  SyncedResult,
  UnchangedResult,
  UnmatchedFilm,
  UnmatchedReason,
} from './sync-types.js';
export type { SyncTmdbClient } from './tmdb-port.js';
export type { FilmSource, FilmSourceFor, SourceFilm, SourceFilmDetails } from './film-source.js';

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
  MappingStoreWithLedger,
  MappingStoreWithOverrides,
} from './mapping-store.js';

// Match overrides: pin a film to a TMDb id, or exclude it
export type { FilmExclusion, FilmOverride, FilmPin, OverrideStore } from './overrides/override-store.js';
export { listOverrides, removeOverride, setOverride } from './overrides/match-overrides.js';
export type { ListedOverride, OverrideInput, OverrideTmdbClient } from './overrides/match-overrides.js';
export { SyncOverrideError } from './overrides/override-error.js';
export type { SyncOverrideErrorReason } from './overrides/override-error.js';

// Member film ledger: the export once, the RSS feed every run
export type { LedgerStore } from './ledger/ledger-store.js';
export type {
  AmbiguousFilm,
  FilmProvenance,
  LedgerApplyReport,
  LedgerEvent,
  LedgerFilm,
  LedgerInputFilm,
  LedgerLike,
  LedgerSnapshot,
  LedgerSnapshotFilm,
  LedgerTmdbRef,
  MemberLedger,
  Provenance,
  ProvenanceSource,
} from './ledger/ledger-types.js';
export { applyLedgerEvents, applyLedgerSnapshot, readLedger } from './ledger/update-ledger.js';
export type { LedgerDeps } from './ledger/update-ledger.js';
export { exportSnapshot, seedLedgerFromExport } from './ledger/export-snapshot.js';
export type { LedgerExportInput, LedgerExportRow, SeedLedgerOptions } from './ledger/export-snapshot.js';
export { feedEvents, refreshLedger } from './ledger/refresh-ledger.js';
export type {
  LedgerFeed,
  LedgerFeedEntry,
  LedgerFeedReader,
  LedgerRefreshResult,
  RefreshLedgerDeps,
  RefreshLedgerOptions,
} from './ledger/refresh-ledger.js';
export { createLedgerSource } from './ledger/ledger-source.js';
export type { LedgerSource, LedgerSourceFilm } from './ledger/ledger-source.js';
export { SyncEmptyLedgerError, SyncLedgerFeedError, SyncLedgerInputError } from './ledger/ledger-errors.js';

export {
  SyncError,
  SyncMappingStoreError,
  SyncMemberError,
  SyncOptionsError,
  SyncPaginationError,
  isSyncError,
} from './errors.js';
export type { SyncMappingStoreErrorReason, SyncStage } from './errors.js';
// Former error names, deprecated (see deprecated-names.ts).
export { MappingStoreError, MemberSyncError, PaginationError } from './deprecated-names.js';
export type { MappingStoreErrorReason } from './deprecated-names.js';
