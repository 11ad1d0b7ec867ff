/**
 * The error classes' former names. Every error of this package is now called `Sync<Failure>Error`, like
 * `Tmdb<Failure>Error` in `@lbx/tmdb` and `Letterboxd<Failure>Error` in `@lbx/letterboxd`. The old names still
 * work (same classes, so `instanceof` keeps working); an error's `name` is its new class name. They will be
 * removed in a later major release.
 */
import {
  SyncMappingStoreError,
  type SyncMappingStoreErrorReason,
  SyncMemberError,
  SyncPaginationError,
} from './errors.js';

/** @deprecated Renamed to {@link SyncPaginationError}. */
export const PaginationError = SyncPaginationError;
/** @deprecated Renamed to {@link SyncPaginationError}. */
export type PaginationError = SyncPaginationError;
/** @deprecated Renamed to {@link SyncMappingStoreError}. */
export const MappingStoreError = SyncMappingStoreError;
/** @deprecated Renamed to {@link SyncMappingStoreError}. */
export type MappingStoreError = SyncMappingStoreError;
/** @deprecated Renamed to {@link SyncMappingStoreErrorReason}. */
export type MappingStoreErrorReason = SyncMappingStoreErrorReason;
/** @deprecated Renamed to {@link SyncMemberError}. */
export const MemberSyncError = SyncMemberError;
/** @deprecated Renamed to {@link SyncMemberError}. */
export type MemberSyncError = SyncMemberError;
